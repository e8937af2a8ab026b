"""Drive Material's search box as a reader does, and read back the ranking.

Used by the browser tests and by bench/search_quality.py, so both judge the
search the same way: type the query key by key, wait for the result list to
settle, order the results by the score Material shows on each of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

RESULT_LINKS = ".md-search-result__list a.md-search-result__link"


@dataclass(frozen=True)
class Result:
    location: str  # path and anchor relative to the site's root, as in the query table: "fiches/amo/#missions"
    href: str      # the link as the page has it, with its ?h= highlight terms
    score: float


def open_search(page, site_url: str, path: str = "") -> None:
    page.goto(site_url + path)
    page.locator("input.md-search__input").click()


def type_query(page, query: str, settle_ms: int = 300, timeout_s: float = 10.0) -> list[Result]:
    """Type query in the search box (clearing it first); the ranked results."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=15)
    return _settled_results(page, settle_ms, timeout_s)


def _settled_results(page, settle_ms: int, timeout_s: float) -> list[Result]:
    deadline = time.monotonic() + timeout_s
    previous = None
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        current = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)].map(a => [
                a.href, parseFloat(a.querySelector('article').dataset.mdScore)])""",
            RESULT_LINKS,
        )
        meta = page.locator(".md-search-result__meta").inner_text()
        snapshot = (tuple(map(tuple, current)), meta)
        if snapshot != previous:
            previous, stable_since = snapshot, time.monotonic()
        elif time.monotonic() - stable_since >= settle_ms / 1000 and (current or "Aucun" in meta):
            break
        page.wait_for_timeout(50)
    site_root = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location.href).pathname")
    results = []
    for href, score in previous[0] if previous else ():
        parts = urlsplit(href)
        location = parts.path[len(site_root):] if parts.path.startswith(site_root) else parts.path
        results.append(Result(location + (f"#{parts.fragment}" if parts.fragment else ""), href, score))
    # Material lists results grouped by page; a reader's "best result" is the highest score.
    return sorted(results, key=lambda r: -r.score)


def ranked_locations(results: list[Result]) -> list[str]:
    seen: list[str] = []
    for result in results:
        if result.location not in seen:
            seen.append(result.location)
    return seen

"""No page of the built site asks anything of another host than its own.

A real browser loads every page (found by walking the built site), lets its
scripts run, and records every request: fonts, scripts, images, API calls
(Material asks api.github.com about the repository unless told not to).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from site_pages import html_pages


def test_no_page_makes_a_third_party_request(page, built_site: Path, site_url: str):
    requested: list[tuple[str, str]] = []
    current = {"page": ""}
    page.on("request", lambda request: requested.append((current["page"], request.url)))
    for path in html_pages(built_site):
        current["page"] = path
        page.goto(site_url + path, wait_until="networkidle")
        # Open the search too: its worker and its language files load then.
        page.evaluate("document.getElementById('__search').click()")
        page.wait_for_load_state("networkidle")
    foreign = [(path, url) for path, url in requested
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]
    assert foreign == []
    assert len({path for path, _ in requested}) == len(html_pages(built_site))


def test_a_search_loads_nothing_from_elsewhere(page, site_url: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("pilotage", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in url for url in requested)
    assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []

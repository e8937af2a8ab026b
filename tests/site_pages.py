"""The pages of a built site, found by walking its folder (not from a list)."""

from __future__ import annotations

from pathlib import Path


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as the address path a reader would open."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative[: -len("index.html")] if path.name == "index.html" else relative)
    assert pages, f"aucune page HTML dans {site}"
    return pages

"""The pages of a built site, found by walking its folder (not from a list)."""

from __future__ import annotations

from pathlib import Path


# The web editor's page is Decap CMS's application, for the kit's editors: not a
# page of the theme (tests/test_editor_site.py and test_editor_browser.py check it).
EDITOR_DIR = "admin/"


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site for its readers, as the address path a reader would open."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(EDITOR_DIR):
            continue
        pages.append(relative[: -len("index.html")] if path.name == "index.html" else relative)
    assert pages, f"aucune page HTML dans {site}"
    return pages

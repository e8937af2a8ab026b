"""What a page says about itself when shared or indexed: title, description,
Open Graph, canonical URL and sitemap, all from site_url."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kitoutils.intake.loader import load_kit

from conftest import KIT
from site_pages import html_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(page: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


def canonical(page: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)"', page)
    return match.group(1) if match else None


def test_every_page_has_title_description_and_open_graph(built_site: Path, site_url: str):
    for path in html_pages(built_site):
        page = (built_site / (path + "index.html" if path.endswith("/") or not path else path)).read_text(encoding="utf-8")
        title = html.unescape(re.search(r"<title>([^<]+)</title>", page).group(1))
        assert title.endswith("Kit outils démocratie contributive"), path
        description = meta(page, "name", "description")
        assert description and description.strip(), path
        assert meta(page, "property", "og:title"), path
        assert meta(page, "property", "og:description") == description, path
        assert meta(page, "property", "og:locale") == "fr_FR", path
        assert meta(page, "property", "og:site_name") == "Kit outils démocratie contributive", path
        assert meta(page, "property", "og:type") == ("website" if path == "" else "article"), path
        if path != "404.html":  # the 404 page has no address of its own
            assert canonical(page) == site_url + path, path
            assert meta(page, "property", "og:url") == site_url + path, path


def test_a_sheet_is_shared_with_its_own_title_and_summary(built_site: Path, site_url: str):
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        assert meta(page, "property", "og:title") == fiche.titre
        assert meta(page, "property", "og:description") == fiche.resume
        assert html.unescape(re.search(r"<title>([^<]+)</title>", page).group(1)) == \
            f"{fiche.titre} - Kit outils démocratie contributive"


def test_sitemap_lists_every_page_with_site_url(built_site: Path, site_url: str):
    tree = ET.parse(built_site / "sitemap.xml")
    addresses = {loc.text for loc in tree.iter(f"{SITEMAP}loc")}
    for fiche in load_kit(KIT).fiches:
        assert f"{site_url}fiches/{fiche.id}/" in addresses
    for page in ("", "accessibilite/", "mentions-legales/", "a-propos/", "contribuer/"):
        assert site_url + page in addresses
    assert all(address.startswith(site_url) for address in addresses)
    assert not any("404" in address for address in addresses)

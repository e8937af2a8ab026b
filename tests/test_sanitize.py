"""The sheets' Markdown fields as sanitised HTML (kitoutils/pages/sanitize.py)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from conftest import ROOT
from kitoutils.model.markdown_dialect import FIELD_EXTENSIONS, PAGE_ONLY_EXTENSIONS
from kitoutils.pages.sanitize import FieldRenderer, site_link


def test_fields_use_the_site_s_markdown_extensions_less_the_page_only_ones():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV values
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(names) == sorted([*FIELD_EXTENSIONS, *PAGE_ONLY_EXTENSIONS])


@pytest.mark.parametrize(("address", "directory_urls", "expected"), [
    ("amo.md", True, "../amo/"),
    ("amo.md#missions", True, "../amo/#missions"),
    ("#missions", True, "#missions"),
    ("../a-propos.md", True, "../../a-propos/"),
    ("../index.md", True, "../../"),
    ("../assets/fiche.pdf", True, "../../assets/fiche.pdf"),
    ("amo.md", False, "amo.html"),
    ("amo.md#missions", False, "amo.html#missions"),
    ("../a-propos.md", False, "../a-propos.html"),
    ("../index.md", False, "../index.html"),
    ("https://www.arene-idf.org/", True, "https://www.arene-idf.org/"),
    ("mailto:kit@example.org", True, "mailto:kit@example.org"),
])
def test_relative_links_are_written_as_mkdocs_writes_them(address, directory_urls, expected):
    assert site_link(address, "fiches/pilotage.md", directory_urls) == expected


def test_a_field_keeps_markdown_and_loses_everything_else():
    renderer = FieldRenderer("fiches/pilotage.md")
    html = renderer.block("**Gras**, *italique*, `code`, [lien](amo.md#x) et [web](https://example.org).\n\n"
                          "- un\n- deux\n\n<b onclick=x>html</b> {: .classe }")
    assert "<strong>Gras</strong>" in html and "<em>italique</em>" in html and "<code>code</code>" in html
    assert '<a href="../amo/#x" rel="noopener noreferrer">lien</a>' in html
    assert "<ul>\n<li>un</li>" in html
    assert "onclick" not in html and "<b" not in html
    assert renderer.inline("Un *élément* [x](amo.md)") == \
        'Un <em>élément</em> <a href="../amo/" rel="noopener noreferrer">x</a>'


def content_links(html: str) -> list[str]:
    links = []
    for block in re.findall(r'<div class="kit-texte">(.*?)</div>', html, re.DOTALL):
        links += re.findall(r'href="([^"]+)"', block)
    for label in re.findall(r'<label class="kit-checklist__libelle"[^>]*>(.*?)</label>', html, re.DOTALL):
        links += re.findall(r'href="([^"]+)"', label)
    return links


def site_links(page: Path) -> list[str]:
    """The links of a sheet's texts that lead within the site, each same-page
    anchor checked here against the page's ids."""
    html = page.read_text(encoding="utf-8")
    links = []
    for link in content_links(html):
        if urlparse(link).scheme:
            continue
        if link.startswith("#"):  # a place on the same page
            assert f'id="{link[1:]}"' in html, (page, link)
        links.append(link)
    return links


def test_every_link_in_the_sheets_texts_leads_to_a_built_page(built_site: Path):
    checked = 0
    for page in sorted((built_site / "fiches").glob("*/index.html")):
        for link in site_links(page):
            target = urlparse(urljoin("http://x/" + page.relative_to(built_site).as_posix(), link)).path
            path = built_site / unquote(target).lstrip("/")
            assert (path / "index.html" if target.endswith("/") else path).is_file(), (page, link)
            checked += 1
    assert checked >= 5


def test_every_link_in_the_offline_sheets_texts_leads_to_a_file(built_site: Path, tmp_path: Path):
    with zipfile.ZipFile(built_site / "hors-ligne" / "kit-hors-ligne.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "kit-democratie-contributive"
    checked = 0
    for page in sorted((folder / "fiches").glob("*.html")):
        for link in site_links(page):
            file = unquote(link.split("#")[0])
            target = (page.parent / file).resolve() if file else page  # « #x »: this page
            assert target.is_file() and target.suffix == ".html", (page, link)
            checked += 1
    assert checked >= 5

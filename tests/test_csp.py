"""The Content-Security-Policy of every page (issue 11): its terms, its hashes, and normal use under it.

Every browser test that uses the `context` fixture also fails on any policy
violation (tests/conftest.py); the walk below goes through what a reader
does on one visit, online and from the offline copy.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from conftest import csp_violations
from kitoutils.pages.csp import policy, script_hash, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.DOTALL)


def pages(site: Path) -> list[Path]:
    # The web editor (admin/) is not a page of MkDocs: it carries a policy of its own.
    return [p for p in sorted(site.rglob("*.html")) if "assets" not in p.parts and "admin" not in p.parts]


def test_every_page_has_the_policy_first_with_the_hash_of_each_inline_script(built_site: Path):
    for path in pages(built_site):
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, path
        # Before any script, after the encoding (which must come within the first 1024 bytes).
        assert html.index('<meta charset="utf-8">') < html.index("<meta http-equiv") < html.index("<script"), path
        directives = dict(d.strip().split(" ", 1) for d in found[0].split(";"))
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert directives["img-src"] == "'self' data:" and directives["connect-src"] == "'self'"
        assert directives["form-action"] == ("'self'" if path.name == "404.html" else "'none'"), path
        for script in INLINE_SCRIPT.findall(html):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], path


def test_policy_is_computed_from_the_page_as_written():
    page = "<html><head><script>a()</script></head><body><script src='x.js'></script>" \
           "<script type='application/json'>{}</script><script>\nb()\n</script></body></html>"
    assert re.findall(r"'sha256-[^']+'", policy(page)) == sorted([script_hash("a()"), script_hash("\nb()\n")])
    assert "file:" not in policy(page) and "script-src 'self' file:" in policy(page, offline=True)
    assert with_policy(page).startswith('<html><head><meta http-equiv="Content-Security-Policy"')
    assert with_policy('<head>\n  <meta charset="utf-8"><script>a()</script>').startswith(
        '<head>\n  <meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')


def walk_a_visit(page, home: str, sheet: str) -> None:
    """What a reader does: filter the home page, switch to dark, search, fill a list, export, print."""
    page.goto(home)
    page.get_by_label("Public", exact=True).select_option("elus")
    page.locator("label[title='Passer au thème sombre']").click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("pilotage", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.goto(sheet)
    page.locator(".kit-checklist__case").first.check()
    checklist = page.locator(".kit-checklist").first
    checklist.locator("details.kit-checklist__outils summary").click()  # unfold the list's actions
    with page.expect_download():
        checklist.get_by_role("button", name="Enregistrer une copie (fichier)", exact=True).click()
    page.emulate_media(media="print")
    page.pdf()  # what printing lays out
    page.emulate_media(media="screen")


def test_a_visit_raises_no_policy_violation_online(page, site_url):
    walk_a_visit(page, site_url, site_url + "fiches/pilotage/")
    # The context fixture fails the test on any violation; this says the walk really ran.
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


def test_a_visit_raises_no_policy_violation_in_the_offline_copy(browser, built_site, tmp_path):
    with zipfile.ZipFile(built_site / "hors-ligne" / "kit-hors-ligne.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "kit-democratie-contributive"
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    violations = csp_violations(context)
    try:
        page = context.new_page()
        walk_a_visit(page, (folder / "index.html").as_uri(), (folder / "fiches" / "pilotage.html").as_uri())
        policy_text = META.search((folder / "index.html").read_text(encoding="utf-8")).group(1)
        assert "script-src 'self' file:" in policy_text
    finally:
        context.close()
    assert violations == []

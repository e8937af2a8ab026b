"""One order of sheets everywhere: phases in the vocabulary's order, then the
order each phase lists, then the other sheets by title (model/order.py)."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from kitoutils.downloads.catalog import KIT_JSON_PATH
from kitoutils.intake.loader import load_kit
from kitoutils.model.order import in_kit_order

from conftest import KIT

KIT_DATA = load_kit(KIT)
# As kit/vocabulaire.yml orders them: its phases in order, each phase's `fiches` list first.
EXPECTED = ["democratie-contributive", "pilotage", "faq-elus", "amo", "conduite-des-ateliers", "suivi-externe"]


def test_the_loaded_kit_is_in_the_vocabulary_s_order():
    assert [f.id for f in KIT_DATA.fiches] == EXPECTED


def test_unlisted_sheets_follow_by_title_and_unknown_ids_are_ignored():
    preparation, conduite, suites = KIT_DATA.vocabulaire.phases
    phases = (replace(preparation, fiches=("absente", "amo")), conduite, suites)
    amo, faq, pilotage, suivi = (KIT_DATA.fiche(i) for i in ("amo", "faq-elus", "pilotage", "suivi-externe"))
    zebre = replace(pilotage, id="zebre", titre="Zèbre")
    accents = replace(pilotage, id="etre", titre="Être ensemble")
    ordered = in_kit_order([suivi, zebre, faq, amo, accents, pilotage], phases)
    # Listed first (« absente » names no sheet), then by title, accents ignored.
    assert [f.id for f in ordered] == ["amo", "etre", "faq-elus", "pilotage", "zebre", "suivi-externe"]


def _sheets_linked(html: str) -> list[str]:
    found = []
    for sheet in re.findall(r'href="(?:\.\./)*(?:/)?fiches/([a-z0-9-]+)/"', html):
        if sheet not in found:
            found.append(sheet)
    return found


def test_navigation_home_tag_pages_and_prev_next_share_the_order(page, built_site: Path, site_url: str):
    # The navigation: the 404 page lists it whole (with navigation.prune, a
    # page's sidebar only opens its own section); each sheet's sidebar lists
    # its phase in the same order.
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    not_found = not_found[not_found.index('id="les-fiches"'):]
    assert _sheets_linked(not_found) == EXPECTED
    sidebar = (built_site / "fiches" / "faq-elus" / "index.html").read_text(encoding="utf-8")
    sidebar = sidebar[sidebar.index('class="md-nav md-nav--primary"'):sidebar.index('class="md-content"')]
    # From fiches/faq-elus/, its neighbours are "../<id>/" and itself "./".
    sidebar = re.sub(r'href="\.\./([a-z0-9-]+)/"', r'href="fiches/\1/"', sidebar.replace('href="./"', 'href="fiches/faq-elus/"'))
    assert [i for i in _sheets_linked(sidebar) if i in EXPECTED] == EXPECTED
    home = (built_site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'class="kit-carte" data-fiche="([a-z0-9-]+)"', home)
    assert cards == EXPECTED
    frise = (built_site / "qui-fait-quoi" / "index.html").read_text(encoding="utf-8")
    frise = frise[frise.index('class="kit-frise"'):]
    assert re.findall(r'data-fiche="([a-z0-9-]+)"', frise) == EXPECTED
    for kind, term in (("publics", "elus"), ("phases", "preparation")):
        tag = (built_site / kind / term / "index.html").read_text(encoding="utf-8")
        listed = re.findall(r'<li data-fiche="([a-z0-9-]+)"', tag)
        assert listed == [i for i in EXPECTED if i in listed] and listed
    # « Suivant » at the foot of each page, from the home page through the sheets.
    page.goto(site_url)
    chain = []
    for _ in range(len(EXPECTED)):
        page.locator("a.md-footer__link--next").click()
        page.wait_for_load_state()
        chain.append(page.url.rstrip("/").rsplit("/", 1)[-1])
    assert chain == EXPECTED
    # And back with « Précédent ».
    page.locator("a.md-footer__link--prev").click()
    assert page.url.rstrip("/").endswith(EXPECTED[-2])


def test_kit_json_the_zip_and_the_sheet_pdfs_share_the_order(built_site: Path):
    data = json.loads((built_site / KIT_JSON_PATH).read_text(encoding="utf-8"))
    assert [f["id"] for f in data["fiches"]] == EXPECTED
    [archive] = list((built_site / "telechargements").glob("*.zip"))
    with zipfile.ZipFile(archive) as zipped:
        folders = [name.split("/")[2] for name in zipped.namelist() if "/telechargements/" in name]
    assert list(dict.fromkeys(folders)) == EXPECTED

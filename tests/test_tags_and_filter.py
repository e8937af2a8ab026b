"""Tag pages by audience and phase, and the home page's filter of sheets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit

from conftest import KIT

KIT_DATA = load_kit(KIT)


def expected_sheets(kind: str, term_id: str) -> set[str]:
    """The spec, said again from the YAML: a sheet belongs to a tag if it names the term."""
    if kind == "publics":
        return {f.id for f in KIT_DATA.fiches if term_id in f.publics}
    return {f.id for f in KIT_DATA.fiches if f.phase == term_id}


TAGS = [(kind, term.id) for kind in ("publics", "phases") for term in getattr(KIT_DATA.vocabulaire, kind)]


@pytest.mark.parametrize("kind, term_id", TAGS)
def test_tag_page_lists_exactly_its_sheets(built_site: Path, kind: str, term_id: str):
    page = (built_site / kind / term_id / "index.html").read_text(encoding="utf-8")
    start = page.find('<ul class="kit-etiquette-fiches">')
    page = page[start: page.index("</ul>", start)] if start >= 0 else ""
    listed = set(re.findall(r'<li data-fiche="([a-z0-9-]+)"', page))
    linked = set(re.findall(r'href="\.\./\.\./fiches/([a-z0-9-]+)/"', page))
    assert listed == expected_sheets(kind, term_id)
    assert linked == listed


def test_tag_pages_exist_for_elus_and_preparation(built_site: Path):
    assert expected_sheets("publics", "elus") == {
        "conduite-des-ateliers", "democratie-contributive", "faq-elus", "pilotage", "suivi-externe"}
    assert "Fiches pour le public «\u202fÉlus\u202f»" in (built_site / "publics/elus/index.html").read_text(encoding="utf-8")
    assert "Fiches de la phase «\u202fPréparation\u202f»" in (
        built_site / "phases/preparation/index.html").read_text(encoding="utf-8")


def test_sheet_metadata_links_to_its_tag_pages(built_site: Path):
    for fiche in KIT_DATA.fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        meta = page[page.index('class="kit-fiche-meta"'):]
        meta = meta[: meta.index("</div>")]
        assert f'href="../../phases/{fiche.phase}/"' in meta
        for public in fiche.publics:
            assert f'href="../../publics/{public}/"' in meta


def visible_sheets(page) -> set[str]:
    return set(page.evaluate("""() => [...document.querySelectorAll('.kit-carte[data-fiche]')]
        .filter(card => card.offsetParent !== null).map(card => card.dataset.fiche)"""))


def test_home_filter_by_audience_then_phase_without_reloading(page, site_url):
    page.goto(site_url)
    page.evaluate("window.notReloaded = true")
    everything = {f.id for f in KIT_DATA.fiches}
    assert visible_sheets(page) == everything
    count = page.locator(".kit-filtre__compte")
    assert count.inner_text() == f"{len(everything)} fiches sur {len(everything)}"

    page.get_by_label("Public", exact=True).select_option("elus")
    assert visible_sheets(page) == expected_sheets("publics", "elus")
    assert count.inner_text() == f"5 fiches sur {len(everything)}"

    page.get_by_label("Public", exact=True).select_option("")
    page.get_by_label("Phase", exact=True).select_option("suites")
    assert visible_sheets(page) == expected_sheets("phases", "suites")
    assert count.inner_text() == f"1 fiche sur {len(everything)}"
    # The phase without any sheet shown disappears with its heading.
    assert not page.locator("#phase-preparation").is_visible()

    page.get_by_label("Public", exact=True).select_option("services")
    assert visible_sheets(page) == set()
    assert count.inner_text().startswith("Aucune fiche ne correspond")
    assert page.evaluate("window.notReloaded") is True
    assert "public=services" in page.url and "phase=suites" in page.url


def test_home_filter_choice_survives_a_reload(page, site_url):
    page.goto(site_url + "?public=partenaires")
    assert page.get_by_label("Public", exact=True).input_value() == "partenaires"
    assert visible_sheets(page) == expected_sheets("publics", "partenaires")


def test_home_filter_count_is_announced_and_controls_are_labelled(page, site_url):
    from conftest import axe_violations

    page.goto(site_url)
    assert page.locator(".kit-filtre__compte").get_attribute("role") == "status"
    violations = [v for v in axe_violations(page) if any(
        "kit-filtre" in " ".join(map(str, target)) for target in v["nodes"])]
    assert violations == []


def test_without_javascript_the_home_links_to_the_tag_pages(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("select").count() == 0
    links = page.locator(".kit-filtre a")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert "publics/elus/" in hrefs and "phases/preparation/" in hrefs
    page.locator(".kit-filtre a", has_text="Élus").click()
    assert set(re.findall(r'data-fiche="([a-z0-9-]+)"', page.content())) == expected_sheets("publics", "elus")
    context.close()

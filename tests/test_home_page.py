"""The home page leads a first-time visitor to the right sheet, and a sheet
page opens on its content (issue 14), in Chromium at a laptop's and a phone's size."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.pages.render import render_start_here

from conftest import KIT, axe_violations

KIT_DATA = load_kit(KIT)
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
SHEET_LINK = "article a[href*='fiches/']"
REPOSITORY = "https://github.com/kit-democratie-contributive/kit"  # mkdocs.yml's repo_url by default


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser):
    context = browser.new_context(locale="fr-FR", viewport=LAPTOP)
    yield context.new_page()
    context.close()


def first_sheet_link_top(page) -> float:
    """Where the first link to a sheet starts, from the top of the page (px)."""
    return page.evaluate(f"""() => Math.min(...[...document.querySelectorAll("{SHEET_LINK}")]
        .filter(a => a.offsetParent !== null)
        .map(a => a.getBoundingClientRect().top + window.scrollY))""")


def test_a_sheet_link_is_in_the_laptop_s_first_screen(laptop, site_url):
    laptop.goto(site_url)
    top = first_sheet_link_top(laptop)
    assert top + 20 <= LAPTOP["height"], top


def test_a_sheet_link_is_within_the_phone_s_first_two_screens(phone, site_url):
    phone.goto(site_url)
    top = first_sheet_link_top(phone)
    assert top + 20 <= 2 * PHONE["height"], top


def test_the_home_page_says_what_the_kit_is_before_where_to_start(laptop, site_url):
    laptop.goto(site_url)
    intro = laptop.locator("article h1 + p")
    assert "démarche de prospective participative" in intro.inner_text()
    start = laptop.locator("#par-ou-commencer")
    assert start.inner_text().rstrip("¶").strip() == "Par où commencer\u202f?"
    assert start.bounding_box()["y"] < LAPTOP["height"]


def test_every_start_here_entry_leads_to_the_sheet_it_names(laptop, site_url):
    expected = [(situation, fiche) for fiche in KIT_DATA.fiches for situation in fiche.situations]
    assert len(expected) >= 4
    laptop.goto(site_url)
    entries = laptop.locator(".kit-commencer li")
    assert entries.count() == len(expected)
    for index, (situation, fiche) in enumerate(expected):
        laptop.goto(site_url)
        entry = laptop.locator(".kit-commencer li").nth(index)
        assert entry.locator(".kit-commencer__fiche").inner_text() == fiche.titre
        link = entry.get_by_role("link")
        assert link.inner_text() == situation
        # The whole box is the link: a click on its sheet's title follows it too.
        box = entry.locator(".kit-commencer__fiche").bounding_box()
        laptop.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        laptop.wait_for_url(f"**/fiches/{fiche.id}/")
        assert laptop.locator("h1").inner_text().rstrip("¶").strip() == fiche.titre


def test_start_here_names_only_sheets_the_kit_has():
    without_amo = replace(KIT_DATA, fiches=tuple(f for f in KIT_DATA.fiches if f.id != "amo"))
    markdown = render_start_here(without_amo)
    assert "Je cherche un prestataire" not in markdown and "amo.md" not in markdown
    assert "(fiches/pilotage.md)" in markdown
    nobody = replace(KIT_DATA, fiches=tuple(replace(f, situations=()) for f in KIT_DATA.fiches))
    assert render_start_here(nobody).strip() == ""  # no heading without entries


def test_home_cards_say_what_each_sheet_holds(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    pilotage, faq = KIT_DATA.fiche("pilotage"), KIT_DATA.fiche("faq-elus")
    assert len(pilotage.checklists()) > 1 and len(faq.checklists()) > 1 and len(faq.questions) > 1
    assert f"{len(pilotage.checklists())} listes à cocher" in home
    assert f"{len(faq.checklists())} listes à cocher, {len(faq.questions)} questions" in home


def test_one_filter_control_on_the_home_page(laptop, site_url):
    laptop.goto(site_url)
    assert laptop.locator("form.kit-filtre__formulaire").count() == 1
    assert laptop.locator("form.kit-filtre__formulaire").is_visible()
    # The rows of links it was made from are its fallback without JavaScript.
    assert not laptop.locator("nav.kit-filtre").is_visible()


def test_the_timeline_boxes_are_links_to_their_sheets_in_body_sized_text(laptop, site_url):
    laptop.goto(site_url + "qui-fait-quoi/")
    links = laptop.locator(".kit-frise__fiches a")
    assert links.count() == len(KIT_DATA.fiches)
    body = float(laptop.evaluate("getComputedStyle(document.querySelector('article p')).fontSize").rstrip("px"))
    for index, fiche in enumerate(KIT_DATA.fiches):
        link = links.nth(index)
        assert link.inner_text() == fiche.titre
        size = float(link.evaluate("a => getComputedStyle(a).fontSize").rstrip("px"))
        assert size >= body
    links.nth(0).click()
    laptop.wait_for_url(f"**/fiches/{KIT_DATA.fiches[0].id}/")


def test_the_roles_diagram_text_is_about_body_sized(laptop, site_url):
    laptop.goto(site_url + "qui-fait-quoi/")
    body = float(laptop.evaluate("getComputedStyle(document.querySelector('article p')).fontSize").rstrip("px"))
    # The drawing's text, as shown: its font size times the drawing's scale.
    shown = laptop.evaluate("""() => {
        const svg = document.querySelector('svg.kit-schema__image');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(svg.querySelector('.kit-schema__texte')).fontSize) * scale; }""")
    assert 0.85 * body <= shown <= 1.15 * body, (shown, body)


@pytest.mark.parametrize("path", ["", "fiches/pilotage/", "qui-fait-quoi/", "contribuer/"])
def test_no_repository_link_in_the_header_but_one_in_the_footer(laptop, phone, site_url, path):
    for page in (laptop, phone):
        page.goto(site_url + path)
        assert page.locator(f"header a[href^='{REPOSITORY}']").count() == 0
        assert page.locator(".md-sidebar--primary a[href^='{REPOSITORY}']").count() == 0
        assert page.locator(f"footer a[href^='{REPOSITORY}']").count() == 1


def test_the_contributors_page_links_the_repository(laptop, site_url):
    laptop.goto(site_url + "contribuer/")
    assert laptop.locator(f"article a[href='{REPOSITORY}']").count() == 1


def test_footer_links_fit_one_line_on_a_laptop_without_unfinished_wording(laptop, site_url):
    laptop.goto(site_url)
    links = laptop.locator("footer .kit-liens-legaux a")
    assert [t.strip() for t in links.all_inner_texts()] == [
        "Mentions légales et crédits", "Accessibilité : non conforme", "Données ouvertes", "Contribuer", "Code source"]
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(tops) == 1
    assert "à préciser" not in laptop.locator("footer").inner_text()


def test_the_site_title_is_short_and_whole_on_a_phone(phone, site_url):
    phone.goto(site_url + "fiches/pilotage/")
    title = phone.locator(".md-header__topic .kit-titre-court")
    assert title.is_visible() and title.inner_text().strip() == "Démocratie contributive"
    assert title.evaluate("t => t.scrollWidth <= t.clientWidth")
    assert not phone.locator(".md-header__topic .kit-titre-long").is_visible()


@pytest.mark.parametrize("fiche", KIT_DATA.fiches, ids=[f.id for f in KIT_DATA.fiches])
def test_a_sheet_opens_on_its_summary_within_the_phone_s_first_screen(phone, site_url, fiche):
    phone.goto(site_url + f"fiches/{fiche.id}/")
    first = phone.locator("article > p").first
    assert first.inner_text().replace("\u202f", " ").replace("\u00a0", " ") == (
        fiche.resume.replace("\u202f", " ").replace("\u00a0", " "))
    assert first.bounding_box()["y"] < PHONE["height"] / 2
    # Nothing but the title comes before it: the metadata follows, compact.
    meta = phone.locator(".kit-fiche-meta")
    assert meta.bounding_box()["y"] > first.bounding_box()["y"]
    assert meta.bounding_box()["height"] < PHONE["height"] / 4


def test_the_first_section_of_a_sheet_starts_in_the_phone_s_first_screen(phone, site_url):
    phone.goto(site_url + "fiches/pilotage/")
    section = phone.locator("article h2").first
    assert section.bounding_box()["y"] < PHONE["height"]


def test_editorial_status_is_a_neutral_note_at_the_foot_of_the_sheet(laptop, site_url):
    laptop.goto(site_url + "fiches/amo/")  # statut: a-relire
    note = laptop.locator(".kit-statut")
    assert "Fiche en cours de relecture par les éditeurs du kit" in note.inner_text()
    assert laptop.locator(".admonition.warning, .admonition.info").count() == 0
    # After the sheet's sections, with its source.
    assert note.bounding_box()["y"] > laptop.locator("article h2").first.bounding_box()["y"]
    colours = note.evaluate("""n => { const s = getComputedStyle(n);
        return [s.backgroundColor, s.borderTopColor]; }""")
    for colour in colours:  # greys: red, green and blue alike
        channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]
        assert max(channels) - min(channels) <= 16, colour


def test_page_titles_have_the_body_text_s_contrast(laptop, site_url):
    laptop.goto(site_url + "fiches/pilotage/")
    title, body = laptop.evaluate("""() => [getComputedStyle(document.querySelector('article h1')).color,
        getComputedStyle(document.querySelector('article p')).color]""")
    assert title == body


@pytest.mark.parametrize("path", ["", "qui-fait-quoi/", "fiches/amo/"])
def test_axe_finds_nothing_on_the_new_pages_on_a_phone(phone, site_url, path):
    phone.goto(site_url + path)
    assert axe_violations(phone) == []

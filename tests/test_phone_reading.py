"""A sheet read on a phone: its section texts fold after their first paragraph
and « Voir aussi » shows the other sheets' titles, their summaries on demand
(docs/assets/javascripts/kit-suite.js); its checklists never fold; on a wider
screen and on paper everything shows.

Each test drives Chromium on the built site's pilotage sheet, whose section
« Le pilotage technique » has three paragraphs.
"""

from __future__ import annotations

from conftest import axe_violations
from test_checklist_browser import SHEET, fresh_profile
from test_checklist_phone_print import PHONE, pdf_text

SECTION = "pilotage-technique"  # the heading's id
FIRST = "est confiée à une cheffe ou un chef de projet"  # its first paragraph
LATER = "La démarche doit aussi être portée par la direction"  # its second paragraph
RELATED = "#kit-voir-aussi + ul"
SUMMARY = "Ouvrir le pilotage à des partenaires extérieurs"  # the summary of « Le suivi externe »


def section_text(page):
    return page.locator(".kit-texte", has_text=FIRST)


def test_on_a_phone_a_section_shows_its_first_paragraph_and_unfolds_by_keyboard(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        text = section_text(page)
        assert text.get_by_text(FIRST).is_visible()
        assert not text.get_by_text(LATER).is_visible()
        button = text.get_by_role("button", name="Lire la suite")
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-describedby") == SECTION  # which section it unfolds
        assert button.bounding_box()["height"] >= 44
        folded = page.locator(f"#{button.get_attribute('aria-controls')}")
        assert folded.get_attribute("hidden") == "until-found"  # find-in-page still reaches it

        button.focus()
        page.keyboard.press("Enter")
        assert text.get_by_text(LATER).is_visible()
        button = text.get_by_role("button", name="Replier le texte")
        assert button.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.activeElement.classList.contains('kit-texte__lire')")  # focus kept
        page.keyboard.press("Space")
        assert not text.get_by_text(LATER).is_visible()
        assert text.get_by_role("button", name="Lire la suite").get_attribute("aria-expanded") == "false"


def test_on_a_phone_no_checklist_item_is_folded_and_axe_finds_nothing(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        labels = page.locator(".kit-checklist__libelle")
        assert labels.count() > 20
        assert all(labels.nth(i).is_visible() for i in range(labels.count()))
        assert page.locator(".kit-checklist .kit-texte__lire").count() == 0
        assert axe_violations(page) == []
        section_text(page).get_by_role("button", name="Lire la suite").click()
        assert axe_violations(page) == []


def test_on_a_phone_related_sheets_show_their_titles_and_their_summaries_on_demand(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        related = page.locator(RELATED)
        assert related.get_by_role("link", name="Le suivi externe").is_visible()
        assert not related.get_by_text(SUMMARY).is_visible()
        button = page.get_by_role("button", name="Afficher les résumés")
        assert button.get_attribute("aria-controls") == related.get_attribute("id")
        assert button.get_attribute("aria-expanded") == "false"
        button.focus()
        page.keyboard.press("Enter")
        assert related.get_by_text(SUMMARY).is_visible()
        assert page.get_by_role("button", name="Masquer les résumés").get_attribute("aria-expanded") == "true"


def test_on_a_wide_screen_everything_shows_without_a_button(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + SHEET)
    assert section_text(page).get_by_text(LATER).is_visible()
    assert page.locator(RELATED).get_by_text(SUMMARY).is_visible()
    assert page.locator(".kit-texte__lire:visible").count() == 0


def test_a_phone_prints_the_whole_text(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        assert not section_text(page).get_by_text(LATER).is_visible()
        page.emulate_media(media="print")
        text = pdf_text(page.pdf(format="A4"))
        assert LATER in text and SUMMARY in text
        assert "Lire la suite" not in text and "Afficher les résumés" not in text and "Replier le texte" not in text

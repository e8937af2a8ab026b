"""Checklists at the meeting table: on a phone, on paper, blank or filled.

Each test drives Debian's Chromium on the built site, on the pilotage sheet
(27 items in 5 lists), as a project lead would: a touch screen 375 px wide,
the keyboard, and printing to PDF (read back with pypdf).
"""

from __future__ import annotations

import io
import re

from PIL import Image, ImageStat
from pypdf import PdfReader

from test_checklist_browser import FIRST, LIST, SHEET, axe_in, checklist, fill, fresh_profile, open_actions

PHONE = dict(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
NOTE = ("Validé en comité de direction du 3/12, à confirmer par arrêté du maire ; prévoir une lettre de mission "
        "et un point d'étape avec la DGS le 18 janvier ?")
# Words of the on-screen actions: none of them belongs on paper.
SCREEN_WORDS = ("Enregistrer une copie", "Ouvrir une copie", "Tableur (CSV)", "Copier un lien", "Tout effacer",
                "Ajouter des précisions", "Imprimer la liste vierge", "Télécharger la liste vierge",
                "Enregistrer, imprimer ou partager")
# Records whether « Imprimer » asked for the blank list, instead of opening the print dialog.
STUB_PRINT = "window.print = () => { window.__impressions = (window.__impressions || []).concat(" \
             "[document.documentElement.classList.contains('kit-impression-vierge')]); };"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages).replace("\u00a0", " ")


def test_assumptions_about_the_pilotage_sheet(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        assert page.locator(".kit-checklist").count() == 5
        assert page.locator(".kit-checklist li[data-element]").count() == 27


def test_on_a_phone_an_empty_checklist_shows_no_field_and_stays_short(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        assert page.locator(".kit-checklist [data-champ]:visible").count() == 0
        sizes = page.evaluate("""() => [...document.querySelectorAll('.kit-checklist')].map(list => ({
            list: list.getBoundingClientRect().height,
            items: [...list.querySelectorAll('li[data-element]')].map(li => ({
                li: li.getBoundingClientRect().height,
                label: li.querySelector('label').getBoundingClientRect().height,
                mark: li.querySelector('.kit-complement')?.getBoundingClientRect().height ?? 0}))}))""")
        for size in sizes:
            # An item is its text row (and, for an addition to the original kit, its
            # discreet mark): no empty field, no extra row for its button.
            for item in size["items"]:
                assert item["li"] <= item["label"] + item["mark"] + 12, item
            # Progress and the folded actions: about two rows of a phone.
            assert size["list"] - sum(item["li"] for item in size["items"]) <= 150, size
        # The issue measured 10,760 px with 81 empty fields and 5 toolbars. The
        # sheet's own text is about 4,700 px of the page at this width, so the
        # 5,000 px the issue hoped for cannot be had by the checklists alone.
        assert page.evaluate("document.documentElement.scrollHeight") <= 8000


def test_on_a_touch_screen_every_target_is_44_px_and_the_text_row_ticks_the_box(browser, site_url):
    with fresh_profile(browser, **PHONE) as page:
        page.goto(site_url + SHEET)
        page.locator(f'li[data-element="{FIRST}"] .kit-checklist__precisions').tap()
        open_actions(page)
        targets = page.evaluate("""(selector) => [...document.querySelector(selector).querySelectorAll(
              'button, summary, input, textarea, label.kit-checklist__libelle')]
            .filter(n => n.getClientRects().length && getComputedStyle(n).visibility !== 'hidden')
            .map(n => { const r = n.getBoundingClientRect();
              return {what: n.tagName + ' ' + (n.id || n.textContent.trim().slice(0, 30)), w: r.width, h: r.height}; })""",
                                LIST)
        assert len(targets) >= 4 + 4 + 3 + 8  # boxes, texts, one item's fields, the actions
        for target in targets:
            assert target["h"] >= 44, target
            if target["what"].startswith(("BUTTON", "SUMMARY")):
                assert target["w"] >= 44, target
        page.locator(f'label[for="case-{FIRST}"]').tap()
        assert page.is_checked(f"#case-{FIRST}")


def test_nothing_touches_the_edge_of_a_320_px_screen(browser, site_url):
    with fresh_profile(browser, viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True) as page:
        page.goto(site_url + SHEET)
        page.locator(f'li[data-element="{FIRST}"] .kit-checklist__precisions').tap()
        open_actions(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        edges = page.evaluate("""(selector) => [...document.querySelector(selector).querySelectorAll('*')]
            .filter(n => n.getClientRects().length)
            .map(n => { const r = n.getBoundingClientRect(); return [n.tagName, n.className, r.left, r.right]; })
            .filter(([, , left, right]) => left < 4 || right > 316)""", LIST)
        assert edges == []


def test_details_open_and_close_by_keyboard_and_axe_finds_nothing_either_way(page, site_url):
    page.goto(site_url + SHEET)
    toggle = page.locator(f'li[data-element="{FIRST}"] .kit-checklist__precisions')
    details = page.locator(f"#kit-precisions-{FIRST}")
    assert toggle.get_attribute("aria-expanded") == "false" and details.is_hidden()
    assert axe_in(page, ".kit-checklist") == []
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and details.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == f"kit-precisions-{FIRST}"
    open_actions(page)
    assert axe_in(page, ".kit-checklist") == []
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false" and details.is_hidden()
    # Once something is written in them, details stay shown and the button goes.
    toggle.focus()
    page.keyboard.press("Enter")
    page.fill(f"#kit-note-{FIRST}", "Voir la DGS")
    assert toggle.is_hidden() and details.is_visible()
    page.reload()
    assert details.is_visible() and page.input_value(f"#kit-note-{FIRST}") == "Voir la DGS"
    assert axe_in(page, ".kit-checklist") == []


def test_print_holds_a_150_character_note_whole_and_no_screen_word(page, site_url):
    assert len(NOTE) == 150
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Hélène Lefèvre", echeance="2026-12-03", note=NOTE)
    page.locator(f"#kit-note-{FIRST}").focus()  # a field with focus must not print as a box
    page.emulate_media(media="print")
    text = pdf_text(page.pdf(format="A4"))
    assert NOTE in text
    assert "Responsable : Hélène Lefèvre" in text and "Échéance : 03/12/2026" in text
    for word in SCREEN_WORDS:
        assert word not in text, word
    # The footer says where and when the page was printed.
    assert (site_url + SHEET) in text
    assert re.search(r"Imprimé le \d\d/\d\d/\d{4}", text)


def test_a_blank_print_has_room_to_write_and_none_of_what_was_filled(browser, site_url):
    with fresh_profile(browser, init_script=STUB_PRINT) as page:
        page.goto(site_url + SHEET)
        fill(page, FIRST, responsable="Hélène Lefèvre", note=NOTE)
        open_actions(page)
        checklist(page).get_by_role("button", name="Imprimer la liste vierge").click()
        assert page.evaluate("window.__impressions") == [True]
        page.emulate_media(media="print")
        text = pdf_text(page.pdf(format="A4"))
        assert "Hélène" not in text and "comité de direction" not in text
        assert "sur 4" not in text  # no progress on a blank list
        items = page.locator(".kit-checklist li[data-element]").count()
        for label in ("Responsable :", "Échéance :", "Note :"):
            assert text.count(label) == items, label  # a place to write for every item
        for word in SCREEN_WORDS:
            assert word not in text, word
        # « Imprimer » prints the filled list.
        page.evaluate("document.documentElement.classList.remove('kit-impression-vierge')")
        page.emulate_media(media="screen")
        checklist(page).get_by_role("button", name="Imprimer", exact=True).click()
        assert page.evaluate("window.__impressions") == [True, False]


def test_without_javascript_the_printed_list_has_room_to_write(browser, site_url):
    with fresh_profile(browser, java_script_enabled=False) as page:
        page.goto(site_url + SHEET)
        page.emulate_media(media="print")
        text = pdf_text(page.pdf(format="A4"))
        assert text.count("Responsable :") == page.locator(".kit-checklist li[data-element]").count()


def test_the_dark_palette_has_a_dark_progress_track(page, site_url):
    page.goto(site_url + SHEET)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    bar = checklist(page).locator("progress")
    assert bar.evaluate("n => n.value") == 0  # nothing done: all of it is the track
    picture = Image.open(io.BytesIO(bar.screenshot())).convert("L")
    inside = picture.crop((2, 2, picture.width - 2, picture.height - 2))
    assert ImageStat.Stat(inside).mean[0] < 100  # it was a bright white bar on the dark page

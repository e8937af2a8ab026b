"""Accessibility of every page of the built site (RGAA 4 / WCAG 2.1 AA).

Every page is found by walking the built site's folder, so a new page is
checked without a line here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import axe_violations
from site_pages import html_pages

# Material picks the palette whose media query matches the reader's system
# setting: emulating it is how a reader ends up in either palette.
PALETTES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("system_scheme", PALETTES)
def test_axe_finds_no_violation_on_any_page(browser, built_site: Path, site_url: str, system_scheme: str):
    context = browser.new_context(locale="fr-FR", color_scheme=system_scheme)
    page = context.new_page()
    found = {}
    try:
        for path in html_pages(built_site):
            page.goto(site_url + path)
            assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTES[system_scheme], path
            violations = axe_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert found == {}


def test_every_page_has_one_h1_french_lang_and_a_working_skip_link(page, built_site: Path, site_url: str):
    for path in html_pages(built_site):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.lang") == "fr", path
        assert page.locator("h1").count() == 1, path
        skip = page.locator("a.md-skip")
        assert skip.count() == 1, path
        assert skip.inner_text().strip() == "Aller au contenu", path
        target = skip.get_attribute("href").split("#")[1]
        # The skip link leads to the first heading of the page's content.
        assert page.locator(f"article [id='{target}']").count() == 1, path


@pytest.mark.parametrize("path", ["fiches/pilotage/", "une-adresse-inconnue"])
def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(page, site_url: str, path: str):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    assert page.locator("a.md-skip").is_visible()  # hidden until focused, shown then
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#" + page.locator("a.md-skip").get_attribute("href").split("#")[1]
    assert page.evaluate("document.querySelector(location.hash).getBoundingClientRect().top") < 200


# What a reader sees of the focused element: the element, or for a hidden
# control (Material's palette switch), the label drawn just after it.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  const shown = box.width > 0 && box.height > 0 ? element
    : element.nextElementSibling || element;
  const style = getComputedStyle(shown);
  return {
    tag: element.tagName, text: (element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""


@pytest.mark.parametrize("path", ["fiches/pilotage/", ""])
def test_keyboard_focus_is_always_visible(page, site_url: str, path: str):
    page.goto(site_url + path)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "BODY":
            break  # past the last control of the page
        seen.append(focus)
        assert focus["outline"] or focus["shadow"], focus
    # The walk went past the header into the content's links.
    assert sum(1 for focus in seen if focus["tag"] == "A") >= 20


def footer_link(html: str, text: str) -> list[str]:
    """The addresses of the footer's legal links named `text`."""
    footer = html[html.index('class="kit-liens-legaux"'):]
    return re.findall(r'<a href="([^"]+)"[^>]*>' + re.escape(text) + "</a>", footer[: footer.index("</footer>")])


def test_accessibility_statement_is_linked_from_every_page(page, built_site: Path, site_url: str):
    # Every page's footer links to the statement and the legal notice, each address
    # leading to the built page; a reader follows both links from a sheet.
    for path in html_pages(built_site):
        html = (built_site / (path + "index.html" if path.endswith("/") or not path else path)).read_text(encoding="utf-8")
        for text, target in (("Accessibilité : non conforme", "accessibilite/"),
                             ("Mentions légales et crédits", "mentions-legales/")):
            links = footer_link(html, text)
            assert len(links) == 1, (path, text)
            assert urljoin("http://x/" + path, links[0]) == "http://x/" + target, (path, links[0])
    page.goto(site_url + "fiches/pilotage/")
    with page.expect_navigation():
        page.locator("footer .kit-liens-legaux a", has_text="Accessibilité : non conforme").click()
    assert page.locator("h1").inner_text().rstrip("¶") == "Déclaration d’accessibilité"
    with page.expect_navigation():
        page.locator("footer .kit-liens-legaux a", has_text="Mentions légales et crédits").click()
    assert page.locator("h1").inner_text().rstrip("¶") == "Mentions légales et crédits"


def test_accessibility_statement_follows_the_rgaa_form(built_site: Path):
    text = (built_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    # The content, whichever apostrophe the typography gives it (tests/test_typography.py checks which).
    text = " ".join(re.sub(r"<[^>]+>", "", text).replace("&#39;", "'").replace("’", "'").split())
    for required in (
        "article 47 de la loi n° 2005-102 du 11 février 2005",
        "État de conformité", "non conforme", "aucun audit de conformité n'a encore été réalisé",
        "Ce qui a été vérifié, et comment", "axe-core",
        "Contenus non accessibles", "lecteur d'écran",
        "Établissement de cette déclaration", "Cette déclaration a été établie le",
        "Retour d'information et contact", "[à compléter : adresse électronique de contact]",
        "Voies de recours", "Défenseur des droits", "09 69 39 00 00",
        "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
    ):
        assert required in text, required
    # Without a full audit the site cannot claim more than « non conforme ».
    assert "totalement conforme" not in text and "partiellement conforme" not in text


def test_legal_notice_states_what_is_known_and_leaves_the_rest_to_fill(built_site: Path):
    text = (built_site / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", text).replace("&#39;", "'").split())
    assert "Éditeur" in text and "Hébergement" in text
    assert text.count("[à compléter") >= 4
    assert "ARENE Île-de-France" in text and "Groupe Re-Sources" in text and "juin 2016" in text
    assert re.search(r"Contenu des fiches\s*: licence\s+à préciser", text)
    assert "Code du générateur du site : licence MIT" in text
    assert "aucun cookie" in text and "aucun traceur" in text
    assert "sur votre appareil" in text


def test_palette_chosen_with_the_switch_is_kept_and_stays_accessible(page, site_url: str):
    page.goto(site_url + "fiches/pilotage/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label[title='Passer au thème sombre']").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto(site_url + "fiches/amo/")  # Material keeps the choice in localStorage
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert axe_violations(page) == []

"""The glossary: validated data, its page, and the explanation of a term at its first use."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Definition
from kitoutils.pages.glossary import mark_first_uses

from conftest import KIT
from test_loader import problems_of, replace

COPIL = Definition(id="copil", terme="COPIL", definition="Comité de pilotage : il décide.",
                   formes=("COPIL", "comité de pilotage"))
MOA = Definition(id="moa", terme="maître d'ouvrage", definition="La structure qui décide.")


def article(body: str) -> str:
    return f'<html><body><header>COPIL</header><article class="md-content__inner">{body}</article></body></html>'


def test_the_real_glossary_is_valid_and_covers_the_kit_s_bodies():
    kit = load_kit(KIT)
    ids = {terme.id for terme in kit.glossaire}
    assert {"copil", "cotech", "comite-de-suivi", "amo", "maitrise-d-ouvrage", "mapa", "cctp", "garant",
            "droit-de-suite", "prospective", "restitution"} <= ids
    assert all(terme.definition for terme in kit.glossaire)


def test_a_form_given_to_two_terms_is_refused_where_the_second_term_is(kit_copy: Path):
    replace(kit_copy / "glossaire.yml", "- COTECH\n      - comité technique",
            "- COTECH\n      - comité de pilotage")
    cotech_line = (kit_copy / "glossaire.yml").read_text(encoding="utf-8").splitlines().index("  - id: cotech") + 1
    assert problems_of(kit_copy) == [
        f"kit/glossaire.yml:{cotech_line}:9 : la forme « comité de pilotage » appartient déjà au terme "
        "« copil » : une forme ne peut expliquer qu'un seul terme"]


def test_html_in_a_definition_is_refused(kit_copy: Path):
    replace(kit_copy / "glossaire.yml", "Cahier des clauses techniques particulières :",
            "<b>Cahier</b> des clauses techniques particulières :")
    problems = problems_of(kit_copy)
    assert any(p.startswith("kit/glossaire.yml:") and "balise HTML « <b> »" in p for p in problems), problems


def test_only_the_first_use_in_the_article_is_explained():
    page = article("<h2>Le COPIL</h2><p>Un <a href='#'>COPIL</a>, <code>COPIL</code>.</p>"
                   "<p>Le comité de pilotage décide ; le COPIL aussi.</p>")
    marked = mark_first_uses(page, (COPIL,))
    assert marked.count('aria-describedby="kit-glossaire-copil"') == 1
    assert '<abbr class="kit-terme__mot" tabindex="0" aria-describedby="kit-glossaire-copil">comité de pilotage</abbr>' in marked
    assert "<header>COPIL</header>" in marked  # outside the article: untouched
    assert "<h2>Le COPIL</h2>" in marked and "<code>COPIL</code>" in marked
    assert 'id="kit-glossaire-copil">Comité de pilotage : il décide.</span>' in marked


def test_an_element_marked_without_glossary_is_left_alone_nested_tags_included():
    page = article('<ul data-sans-glossaire><li><ul><li>COPIL</li></ul> le COPIL</li></ul><p>Un COPIL.</p>')
    marked = mark_first_uses(page, (COPIL,))
    assert "<ul data-sans-glossaire><li><ul><li>COPIL</li></ul> le COPIL</li></ul>" in marked
    assert marked.count('aria-describedby="kit-glossaire-copil"') == 1
    assert '<p>Un <span class="kit-terme"><abbr' in marked


def test_either_apostrophe_and_whole_words_only():
    assert "kit-glossaire-moa" in mark_first_uses(article("<p>Le maître d’ouvrage décide.</p>"), (MOA,))
    assert "kit-glossaire-moa" in mark_first_uses(article("<p>Le maître d'ouvrage décide.</p>"), (MOA,))
    assert "kit-glossaire" not in mark_first_uses(article("<p>Les COPILS et XCOPIL.</p>"), (COPIL,))


AMO = Definition(id="amo", terme="AMO", definition="Assistance à maîtrise d’ouvrage.",
                 formes=("AMO", "assistance à maîtrise d’ouvrage"))
MAITRISE = Definition(id="maitrise", terme="maîtrise d’ouvrage", definition="Qui commande.")


def test_only_text_is_explained_never_a_tag_a_comment_a_script_or_a_character_reference():
    body = ('<p title="le COPIL > tout" data-x=\'COPIL\'><!-- COPIL --><script>if (a<b) "<p>COPIL"</script>'
            '&COPIL; <img alt="COPIL"/><BR/>Le <EM>COPIL</EM>.</p>')
    marked = mark_first_uses(article(body), (COPIL,))
    assert marked.count("kit-terme__mot") == 1
    assert ('<p title="le COPIL > tout" data-x=\'COPIL\'><!-- COPIL --><script>if (a<b) "<p>COPIL"</script>'
            '&COPIL; <img alt="COPIL"/><BR/>Le <EM><span class="kit-terme">') in marked


def test_a_term_inside_a_longer_term_s_use_is_not_explained_twice():
    marked = mark_first_uses(article("<p>Une assistance à maîtrise d’ouvrage, puis la maîtrise d’ouvrage.</p>"),
                             (AMO, MAITRISE))
    first, second = marked.index("kit-glossaire-amo"), marked.index("kit-glossaire-maitrise")
    assert first < marked.index("puis la") < second  # the short term at its own first use, after the long one


def test_text_whose_lower_case_is_longer_still_finds_its_terms():
    # « İ » lower-cased is two characters: places are then found by the expression itself.
    marked = mark_first_uses(article("<p>İstanbul, le comité de pilotage.</p>"), (COPIL,))
    assert '<abbr class="kit-terme__mot" tabindex="0" aria-describedby="kit-glossaire-copil">comité de pilotage</abbr>' in marked


def test_glossary_page_and_first_uses_on_the_built_pages(built_site: Path):
    kit = load_kit(KIT)
    page = (built_site / "glossaire/index.html").read_text(encoding="utf-8")
    for terme in kit.glossaire:
        assert f'<dt id="{terme.id}">' in page
    assert "kit-terme__mot" not in page  # the glossary does not explain itself
    for fiche in kit.fiches:
        html = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        described = re.findall(r'aria-describedby="(kit-glossaire-[a-z0-9-]+)"', html)
        assert described, fiche.id
        assert len(described) == len(set(described)), fiche.id  # first use only
        for tooltip in described:
            assert html.count(f'id="{tooltip}"') == 1


def test_a_term_is_explained_on_keyboard_focus_and_on_hover(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "fiches/suivi-externe/")
    term = page.locator("abbr.kit-terme__mot", has_text="COTECH").or_(
        page.locator("abbr.kit-terme__mot", has_text="comité technique")).first
    tooltip = page.locator("#kit-glossaire-cotech")
    expect(tooltip).to_be_hidden()
    # Reach it with the Tab key, as a keyboard user does.
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "kit-glossaire-cotech":
            break
    else:
        raise AssertionError("le terme n'est pas atteignable au clavier")
    expect(tooltip).to_be_visible()
    expect(term).to_have_accessible_description(re.compile(r"^Comité technique\s:\sles services"))
    # Escape dismisses it, the focus staying where it is (WCAG 1.4.13).
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "kit-glossaire-cotech"
    page.keyboard.press("Tab")
    expect(tooltip).to_be_hidden()
    term.hover()
    expect(tooltip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    page.mouse.move(0, 0)
    term.hover()  # shown again once the term is left and reached anew
    expect(tooltip).to_be_visible()

"""An unknown address shows the French 404 page: what happened, a search, the sheets."""

from __future__ import annotations

import urllib.error
import urllib.request

from kitoutils.intake.loader import load_kit

from conftest import KIT


def test_unknown_address_answers_404_with_the_french_page(site_url: str):
    try:
        urllib.request.urlopen(site_url + "fiches/une-fiche-disparue/", timeout=10)
        raise AssertionError("une adresse inconnue doit répondre 404")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        body = error.read().decode("utf-8")
    assert "<title>Page introuvable - Kit outils démocratie contributive</title>" in body
    assert "Aucune page du kit ne se trouve à cette adresse" in body


def test_404_page_lists_every_sheet_and_its_links_work_from_a_deep_address(page, site_url: str):
    response = page.goto(site_url + "un/chemin/tres/profond/inconnu")
    assert response.status == 404
    assert page.locator("h1").inner_text().rstrip("¶") == "Page introuvable"
    kit = load_kit(KIT)
    article = page.locator("article")
    for phase, fiches in kit.by_phase():
        assert article.locator("h3", has_text=phase.libelle).count() == 1
        for fiche in fiches:
            link = article.locator(f"a[href$='/fiches/{fiche.id}/']")
            assert link.count() == 1, fiche.id
            assert link.inner_text().replace("\u00a0", " ").replace("\u202f", " ") == \
                fiche.titre.replace("\u00a0", " ").replace("\u202f", " ")
    # Links are absolute from the site's root, so they work at any depth.
    with page.expect_navigation():
        article.locator("a[href$='/fiches/amo/']").click()
    assert page.url == site_url + "fiches/amo/"
    assert page.locator("h1").inner_text().rstrip("¶").startswith("L’assistance")  # typeset apostrophe


def test_404_search_form_opens_the_search_with_results(page, site_url: str):
    page.goto(site_url + "page-inconnue")
    page.locator("article input#kit-404-q").fill("pilotage")
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher", exact=True).click()
    # On the home page, Material opens its search with the query.
    assert page.locator("h1").inner_text().rstrip("¶") == "Kit outils démocratie contributive"
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1
    assert page.locator("input.md-search__input").input_value() == "pilotage"

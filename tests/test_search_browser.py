"""The French search in a real browser, typed in Material's search box."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from search_driver import open_search, ranked_locations, type_query
from search_queries import QUERIES, is_content_query, is_data_page


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page with the search open, reused by every query of the table."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_search(page, site_url)
    yield page
    context.close()
    assert errors == []


def test_query_table_is_large_and_varied():
    assert len(QUERIES) >= 30
    assert any(q.text != q.text.lower() for q in QUERIES)  # capitals
    assert any(not q.text.isascii() for q in QUERIES) and any(q.text.isascii() for q in QUERIES)
    assert sum(len(q.text.split()) >= 2 for q in QUERIES) >= 10
    assert any("#" in q.expected for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_its_page_or_anchor(search_page, query):
    locations = ranked_locations(type_query(search_page, query.text))
    assert query.expected in locations[: query.rank], (
        f"« {query.text} » ({query.why}) : {query.expected} attendu parmi les {query.rank} "
        f"premiers, obtenu {locations[:5]}")
    if is_content_query(query):
        assert not any(is_data_page(location) for location in locations[:3]), locations[:3]


def test_query_table_has_multi_word_queries_and_a_data_page_query():
    several = [q for q in QUERIES if len(q.text.split()) >= 2 and not q.text.startswith('"')]
    assert len(several) >= 15
    assert any(is_data_page(q.expected) for q in QUERIES)


def test_a_data_page_does_not_outrank_the_sheets_for_a_content_query(search_page):
    # « Données ouvertes » has « ouvertes » in its title; the sheets' list and item have both words.
    locations = ranked_locations(type_query(search_page, "comité ouvert"))
    assert locations[0] in ("fiches/suivi-externe/#installer-le-comite", "fiches/pilotage/#creer-copil-ouvert")
    assert not any(is_data_page(location) for location in locations[:3])


def test_sheet_results_show_the_summary_not_the_metadata(search_page):
    # Words of kit/pilotage.yml's summary: Material shows the blocks that match.
    type_query(search_page, "vigilance structure")
    article = search_page.locator(".md-search-result__link[href*='fiches/pilotage/'] article").first
    text = article.inner_text()
    assert "Qui coordonne" in text  # the summary
    assert "Publics" not in text and "Phase" not in text


def test_a_query_without_result_says_so_in_french_with_the_query(search_page):
    type_query(search_page, "zzzinconnu")
    meta = search_page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "Aucun résultat pour «\u202fzzzinconnu\u202f»"


def test_highlighted_words_do_not_look_like_links(search_page):
    type_query(search_page, "emargement")
    mark = search_page.locator(".md-search-result__list mark").first
    style = mark.evaluate("""m => { const s = getComputedStyle(m), a = m.closest('a');
        return {decoration: s.textDecorationLine, color: s.color,
                text: getComputedStyle(m.parentElement).color, background: s.backgroundColor}; }""")
    assert style["decoration"] == "none"
    assert style["color"] == style["text"]  # the text's colour, not the link colour
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_results_are_highlighted_and_so_is_the_page_after_following_one(page, site_url):
    open_search(page, site_url)
    results = type_query(page, "equipe")  # typed without its accent
    assert page.locator(".md-search-result__list mark").first.inner_text().lower().endswith("équipe")
    best = results[0]
    # The page is asked to highlight the words as written in it, accents included.
    assert "équipe" in parse_qs(urlsplit(best.href).query)["h"][0].lower()
    page.locator(f"a.md-search-result__link[href='{best.href}']").first.click()
    page.wait_for_url("**" + best.location.split("#")[0] + "*")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert any("équipe" in text.lower() for text in marks.all_inner_texts())


def test_following_a_checklist_item_lands_on_its_anchor(page, site_url):
    open_search(page, site_url)
    best = type_query(page, "emargement")[0]
    assert best.location == "fiches/pilotage/#organiser-emargement"
    page.locator(f"a.md-search-result__link[href='{best.href}']").first.click()
    page.wait_for_url("**#organiser-emargement")
    item = page.locator("li#organiser-emargement")
    assert item.is_visible() and "émargement" in item.inner_text()


def test_type_ahead_after_three_characters(search_page):
    locations = ranked_locations(type_query(search_page, "mob"))
    assert locations[0] == "fiches/faq-elus/"  # « mobiliser » in its title
    marked = search_page.locator(".md-search-result__list mark").all_inner_texts()
    assert any(word.lower().startswith("mob") for word in marked)


def test_type_ahead_of_a_word_typed_halfway_without_accents(search_page):
    assert "fiches/conduite-des-ateliers/#preparer-emargement" in ranked_locations(type_query(search_page, "emarg"))[:3]
    assert "fiches/faq-elus/#legitimite-et-democratie-representative" in ranked_locations(
        type_query(search_page, "legitimi"))[:3]


def test_suggestion_completes_the_word_being_typed(search_page):
    type_query(search_page, "restau")
    suggestion = search_page.locator(".md-search__suggest")
    assert suggestion.inner_text().strip() == "restauration"


def test_missing_words_are_shown_as_typed(search_page):
    type_query(search_page, "cahier zzzinconnu")
    missing = search_page.locator(".md-search-result__terms del").all_inner_texts()
    assert "zzzinconnu" in missing
    assert all(not word.startswith("§") for word in missing)
    terms = search_page.locator(".md-search-result__terms").first
    assert terms.inner_text().startswith("Mots absents\u202f: ")
    assert terms.locator("del").first.evaluate("d => getComputedStyle(d).textDecorationLine") == "none"


def test_either_apostrophe_finds_what_the_pages_typeset(search_page):
    # The pages say « l’animation » (typographic apostrophe); readers type either.
    straight = ranked_locations(type_query(search_page, "l'animation"))
    curly = ranked_locations(type_query(search_page, "l’animation"))
    assert straight == curly
    assert "fiches/amo/#recenser-competences-animation" in straight  # « … de l’animation de groupes »

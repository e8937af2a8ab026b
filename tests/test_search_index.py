"""The search index the build writes, and the page's search worker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.search import SYNONYMS_KEY, SearchIndexMismatch, enrich_search_index

from conftest import KIT, ROOT, mkdocs_build

WORKER = re.compile(r'"search": "(?P<path>[^"?]*/workers/)kit-recherche\.js\?material=(?P<material>search\.[0-9a-f]+\.min\.js)"')


def read_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_every_page_uses_our_worker_which_loads_materials(built_site: Path):
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        match = WORKER.search(page.read_text(encoding="utf-8"))
        assert match, page
        worker_dir = (page.parent / match["path"]).resolve()
        assert (worker_dir / "kit-recherche.js").is_file()
        assert (worker_dir / match["material"]).is_file()


def test_every_checklist_item_is_a_search_document_at_its_anchor(built_site: Path):
    index = read_index(built_site)
    docs = {doc["location"]: doc for doc in index["docs"]}
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        for liste in fiche.checklists():
            list_doc = docs[f"fiches/{fiche.id}/#{liste.id}"]
            for element in liste.elements:
                item = docs[f"fiches/{fiche.id}/#{element.id}"]
                assert item["title"].replace("&#39;", "'")[:30] in element.texte
                # Moved, not copied: the list's document no longer repeats it.
                assert element.texte[:30] not in list_doc["text"]


def test_faq_questions_are_search_documents_at_their_anchor(built_site: Path):
    docs = {doc["location"]: doc for doc in read_index(built_site)["docs"]}
    for question in load_kit(KIT).fiche("faq-elus").questions:
        assert docs[f"fiches/faq-elus/#{question.id}"]["title"] == question.question


def test_synonyms_ride_in_the_index_config(built_site: Path):
    groups = read_index(built_site)["config"][SYNONYMS_KEY]
    kit = load_kit(KIT)
    assert groups == [{"id": s.id, "termes": list(s.termes)} for s in kit.synonymes]
    assert {"amo", "copil", "cctp"} <= {g["id"] for g in groups}


def test_every_synonym_group_has_words_found_in_the_sheets(built_site: Path):
    """Each group leads somewhere: the sheets use at least one of its expressions."""
    text = " ".join(doc["title"] + " " + doc["text"] for doc in read_index(built_site)["docs"]).lower()
    for group in load_kit(KIT).synonymes:
        assert any(term.lower() in text for term in group.termes), group.id


def test_tag_pages_and_home_listing_stay_out_of_search(built_site: Path):
    locations = [doc["location"] for doc in read_index(built_site)["docs"]]
    assert not any(loc.startswith(("publics/", "phases/", "#phase-")) for loc in locations)


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    """The same site with Material's own search, as bench/search_quality.py builds it."""
    site = tmp_path_factory.mktemp("site-recherche-par-defaut")
    result = mkdocs_build(ROOT, site, environment={"KIT_RECHERCHE_FRANCAISE": "false"})
    assert result.returncode == 0, result.stderr
    return site


def test_index_within_ten_percent_of_materials_default(built_site: Path, default_site: Path):
    ours = (built_site / "search" / "search_index.json").stat().st_size
    default = (default_site / "search" / "search_index.json").stat().st_size
    assert "kit-recherche.js" not in (default_site / "index.html").read_text(encoding="utf-8")
    assert SYNONYMS_KEY not in read_index(default_site)["config"]
    assert abs(ours - default) <= default * 0.10, (ours, default)


def test_a_checklist_missing_from_the_index_is_reported():
    kit = load_kit(KIT)
    index = {"config": {}, "docs": [{"location": "fiches/amo/", "title": "AMO", "text": ""}]}
    with pytest.raises(SearchIndexMismatch, match="listes à cocher absentes"):
        enrich_search_index(index, kit, lambda fiche_id: f"fiches/{fiche_id}/")


def test_a_list_whose_items_do_not_match_is_reported():
    kit = load_kit(KIT)
    liste = kit.fiche("amo").checklists()[0]
    docs = [{"location": f"fiches/amo/#{liste.id}", "title": liste.titre, "text": "<ul> <li> seul </li> </ul>"}]
    with pytest.raises(SearchIndexMismatch, match=f"la liste « {liste.id} » de la fiche « amo »"):
        enrich_search_index({"config": {}, "docs": docs}, kit, lambda fiche_id: f"fiches/{fiche_id}/")

"""The search index the build writes, and the page's search worker."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.pages.render import render_fiche
from kitoutils.search import SYNONYMS_KEY, enrich_search_index

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


def test_index_at_most_ten_percent_larger_than_materials_default(built_site: Path, default_site: Path):
    ours = (built_site / "search" / "search_index.json").stat().st_size
    default = (default_site / "search" / "search_index.json").stat().st_size
    assert "kit-recherche.js" not in (default_site / "index.html").read_text(encoding="utf-8")
    assert SYNONYMS_KEY not in read_index(default_site)["config"]
    # At most a tenth larger. It is smaller: each checklist's no-script note
    # and list markup stay out, and its items have documents of their own.
    assert ours <= default * 1.10, (ours, default)


def test_an_item_added_to_a_sheet_is_found_at_its_anchor(kit_copy: Path):
    """Item documents come from the kit: the index Material wrote holds none of
    the items' text (its documents here are empty), yet a new item is found."""
    sheet = kit_copy / "pilotage.yml"
    text = sheet.read_text(encoding="utf-8")
    anchor = "          - id: designer-chef-de-projet\n"
    assert anchor in text
    sheet.write_text(text.replace(anchor, (
        "          - id: prevoir-un-interprete\n"
        "            texte: Prévoir un **interprète** en langue des signes pour la [restitution](amo.md).\n"
    ) + anchor, 1), encoding="utf-8")
    kit = load_kit(kit_copy)
    liste = next(liste for liste in kit.fiche("pilotage").checklists()
                 if any(e.id == "prevoir-un-interprete" for e in liste.elements))
    heading = {"location": f"fiches/pilotage/#{liste.id}", "title": liste.titre, "text": ""}
    index = {"config": {"lang": ["fr"]}, "docs": [{"location": "fiches/pilotage/", "title": "Pilotage", "text": ""},
                                                  heading]}
    docs = enrich_search_index(index, kit, lambda fiche_id: f"fiches/{fiche_id}/")["docs"]
    found = [d for d in docs if d["location"] == "fiches/pilotage/#prevoir-un-interprete"]
    assert found == [{"location": "fiches/pilotage/#prevoir-un-interprete",
                      "title": "Prévoir un interprète en langue des signes pour la restitution.", "text": ""}]
    # Every item of the list follows its heading, in the sheet's order.
    start = docs.index(heading) + 1
    assert [d["location"] for d in docs[start:start + len(liste.elements)]] == [
        f"fiches/pilotage/#{e.id}" for e in liste.elements]


def test_items_of_a_list_the_index_lacks_are_still_found():
    """No « mismatch » failure: a list whose heading is not in the index keeps its items."""
    kit = load_kit(KIT)
    docs = enrich_search_index({"config": {}, "docs": []}, kit, lambda fiche_id: f"fiches/{fiche_id}/")["docs"]
    expected = [f"fiches/{f.id}/#{e.id}" for f in kit.fiches for liste in f.checklists() for e in liste.elements]
    assert [d["location"] for d in docs] == expected


def test_item_titles_are_escaped_for_html():
    kit = load_kit(KIT)
    fiche = kit.fiche("amo")
    section = fiche.sections[0]
    liste = section.listes[0] if section.listes else fiche.checklists()[0]
    element = dataclasses.replace(liste.elements[0], texte="Comparer <b>les</b> offres & les délais")
    changed = dataclasses.replace(liste, elements=(element, *liste.elements[1:]))
    fiches = tuple(dataclasses.replace(f, sections=tuple(
        dataclasses.replace(s, listes=tuple(changed if l.id == liste.id else l for l in s.listes))
        for s in f.sections)) if f.id == "amo" else f for f in kit.fiches)
    docs = enrich_search_index({"config": {}, "docs": []}, dataclasses.replace(kit, fiches=fiches),
                               lambda fiche_id: f"fiches/{fiche_id}/")["docs"]
    title = next(d["title"] for d in docs if d["location"] == f"fiches/amo/#{element.id}")
    assert title == "Comparer &lt;b&gt;les&lt;/b&gt; offres &amp; les délais"


def test_pages_leave_their_checklists_out_of_material_s_search(default_site: Path):
    kit = load_kit(KIT)
    fiche = kit.fiche("pilotage")
    checklist = re.compile(r'<div class="kit-checklist"[^>]*>')
    # The mark is for Material's indexer only (the page's sanitiser drops it afterwards).
    apart = checklist.findall(render_fiche(kit, fiche, None, items_searched_apart=True))
    assert len(apart) == len(fiche.checklists()) and all(" data-search-exclude" in tag for tag in apart)
    kept = checklist.findall(render_fiche(kit, fiche, None))
    assert len(kept) == len(fiche.checklists()) and not any("data-search-exclude" in tag for tag in kept)
    # Material's own search has no item documents of ours: there, the lists stay in its index.
    element = fiche.checklists()[0].elements[0]
    docs = read_index(default_site)["docs"]
    assert not any(d["location"].endswith(f"#{element.id}") for d in docs)
    assert any(element.texte[:30] in d["text"] for d in docs)

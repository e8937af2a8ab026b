"""The loader on the real kit and on broken copies: French, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.model.problems import KitInvalid


def problems_of(kit_dir: Path) -> list[str]:
    with pytest.raises(KitInvalid) as caught:
        load_kit(kit_dir)
    return [str(p) for p in caught.value.problems]


def replace(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first `old` in a file; return the 1-based line and column where it was."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line, column


def test_real_kit_loads_with_its_sheets():
    kit = load_kit(Path(__file__).parent.parent / "kit")
    # In the kit's order (kit/vocabulaire.yml), not the files' alphabetical order.
    assert [f.id for f in kit.fiches] == [
        "democratie-contributive", "pilotage", "faq-elus", "amo", "conduite-des-ateliers", "suivi-externe"]
    pilotage = kit.fiche("pilotage")
    assert len(pilotage.checklists()) >= 3
    assert sum(len(liste.elements) for liste in pilotage.checklists()) >= 20
    assert {s.id for s in pilotage.sections} >= {
        "pilotage-technique", "coordination-administrative", "coordination-logistique"}
    assert pilotage.source_reprise() is not None and "ARENE" in pilotage.source_reprise().editeur
    for other in ("suivi-externe", "amo"):
        assert max(len(liste.elements) for liste in kit.fiche(other).checklists()) >= 6
        assert kit.fiche(other).statut == "a-relire"
    faq = kit.fiche("faq-elus")
    assert len(faq.questions) >= 8
    assert all(q.reponse and q.arguments for q in faq.questions)
    assert faq.checklists() and faq.statut == "a-relire"


def test_every_phase_of_the_vocabulary_has_a_sheet():
    kit = load_kit(Path(__file__).parent.parent / "kit")
    covered = {fiche.phase for fiche in kit.fiches}
    missing = [phase.libelle for phase in kit.vocabulaire.phases if phase.id not in covered]
    assert missing == [], f"phases sans fiche : {missing}"


def test_yaml_syntax_error_is_located(kit_copy):
    line, column = replace(kit_copy / "amo.yml", "phase: preparation", "phase: [preparation")
    [problem] = problems_of(kit_copy)
    assert problem.startswith("kit/amo.yml:")
    assert "erreur de syntaxe YAML" in problem
    assert int(problem.split(":")[1]) >= line


def test_tab_indentation_is_explained(kit_copy):
    line, _ = replace(kit_copy / "amo.yml", "  - id: missions", "\t- id: missions")
    [problem] = problems_of(kit_copy)
    assert problem == (f"kit/amo.yml:{line}:1 : erreur de syntaxe YAML : une tabulation ne peut "
                       "pas servir d'indentation : utilisez des espaces")


def test_file_not_in_utf8_is_located(kit_copy):
    path = kit_copy / "amo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    # The first non-ASCII character is the "à" of the title, on line 3.
    column = text.splitlines()[2].index("à") + 1
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:3:{column} : le fichier n'est pas encodé en UTF-8 : "
        "enregistrez-le en UTF-8 depuis votre éditeur"]


def test_missing_key(kit_copy):
    replace(kit_copy / "amo.yml", "resume: >-\n", "resumé_absent: >-\n")
    problems = problems_of(kit_copy)
    assert "kit/amo.yml:2:1 : la clé obligatoire « resume » manque" in problems


def test_unknown_key_suggests_the_closest(kit_copy):
    line, column = replace(kit_copy / "pilotage.yml", "voir_aussi:", "voir_ausi:")
    assert problems_of(kit_copy) == [
        f"kit/pilotage.yml:{line}:{column} : clé inconnue « voir_ausi » : "
        "vouliez-vous dire « voir_aussi » ?"]


def test_wrong_type(kit_copy):
    line, column = replace(kit_copy / "pilotage.yml", "publics: [", "publics: chef-de-projet #[")
    assert problems_of(kit_copy) == [
        f"kit/pilotage.yml:{line}:{column + len('publics: ')} : "
        "« publics » doit être une liste, pas un texte"]


def test_empty_text(kit_copy):
    line, column = replace(kit_copy / "suivi-externe.yml", "titre:", "titre: ''\nancien_titre:")
    problems = problems_of(kit_copy)
    assert f"kit/suivi-externe.yml:{line}:{column + len('titre: ')} : le texte de « titre » est vide" in problems


def test_duplicate_ids_within_a_sheet(kit_copy):
    path = kit_copy / "pilotage.yml"
    text = path.read_text(encoding="utf-8")
    first_line = text[: text.index("id: associer-services-supports")].count("\n") + 1
    line, column = replace(path, "id: associer-communication", "id: associer-services-supports")
    assert problems_of(kit_copy) == [
        f"kit/pilotage.yml:{line}:{column + len('id: ')} : l'identifiant « associer-services-supports » "
        f"est déjà employé dans ce fichier (ligne {first_line}) : chaque identifiant doit être unique"]


def test_cross_reference_to_missing_sheet(kit_copy):
    line, column = replace(kit_copy / "amo.yml", "voir_aussi: [pilotage", "voir_aussi: [pilotag")
    [problem] = problems_of(kit_copy)
    assert problem.startswith(f"kit/amo.yml:{line}:{column + len('voir_aussi: [')} : "
                              "la fiche « pilotag » n'existe pas dans kit/")
    assert "« pilotage »" in problem


def test_term_outside_vocabulary(kit_copy):
    line, column = replace(kit_copy / "suivi-externe.yml", "phase: suites", "phase: bilan")
    assert problems_of(kit_copy) == [
        f"kit/suivi-externe.yml:{line}:{column + len('phase: ')} : « bilan » n'est pas un terme du "
        "vocabulaire « phases » (kit/vocabulaire.yml) ; termes permis : "
        "« conduite », « preparation », « suites »"]


def test_identifier_must_be_a_slug(kit_copy):
    line, column = replace(kit_copy / "pilotage.yml", "id: associer-communication", "id: Associer_Communication")
    [problem] = problems_of(kit_copy)
    assert problem.startswith(f"kit/pilotage.yml:{line}:{column + 4} : l'identifiant « Associer_Communication »")
    assert "« associer-communication »" in problem


def test_sheet_id_must_match_file_name(kit_copy):
    line, column = replace(kit_copy / "amo.yml", "id: amo", "id: assistance")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:{column + 4} : l'identifiant « assistance » doit être le nom du fichier "
        "sans « .yml » (« amo ») : renommez le fichier ou corrigez l'identifiant"]


def test_all_problems_of_a_run_come_at_once_sorted(kit_copy):
    replace(kit_copy / "suivi-externe.yml", "phase: suites", "phase: bilan")
    replace(kit_copy / "amo.yml", "statut: a-relire", "statut: fini")
    replace(kit_copy / "amo.yml", "voir_aussi:", "voir_ausi:")
    problems = problems_of(kit_copy)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == ["kit/amo.yml", "kit/amo.yml", "kit/suivi-externe.yml"]
    lines = [int(p.split(":")[1]) for p in problems[:2]]
    assert lines == sorted(lines)


def test_broken_vocabulary_is_reported_alone(kit_copy):
    line, column = replace(kit_copy / "vocabulaire.yml", "  - id: suites", "  - id: Suites")
    [problem] = problems_of(kit_copy)
    assert problem.startswith(f"kit/vocabulaire.yml:{line}:{column + 8} : l'identifiant « Suites »")


def test_synonyms_load_with_the_kit():
    kit = load_kit(Path(__file__).parent.parent / "kit")
    groups = {s.id: s.termes for s in kit.synonymes}
    assert groups["amo"] == ("AMO", "assistance à maîtrise d’ouvrage")  # typeset at load, like every text
    assert "comité de pilotage" in groups["copil"]


def test_synonym_group_needs_two_terms_located(kit_copy):
    line, column = replace(kit_copy / "synonymes.yml", "      - COPIL\n", "")
    found = problems_of(kit_copy)
    assert found == [
        f"kit/synonymes.yml:{line}:7 : la liste « termes » doit contenir au moins 2 éléments"]


def test_synonym_file_unknown_key_located(kit_copy):
    line, column = replace(kit_copy / "synonymes.yml", "termes:\n      - AMO", "terme:\n      - AMO")
    assert f"kit/synonymes.yml:{line}:{column} : clé inconnue « terme » : vouliez-vous dire « termes » ?" in (
        problems_of(kit_copy))

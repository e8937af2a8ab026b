"""The kit's canonical layout (`kit formater`) and the verifier's warning about it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import KIT, ROOT, copy_project
from kitoutils.intake.layout import canonical_layout, file_kind, layout_of

KIT_FILES = sorted(KIT.glob("*.yml"))


def kit(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kitoutils.cli", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=60)


def rewritten(text: str, **style) -> str:
    """The same data written back by a YAML library, as the web editor does: no comment,
    its own key order, its own line wrapping and quoting."""
    return yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, **style)


def test_the_kit_is_in_canonical_layout():
    result = kit(ROOT, "formater", "--verifier")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Les fichiers du kit sont déjà dans leur mise en page.\n"


@pytest.mark.parametrize("path", KIT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("style", [{"sort_keys": True, "width": 60}, {"sort_keys": False, "width": 200},
                                   {"sort_keys": True, "default_style": '"'}])
def test_any_rewrite_of_a_file_is_laid_out_back_to_the_same_text(path, style):
    original = path.read_text(encoding="utf-8")
    layout = canonical_layout(rewritten(original, **style), *file_kind(path))
    assert layout.text == original
    assert layout.made_ids == ()


def test_an_item_saved_without_id_gets_one_from_its_text_unique_in_the_file():
    data = yaml.safe_load((KIT / "pilotage.yml").read_text(encoding="utf-8"))
    items = data["sections"][0]["listes"][0]["elements"]
    items += [{"texte": "Prévoir une personne suppléante pour la coordination."},
              {"texte": "Prévoir une personne suppléante pour la coordination des ateliers.", "id": ""},
              {"texte": "Kit de démarrage : le remettre à chaque agent."}]
    layout = canonical_layout(yaml.safe_dump(data, allow_unicode=True), *file_kind(KIT / "pilotage.yml"))
    assert layout.made_ids == ("prevoir-une-personne-suppleante-pour", "prevoir-une-personne-suppleante-pour-2",
                               "element-kit-de-demarrage-le-remettre")
    laid_out = yaml.safe_load(layout.text)["sections"][0]["listes"][0]["elements"]
    assert laid_out[-3] == {"id": "prevoir-une-personne-suppleante-pour",
                            "texte": "Prévoir une personne suppléante pour la coordination."}
    assert "\n          - id: prevoir-une-personne-suppleante-pour\n            texte: Prévoir" in layout.text


def test_layout_keeps_the_opening_comments_writes_the_files_note_and_drops_empty_options():
    text = ("# Une note pour les éditeurs.\n\n"
            "publics:\n- id: elus\n  libelle: Élus\n  description: ''\n"
            "phases:\n- {libelle: Préparation, id: preparation}\n"
            "statuts: [{id: relue, libelle: Relue}]\nroles: []\n")
    layout = canonical_layout(text, *file_kind(KIT / "vocabulaire.yml"))
    assert layout.text == (
        "# yaml-language-server: $schema=../docs/schemas/vocabulaire.schema.json\n"
        "# Vocabulaire contrôlé du kit : les fiches ne peuvent employer que ces termes\n"
        "# pour leurs publics, leur phase et leur statut éditorial.\n"
        "# L'ordre des phases est celui de la démarche ; il ordonne la page d'accueil.\n"
        "# Une note pour les éditeurs.\n\n"
        "publics:\n  - id: elus\n    libelle: Élus\n"
        "phases:\n  - id: preparation\n    libelle: Préparation\n"
        "statuts:\n  - id: relue\n    libelle: Relue\n"
    )


def test_texts_are_kept_exactly_whatever_their_characters():
    tricky = ["a: b", "# pas un commentaire", "- pas une liste", "« guillemets » et 'apostrophes'",
              'des "doubles" et des \\ barres', "oui", "null", "123", " espace au début", "deux  espaces",
              "ligne 1\nligne 2", "ligne 1\n\n  indentée\n", "fin :", "[crochets], {accolades}"]
    data = {"id": "test", "titre": "T", "resume": " ".join(["Un résumé assez long pour être replié."] * 4),
            "publics": ["elus", "a,b"], "phase": "preparation", "statut": "relue",
            "sections": [{"id": "s", "titre": t, "texte": t} for t in tricky]}
    layout = canonical_layout(yaml.safe_dump(data, allow_unicode=True), *file_kind(KIT / "amo.yml"))
    assert yaml.safe_load(layout.text) == data
    assert "resume: >-\n" in layout.text and "texte: |-\n      ligne 1\n      ligne 2\n" in layout.text
    assert canonical_layout(layout.text, *file_kind(KIT / "amo.yml")).text == layout.text


def test_formater_rewrites_a_file_the_editor_saved_and_the_verifier_warns_until_then(tmp_path):
    project = copy_project(tmp_path / "projet")
    sheet = project / "kit" / "pilotage.yml"
    original = sheet.read_text(encoding="utf-8")
    sheet.write_text(rewritten(original, sort_keys=True, width=80), encoding="utf-8")

    checked = kit(project, "verifier", "--format", "texte")
    assert checked.returncode == 0  # a warning, not an error: the site builds all the same
    assert checked.stderr == ("Avertissement : kit/pilotage.yml : le fichier n'est pas dans la mise en page "
                              "du kit ; « kit formater kit/pilotage.yml » la rétablit\n")
    annotated = kit(project, "verifier", "--format", "github")
    assert "::warning file=kit/pilotage.yml,line=1,col=1,title=Kit %3A fichier à remettre en forme::" in annotated.stdout

    assert kit(project, "formater", "--verifier").returncode == 1
    assert sheet.read_text(encoding="utf-8") != original  # --verifier writes nothing
    formatted = kit(project, "formater")
    assert formatted.returncode == 0 and formatted.stdout == "kit/pilotage.yml remis en forme\n"
    assert sheet.read_text(encoding="utf-8") == original
    assert kit(project, "verifier").stderr == ""


def test_formater_leaves_a_broken_file_alone_and_says_so(tmp_path):
    project = copy_project(tmp_path / "projet")
    sheet = project / "kit" / "amo.yml"
    broken = sheet.read_text(encoding="utf-8").replace("titre: L'assistance", "titre: [L'assistance", 1)
    sheet.write_text(broken, encoding="utf-8")
    result = kit(project, "formater")
    assert result.returncode == 1
    assert "kit/amo.yml : mise en forme impossible ; « kit verifier » dit où est le problème" in result.stderr
    assert sheet.read_text(encoding="utf-8") == broken


def test_every_file_kind_has_its_schema_line():
    for path in KIT_FILES:
        assert layout_of(path).text.startswith(
            f"# yaml-language-server: $schema=../docs/schemas/{file_kind(path)[1]}.schema.json\n")

"""Bad input of every kind: a located French error, or made harmless, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kitoutils import yamlfile
from kitoutils.loader import load_kit

from test_loader import problems_of, replace

AMO_HEAD = "# yaml-language-server: $schema=../docs/schemas/fiche.schema.json\n"


def write(kit: Path, name: str, text: str) -> None:
    (kit / name).write_text(text, encoding="utf-8")


def position_of(path: Path, snippet: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of a snippet in a file."""
    text = path.read_text(encoding="utf-8")
    index = -1
    for _ in range(occurrence):
        index = text.index(snippet, index + 1)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# --- YAML syntax -----------------------------------------------------------------

SYNTAX = "erreur de syntaxe YAML : "


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("voir_aussi: [pilotage, suivi-externe, faq-elus]", "voir_aussi: [pilotage, suivi-externe, faq-elus",
     (11, 13), "cette liste ouverte par « [ » n'est pas fermée par « ] », ou il manque une virgule"),
    ("titre: L'assistance à maîtrise d'ouvrage (AMO)", "titre: AMO : l'assistance",
     (3, 12), "deux-points inattendu : mettez le texte entre guillemets, ou vérifiez l'indentation de la ligne"),
    ("statut: a-relire", " statut: a-relire",
     (10, 8), "deux-points inattendu : mettez le texte entre guillemets, ou vérifiez l'indentation de la ligne"),
    ("    titre: Les missions possibles", "   titre: Les missions possibles",
     (37, 4), "indentation incohérente : cette ligne n'est alignée ni sur les tirets « - » de sa "
     "liste, ni sur les clés de son bloc"),
    ("statut: a-relire", "statut: @relire",
     (10, 9), "un texte ne peut pas commencer par « @ » : mettez-le entre guillemets"),
    ("statut: a-relire", "statut: a-relire\n---\nautre: document",
     (11, 1), "le fichier contient plusieurs documents YAML (« --- ») : n'en gardez qu'un"),
    ("introduction: |-\n  Une", "introduction: |- Une\n  Une",
     (16, 18), "après « | » ou « > », passez à la ligne : le texte commence à la ligne suivante, indenté"),
    ("statut: a-relire", 'statut: "a-relire',
     (10, 9), "ce guillemet n'est jamais fermé : ajoutez le guillemet fermant à la fin du texte"),
    ("voir_aussi: [pilotage", "voir_aussi: [,pilotage",
     (11, 14), "valeur attendue : vérifiez les virgules et les crochets de la ligne"),
])
def test_yaml_syntax_errors_are_located_and_explained(kit_copy, old, new, where, message):
    replace(kit_copy / "amo.yml", old, new)
    assert problems_of(kit_copy) == [f"kit/amo.yml:{where[0]}:{where[1]} : {SYNTAX}{message}"]


def test_list_mixed_with_keys_is_explained():
    node, problems = yamlfile.compose("kit/x.yml", "- a\nid: b\n")
    assert node is None
    assert [str(p) for p in problems] == [
        f"kit/x.yml:2:1 : {SYNTAX}indentation incohérente : cette ligne n'est alignée ni sur "
        "les tirets « - » de sa liste, ni sur les clés de son bloc"]


def test_tab_inside_a_list_is_explained(kit_copy):
    line, _ = replace(kit_copy / "amo.yml", "          - id: estimer-montant", "\t  - id: estimer-montant")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:1 : {SYNTAX}une tabulation ne peut pas servir d'indentation : utilisez des espaces"]


def test_control_character_is_located(kit_copy):
    line, column = replace(kit_copy / "amo.yml", "statut: a-relire", "statut: a-relire\x07")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:{column + len('statut: a-relire')} : caractère de contrôle invisible "
        "(code U+0007) : supprimez-le ; il vient souvent d'un copier-coller"]


# --- Encodings and line ends ---------------------------------------------------------


def test_bom_and_crlf_are_accepted_with_right_line_numbers(kit_copy):
    path = kit_copy / "amo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    kit = load_kit(kit_copy)
    assert kit.fiche("amo").titre == "L'assistance à maîtrise d'ouvrage (AMO)"
    assert "\r" not in kit.fiche("amo").sections[0].texte
    # An error in the same file is placed as in the LF file: line 9, column 8.
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("phase: preparation", "phase: bilan")
                     .replace("\n", "\r\n").encode("utf-8"))
    [problem] = problems_of(kit_copy)
    assert problem.startswith("kit/amo.yml:9:8 : « bilan » n'est pas un terme du vocabulaire")


def test_empty_file(kit_copy):
    write(kit_copy, "amo.yml", "")
    assert "kit/amo.yml:1:1 : le fichier est vide" in problems_of(kit_copy)


def test_file_of_comments_only_is_empty(kit_copy):
    write(kit_copy, "amo.yml", AMO_HEAD + "# rien d'autre\n")
    assert "kit/amo.yml:1:1 : le fichier est vide" in problems_of(kit_copy)


@pytest.mark.parametrize(("text", "kind"), [
    ("- id: amo\n- titre: AMO\n", "une liste"),
    ("Une fiche sur l'AMO\n", "un texte"),
])
def test_list_or_scalar_instead_of_mapping(kit_copy, text, kind):
    write(kit_copy, "amo.yml", AMO_HEAD + text)
    problems = problems_of(kit_copy)
    assert f"kit/amo.yml:2:1 : un bloc de clés était attendu ici, pas {kind}" in problems


# --- Limits ---------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
       f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
) + "\n"


def test_alias_bomb_is_refused_fast(kit_copy):
    write(kit_copy, "amo.yml", AMO_HEAD + BILLION_LAUGHS)
    started = time.perf_counter()
    problems = problems_of(kit_copy)
    assert time.perf_counter() - started < 1.0
    # Reported at the first anchored value shared by aliases: line 2, column 4.
    assert ("kit/amo.yml:2:4 : les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
            "recopiez le texte à chaque endroit") in problems


def test_deep_nesting_is_refused(kit_copy):
    write(kit_copy, "amo.yml", AMO_HEAD + "id: " + "[" * 40 + "]" * 40 + "\n")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:2:{len('id: ') + 12} : imbrication trop profonde (plus de {yamlfile.MAX_DEPTH} niveaux)"]


def test_nesting_beyond_the_parser_limit_is_refused_fast(kit_copy):
    write(kit_copy, "amo.yml", AMO_HEAD + "id: " + "[" * 200_000 + "\n")
    started = time.perf_counter()
    [problem] = problems_of(kit_copy)
    assert time.perf_counter() - started < 2.0
    assert problem.startswith("kit/amo.yml:2:")
    assert problem.endswith(f"imbrication trop profonde (plus de {yamlfile.MAX_DEPTH} niveaux)")


def test_huge_file_is_refused_before_parsing(kit_copy):
    size = yamlfile.MAX_FILE_BYTES + 1
    (kit_copy / "amo.yml").write_bytes(b"a" * size)
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:1:1 : fichier trop volumineux ({size} octets, "
        f"{yamlfile.MAX_FILE_BYTES} au plus) : découpez la fiche"]


def test_duplicate_key_is_located_at_its_second_place(kit_copy):
    path = kit_copy / "amo.yml"
    first, _ = position_of(path, "statut: a-relire")
    line, column = replace(path, "voir_aussi:", "statut: relue\nvoir_aussi:")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:{column} : la clé « statut » apparaît deux fois dans le même bloc "
        f"(première fois ligne {first})"]


@pytest.mark.parametrize(("tagged", "kind"), [
    ("!!python/object:os.system a", "une valeur de type « os.system » (retirez l'étiquette « !! »)"),
    ("!perso a-relire", "une valeur à étiquette « ! » (retirez l'étiquette)"),
])
def test_yaml_tags_are_refused_never_constructed(kit_copy, tagged, kind):
    line, column = replace(kit_copy / "amo.yml", "statut: a-relire", f"statut: {tagged}")
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:{column + len('statut: ')} : « statut » doit être un texte, pas {kind}"]

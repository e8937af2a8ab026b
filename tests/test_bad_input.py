"""Bad input of every kind: a located French error, or made harmless, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kitoutils.intake import yamlfile
from kitoutils.intake.loader import load_kit

from conftest import KIT, copy_project
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
     (55, 4), "indentation incohérente : cette ligne n'est alignée ni sur les tirets « - » de sa "
     "liste, ni sur les clés de son bloc"),
    ("statut: a-relire", "statut: @relire",
     (10, 9), "un texte ne peut pas commencer par « @ » : mettez-le entre guillemets"),
    ("statut: a-relire", "statut: a-relire\n---\nautre: document",
     (11, 1), "le fichier contient plusieurs documents YAML (« --- ») : n'en gardez qu'un"),
    ("introduction: |-\n  La", "introduction: |- La\n  La",
     (25, 18), "après « | » ou « > », passez à la ligne : le texte commence à la ligne suivante, indenté"),
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
    assert kit.fiche("amo").titre == "L’assistance à maîtrise d’ouvrage (AMO)"  # typeset at load
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


# --- HTML and unsafe addresses in texts ------------------------------------------------------
# Each case is placed in a literal block (`texte: |-`), a folded block
# (`resume: >-`, a plain text) and a one-line item text, at its exact column.

REFUSED_HTML = [
    ("<script>alert(1)</script>", "<script>", "balise HTML « <script> » refusée : elle pourrait exécuter du code"),
    ('<img src="x" onerror="alert(1)">', "<img", "balise HTML « <img src=\"x\" onerror=\"alert(1)\"> » refusée : "
     "son attribut « onerror » exécuterait du code chez les lecteurs"),
    ('<iframe src="https://example.org"></iframe>', "<iframe", "balise HTML « <iframe src=\"https://example.org\"> » "
     "refusée : elle pourrait exécuter du code"),
    ("<style>body{display:none}</style>", "<style>", "balise HTML « <style> » refusée : elle pourrait exécuter du code"),
    ("[cliquez](javascript:alert(1))", "javascript:", "adresse « javascript: » refusée : un lien mène à une page web"),
    ("[cliquez](&#106;avascript:alert(1))", "&#106;avascript:", "adresse « javascript: » refusée"),
    ("![image](data:image/png;base64,AAAA)", "data:", "image d'un autre site ou adresse « data: » refusée"),
    ("[lien](data:text/html;base64,PHNjcmlwdD4=)", "data:", "adresse « data: » refusée"),
    ("![pixel](https://traceur.example/p.png)", "https://traceur", "image d'un autre site ou adresse « data: » refusée"),
    # attr_list applies to the element just before (here *…*): the parse shows it does.
    ("*un paragraphe*{: onclick=\"alert(1)\" }", "{: onclick", "attributs entre accolades « {: onclick=\"alert(1)\" } » "
     "refusés : l'attribut « onclick » exécuterait du code chez les lecteurs"),
    ('--8<-- "mkdocs.yml"', "--8<--", "la marque d'inclusion « --8<-- » est réservée aux pages du site"),
]


@pytest.mark.parametrize(("payload", "at", "message"), REFUSED_HTML)
def test_unsafe_markdown_in_a_literal_block_is_located(kit_copy, payload, at, message):
    path = kit_copy / "amo.yml"
    replace(path, "alerte ; elle ne décide pas", f"alerte ; {payload} elle ne décide pas")
    line, column = position_of(path, at)
    [problem] = [p for p in problems_of(kit_copy) if "refusé" in p or "réservée" in p][:1]
    assert problem.startswith(f"kit/amo.yml:{line}:{column} : {message}")


@pytest.mark.parametrize(("payload", "at", "message"), REFUSED_HTML[:5])
def test_unsafe_markdown_in_a_folded_block_is_located(kit_copy, payload, at, message):
    path = kit_copy / "pilotage.yml"
    text = path.read_text(encoding="utf-8").replace("introduction: |-", "introduction: >-", 1)
    start = text.index("introduction: >-")
    second_line = text.index("\n", text.index("\n", start) + 1) + 1  # the block's second line
    indent = len(text[second_line:]) - len(text[second_line:].lstrip(" "))
    path.write_text(text[:second_line] + " " * indent + payload + "\n" + text[second_line:], encoding="utf-8")
    line = text.count("\n", 0, second_line) + 1
    column = indent + 1 + payload.index(at)
    [problem] = [p for p in problems_of(kit_copy) if "refusé" in p][:1]
    assert problem.startswith(f"kit/pilotage.yml:{line}:{column} : {message}")


@pytest.mark.parametrize(("payload", "at", "message"), REFUSED_HTML[:5])
def test_unsafe_markdown_in_a_one_line_item_is_located(kit_copy, payload, at, message):
    path = kit_copy / "amo.yml"
    old = "texte: Associer le service achats ou commande publique dès la préparation."
    replace(path, old, f"texte: 'Associer {payload} le service achats ou commande publique dès la préparation.'")
    line, column = position_of(path, at)
    [problem] = [p for p in problems_of(kit_copy) if "refusé" in p][:1]
    assert problem.startswith(f"kit/amo.yml:{line}:{column} : {message}")


def test_html_in_code_spans_and_safe_links_is_accepted(kit_copy):
    replace(kit_copy / "amo.yml", "alerte ; elle ne décide pas",
            "alerte (la balise `<script>` n'a rien à faire ici, voir <https://www.arene-idf.org/>, "
            "[l'ARENE](https://www.arene-idf.org/) ou [écrire](mailto:kit@example.org), a < b) ; "
            "elle ne décide pas")
    assert load_kit(kit_copy).fiche("amo")


@pytest.mark.parametrize(("sheet", "field", "payload"), [
    ("amo", "titre: L'assistance à maîtrise d'ouvrage (AMO)", "</title><script>alert(1)</script>"),
    ("pilotage", "    editeur: ARENE Île-de-France, avec Groupe Re-Sources", "<b>ARENE</b>"),
])
def test_html_in_plain_text_fields_is_refused(kit_copy, sheet, field, payload):
    key = field.split(":")[0]
    line, column = replace(kit_copy / f"{sheet}.yml", field, f"{key}: '{payload}'")
    problems = problems_of(kit_copy)
    shown = payload[: payload.index(">") + 1]
    assert problems[0] == (
        f"kit/{sheet}.yml:{line}:{column + len(key) + 3} : balise HTML « {shown} » refusée : ce texte "
        "s'affiche tel quel, écrivez-le sans chevrons « < > »")


def test_html_in_the_vocabulary_is_refused(kit_copy):
    line, column = replace(kit_copy / "vocabulaire.yml", "libelle: Élus", "libelle: <i>Élus</i>")
    problems = problems_of(kit_copy)
    assert problems[0].startswith(f"kit/vocabulaire.yml:{line}:{column + len('libelle: ')} : balise HTML « <i> »")


# --- Links to pages and anchors -----------------------------------------------------------------


@pytest.mark.parametrize(("link", "message"), [
    ("pilotag.md", "le lien « pilotag.md » mène à la fiche « pilotag », qui n'existe pas : "
                   "vouliez-vous dire « pilotage.md » ?"),
    ("pilotage.md#equipe-projets", "le lien « pilotage.md#equipe-projets » mène à l'ancre « #equipe-projets », "
                                   "absente de la fiche « pilotage » : vouliez-vous dire « #equipe-projet » ?"),
    ("#missions-possibles", "le lien « #missions-possibles » mène à l'ancre « #missions-possibles », "
                            "absente de la fiche « amo » : vouliez-vous dire « #missions » ?"),
    ("../mentions.md", "le lien « ../mentions.md » mène à « docs/mentions.md », qui n'existe pas"),
    ("../../../etc/passwd", "le lien « ../../../etc/passwd » sort du site : vérifiez le nombre de « ../ »"),
    ("pilotage/", "le lien « pilotage/ » ne mène à aucun fichier : pour une fiche, écrivez son nom suivi "
                  "de « .md » (par exemple « amo.md »)"),
])
def test_link_to_a_missing_page_or_anchor_is_located(tmp_path, link, message):
    project = copy_project(tmp_path / "projet")
    path = project / "kit" / "amo.yml"
    replace(path, "(voir la [fiche « Pilotage »](pilotage.md))", f"(voir la [fiche « Pilotage »]({link}))")
    line, column = position_of(path, f"]({link})")
    assert problems_of(project / "kit") == [f"kit/amo.yml:{line}:{column + 2} : {message}"]


@pytest.mark.parametrize("link", [
    "pilotage.md#equipe-projet", "#missions", "../a-propos.md", "../index.md", "faq-elus.md#kit-questions",
    "./suivi-externe.md", "https://www.arene-idf.org/", "amo.md#kit-source",
])
def test_links_to_existing_pages_and_anchors_are_accepted(tmp_path, link):
    project = copy_project(tmp_path / "projet")
    replace(project / "kit" / "amo.yml", "(voir la [fiche « Pilotage »](pilotage.md))",
            f"(voir la [fiche « Pilotage »]({link}))")
    assert load_kit(project / "kit").fiche("amo")


def test_every_anchor_a_link_may_name_is_on_the_built_page(built_site):
    from kitoutils.model.addresses import sheet_anchors

    for fiche in load_kit(KIT).fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        for anchor in sheet_anchors(fiche):
            assert f'id="{anchor}"' in page, (fiche.id, anchor)


# --- Ids and addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize("reserved", ["kit-source", "case-estimer-montant"])
def test_ids_with_a_reserved_prefix_are_refused(kit_copy, reserved):
    line, column = replace(kit_copy / "amo.yml", "id: verifier-seuil", f"id: {reserved}")
    prefix = reserved.split("-")[0] + "-"
    assert problems_of(kit_copy) == [
        f"kit/amo.yml:{line}:{column + len('id: ')} : l'identifiant « {reserved} » commence par « {prefix} », "
        "réservé aux ancres que le site ajoute lui-même : choisissez un autre début "
        f"(par exemple « {reserved[len(prefix):]} »)"]


def test_sheet_named_index_is_refused(kit_copy):
    text = (kit_copy / "amo.yml").read_text(encoding="utf-8").replace("id: amo", "id: index")
    (kit_copy / "amo.yml").unlink()
    write(kit_copy, "index.yml", text)
    problems = [p for p in problems_of(kit_copy) if p.startswith("kit/index.yml")]
    assert problems == [
        "kit/index.yml:2:5 : le nom de fiche « index » est réservé (la page « fiches/index.md » serait celle "
        "du dossier des fiches) : renommez le fichier"]


def test_sheet_file_names_that_differ_only_in_case_collide(kit_copy):
    text = (kit_copy / "amo.yml").read_text(encoding="utf-8")
    (kit_copy / "AMO.yml").write_text(text, encoding="utf-8")
    problems = problems_of(kit_copy)
    assert ("kit/AMO.yml:1:1 : le nom du fichier « AMO.yml » doit s'écrire en minuscules sans accent, avec des "
            "tirets : renommez-le « amo.yml » ; « amo.yml » existe déjà : les deux fiches auraient la même "
            "adresse") in problems


def test_sheet_with_the_address_of_a_hand_written_page_is_refused(tmp_path):
    project = copy_project(tmp_path / "projet")
    (project / "docs" / "fiches").mkdir()
    (project / "docs" / "fiches" / "amo.md").write_text("# Une page écrite à la main\n", encoding="utf-8")
    assert problems_of(project / "kit") == [
        "kit/amo.yml:2:5 : la fiche « amo » aurait la même adresse que la page écrite à la main "
        "« docs/fiches/amo.md » : renommez l'une des deux"]

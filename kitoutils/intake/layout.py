"""The kit's canonical file layout, written by `kit formater`.

The web editor rewrites a whole file when it saves: it drops comments and
orders keys its own way. One layout derived from the model keeps files
readable for the next person who edits by hand: the schema line first, keys
in the model's order (and, for the vocabulary, the glossary and the synonyms, the note that
explains them), texts with line breaks as literal blocks (`|-`),
paragraphs too long for one line as folded blocks (`>-`), lists of
identifiers on one line, empty optional values left out. A list item saved
without an identifier gets one made from its text, unique in the file.
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.addresses import RESERVED_ANCHOR_PREFIXES, slugify
from ..model.content import Fiche, Glossaire, Synonymes, Vocabulaire
from ..model.fields import field_rules
from .loader import GLOSSARY_FILE, SYNONYMS_FILE, VOCABULARY_FILE

INDENT = "  "
FOLD_AT = 72  # a folded paragraph's lines
ONE_LINE = 88  # longest `key: paragraph` (indentation aside) kept on one line
ID_WORDS = 5  # words of the text kept in an identifier made from it
SCHEMA_COMMENT = "# yaml-language-server: $schema=../docs/schemas/{name}.schema.json"


def file_kind(path: Path) -> tuple[type, str]:
    """The top-level model class of a kit file and the name of its schema."""
    if path.name == VOCABULARY_FILE:
        return Vocabulaire, "vocabulaire"
    if path.name == SYNONYMS_FILE:
        return Synonymes, "synonymes"
    if path.name == GLOSSARY_FILE:
        return Glossaire, "glossaire"
    return Fiche, "fiche"


# What opens a file besides its schema line, for the files that explain themselves to
# the person editing them. Written back whenever a tool (the web editor) drops it.
FILE_NOTES = {
    "vocabulaire": (
        "# Vocabulaire contrôlé du kit : les fiches ne peuvent employer que ces termes",
        "# pour leurs publics, leur phase et leur statut éditorial.",
        "# L'ordre des phases est celui de la démarche ; avec la liste « fiches » de",
        "# chaque phase (l'ordre des fiches dans la phase), il ordonne les fiches",
        "# partout : menu, page d'accueil, fiche précédente et suivante, téléchargements.",
    ),
    "glossaire": (
        "# Glossaire du kit : chaque terme est expliqué sur la page « Glossaire » et,",
        "# sur chaque page, à sa première apparition (au survol et au clavier).",
        "# « formes » : les façons dont le terme s'écrit dans les textes (la première",
        "# est celle du glossaire) ; une forme n'appartient qu'à un seul terme.",
    ),
    "synonymes": (
        "# Synonymes et abréviations que comprend la recherche du site : chercher l'une",
        "# des expressions d'un groupe trouve aussi les passages qui emploient une autre",
        "# expression du même groupe (« COPIL » trouve « comité de pilotage », et",
        "# inversement). Les accents, les majuscules, le pluriel et les terminaisons",
        "# courantes (« mobiliser », « mobilisation ») sont déjà pris en compte : ne",
        "# listez ici que ce que la recherche ne peut pas deviner.",
    ),
}


class NotFormattable(Exception):
    """Not YAML that can be laid out (a syntax error): `kit verifier` locates it."""


@dataclass(frozen=True)
class Layout:
    text: str
    made_ids: tuple[str, ...]  # identifiers made for items saved without one


def layout_of(path: Path) -> Layout:
    """The canonical layout of one kit file (read, not written)."""
    return canonical_layout(path.read_text(encoding="utf-8"), *file_kind(path))


def canonical_layout(text: str, cls: type, schema: str) -> Layout:
    """The canonical text of one kit file whose top-level model class is `cls`."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise NotFormattable(str(error)) from None
    if not isinstance(data, dict):
        raise NotFormattable("le fichier n'est pas un bloc de clés")
    made: list[str] = []
    _fill_ids(data, cls, _all_ids(data), made, top_level=True)
    lines = [*_header(text, schema), *_mapping(data, cls)]
    return Layout("\n".join(lines) + "\n", tuple(made))


def _header(text: str, schema: str) -> list[str]:
    """The schema comment, the file's note, then any other comment lines that opened the file."""
    comments: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            break
        if not line.startswith("# yaml-language-server:"):
            comments.append(line.rstrip())
    while comments and not comments[0]:
        comments.pop(0)
    while comments and not comments[-1]:
        comments.pop()
    note = list(FILE_NOTES.get(schema, ()))
    if comments[:len(note)] != note:
        comments = [*note, *comments]
    return [SCHEMA_COMMENT.format(name=schema), *comments, *([""] if comments else [])]


# --- identifiers made from the text -----------------------------------------

def _all_ids(data: Any) -> set[str]:
    if isinstance(data, list):
        return set().union(*map(_all_ids, data)) if data else set()
    if not isinstance(data, dict):
        return set()
    found = {data["id"]} if isinstance(data.get("id"), str) else set()
    return found.union(*map(_all_ids, data.values()))


def _fill_ids(data: dict, cls: type, taken: set[str], made: list[str], top_level: bool = False) -> None:
    """Give an id to each block saved without one (a sheet's own id is its file name: never made up)."""
    rules = {rule.name: rule for rule in field_rules(cls)}
    identifier = rules.get("id")
    if not top_level and identifier is not None and identifier.identifier and not _text(data.get("id")):
        source = next((_text(data.get(name)) for name in rules if name != "id" and _text(data.get(name))), "")
        if source:
            data["id"] = _new_id(source, taken)
            taken.add(data["id"])
            made.append(data["id"])
    for name, value in data.items():
        rule = rules.get(name)
        inner = _inner_class(rule)
        if inner is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                _fill_ids(item, inner, taken, made)


def _text(value: Any) -> str:
    """A value's text: a string, or the first string of a list (a group of synonyms)."""
    if isinstance(value, list) and value:
        value = value[0]
    return value.strip() if isinstance(value, str) else ""


def _new_id(text: str, taken: set[str]) -> str:
    base = "-".join(slugify(text).split("-")[:ID_WORDS]) or "element"
    if base.startswith(RESERVED_ANCHOR_PREFIXES):
        base = f"element-{base}"  # « kit-… » and « case-… » are the site's own anchors
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


# --- layout ------------------------------------------------------------------

def _inner_class(rule: Any) -> type | None:
    if rule is None:
        return None
    kind = rule.kind[1] if isinstance(rule.kind, tuple) else rule.kind
    return kind if dataclasses.is_dataclass(kind) else None


def _mapping(data: dict, cls: type | None) -> list[str]:
    """A mapping's lines, at indentation 0: known keys in the model's order, then any others."""
    rules = {rule.name: rule for rule in field_rules(cls)} if cls else {}
    keys = [name for name in rules if name in data] + [key for key in data if key not in rules]
    lines: list[str] = []
    for key in keys:
        rule = rules.get(key)
        value = data[key]
        if rule is not None and not rule.required and value in (None, "", [], {}):
            continue  # an empty optional value is the same as no value
        lines += _entry(str(key), value, rule)
    return lines


def _entry(key: str, value: Any, rule: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}:", *_indented(_mapping(value, _inner_class(rule)))]
    if isinstance(value, list):
        if not value:
            return [f"{key}: []"]
        if rule is not None and (rule.reference or rule.identifier) and all(isinstance(v, str) for v in value):
            return [f"{key}: [{', '.join(_flow_scalar(v) for v in value)}]"]
        lines = [f"{key}:"]
        for item in value:
            lines += _indented(_item(item, rule))
        return lines
    return _scalar(key, value, rule)


def _item(value: Any, rule: Any) -> list[str]:
    if isinstance(value, dict):
        inner = _mapping(value, _inner_class(rule))
    elif isinstance(value, list):
        inner = _entry("-", value, None)  # not in the model: kept as it is
    else:
        inner = _scalar(None, value, rule)
    if not inner:
        return ["- {}"]
    return [f"- {inner[0]}", *(f"  {line}" if line else "" for line in inner[1:])]


def _indented(lines: list[str]) -> list[str]:
    return [f"{INDENT}{line}" if line else "" for line in lines]


def _scalar(key: str | None, value: Any, rule: Any) -> list[str]:
    """`key: value` (or a bare value for a list item), as one or more lines."""
    prefix = f"{key}: " if key is not None else ""
    if not isinstance(value, str):
        return [prefix + _plain_or_quoted(value)]
    if "\n" in value.strip("\n") and _literal_safe(value):
        chomp = "-" if not value.endswith("\n") else ("" if not value.endswith("\n\n") else "+")
        return [f"{prefix}|{chomp}", *_indented(value.rstrip("\n").split("\n"))]
    if (rule is not None and rule.paragraph
            and len(prefix) + len(value) > ONE_LINE and _foldable(value)):
        wrapped = textwrap.wrap(value, FOLD_AT, break_long_words=False, break_on_hyphens=False)
        return [f"{prefix}>-", *_indented(wrapped)]
    return [prefix + _plain_or_quoted(value)]


def _literal_safe(text: str) -> bool:
    """A literal block keeps the text exactly, unless it starts with a space or has tabs
    at line starts (YAML would need an indentation indicator)."""
    return not text[:1].isspace() and "\r" not in text


def _foldable(text: str) -> bool:
    """Folding joins lines with one space: only a text with single spaces survives it."""
    return text == " ".join(text.split()) and "\t" not in text


def _plain_or_quoted(value: Any) -> str:
    """The value on one line: plain when YAML reads it back unchanged, in double quotes otherwise."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    text = dumped.removesuffix("\n").removesuffix("\n...")
    if isinstance(value, str) and text.startswith(("'", '"')):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return text


def _flow_scalar(value: str) -> str:
    """A scalar inside `[...]`, where commas and brackets need quotes."""
    text = _plain_or_quoted(value)
    if any(mark in text for mark in ",[]{}") and not text.startswith('"'):
        return json.dumps(value, ensure_ascii=False)
    return text


def kit_files(kit_dir: Path) -> list[Path]:
    """The kit's YAML files, in name order."""
    return sorted(Path(kit_dir).glob("*.yml"))


def unformatted(paths: list[Path]) -> list[Path]:
    """The files not in canonical layout (files that are not YAML are the verifier's business)."""
    found = []
    for path in paths:
        try:
            if layout_of(path).text != path.read_text(encoding="utf-8"):
                found.append(path)
        except NotFormattable:
            continue
    return found

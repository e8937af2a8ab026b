"""Turn a YAML node tree into model objects, collecting every located problem.

The walk is driven by the dataclass declarations of `model.py`, so a field
added to the model is validated without a line here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model.addresses import SLUG_PATTERN, slugify
from ..model.fields import FieldRule, field_rules
from ..model.problems import Problem
from ..model.typography import french_typography
from .yamlfile import at

_SLUG = re.compile(SLUG_PATTERN)
_STRING_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
}
_NULL_TAG = "tag:yaml.org,2002:null"
_TEXT_TAGS = _STRING_TAGS | {_NULL_TAG}  # an empty value is reported as an empty text

# What the reader of a message calls each kind of YAML value.
_NODE_KIND = {
    MappingNode: "un bloc de clés",
    SequenceNode: "une liste",
    ScalarNode: "un texte",
}


# References checked against the file's own content (see intake/provenance.py).
LOCAL_REFERENCES = frozenset({"sources", "origines"})


class FieldText(NamedTuple):
    """A free text met in a file: its node (the text as written), and the text as the model holds it."""

    node: ScalarNode
    markdown: bool
    shown: str  # typography applied: what the pages render


@dataclass
class Context:
    """What the validation of one file needs to know and what it found."""

    path: str
    # vocabulary name -> allowed ids; None when the vocabulary itself is broken,
    # so that one mistake there does not drown every sheet in false alarms.
    references: dict[str, frozenset[str]] | None
    problems: list[Problem] = field(default_factory=list)
    identifiers: dict[str, Node] = field(default_factory=dict)
    # Every free text met, for the checks of content_checks.py.
    texts: list[FieldText] = field(default_factory=list)
    # References whose allowed values depend on the file itself (a sheet's own
    # sources): (reference, value, node), checked once the file is built.
    local_references: list[tuple[str, str, ScalarNode]] = field(default_factory=list)

    def error(self, node: Node, message: str) -> None:
        self.problems.append(at(self.path, node, message))


@cache
def _rules_by_key(cls: type) -> dict[str, FieldRule]:
    return {rule.name: rule for rule in field_rules(cls)}


def build(cls: type, node: Node, ctx: Context) -> Any:
    """Build an instance of the dataclass `cls`, or None if anything is wrong."""
    if not isinstance(node, MappingNode):
        ctx.error(node, f"un bloc de clés était attendu ici, pas {_kind_of(node)}")
        return None
    rules = _rules_by_key(cls)
    values: dict[str, Any] = {}
    present: set[str] = set()
    failed = False
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        rule = rules.get(key) if isinstance(key, str) else None
        if rule is None:
            ctx.error(key_node, _unknown_key_message(key, rules))
            failed = True
            continue
        if key in present:
            continue  # duplicate keys are reported by yamlfile
        present.add(key)
        value = _convert(rule.kind, rule, value_node, ctx, key)
        if value is None:
            failed = True
        else:
            values[key] = value
    for rule in rules.values():
        if rule.required and rule.name not in present:
            ctx.error(node, f"la clé obligatoire « {rule.name} » manque")
            failed = True
    return None if failed else cls(**values)


def _convert(kind: Any, rule: FieldRule, node: Node, ctx: Context, key: str) -> Any:
    if kind is str:
        return _convert_text(rule, node, ctx, key)
    if isinstance(kind, tuple):
        return _convert_list(kind[1], rule, node, ctx, key)
    return build(kind, node, ctx)


def _convert_list(inner: Any, rule: FieldRule, node: Node, ctx: Context, key: str) -> Any:
    if not isinstance(node, SequenceNode):
        ctx.error(node, f"« {key} » doit être une liste, pas {_kind_of(node)}")
        return None
    if len(node.value) < rule.min_items:
        ctx.error(node, f"la liste « {key} » doit contenir au moins {rule.min_items} élément"
                        + ("s" if rule.min_items > 1 else ""))
        return None
    items = [_convert(inner, rule, item, ctx, key) for item in node.value]
    if any(item is None for item in items):
        return None
    if rule.reference:
        _check_repeats(node, items, ctx, key)
    return tuple(items)


def _check_repeats(node: SequenceNode, items: list[Any], ctx: Context, key: str) -> None:
    seen: set[Any] = set()
    for item_node, item in zip(node.value, items):
        if item in seen:
            ctx.error(item_node, f"« {item} » figure deux fois dans la liste « {key} »")
        seen.add(item)


def _convert_text(rule: FieldRule, node: Node, ctx: Context, key: str) -> str | None:
    if not isinstance(node, ScalarNode) or node.tag not in _TEXT_TAGS:
        ctx.error(node, f"« {key} » doit être un texte, pas {_kind_of(node)}")
        return None
    invisible = _INVISIBLE.search(node.value)
    if invisible is not None:
        ctx.error(node, _invisible_message(invisible.group(0)))
        return None
    text = node.value.strip() if node.tag != _NULL_TAG else ""
    if not text:
        ctx.error(node, f"le texte de « {key} » est vide")
        return None
    if rule.max_length is not None and len(text) > rule.max_length:
        ctx.error(node, (
            f"« {key} » trop long ({len(text)} caractères, {rule.max_length} au plus : "
            "il doit tenir dans une case du PDF à remplir) ; découpez-le en plusieurs éléments"
        ))
        return None
    if rule.identifier:
        if not _SLUG.match(text):
            ctx.error(node, (
                f"l'identifiant « {text} » n'est pas valide : lettres minuscules "
                "sans accent, chiffres et tirets simples seulement "
                f"(par exemple « {slugify(text) or 'mon-identifiant'} »)"
            ))
            return None
        first = ctx.identifiers.get(text)
        if first is not None:
            ctx.error(node, (
                f"l'identifiant « {text} » est déjà employé dans ce fichier "
                f"(ligne {first.start_mark.line + 1}) : chaque identifiant doit être unique"
            ))
            return None
        ctx.identifiers[text] = node
    if rule.reference in LOCAL_REFERENCES:
        ctx.local_references.append((rule.reference, text, node))
    elif rule.reference and ctx.references is not None:
        allowed = ctx.references.get(rule.reference, frozenset())
        if text not in allowed:
            ctx.error(node, _reference_message(rule.reference, text, allowed))
            return None
    if rule.identifier or rule.reference:
        return text
    shown = french_typography(text)
    ctx.texts.append(FieldText(node, rule.markdown, shown))
    return shown


# Characters a reader cannot see that change what a text shows or how it is
# read: control characters (YAML refuses them typed raw, but "\0" or "\x1b"
# between double quotes writes them all the same), lone surrogates ("\ud800"),
# noncharacters ("\uFFFE") and the bidirectional controls that reorder a line
# (typed raw or escaped).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _invisible_message(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        return (f"caractère de contrôle de direction du texte (code {code}) : il change l'ordre "
                "d'affichage des lettres sans se voir ; supprimez-le")
    return (f"caractère de contrôle invisible (code {code}) : supprimez-le ; "
            "il vient souvent d'un copier-coller")


def _reference_message(reference: str, value: str, allowed: frozenset[str]) -> str:
    choices = ", ".join(f"« {a} »" for a in sorted(allowed)) or "aucun"
    if reference == "fiches":
        return f"la fiche « {value} » n'existe pas dans kit/ (fiches existantes : {choices})"
    return (
        f"« {value} » n'est pas un terme du vocabulaire « {reference} » "
        f"(kit/vocabulaire.yml) ; termes permis : {choices}"
    )


def _unknown_key_message(key: object, rules: dict[str, FieldRule]) -> str:
    allowed = ", ".join(f"« {name} »" for name in rules)
    if not isinstance(key, str):
        return f"clé non valide ; clés permises ici : {allowed}"
    close = difflib.get_close_matches(key, list(rules), n=1, cutoff=0.6)
    hint = f" : vouliez-vous dire « {close[0]} » ?" if close else f" ; clés permises ici : {allowed}"
    return f"clé inconnue « {key} »{hint}"


def _kind_of(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
        return "une valeur vide"
    if node.tag not in _STRING_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
        return "une valeur à étiquette « ! » (retirez l'étiquette)"
    if isinstance(node, ScalarNode) and node.tag not in _STRING_TAGS:
        return f"une valeur de type « {node.tag.rsplit(':', 1)[-1]} » (retirez l'étiquette « !! »)"
    return _NODE_KIND.get(type(node), "une valeur")

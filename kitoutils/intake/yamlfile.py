"""Read one YAML file into a node tree that remembers where everything is.

We compose (not construct) the YAML so that every value keeps its line and
column: the validator reports problems at the exact place of the file.
Composing also keeps aliases as shared nodes instead of expanding them, which
is how an alias bomb is caught before it can cost anything.
"""

from __future__ import annotations

from pathlib import Path

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .positions import line_column
from ..model.problems import Problem

try:  # libyaml is several times faster; PyYAML falls back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 12

# PyYAML's and libyaml's messages, said again in French (looked up in the
# error's context and problem, first match wins). Anything not listed gets a
# general French sentence: editors never see the parser's English.
_TAB = "une tabulation ne peut pas servir d'indentation : utilisez des espaces"
_YAML_MESSAGES = {
    "found character '\\t' that cannot start any token": _TAB,
    "found a tab character": _TAB,
    "mapping values are not allowed": (
        "deux-points inattendu : mettez le texte entre guillemets, "
        "ou vérifiez l'indentation de la ligne"
    ),
    "could not find expected ':'": (
        "deux-points attendu après la clé : vérifiez la ligne et son indentation"
    ),
    "expected <block end>, but found '-'": (
        "élément de liste mal indenté : alignez les tirets de la liste"
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "indentation incohérente : alignez cette clé sur les clés voisines"
    ),
    "expected <block end>, but found '<block sequence start>'": (
        "indentation incohérente : alignez cette liste sur ses voisines"
    ),
    "expected <block end>, but found '<scalar>'": (
        "indentation incohérente : vérifiez l'alignement de cette ligne"
    ),
    "found unexpected end of stream": (
        "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé"
    ),
    "found undefined alias": "alias YAML inconnu (les alias ne sont pas acceptés)",
    "expected a single document in the stream": (
        "le fichier contient plusieurs documents YAML (« --- ») : n'en gardez qu'un"
    ),
    "found unknown escape character": (
        "séquence d'échappement inconnue entre guillemets doubles : "
        "doublez la barre oblique inverse ou utilisez des guillemets simples"
    ),
    "found character '@' that cannot start any token": (
        "un texte ne peut pas commencer par « @ » : mettez-le entre guillemets"
    ),
    "found character '`' that cannot start any token": (
        "un texte ne peut pas commencer par « ` » : mettez-le entre guillemets"
    ),
    "found unexpected ':'": "deux-points inattendu : mettez le texte entre guillemets",
    # libyaml (the C loader) words some errors its own way.
    "did not find expected ',' or ']'": (
        "une liste entre crochets « [ ] » n'est pas fermée, ou il manque une virgule"
    ),
    "did not find expected ',' or '}'": (
        "un bloc entre accolades « { } » n'est pas fermé, ou il manque une virgule"
    ),
    "did not find expected key": (
        "indentation incohérente : alignez cette ligne sur les clés de son bloc"
    ),
    "did not find expected '-' indicator": (
        "indentation incohérente : cette ligne n'est alignée ni sur les tirets « - » de sa "
        "liste, ni sur les clés de son bloc"
    ),
    "did not find expected node content": (
        "valeur attendue : vérifiez les virgules et les crochets de la ligne"
    ),
    "did not find expected comment or line break": (
        "après « | » ou « > », passez à la ligne : le texte commence à la ligne suivante, indenté"
    ),
    "exceeded maximum nesting depth": f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
    "did not find expected <document start>": (
        "contenu inattendu après une ligne « % » ou « ... » (des marques YAML) : "
        "retirez cette ligne, ou mettez le texte entre guillemets"
    ),
    "while scanning an alias": "« * » a un sens en YAML : mettez le texte entre guillemets",
    "while scanning an anchor": "« & » a un sens en YAML : mettez le texte entre guillemets",
    "found duplicate anchor": (
        "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : mettez le texte entre guillemets"
    ),
    "tag": "« ! » a un sens en YAML au début d'un texte : mettez le texte entre guillemets",
    "directive": (
        "une ligne qui commence par « % » est une marque YAML : mettez le texte entre guillemets"
    ),
    "block sequence entries are not allowed": (
        "tiret « - » inattendu : un élément de liste commence sa propre ligne ; "
        "sinon, mettez le texte entre guillemets"
    ),
    "mapping keys are not allowed": (
        "« ? » ou clé inattendue : mettez le texte entre guillemets"
    ),
    "indentation indicator equal to 0": (
        "après « | » ou « > », un chiffre d'indentation va de 1 à 9 : retirez le 0"
    ),
    "found character that cannot start any token": (
        "ce caractère ne peut pas commencer un texte : mettez le texte entre guillemets"
    ),
    "but found another document": (
        "le fichier contient plusieurs documents YAML (« --- ») : n'en gardez qu'un"
    ),
}

# libyaml says "found character that cannot start any token" without naming
# it: the character at the error's place says what went wrong.
_BAD_START = {
    "\t": _TAB,
    "@": "un texte ne peut pas commencer par « @ » : mettez-le entre guillemets",
    "`": "un texte ne peut pas commencer par « ` » : mettez-le entre guillemets",
    "%": "un texte ne peut pas commencer par « % » : mettez-le entre guillemets",
}


# An unclosed quote or bracket is reported where it opens, not where the
# file ends: that is where the editor has something to fix.
_UNCLOSED = {
    "while scanning a quoted scalar": (
        "ce guillemet n'est jamais fermé : ajoutez le guillemet fermant à la fin du texte"
    ),
    "while parsing a flow sequence": (
        "cette liste ouverte par « [ » n'est pas fermée par « ] », ou il manque une virgule"
    ),
    "while parsing a flow mapping": (
        "ce bloc ouvert par « { » n'est pas fermé par « } », ou il manque une virgule"
    ),
}


def _error_place(error: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str | None]:
    """Where to report a syntax error, and its message if it is an unclosed opening."""
    context = (error.context or "").strip()
    if error.context_mark is not None and context in _UNCLOSED:
        return error.context_mark, f"erreur de syntaxe YAML : {_UNCLOSED[context]}"
    return error.problem_mark or error.context_mark, None


def _french_yaml_message(error: yaml.MarkedYAMLError, character: str = "") -> str:
    problem = (error.problem or "").strip()
    if problem.startswith("found character that cannot start any token") and character in _BAD_START:
        return f"erreur de syntaxe YAML : {_BAD_START[character]}"
    said = f"{error.context or ''} {problem}"
    for english, french in _YAML_MESSAGES.items():
        if english in said:
            return f"erreur de syntaxe YAML : {french}"
    return (
        "erreur de syntaxe YAML : cette ligne n'est pas du YAML valide ; vérifiez les "
        "guillemets, les crochets, les deux-points et l'indentation"
    )


def _code(character: int | str) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def decode(path: Path, display: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a leading byte-order mark is accepted and dropped)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Problem(
                display, 1, 1,
                f"fichier trop volumineux ({len(data)} octets, "
                f"{MAX_FILE_BYTES} au plus) : découpez la fiche",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line, column = line_column(prefix, len(prefix))
        return None, [
            Problem(
                display, line, column,
                "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
                "depuis votre éditeur",
            )
        ]
    return text.replace("\r\n", "\n"), []


def compose(display: str, text: str) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a node tree, or say in French why it cannot be."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark, unclosed = _error_place(error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        character = text[mark.index : mark.index + 1] if mark else ""
        return None, [Problem(display, line, column, unclosed or _french_yaml_message(error, character))]
    except yaml.reader.ReaderError as error:  # a control character in the text
        # libyaml counts bytes of UTF-8, not characters.
        before = text.encode("utf-8")[: max(error.position, 0)].decode("utf-8", errors="ignore")
        line, column = line_column(text, len(before))
        return None, [Problem(display, line, column, (
            f"caractère de contrôle invisible (code {_code(error.character)}) : supprimez-le ; "
            "il vient souvent d'un copier-coller"
        ))]
    except yaml.YAMLError as error:
        return None, [Problem(display, 1, 1, f"erreur de syntaxe YAML ({error})")]
    if node is None:
        return None, [Problem(display, 1, 1, "le fichier est vide")]
    problems = _check_structure(display, node)
    return (None if problems else node), problems


def _check_structure(display: str, root: Node) -> list[Problem]:
    """Refuse aliases, excessive depth and duplicate keys before validation."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            problems.append(at(display, node, (
                "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
                "recopiez le texte à chaque endroit"
            )))
            return problems  # an alias bomb must not be walked any further
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problems.append(at(display, node, (
                f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"
            )))
            return problems
        if isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    first = keys.get(key.value)
                    if first is not None:
                        problems.append(at(display, key, (
                            f"la clé « {key.value} » apparaît deux fois dans le même "
                            f"bloc (première fois ligne {first.start_mark.line + 1})"
                        )))
                    else:
                        keys[key.value] = key
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return problems


def at(display: str, node: Node, message: str) -> Problem:
    """A problem placed at the start of a node."""
    mark = node.start_mark
    return Problem(display, mark.line + 1, mark.column + 1, message)


def read_source(path: Path, display: str) -> tuple[str | None, Node | None, list[Problem]]:
    """Read, decode and compose one file, keeping its text (to place problems inside long texts)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, None, [Problem(display, 1, 1, f"fichier illisible ({error.strerror})")]
    text, problems = decode(path, display, data)
    if text is None:
        return None, None, problems
    node, problems = compose(display, text)
    return text, node, problems

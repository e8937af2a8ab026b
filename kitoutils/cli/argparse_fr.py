"""argparse speaking French, for the `kit` command's editors.

argparse looks its messages up through gettext at call time; the standard
library ships no French catalogue, so the few messages a user can meet are
given here and the module's lookup is pointed at them.
"""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix non valide : %(value)r (choix possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "invalid %(type)s value: %(value)r": "valeur non valide : %(value)r",
}


def _translate(message: str) -> str:
    return FRENCH.get(message, message)


def install() -> None:
    """Make argparse's own messages French (idempotent)."""
    argparse._ = _translate  # type: ignore[attr-defined]

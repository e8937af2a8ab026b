"""Rules of the glossary that need more than one entry at a time.

A form (« COPIL », « comité de pilotage ») names one term only: the page
explains the first use of a form with its term's definition, so a form shared
by two terms would be explained at random.
"""

from __future__ import annotations

from ..model.content import Glossaire
from .validate import Context


def form_key(form: str) -> str:
    """How forms are compared: case, spacing and apostrophe left aside."""
    return " ".join(form.replace("’", "'").casefold().split())


def check_glossary(ctx: Context, glossaire: Glossaire) -> None:
    """Add to ctx.problems each form given to two terms, at the second term."""
    owners: dict[str, str] = {}
    for definition in glossaire.termes:
        for form in definition.forms():
            first = owners.setdefault(form_key(form), definition.id)
            if first != definition.id:
                ctx.error(ctx.identifiers[definition.id], (
                    f"la forme « {form} » appartient déjà au terme « {first} » : "
                    "une forme ne peut expliquer qu'un seul terme"
                ))

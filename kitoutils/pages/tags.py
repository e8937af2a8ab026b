"""Tag pages: every sheet for one audience, every sheet for one phase.

One page per term of the vocabulary's « publics » and « phases »; a sheet's
metadata links to them, and so does the home page's filter (its fallback
without JavaScript).
"""

from __future__ import annotations

from ..model.content import Fiche, Kit, Terme
from .render import environment
from ..model.addresses import sheet_path
from ..model.typography import french_typography

# Vocabulary list -> folder of its tag pages, and what a page's title says.
TAG_KINDS = {
    "publics": "Fiches pour le public",
    "phases": "Fiches de la phase",
}


def sheets_for(kit: Kit, kind: str, term_id: str) -> list[Fiche]:
    """The sheets a tag page lists, in the kit's order (the home filter shows the same)."""
    if kind == "publics":
        return [f for f in kit.fiches if term_id in f.publics]
    return [f for f in kit.fiches if f.phase == term_id]


def render_tag_page(kit: Kit, kind: str, terme: Terme) -> str:
    return french_typography(environment().get_template("etiquette.md.j2").render(
        titre=f"{TAG_KINDS[kind]} « {terme.libelle} »",
        terme=terme,
        fiches=sheets_for(kit, kind, terme.id),
        vers_fiche=lambda fiche: "../" + sheet_path(fiche.id),
    ))

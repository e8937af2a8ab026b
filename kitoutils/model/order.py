"""The kit's one order of sheets.

Phases in the vocabulary's order; within a phase, the order its `fiches`
list gives, then the sheets it does not list, by title. The loader puts
`Kit.fiches` in this order, so the navigation, the home page, tag pages,
previous/next links, kit.json, the zip and the PDFs all show the same.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable

from .content import Fiche, Phase


def title_key(titre: str) -> str:
    """A title as it sorts for a French reader: without accents or case."""
    return unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode().lower()


def in_kit_order(fiches: Iterable[Fiche], phases: tuple[Phase, ...]) -> tuple[Fiche, ...]:
    phase_rank = {phase.id: rank for rank, phase in enumerate(phases)}
    listed = {phase.id: {fiche_id: rank for rank, fiche_id in enumerate(phase.fiches)} for phase in phases}

    def key(fiche: Fiche) -> tuple:
        within = listed.get(fiche.phase, {})
        return (phase_rank.get(fiche.phase, len(phases)), within.get(fiche.id, len(within)),
                title_key(fiche.titre), fiche.id)

    return tuple(sorted(fiches, key=key))

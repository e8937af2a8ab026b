"""The site's navigation, built from the kit rather than kept by hand.

Sheets are grouped by phase. A phase with many sheets is cut into
alphabetical groups, so that with Material's `navigation.prune` a page only
carries the links of its own group, however large the kit grows.
"""

from __future__ import annotations

import unicodedata

from ..model.content import Fiche, Kit
from ..model.addresses import sheet_path

GROUP_SIZE = 30


def _sort_key(fiche: Fiche) -> str:
    return unicodedata.normalize("NFKD", fiche.titre).encode("ascii", "ignore").decode().lower()


def _initial(fiche: Fiche) -> str:
    key = _sort_key(fiche).lstrip("'\"« ")
    return (key[:1] or "?").upper()


def sheet_navigation(kit: Kit, group_size: int = GROUP_SIZE) -> list[dict]:
    """MkDocs-style nav entries: one section per phase, its sheets inside."""
    entries = []
    for phase, fiches in kit.by_phase():
        fiches = sorted(fiches, key=_sort_key)
        pages = [{fiche.titre: sheet_path(fiche.id)} for fiche in fiches]
        if len(fiches) > group_size:
            pages = [
                {_group_label(chunk): [{f.titre: sheet_path(f.id)} for f in chunk]}
                for chunk in _chunks(fiches, group_size)
            ]
        entries.append({phase.libelle: pages})
    return entries


def with_sheets(nav: list, kit: Kit) -> list:
    """A hand-kept nav with the sheets' sections inserted after its first entry (the home page)."""
    nav = list(nav)
    return nav[:1] + sheet_navigation(kit) + nav[1:]


def _chunks(fiches: list[Fiche], size: int) -> list[list[Fiche]]:
    return [fiches[i : i + size] for i in range(0, len(fiches), size)]


def _group_label(chunk: list[Fiche]) -> str:
    first, last = _initial(chunk[0]), _initial(chunk[-1])
    return first if first == last else f"{first} à {last}"

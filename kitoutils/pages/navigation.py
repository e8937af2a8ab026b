"""The site's navigation, built from the kit rather than kept by hand.

Sheets are grouped by phase, in the kit's order (model/order.py), which the
previous/next links at the foot of each page follow too. A phase with many
sheets is cut into numbered groups, so that with Material's
`navigation.prune` a page only carries the links of its own group, however
large the kit grows.
"""

from __future__ import annotations

from ..model.addresses import sheet_path
from ..model.content import Fiche, Kit
from .render import html_text

GROUP_SIZE = 30


def sheet_navigation(kit: Kit, group_size: int = GROUP_SIZE) -> list[dict]:
    """MkDocs-style nav entries: one section per phase, its sheets inside.

    Titles are HTML-escaped: Material prints menu titles as HTML, unescaped."""
    entries = []
    for phase, fiches in kit.by_phase():
        pages = [{html_text(fiche.titre): sheet_path(fiche.id)} for fiche in fiches]
        if len(fiches) > group_size:
            pages = [
                {_group_label(start, len(chunk)): [{html_text(f.titre): sheet_path(f.id)} for f in chunk]}
                for start, chunk in _chunks(fiches, group_size)
            ]
        entries.append({html_text(phase.libelle): pages})
    return entries


def with_sheets(nav: list, kit: Kit) -> list:
    """A hand-kept nav with the sheets' sections inserted after its first entry (the home page)."""
    nav = list(nav)
    return nav[:1] + sheet_navigation(kit) + nav[1:]


def _chunks(fiches: list[Fiche], size: int) -> list[tuple[int, list[Fiche]]]:
    return [(i, fiches[i : i + size]) for i in range(0, len(fiches), size)]


def _group_label(start: int, count: int) -> str:
    first, last = start + 1, start + count
    return f"Fiche {first}" if first == last else f"Fiches {first} à {last}"

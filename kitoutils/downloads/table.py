"""The table every checklist download shares: one row per item, empty
columns for the team to fill. CSV, ODS, ODT and the fillable PDF all use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import Element, Fiche, Liste
from .text import plain_inline

ID_COLUMNS = ("fiche", "liste", "element")
ITEM_COLUMN = "Action"
# The columns left empty to fill in, with the suffix of their PDF field names.
FILL_COLUMNS = (("Fait", "fait"), ("Responsable", "responsable"), ("Échéance", "echeance"), ("Note", "note"))
HEADER = (*ID_COLUMNS, ITEM_COLUMN, *(label for label, _ in FILL_COLUMNS))


def field_name(element: Element, suffix: str) -> str:
    """A form field's name: the item's stable id (unique in its sheet) and the column.

    PDF field names must not hold a dot, and ids never do.
    """
    return f"{element.id}__{suffix}"


@dataclass(frozen=True)
class Row:
    fiche: str
    liste: str
    element: str
    action: str

    def cells(self) -> tuple[str, ...]:
        return (self.fiche, self.liste, self.element, self.action, *("" for _ in FILL_COLUMNS))


def checklist_rows(fiche: Fiche, liste: Liste) -> list[Row]:
    return [Row(fiche.id, liste.id, element.id, plain_inline(element.texte)) for element in liste.elements]

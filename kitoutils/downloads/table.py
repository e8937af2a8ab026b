"""The table every checklist download shares: one row per item, empty
columns for the team to fill. CSV, ODS, ODT and the fillable PDF all use it.

Spreadsheets list the columns in reading order: the action first, the columns
to fill next, and the ids last (kept so that a filled file can be read back).
An item written for this site carries its mention at the end of its Action
cell: the columns stay those of the browser's own export, and the mention is
read and printed with the action it qualifies.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import Element, Fiche, Liste
from .text import addition_mention, plain_inline

ID_COLUMNS = ("fiche", "liste", "element")
ITEM_COLUMN = "Action"
# The columns left empty to fill in, with the suffix of their PDF field names.
FILL_COLUMNS = (("Fait", "fait"), ("Responsable", "responsable"), ("Échéance", "echeance"), ("Note", "note"))
HEADER = (ITEM_COLUMN, *(label for label, _ in FILL_COLUMNS), *ID_COLUMNS)
# The columns a person reads and fills (the ids follow them).
READING_COLUMNS = 1 + len(FILL_COLUMNS)
# The column a person ticks, and what a filled cell says (as in the browser's own CSV export).
DONE_COLUMN = FILL_COLUMNS[0][0]
DONE_VALUES = ("oui", "non")


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
    complement: str = ""  # addition_mention(): "" or « (Complément au kit d'origine) »

    @property
    def action_cell(self) -> str:
        """The Action column: the action, then its mention if any."""
        return f"{self.action} {self.complement}" if self.complement else self.action

    def cells(self) -> tuple[str, ...]:
        return (self.action_cell, *("" for _ in FILL_COLUMNS), self.fiche, self.liste, self.element)


def checklist_rows(fiche: Fiche, liste: Liste) -> list[Row]:
    return [Row(fiche.id, liste.id, element.id, plain_inline(element.texte), addition_mention(element))
            for element in liste.elements]

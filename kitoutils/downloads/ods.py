"""A checklist as an OpenDocument spreadsheet (ODS): the CSV's rows, for
spreadsheet programs that do not honour a CSV's BOM or « ; » separator."""

from __future__ import annotations

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from ..model.content import Fiche, Liste
from .odf_common import describe, package
from .table import HEADER, checklist_rows
from .text import KIT_TITLE, author

# fiche, liste, element, Action, Fait, Responsable, Échéance, Note
COLUMN_WIDTHS = ("3cm", "4cm", "5cm", "11cm", "1.5cm", "4cm", "3cm", "6cm")


def build_ods(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    document = OpenDocumentSpreadsheet()
    describe(document, title=f"{liste.titre} — {fiche.titre}",
             subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}", creator=author(fiche), epoch=epoch)
    bold = Style(name="Entete", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold", language="fr", country="FR"))
    document.automaticstyles.addElement(bold)

    # A sheet name may not hold some characters and is limited in length; the id fits.
    table = Table(name=liste.id[:31])
    for number, width in enumerate(COLUMN_WIDTHS):
        column = Style(name=f"Colonne{number + 1}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=width))
        document.automaticstyles.addElement(column)
        table.addElement(TableColumn(stylename=column))
    table.addElement(_row(HEADER, bold))
    for row in checklist_rows(fiche, liste):
        table.addElement(_row(row.cells()))
    document.spreadsheet.addElement(table)
    return package(document, epoch)


def _row(values, style: Style | None = None) -> TableRow:
    row = TableRow()
    for value in values:
        attributes = {"stylename": style} if style else {}
        if value:
            cell = TableCell(valuetype="string", **attributes)
            cell.addElement(P(text=value))
        else:  # an empty cell to fill in
            cell = TableCell(**attributes)
        row.addElement(cell)
    return row

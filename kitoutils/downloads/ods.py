"""A checklist as an OpenDocument spreadsheet (ODS), laid out for a person
first: a title row, the actions in the first column, the columns to fill next
and the ids last; wrapped text in a grid, a « Fait » column with a list of
values, and a landscape page that repeats the header row and prints only the
columns a person reads (a short list fits on one page).

Item rows get heights computed here, from the font's metrics: LibreOffice's own
« optimal height », computed on opening, measures text up to 2 % narrower than
it prints it, so an action that just fits on a line by that measure prints on
two, over the next row. A row then keeps its height while one types in it (Format
▸ Rows ▸ Optimal Height in LibreOffice recomputes it).
"""

from __future__ import annotations

import math
import re

from xml.etree.ElementTree import Element

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model.content import Fiche, Liste
from .odf_common import add, add_mention, add_style, metadata, package, part
from .table import DONE_COLUMN, DONE_VALUES, HEADER, ITEM_COLUMN, READING_COLUMNS, checklist_rows
from .text import KIT_TITLE, author, french_typography

MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
# Action, Fait, Responsable, Échéance, Note (26.5 cm: landscape A4 less 1.5 cm
# margins), then the ids, which are not printed.
COLUMN_WIDTHS = ("12cm", "1.5cm", "3.7cm", "2.5cm", "6.8cm", "4cm", "4.5cm", "5cm")
BORDER = "0.5pt solid #000000"
ACCENT = "#3f51b5"
MUTED = "#5f6368"
COMPLEMENT = "Complement"  # the text style of an addition's mention
# Characters a sheet name may not hold in LibreOffice (and Excel), and Excel's length limit.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]*?:/\\]+")
SHEET_NAME_LENGTH = 31
FIRST_ITEM_ROW = 3  # row 1: title, row 2: column names
READING_HEADER = HEADER[:READING_COLUMNS]
# Row heights: the cells' text is LibreOffice's default, Liberation Sans 10 pt, which
# has Helvetica's metrics (known to reportlab). A line is 11.5 pt high in print.
FONT_SIZE = 10
LINE_HEIGHT = 11.5
INDENT = "0.1cm"
CELL_PADDING = "0.1cm"
POINTS_PER_CM = 72 / 2.54
PAGE_LAYOUT, MASTER_PAGE = "Paysage", "Liste"
DONE_VALIDATION = "Fait"
_NO_BREAK_SPACES = str.maketrans("\u00a0\u202f", "  ")
# Lines are broken 3 % earlier than the measure says, to be on the safe side of LibreOffice's.
WIDTH_MARGIN = 0.97


def sheet_name(liste: Liste) -> str:
    """The tab's name: the list's title, without the characters a sheet name may not hold."""
    name = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", liste.titre).split()).strip(" '")
    name = name[:SHEET_NAME_LENGTH].rstrip(" '")
    return name or liste.id[:SHEET_NAME_LENGTH]


def _cell_address(sheet: str, column: int, row: int) -> str:
    """An absolute OpenDocument cell address such as $'Sheet'.$A$1 (column and row from 1)."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    return f"${quoted}.${chr(ord('A') + column - 1)}${row}"


def _centimetres(length: str) -> float:
    return float(length.removesuffix("cm"))


def printed_lines(text: str, width_cm: float) -> int:
    """How many lines a text takes in a cell of that width, broken at spaces as
    LibreOffice does (no-break spaces measured as ordinary ones, slightly wider)."""
    width = (width_cm - _centimetres(INDENT)) * POINTS_PER_CM * WIDTH_MARGIN
    space = stringWidth(" ", "Helvetica", FONT_SIZE)
    lines, used = 1, 0.0
    for word in text.split(" "):
        word_width = stringWidth(word.translate(_NO_BREAK_SPACES), "Helvetica", FONT_SIZE)
        if used and used + space + word_width > width:
            lines, used = lines + 1, word_width
        else:
            used += (space if used else 0) + word_width
        # A word longer than the line is cut: it takes the lines it fills.
        while used > width:
            lines, used = lines + 1, used - width
    return lines


def row_height(lines: int) -> str:
    padding = 2 * _centimetres(CELL_PADDING)
    return f"{math.ceil((lines * LINE_HEIGHT / POINTS_PER_CM + padding) * 100) / 100:.2f}cm"


def _styles() -> Element:
    """styles.xml: French as the cells' language; a landscape A4 page, no
    header, a footer with the page number."""
    root = part("styles")
    default = add(add(root, "office:styles"), "style:default-style", {"style:family": "table-cell"})
    add(default, "style:text-properties", {"fo:language": "fr", "fo:country": "FR"})
    layout = add(add(root, "office:automatic-styles"), "style:page-layout", {"style:name": PAGE_LAYOUT})
    # scale-to-X: however wide the columns become, they print on one page's width.
    add(layout, "style:page-layout-properties", {
        "loext:scale-to-X": "1", "loext:scale-to-Y": "0",
        "fo:page-width": "29.7cm", "fo:page-height": "21cm", "style:print-orientation": "landscape",
        "fo:margin-top": "1cm", "fo:margin-bottom": "1cm", "fo:margin-left": "1.5cm", "fo:margin-right": "1.5cm",
        "style:table-centering": "horizontal", "style:print-page-order": "ttb"})
    add(layout, "style:header-style")
    add(add(layout, "style:footer-style"), "style:header-footer-properties",
        {"fo:min-height": "0.5cm", "fo:margin-top": "0.3cm"})
    master = add(add(root, "office:master-styles"), "style:master-page", {
        "style:name": MASTER_PAGE, "style:page-layout-name": PAGE_LAYOUT, "style:display-name": MASTER_PAGE})
    line = add(add(master, "style:footer"), "text:p", text=f"{KIT_TITLE} — page ")
    add(line, "text:page-number").tail = " sur "
    add(line, "text:page-count")
    return root


def _automatic_styles(root: Element) -> Element:
    """content.xml's styles: the sheet, rows, cells and columns (item rows' heights are added later)."""
    automatic = add(root, "office:automatic-styles")
    # The room left of the text is an indent, not padding: LibreOffice sizes rows
    # ignoring a cell's side padding, so a line that only fits without it would be cut.
    grid = {"fo:wrap-option": "wrap", "fo:border": BORDER, "fo:padding-top": CELL_PADDING,
            "fo:padding-bottom": CELL_PADDING, "fo:padding-left": "0cm", "fo:padding-right": "0cm"}
    indented = {"fo:text-align": "start", "fo:margin-left": INDENT}
    add_style(automatic, "Feuille", "table", {"table": {"table:display": "true"}}, master_page_name=MASTER_PAGE)
    add_style(automatic, "Ligne", "table-row", {"table-row": {"style:use-optimal-row-height": "true"}})
    add_style(automatic, "Titre", "table-cell", {
        "table-cell": {"fo:wrap-option": "wrap", "style:vertical-align": "middle"},
        "text": {"fo:font-size": "13pt", "fo:font-weight": "bold", "fo:color": "#1f2340"}})
    add_style(automatic, "Entete", "table-cell", {
        "table-cell": {"fo:background-color": ACCENT, "style:vertical-align": "middle", **grid},
        "paragraph": indented,
        "text": {"fo:font-weight": "bold", "fo:color": "#ffffff"}})
    add_style(automatic, "Texte", "table-cell", {
        "table-cell": {"style:vertical-align": "top", **grid}, "paragraph": indented})
    add_style(automatic, "Fait", "table-cell", {
        "table-cell": {"style:vertical-align": "top", **grid}, "paragraph": {"fo:text-align": "center"}})
    add_style(automatic, "Identifiant", "table-cell", {
        "table-cell": {"style:vertical-align": "top"}, "text": {"fo:font-size": "8pt", "fo:color": MUTED}})
    # An item's « (Complément au kit d'origine) »: grey, at the cells' size (the row heights count on it).
    add_style(automatic, COMPLEMENT, "text", {"text": {"fo:color": MUTED}})
    for number, width in enumerate(COLUMN_WIDTHS, start=1):
        add_style(automatic, f"Colonne{number}", "table-column", {"table-column": {"style:column-width": width}})
    return automatic


def _done_validation(spreadsheet: Element, sheet: str) -> None:
    """The « Fait » cells offer a list (« oui », « non ») and refuse other values."""
    values = ";".join(f'"{value}"' for value in DONE_VALUES)
    validation = add(add(spreadsheet, "table:content-validations"), "table:content-validation", {
        "table:name": DONE_VALIDATION, "table:condition": f"of:cell-content-is-in-list({values})",
        "table:allow-empty-cell": "true", "table:display-list": "unsorted",
        "table:base-cell-address": _cell_address(sheet, HEADER.index(DONE_COLUMN) + 1, FIRST_ITEM_ROW)})
    help_message = add(validation, "table:help-message", {"table:title": "Fait", "table:display": "true"})
    add(help_message, "text:p", text=french_typography("Choisissez « oui » dans la liste quand l'action est faite."))
    error = add(validation, "table:error-message",
                {"table:title": "Fait", "table:display": "true", "table:message-type": "stop"})
    add(error, "text:p", text=french_typography("Répondez « oui » ou « non » (ou laissez vide)."))


def _cell(row: Element, value: str, style: str, attributes: dict[str, str] | None = None) -> Element | None:
    """A cell; its paragraph, or None for an empty cell to fill in."""
    if not value:
        add(row, "table:table-cell", {"table:style-name": style, **(attributes or {})})
        return None
    cell = add(row, "table:table-cell", {"office:value-type": "string", "table:style-name": style,
                                         **(attributes or {})})
    return add(cell, "text:p", text=value)


def build_ods(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    root = part("content")
    automatic = _automatic_styles(root)
    spreadsheet = add(add(root, "office:body"), "office:spreadsheet")
    name = sheet_name(liste)
    rows = checklist_rows(fiche, liste)
    last_row = FIRST_ITEM_ROW + len(rows) - 1
    _done_validation(spreadsheet, name)

    # The ids are kept for reading a filled file back, but not printed.
    print_range = f"{_cell_address(name, 1, 1)}:{_cell_address(name, READING_COLUMNS, last_row)}"
    table = add(spreadsheet, "table:table", {"table:name": name, "table:style-name": "Feuille",
                                             "table:print-ranges": print_range})
    for number in range(1, len(COLUMN_WIDTHS) + 1):
        add(table, "table:table-column", {"table:style-name": f"Colonne{number}"})

    title_row = add(table, "table:table-row", {"table:style-name": "Ligne"})
    _cell(title_row, french_typography(f"{liste.titre} — fiche « {fiche.titre} »"), "Titre",
          {"table:number-columns-spanned": str(READING_COLUMNS)})
    for _ in range(READING_COLUMNS - 1):
        add(title_row, "table:covered-table-cell")

    # repeated at the top of every printed page
    header_row = add(add(table, "table:table-header-rows"), "table:table-row", {"table:style-name": "Ligne"})
    for label in HEADER:
        _cell(header_row, label, "Entete" if label in READING_HEADER else "Identifiant")

    row_styles: dict[int, str] = {}  # by number of lines
    for row in rows:
        lines = printed_lines(row.action_cell, _centimetres(COLUMN_WIDTHS[0]))
        if lines not in row_styles:
            row_styles[lines] = add_style(automatic, f"Ligne{lines}", "table-row", {"table-row": {
                "style:row-height": row_height(lines), "style:use-optimal-row-height": "false"}})
        item_row = add(table, "table:table-row", {"table:style-name": row_styles[lines]})
        for label, value in zip(HEADER, row.cells()):
            if label == ITEM_COLUMN:  # the CSV's cell, its mention muted
                add_mention(_cell(item_row, row.action, "Texte"), row.complement, COMPLEMENT)
            elif label == DONE_COLUMN:
                _cell(item_row, value, "Fait", {"table:content-validation-name": DONE_VALIDATION})
            else:
                _cell(item_row, value, "Texte" if label in READING_HEADER else "Identifiant")

    return package(MEDIA_TYPE, content=root, styles=_styles(), epoch=epoch, metadata=metadata(
        title=f"{liste.titre} — {fiche.titre}", creator=author(fiche), epoch=epoch,
        subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}"))

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

from odf.namespaces import LOEXTNS
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    DefaultStyle, Footer, FooterStyle, HeaderFooterProperties, HeaderStyle, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style,
    TableCellProperties, TableColumnProperties, TableProperties, TableRowProperties, TextProperties,
)
from odf.table import (
    ContentValidation, ContentValidations, CoveredTableCell, ErrorMessage, HelpMessage, Table, TableCell,
    TableColumn, TableHeaderRows, TableRow,
)
from odf.text import P, PageCount, PageNumber
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model.content import Fiche, Liste
from .odf_common import describe, package
from .table import DONE_COLUMN, DONE_VALUES, HEADER, READING_COLUMNS, checklist_rows
from .text import KIT_TITLE, author, french_typography

# Action, Fait, Responsable, Échéance, Note (26.5 cm: landscape A4 less 1.5 cm
# margins), then the ids, which are not printed.
COLUMN_WIDTHS = ("12cm", "1.5cm", "3.7cm", "2.5cm", "6.8cm", "4cm", "4.5cm", "5cm")
BORDER = "0.5pt solid #000000"
ACCENT = "#3f51b5"
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
        word_width = stringWidth(re.sub(r"[\u00a0\u202f]", " ", word), "Helvetica", FONT_SIZE)
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


def _add_page_style(document: OpenDocumentSpreadsheet) -> MasterPage:
    """Landscape A4, no header, a footer with the page number."""
    layout = PageLayout(name="Paysage")
    # scale-to-X: however wide the columns become, they print on one page's width.
    layout.addElement(PageLayoutProperties(
        pagewidth="29.7cm", pageheight="21cm", printorientation="landscape", margintop="1cm",
        marginbottom="1cm", marginleft="1.5cm", marginright="1.5cm", tablecentering="horizontal",
        printpageorder="ttb", qattributes={(LOEXTNS, "scale-to-X"): "1", (LOEXTNS, "scale-to-Y"): "0"}))
    layout.addElement(HeaderStyle())
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="0.5cm", margintop="0.3cm"))
    layout.addElement(footer_style)
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Liste", pagelayoutname=layout)
    footer = Footer()
    line = P(text=f"{KIT_TITLE} — page ")
    line.addElement(PageNumber())
    line.addText(" sur ")
    line.addElement(PageCount())
    footer.addElement(line)
    master.addElement(footer)
    document.masterstyles.addElement(master)
    return master


def _add_styles(document: OpenDocumentSpreadsheet) -> dict[str, Style]:
    default = DefaultStyle(family="table-cell")
    default.addElement(TextProperties(language="fr", country="FR"))
    document.styles.addElement(default)

    def add(name: str, family: str, *properties, **attributes) -> Style:
        style = Style(name=name, family=family, **attributes)
        for prop in properties:
            style.addElement(prop)
        document.automaticstyles.addElement(style)
        return style

    # The room left of the text is an indent, not padding: LibreOffice sizes rows
    # ignoring a cell's side padding, so a line that only fits without it would be cut.
    grid = dict(wrapoption="wrap", border=BORDER, paddingtop=CELL_PADDING, paddingbottom=CELL_PADDING,
                paddingleft="0cm", paddingright="0cm")
    styles = {
        "feuille": add("Feuille", "table", TableProperties(display="true"),
                       masterpagename=_add_page_style(document)),
        "ligne": add("Ligne", "table-row", TableRowProperties(useoptimalrowheight="true")),
        "titre": add("Titre", "table-cell", TableCellProperties(wrapoption="wrap", verticalalign="middle"),
                     TextProperties(fontsize="13pt", fontweight="bold", color="#1f2340")),
        "entete": add("Entete", "table-cell", TableCellProperties(backgroundcolor=ACCENT, verticalalign="middle",
                                                                   **grid),
                      ParagraphProperties(textalign="start", marginleft=INDENT),
                      TextProperties(fontweight="bold", color="#ffffff")),
        "texte": add("Texte", "table-cell", TableCellProperties(verticalalign="top", **grid),
                     ParagraphProperties(textalign="start", marginleft=INDENT)),
        "fait": add("Fait", "table-cell", TableCellProperties(verticalalign="top", **grid),
                    ParagraphProperties(textalign="center")),
        "identifiant": add("Identifiant", "table-cell", TableCellProperties(verticalalign="top"),
                           TextProperties(fontsize="8pt", color="#5f6368")),
    }
    for number, width in enumerate(COLUMN_WIDTHS):
        styles[f"colonne{number}"] = add(f"Colonne{number + 1}", "table-column",
                                         TableColumnProperties(columnwidth=width))
    return styles


def _done_validation(sheet: str) -> ContentValidations:
    """The « Fait » cells offer a list (« oui », « non ») and refuse other values."""
    values = ";".join(f'"{value}"' for value in DONE_VALUES)
    validation = ContentValidation(
        name="Fait", condition=f"of:cell-content-is-in-list({values})", allowemptycell="true",
        displaylist="unsorted", basecelladdress=_cell_address(sheet, HEADER.index(DONE_COLUMN) + 1, FIRST_ITEM_ROW))
    help_message = HelpMessage(title="Fait", display="true")
    help_message.addElement(P(text=french_typography("Choisissez « oui » dans la liste quand l'action est faite.")))
    error = ErrorMessage(title="Fait", display="true", messagetype="stop")
    error.addElement(P(text=french_typography("Répondez « oui » ou « non » (ou laissez vide).")))
    validation.addElement(help_message)
    validation.addElement(error)
    validations = ContentValidations()
    validations.addElement(validation)
    return validations


def _cell(value: str, style: Style, **attributes) -> TableCell:
    if not value:  # an empty cell to fill in
        return TableCell(stylename=style, **attributes)
    cell = TableCell(valuetype="string", stylename=style, **attributes)
    cell.addElement(P(text=value))
    return cell


def build_ods(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    document = OpenDocumentSpreadsheet()
    title = f"{liste.titre} — {fiche.titre}"
    describe(document, title=title, subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}",
             creator=author(fiche), epoch=epoch)
    styles = _add_styles(document)
    name = sheet_name(liste)
    rows = checklist_rows(fiche, liste)
    last_row = FIRST_ITEM_ROW + len(rows) - 1
    document.spreadsheet.addElement(_done_validation(name))

    # The ids are kept for reading a filled file back, but not printed.
    print_range = f"{_cell_address(name, 1, 1)}:{_cell_address(name, READING_COLUMNS, last_row)}"
    table = Table(name=name, stylename=styles["feuille"], printranges=print_range)
    for number in range(len(COLUMN_WIDTHS)):
        table.addElement(TableColumn(stylename=styles[f"colonne{number}"]))

    title_row = TableRow(stylename=styles["ligne"])
    title_row.addElement(_cell(french_typography(f"{liste.titre} — fiche « {fiche.titre} »"), styles["titre"],
                               numbercolumnsspanned=str(READING_COLUMNS)))
    for _ in range(READING_COLUMNS - 1):
        title_row.addElement(CoveredTableCell())
    table.addElement(title_row)

    header = TableHeaderRows()  # repeated at the top of every printed page
    header_row = TableRow(stylename=styles["ligne"])
    for label in HEADER:
        header_row.addElement(_cell(label, styles["entete" if label in READING_HEADER else "identifiant"]))
    header.addElement(header_row)
    table.addElement(header)

    row_styles: dict[int, Style] = {}  # by number of lines
    for row in rows:
        lines = printed_lines(row.action, _centimetres(COLUMN_WIDTHS[0]))
        if lines not in row_styles:
            row_styles[lines] = Style(name=f"Ligne{lines}", family="table-row")
            row_styles[lines].addElement(TableRowProperties(rowheight=row_height(lines), useoptimalrowheight="false"))
            document.automaticstyles.addElement(row_styles[lines])
        item_row = TableRow(stylename=row_styles[lines])
        for label, value in zip(HEADER, row.cells()):
            if label == DONE_COLUMN:
                item_row.addElement(_cell(value, styles["fait"], contentvalidationname="Fait"))
            else:
                item_row.addElement(_cell(value, styles["texte" if label in READING_HEADER else "identifiant"]))
        table.addElement(item_row)
    document.spreadsheet.addElement(table)
    return package(document, epoch)

"""A checklist as a fillable, tagged PDF (PDF/UA-1), for screens and hands.

Each item gets a real AcroForm checkbox and three text fields (Responsable,
Échéance, Note), big enough to write in once printed, with visible labels
and an accessible name each. Field names come from the items' stable ids.

Laid out here and drawn by reportlab with the sheet PDF's fonts, styles and
footer (pdf_common); every text is tagged and every rule or box is an
artifact as it is drawn, and tagged_pdf writes the rest of PDF/UA (the
structure tree, the fields, the metadata). No item is split across pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from ..model.content import Element, Fiche, Liste
from .pdf_common import ACCENT, FONT, MUTED, RULE, draw_footer, footer_lines, footer_top, para, with_mention
from .table import FILL_COLUMNS, field_name
from .tagged_pdf import Field, Node, TaggedCanvas, colour, finish
from .text import KIT_TITLE, author, pdf_inline, plain_inline, source_credit

PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE = 14 * mm
TOP = 14 * mm
WIDTH = PAGE_WIDTH - 2 * SIDE
# An item: the box in a 9 mm column, the action and the fields 12 mm from the left.
INDENT = 12 * mm
BOX = 7.5 * mm
FIELD_HEIGHT = 8 * mm
NOTE_HEIGHT = 17 * mm
DATE_WIDTH = 34 * mm
GAP = 3 * mm
TEXT_INSET = 1.5 * mm
LABEL_SIZE = 7.5
LABEL_HEIGHT = 3.6 * mm  # a 7.5 pt label's line
PADDING_TOP, PADDING_BOTTOM = 2.5 * mm, 3 * mm
NOTE_LINE = HexColor("#c5cae9")  # the ruled line of the blank note, to write on by hand

HELP = ("Cochez les actions faites et complétez les champs dans votre lecteur PDF, puis enregistrez le fichier "
        "pour garder vos réponses. Imprimée, la liste se remplit aussi à la main.")


def _paragraph(markup: str, style: str, width: float) -> tuple[Paragraph, float]:
    paragraph = para(markup, style)
    return paragraph, paragraph.wrap(width, PAGE_HEIGHT)[1]


@dataclass
class _Item:
    element: Element
    action: Paragraph
    action_height: float

    @property
    def first_row(self) -> float:
        return max(1 * mm + self.action_height, BOX + 0.5 * mm + LABEL_HEIGHT)

    @property
    def height(self) -> float:
        fields_rows = 2 * (1.5 * mm + LABEL_HEIGHT + 0.5 * mm) + FIELD_HEIGHT + NOTE_HEIGHT
        return PADDING_TOP + self.first_row + fields_rows + PADDING_BOTTOM


def _pages(header_height: float, items: list[_Item], bottom: float) -> list[list[_Item]]:
    """Items by page down to `bottom`, never one split across two: a page ends before the item that does not fit."""
    pages: list[list[_Item]] = [[]]
    room = PAGE_HEIGHT - TOP - bottom - header_height
    for item in items:
        if pages[-1] and item.height > room:
            pages.append([])
            room = PAGE_HEIGHT - TOP - bottom
        pages[-1].append(item)
        room -= item.height
    return pages


def _paginate(header_height: float, items: list[_Item], credit: str) -> tuple[list[list[_Item]], list[str]]:
    """The pages and the footer's credit lines, which share the width with « Page n sur N »:
    laid out again in the rare case the number of pages takes one more digit."""
    total = 1
    while True:
        lines = footer_lines(credit, total, SIDE)
        pages = _pages(header_height, items, footer_top(len(lines)) + 4 * mm)
        if len(str(len(pages))) <= len(str(total)):
            return pages, lines
        total = len(pages)


def _label(tagged: TaggedCanvas, node: Node, text: str, x: float, top: float, *, centre: bool = False) -> None:
    canvas = tagged.canvas
    canvas.setFont(FONT, LABEL_SIZE)
    canvas.setFillColor(MUTED)
    baseline = PAGE_HEIGHT - top - LABEL_SIZE * 0.95
    with tagged.content(node):
        (canvas.drawCentredString if centre else canvas.drawString)(x, baseline, text)


def _frame(tagged: TaggedCanvas, x: float, top: float, width: float, height: float, line: float,
           ruled: bool = False) -> tuple[float, float, float, float]:
    """A field's white box (an artifact: the widget on it is what a reader meets); its rectangle.
    Written as PDF operators: a few numbers, many times per form, at a fraction of the canvas's cost."""
    bottom = PAGE_HEIGHT - top - height
    operators = f"1 g {colour(ACCENT, 'RG')} {line} w {x:.2f} {bottom:.2f} {width:.2f} {height:.2f} re B"
    if ruled:  # one line across the middle, as on a notebook's page
        middle = bottom + height / 2
        operators += f" {colour(NOTE_LINE, 'RG')} 0.85 w {x + line:.2f} {middle:.2f} m {x + width - line:.2f} {middle:.2f} l S"
    tagged.artifact_drawing(operators)
    return x, bottom, x + width, bottom + height


def _rule(tagged: TaggedCanvas, top: float) -> None:
    y = PAGE_HEIGHT - top
    tagged.artifact_drawing(f"{colour(RULE, 'RG')} 0.6 w {SIDE:.2f} {y:.2f} m {PAGE_WIDTH - SIDE:.2f} {y:.2f} l S")


def _draw_item(tagged: TaggedCanvas, item: _Item, top: float, parent: Node) -> None:
    """One item from `top` down: the box and « Fait », the action, Responsable and
    Échéance, the note; as an LI whose Lbl is the box and whose LBody is the rest."""
    element = item.element
    action_text = plain_inline(element.texte)
    entry = parent.add("LI")

    def widget(node: Node, suffix_index: int, kind: str, rect) -> None:
        label, suffix = FILL_COLUMNS[suffix_index]
        if kind != "case":  # typed text starts a little inside the drawn box, not on its edge
            left, bottom, right, top_ = rect
            rect = (left + TEXT_INSET, bottom, right - TEXT_INSET, top_)
        node.kids.append(Field(field_name(element, suffix), f"{label} : {action_text}", kind, tagged.page, rect))

    _rule(tagged, top)
    row = top + PADDING_TOP
    box = entry.add("Lbl")  # the box, then its label
    widget(box.add("Form"), 0, "case", _frame(tagged, SIDE + (9 * mm - BOX) / 2, row, BOX, BOX, 0.9))
    _label(tagged, box, FILL_COLUMNS[0][0], SIDE + 4.5 * mm, row + BOX + 0.5 * mm, centre=True)

    body = entry.add("LBody")  # the action, then each field's label and field
    with tagged.content(body.add("P")):
        item.action.drawOn(tagged.canvas, SIDE + INDENT, PAGE_HEIGHT - row - 1 * mm - item.action_height)

    row += item.first_row + 1.5 * mm
    date_x = PAGE_WIDTH - SIDE - DATE_WIDTH
    for index, x, width in ((1, SIDE + INDENT, WIDTH - INDENT - GAP - DATE_WIDTH), (2, date_x, DATE_WIDTH)):
        _label(tagged, body.add("P"), FILL_COLUMNS[index][0], x, row)
        widget(body.add("Form"), index, "texte",
               _frame(tagged, x, row + LABEL_HEIGHT + 0.5 * mm, width, FIELD_HEIGHT, 0.7))
    row += LABEL_HEIGHT + 0.5 * mm + FIELD_HEIGHT + 1.5 * mm
    _label(tagged, body.add("P"), FILL_COLUMNS[3][0], SIDE + INDENT, row)
    widget(body.add("Form"), 3, "note", _frame(tagged, SIDE + INDENT, row + LABEL_HEIGHT + 0.5 * mm, WIDTH - INDENT,
                                   NOTE_HEIGHT, 0.7, ruled=True))


def _draw(fiche: Fiche, liste: Liste, buffer: io.BytesIO) -> Node:
    """Draw the pages into `buffer`; the structure of what was drawn."""
    tagged = TaggedCanvas(buffer)
    document = Node("Document")
    header = [(pdf_inline(f"{KIT_TITLE} — fiche « {fiche.titre} »"), "surtitre", "P", 0.5 * mm),
              (pdf_inline(liste.titre), "titre", "H1", 2 * mm)]
    if liste.introduction:
        header.append((pdf_inline(liste.introduction), "corps", "P", 1.5 * mm))
    header.append((HELP, "aide", "P", 4 * mm))
    laid_out = [(*_paragraph(markup, style, WIDTH), role, after) for markup, style, role, after in header]
    # An addition's mention is part of the action's paragraph: tagged in the item's LBody, outside its fields.
    items = [_Item(element, *_paragraph(with_mention(pdf_inline(element.texte), element), "action", WIDTH - INDENT))
             for element in liste.elements]
    pages, credit = _paginate(sum(height + after for _, height, _, after in laid_out), items, source_credit(fiche))
    top = TOP
    for paragraph, height, role, after in laid_out:
        with tagged.content(document.add(role)):
            paragraph.drawOn(tagged.canvas, SIDE, PAGE_HEIGHT - top - height)
        top += height + after
    listing = document.add("L")
    credit_node = Node("P")
    for number, page_items in enumerate(pages, start=1):
        for item in page_items:
            _draw_item(tagged, item, top, listing)
            top += item.height
        _rule(tagged, top)
        # The credit is read once, after the list (on the last page); elsewhere it is a running footer.
        last = number == len(pages)

        def mark(part: str, last=last):
            if part == "credit" and last:
                return tagged.content(credit_node)
            return tagged.artifact("<</Type /Pagination /Subtype /Footer>>")

        draw_footer(tagged.canvas, number, len(pages), credit, side=SIDE, mark=mark)
        if not last:
            tagged.next_page()
            top = TOP
    tagged.canvas.save()
    document.kids.append(credit_node)
    return document


# --- What pikepdf adds: fonts as Type0, fields, structure tree, metadata. ---

def build_pdf_form(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    """The fillable PDF: same input and `epoch`, same bytes."""
    drawn = io.BytesIO()
    document = _draw(fiche, liste, drawn)
    return finish(drawn, document, title=f"{liste.titre} — {fiche.titre}", author=author(fiche),
                  subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}", epoch=epoch)

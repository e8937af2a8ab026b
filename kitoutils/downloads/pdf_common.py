"""What both PDFs share: embedded fonts with French glyphs, paragraph styles,
colours, and A4 pages whose footer carries the credit and « Page 1 sur 2 ».

The fonts are Bitstream Vera, shipped inside reportlab itself: they cover
every character of French (é, œ, « », ’, non-breaking space), so nothing has
to be installed on the machine that builds the site.
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from pathlib import Path
from typing import Callable

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ..model.content import Element, Question, Section
from .text import KIT_TITLE, addition_mention, french_typography, pdf_glyphs, pdf_inline

FONT = "KitSans"
FONT_BOLD = "KitSans-Gras"
FONT_ITALIC = "KitSans-Italique"
FONT_BOLD_ITALIC = "KitSans-GrasItalique"
MARGIN = 18 * mm
FOOTER_SIZE = 7.5
FOOTER_LEADING = FOOTER_SIZE + 2
FOOTER_LAST_BASELINE = 8 * mm  # the lowest a footer's line goes
INK = colors.HexColor("#1f2340")
ACCENT = colors.HexColor("#3f51b5")  # the site's indigo
RULE = colors.HexColor("#9fa8da")
MUTED = colors.HexColor("#474b63")
MENTION_SIZE = 8  # an addition's mention: smaller than any text it follows


@cache
def register_fonts() -> None:
    fonts_dir = Path(reportlab.__file__).parent / "fonts"
    for name, file in ((FONT, "Vera.ttf"), (FONT_BOLD, "VeraBd.ttf"),
                       (FONT_ITALIC, "VeraIt.ttf"), (FONT_BOLD_ITALIC, "VeraBI.ttf")):
        font = TTFont(name, str(fonts_dir / file), asciiReadable=False)  # subsets of the glyphs used only
        font.face.name = name.encode("ascii")  # the name the PDF gives it (« KitSans-Gras », not Vera's)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("corps", fontName=FONT, fontSize=9.5, leading=13, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=5)
    return {
        "corps": body,
        "surtitre": ParagraphStyle("surtitre", parent=body, fontSize=8.5, textColor=ACCENT, spaceAfter=2),
        "titre": ParagraphStyle("titre", parent=body, fontName=FONT_BOLD, fontSize=18, leading=22,
                                spaceAfter=8, textColor=INK),
        "section": ParagraphStyle("section", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16,
                                  spaceBefore=10, spaceAfter=5, textColor=ACCENT),
        "liste": ParagraphStyle("liste", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14,
                                spaceBefore=8, spaceAfter=4),
        "puce": ParagraphStyle("puce", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=2),
        # Regular, not italic: one embedded font fewer (about 19 Ko per file).
        "aide": ParagraphStyle("aide", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "cellule": ParagraphStyle("cellule", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "entete": ParagraphStyle("entete", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10,
                                 spaceAfter=0, textColor=colors.white),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, leading=12, spaceAfter=2),
        "action": ParagraphStyle("action", parent=body, fontName=FONT_BOLD, spaceAfter=0),  # a fillable item
    }


def para(markup: str, style: str) -> Paragraph:
    """A paragraph of reportlab markup, with French no-break spaces the font can draw."""
    return Paragraph(pdf_glyphs(french_typography(markup)), styles()[style])


def with_mention(markup: str, part: Element | Section | Question) -> str:
    """A part's markup followed, for a part written for this site, by its mention
    (addition_mention) in small, regular, muted type, on one line; the markup alone otherwise."""
    mention = addition_mention(part, unbreakable=True)
    if not mention:
        return markup
    return (f'{markup} <font name="{FONT}" size="{MENTION_SIZE}" color="#{MUTED.hexval()[2:]}">'
            f"{pdf_inline(mention)}</font>")


def numbered_canvas(credit: str):
    """A canvas class that holds pages back until the end, to write
    « Page n sur N » and the credit in every footer once N is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1  # fixed dates and ids: same input, same bytes
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            draw_footer(self, number, total, footer_lines(credit, total)[:2])

    return NumberedCanvas


def footer_lines(credit: str, total: int, side: float = MARGIN) -> list[str]:
    """The credit wrapped (rather than cut: it is the source's due) beside « Page n sur N »."""
    width, _ = A4
    room = width - 2 * side - pdfmetrics.stringWidth(_page_text(total, total), FONT, FOOTER_SIZE) - 6 * mm
    return simpleSplit(pdf_glyphs(french_typography(credit)), FONT, FOOTER_SIZE, room)


def footer_top(lines: int) -> float:
    """Where the footer's rule is, for a credit of `lines` lines: higher than the margin for a long one."""
    return max(MARGIN, FOOTER_LAST_BASELINE + (lines - 1) * FOOTER_LEADING + 4 * mm)


def _page_text(number: int, total: int) -> str:
    return f"Page {number} sur {total}"


def draw_footer(canvas: Canvas, number: int, total: int, lines: list[str], *, side: float = MARGIN,
                mark: Callable[[str], AbstractContextManager] | None = None) -> None:
    """A page's footer below a rule: the credit's `lines` (see footer_lines) and
    « Page n sur N » on one line at the right.

    `side`: the page's left and right margins; `mark(part)` wraps the drawing
    of each part (« filet », « page », « credit ») for a tagged PDF.
    """
    mark = mark or (lambda part: nullcontext())
    width, _ = A4
    top = footer_top(len(lines))
    canvas.saveState()
    canvas.setFont(FONT, FOOTER_SIZE)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(RULE)
    with mark("filet"):
        canvas.line(side, top, width - side, top)
    with mark("page"):
        canvas.drawRightString(width - side, top - 4 * mm, _page_text(number, total))
    with mark("credit"):
        for row, line in enumerate(lines):
            canvas.drawString(side, top - 4 * mm - row * FOOTER_LEADING, line)
    canvas.restoreState()


def build_pdf(story: list, *, title: str, subject: str, author: str, credit: str) -> bytes:
    """Lay out a story on A4 pages, with metadata and French as the document language."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 3 * mm, title=title, subject=subject, author=author,
        creator=KIT_TITLE, lang="fr-FR", invariant=1,
    )
    doc.build(story, canvasmaker=numbered_canvas(credit))
    return buffer.getvalue()

"""A checklist as a fillable, tagged PDF (PDF/UA-1), for screens and hands.

Each item gets a real AcroForm checkbox and three text fields (Responsable,
Échéance, Note), big enough to write in once printed, with visible labels
and an accessible name each. Field names come from the items' stable ids.

reportlab draws the pages (the fonts, colours and footer of the sheet PDF,
see pdf_common), wrapping every text it draws in marked content (BDC/EMC
with a number, MCID) and every rule or box in an /Artifact; the structure
those numbers belong to is recorded while drawing. pikepdf then writes what
reportlab cannot: the structure tree (Document, P, H1, L, LI, Lbl, LBody,
Form), the fields as widgets inside their Form elements, the XMP metadata
of PDF/UA, and the embedded fonts as Type0 fonts. Typed text is drawn in
Helvetica, which every PDF reader has whole (the page's embedded fonts are
subsets: a letter typed later could be missing from them).
"""

from __future__ import annotations

import io
import re
import struct
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Union
from xml.sax.saxutils import escape

import pikepdf
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..model.content import Element, Fiche, Liste
from .pdf_common import (ACCENT, FONT, INK, MUTED, RULE, draw_footer, footer_lines, footer_top, para,
                         register_fonts)
from .reproducible import iso_date
from .table import FILL_COLUMNS, field_name
from .text import KIT_TITLE, author, pdf_inline, plain_inline, source_credit

FIELD_FONT = "/Helv"
FIELD_FONT_SIZE = 10
TICK_FONT = "/ZaDb"
CHECKED = "/Yes"  # the usual « on » state name, which pypdf and readers expect
MULTILINE = 1 << 12

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


# The structure recorded while drawing: elements whose kids are other
# elements, marked contents (a page and an MCID) or a field's widget.
@dataclass(frozen=True)
class Marked:
    page: int
    mcid: int


@dataclass(frozen=True)
class Widget:
    name: str
    tooltip: str
    kind: str  # « case », « texte » or « note »
    page: int
    rect: tuple[float, float, float, float]


@dataclass
class Node:
    role: str
    kids: list[Union[Node, Marked, Widget]] = field(default_factory=list)

    def add(self, role: str) -> Node:
        child = Node(role)
        self.kids.append(child)
        return child


class TaggedCanvas:
    """A reportlab canvas whose every drawing is tagged content or an artifact."""

    def __init__(self, buffer: io.BytesIO) -> None:
        register_fonts()
        # The first font a page names is the embedded one: no Helvetica on the page.
        self.canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=FONT, pageCompression=0)
        self.page = 0
        self._next_mcid = 0

    @contextmanager
    def content(self, node: Node) -> Iterator[None]:
        """Marked content with the next MCID, as a kid of `node`."""
        mcid = self._next_mcid
        self._next_mcid += 1
        self.canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        yield
        self.canvas.addLiteral("EMC")
        node.kids.append(Marked(self.page, mcid))

    @contextmanager
    def artifact(self, kind: str = "") -> Iterator[None]:
        self.canvas.addLiteral(f"/Artifact {kind} BDC" if kind else "/Artifact BMC")
        yield
        self.canvas.addLiteral("EMC")

    def artifact_drawing(self, operators: str) -> None:
        """Path `operators` as an artifact, in their own graphics state."""
        self.canvas.addLiteral(f"/Artifact BMC q {operators} Q EMC")

    def next_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self._next_mcid = 0


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


def _colour(colour, operator: str) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} {operator}"


def _frame(tagged: TaggedCanvas, x: float, top: float, width: float, height: float, line: float,
           ruled: bool = False) -> tuple[float, float, float, float]:
    """A field's white box (an artifact: the widget on it is what a reader meets); its rectangle.
    Written as PDF operators: a few numbers, many times per form, at a fraction of the canvas's cost."""
    bottom = PAGE_HEIGHT - top - height
    operators = f"1 g {_colour(ACCENT, 'RG')} {line} w {x:.2f} {bottom:.2f} {width:.2f} {height:.2f} re B"
    if ruled:  # one line across the middle, as on a notebook's page
        middle = bottom + height / 2
        operators += f" {_colour(NOTE_LINE, 'RG')} 0.85 w {x + line:.2f} {middle:.2f} m {x + width - line:.2f} {middle:.2f} l S"
    tagged.artifact_drawing(operators)
    return x, bottom, x + width, bottom + height


def _rule(tagged: TaggedCanvas, top: float) -> None:
    y = PAGE_HEIGHT - top
    tagged.artifact_drawing(f"{_colour(RULE, 'RG')} 0.6 w {SIDE:.2f} {y:.2f} m {PAGE_WIDTH - SIDE:.2f} {y:.2f} l S")


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
        node.kids.append(Widget(field_name(element, suffix), f"{label} : {action_text}", kind, tagged.page, rect))

    _rule(tagged, top)
    row = top + PADDING_TOP
    box = entry.add("Lbl")
    widget(box.add("Form"), 0, "case", _frame(tagged, SIDE + (9 * mm - BOX) / 2, row, BOX, BOX, 0.9))
    _label(tagged, box.add("Span"), FILL_COLUMNS[0][0], SIDE + 4.5 * mm, row + BOX + 0.5 * mm, centre=True)

    body = entry.add("LBody")
    with tagged.content(body.add("P")):
        item.action.drawOn(tagged.canvas, SIDE + INDENT, PAGE_HEIGHT - row - 1 * mm - item.action_height)

    row += item.first_row + 1.5 * mm
    date_x = PAGE_WIDTH - SIDE - DATE_WIDTH
    for index, x, width in ((1, SIDE + INDENT, WIDTH - INDENT - GAP - DATE_WIDTH), (2, date_x, DATE_WIDTH)):
        group = body.add("Div")  # the label, then its field
        _label(tagged, group.add("P"), FILL_COLUMNS[index][0], x, row)
        widget(group.add("Form"), index, "texte",
               _frame(tagged, x, row + LABEL_HEIGHT + 0.5 * mm, width, FIELD_HEIGHT, 0.7))
    row += LABEL_HEIGHT + 0.5 * mm + FIELD_HEIGHT + 1.5 * mm
    group = body.add("Div")
    _label(tagged, group.add("P"), FILL_COLUMNS[3][0], SIDE + INDENT, row)
    widget(group.add("Form"), 3, "note", _frame(tagged, SIDE + INDENT, row + LABEL_HEIGHT + 0.5 * mm, WIDTH - INDENT,
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
    items = [_Item(element, *_paragraph(pdf_inline(element.texte), "action", WIDTH - INDENT))
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

_ONE_BYTE_CMAP = b"""%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /KitSans-OneByte def
/CMapType 1 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 begincidrange
<00> <FF> 0
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def _identity() -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0)


def _subset_glyphs(program: bytes) -> list[int]:
    """Code → glyph of a reportlab subset font, read from its cmap (format 6, codes from 0)."""
    tables = struct.unpack_from(">H", program, 4)[0]
    for entry in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", program, 12 + 16 * entry)
        if tag == b"cmap":
            subtable = offset + struct.unpack_from(">L", program, offset + 8)[0]
            form, _, _, first, count = struct.unpack_from(">5H", program, subtable)
            if form == 6 and first == 0:
                return list(struct.unpack_from(f">{count}H", program, subtable + 10))
    raise ValueError("police sans table cmap de format 6")


_BFCHAR = re.compile(rb"^<([0-9A-F]{2})> <([0-9A-F]{4})>$", re.M)


def _to_unicode(cmap: bytes) -> bytes:
    """reportlab's ToUnicode without its unused codes (mapped to U+0000, which
    PDF/UA forbids), in sections of at most 100 codes as PDF requires."""
    pairs = [match.group(0) for match in _BFCHAR.finditer(cmap) if match.group(2) != b"0000"]
    head, _, _ = cmap.partition(b"\n%d beginbfchar" % len(_BFCHAR.findall(cmap)))
    sections = [b"%d beginbfchar\n%s\nendbfchar" % (len(pairs[n:n + 100]), b"\n".join(pairs[n:n + 100]))
                for n in range(0, len(pairs), 100)]
    return b"\n".join([head, *sections, b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"])


def _as_type0(pdf: pikepdf.Pdf, font: pikepdf.Dictionary, cmap: pikepdf.Stream) -> None:
    """A reportlab TrueType subset rewritten in place as a Type0 font over the same
    program, codes and ToUnicode (one byte per character, an embedded CMap)."""
    descriptor = font.FontDescriptor
    glyphs = _subset_glyphs(descriptor.FontFile2.read_bytes())
    widths = pikepdf.Array([int(font.FirstChar), pikepdf.Array(font.Widths)])
    descendant = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=font.BaseFont,
        CIDSystemInfo=_identity(), FontDescriptor=descriptor, W=widths,
        CIDToGIDMap=pdf.make_stream(struct.pack(f">{len(glyphs)}H", *glyphs))))
    for key in ("/FirstChar", "/LastChar", "/Widths", "/Name"):
        if key in font:
            del font[key]
    font.Subtype = pikepdf.Name.Type0
    font.ToUnicode = pdf.make_stream(_to_unicode(font.ToUnicode.read_bytes()))
    font.Encoding = cmap
    font.DescendantFonts = pikepdf.Array([descendant])


def _fonts_as_type0(pdf: pikepdf.Pdf) -> None:
    cmap = pdf.make_stream(_ONE_BYTE_CMAP, Type=pikepdf.Name.CMap, CMapName=pikepdf.Name("/KitSans-OneByte"),
                           CIDSystemInfo=_identity())
    done = set()
    for page in pdf.pages:
        for font in page.Resources.get("/Font", pikepdf.Dictionary()).values():
            if font.objgen not in done and font.Subtype == pikepdf.Name.TrueType:
                done.add(font.objgen)
                _as_type0(pdf, font, cmap)


def _box_appearances(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The checkbox's two looks, shared by every box of a form: a tick when « Yes », nothing when « Off »."""
    bbox = pikepdf.Array([0, 0, round(BOX, 3), round(BOX, 3)])
    tick = (f"q {_colour(INK, 'RG')} 2 w 1 J 1 j {BOX * .22:.2f} {BOX * .52:.2f} m {BOX * .42:.2f} {BOX * .28:.2f} l "
            f"{BOX * .78:.2f} {BOX * .76:.2f} l S Q")
    look = {"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Form, "/BBox": bbox,
            "/Resources": pikepdf.Dictionary()}
    return pikepdf.Dictionary(N=pikepdf.Dictionary({CHECKED: pdf.make_stream(tick.encode(), look),
                                                     "/Off": pdf.make_stream(b"", look)}))


def _widget(widget: Widget, page: pikepdf.Dictionary, key: int, box: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """A field and its widget in one dictionary; `box`: the checkboxes' appearances."""
    entries = {"/Type": _ANNOT, "/Subtype": _WIDGET, "/F": 4, "/P": page, "/StructParent": key,
               "/Rect": pikepdf.Array([round(v, 3) for v in widget.rect]), "/T": pikepdf.String(widget.name),
               "/TU": pikepdf.String(widget.tooltip), "/Border": _NO_BORDER}
    if widget.kind == "case":
        # The tick also as ZapfDingbats' « 4 », for readers that redraw boxes themselves.
        entries.update({"/FT": _BUTTON, "/AP": box, "/AS": _OFF, "/V": _OFF, "/MK": _TICK, "/DA": _TICK_LOOK})
    else:
        # Size 0 in the note: the reader shrinks the text so a long note stays whole.
        entries.update({"/FT": _TEXT, "/DA": _NOTE_LOOK if widget.kind == "note" else _FIELD_LOOK})
        if widget.kind == "note":
            entries["/Ff"] = MULTILINE
    return pikepdf.Dictionary(entries)


# Names and values every form repeats, made once.
_ANNOT, _WIDGET, _BUTTON, _TEXT, _OFF = (pikepdf.Name(n) for n in ("/Annot", "/Widget", "/Btn", "/Tx", "/Off"))
_STRUCT_ELEM, _OBJR = pikepdf.Name.StructElem, pikepdf.Name.OBJR
_NO_BORDER = pikepdf.Array([0, 0, 0])
_FIELD_LOOK = pikepdf.String(f"{FIELD_FONT} {FIELD_FONT_SIZE} Tf 0 g")
_NOTE_LOOK = pikepdf.String(f"{FIELD_FONT} 0 Tf 0 g")
_TICK = pikepdf.Dictionary(CA=pikepdf.String("4"))
_TICK_LOOK = pikepdf.String(f"{TICK_FONT} 0 Tf 0 g")


class _Tree:
    """The structure tree written from the drawn structure: elements, the
    parent tree (each page's MCIDs and each widget to its element)."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.by_page: list[dict[int, pikepdf.Dictionary]] = [{} for _ in self.pages]
        self.widgets: list[tuple[pikepdf.Dictionary, pikepdf.Dictionary]] = []
        self.box = _box_appearances(pdf)

    def element(self, node: Node, parent: pikepdf.Dictionary) -> pikepdf.Dictionary:
        element = self.pdf.make_indirect(pikepdf.Dictionary({"/Type": _STRUCT_ELEM, "/S": pikepdf.Name("/" + node.role),
                                                             "/P": parent}))
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self.element(kid, element))
            elif isinstance(kid, Marked):  # an element's contents are all on one page, its /Pg
                element.Pg = self.pages[kid.page]
                kids.append(kid.mcid)
                self.by_page[kid.page][kid.mcid] = element
            else:
                key = len(self.pages) + len(self.widgets)
                page = self.pages[kid.page]
                annotation = self.pdf.make_indirect(_widget(kid, page, key, self.box))
                self.widgets.append((annotation, element))
                kids.append(pikepdf.Dictionary({"/Type": _OBJR, "/Pg": page, "/Obj": annotation}))
        element.K = pikepdf.Array(kids)
        return element

    def write(self, document: Node) -> None:
        root = self.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        root.K = self.element(document, root)
        numbers = []
        for index, (page, marks) in enumerate(zip(self.pages, self.by_page)):
            page.StructParents = index
            page.Tabs = pikepdf.Name.S  # fields in the structure's order
            numbers += [index, self.pdf.make_indirect(pikepdf.Array([marks[mcid] for mcid in sorted(marks)]))]
        for key, (annotation, element) in enumerate(self.widgets, start=len(self.pages)):
            numbers += [key, element]
            page = annotation.P
            page.Annots = pikepdf.Array([*page.get("/Annots", pikepdf.Array()), annotation])
        root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(numbers)))
        root.ParentTreeNextKey = len(self.pages) + len(self.widgets)
        self.pdf.Root.StructTreeRoot = root
        self.pdf.Root.AcroForm = pikepdf.Dictionary(
            Fields=pikepdf.Array([annotation for annotation, _ in self.widgets]),
            DR=pikepdf.Dictionary(Font=pikepdf.Dictionary({
                FIELD_FONT: self.pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
                    Encoding=pikepdf.Name.WinAnsiEncoding)),
                TICK_FONT: self.pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.ZapfDingbats))})),
            DA=_FIELD_LOOK,  # for readers that look here first
            NeedAppearances=True)  # typed text: drawn by the reader, in Helvetica


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{creator}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
</rdf:Description>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _metadata(pdf: pikepdf.Pdf, fiche: Fiche, liste: Liste, epoch: int) -> None:
    """Title (shown by readers in place of the file name), author, subject and dates, in Info and XMP alike."""
    date = iso_date(epoch) + "Z"
    values = {"title": f"{liste.titre} — {fiche.titre}", "author": author(fiche), "creator": KIT_TITLE,
              "subject": f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}"}
    xmp = _XMP.format(date=date, **{key: escape(_NOT_XML.sub("", value)) for key, value in values.items()})
    pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    stamp = pikepdf.String("D:" + re.sub(r"\D", "", date) + "Z")
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(values["title"]), Author=pikepdf.String(values["author"]),
        Subject=pikepdf.String(values["subject"]), Creator=pikepdf.String(KIT_TITLE),
        Producer=pikepdf.String(KIT_TITLE), CreationDate=stamp, ModDate=stamp))
    pdf.Root.Lang = pikepdf.String("fr-FR")
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)


def build_pdf_form(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    """The fillable PDF: same input and `epoch`, same bytes."""
    drawn = io.BytesIO()
    document = _draw(fiche, liste, drawn)
    with pikepdf.open(drawn) as pdf:
        _fonts_as_type0(pdf)
        _Tree(pdf).write(document)
        _metadata(pdf, fiche, liste, epoch)
        del pdf.trailer.ID  # reportlab's, which follows SOURCE_DATE_EPOCH: made from the content instead
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 fix_metadata_version=False)  # the XMP as written here
    return out.getvalue()

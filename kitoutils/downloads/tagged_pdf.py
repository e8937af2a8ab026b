"""What a tagged PDF (PDF/UA-1) needs beyond what reportlab writes.

While a reportlab canvas draws, `TaggedCanvas` wraps every text in marked
content (BDC/EMC with a number, MCID) and every rule or box in an /Artifact,
and the drawing code records the structure those numbers belong to (`Node`),
with the form fields (`Field`) where they sit. `finish` then writes, with
pikepdf: the structure tree and its parent tree, the fields as widgets inside
their Form elements (tab order by structure), the XMP metadata PDF/UA asks
for, the language, and the embedded fonts as Type0 fonts.

Typed text is drawn in Helvetica, which every PDF reader has whole (the
page's embedded fonts are subsets: a letter typed later could be missing).
"""

from __future__ import annotations

import io
import re
import struct
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Iterator, Union
from xml.sax.saxutils import escape

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .pdf_common import FONT, INK, register_fonts
from .reproducible import iso_date
from .text import KIT_TITLE

FIELD_FONT = "/Helv"
FIELD_FONT_SIZE = 10
TICK_FONT = "/ZaDb"
CHECKED = "/Yes"  # the usual « on » state name, which pypdf and readers expect
MULTILINE = 1 << 12


# The structure recorded while drawing: elements whose kids are other
# elements, marked contents (a page and an MCID) or form fields.
@dataclass(frozen=True)
class Marked:
    page: int
    mcid: int


@dataclass(frozen=True)
class Field:
    """A form field: its name, accessible name (tooltip), kind and place."""

    name: str
    tooltip: str
    kind: str  # « case » (a checkbox), « texte » (one line) or « note » (several)
    page: int
    rect: tuple[float, float, float, float]


@dataclass
class Node:
    role: str
    kids: list[Union[Node, Marked, Field]] = field(default_factory=list)

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


def colour(colour, operator: str) -> str:
    """A reportlab colour as a PDF colour operator (`RG` for strokes, `rg` for fills)."""
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} {operator}"


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


def _box_appearances(pdf: pikepdf.Pdf, width: float, height: float) -> pikepdf.Dictionary:
    """A checkbox's two looks: a tick when « Yes », nothing when « Off »."""
    bbox = pikepdf.Array([0, 0, round(width, 3), round(height, 3)])
    tick = (f"q {colour(INK, 'RG')} 2 w 1 J 1 j {width * .22:.2f} {height * .52:.2f} m "
            f"{width * .42:.2f} {height * .28:.2f} l {width * .78:.2f} {height * .76:.2f} l S Q")
    look = {"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Form, "/BBox": bbox,
            "/Resources": pikepdf.Dictionary()}
    return pikepdf.Dictionary(N=pikepdf.Dictionary({CHECKED: pdf.make_stream(tick.encode(), look),
                                                     "/Off": pdf.make_stream(b"", look)}))


def _widget(widget: Field, page: pikepdf.Dictionary, key: int, box: pikepdf.Dictionary | None) -> pikepdf.Dictionary:
    """A field and its widget in one dictionary; `box`: a checkbox's appearances."""
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


@cache
def _role(role: str) -> pikepdf.Name:
    return pikepdf.Name("/" + role)


class _Tree:
    """The structure tree written from the drawn structure: elements, the
    parent tree (each page's MCIDs and each widget to its element), the form."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.by_page: list[dict[int, pikepdf.Dictionary]] = [{} for _ in self.pages]
        self.widgets: list[tuple[pikepdf.Dictionary, pikepdf.Dictionary]] = []
        self.boxes: dict[tuple[float, float], pikepdf.Dictionary] = {}  # checkbox looks by size, shared

    def element(self, node: Node, parent: pikepdf.Dictionary) -> pikepdf.Dictionary:
        element = self.pdf.make_indirect(pikepdf.Dictionary({"/Type": _STRUCT_ELEM, "/S": _role(node.role),
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
                annotation = self.pdf.make_indirect(_widget(kid, page, key, self._box(kid)))
                self.widgets.append((annotation, element))
                kids.append(pikepdf.Dictionary({"/Type": _OBJR, "/Pg": page, "/Obj": annotation}))
        element.K = kids[0] if len(kids) == 1 else pikepdf.Array(kids)
        return element

    def _box(self, kid: Field) -> pikepdf.Dictionary | None:
        if kid.kind != "case":
            return None
        left, bottom, right, top = kid.rect
        size = round(right - left, 3), round(top - bottom, 3)
        if size not in self.boxes:
            self.boxes[size] = _box_appearances(self.pdf, *size)
        return self.boxes[size]

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


def _metadata(pdf: pikepdf.Pdf, title: str, author: str, subject: str, epoch: int) -> None:
    """Title (shown by readers in place of the file name), author, subject and dates, in Info and XMP alike."""
    date = iso_date(epoch) + "Z"
    values = {"title": title, "author": author, "creator": KIT_TITLE, "subject": subject}
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




def finish(drawn: io.BytesIO, document: Node, *, title: str, author: str, subject: str, epoch: int) -> bytes:
    """The PDF reportlab `drawn`, tagged with its structure `document`: same input and `epoch`, same bytes."""
    with pikepdf.open(drawn) as pdf:
        _fonts_as_type0(pdf)
        _Tree(pdf).write(document)
        _metadata(pdf, title, author, subject, epoch)
        del pdf.trailer.ID  # reportlab's, which follows SOURCE_DATE_EPOCH: made from the content instead
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 fix_metadata_version=False)  # the XMP as written here
    return out.getvalue()

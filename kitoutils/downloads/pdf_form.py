"""A checklist as a fillable, tagged PDF (PDF/UA-1), for screens and hands.

Each item gets a real AcroForm checkbox and three text fields (Responsable,
Échéance, Note), big enough to write in once printed, with visible labels
and an accessible name each. Field names come from the items' stable ids.

WeasyPrint lays out the page from HTML and writes the structure tree, with
each field inside a Form element; pikepdf then sets what HTML cannot say:
the fields' font and size, and the checkbox's usual « Yes » state. Typed
text is drawn in Helvetica, which every PDF reader has whole (the page's
embedded font is a subset: a letter typed later could be missing from it).
"""

from __future__ import annotations

import base64
import io
from functools import cache
from html import escape
from pathlib import Path

import pikepdf
import reportlab
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..model.content import Fiche, Liste
from ..model.typography import NARROW_NBSP
from .pdf_common import ACCENT_HEX, INK_HEX, MUTED_HEX, RULE_HEX
from .reproducible import iso_date
from .table import FILL_COLUMNS, field_name
from .text import KIT_TITLE, author, pdf_inline, plain_inline, source_credit

FIELD_FONT = "/Helv"
FIELD_FONT_SIZE = 10
CHECKED = "/Yes"  # the usual « on » state name, which pypdf and readers expect

_CSS = """
@font-face { font-family: KitSans; src: url("{regular}"); }
@font-face { font-family: KitSans; font-weight: bold; src: url("{bold}"); }
@page {
  size: A4 portrait;
  margin: 14mm 14mm 20mm;
  @bottom-left { content: element(pied); vertical-align: top; padding-top: 2mm; }
  @bottom-right {
    content: "Page " counter(page) " sur " counter(pages);
    font: 7.5pt KitSans; color: {ink}; vertical-align: top; padding-top: 3.7mm;
  }
}
html { font: 9.5pt/1.35 KitSans; color: {ink}; }
body { margin: 0; }
.pied { position: running(pied); font-size: 7.5pt; border-top: 0.5pt solid {rule}; padding-top: 1.5mm; }
.surtitre { color: {accent}; font-size: 8.5pt; margin: 0 0 1mm; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 3mm; }
.introduction { margin: 0 0 2mm; }
.aide { color: {muted}; font-size: 8.5pt; margin: 0 0 4mm; }
ol { list-style: none; margin: 0; padding: 0; }
/* Each item in three rows: the box then the action; Responsable and Échéance;
   the note. Floats, not a grid of flex boxes: WeasyPrint lays them out in
   about half the time, to the same positions. The columns: 9 mm for the box,
   a 3 mm gap, then Responsable, a 3 mm gap and Échéance (34 mm). */
li {
  break-inside: avoid;
  border-top: 0.6pt solid {rule};
  padding: 2.5mm 0 3mm;
}
li:last-child { border-bottom: 0.6pt solid {rule}; }
.case { float: left; width: 9mm; text-align: center; }
.case label { margin: 0.5mm 0 0; }
.action { margin: 0 0 0 12mm; font-weight: bold; padding-top: 1mm; }
.champ > * { display: block; }
.champ label { font-size: 7.5pt; color: {muted}; margin-bottom: 0.5mm; }
.responsable { clear: left; float: left; width: calc(100% - 49mm); margin: 1.5mm 0 0 12mm; }
.echeance { float: left; width: 34mm; margin: 1.5mm 0 0 3mm; }
.note { clear: both; padding-top: 1.5mm; margin-left: 12mm; }
input[type=checkbox] {
  width: 6.5mm; height: 6.5mm; margin: 0 auto;
  border: 0.9pt solid {accent}; background: white;
}
input[type=text], textarea {
  box-sizing: border-box; width: 100%; height: 8mm; margin: 0; padding: 0 1.5mm;
  border: 0.7pt solid {accent}; background: white; font: 10pt KitSans;
}
/* Ruled like a notebook, so the printed blank note has lines to write on. */
textarea {
  height: 17mm;
  background: repeating-linear-gradient(to bottom, white 0, white 7.9mm, #c5cae9 7.9mm, #c5cae9 8.2mm);
  background-position: 0 0.3mm;
}
"""


@cache
def _font_url(file: str) -> str:
    """Vera from reportlab, as a data: URL, with its no-break space as wide as a
    space (Vera draws it twice as wide) and standing for the narrow one too
    (which Vera lacks): French « guillemets » and « : » then look right."""
    font = TTFont(Path(reportlab.__file__).parent / "fonts" / file, recalcTimestamp=False)  # same bytes each build
    font["hmtx"]["nonbreakingspace"] = font["hmtx"]["space"]
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            table.cmap[ord(NARROW_NBSP)] = "nonbreakingspace"
    data = io.BytesIO()
    font.save(data)
    return "data:font/ttf;base64," + base64.b64encode(data.getvalue()).decode("ascii")


@cache
def _stylesheet() -> str:
    values = {"regular": _font_url("Vera.ttf"), "bold": _font_url("VeraBd.ttf"), "ink": INK_HEX,
              "accent": ACCENT_HEX, "rule": RULE_HEX, "muted": MUTED_HEX}
    css = _CSS
    for key, value in values.items():
        css = css.replace("{" + key + "}", value)
    return css


def _attribute(text: str) -> str:
    return escape(text, quote=True)


def _item(element) -> str:
    action = plain_inline(element.texte)
    name = lambda suffix: field_name(element, suffix)  # noqa: E731
    # The title is the field's accessible name (/TU): column and item.
    fields = []
    for label, suffix in FILL_COLUMNS[1:]:
        field_id = _attribute(name(suffix))
        title = _attribute(f"{label} : {action}")
        control = (f'<textarea id="{field_id}" name="{field_id}" title="{title}"></textarea>' if suffix == "note"
                   else f'<input type="text" id="{field_id}" name="{field_id}" title="{title}">')
        fields.append(f'<div class="champ {suffix}"><label for="{field_id}">{escape(label)}</label>{control}</div>')
    box = _attribute(name(FILL_COLUMNS[0][1]))
    return (f'<li><div class="case champ"><input type="checkbox" id="{box}" name="{box}" '
            f'title="{_attribute(FILL_COLUMNS[0][0] + " : " + action)}">'
            f'<label for="{box}">{escape(FILL_COLUMNS[0][0])}</label></div>'
            f'<p class="action">{pdf_inline(element.texte)}</p>{"".join(fields)}</li>')


def form_html(fiche: Fiche, liste: Liste, epoch: int) -> str:
    """The form as an HTML page; every text from the kit is escaped for HTML."""
    created = iso_date(epoch) + "Z"
    introduction = f'<p class="introduction">{pdf_inline(liste.introduction)}</p>' if liste.introduction else ""
    return (
        '<!DOCTYPE html><html lang="fr-FR"><head><meta charset="utf-8">'
        f"<title>{escape(liste.titre)} — {escape(fiche.titre)}</title>"
        f'<meta name="author" content="{_attribute(author(fiche))}">'
        f'<meta name="description" content="{_attribute(f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}")}">'
        f'<meta name="generator" content="{_attribute(KIT_TITLE)}">'
        f'<meta name="dcterms.created" content="{created}"><meta name="dcterms.modified" content="{created}">'
        "</head><body>"
        f'<div class="pied">{escape(source_credit(fiche))}</div>'
        f'<p class="surtitre">{pdf_inline(f"{KIT_TITLE} — fiche « {fiche.titre} »")}</p>'
        f"<h1>{pdf_inline(liste.titre)}</h1>{introduction}"
        '<p class="aide">Cochez les actions faites et complétez les champs dans votre lecteur PDF, puis '
        "enregistrez le fichier pour garder vos réponses. Imprimée, la liste se remplit aussi à la main.</p>"
        f'<ol>{"".join(_item(element) for element in liste.elements)}</ol>'
        "</body></html>"
    )


def _fix_fields(pdf: pikepdf.Pdf) -> None:
    """Field settings HTML cannot express, applied to WeasyPrint's AcroForm."""
    form = pdf.Root.AcroForm
    if "/Font" not in form.DR:
        form.DR.Font = pikepdf.Dictionary()
    form.DR.Font[FIELD_FONT] = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    form.DA = pikepdf.String(f"{FIELD_FONT} {FIELD_FONT_SIZE} Tf 0 g")  # for readers that look here first
    for field in form.Fields:
        if field.FT == pikepdf.Name.Tx:
            # Size 0 in the note: the reader shrinks the text so a long note stays whole.
            multiline = int(field.get("/Ff", 0)) & 4096
            field.DA = pikepdf.String(f"{FIELD_FONT} {0 if multiline else FIELD_FONT_SIZE} Tf 0 g")
        elif field.FT == pikepdf.Name.Btn:
            normal = field.AP.N
            for state in list(normal.keys()):
                if state != "/Off":
                    normal[CHECKED] = normal[state]
                    del normal[state]
            normal.Off = pdf.make_stream(b"", BBox=normal[CHECKED].BBox, Resources=pikepdf.Dictionary())
            field.AS = field.V = pikepdf.Name.Off


class FormStyle:
    """The form's stylesheet, parsed once, and its fonts, loaded once: what
    every fillable PDF shares. A process making many forms keeps one (parsing
    the stylesheet with its embedded fonts is a tenth of a form's cost)."""

    def __init__(self) -> None:
        self.fonts = FontConfiguration()  # what makes WeasyPrint load the @font-face rules
        # Only the fonts' data: URLs are ever fetched: never a file or the network.
        self.fetcher = URLFetcher(allowed_protocols=["data"])
        self.css = weasyprint.CSS(string=_stylesheet(), font_config=self.fonts, url_fetcher=self.fetcher)


def build_pdf_form(fiche: Fiche, liste: Liste, epoch: int, style: FormStyle | None = None) -> bytes:
    """The fillable PDF; `style`: the process's shared stylesheet and fonts (made here if not given)."""
    style = style or FormStyle()
    laid_out = weasyprint.HTML(string=form_html(fiche, liste, epoch), url_fetcher=style.fetcher).write_pdf(
        stylesheets=[style.css], font_config=style.fonts,
        pdf_variant="pdf/ua-1", pdf_forms=True, pdf_identifier=f"{fiche.id}/{liste.id}".encode())
    with pikepdf.open(io.BytesIO(laid_out)) as pdf:
        _fix_fields(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()

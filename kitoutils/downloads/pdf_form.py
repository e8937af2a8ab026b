"""A checklist as a fillable PDF: a real AcroForm checkbox and three text
fields (Responsable, Échéance, Note) per item, which any PDF reader fills
and saves. Field names come from the items' stable ids."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..model.content import Fiche, Liste
from .pdf_common import ACCENT, RULE, build_pdf, para
from .table import FILL_COLUMNS, ITEM_COLUMN, field_name
from .text import KIT_TITLE, author, footer_credit, pdf_inline, plain_inline, source_credit

FIELD_HEIGHT = 15
CHECKBOX_SIZE = 12
# Fait, Action, Responsable, Échéance, Note: 174 mm, the A4 width less margins.
COLUMN_WIDTHS = (12 * mm, 70 * mm, 34 * mm, 24 * mm, 34 * mm)
PADDING = 3


class FormField(Flowable):
    """One form field, placed where a table cell puts it."""

    def __init__(self, kind: str, name: str, tooltip: str, width: float) -> None:
        super().__init__()
        self.kind, self.name, self.tooltip = kind, name, tooltip
        self.width = width
        self.height = CHECKBOX_SIZE if kind == "case" else FIELD_HEIGHT

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        form = self.canv.acroForm
        common = dict(name=self.name, tooltip=self.tooltip, relative=True, x=0, y=0,
                      borderColor=ACCENT, fillColor=colors.white, borderWidth=0.8,
                      fieldFlags="", annotationFlags="print")
        if self.kind == "case":
            form.checkbox(buttonStyle="check", size=CHECKBOX_SIZE, textColor=colors.black, **common)
        else:
            form.textfield(width=self.width, height=self.height, fontName="Helvetica", fontSize=8,
                           textColor=colors.black, maxlen=None, **common)


def _rows(liste: Liste) -> list[list]:
    header = [para(text, "entete") for text in
              (FILL_COLUMNS[0][0], ITEM_COLUMN, *(label for label, _ in FILL_COLUMNS[1:]))]
    rows = [header]
    for element in liste.elements:
        action = plain_inline(element.texte)
        # The tooltip is the field's accessible name: column and item.
        cells: list = [FormField("case", field_name(element, FILL_COLUMNS[0][1]), f"Fait : {action}",
                                 CHECKBOX_SIZE)]
        cells.append(para(pdf_inline(element.texte), "cellule"))
        for (label, suffix), width in zip(FILL_COLUMNS[1:], COLUMN_WIDTHS[2:]):
            cells.append(FormField("texte", field_name(element, suffix), f"{label} : {action}",
                                   width - 2 * PADDING))
        rows.append(cells)
    return rows


def checklist_table(liste: Liste) -> Table:
    table = Table(_rows(liste), colWidths=COLUMN_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def build_pdf_form(fiche: Fiche, liste: Liste) -> bytes:
    story = [
        para(pdf_inline(f"{KIT_TITLE} — fiche « {fiche.titre} »"), "surtitre"),
        para(pdf_inline(liste.titre), "titre"),
    ]
    if liste.introduction:
        story.append(para(pdf_inline(liste.introduction), "corps"))
    story += [
        para("Cochez les actions faites et complétez les champs dans votre lecteur PDF, "
             "puis enregistrez le fichier pour garder vos réponses.", "aide"),
        Spacer(1, 4 * mm),
        checklist_table(liste),
        Spacer(1, 4 * mm),
        para(pdf_inline(source_credit(fiche)), "aide"),
    ]
    return build_pdf(
        story,
        title=f"{liste.titre} — {fiche.titre}",
        subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}",
        author=author(fiche),
        credit=footer_credit(fiche),
    )

"""A checklist as an OpenDocument text (ODT): the same table as the PDF,
a real check box (form control) per item, and table cells to type the
person in charge, the deadline and a note.

Text columns are plain cells rather than text controls: in a word
processor a cell grows with what one types, a control does not.
"""

from __future__ import annotations

from odf import draw, form, office
from odf.namespaces import FORMNS, XMLNS
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle, FontFace, Footer, GraphicProperties, MasterPage, PageLayout, PageLayoutProperties,
    ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TableProperties, TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, P, PageCount, PageNumber

from ..model.content import Fiche, Liste
from .odf_common import describe, package
from .table import FILL_COLUMNS, ITEM_COLUMN, field_name
from .text import KIT_TITLE, author, footer_credit, french_typography, plain_inline, source_credit

COLUMN_WIDTHS = ("1.4cm", "7.2cm", "3.4cm", "2.4cm", "3cm")  # 17.4 cm: A4 less 1.8 cm margins
BORDER = "0.5pt solid #9fa8da"
FONT = "Liberation Sans"


def _styles(document: OpenDocumentText, credit: str) -> dict[str, Style]:
    document.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=f"'{FONT}'",
                                               fontfamilygeneric="swiss", fontpitch="variable"))
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(fontname=FONT, fontsize="10pt", language="fr", country="FR"))
    document.styles.addElement(default)

    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="1.8cm", marginbottom="1.5cm",
                                           marginleft="1.8cm", marginright="1.8cm"))
    document.automaticstyles.addElement(layout)

    def add(style: Style, *properties) -> Style:
        for prop in properties:
            style.addElement(prop)
        document.styles.addElement(style)
        return style

    styles = {
        "surtitre": add(Style(name="Surtitre", family="paragraph"),
                        TextProperties(fontsize="9pt", color="#3f51b5")),
        "titre": add(Style(name="Titre de la liste", family="paragraph", defaultoutlinelevel="1"),
                     TextProperties(fontsize="18pt", fontweight="bold", color="#1f2340"),
                     ParagraphProperties(margintop="0.1cm", marginbottom="0.3cm")),
        "corps": add(Style(name="Corps", family="paragraph"),
                     ParagraphProperties(marginbottom="0.2cm")),
        "aide": add(Style(name="Aide", family="paragraph"),
                    TextProperties(fontsize="9pt", color="#474b63"),
                    ParagraphProperties(marginbottom="0.3cm")),
        "cellule": add(Style(name="Cellule", family="paragraph"), TextProperties(fontsize="9.5pt")),
        "entete": add(Style(name="En-tête de colonne", family="paragraph"),
                      TextProperties(fontsize="9pt", fontweight="bold", color="#ffffff")),
        "pied": add(Style(name="Pied de page", family="paragraph"),
                    TextProperties(fontsize="7.5pt"),
                    ParagraphProperties(bordertop=BORDER, paddingtop="0.1cm")),
    }
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer_line = P(stylename=styles["pied"], text=french_typography(credit) + " — Page ")
    footer_line.addElement(PageNumber(selectpage="current"))
    footer_line.addText(" sur ")
    footer_line.addElement(PageCount())
    footer.addElement(footer_line)
    master.addElement(footer)
    document.masterstyles.addElement(master)

    automatic = {
        "tableau": Style(name="Tableau", family="table"),
        "cellule": Style(name="CelluleListe", family="table-cell"),
        "cellule-entete": Style(name="CelluleEntete", family="table-cell"),
        "case": Style(name="Case", family="graphic"),
    }
    automatic["tableau"].addElement(TableProperties(width="17.4cm", align="left"))
    automatic["cellule"].addElement(TableCellProperties(borderbottom=BORDER, padding="0.1cm",
                                                        verticalalign="middle"))
    automatic["cellule-entete"].addElement(TableCellProperties(backgroundcolor="#3f51b5", padding="0.1cm"))
    automatic["case"].addElement(GraphicProperties(verticalpos="center", verticalrel="baseline"))
    for number, width in enumerate(COLUMN_WIDTHS):
        column = Style(name=f"Colonne{number + 1}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=width))
        automatic[f"colonne{number}"] = column
    for style in automatic.values():
        document.automaticstyles.addElement(style)
    return {**styles, **automatic}


def _checkbox(element, action: str) -> form.Checkbox:
    control_id = f"case-{element.id}"
    return form.Checkbox(
        name=field_name(element, FILL_COLUMNS[0][1]), title=f"Fait : {action}",
        controlimplementation="ooo:com.sun.star.form.component.CheckBox",
        currentstate="unchecked", imageposition="center", label="",
        qattributes={(FORMNS, "id"): control_id, (XMLNS, "id"): control_id},
    )


def build_odt(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    document = OpenDocumentText()
    describe(document, title=f"{liste.titre} — {fiche.titre}",
             subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}", creator=author(fiche), epoch=epoch)
    styles = _styles(document, footer_credit(fiche))

    # The check boxes live in a form (not in design mode, so they are live on
    # opening); each is drawn in its table cell by a draw:control.
    forms = office.Forms(applydesignmode="false", automaticfocus="false")
    checklist_form = form.Form(name=liste.id, controlimplementation="ooo:com.sun.star.form.component.Form")
    forms.addElement(checklist_form)
    document.text.addElement(forms)

    document.text.addElement(P(stylename=styles["surtitre"],
                               text=french_typography(f"{KIT_TITLE} — fiche « {fiche.titre} »")))
    document.text.addElement(H(outlinelevel=1, stylename=styles["titre"], text=french_typography(liste.titre)))
    if liste.introduction:
        document.text.addElement(P(stylename=styles["corps"], text=french_typography(plain_inline(liste.introduction))))
    document.text.addElement(P(stylename=styles["aide"], text=(
        "Cochez les actions faites et complétez les colonnes, puis enregistrez le document.")))

    table = Table(name=liste.id, stylename=styles["tableau"])
    for number in range(len(COLUMN_WIDTHS)):
        table.addElement(TableColumn(stylename=styles[f"colonne{number}"]))
    header = TableHeaderRows()
    row = TableRow()
    for label in (FILL_COLUMNS[0][0], ITEM_COLUMN, *(label for label, _ in FILL_COLUMNS[1:])):
        cell = TableCell(stylename=styles["cellule-entete"], valuetype="string")
        cell.addElement(P(stylename=styles["entete"], text=label))
        row.addElement(cell)
    header.addElement(row)
    table.addElement(header)

    for element in liste.elements:
        action = plain_inline(element.texte)
        box = _checkbox(element, action)
        checklist_form.addElement(box)
        row = TableRow()
        cell = TableCell(stylename=styles["cellule"], valuetype="string")
        anchor = P(stylename=styles["cellule"])
        anchor.addElement(draw.Control(control=box.getAttrNS(FORMNS, "id"), anchortype="as-char",
                                       width="0.45cm", height="0.45cm", stylename=styles["case"]))
        cell.addElement(anchor)
        row.addElement(cell)
        cell = TableCell(stylename=styles["cellule"], valuetype="string")
        cell.addElement(P(stylename=styles["cellule"], text=french_typography(action)))
        row.addElement(cell)
        for _ in FILL_COLUMNS[1:]:
            cell = TableCell(stylename=styles["cellule"], valuetype="string")
            cell.addElement(P(stylename=styles["cellule"]))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(P(stylename=styles["aide"], text=source_credit(fiche)))
    return package(document, epoch)

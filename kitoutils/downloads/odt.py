"""A checklist as an OpenDocument text (ODT): the same table as the PDF,
a real check box (form control) per item, and table cells to type the
person in charge, the deadline and a note.

Text columns are plain cells rather than text controls: in a word
processor a cell grows with what one types, a control does not.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..model.content import Fiche, Liste
from .odf_common import add, add_mention, add_style, metadata, package, part, style_name
from .table import FILL_COLUMNS, ITEM_COLUMN, field_name
from .text import (KIT_TITLE, addition_mention, author, footer_credit, french_typography, plain_inline,
                   source_credit)

MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
COLUMN_WIDTHS = ("1.4cm", "7.2cm", "3.4cm", "2.4cm", "3cm")  # 17.4 cm: A4 less 1.8 cm margins
BORDER = "0.5pt solid #9fa8da"
MUTED = "#474b63"  # help, and the mention of an item written for this site
FONT = "Liberation Sans"
PAGE_LAYOUT = "A4"
# Paragraph styles (styles.xml), by display name.
SURTITRE, TITRE, CORPS, AIDE = "Surtitre", "Titre de la liste", "Corps", "Aide"
CELLULE, ENTETE, PIED = "Cellule", "En-tête de colonne", "Pied de page"
# Automatic styles (content.xml). The table's paragraphs name the cell style
# « CelluleListe » as their paragraph style, as the files always have.
TABLEAU, CELLULE_LISTE, CELLULE_ENTETE, CASE = "Tableau", "CelluleListe", "CelluleEntete", "Case"
COMPLEMENT = "Complement"  # the text style of an addition's mention


def _font_faces(root: Element) -> None:
    declarations = add(root, "office:font-face-decls")
    add(declarations, "style:font-face", {"style:name": FONT, "svg:font-family": f"'{FONT}'",
                                          "style:font-family-generic": "swiss", "style:font-pitch": "variable"})


def _styles(credit: str) -> Element:
    """styles.xml: paragraph styles, the A4 page and its footer (credit, « Page n sur N »)."""
    root = part("styles")
    _font_faces(root)
    styles = add(root, "office:styles")
    default = add(styles, "style:default-style", {"style:family": "paragraph"})
    add(default, "style:text-properties", {"style:font-name": FONT, "fo:font-size": "10pt",
                                           "fo:language": "fr", "fo:country": "FR"})
    add_style(styles, SURTITRE, "paragraph", {"text": {"fo:font-size": "9pt", "fo:color": "#3f51b5"}})
    add_style(styles, TITRE, "paragraph", {
        "text": {"fo:font-size": "18pt", "fo:font-weight": "bold", "fo:color": "#1f2340"},
        "paragraph": {"fo:margin-top": "0.1cm", "fo:margin-bottom": "0.3cm"},
    }, default_outline_level="1")
    add_style(styles, CORPS, "paragraph", {"paragraph": {"fo:margin-bottom": "0.2cm"}})
    add_style(styles, AIDE, "paragraph", {"text": {"fo:font-size": "9pt", "fo:color": MUTED},
                                          "paragraph": {"fo:margin-bottom": "0.3cm"}})
    add_style(styles, CELLULE, "paragraph", {"text": {"fo:font-size": "9.5pt"}})
    add_style(styles, ENTETE, "paragraph", {"text": {"fo:font-size": "9pt", "fo:font-weight": "bold",
                                                     "fo:color": "#ffffff"}})
    add_style(styles, PIED, "paragraph", {"text": {"fo:font-size": "7.5pt"},
                                          "paragraph": {"fo:border-top": BORDER, "fo:padding-top": "0.1cm"}})

    layout = add(add(root, "office:automatic-styles"), "style:page-layout", {"style:name": PAGE_LAYOUT})
    add(layout, "style:page-layout-properties", {
        "fo:page-width": "21cm", "fo:page-height": "29.7cm", "style:print-orientation": "portrait",
        "fo:margin-top": "1.8cm", "fo:margin-bottom": "1.5cm", "fo:margin-left": "1.8cm", "fo:margin-right": "1.8cm"})
    master = add(add(root, "office:master-styles"), "style:master-page", {
        "style:name": "Standard", "style:page-layout-name": PAGE_LAYOUT, "style:display-name": "Standard"})
    footer_line = add(add(master, "style:footer"), "text:p", {"text:style-name": style_name(PIED)},
                      french_typography(credit) + " — Page ")
    add(footer_line, "text:page-number", {"text:select-page": "current"}).tail = " sur "
    add(footer_line, "text:page-count")
    return root


def _automatic_styles(root: Element) -> None:
    """content.xml's own styles: the table, its cells and columns, the check box's frame."""
    automatic = add(root, "office:automatic-styles")
    add_style(automatic, TABLEAU, "table", {"table": {"style:width": "17.4cm", "table:align": "left"}})
    add_style(automatic, CELLULE_LISTE, "table-cell", {"table-cell": {
        "fo:border-bottom": BORDER, "fo:padding": "0.1cm", "style:vertical-align": "middle"}})
    add_style(automatic, CELLULE_ENTETE, "table-cell", {"table-cell": {
        "fo:background-color": "#3f51b5", "fo:padding": "0.1cm"}})
    add_style(automatic, COMPLEMENT, "text", {"text": {"fo:font-size": "8pt", "fo:color": MUTED}})
    add_style(automatic, CASE, "graphic", {"graphic": {"style:vertical-pos": "center",
                                                       "style:vertical-rel": "baseline"}})
    for number, width in enumerate(COLUMN_WIDTHS, start=1):
        add_style(automatic, f"Colonne{number}", "table-column", {"table-column": {"style:column-width": width}})


def _checkbox(checklist_form: Element, element, action: str) -> str:
    """A check box of the form; its id, for the control that draws it."""
    control_id = f"case-{element.id}"
    add(checklist_form, "form:checkbox", {
        "form:id": control_id, "xml:id": control_id,
        "form:name": field_name(element, FILL_COLUMNS[0][1]), "form:title": f"Fait : {action}",
        "form:control-implementation": "ooo:com.sun.star.form.component.CheckBox",
        "form:current-state": "unchecked", "form:image-position": "center", "form:label": "",
    })
    return control_id


def _cell(row: Element, style: str, paragraph_style: str, text: str | None = None) -> Element:
    cell = add(row, "table:table-cell", {"table:style-name": style, "office:value-type": "string"})
    return add(cell, "text:p", {"text:style-name": style_name(paragraph_style)}, text)


def build_odt(fiche: Fiche, liste: Liste, epoch: int) -> bytes:
    root = part("content")
    _font_faces(root)
    _automatic_styles(root)
    body = add(add(root, "office:body"), "office:text")

    # The check boxes live in a form (not in design mode, so they are live on
    # opening); each is drawn in its table cell by a draw:control.
    forms = add(body, "office:forms", {"form:apply-design-mode": "false", "form:automatic-focus": "false"})
    checklist_form = add(forms, "form:form", {
        "form:name": liste.id, "form:control-implementation": "ooo:com.sun.star.form.component.Form"})

    add(body, "text:p", {"text:style-name": SURTITRE},
        french_typography(f"{KIT_TITLE} — fiche « {fiche.titre} »"))
    add(body, "text:h", {"text:outline-level": "1", "text:style-name": style_name(TITRE)},
        french_typography(liste.titre))
    if liste.introduction:
        add(body, "text:p", {"text:style-name": CORPS}, french_typography(plain_inline(liste.introduction)))
    add(body, "text:p", {"text:style-name": AIDE},
        "Cochez les actions faites et complétez les colonnes, puis enregistrez le document.")

    table = add(body, "table:table", {"table:name": liste.id, "table:style-name": TABLEAU})
    for number in range(1, len(COLUMN_WIDTHS) + 1):
        add(table, "table:table-column", {"table:style-name": f"Colonne{number}"})
    header = add(add(table, "table:table-header-rows"), "table:table-row")
    for label in (FILL_COLUMNS[0][0], ITEM_COLUMN, *(label for label, _ in FILL_COLUMNS[1:])):
        _cell(header, CELLULE_ENTETE, ENTETE, label)

    for element in liste.elements:
        action = plain_inline(element.texte)
        control_id = _checkbox(checklist_form, element, action)
        row = add(table, "table:table-row")
        add(_cell(row, CELLULE_LISTE, CELLULE_LISTE), "draw:control", {
            "draw:style-name": CASE, "draw:control": control_id, "text:anchor-type": "as-char",
            "svg:width": "0.45cm", "svg:height": "0.45cm"})
        add_mention(_cell(row, CELLULE_LISTE, CELLULE_LISTE, french_typography(action)),
                    addition_mention(element, unbreakable=True), COMPLEMENT)
        for _ in FILL_COLUMNS[1:]:
            _cell(row, CELLULE_LISTE, CELLULE_LISTE)
    add(body, "text:p", {"text:style-name": AIDE}, source_credit(fiche))

    return package(MEDIA_TYPE, content=root, styles=_styles(footer_credit(fiche)), epoch=epoch, metadata=metadata(
        title=f"{liste.titre} — {fiche.titre}", creator=author(fiche), epoch=epoch,
        subject=f"Liste à cocher de la fiche « {fiche.titre} » du {KIT_TITLE}"))

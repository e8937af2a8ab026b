"""A whole sheet as a printable PDF, laid out like a printed kit sheet:
title and metadata, introduction, questions, sections with their texts and
checklists (empty boxes to tick with a pen), related sheets and the credit."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, Table, TableStyle

from ..model import Fiche, Kit, Liste
from .pdf_common import ACCENT, RULE, build_pdf, styles
from .text import KIT_TITLE, Block, author, blocks, pdf_inline, source_credit

BOX = 3.6 * mm


class EmptyBox(Flowable):
    """A square to tick on paper."""

    def wrap(self, available_width, available_height):
        return BOX, BOX

    def draw(self) -> None:
        self.canv.setStrokeColor(ACCENT)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, BOX, BOX)


def _markdown(text: str) -> list:
    """Paragraphs and bullet lists of our limited Markdown as flowables."""
    style = styles()
    flowables: list = []
    for block in blocks(text):
        flowables.append(_block(block, style))
    return flowables


def _block(block: Block, style) -> Flowable:
    if block.kind == "paragraphe":
        return Paragraph(pdf_inline(block.items[0]), style["corps"])
    return ListFlowable(
        [ListItem(Paragraph(pdf_inline(item), style["puce"]), leftIndent=12) for item in block.items],
        bulletType="bullet", start="•", leftIndent=12, bulletFontName=style["corps"].fontName,
    )


def _checklist(liste: Liste) -> list:
    style = styles()
    title = Paragraph(pdf_inline(liste.titre), style["liste"])
    intro = [Paragraph(pdf_inline(liste.introduction), style["corps"])] if liste.introduction else []
    rows = [[EmptyBox(), Paragraph(pdf_inline(e.texte), style["cellule"])] for e in liste.elements]
    table = Table(rows, colWidths=(8 * mm, None))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    # A title never ends a page alone: it stays with its first rows.
    return [KeepTogether([title, *intro, table])] if len(rows) <= 8 else [title, *intro, table]


def _story(kit: Kit, fiche: Fiche) -> list:
    style = styles()
    vocabulaire = kit.vocabulaire
    phase = vocabulaire.terms("phases")[fiche.phase].libelle
    publics = ", ".join(vocabulaire.terms("publics")[p].libelle for p in fiche.publics)
    statut = vocabulaire.terms("statuts")[fiche.statut].libelle
    story: list = [
        Paragraph(pdf_inline(KIT_TITLE), style["surtitre"]),
        Paragraph(pdf_inline(fiche.titre), style["titre"]),
        Paragraph(f"<b>Phase :</b> {pdf_inline(phase)}", style["meta"]),
        Paragraph(f"<b>Publics :</b> {pdf_inline(publics)}", style["meta"]),
        Paragraph(f"<b>Statut éditorial :</b> {pdf_inline(statut)}", style["meta"]),
        Paragraph(f"<b>{pdf_inline(fiche.resume)}</b>", style["corps"]),
    ]
    if fiche.introduction:
        story += _markdown(fiche.introduction)
    if fiche.questions:
        story.append(Paragraph("Questions fréquentes", style["section"]))
        for question in fiche.questions:
            story.append(Paragraph(pdf_inline(question.question), style["liste"]))
            story += _markdown(question.reponse)
            if question.arguments:
                story.append(Paragraph("<b>Arguments à l'appui :</b>", style["corps"]))
                story.append(_block(Block("liste", question.arguments), style))
    for section in fiche.sections:
        story.append(Paragraph(pdf_inline(section.titre), style["section"]))
        story += _markdown(section.texte)
        for liste in section.listes:
            story += _checklist(liste)
    if fiche.voir_aussi:
        story.append(Paragraph("Voir aussi", style["section"]))
        story.append(_block(Block("liste", tuple(
            f"**{kit.fiche(other).titre}** : {kit.fiche(other).resume}" for other in fiche.voir_aussi)), style))
    story.append(Paragraph("Source et crédits", style["section"]))
    story.append(Paragraph(pdf_inline(source_credit(fiche)), style["corps"]))
    return story


def build_sheet_pdf(kit: Kit, fiche: Fiche) -> bytes:
    return build_pdf(
        _story(kit, fiche),
        title=fiche.titre,
        subject=fiche.resume,
        author=author(fiche),
        credit=source_credit(fiche),
    )

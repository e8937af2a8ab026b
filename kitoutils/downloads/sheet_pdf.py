"""A whole sheet as a printable PDF, laid out like a printed kit sheet:
title and metadata, introduction, questions, sections with their texts and
checklists (empty boxes to tick with a pen), related sheets and the credit.
A section, question or item written for this site carries its mention, as on the page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Table, TableStyle

from ..model.content import Fiche, Kit, Liste
from .pdf_common import ACCENT, FONT, RULE, build_pdf, para, with_mention
from .text import KIT_TITLE, Block, author, blocks, footer_credit, pdf_inline, source_credit

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
    return [_block(block) for block in blocks(text)]


def _block(block: Block) -> Flowable:
    if block.kind == "paragraphe":
        return para(pdf_inline(block.items[0]), "corps")
    return ListFlowable(
        [ListItem(para(pdf_inline(item), "puce"), leftIndent=12) for item in block.items],
        bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT,
    )


def _checklist(liste: Liste) -> list:
    title = para(pdf_inline(liste.titre), "liste")
    intro = [para(pdf_inline(liste.introduction), "corps")] if liste.introduction else []
    rows = [[EmptyBox(), para(with_mention(pdf_inline(e.texte), e), "cellule")] for e in liste.elements]
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
    vocabulaire = kit.vocabulaire
    phase = vocabulaire.terms("phases")[fiche.phase].libelle
    publics = ", ".join(vocabulaire.terms("publics")[p].libelle for p in fiche.publics)
    statut = vocabulaire.terms("statuts")[fiche.statut].libelle
    story: list = [
        para(pdf_inline(KIT_TITLE), "surtitre"),
        para(pdf_inline(fiche.titre), "titre"),
        para(f"<b>Phase :</b> {pdf_inline(phase)}", "meta"),
        para(f"<b>Publics :</b> {pdf_inline(publics)}", "meta"),
        para(f"<b>Statut éditorial :</b> {pdf_inline(statut)}", "meta"),
        para(f"<b>{pdf_inline(fiche.resume)}</b>", "corps"),
    ]
    if fiche.introduction:
        story += _markdown(fiche.introduction)
    if fiche.questions:
        story.append(para("Questions fréquentes", "section"))
        for question in fiche.questions:
            story.append(para(with_mention(pdf_inline(question.question), question), "liste"))
            story += _markdown(question.reponse)
            if question.arguments:
                story.append(para("<b>Arguments à l'appui :</b>", "corps"))
                story.append(_block(Block("liste", question.arguments)))
    for section in fiche.sections:
        story.append(para(with_mention(pdf_inline(section.titre), section), "section"))
        story += _markdown(section.texte)
        for liste in section.listes:
            story += _checklist(liste)
    if fiche.voir_aussi:
        story.append(para("Voir aussi", "section"))
        story.append(_block(Block("liste", tuple(
            f"**{kit.fiche(other).titre}** : {kit.fiche(other).resume}" for other in fiche.voir_aussi))))
    story.append(para("Sources et crédits", "section"))
    story.append(para(pdf_inline(source_credit(fiche)), "corps"))
    return story


def build_sheet_pdf(kit: Kit, fiche: Fiche) -> bytes:
    return build_pdf(
        _story(kit, fiche),
        title=fiche.titre,
        subject=fiche.resume,
        author=author(fiche),
        credit=footer_credit(fiche),
    )

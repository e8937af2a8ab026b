"""A sheet's credit line, built from its list of sources and from nothing else.

The page, the PDF, the ODT and kit.json all say where a sheet's facts come
from with these words, so that no output can credit a publication the sheet
does not list. A sheet adapted from a source (`reprend`) names it; a sheet
written for this site says so, and says it awaits the editors' review until
its status is « relue ».
"""

from __future__ import annotations

from .content import Fiche, Source

REVIEWED_STATUS = "relue"
ADDITION = "ajout"  # the one value of `origine`
ADDITION_LABEL = "Complément au kit d’origine"


def source_label(source: Source) -> str:
    """One source as plain text: « titre, éditeur, date, adresse »."""
    parts = [source.titre, source.editeur, source.date]
    if source.adresse:
        parts.append(source.adresse)
    return ", ".join(parts)


def credit_parts(fiche: Fiche) -> tuple[list[tuple[str, list[Source]]], str]:
    """The credit as (lead words, sources) sentences, then the review note ("" if none)."""
    reprise = fiche.source_reprise()
    if reprise is not None:
        others = [s for s in fiche.sources if s is not reprise]
        parts = [("Cette fiche reprend, dans ses propres mots, les faits de :", [reprise])]
        if others:
            parts.append((f"Les compléments signalés « {ADDITION_LABEL} » s’appuient sur :", others))
    else:
        parts = [("Fiche rédigée pour ce site d’après :", list(fiche.sources))]
    if fiche.statut == REVIEWED_STATUS:
        note = ""
    elif reprise is None:
        note = "En attente de relecture par les éditeurs du kit."
    elif has_additions(fiche):
        note = (f"Les compléments signalés « {ADDITION_LABEL} » ont été rédigés pour ce site "
                "et attendent la relecture des éditeurs du kit.")
    else:
        note = ""
    return parts, note


def has_additions(fiche: Fiche) -> bool:
    """Whether a section, an item or a question is marked « origine: ajout »."""
    marked = [*fiche.sections, *fiche.questions,
              *(element for liste in fiche.checklists() for element in liste.elements)]
    return any(part.origine == ADDITION for part in marked)


def short_credit(fiche: Fiche) -> str:
    """The credit where room is short (a page footer); the full line is in the document."""
    reprise = fiche.source_reprise()
    if reprise is not None:
        return f"D’après : {reprise.titre}, {reprise.editeur}, {reprise.date}."
    return "Fiche rédigée pour ce site ; ses sources sont citées dans le document."


def credit_line(fiche: Fiche) -> str:
    """The whole credit as one plain-text line (PDF, ODT, Markdown downloads, kit.json)."""
    parts, note = credit_parts(fiche)
    sentences = [f"{lead} {' ; '.join(source_label(s) for s in sources)}." for lead, sources in parts]
    return " ".join(sentences + ([note] if note else []))

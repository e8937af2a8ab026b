"""The kit's URL scheme: one page per sheet, one anchor per id.

Sheet ids become URLs (`fiches/<id>/`), and the ids of sections, checklists,
items and questions become anchors of their page. This module says which
names are taken, so that two things never share an address.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .content import Fiche

SHEETS_DIR = "fiches"
# Ids of sheets, sections, checklists, items, terms: they become addresses and anchors.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def sheet_path(fiche_id: str) -> str:
    """Path of a sheet's generated page, relative to docs/."""
    return f"{SHEETS_DIR}/{fiche_id}.md"


def tag_path(kind: str, term_id: str) -> str:
    """Path of a tag page ("publics" or "phases"), relative to docs/: "publics/elus.md"."""
    return f"{kind}/{term_id}.md"


def slugify(text: str) -> str:
    """A suggestion of identifier for a text: lowercase ASCII words and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


# Anchors the sheet template adds on its own (see templates/fiche.md.j2),
# and the prefixes of every id the template derives (`case-<element>`).
# Content ids may not use these prefixes, so they can never collide.
RESERVED_ANCHOR_PREFIXES = ("kit-", "case-")
# A sheet "index" would become fiches/index.md, the page of the folder itself.
RESERVED_SHEET_IDS = frozenset({"index"})


def sheet_anchors(fiche: Fiche) -> frozenset[str]:
    """Every anchor of a sheet's page that a link may point to."""
    anchors = {"kit-source"}
    if fiche.questions:
        anchors.add("kit-questions")
    if fiche.voir_aussi:
        anchors.add("kit-voir-aussi")
    anchors.update(section.id for section in fiche.sections)
    for liste in fiche.checklists():
        anchors.add(liste.id)
        anchors.update(element.id for element in liste.elements)
    anchors.update(question.id for question in fiche.questions)
    return frozenset(anchors)


def reserved_id_message(identifier: str) -> str | None:
    """Why an id of a section, checklist, item or question is not allowed, if it is not."""
    for prefix in RESERVED_ANCHOR_PREFIXES:
        if identifier.startswith(prefix):
            return (
                f"l'identifiant « {identifier} » commence par « {prefix} », réservé aux ancres "
                f"que le site ajoute lui-même : choisissez un autre début "
                f"(par exemple « {identifier[len(prefix):] or 'mon-identifiant'} »)"
            )
    return None


def sheet_id_message(sheet_id: str, docs_dir: Path | None) -> str | None:
    """Why a sheet id (its file name) cannot be a page address, if it cannot."""
    if sheet_id in RESERVED_SHEET_IDS:
        return (
            f"le nom de fiche « {sheet_id} » est réservé (la page « {SHEETS_DIR}/{sheet_id}.md » "
            "serait celle du dossier des fiches) : renommez le fichier"
        )
    if docs_dir is not None and (docs_dir / sheet_path(sheet_id)).exists():
        return (
            f"la fiche « {sheet_id} » aurait la même adresse que la page écrite à la main "
            f"« docs/{sheet_path(sheet_id)} » : renommez l'une des deux"
        )
    return None


def file_name_message(stem: str, other_stems: set[str]) -> str | None:
    """Why a sheet's file name cannot give its address, if it cannot."""
    if re.match(SLUG_PATTERN, stem):
        return None
    suggestion = slugify(stem) or "ma-fiche"
    clash = (
        f" ; « {suggestion}.yml » existe déjà : les deux fiches auraient la même adresse"
        if suggestion in other_stems else ""
    )
    return (
        f"le nom du fichier « {stem}.yml » doit s'écrire en minuscules sans accent, avec des "
        f"tirets : renommez-le « {suggestion}.yml »{clash}"
    )

"""Links written in a sheet must lead somewhere.

A sheet's page lives at `fiches/<id>.md`, so `amo.md` is another sheet,
`amo.md#missions` one of its anchors (an id of a section, checklist, item or
question), `#missions` an anchor of the same sheet and `../a-propos.md` a
hand-written page of docs/. MkDocs only warns about a missing page, and not
at all about a missing anchor; here both are located errors.
"""

from __future__ import annotations

import difflib
import posixpath
from pathlib import Path
from urllib.parse import unquote

from .markup import is_external
from ..model.addresses import SHEETS_DIR

# sheet id -> its anchors, or None when the sheet has errors of its own
# (its anchors are then unknown, and not worth a second alarm).
Anchors = dict[str, "frozenset[str] | None"]


def link_message(address: str, here: str, sheets: Anchors, docs_dir: Path | None) -> str | None:
    """Why a link written in sheet `here` leads nowhere, or None if it is fine."""
    if is_external(address):
        return None  # web and mail addresses: markup.py vets their scheme
    path, _, anchor = address.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return _anchor_message(address, here, anchor, sheets) if anchor else None
    target = posixpath.normpath(posixpath.join(SHEETS_DIR, path))
    if target == ".." or target.startswith("../"):
        return f"le lien « {address} » sort du site : vérifiez le nombre de « ../ »"
    folder, name = posixpath.split(target)
    if folder == SHEETS_DIR and name.endswith(".md"):
        sheet = name[: -len(".md")]
        if sheet not in sheets:
            return _missing_sheet_message(address, sheet, sheets)
        return _anchor_message(address, sheet, anchor, sheets) if anchor else None
    if docs_dir is None or (docs_dir / target).is_file():
        return None
    if not posixpath.splitext(target)[1]:
        return (
            f"le lien « {address} » ne mène à aucun fichier : pour une fiche, écrivez "
            "son nom suivi de « .md » (par exemple « amo.md »)"
        )
    return f"le lien « {address} » mène à « docs/{target} », qui n'existe pas"


def _missing_sheet_message(address: str, sheet: str, sheets: Anchors) -> str:
    close = difflib.get_close_matches(sheet, list(sheets), n=1)
    hint = (
        f" : vouliez-vous dire « {close[0]}.md » ?" if close
        else " ; fiches existantes : " + ", ".join(f"« {s}.md »" for s in sorted(sheets))
    )
    return f"le lien « {address} » mène à la fiche « {sheet} », qui n'existe pas{hint}"


def _anchor_message(address: str, sheet: str, anchor: str, sheets: Anchors) -> str | None:
    anchors = sheets.get(sheet)
    if anchors is None or anchor in anchors:
        return None
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1)
    hint = (
        f" : vouliez-vous dire « #{close[0]} » ?" if close
        else " ; une ancre est l'identifiant d'une section, d'une liste, d'un élément ou d'une question"
    )
    return f"le lien « {address} » mène à l'ancre « #{anchor} », absente de la fiche « {sheet} »{hint}"

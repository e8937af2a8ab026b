"""A checklist as a Markdown task list, for wikis, forges and note-taking tools."""

from __future__ import annotations

from ..model.content import Fiche, Liste
from .text import KIT_TITLE, french_typography, one_line, source_credit


def build_markdown(fiche: Fiche, liste: Liste) -> bytes:
    lines = [
        f"# {liste.titre}",
        "",
        french_typography(f"*{KIT_TITLE}* — fiche « {fiche.titre} »"),
        "",
    ]
    if liste.introduction:
        lines += [liste.introduction.strip(), ""]
    lines += [f"- [ ] {one_line(element.texte)}" for element in liste.elements]
    lines += [
        "",
        "---",
        "",
        source_credit(fiche),
        "",
        f"Identifiants\u00a0: fiche `{fiche.id}`, liste `{liste.id}`, éléments "
        + ", ".join(f"`{element.id}`" for element in liste.elements) + ".",
        "",
    ]
    return "\n".join(lines).encode("utf-8")

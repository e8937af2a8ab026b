"""A checklist as a Markdown task list, for wikis, forges and note-taking tools.

An item written for this site ends with its mention in italics, as the page
shows it after the item: « *(Complément au kit d'origine)* »."""

from __future__ import annotations

from ..model.content import Element, Fiche, Liste
from .text import KIT_TITLE, addition_mention, french_typography, one_line, source_credit


def _mention(element: Element) -> str:
    mention = addition_mention(element)  # our own words: no Markdown to escape in them
    return f" *{mention}*" if mention else ""


def build_markdown(fiche: Fiche, liste: Liste) -> bytes:
    lines = [
        f"# {liste.titre}",
        "",
        french_typography(f"*{KIT_TITLE}* — fiche « {fiche.titre} »"),
        "",
    ]
    if liste.introduction:
        lines += [liste.introduction.strip(), ""]
    lines += [f"- [ ] {one_line(element.texte)}{_mention(element)}" for element in liste.elements]
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

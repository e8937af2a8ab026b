"""Our limited Markdown (paragraphs, bullet lists, bold, italics, links) for
formats that are not HTML: plain text for tables, reportlab's mini-markup for
PDFs, plus French typography and the credit lines every document carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..model import Fiche

KIT_TITLE = "Kit outils démocratie contributive"
KIT_PUBLISHER = "ARENE Île-de-France, avec Groupe Re-Sources"
KIT_DATE = "juin 2016"

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_SPACES = re.compile(r"\s+")
# French puts a non-breaking space before « : ; ? ! » and inside « ».
_BEFORE_PUNCTUATION = re.compile(r" ([:;?!»])")
_AFTER_GUILLEMET = re.compile(r"« ")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def plain_inline(text: str) -> str:
    """Inline Markdown as plain text: markers dropped, links reduced to their text."""
    text = _LINK.sub(r"\1", _one_line(text))
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return _CODE.sub(r"\1", text)


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them, so lines never
    start with « : » or « » »; the narrow one becomes a plain no-break space,
    which every embedded font has."""
    text = text.replace("\u202f", "\u00a0")
    text = _BEFORE_PUNCTUATION.sub("\u00a0\\1", text)
    return _AFTER_GUILLEMET.sub("«\u00a0", text)


def pdf_inline(text: str) -> str:
    """Inline Markdown as reportlab paragraph markup (XML-escaped first).

    Links to other sheets keep only their text: a printed page cannot follow them.
    """
    text = escape(french_spacing(_one_line(text)))
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)
    return _CODE.sub(r"\1", text)


@dataclass(frozen=True)
class Block:
    """A paragraph (one item) or a bullet list (several), items still inline Markdown."""

    kind: str  # "paragraphe" or "liste"
    items: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """Split Markdown into paragraphs and bullet lists, as the page shows them."""
    result = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.splitlines()
        if lines and _BULLET.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if _BULLET.match(line):
                    items.append(_BULLET.sub("", line))
                else:  # a wrapped line continues the item above
                    items[-1] += " " + line.strip()
            result.append(Block("liste", tuple(items)))
        elif chunk.strip():
            result.append(Block("paragraphe", (chunk,)))
    return result


def plain_text(text: str) -> str:
    """Block Markdown as plain text: paragraphs on their own lines, « – » bullets."""
    lines = []
    for block in blocks(text):
        prefix = "– " if block.kind == "liste" else ""
        lines.extend(prefix + plain_inline(item) for item in block.items)
    return "\n".join(lines)


def source_credit(fiche: Fiche) -> str:
    """The credit line of a sheet's documents, as the page words it."""
    if fiche.source is not None:
        source = fiche.source
        return f"Source : {source.titre}, {source.auteurs}, {source.date}."
    return (f"Fiche rédigée pour le {KIT_TITLE} ({KIT_PUBLISHER}, {KIT_DATE}) "
            "à partir de pratiques établies.")


def author(fiche: Fiche) -> str:
    return fiche.source.auteurs if fiche.source is not None else KIT_PUBLISHER

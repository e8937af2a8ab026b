"""Our limited Markdown (paragraphs, bullet lists, bold, italics, links) for
formats that are not HTML: plain text for tables, reportlab's mini-markup for
PDFs, the credit lines every document carries, and the mention of the parts
written for this site.

The kit's texts already have French no-break spaces (set at load time by
kitoutils.typography); the downloads' own words get the same treatment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..model.content import Element, Fiche, Question, Section
from ..model.provenance import ADDITION, ADDITION_LABEL, credit_line, short_credit
from ..model.publication import KIT_TITLE
from ..model.typography import NARROW_NBSP, NBSP, french_typography

__all__ = ["KIT_TITLE", "french_typography"]  # re-exported: the downloads' own words use them too

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^\s*[-*+]\s+")
# Ordinary white space only: \s would also swallow the no-break spaces.
_SPACES = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """A wrapped YAML text on one line, its no-break spaces kept."""
    return _SPACES.sub(" ", text).strip()


def plain_inline(text: str) -> str:
    """Inline Markdown as plain text: markers dropped, links reduced to their text."""
    text = _LINK.sub(r"\1", one_line(text))
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return _CODE.sub(r"\1", text)


def pdf_glyphs(text: str) -> str:
    """The embedded font has no narrow no-break space: a plain no-break space
    keeps the same rule (no line break there) with a glyph every font has."""
    return text.replace(NARROW_NBSP, NBSP)


def pdf_inline(text: str) -> str:
    """Inline Markdown as reportlab paragraph markup (XML-escaped first).

    Links to other sheets keep only their text: a printed page cannot follow them.
    """
    text = escape(pdf_glyphs(french_typography(one_line(text))))
    escaped = text
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)
    text = _CODE.sub(r"\1", text)
    # Crossed emphasis (*a **b* c**) gives <i>…<b>…</i>…</b>, which reportlab refuses:
    # the text is then shown without emphasis rather than failing the build.
    return text if _well_nested(text) else _LINK.sub(r"\1", escaped)


_EMPHASIS_TAG = re.compile(r"<(/?)([bi])>")


def _well_nested(markup: str) -> bool:
    """True when the <b> and <i> of a markup (its only tags) open and close in order."""
    open_tags: list[str] = []
    for closing, tag in _EMPHASIS_TAG.findall(markup):
        if not closing:
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            return False
    return not open_tags


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


def addition_mention(part: Element | Section | Question, *, unbreakable: bool = False) -> str:
    """« (Complément au kit d'origine) » for a part marked « origine: ajout », else "".

    Every download shows it right after the part's text (an item's action, a
    section's title, a question), where the page shows its « kit-complement »
    mark: the credit line refers readers to it. Each format only styles and
    escapes it as it does the text it follows. `unbreakable`: with no-break
    spaces, for laid-out documents (never « (Complément au » at a line's end);
    data (CSV, spreadsheet cells) keeps ordinary spaces, to be searched as typed.
    """
    if part.origine != ADDITION:
        return ""
    mention = french_typography(f"({ADDITION_LABEL})")
    return mention.replace(" ", NBSP) if unbreakable else mention


def source_credit(fiche: Fiche) -> str:
    """The credit line of a sheet's documents, in the page's words, from its sources only."""
    return french_typography(credit_line(fiche))


def footer_credit(fiche: Fiche) -> str:
    """The short credit of a page footer; source_credit() is in the document's body."""
    return french_typography(short_credit(fiche))


def author(fiche: Fiche) -> str:
    """Document metadata: the adapted source's publisher, or the site for a sheet written here."""
    reprise = fiche.source_reprise()
    return reprise.editeur if reprise is not None else f"Site du {KIT_TITLE}"

"""The kit's Markdown: one Python-Markdown configuration for checks and pages.

A Markdown field of a sheet is parsed by Python-Markdown itself, with the
site's extensions, never by a second grammar that could read it otherwise:
the checks of `intake/markup.py` inspect the element tree of this parse, and
the pages show the HTML of this same parse, sanitised (`pages/sanitize.py`).
The site's extensions (mkdocs.yml) less two that belong to whole pages: `toc`
(heading ids are the page's) and `pymdownx.snippets` (file inclusion).

Python-Markdown is not linear on every input (an unclosed « [ » is scanned
to the end of its paragraph, an unclosed « < » to the end of the text), so a
field is first measured in one linear pass and refused, with the limit
stated, before it could cost more than a moment to parse.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

FIELD_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables")  # as FieldParser loads them
# Extensions of mkdocs.yml that fields do without (a test checks the two lists agree).
PAGE_ONLY_EXTENSIONS = ("toc", "pymdownx.snippets")

MAX_MARKDOWN_CHARS = 20_000  # one field; a longer text is cut into sections
MAX_UNCLOSED_BRACKETS = 5  # « [ » never closed: each is scanned to the end of its paragraph
MAX_ANGLE_BRACKETS = 40  # « < » per field: only autolinks <https://…> are Markdown


@dataclass(frozen=True)
class Finding:
    """Something refused in a text, at `offset` where `snippet` starts."""

    offset: int
    snippet: str
    message: str


@dataclass(frozen=True)
class Parsed:
    """One field as Python-Markdown reads it."""

    html: str  # the HTML Python-Markdown writes (not sanitised)
    root: etree.Element  # the element tree, as serialised (raw HTML as placeholders)
    raw_html: tuple[str, ...]  # raw HTML the text holds, as written (entities left out)
    added_attributes: tuple[tuple[etree.Element, tuple[str, ...], str], ...]  # attr_list's work: element, names, text


def cost_problem(text: str) -> Finding | None:
    """A reason to refuse the field before parsing it, or None (one linear pass)."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return Finding(0, "", (
            f"texte trop long ({len(text)} caractères, {MAX_MARKDOWN_CHARS} au plus) : "
            "découpez-le en plusieurs sections"
        ))
    angles = text.count("<")
    if angles > MAX_ANGLE_BRACKETS:
        return Finding(_nth(text, "<", MAX_ANGLE_BRACKETS), "<", (
            f"trop de chevrons « < » dans ce texte ({angles}, {MAX_ANGLE_BRACKETS} au plus) : "
            "les fiches s'écrivent en Markdown, sans HTML"
        ))
    unclosed = _unclosed_brackets(text)
    if len(unclosed) > MAX_UNCLOSED_BRACKETS:
        return Finding(unclosed[0], "[", (
            f"{len(unclosed)} crochets « [ » ne sont jamais fermés par « ] » dans leur paragraphe "
            f"({MAX_UNCLOSED_BRACKETS} au plus) : fermez-les, ou écrivez « \\[ » pour un crochet seul"
        ))
    return None


def _unclosed_brackets(text: str) -> list[int]:
    """Offsets of the « [ » that no « ] » closes before the paragraph ends (one pass)."""
    unclosed: list[int] = []
    if "[" not in text:
        return unclosed
    open_here: list[int] = []
    line_start = 0
    for index, character in enumerate(text):
        if character == "[":
            open_here.append(index)
        elif character == "]" and open_here:
            open_here.pop()
        elif character == "\n":
            # A blank line ends the paragraph: what is still open stays open.
            if text[line_start:index].strip() == "":
                unclosed.extend(open_here)
                open_here.clear()
            line_start = index + 1
    return unclosed + open_here


def _nth(text: str, needle: str, n: int) -> int:
    """Offset of the (n+1)-th occurrence of needle (the first one over the limit)."""
    index = -1
    for _ in range(n + 1):
        index = text.find(needle, index + 1)
    return max(index, 0)


class _Snapshot(Treeprocessor):
    """Before attr_list: each element's attribute names and its text and tail."""

    def __init__(self, md: markdown.Markdown, store: dict) -> None:
        super().__init__(md)
        self.store = store

    def run(self, root: etree.Element) -> None:
        self.store.clear()
        for element in root.iter():
            self.store[element] = (set(element.attrib), element.text or "", element.tail or "")


class _Capture(Treeprocessor):
    """After attr_list: keep the tree and what attr_list added to it."""

    def __init__(self, md: markdown.Markdown, before: dict, result: dict) -> None:
        super().__init__(md)
        self.before = before
        self.result = result

    def run(self, root: etree.Element) -> None:
        added = []
        for element in root.iter():
            names, text, tail = self.before.get(element, (set(), "", ""))
            extra = tuple(sorted(set(element.attrib) - names))
            if extra:
                added.append((element, extra, _attribute_list(text, tail)))
        self.result["root"] = root
        self.result["added"] = tuple(added)


def _attribute_list(text: str, tail: str) -> str:
    """The « {…} » written in an element's text (block, heading) or tail (inline), for messages."""
    for where in (text, tail):
        start = where.rfind("{") if where is text else where.find("{")
        if start != -1:
            end = where.find("}", start)
            if end != -1:
                return where[start : end + 1]
    return ""


class FieldParser:
    """Python-Markdown set up once, to parse many fields (call cost_problem first:
    parsing is not linear). One per check run or per build; not shared across threads.
    Within a build, the checks parse every text first and the pages then take
    each text's HTML from here instead of parsing it again."""

    def __init__(self) -> None:
        self._before: dict = {}
        self._result: dict = {}
        self._md = markdown.Markdown(extensions=[AdmonitionExtension(), AttrListExtension(),
                                                 MarkdownInHtmlExtension(), TableExtension()],
                                     output_format="html")
        self._md.treeprocessors.register(_Snapshot(self._md, self._before), "kit-avant-attributs", 9)
        self._md.treeprocessors.register(_Capture(self._md, self._before, self._result), "kit-apres-attributs", 7)
        self._html: dict[str, str] = {}  # each text parsed so far -> its HTML (not its tree: memory)

    def parse(self, text: str) -> Parsed:
        md = self._md
        md.reset()
        self._result.clear()
        html = md.convert(text)
        self._html[text] = html
        raw = tuple(
            block for block in md.htmlStash.rawHtmlBlocks
            if isinstance(block, str) and block.strip() and not _is_entity(block)
        )
        return Parsed(html, self._result.get("root", etree.Element("div")), raw, self._result.get("added", ()))

    def html(self, text: str) -> str:
        """The HTML `parse` writes for `text`, parsed only if this parser has not seen it yet."""
        known = self._html.get(text)
        return known if known is not None else self.parse(text).html

    def known_html(self, text: str) -> str | None:
        """The HTML of `text` if this parser has it (parsed, or remembered), without parsing."""
        return self._html.get(text)

    def remember_html(self, text: str, html: str) -> None:
        """Take the HTML an earlier parse of `text` wrote (intake/text_memo.py), so as not to parse it."""
        self._html[text] = html


def _is_entity(block: str) -> bool:
    """Python-Markdown stashes character references (&amp; &#233;) like raw HTML."""
    return block.startswith("&") and block.endswith(";") and " " not in block and "<" not in block

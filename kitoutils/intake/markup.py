"""What a text field may contain, found on the renderer's own parse.

Policy: the kit's pages are built from text that anyone may propose by pull
request, so Markdown fields accept Markdown only. Each Markdown field is
parsed by Python-Markdown with the site's extensions (`model/markdown_dialect.py`)
and the element tree is inspected: raw HTML, attribute lists (attr_list's
work, as `{: onclick=…}` would copy an attribute onto the element), snippet
includes (`--8<--`) and links whose address is neither relative nor
http(s)/mailto (`javascript:`, `data:`…) are refused, each at its place, so
the editor sees what is wrong and where. There is no second grammar to
disagree with the renderer: what is checked is what the page shows. The
page still passes every field through an allowlist sanitiser (the guarantee,
`pages/sanitize.py`); this is the editor's explanation of it.

Plain-text fields (titles, summaries) are escaped wherever they land, and
refuse HTML tags too, so that a title reads the same everywhere.

Everything here works on plain strings and returns offsets into them;
`positions.py` turns offsets into the file's line and column.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model.markdown_dialect import FieldParser, Finding, Parsed, cost_problem

# Autolinks Python-Markdown turns into links; any other "<letter" is HTML.
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]*|[^<>\s@!]+@[^<>\s@]+)>", re.I)
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:-]*|!--|![A-Za-z\[]|\?)")
_EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_DANGEROUS_TAGS = {"script", "iframe", "style", "object", "embed", "form", "svg", "math", "link", "meta", "base"}
SNIPPET_MARK = "8<-"  # --8<-- and its variants: pymdownx.snippets' include mark
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Link:
    offset: int
    address: str  # as Python-Markdown read it
    image: bool


def browser_view(address: str) -> str:
    """The address as a browser reads it: entities decoded, blanks dropped, \\ as /."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(address)).lower().replace("\\", "/")


def scheme(address: str) -> str | None:
    """The scheme a browser would see, if any."""
    match = _SCHEME.match(browser_view(address))
    return match.group(1) if match else None


def is_external(address: str) -> bool:
    """True for an address on another site (with a scheme, or starting with //)."""
    return scheme(address) is not None or browser_view(address).startswith("//")


class _Locator:
    """Offsets of snippets in a text, in the order they are asked for (linear overall)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: dict[str, int] = {}

    def __call__(self, snippet: str) -> int:
        if not snippet:
            return 0
        index = self.text.find(snippet, self.last.get(snippet, -1) + 1)
        if index == -1:  # written otherwise (an escape, a line break): the field's start
            return 0
        self.last[snippet] = index
        return index


Checked = tuple[list[Finding], list[Link]]  # what a Markdown text may not contain, and its links


def check_markdown(text: str, parser: FieldParser | None = None) -> Checked:
    """What a Markdown field may not contain, and its links, each at its offset
    (parser: to reuse one across many fields)."""
    costly = cost_problem(text)
    if costly is not None:
        return [costly], []
    parsed = (parser or FieldParser()).parse(text)
    where = _Locator(text)
    findings = [*_raw_html(parsed, where), *_attribute_lists(parsed, where), *_snippets(text)]
    found_links = _links(parsed, where)
    for link in found_links:
        findings.extend(_unsafe_address(link))
    return sorted(findings, key=lambda f: f.offset), found_links


def unsafe_markdown(text: str) -> list[Finding]:
    return check_markdown(text)[0]


def links(text: str) -> list[Link]:
    """Every link and image address of a Markdown text, with its offset."""
    return check_markdown(text)[1]


def unsafe_plain(text: str) -> list[Finding]:
    """What a plain-text field (title, summary) may not contain."""
    return [
        Finding(m.start(), m.group(0), (
            f"balise HTML « {_shown(_tag_text(text, m.start()))} » refusée : ce texte s'affiche tel quel, "
            "écrivez-le sans chevrons « < > »"
        ))
        for m in _TAG.finditer(text)
        if not _AUTOLINK.match(text, m.start())
    ]


def _tag_text(text: str, start: int) -> str:
    end = text.find(">", start, start + 200)
    return text[start : end + 1] if end != -1 else text[start : start + 60]


def _shown(tag: str) -> str:
    tag = tag.split("\n")[0]
    return tag if len(tag) <= 60 else tag[:57] + "…"


def _raw_html(parsed: Parsed, where: _Locator) -> list[Finding]:
    findings = []
    for block in parsed.raw_html:
        tag = _tag_text(block.lstrip(), 0) if block.lstrip().startswith("<") else block
        shown = _shown(tag)
        name = re.match(r"</?([A-Za-z][A-Za-z0-9:-]*)", shown)
        event = _EVENT_ATTRIBUTE.search(tag)
        if event:
            why = f" : son attribut « {event.group(0).rstrip('= ')} » exécuterait du code chez les lecteurs"
        elif name and name.group(1).lower() in _DANGEROUS_TAGS:
            why = " : elle pourrait exécuter du code ou changer la page chez les lecteurs"
        else:
            why = ""
        findings.append(Finding(where(shown.rstrip("…")), shown.rstrip("…"), (
            f"balise HTML « {shown} » refusée{why} ; les fiches s'écrivent en Markdown, sans HTML "
            "(pour du gras : **texte** ; pour un lien : [texte](adresse))"
        )))
    # md_in_html turns <div markdown="1"> into an element of the tree, not stashed text.
    # Attributes attr_list added are reported by _attribute_lists.
    added = {id(element): set(names) for element, names, _ in parsed.added_attributes}
    for element in parsed.root.iter():
        if not isinstance(element.tag, str):
            continue
        foreign = set(element.attrib) - _MARKDOWN_ATTRIBUTES.get(element.tag, set()) - added.get(id(element), set())
        if element.tag not in _MARKDOWN_TAGS or foreign:
            snippet = f"<{element.tag}"
            findings.append(Finding(where(snippet), snippet, (
                f"balise HTML « {snippet}> » refusée ; les fiches s'écrivent en Markdown, sans HTML"
            )))
    return findings


# Every element Markdown syntax makes with the field extensions (admonition: div and p).
_MARKDOWN_TAGS = {
    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
    "hr", "br", "em", "strong", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}
_MARKDOWN_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
    "th": {"style"}, "td": {"style"},  # tables: text-align of a column
    "div": {"class"}, "p": {"class"},  # admonitions
}


def _attribute_lists(parsed: Parsed, where: _Locator) -> list[Finding]:
    findings = []
    for _, names, written in parsed.added_attributes:
        events = [n for n in names if n.lower().startswith("on")]
        why = (f" : l'attribut « {events[0]} » exécuterait du code chez les lecteurs" if events
               else " : ils ajouteraient des attributs HTML à la page")
        shown = _shown(written or "{" + " ".join(names) + "}")
        findings.append(Finding(where(written) if written else 0, written, (
            f"attributs entre accolades « {shown} » refusés{why} ; retirez-les"
        )))
    return findings


def _snippets(text: str) -> list[Finding]:
    index = text.find(SNIPPET_MARK)
    if index == -1:
        return []
    start = index
    while start > 0 and text[start - 1] == "-":
        start -= 1
    return [Finding(start, text[start : index + len(SNIPPET_MARK)], (
        "la marque d'inclusion « --8<-- » est réservée aux pages du site : "
        "une fiche ne peut pas inclure un autre fichier"
    ))]


def _links(parsed: Parsed, where: _Locator) -> list[Link]:
    found = []
    for element in parsed.root.iter():
        if element.tag == "a" and element.get("href") is not None:
            address, image = element.get("href"), False
        elif element.tag == "img" and element.get("src") is not None:
            address, image = element.get("src"), True
        else:
            continue
        found.append(Link(where(address.split("\n")[0]), address, image))
    return sorted(found, key=lambda link: link.offset)


def _unsafe_address(link: Link) -> list[Finding]:
    found = scheme(link.address)
    snippet = link.address.split("\n")[0]
    if link.image and is_external(link.address):
        return [Finding(link.offset, snippet, (
            "image d'un autre site ou adresse « data: » refusée : les pages ne font appel à "
            "aucun autre site ; ajoutez l'image au dossier docs/ et donnez son chemin"
        ))]
    if found is not None and found not in ALLOWED_SCHEMES:
        return [Finding(link.offset, snippet, (
            f"adresse « {found}: » refusée : un lien mène à une page web (https://…), "
            "une adresse électronique (mailto:…) ou une fiche du kit (par exemple « amo.md »)"
        ))]
    return []

"""What a text field may contain, so that no sheet can harm a reader.

Policy: the kit's pages are built from text that anyone may propose by pull
request, so Markdown fields accept Markdown only. Raw HTML (`<script>`,
`<iframe>`, `<style>`, any tag, `on…=` attributes), attribute lists
(`{onclick=…}`, which Python-Markdown's attr_list would copy onto the
element), snippet includes (`--8<--`) and links whose address is neither
relative nor http(s)/mailto/tel (`javascript:`, `data:`…) are refused at
validation time, each at its exact place, rather than silently removed by a
sanitizer: the editor sees what is wrong and where, and the page shows
exactly what was written. Plain-text fields (titles, summaries) are escaped
when rendered, and refuse HTML tags too because some places (the page's
`<title>`) take them as written.

Everything here works on plain strings and returns offsets into them;
`positions.py` turns offsets into the file's line and column.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Code spans show their content as code, escaped: a tag there is harmless.
# Like Python-Markdown, a backslash before the backtick stops the span; a
# span never crosses a line here, which can only make the check stricter.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")

# Autolinks Python-Markdown turns into links; any other "<letter" is HTML.
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]*|[^<>\s@!]+@[^<>\s@]+)>", re.I)
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:-]*|!--|![A-Za-z\[]|\?)")
_TAG_END = re.compile(r"[^<>]*>?")
_EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.I)
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*(?:#[\w-]|\.[\w-]|[\w-]+\s*=)[^}\n]*\}")
_SNIPPET = re.compile(r"-{1,}8<-{1,}")
_DANGEROUS_TAGS = {"script", "iframe", "style", "object", "embed", "form", "svg", "math", "link", "meta", "base"}

# Links: inline `[texte](adresse)` and images `![texte](adresse)` (one level
# of parentheses inside the address), reference definitions `[x]: adresse`.
_INLINE_LINK = re.compile(
    r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
)
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Finding:
    """Something refused in a text, at `offset` where `snippet` starts."""

    offset: int
    snippet: str
    message: str


@dataclass(frozen=True)
class Link:
    offset: int
    address: str  # as written, without the angle brackets
    image: bool


def mask_code_spans(text: str) -> str:
    """The text with the content of code spans blanked (same length)."""
    if "`" not in text:  # most texts: skip the regex (validation speed on large kits)
        return text
    return _CODE_SPAN.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(1), text)


def links(text: str) -> list[Link]:
    """Every link and image address of a Markdown text, with its offset."""
    if "[" not in text:  # no link can start without a bracket
        return []
    masked = mask_code_spans(text)
    found = []
    for match in _INLINE_LINK.finditer(masked):
        found.append(_link(match, 2, image=bool(match.group(1))))
    for match in _REFERENCE.finditer(masked):
        found.append(_link(match, 1, image=False))
    return sorted(found, key=lambda link: link.offset)


def _link(match: re.Match, group: int, image: bool) -> Link:
    address, offset = match.group(group), match.start(group)
    if address.startswith("<"):
        address, offset = address[1:-1], offset + 1
    return Link(offset, address, image)


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


def unsafe_markdown(text: str) -> list[Finding]:
    """What a Markdown field may not contain, each at its offset."""
    masked = mask_code_spans(text)
    findings = [*_tags(masked), *_attribute_lists(masked), *_snippets(masked)]
    for link in links(text):
        findings.extend(_unsafe_address(link))
    return sorted(findings, key=lambda finding: finding.offset)


def unsafe_plain(text: str) -> list[Finding]:
    """What a plain-text field (title, summary) may not contain."""
    return [
        Finding(m.start(), m.group(0), (
            f"balise HTML « {_tag_shown(text, m)} » refusée : ce texte s'affiche tel quel, "
            "écrivez-le sans chevrons « < > »"
        ))
        for m in _TAG.finditer(text)
        if not _AUTOLINK.match(text, m.start())
    ]


def _tags(text: str) -> list[Finding]:
    findings = []
    for match in _TAG.finditer(text):
        if _AUTOLINK.match(text, match.start()):
            continue
        shown = _tag_shown(text, match)
        name = match.group(1).lstrip("/").lower()
        event = _EVENT_ATTRIBUTE.search(shown)
        if event:
            why = f" : son attribut « {event.group(0).rstrip('= ')} » exécuterait du code chez les lecteurs"
        elif name in _DANGEROUS_TAGS:
            why = " : elle pourrait exécuter du code ou changer la page chez les lecteurs"
        else:
            why = ""
        findings.append(Finding(match.start(), match.group(0), (
            f"balise HTML « {shown} » refusée{why} ; les fiches s'écrivent en Markdown, sans HTML "
            "(pour du gras : **texte** ; pour un lien : [texte](adresse))"
        )))
    return findings


def _tag_shown(text: str, match: re.Match) -> str:
    """The tag as written, cut short for the message."""
    tag = match.group(0) + _TAG_END.match(text, match.end()).group(0)
    return tag if len(tag) <= 60 else tag[:57] + "…"


def _attribute_lists(text: str) -> list[Finding]:
    findings = []
    for match in _ATTRIBUTE_LIST.finditer(text):
        event = _EVENT_ATTRIBUTE.search(match.group(0))
        why = (f" : l'attribut « {event.group(0).rstrip('= ')} » exécuterait du code chez les lecteurs"
               if event else " : ils ajouteraient des attributs HTML à la page")
        findings.append(Finding(match.start(), match.group(0), (
            f"attributs entre accolades « {match.group(0)} » refusés{why} ; retirez-les"
        )))
    return findings


def _snippets(text: str) -> list[Finding]:
    return [
        Finding(m.start(), m.group(0), (
            "la marque d'inclusion « --8<-- » est réservée aux pages du site : "
            "une fiche ne peut pas inclure un autre fichier"
        ))
        for m in _SNIPPET.finditer(text)
    ]


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

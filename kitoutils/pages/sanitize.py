"""Every Markdown field, as HTML a reader can trust: the guarantee at the output.

The checks (`intake/markup.py`) explain to an editor what is refused; this
does not rely on them. Each field is rendered by the kit's own Python-Markdown
(`model/markdown_dialect.py`) and passed through an allowlist sanitiser,
nh3 (Ammonia): only the tags and attributes the kit's Markdown makes, only
http, https, mailto and relative addresses, no style, no event handler, no
id (a field cannot take over the page's anchors). The result goes into the
page as a raw HTML block, which MkDocs' Markdown pass leaves as it is: a
text that renders to « {: onclick=… } » stays text.

Relative links are written as MkDocs would write them (`amo.md#x` from
`fiches/pilotage.md` becomes `../amo/#x`, or `amo.html#x` without directory
URLs), since MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

import nh3

from ..model.markdown_dialect import FieldParser

BLOCK_TAGS = {
    "p", "br", "strong", "em", "a", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img", "div",
}
INLINE_TAGS = {"strong", "em", "a", "code", "br", "img"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Admonitions (« !!! note ») are Markdown too: their classes, nothing else.
CLASSES = {
    "div": {"admonition", "note", "info", "tip", "warning", "danger", "example", "quote", "abstract",
            "success", "question", "failure", "bug"},
    "p": {"admonition-title"},
}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_url(src: str, directory_urls: bool) -> str:
    """Where MkDocs publishes a page of docs/ ("fiches/amo.md"), relative to the site's root."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_link(address: str, page_src: str, directory_urls: bool) -> str:
    """A relative link written in page_src, as the built page must say it."""
    if _SCHEME.match(address) or address.startswith(("//", "#", "/")) or not address:
        return address
    path, hash_mark, anchor = address.partition("#")
    path, question, query = path.partition("?")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), unquote(path)))
    if target.endswith(".md"):
        target = page_url(target, directory_urls)
    here = page_url(page_src, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    relative = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return quote(relative, safe="/%.-_~") + question + query + hash_mark + anchor


def _lone_paragraph(html: str) -> str | None:
    """The content of an HTML fragment that is exactly one paragraph, else None."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[len("<p>"): -len("</p>")]
    return None


class FieldRenderer:
    """Markdown fields of one page to sanitised HTML."""

    def __init__(self, page_src: str, directory_urls: bool = True, parser: FieldParser | None = None) -> None:
        self.page_src = page_src
        self.directory_urls = directory_urls
        self.parser = parser or FieldParser()
        # One sanitiser per kind of field, set up once for the page's many fields.
        self._block = self._cleaner(BLOCK_TAGS)
        self._inline = self._cleaner(INLINE_TAGS)

    def block(self, text: str) -> str:
        """A field of paragraphs and lists: a raw HTML block (blank lines around it)."""
        html = self._clean(self.parser.html(text), self._block)
        return f'\n<div class="kit-texte">\n{html}\n</div>\n'

    def list_item(self, text: str) -> str:
        """A field shown as an item of a list: one paragraph without its <p>, as Markdown
        writes a tight list; several blocks kept as they are."""
        html = self.parser.html(text).strip()
        return self._clean(_lone_paragraph(html) or html, self._block)

    def inline(self, text: str) -> str:
        """A one-line field (a checklist item): its phrasing content only."""
        html = self.parser.html(text).strip()
        return self._clean(_lone_paragraph(html) or html, self._inline)

    def _cleaner(self, tags: set[str]) -> nh3.Cleaner:
        return nh3.Cleaner(
            tags=tags,
            attributes={tag: names for tag, names in ATTRIBUTES.items() if tag in tags},
            allowed_classes={tag: names for tag, names in CLASSES.items() if tag in tags},
            url_schemes=URL_SCHEMES,
            clean_content_tags={"script", "style"},
            strip_comments=True,
            link_rel="noopener noreferrer",
            attribute_filter=self._filter,
        )

    @staticmethod
    def _clean(html: str, cleaner: nh3.Cleaner) -> str:
        # A lone surrogate (refused by the checks) cannot be written as UTF-8: shown as « ? ».
        return cleaner.clean(html.encode("utf-8", "replace").decode("utf-8"))

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) in (("a", "href"), ("img", "src")):
            if tag == "img" and (_SCHEME.match(value) or value.startswith("//")):
                return None  # no image from another site (nor data:)
            return site_link(value, self.page_src, self.directory_urls)
        return value


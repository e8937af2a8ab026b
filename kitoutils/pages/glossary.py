"""The glossary: its page, and the explanation of a term at its first use on a page.

On every page, the first use of each term of kit/glossaire.yml is wrapped in
a focusable `<abbr>` described (aria-describedby) by a tooltip that shows on
hover and on keyboard focus: screen readers read the definition, keyboard
users see it. It works on the built HTML of the article only, after the search
index has been made, so the definitions do not flood the search results;
headings, links, code, form labels, the glossary's own marks and any element
marked `data-sans-glossaire` (a box that is one big link, for instance) are left
alone.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..model.content import Definition
from ..model.typography import french_typography

GLOSSARY_PAGE = "glossaire.md"
TOOLTIP_ID = "kit-glossaire-{}"
# Inside these, a term is not explained: a heading or a link is already a
# signpost, code is literal, and an interactive element must not nest another.
_SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "button", "label",
            "script", "style", "svg", "title", "textarea", "select", "option", "summary"}
NO_GLOSSARY = "data-sans-glossaire"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = r"[\s\u00a0\u202f]+"
_ARTICLE = re.compile(r'(<article\b[^>]*>)(.*)(</article>)', re.S)


def render_glossary_page(termes: tuple[Definition, ...]) -> str:
    """The Markdown of the glossary page: every term, in alphabetical order, with its anchor."""
    lines = [
        "---", "title: Glossaire",
        "description: Les termes du kit expliqués en une ou deux phrases.", "---", "",
        "# Glossaire", "",
        "Les termes du kit, expliqués en une ou deux phrases. Sur chaque page, la première "
        "apparition d'un de ces termes est soulignée en pointillés : survolez-la ou "
        "atteignez-la avec la touche Tab pour lire son explication.", "",
        "*Glossaire rédigé pour ce site ; en attente de relecture par les éditeurs du kit.*", "",
        '<dl class="kit-glossaire">',
    ]
    for terme in sorted(termes, key=lambda t: t.terme.casefold()):
        others = [form for form in terme.forms() if form != terme.terme]
        also = f' <span class="kit-glossaire__formes">({html.escape(", ".join(others))})</span>' if others else ""
        lines.append(f'<dt id="{terme.id}">{html.escape(terme.terme)}{also}</dt>')
        lines.append(f"<dd>{html.escape(terme.definition)}</dd>")
    lines.append("</dl>")
    return french_typography("\n".join(lines) + "\n")


def _pattern(termes: tuple[Definition, ...]) -> re.Pattern[str]:
    """One regex matching any form, longest first, as a whole word; group name = the term's id."""
    alternatives = []
    for index, terme in enumerate(termes):
        forms = sorted(terme.forms(), key=len, reverse=True)
        bodies = []
        for form in forms:
            body = _SPACE.join(re.escape(word) for word in form.split())
            body = re.sub("['’]", "['’]", body)  # either apostrophe, as typed or typeset
            # An abbreviation (« AMO ») is matched as written; words in any case.
            bodies.append(body if form.isupper() else f"(?i:{body})")
        alternatives.append(f"(?P<t{index}>{'|'.join(bodies)})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


class _FirstUses(HTMLParser):
    """Re-emits HTML as it came, wrapping the first use of each term in its text."""

    def __init__(self, termes: tuple[Definition, ...]) -> None:
        super().__init__(convert_charrefs=False)
        self.termes = termes
        self.pattern = _pattern(termes)
        self.seen: set[int] = set()
        self.skipping: list[str] = []
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        # Inside a skipped element every open tag is stacked, so that a nested
        # element of the same name does not end the skipping early.
        skipped = tag in _SKIPPED or any(name == NO_GLOSSARY for name, _ in attrs)
        if (self.skipping or skipped) and tag not in _VOID:
            self.skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        self.out.append(data if self.skipping else self._mark(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def _mark(self, text: str) -> str:
        def wrap(match: re.Match[str]) -> str:
            index = int(match.lastgroup[1:])
            if index in self.seen:
                return match.group(0)
            self.seen.add(index)
            terme = self.termes[index]
            tooltip = TOOLTIP_ID.format(terme.id)
            return (
                f'<span class="kit-terme"><abbr class="kit-terme__mot" tabindex="0" '
                f'aria-describedby="{tooltip}">{match.group(0)}</abbr>'
                f'<span class="kit-terme__infobulle" role="tooltip" id="{tooltip}">'
                f"{html.escape(terme.definition)}</span></span>"
            )
        return self.pattern.sub(wrap, text)


def mark_first_uses(page_html: str, termes: tuple[Definition, ...]) -> str:
    """The page with the first use of each term in its article explained (unchanged if none)."""
    match = _ARTICLE.search(page_html)
    if not termes or match is None:
        return page_html
    parser = _FirstUses(termes)
    parser.feed(match.group(2))
    parser.close()
    return page_html[: match.start(2)] + "".join(parser.out) + page_html[match.end(2):]

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


# What comes between an article's texts: a comment, a declaration, or a tag
# with its attributes (a quoted value may hold « > »). Each alternative of the
# attributes starts with its own character, so matching stays linear.
_TAG = re.compile(r"""<(?:!--.*?-->|[!?][^>]*>|(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>)""", re.S)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_NO_GLOSSARY_ATTRIBUTE = re.compile(rf"(?:^|[\s/]){NO_GLOSSARY}(?=[\s=/]|$)", re.I)
_RAW_TEXT = ("script", "style")  # their content is text up to their end tag, never tags
# The letters a form starts with, up to its first blank or apostrophe (either
# apostrophe may be written, so none is part of the prefix).
_PREFIX = re.compile(r"[^\s'’]+")


class _Context:
    """Whether a place of an article is text that may be explained: walks the
    tags once, front to back, as the places asked about move forward."""

    def __init__(self, article: str) -> None:
        self.article = article
        self.resume = 0  # where the next tag is looked for
        self.ahead: re.Match[str] | None = None  # the next tag, not yet walked past
        self.skipping: list[str] = []  # open elements whose text is left alone

    def explainable(self, at: int) -> bool:
        """True when `at` is in text, outside any tag and any skipped element."""
        while True:
            if self.ahead is None:
                self.ahead = _TAG.search(self.article, self.resume)
                if self.ahead is None:
                    break
            if self.ahead.end() > at:
                if self.ahead.start() <= at:
                    return False  # inside a tag or a comment
                break
            self._walk(self.ahead)
            self.ahead = None
        return not self.skipping

    def _walk(self, tag: re.Match[str]) -> None:
        self.resume = tag.end()
        closing, name, attributes = tag.groups()
        if name is None:
            return  # a comment or a declaration
        name = name.lower()
        if closing:
            if self.skipping and self.skipping[-1] == name:
                self.skipping.pop()
            return
        self_closing = attributes.rstrip().endswith("/")
        skipped = name in _SKIPPED or (NO_GLOSSARY in attributes.lower() and _NO_GLOSSARY_ATTRIBUTE.search(
            _QUOTED.sub('""', attributes)) is not None)
        # Inside a skipped element every open tag is stacked, so that a nested
        # element of the same name does not end the skipping early.
        if (self.skipping or skipped) and name not in _VOID and not self_closing:
            self.skipping.append(name)
        if name in _RAW_TEXT and not self_closing:
            end = re.compile(rf"</{name}[\s/>]", re.I).search(self.article, self.resume)
            self.resume = end.start() if end else len(self.article)


class TermExplainer:
    """Explains the first use of each glossary term on a page; made once per
    build, its expressions serve every page."""

    def __init__(self, termes: tuple[Definition, ...]) -> None:
        self.termes = termes
        self.pattern = _pattern(termes)
        forms = [form for terme in termes for form in terme.forms()]
        prefixes = [(_PREFIX.match(form), form.isupper()) for form in forms]
        # Where a use may start, found by plain substring search (far quicker
        # than the whole expression at every place of the article); an
        # abbreviation as written, words in any case. A form starting with an
        # apostrophe has no prefix: then the expression looks everywhere.
        self.exact = sorted({m.group(0) for m, upper in prefixes if m and upper})
        self.folded = sorted({m.group(0).lower() for m, upper in prefixes if m and not upper})
        self.everywhere = not all(m for m, _ in prefixes)

    def mark(self, page_html: str) -> str:
        """The page with the first use of each term in its article explained (unchanged if none)."""
        match = _ARTICLE.search(page_html)
        if not self.termes or match is None:
            return page_html
        article = match.group(2)
        parts, last = [], 0
        for start, end, index in self._first_uses(article):
            parts += [article[last:start], self._explained(article[start:end], self.termes[index])]
            last = end
        if not parts:
            return page_html
        parts.append(article[last:])
        return page_html[: match.start(2)] + "".join(parts) + page_html[match.end(2):]

    def _candidates(self, article: str) -> list[int]:
        folded = article.lower()
        if self.everywhere or len(folded) != len(article):  # a letter whose lower case is longer
            return [m.start() for m in self.pattern.finditer(article)]
        places = set()
        for text, prefixes in ((article, self.exact), (folded, self.folded)):
            for prefix in prefixes:
                at = text.find(prefix)
                while at != -1:
                    places.add(at)
                    at = text.find(prefix, at + 1)
        return sorted(places)

    def _first_uses(self, article: str) -> list[tuple[int, int, int]]:
        """(start, end, term index) of each term's first explainable use, in order."""
        context = _Context(article)
        seen: set[int] = set()
        uses = []
        covered = 0  # a use found earlier spans up to here (« maîtrise d’ouvrage » inside « AMO »'s long form)
        for at in self._candidates(article):
            if at < covered:
                continue
            use = self.pattern.match(article, at)
            if use is None:
                continue
            covered = use.end()
            index = int(use.lastgroup[1:])
            # Not yet explained, not the name of a character reference (« &amp; »), in text.
            if index in seen or article[at - 1 : at] == "&" or not context.explainable(at):
                continue
            seen.add(index)
            uses.append((at, use.end(), index))
            if len(seen) == len(self.termes):
                break
        return uses

    @staticmethod
    def _explained(words: str, terme: Definition) -> str:
        tooltip = TOOLTIP_ID.format(terme.id)
        return (
            f'<span class="kit-terme"><abbr class="kit-terme__mot" tabindex="0" '
            f'aria-describedby="{tooltip}">{words}</abbr>'
            f'<span class="kit-terme__infobulle" role="tooltip" id="{tooltip}">'
            f"{html.escape(terme.definition)}</span></span>"
        )


def mark_first_uses(page_html: str, termes: tuple[Definition, ...]) -> str:
    """The page with the first use of each term in its article explained (unchanged if none)."""
    return TermExplainer(termes).mark(page_html)

"""French typography for the kit's texts.

Editors type ordinary spaces before « ? ! ; : » and inside guillemets; a
line must never break there. Those spaces become no-break spaces, as French
typography wants, once, at load time, so that pages and downloads agree.
They also type the straight apostrophe of their keyboard (« l'atelier »):
between two letters it becomes the typographic one (« l’atelier »), except
in code spans, link addresses and autolinks, which are taken as written.
The site's search folds both apostrophes into one, so a reader finds
« l’animation » by typing « l'animation ».
"""

from __future__ import annotations

import re
from bisect import bisect_right

NARROW_NBSP = "\u202f"  # before ? ! ; and inside « »
NBSP = "\u00a0"  # before :

# The no-break space each mark takes when a space comes before it; a colon
# only when a blank, the end, a tag or Markdown's ** follows (not 14:30, not https://).
_SPACE_BEFORE = {"?": NARROW_NBSP, "!": NARROW_NBSP, ";": NARROW_NBSP, "»": NARROW_NBSP, ":": NBSP}
_AFTER_OPENING_GUILLEMET = re.compile(r"« +")


def french_spacing(text: str) -> str:
    """Turn the ordinary spaces French typography forbids to break into no-break spaces."""
    # A plain search for « space, mark » (a page has thousands of spaces, a few
    # such pairs): quicker than any expression that starts at every space.
    marks = []
    for mark in _SPACE_BEFORE:
        at = text.find(" " + mark)
        while at != -1:
            after = at + 2
            if mark != ":" or after == len(text) or text[after].isspace() or text[after] in "<*":
                marks.append(at + 1)
            at = text.find(" " + mark, at + 1)
    if marks:
        parts, last = [], 0
        for at in sorted(marks):
            spaces = at - 1
            while spaces > last and text[spaces - 1] == " ":  # the whole run of spaces
                spaces -= 1
            parts += [text[last:spaces], _SPACE_BEFORE[text[at]]]
            last = at
        text = "".join(parts) + text[last:]
    if "«" not in text:
        return text
    return _AFTER_OPENING_GUILLEMET.sub("«" + NARROW_NBSP, text)


APOSTROPHE = "\u2019"
_STRAIGHT_APOSTROPHE = re.compile(r"'(?<=\w')(?=\w)")  # the apostrophe first: the rare character
# Code spans, link addresses « ](…) » and autolinks « <…> »: written as is.
_AS_WRITTEN = re.compile(r"`+[^`]*`+|\]\([^)\s]*\)|<[^<>\s]*>")


def typographic_apostrophes(text: str) -> str:
    """The straight apostrophe between two letters as ’, outside code and addresses."""
    if "'" not in text:  # most texts once typeset: nothing to do
        return text
    apostrophes = [match.start() for match in _STRAIGHT_APOSTROPHE.finditer(text)]
    if not apostrophes:
        return text
    # Spans written as is, looked for only now: a page holds hundreds (every tag).
    spans = [match.span() for match in _AS_WRITTEN.finditer(text)]
    starts = [start for start, _ in spans]
    parts, last = [], 0
    for at in apostrophes:
        inside = bisect_right(starts, at) - 1
        if inside >= 0 and at < spans[inside][1]:
            continue
        parts += [text[last:at], APOSTROPHE]
        last = at + 1
    return "".join(parts) + text[last:]


def french_typography(text: str) -> str:
    """No-break spaces where French wants them, and typographic apostrophes."""
    return french_spacing(typographic_apostrophes(text))

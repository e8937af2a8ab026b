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

NARROW_NBSP = "\u202f"  # before ? ! ; and inside « »
NBSP = "\u00a0"  # before :

_BEFORE_HIGH_PUNCTUATION = re.compile(r" +([?!;»])")
_BEFORE_COLON = re.compile(r" +:(?=\s|$|<|\*)")  # « </strong> » or « :** » may follow
_AFTER_OPENING_GUILLEMET = re.compile(r"« +")
_PUNCTUATION = frozenset("?!;»:«")


def french_spacing(text: str) -> str:
    """Turn the ordinary spaces French typography forbids to break into no-break spaces."""
    if not _PUNCTUATION.intersection(text):  # most texts: nothing to do
        return text
    text = _BEFORE_HIGH_PUNCTUATION.sub(lambda m: NARROW_NBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _AFTER_OPENING_GUILLEMET.sub("«" + NARROW_NBSP, text)


APOSTROPHE = "\u2019"
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# Code spans, link addresses « ](…) » and autolinks « <…> »: written as is.
_AS_WRITTEN = re.compile(r"`+[^`]*`+|\]\([^)\s]*\)|<[^<>\s]*>")


def typographic_apostrophes(text: str) -> str:
    """The straight apostrophe between two letters as ’, outside code and addresses."""
    if "'" not in text:  # most texts once typeset: nothing to do
        return text
    parts, last = [], 0
    for match in _AS_WRITTEN.finditer(text):
        parts += [_STRAIGHT_APOSTROPHE.sub(APOSTROPHE, text[last:match.start()]), match.group(0)]
        last = match.end()
    parts.append(_STRAIGHT_APOSTROPHE.sub(APOSTROPHE, text[last:]))
    return "".join(parts)


def french_typography(text: str) -> str:
    """No-break spaces where French wants them, and typographic apostrophes."""
    return french_spacing(typographic_apostrophes(text))

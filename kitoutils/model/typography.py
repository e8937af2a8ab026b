"""French typography for the kit's texts.

Editors type ordinary spaces before « ? ! ; : » and inside guillemets; a
line must never break there. Those spaces become no-break spaces, as French
typography wants, once, at load time, so that pages and downloads agree.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"  # before ? ! ; and inside « »
NBSP = "\u00a0"  # before :

_BEFORE_HIGH_PUNCTUATION = re.compile(r" +([?!;»])")
_BEFORE_COLON = re.compile(r" +:(?=\s|$)")
_AFTER_OPENING_GUILLEMET = re.compile(r"« +")
_PUNCTUATION = frozenset("?!;»:«")


def french_spacing(text: str) -> str:
    """Turn the ordinary spaces French typography forbids to break into no-break spaces."""
    if not _PUNCTUATION.intersection(text):  # most texts: nothing to do
        return text
    text = _BEFORE_HIGH_PUNCTUATION.sub(lambda m: NARROW_NBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _AFTER_OPENING_GUILLEMET.sub("«" + NARROW_NBSP, text)

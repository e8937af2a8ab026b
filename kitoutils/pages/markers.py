"""The markers a hand-written page uses to receive a part of the kit.

A page of `docs/` writes `<!-- kit:liste-des-fiches -->` where the list of
sheets goes. This module is the one list of markers: a marker it does not
know (a typo) stops the build with the page's name, rather than staying a
silent HTML comment.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

SHEET_LIST = "liste-des-fiches"
DOWNLOADS = "telechargements"
OFFLINE = "hors-ligne"
ROLES = "qui-fait-quoi"
TIMELINE = "frise-des-phases"
NAMES = (SHEET_LIST, DOWNLOADS, OFFLINE, ROLES, TIMELINE)

_MARKER = re.compile(r"<!--\s*kit:(.*?)\s*-->")

# A part of the kit for a page: given the page's path (relative to docs/), its Markdown.
Filler = Callable[[str], str]


class UnknownMarker(ValueError):
    """A page names a marker this list does not have; the message is in French."""


def marker(name: str) -> str:
    """The comment a page writes to receive the part `name`."""
    return f"<!-- kit:{name} -->"


def fill_markers(markdown: str, page_path: str, fillers: Mapping[str, Filler]) -> str:
    """The page with each marker replaced by its part of the kit."""
    def replace(found: re.Match) -> str:
        name = found.group(1)
        if name not in NAMES:
            raise UnknownMarker(
                f"docs/{page_path} : le repère « {found.group(0)} » est inconnu "
                f"(repères possibles : {', '.join(marker(n) for n in NAMES)})"
            )
        return fillers[name](page_path)
    return _MARKER.sub(replace, markdown)

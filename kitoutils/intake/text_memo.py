"""Checked Markdown texts, remembered from one build to the next.

Parsing every Markdown field with Python-Markdown is most of the cost of
checking a kit (about 10 s for the 29,000 texts of 1,000 sheets), and every
build paid it again though few texts changed. What checking one text finds
depends on that text alone: its findings and its links are kept in the
build's cache folder, under a hash of the text, for the next build, with the
HTML of the text as its page shows it (typography applied), which the pages
then take rather than parse. Whether a link leads somewhere depends on the
other sheets, so that is still checked every build, from the remembered
links (`content_checks.py`).

The file is named after a fingerprint of the code the results depend on (the
model and the checks, Python-Markdown's version): other code never reads an
old result. A file that cannot be read as this code's memo is ignored, and
replaced; it holds the texts of the last build only. The pages' HTML still
goes through the sanitiser (`pages/sanitize.py`): a tampered memo cannot put
a script on a page.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..cache_folder import PACKAGE, code_fingerprint, write_whole
from ..model.markdown_dialect import FieldParser, Finding
from .markup import Checked, Link, check_markdown

# The code a text's findings, links and HTML come from, and the parser's library.
_CHECKING_CODE = ("model", "intake")
_LIBRARIES = ("markdown",)
_PREFIX, _SUFFIX = "textes-verifies-", ".json"  # not a download file's suffix (downloads/store.py)


def checking_fingerprint(package: Path = PACKAGE) -> str:
    """The checks' code (in `package`) and Python-Markdown's version."""
    return code_fingerprint(_CHECKING_CODE, _LIBRARIES, package)


class TextMemo:
    """The Markdown texts checked by the last build (read from `folder`) and by this one
    (`save` writes them there); `code`: the fingerprint the results must have been made with."""

    def __init__(self, folder: Path, code: str | None = None) -> None:
        self.folder = folder
        self.code = code or checking_fingerprint()
        self.path = folder / f"{_PREFIX}{self.code[:20]}{_SUFFIX}"
        self._last_build = _read(self.path, self.code)
        self._this_build: dict[str, list] = {}
        self._checked_anew = False

    def check_markdown(self, text: str, parser: FieldParser, page_text: str | None = None) -> Checked:
        """What `markup.check_markdown` finds in `text`, from the memo when it holds the text;
        `parser` is handed the HTML of `page_text` (the text as the page shows it, with
        its typography: by default `text`), so that the pages parse nothing either."""
        page_text = text if page_text is None else page_text
        key = _key(text, page_text)
        entry = self._this_build.get(key) or self._last_build.get(key)
        remembered = _decoded(entry, len(text)) if entry is not None else None
        if remembered is not None:
            html, findings, links = remembered
            parser.remember_html(page_text, html)
            self._this_build[key] = entry
            return findings, links
        findings, links = check_markdown(text, parser)
        if parser.known_html(text) is not None:  # else refused before parsing (too long…): cheap again
            # The page's text is parsed now rather than by the pages (no more parses
            # than without the memo), so that the next build parses neither.
            html = parser.html(page_text)
            self._this_build[key] = [html, [[f.offset, f.snippet, f.message] for f in findings],
                                     [[link.offset, link.address, link.image] for link in links]]
            self._checked_anew = True
        return findings, links

    def save(self) -> None:
        """Keep this build's texts, and only them, for the next build; remove other code's memos."""
        try:
            if self._checked_anew or self._this_build.keys() != self._last_build.keys():
                content = {"code": self.code, "textes": self._this_build}
                write_whole(self.path, json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode())
            for other in self.folder.glob(f"{_PREFIX}*{_SUFFIX}"):
                if other != self.path:
                    other.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def _key(text: str, page_text: str) -> str:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16)
    if page_text != text:
        digest.update(b"\0" + page_text.encode("utf-8"))
    return digest.hexdigest()


def _read(path: Path, code: str) -> dict[str, list]:
    """The texts a memo file holds, or none when it is missing, damaged or another code's."""
    try:
        content = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(content, dict) or content.get("code") != code or not isinstance(content.get("textes"), dict):
        return {}
    return content["textes"]


def _decoded(entry: object, length: int) -> tuple[str, list[Finding], list[Link]] | None:
    """One remembered text's HTML, findings and links, or None if the entry is not
    one (checked here, one entry at a time, rather than the whole file up front)."""
    if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
            and isinstance(entry[1], list) and isinstance(entry[2], list)):
        return None
    if not all(_row(item, (int, str, str), length) for item in entry[1]) \
            or not all(_row(item, (int, str, bool), length) for item in entry[2]):
        return None
    return entry[0], [Finding(*item) for item in entry[1]], [Link(*item) for item in entry[2]]


def _row(item: object, types: tuple[type, ...], length: int) -> bool:
    """A list of values of these exact types, starting with an offset inside the text."""
    return (isinstance(item, list) and len(item) == len(types)
            and all(type(value) is kind for value, kind in zip(item, types))
            and 0 <= item[0] <= length)

"""Keep generated files on disk, keyed by a hash of what they are made of, so
that a build (`mkdocs serve` after an edit, CI, a fresh `mkdocs build`) only
generates the downloads whose content changed.

Keys include a fingerprint of the generating code and library versions: a new
version of either never serves an old file. The folder is the build's setting
(`.cache/kit/` by default); without one, every file is built.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

_LIBRARIES = ("reportlab", "odfpy")
_SUFFIX = ".bin"


def content_key(*parts: Any) -> str:
    """A stable hash of JSON-able parts (the model objects' data, a format…)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def generator_fingerprint() -> str:
    """The downloads' code and library versions, hashed once per process."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


class ContentCache:
    """Built bytes by content key, in `folder` (None: no cache)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def get(self, key: str, build: Callable[[], bytes]) -> bytes:
        if self.folder is None:
            return build()
        name = content_key(key, generator_fingerprint()) + _SUFFIX
        self._used.add(name)
        path = self.folder / name
        try:
            return path.read_bytes()
        except OSError:
            pass
        content = build()
        try:  # write then rename: a build stopped half-way leaves no torn file
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False) as partial:
                partial.write(content)
            os.replace(partial.name, path)
        except OSError:
            pass  # a read-only or full disk only costs speed
        return content

    def forget_unused(self) -> None:
        """Delete the files this generation did not use, so edits during a long
        `mkdocs serve` do not pile up old versions."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob(f"*{_SUFFIX}"):
            if path.name not in self._used:
                path.unlink(missing_ok=True)

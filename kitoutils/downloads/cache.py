"""Keep generated files keyed by a hash of what they are made of, so that
`mkdocs serve` rebuilds only the downloads whose content changed.

The cache lives in memory for the life of the process and, when
KIT_CACHE_TELECHARGEMENTS names a folder, on disk too, so that separate
`mkdocs build` runs (CI, the benchmark) reuse unchanged files. Disk keys
include a fingerprint of the generating code and libraries: a new version of
either never serves an old file.
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

DISK_CACHE_VARIABLE = "KIT_CACHE_TELECHARGEMENTS"
_LIBRARIES = ("reportlab", "odfpy")


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


def disk_cache_directory() -> Path | None:
    folder = os.environ.get(DISK_CACHE_VARIABLE, "").strip()
    return Path(folder) if folder else None


class ContentCache:
    """Built bytes by content key; what a generation did not use is dropped
    after it, so edits during a long `mkdocs serve` do not pile up."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self._used: set[str] = set()

    def get(self, key: str, build: Callable[[], bytes]) -> bytes:
        self._used.add(key)
        if key not in self._entries:
            self._entries[key] = self._from_disk(key, build)
        return self._entries[key]

    def _from_disk(self, key: str, build: Callable[[], bytes]) -> bytes:
        folder = disk_cache_directory()
        if folder is None:
            return build()
        path = folder / f"{content_key(key, generator_fingerprint())}.bin"
        try:
            return path.read_bytes()
        except OSError:
            pass
        content = build()
        try:  # write then rename: a build stopped half-way leaves no torn file
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False) as partial:
                partial.write(content)
            os.replace(partial.name, path)
        except OSError:
            pass  # a read-only or full disk only costs speed
        return content

    def forget_unused(self) -> None:
        self._entries = {key: value for key, value in self._entries.items() if key in self._used}
        self._used = set()

    def clear(self) -> None:
        self._entries.clear()
        self._used.clear()

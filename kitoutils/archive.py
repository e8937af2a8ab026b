"""Zip a built site reproducibly, and tell when its sources have not changed.

Used for the offline variant of the site: the same sources give the same
zip, byte for byte (the downloads' zip writer, with its fixed date), so a
build can reuse the zip it made last time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .downloads.archive import build_archive

_IGNORED_PARTS = {"__pycache__", ".git", ".cache", "node_modules"}


def fingerprint(paths: list[Path], extra: list[str]) -> str:
    """A digest of every file under `paths` (names and contents) and of `extra` strings."""
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode("utf-8") + b"\0")
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if _IGNORED_PARTS.intersection(path.parts):
                continue
            digest.update(path.as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def zip_directory(directory: Path, folder: str, extra: dict[str, str] | None = None) -> bytes:
    """Every file of `directory` inside one top folder of the zip, plus `extra` text files.

    One top folder, so that unzipping never scatters files among the reader's own.
    """
    entries = {p.relative_to(directory).as_posix(): p.read_bytes()
               for p in directory.rglob("*") if p.is_file()}
    entries.update({name: text.encode("utf-8") for name, text in (extra or {}).items()})
    return build_archive(entries, folder)

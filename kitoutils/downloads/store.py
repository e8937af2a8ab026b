"""Where the downloads live: one file per content, named by a hash of what
it is made of, so no download is held in memory and none is made twice.

A build hands MkDocs the paths of these files. Keys include a fingerprint
of the generating code and of the libraries' versions: a new version of
either never serves an old file. The folder is the build's cache
(`.cache/kit/` by default), which the next build reuses; without one, a
temporary folder serves this build only.

Next to each file, its compressed form (`.z`) waits for the zips that
contain it (the archive of all downloads, the offline copy): compressed
once, in the worker that made the file, then only copied.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable

from ..cache_folder import PACKAGE, code_fingerprint, write_whole
from .zip_archive import Deflated, deflate

# Every library whose version can change a file's bytes: reportlab (both PDFs,
# the ODS's row heights), pikepdf (the fillable PDF's structure and fields); and
# Python's, whose ElementTree writes the ODT and the ODS.
_LIBRARIES = ("reportlab", "pikepdf")
_FILE, _ZIPPED = ".bin", ".z"


def content_key(*parts: Any) -> str:
    """A stable hash of JSON-able parts (the model objects' data, a format…)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The code a download's bytes depend on: its generators, and the model they
# read (typography, credit lines, the kit's identity, the schema).
_GENERATING_CODE = ("downloads", "model")


def generator_fingerprint(package: Path = PACKAGE) -> str:
    """The downloads' code (in `package`) and library versions."""
    return code_fingerprint(_GENERATING_CODE, _LIBRARIES, package)


class FileStore:
    """Files by key in one folder; `scratch`, when given, is the temporary
    folder's owner, kept alive as long as the store is."""

    def __init__(self, folder: Path, scratch: object = None) -> None:
        self.folder = folder
        self._scratch = scratch
        self._used: set[str] = set()
        self._listing: set[str] | None = None  # the folder's file names, read at the first question

    @classmethod
    def for_build(cls, cache_dir: Path | None) -> FileStore:
        """The cache folder, or a temporary folder for one build without cache."""
        if cache_dir is not None:
            return cls(cache_dir)
        scratch = tempfile.TemporaryDirectory(prefix="kit-telechargements-")
        return cls(Path(scratch.name), scratch)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{_FILE}"

    def holds(self, key: str, *, zipped: bool = True) -> bool:
        """Whether the file (and its compressed form, unless not wanted) is here; marks it used."""
        self._used.update({f"{key}{_FILE}", f"{key}{_ZIPPED}"})
        present = self._present()
        return f"{key}{_FILE}" in present and (not zipped or f"{key}{_ZIPPED}" in present)

    def put(self, key: str, content: bytes, *, zipped: bool = True) -> Path:
        """Keep `content` under `key` (and its compressed form): written whole or not at all."""
        self._used.update({f"{key}{_FILE}", f"{key}{_ZIPPED}"})
        if zipped:
            self._wrote(write_whole(self._zipped(key), deflate(content).to_bytes()))
        return self._wrote(write_whole(self.path(key), content))

    def write_with(self, key: str, fill: Callable[[BinaryIO], None]) -> Path:
        """Keep under `key` what `fill` writes (a large file, never whole in memory)."""
        self._used.add(f"{key}{_FILE}")
        return self._wrote(write_whole(self.path(key), fill))

    def deflated(self, key: str) -> Deflated:
        """The compressed form of the file `key`, made now if it is missing."""
        try:
            return Deflated.from_bytes(self._zipped(key).read_bytes())
        except OSError:
            member = deflate(self.path(key).read_bytes())
            self._wrote(write_whole(self._zipped(key), member.to_bytes()))
            return member

    def _zipped(self, key: str) -> Path:
        return self.folder / f"{key}{_ZIPPED}"

    def _present(self) -> set[str]:
        # One listing of the folder, not two file tests for each of thousands of keys.
        # (Files the workers write are not asked about again: each key is asked once.)
        if self._listing is None:
            self._listing = set(os.listdir(self.folder)) if self.folder.is_dir() else set()
        return self._listing

    def _wrote(self, path: Path) -> Path:
        if self._listing is not None:
            self._listing.add(path.name)
        return path

    def forget_unused(self) -> None:
        """Delete the files this build did not use, so that edits during a
        long `mkdocs serve` do not pile up old versions."""
        for suffix in (_FILE, _ZIPPED):
            for path in self.folder.glob(f"*{suffix}"):
                if path.name not in self._used:
                    path.unlink(missing_ok=True)

"""What every user of the build's cache folder (`.cache/kit/`) shares.

A cached result is reused by a later build, perhaps one made with other
code: so each is keyed by a fingerprint of the code and library versions it
depends on, and each file is written whole or not at all, since a build may be
stopped half-way (Ctrl+C in `mkdocs serve`).
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, Callable

PACKAGE = Path(__file__).parent


@cache
def code_fingerprint(folders: tuple[str, ...], libraries: tuple[str, ...], package: Path = PACKAGE) -> str:
    """A hash of the .py files of `folders` (parts of `package`), of the installed
    versions of `libraries` and of Python's; computed once per process, like the
    code it describes, which is imported once."""
    digest = hashlib.sha256()
    for source in sorted(path for folder in folders for path in (package / folder).glob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for library in libraries:
        digest.update(f"{library}={metadata.version(library)}".encode())
    digest.update(f"python={platform.python_version()}".encode())
    return digest.hexdigest()


def write_whole(path: Path, content: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write then rename: a build stopped half-way leaves no torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".partiel-", delete=False)
    try:
        with partial:
            if callable(content):
                content(partial)
            else:
                partial.write(content)
        os.chmod(partial.name, 0o644)  # readable like any file of the site it is copied or linked into
        os.replace(partial.name, path)
    except BaseException:
        os.unlink(partial.name)  # no half-written file left behind either
        raise
    return path

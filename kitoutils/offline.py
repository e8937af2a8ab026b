"""The offline copy of the site: its zip, its notice, and when it can be reused.

The same sources give the same zip, byte for byte (the downloads' zip
writer, with the build's fixed date), so a build can reuse the zip it made
last time. The copy's download files are the site's own, already compressed
for zips when they were made: zipping the copy compresses its pages only.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from typing import Callable

from .downloads import french_size
from .downloads.zip_archive import Deflated, deflate, write_zip

ZIP_PATH = "hors-ligne/kit-hors-ligne.zip"
ZIP_FOLDER = "kit-democratie-contributive"

README = """\
Kit outils démocratie contributive : version sans connexion

1. Décompressez ce fichier zip (sous Windows : clic droit, « Extraire tout »).
2. Dans le dossier « kit-democratie-contributive », ouvrez le fichier
   index.html avec votre navigateur.

Toutes les pages et la recherche fonctionnent sans connexion. Ce que vous
cochez dans les listes est enregistré dans votre navigateur, sur cet
ordinateur seulement.
"""

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


def write_site_zip(directory: Path, target: Path, folder: str, epoch: int, extra: dict[str, str],
                   compressed: Callable[[str], Deflated | None]) -> None:
    """Zip every file of `directory` inside one top folder, plus `extra` text
    files, into `target`; `compressed` gives a file already compressed (by its
    path in the site), or None to compress it now.

    One top folder, so that unzipping never scatters files among the reader's own.
    """
    files = {p.relative_to(directory).as_posix(): p for p in directory.rglob("*") if p.is_file()}
    names = sorted({*files, *extra})

    def member(name: str) -> Deflated:
        if name in extra:
            return deflate(extra[name].encode("utf-8"))
        return compressed(name) or deflate(files[name].read_bytes())

    partial = target.with_suffix(".partiel")
    with partial.open("wb") as out:
        write_zip(out, ((f"{folder}/{name}", member(name)) for name in names), epoch)
    partial.replace(target)  # never leave a half-written zip to be reused


def variant_notice(site_url: str) -> str:
    """What the offline copy's home page says about itself."""
    return (
        '!!! info "Version sans connexion"\n\n'
        "    Vous consultez la version du kit enregistrée sur votre ordinateur. "
        f"La version en ligne, peut-être plus récente, se trouve à l'adresse <{site_url}>.\n"
    )


def skipped_notice() -> str:
    """What a preview built without the offline copy says in its place."""
    return "*La version sans connexion n'est pas construite dans cet aperçu.*\n"


def download_notice(page_path: str, zip_size: int) -> str:
    """The online site's offer of the offline copy, linked from `page_path` (in docs/)."""
    link = posixpath.relpath(ZIP_PATH, posixpath.dirname(page_path) or ".")
    return (
        '!!! tip "Sans connexion"\n\n'
        f"    [Télécharger le site pour l'utiliser sans connexion]({link}) (fichier zip, {french_size(zip_size)}) : "
        "décompressez-le, puis ouvrez le fichier `index.html` du dossier avec votre navigateur. "
        "La recherche et les listes à cocher fonctionnent aussi sans réseau.\n"
    )

"""The offline copy of the site: its zip, its notice, and when it can be reused.

The same sources give the same zip, byte for byte (the downloads' zip
writer, with the build's fixed date), so a build can reuse the zip it made
last time.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from .downloads import french_size
from .downloads.zip_archive import build_archive

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


def zip_directory(directory: Path, folder: str, epoch: int, extra: dict[str, str] | None = None) -> bytes:
    """Every file of `directory` inside one top folder of the zip, plus `extra` text files.

    One top folder, so that unzipping never scatters files among the reader's own.
    """
    entries = {p.relative_to(directory).as_posix(): p.read_bytes()
               for p in directory.rglob("*") if p.is_file()}
    entries.update({name: text.encode("utf-8") for name, text in (extra or {}).items()})
    return build_archive(entries, epoch, folder)


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

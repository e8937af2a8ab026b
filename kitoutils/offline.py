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


# Stands for the zip's size in a page until the zip is made (hooks/hors_ligne.py puts the size in).
SIZE_MARK = '<span class="kit-taille-hors-ligne"></span>'


def download_notice(page_path: str, size_text: str) -> str:
    """The online site's offer of the offline copy, linked from `page_path` (in docs/);
    size_text: « 42 Mo », or SIZE_MARK until the zip is made."""
    link = posixpath.relpath(ZIP_PATH, posixpath.dirname(page_path) or ".")
    return (
        '!!! tip "Sans connexion"\n\n'
        f"    [Télécharger le site pour l’utiliser sans connexion]({link}) (fichier zip, {size_text}) : "
        "décompressez-le, puis ouvrez le fichier `index.html` du dossier avec votre navigateur. "
        "La recherche et les listes à cocher fonctionnent aussi sans réseau.\n"
    )


# --- The worker shim's frame, for the offline copy's Content-Security-Policy ---------------
# From file://, a Worker cannot start; the iframe-worker shim runs the search
# worker in a hidden frame whose document it writes itself, with one inline
# script (postMessage and importScripts for the worker, by their source text).
# That frame inherits the page's policy, so the policy names that script's hash.
_FRAME_START = "document.write(`<html><body><script>"
_FRAME_END = "<\\/script><script src="


class ShimUnknown(ValueError):
    """The shim is not the one this code knows how to read (a new release)."""


def _function_source(source: str, name: str) -> str:
    """The source text of `function name(…){…}` in a script (its braces counted)."""
    start = source.find(f"function {name}(")
    if start == -1:
        raise ShimUnknown(f"fonction « {name} » introuvable dans le script du module iframe-worker")
    depth = 0
    for index in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[index], 0)
        if depth == 0:
            return source[start : index + 1]
    raise ShimUnknown(f"fonction « {name} » incomplète dans le script du module iframe-worker")


def worker_frame_script(shim_source: str, worker_url: str) -> str:
    """The inline script the shim writes into its frame for the worker at worker_url
    (the `search` address of the page's Material configuration)."""
    start = shim_source.find(_FRAME_START)
    end = shim_source.find(_FRAME_END, start)
    if start == -1 or end == -1:
        raise ShimUnknown("le script du module iframe-worker n'a pas la forme attendue")
    template = shim_source[start + len(_FRAME_START) : end]
    names = dict.fromkeys(part.split("}", 1)[0] for part in template.split("${")[1:])
    if len(names) != 3:
        raise ShimUnknown("le script du module iframe-worker n'a pas la forme attendue")
    *functions, url = names
    for name in functions:
        template = template.replace("${" + name + "}", _function_source(shim_source, name))
    return template.replace("${" + url + "}", worker_url)

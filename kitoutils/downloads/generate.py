"""Produce every download of the kit, each only once per distinct content.

Order of work: kit.json and its schema (always: they are small and the open
data page links to them), then, when the build's settings ask for downloads,
each sheet's PDF and each checklist in every format, made in parallel where
they are not in the store yet, and the zip of them all. Every file lands in
the store (`store.py`) and is handed on by its path.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from ..model.content import Fiche, Kit, Liste
from ..settings import BuildSettings
from . import workers
from .catalog import (
    ARCHIVE_PATH,
    CHECKLIST_FORMATS,
    KIT_JSON_PATH,
    KIT_SCHEMA_PATH,
    Download,
    checklist_path,
    sheet_pdf_path,
)
from .errors import produce
from .kit_json import build_kit_json, build_kit_schema, model_data
from .store import FileStore, content_key, generator_fingerprint
from .workers import Job
from .zip_archive import FOLDER, Deflated, write_zip

# The formats whose builders write the build's date (ODF and fillable PDF metadata, zip entries).
_DATED = {"odt", "ods", "pdf"}


@dataclass(frozen=True)
class Downloads:
    """The generated files, by site path, and the links pages show for them."""

    store: FileStore
    keys: dict[str, str]  # site path -> the file's key in the store
    enabled: bool
    built: tuple[str, ...] = ()  # the site paths this build made (the others came from the cache)
    archive_online: str | None = None  # where the archive is when this site leaves it out
    _sizes: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def files(self) -> dict[str, Path]:
        """Each file on disk, by site path."""
        return {path: self.store.path(key) for path, key in self.keys.items()}

    def size(self, path: str) -> int:
        if path not in self._sizes:
            self._sizes[path] = self.store.path(self.keys[path]).stat().st_size
        return self._sizes[path]

    def deflated(self, path: str) -> Deflated | None:
        """The file at `path`, compressed for a zip (None: not a download)."""
        key = self.keys.get(path)
        return None if key is None else self.store.deflated(key)

    def _download(self, path: str, label: str) -> Download:
        return Download(path, label, self.size(path))

    def checklist(self, fiche_id: str, liste_id: str) -> list[Download]:
        if not self.enabled:
            return []
        return [self._download(checklist_path(fiche_id, liste_id, fmt), fmt.label) for fmt in CHECKLIST_FORMATS]

    def sheet(self, fiche_id: str) -> Download | None:
        return self._download(sheet_pdf_path(fiche_id), "PDF") if self.enabled else None

    def archive(self) -> Download | None:
        if not self.enabled or ARCHIVE_PATH not in self.keys:
            return None
        return self._download(ARCHIVE_PATH, "zip")

    def without_archive(self, site_url: str) -> Downloads:
        """The same files but the archive of them all, which stays on the site at `site_url`."""
        if ARCHIVE_PATH not in self.keys:
            return self
        keys = {path: key for path, key in self.keys.items() if path != ARCHIVE_PATH}
        return replace(self, keys=keys, built=(), archive_online=site_url.rstrip("/") + "/" + ARCHIVE_PATH)


def generate_downloads(kit: Kit, settings: BuildSettings, workers_count: int | None = None) -> Downloads:
    """Every download of the kit, made where the store does not hold it yet.

    `workers_count`: processes that make files (default: the cores this process may use).
    """
    store = FileStore.for_build(settings.cache_dir)
    keys: dict[str, str] = {}
    # Each sheet's data, made once: it keys the sheet's files and fills kit.json.
    sheets = {fiche.id: model_data(fiche) for fiche in kit.fiches}
    sheet_digests = {fiche_id: content_key(data) for fiche_id, data in sheets.items()}
    vocabulary = content_key(model_data(kit.vocabulaire))
    # The open data, keyed by what it is made of: an unchanged kit is not written out again.
    keys[KIT_JSON_PATH] = content_key("donnees", KIT_JSON_PATH, vocabulary,
                                      [sheet_digests[f.id] for f in kit.fiches], generator_fingerprint())
    keys[KIT_SCHEMA_PATH] = content_key("donnees", KIT_SCHEMA_PATH, generator_fingerprint())
    for path, what, build in ((KIT_JSON_PATH, "les données du kit (kit.json)", lambda: build_kit_json(kit, sheets)),
                              (KIT_SCHEMA_PATH, "le schéma de kit.json", build_kit_schema)):
        if not store.holds(keys[path]):
            store.put(keys[path], produce(what, build))
    built: list[str] = []
    if settings.downloads:
        seed = [generator_fingerprint(), settings.epoch]
        tasks = []
        for fiche in kit.fiches:
            for part in _sheet_jobs(kit, fiche, [sheet_digests[fiche.id], vocabulary], seed, settings.epoch):
                task = []
                for path, job in part:
                    keys[path] = job.key
                    if not store.holds(job.key):
                        task.append(job)
                        built.append(path)
                tasks.append(task)
        workers.run(tasks, store, settings.epoch, workers_count)
        # The zip lists the files in the kit's order (kit.fiches), as every page does.
        members = list(keys.items())
        archive = content_key("archive", members, seed)
        if not store.holds(archive, zipped=False):
            produce("l'archive de tous les téléchargements", lambda: store.write_with(archive, lambda out: write_zip(
                out, ((f"{FOLDER}/{path}", store.deflated(key)) for path, key in members), settings.epoch)))
            built.append(ARCHIVE_PATH)
        keys[ARCHIVE_PATH] = archive
        if settings.cache_dir is not None:
            store.forget_unused()
    return Downloads(store, keys, settings.downloads, tuple(built))


def _sheet_jobs(kit: Kit, fiche: Fiche, digests: list[str], seed: list,
                epoch: int) -> Iterator[list[tuple[str, Job]]]:
    """A sheet's files with their keys, in parts that workers share: its PDF,
    then each checklist in every format (after editing one sheet, as during
    `mkdocs serve`, its parts are made side by side)."""
    where = f"de la fiche « {fiche.titre} » ({kit.files[fiche.id]})"
    # The sheet's PDF reads the vocabulary and the titles and summaries of its
    # related sheets (keep in step with sheet_pdf.py): only they make its key,
    # and only they travel to the worker.
    related = tuple(kit.fiche(other) for other in fiche.voir_aussi)
    pdf_kit = Kit(kit.vocabulaire, (fiche, *related), {})
    # digests: of the sheet's data and of the vocabulary.
    key = content_key("fiche", digests, [(r.id, r.titre, r.resume) for r in related], seed)
    yield [(sheet_pdf_path(fiche.id), Job(key, f"le PDF {where}", "fiche", (pdf_kit, fiche)))]
    for liste in fiche.checklists():
        liste_key = _checklist_key(fiche, liste, seed)
        part = []
        for fmt in CHECKLIST_FORMATS:
            args = (fiche, liste, epoch) if fmt.key in _DATED else (fiche, liste)
            what = f"le fichier {fmt.label} de la liste « {liste.titre} » ({liste.id}) {where}"
            part.append((checklist_path(fiche.id, liste.id, fmt), Job(content_key(liste_key, fmt.key), what, fmt.key, args)))
        yield part


def _checklist_key(fiche: Fiche, liste: Liste, seed: list) -> str:
    # What a checklist's builders read: the checklist, and the sheet's id,
    # title and source (keep in step with them), not the rest of the sheet,
    # so editing one checklist leaves its neighbours cached.
    sheet = {"id": fiche.id, "titre": fiche.titre, "statut": fiche.statut, "reprend": fiche.reprend,
             "sources": model_data(fiche.sources)}
    return content_key("liste", sheet, model_data(liste), seed)

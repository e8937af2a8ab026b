"""Produce every download of the kit, each only once per distinct content.

Order of work: kit.json and its schema (always: they are small and the open
data page links to them), then, when the build's settings ask for downloads,
each sheet's PDF, each checklist in every format, and the zip of them all.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from typing import Callable

from ..model.content import Fiche, Kit, Liste
from ..settings import BuildSettings
from .zip_archive import build_archive
from .cache import ContentCache, content_key
from .catalog import (
    ARCHIVE_PATH,
    CHECKLIST_FORMATS,
    CSV,
    KIT_JSON_PATH,
    KIT_SCHEMA_PATH,
    MARKDOWN,
    ODS,
    ODT,
    PDF_FORM,
    Download,
    Format,
    checklist_path,
    sheet_pdf_path,
)
from .csv_file import build_csv
from .errors import DownloadFailed
from .kit_json import build_kit_json, build_kit_schema, _data
from .markdown_file import build_markdown
def _imported_on_use(module: str, function: str) -> Callable[..., bytes]:
    """A builder whose module (reportlab, odfpy: a tenth of a second to import)
    is only imported when a file is really built, not by builds that skip
    downloads or find them all in the cache."""
    def builder(*args):
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)(*args)
    return builder


build_pdf_form = _imported_on_use("pdf_form", "build_pdf_form")
build_odt = _imported_on_use("odt", "build_odt")
build_ods = _imported_on_use("ods", "build_ods")
build_sheet_pdf = _imported_on_use("sheet_pdf", "build_sheet_pdf")

# Each checklist format's builder, given the checklist and the build's date
# (the ODF formats write it in their metadata and zip entries).
CHECKLIST_BUILDERS: dict[str, Callable[[Fiche, Liste, int], bytes]] = {
    PDF_FORM.key: lambda fiche, liste, epoch: build_pdf_form(fiche, liste),
    ODT.key: build_odt,
    CSV.key: lambda fiche, liste, epoch: build_csv(fiche, liste),
    ODS.key: build_ods,
    MARKDOWN.key: lambda fiche, liste, epoch: build_markdown(fiche, liste),
}


@dataclass(frozen=True)
class Downloads:
    """The generated files by site path, and the links pages show for them."""

    files: dict[str, bytes]
    enabled: bool

    def _download(self, path: str, label: str) -> Download:
        return Download(path, label, len(self.files[path]))

    def checklist(self, fiche_id: str, liste_id: str) -> list[Download]:
        if not self.enabled:
            return []
        return [self._download(checklist_path(fiche_id, liste_id, fmt), fmt.label) for fmt in CHECKLIST_FORMATS]

    def sheet(self, fiche_id: str) -> Download | None:
        return self._download(sheet_pdf_path(fiche_id), "PDF") if self.enabled else None

    def archive(self) -> Download | None:
        return self._download(ARCHIVE_PATH, "zip") if self.enabled else None


def generate_downloads(kit: Kit, settings: BuildSettings) -> Downloads:
    """Every download of the kit, taken from the cache where its content has not changed."""
    cache = ContentCache(settings.cache_dir)
    files: dict[str, bytes] = {
        KIT_JSON_PATH: _produce("les données du kit (kit.json)", lambda: build_kit_json(kit)),
        KIT_SCHEMA_PATH: _produce("le schéma de kit.json", build_kit_schema),
    }
    if settings.downloads:
        for fiche in kit.fiches:
            files.update(_sheet_files(kit, fiche, settings.epoch, cache))
        fingerprints = {path: hashlib.sha256(content).hexdigest() for path, content in files.items()}
        files[ARCHIVE_PATH] = _produce(
            "l'archive de tous les téléchargements",
            lambda: build_archive(dict(files), settings.epoch),
            content_key("archive", fingerprints, settings.epoch),
            cache,
        )
        cache.forget_unused()
    return Downloads(files, settings.downloads)


def _sheet_files(kit: Kit, fiche: Fiche, epoch: int, cache: ContentCache) -> dict[str, bytes]:
    where = f"de la fiche « {fiche.titre} » ({kit.files[fiche.id]})"
    # The sheet's PDF shows the vocabulary's labels and its related sheets.
    related = [_data(kit.fiche(other)) for other in fiche.voir_aussi]
    files = {sheet_pdf_path(fiche.id): _produce(
        f"le PDF {where}",
        lambda: build_sheet_pdf(kit, fiche),
        content_key("fiche", _data(fiche), _data(kit.vocabulaire), related, epoch),
        cache,
    )}
    for liste in fiche.checklists():
        for fmt in CHECKLIST_FORMATS:
            files[checklist_path(fiche.id, liste.id, fmt)] = _produce(
                f"le fichier {fmt.label} de la liste « {liste.titre} » ({liste.id}) {where}",
                lambda: CHECKLIST_BUILDERS[fmt.key](fiche, liste, epoch),
                _checklist_key(fiche, liste, fmt, epoch),
                cache,
            )
    return files


def _checklist_key(fiche: Fiche, liste: Liste, fmt: Format, epoch: int) -> str:
    # What a checklist's builders read: the checklist, and the sheet's id,
    # title and source (keep in step with them), not the rest of the sheet,
    # so editing one checklist leaves its neighbours cached.
    sheet = {"id": fiche.id, "titre": fiche.titre, "statut": fiche.statut, "reprend": fiche.reprend,
             "sources": _data(fiche.sources)}
    return content_key("liste", fmt.key, sheet, _data(liste), epoch)


def _produce(what: str, build: Callable[[], bytes], key: str | None = None,
             cache: ContentCache | None = None) -> bytes:
    """Build (or take from the cache) one file; a failure names what was being made."""
    def checked_build() -> bytes:
        try:
            return build()
        except Exception as error:  # any library failure becomes a located, French message
            raise DownloadFailed(f"Impossible de produire {what} : {type(error).__name__} : {error}") from error
    return checked_build() if key is None or cache is None else cache.get(key, checked_build)



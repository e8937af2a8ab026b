"""Where every download lives and what it is called: the one source of truth.

The generators write files at these paths and the page templates link to
the same paths, so a link and its file cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

DOWNLOADS_DIR = "telechargements"
KIT_JSON_PATH = "donnees/kit.json"
KIT_SCHEMA_PATH = "schemas/kit.schema.json"
ARCHIVE_PATH = f"{DOWNLOADS_DIR}/kit-outils-democratie-contributive.zip"


@dataclass(frozen=True)
class Format:
    """A download format offered for every checklist."""

    key: str
    extension: str
    label: str  # what the reader sees in « Télécharger : … »


PDF_FORM = Format("pdf", "pdf", "PDF à remplir")
ODT = Format("odt", "odt", "ODT")
CSV = Format("csv", "csv", "CSV")
ODS = Format("ods", "ods", "ODS")
MARKDOWN = Format("md", "md", "Markdown")

# In the order the links are shown.
CHECKLIST_FORMATS = (PDF_FORM, ODT, CSV, ODS, MARKDOWN)


def checklist_path(fiche_id: str, liste_id: str, fmt: Format) -> str:
    """A checklist's file; its name says the sheet and the checklist once saved."""
    return f"{DOWNLOADS_DIR}/{fiche_id}/{fiche_id}-{liste_id}.{fmt.extension}"


def sheet_pdf_path(fiche_id: str) -> str:
    """The printable PDF of a whole sheet (no checklist name is empty, so no clash)."""
    return f"{DOWNLOADS_DIR}/{fiche_id}/{fiche_id}.pdf"


@dataclass(frozen=True)
class Download:
    """A generated file as a page links to it."""

    path: str  # relative to the site's root
    label: str
    size: int  # in bytes

    @property
    def size_text(self) -> str:
        return french_size(self.size)


def french_size(size: int) -> str:
    """A file size as French readers write it: « 22 Ko », « 1,4 Mo » (1 Ko = 1000 octets)."""
    nbsp = "\u00a0"
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}{nbsp}Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + f"{nbsp}Mo"

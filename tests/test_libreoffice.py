"""The ODS and ODT downloads opened by LibreOffice (Debian's, headless), the
program people open them with, and printed to PDF: what a person sees on paper.

One LibreOffice run converts every file of the session (the built site's
downloads and two longer lists made here), with a profile folder of its own.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from kitoutils.downloads.ods import build_ods
from kitoutils.downloads.text import plain_inline
from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Element, Liste
from kitoutils.settings import DEFAULT_EPOCH

from conftest import KIT, marked, normalized, required_program

KIT_DATA = load_kit(KIT)
CHECKLISTS = [(fiche, liste) for fiche in KIT_DATA.fiches for liste in fiche.checklists()]
IDS = [f"{fiche.id}/{liste.id}" for fiche, liste in CHECKLISTS]
ALL_ITEMS = [element for _, liste in CHECKLISTS for element in liste.elements]
# A list of about fifteen items prints on one page: the kit's fifteen longest actions.
SHORT_LIST = Liste(id="quinze", titre="Les quinze actions les plus longues du kit", elements=tuple(
    Element(id=f"action-{n}", texte=element.texte) for n, element in
    enumerate(sorted(ALL_ITEMS, key=lambda e: len(plain_inline(e.texte)), reverse=True)[:15])))
# Every action of the kit in one list: several pages.
LONG_LIST = Liste(id="toutes", titre="Toutes les actions du kit", elements=tuple(
    Element(id=f"action-{n}", texte=element.texte) for n, element in enumerate(ALL_ITEMS)))


# Lines of 10 pt text closer than this overlap on paper.
MIN_LINE_GAP = 9


@dataclass(frozen=True)
class Chunk:
    page: int
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Printed:
    """A document as LibreOffice prints it: its pages' text and where each piece lies."""

    reader: PdfReader

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def text(self) -> str:
        return normalized(" ".join(page.extract_text() for page in self.reader.pages))

    def chunks(self) -> list[Chunk]:
        """The text pieces in reading order: page by page, top to bottom, left to right."""
        found: list[Chunk] = []
        for number, page in enumerate(self.reader.pages):
            def visit(text, cm, tm, font, size, number=number):
                if text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    found.append(Chunk(number, round(x, 1), round(y, 1), text))
            page.extract_text(visitor_text=visit)
        return sorted(found, key=lambda c: (c.page, -c.y, c.x))

    def first_column_chunks(self) -> list[Chunk]:
        """The text printed under the « Action » header, and left of it, down every page,
        with the rest of those lines left of the next column (a muted mention is a piece of its own)."""
        column = []
        chunks = self.chunks()
        for number in range(self.pages):
            on_page = [c for c in chunks if c.page == number]
            header = next(c for c in on_page if c.text.strip() == "Action")
            next_column = next(c for c in on_page if c.text.strip() == "Fait" and abs(c.y - header.y) < 1)
            lines = {c.y for c in on_page if c.y < header.y and c.x < header.x + 2}
            column += [c for c in on_page if c.y in lines and c.x < next_column.x]
        return column

    def first_column(self) -> str:
        return normalized(" ".join(c.text for c in self.first_column_chunks()))

    def overprinted_lines(self) -> list[tuple[str, str]]:
        """Lines of the first column printed over each other (a row too short for its text)."""
        column = self.first_column_chunks()
        return [(above.text, below.text) for above, below in zip(column, column[1:])
                if above.page == below.page and 0.5 < above.y - below.y < MIN_LINE_GAP]


@pytest.fixture(scope="session")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Every ODS and ODT of the site, and the two lists above, printed by LibreOffice.

    Keys: « <download name>.ods » or « .odt », « quinze.ods », « toutes.ods ».
    """
    soffice = required_program(shutil.which("soffice"), "LibreOffice est introuvable : installez les paquets "
                               "Debian « libreoffice-calc-nogui » et « libreoffice-writer-nogui »")
    work = tmp_path_factory.mktemp("libreoffice")
    sources = work / "documents"
    sources.mkdir()
    # An ODS and the ODT of a list share a name: each is copied under « name-ods.ods », « name-odt.odt ».
    for path in sorted(built_site.glob("telechargements/*/*.od[st]")):
        shutil.copyfile(path, sources / f"{path.stem}-{path.suffix[1:]}{path.suffix}")
    fiche = KIT_DATA.fiches[0]
    for liste in (SHORT_LIST, LONG_LIST):
        (sources / f"{liste.id}-ods.ods").write_bytes(build_ods(fiche, liste, DEFAULT_EPOCH))
    out = work / "pdf"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *sorted(map(str, sources.iterdir()))],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    printed = {}
    for source in sources.iterdir():
        stem, kind = source.stem.rsplit("-", 1)
        pdf = out / f"{source.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice n'a pas converti {source.name} : {result.stdout}{result.stderr}"
        printed[f"{stem}.{kind}"] = Printed(PdfReader(pdf))
    return printed


def test_libreoffice_printed_every_spreadsheet_and_text_of_the_site(printed):
    expected = {f"{fiche.id}-{liste.id}.{kind}" for fiche, liste in CHECKLISTS for kind in ("ods", "odt")}
    assert expected <= set(printed)


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_spreadsheet_prints_the_actions_first_on_one_page(printed, fiche, liste):
    sheet = printed[f"{fiche.id}-{liste.id}.ods"]
    assert sheet.pages == 1
    # The first column holds the actions, in order, and nothing else.
    assert sheet.first_column() == normalized(" ".join(marked(plain_inline(e.texte), e) for e in liste.elements))
    assert sheet.overprinted_lines() == []
    text = sheet.text()
    assert normalized(liste.titre) in text and normalized(fiche.titre) in text
    assert "Fait Responsable Échéance Note" in text
    # The ids are kept in the file, for reading it back, but not printed.
    assert not any(element.id in text for element in liste.elements)
    assert "page 1 sur 1" in text


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_text_document_prints_every_action_on_one_page(printed, fiche, liste):
    document = printed[f"{fiche.id}-{liste.id}.odt"]
    assert document.pages == 1
    text = document.text()
    assert normalized(liste.titre) in text
    for element in liste.elements:
        assert normalized(marked(plain_inline(element.texte), element)) in text


def test_a_list_of_fifteen_long_actions_prints_on_one_page(printed):
    assert len(SHORT_LIST.elements) == 15
    sheet = printed["quinze.ods"]
    assert sheet.pages == 1
    assert sheet.first_column() == normalized(" ".join(plain_inline(e.texte) for e in SHORT_LIST.elements))
    assert sheet.overprinted_lines() == []


def test_a_long_list_repeats_the_header_on_every_printed_page(printed):
    sheet = printed["toutes.ods"]
    assert sheet.pages >= 2
    for number, page in enumerate(sheet.reader.pages, start=1):
        text = normalized(page.extract_text())
        assert "Action Fait Responsable Échéance Note" in text
        assert f"page {number} sur {sheet.pages}" in text
    assert sheet.first_column() == normalized(" ".join(plain_inline(e.texte) for e in LONG_LIST.elements))
    assert sheet.overprinted_lines() == []

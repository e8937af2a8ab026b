"""Generating the downloads: the content-hash cache, skipping them, failures, fixed dates.

Settings come in as arguments (BuildSettings), never from the environment."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

from kitoutils.downloads import DownloadFailed, generate_downloads
from kitoutils.downloads import cache, generate
from kitoutils.downloads.catalog import (
    ARCHIVE_PATH,
    CHECKLIST_FORMATS,
    KIT_JSON_PATH,
    KIT_SCHEMA_PATH,
    checklist_path,
    french_size,
    sheet_pdf_path,
)
from kitoutils.intake.loader import load_kit
from kitoutils.pages.render import render_fiche
from kitoutils.settings import BuildSettings

from conftest import KIT


NO_CACHE = BuildSettings(cache_dir=None)


@pytest.fixture
def cached(tmp_path) -> BuildSettings:
    """Settings with a disk cache of the test's own."""
    return BuildSettings(cache_dir=tmp_path / "cache")


@pytest.fixture
def build_calls(monkeypatch) -> list[tuple[str, str, str]]:
    """Wrap every checklist builder to record (format, sheet, checklist) per real build."""
    calls = []
    for key, builder in list(generate.CHECKLIST_BUILDERS.items()):
        def counting(fiche, liste, epoch, key=key, builder=builder):
            calls.append((key, fiche.id, liste.id))
            return builder(fiche, liste, epoch)
        monkeypatch.setitem(generate.CHECKLIST_BUILDERS, key, counting)
    return calls


def test_every_checklist_and_sheet_gets_its_files():
    kit = load_kit(KIT)
    files = generate_downloads(kit, NO_CACHE).files
    for fiche in kit.fiches:
        assert files[sheet_pdf_path(fiche.id)].startswith(b"%PDF-")
        for liste in fiche.checklists():
            for fmt in CHECKLIST_FORMATS:
                assert files[checklist_path(fiche.id, liste.id, fmt)]
    assert {KIT_JSON_PATH, KIT_SCHEMA_PATH, ARCHIVE_PATH} <= set(files)


def test_unchanged_checklists_are_not_built_again(build_calls, kit_copy, cached):
    kit = load_kit(kit_copy)
    checklists = sum(len(f.checklists()) for f in kit.fiches)
    first = generate_downloads(kit, cached)
    assert len(build_calls) == checklists * len(CHECKLIST_FORMATS)

    build_calls.clear()
    again = generate_downloads(load_kit(kit_copy), cached)  # a rebuild reloads the kit: a new, equal object
    assert build_calls == []
    assert again.files == first.files

    sheet = kit_copy / "pilotage.yml"
    text = sheet.read_text(encoding="utf-8")
    old = "Désigner une cheffe ou un chef de projet pour la coordination technique de l'atelier."
    sheet.write_text(text.replace(old, "Désigner une cheffe de projet à mi-temps."), encoding="utf-8")
    build_calls.clear()
    changed = generate_downloads(load_kit(kit_copy), cached)
    assert sorted(build_calls) == sorted((fmt.key, "pilotage", "equipe-projet") for fmt in CHECKLIST_FORMATS)
    csv_path = checklist_path("pilotage", "equipe-projet", CHECKLIST_FORMATS[2])
    assert "à mi-temps" in changed.files[csv_path].decode("utf-8-sig")
    assert changed.files[ARCHIVE_PATH] != first.files[ARCHIVE_PATH]
    unchanged = checklist_path("pilotage", "portage-et-appuis", CHECKLIST_FORMATS[0])
    assert changed.files[unchanged] == first.files[unchanged]


def test_without_downloads_only_the_open_data_and_no_links(build_calls):
    kit = load_kit(KIT)
    downloads = generate_downloads(kit, BuildSettings(downloads=False))
    assert set(downloads.files) == {KIT_JSON_PATH, KIT_SCHEMA_PATH}
    assert build_calls == []
    page = render_fiche(kit, kit.fiche("pilotage"), downloads)
    assert "Télécharger" not in page and "telechargements/" not in page


def test_pages_link_every_format_with_its_french_size():
    kit = load_kit(KIT)
    downloads = generate_downloads(kit, NO_CACHE)
    page = render_fiche(kit, kit.fiche("pilotage"), downloads)
    liste = kit.fiche("pilotage").checklists()[0]
    for fmt in CHECKLIST_FORMATS:
        path = checklist_path("pilotage", liste.id, fmt)
        size = french_size(len(downloads.files[path]))
        assert f"[{fmt.label} ({size})](../{path})" in page
    assert "Télécharger la fiche\u00a0: [PDF à imprimer (" in page


def test_french_sizes():
    assert french_size(300) == "1\u00a0Ko"
    assert french_size(22_400) == "22\u00a0Ko"
    assert french_size(1_450_000) == "1,4\u00a0Mo"


def test_a_failing_builder_names_the_sheet_and_the_checklist(monkeypatch):
    def broken(fiche, liste, epoch):
        raise ValueError("police introuvable")
    monkeypatch.setitem(generate.CHECKLIST_BUILDERS, "odt", broken)
    with pytest.raises(DownloadFailed) as failure:
        generate_downloads(load_kit(KIT), NO_CACHE)
    message = str(failure.value)
    assert message.startswith("Impossible de produire le fichier ODT de la liste « ")
    assert "de la fiche « " in message and "(kit/" in message
    assert message.endswith(": ValueError : police introuvable")


def test_the_build_date_dates_every_format(monkeypatch):
    # reportlab reads SOURCE_DATE_EPOCH itself; the build hands the same date to our writers.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    kit = load_kit(KIT)
    files = generate_downloads(kit, BuildSettings(epoch=1700000000)).files
    pdf = PdfReader(io.BytesIO(files[sheet_pdf_path("pilotage")]))
    assert pdf.metadata["/CreationDate"].startswith("D:20231114221320")
    odt = zipfile.ZipFile(io.BytesIO(files[checklist_path("pilotage", "equipe-projet", CHECKLIST_FORMATS[1])]))
    assert "<meta:creation-date>2023-11-14T22:13:20</meta:creation-date>" in odt.read("meta.xml").decode()
    archive = zipfile.ZipFile(io.BytesIO(files[ARCHIVE_PATH]))
    assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}


def test_disk_cache_serves_a_new_build_and_never_an_old_generator(build_calls, kit_copy, cached, monkeypatch):
    kit = load_kit(kit_copy)
    first = generate_downloads(kit, cached).files
    built = len(build_calls)
    assert built > 0 and any(cached.cache_dir.iterdir())

    build_calls.clear()
    again = generate_downloads(load_kit(kit_copy), cached).files
    assert build_calls == []
    assert again == first

    # New generating code (or library version): the disk cache is not trusted.
    monkeypatch.setattr(cache, "generator_fingerprint", lambda: "une autre version")
    generate_downloads(load_kit(kit_copy), cached)
    assert len(build_calls) == built


def test_files_a_build_no_longer_uses_leave_the_cache(kit_copy, cached):
    generate_downloads(load_kit(kit_copy), cached)
    before = set(cached.cache_dir.iterdir())
    sheet = kit_copy / "pilotage.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("Désigner une cheffe", "Nommer une cheffe"),
                     encoding="utf-8")
    generate_downloads(load_kit(kit_copy), cached)
    after = set(cached.cache_dir.iterdir())
    assert len(after) == len(before)  # the edited checklist's old files replaced, not piled up
    assert after != before


def test_no_cache_folder_builds_everything_and_writes_nothing(build_calls, tmp_path):
    generate_downloads(load_kit(KIT), NO_CACHE)
    first = len(build_calls)
    generate_downloads(load_kit(KIT), NO_CACHE)
    assert len(build_calls) == 2 * first
    assert list(tmp_path.iterdir()) == []

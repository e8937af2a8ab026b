"""Generating the downloads: the store and its cache, skipping them, failures,
fixed dates, parallel workers.

Settings come in as arguments (BuildSettings), never from the environment.
Which files a generation made is what it reports (`Downloads.built`): the
files are made in worker processes, where no test can count calls."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import kitoutils

from kitoutils.cache_folder import code_fingerprint
from kitoutils.downloads import DownloadFailed, generate_downloads
from kitoutils.downloads import generate
from kitoutils.downloads.catalog import (
    ARCHIVE_PATH,
    CHECKLIST_FORMATS,
    KIT_JSON_PATH,
    KIT_SCHEMA_PATH,
    PDF_FORM,
    checklist_path,
    french_size,
    sheet_pdf_path,
)
from kitoutils.downloads.pdf_form import build_pdf_form
from kitoutils.downloads.store import generator_fingerprint
from kitoutils.downloads.zip_archive import FOLDER
from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Element
from kitoutils.pages.render import render_fiche
from kitoutils.settings import BuildSettings

from conftest import KIT

NO_CACHE = BuildSettings(cache_dir=None)


@pytest.fixture
def cached(tmp_path) -> BuildSettings:
    """Settings with a disk cache of the test's own."""
    return BuildSettings(cache_dir=tmp_path / "cache")


def contents(downloads) -> dict[str, bytes]:
    return {path: file.read_bytes() for path, file in downloads.files.items()}


def every_file(kit) -> set[str]:
    paths = {KIT_JSON_PATH, KIT_SCHEMA_PATH, ARCHIVE_PATH}
    for fiche in kit.fiches:
        paths.add(sheet_pdf_path(fiche.id))
        paths.update(checklist_path(fiche.id, liste.id, fmt) for liste in fiche.checklists() for fmt in CHECKLIST_FORMATS)
    return paths


def test_every_checklist_and_sheet_gets_its_files():
    kit = load_kit(KIT)
    downloads = generate_downloads(kit, NO_CACHE)
    files = contents(downloads)
    assert set(files) == every_file(kit)
    for fiche in kit.fiches:
        assert files[sheet_pdf_path(fiche.id)].startswith(b"%PDF-")
        for liste in fiche.checklists():
            for fmt in CHECKLIST_FORMATS:
                assert files[checklist_path(fiche.id, liste.id, fmt)]
    # Without a cache everything is made (kit.json and its schema are made
    # in the build's own process, and not counted among the built files).
    assert set(downloads.built) == every_file(kit) - {KIT_JSON_PATH, KIT_SCHEMA_PATH}


def test_the_archive_holds_every_file_as_generated():
    downloads = generate_downloads(load_kit(KIT), NO_CACHE)
    files = contents(downloads)
    with zipfile.ZipFile(downloads.files[ARCHIVE_PATH]) as archive:
        assert archive.testzip() is None
        inside = {name.removeprefix(f"{FOLDER}/"): archive.read(name) for name in archive.namelist()}
    assert inside == {path: content for path, content in files.items() if path != ARCHIVE_PATH}


def test_one_or_several_workers_make_the_same_bytes():
    """Files made in parallel are the files made one after the other, byte for byte."""
    kit = load_kit(KIT)
    alone = generate_downloads(kit, NO_CACHE, workers_count=1)
    parallel = generate_downloads(kit, NO_CACHE, workers_count=2)
    assert alone.store.folder != parallel.store.folder
    assert contents(alone) == contents(parallel)


def test_unchanged_checklists_are_not_built_again(kit_copy, cached):
    kit = load_kit(kit_copy)
    first = generate_downloads(kit, cached)
    assert set(first.built) == every_file(kit) - {KIT_JSON_PATH, KIT_SCHEMA_PATH}
    before = contents(first)

    again = generate_downloads(load_kit(kit_copy), cached)  # a rebuild reloads the kit: a new, equal object
    assert again.built == ()
    assert contents(again) == before

    sheet = kit_copy / "pilotage.yml"
    text = sheet.read_text(encoding="utf-8")
    old = "Désigner une cheffe ou un chef de projet pour la coordination technique de l'atelier."
    sheet.write_text(text.replace(old, "Désigner une cheffe de projet à mi-temps."), encoding="utf-8")
    changed = generate_downloads(load_kit(kit_copy), cached)
    # The edited checklist in every format, the sheet's PDF that shows it, the archive: nothing else.
    assert sorted(changed.built) == sorted([
        *(checklist_path("pilotage", "equipe-projet", fmt) for fmt in CHECKLIST_FORMATS),
        sheet_pdf_path("pilotage"), ARCHIVE_PATH])
    after = contents(changed)
    csv_path = checklist_path("pilotage", "equipe-projet", CHECKLIST_FORMATS[2])
    assert "à mi-temps" in after[csv_path].decode("utf-8-sig")
    assert after[ARCHIVE_PATH] != before[ARCHIVE_PATH]
    unchanged = checklist_path("pilotage", "portage-et-appuis", CHECKLIST_FORMATS[0])
    assert after[unchanged] == before[unchanged]


def test_the_open_data_is_written_again_only_when_the_kit_changes(kit_copy, cached, monkeypatch):
    made = []
    build = generate.build_kit_json
    monkeypatch.setattr(generate, "build_kit_json", lambda *args: made.append(1) or build(*args))
    first = contents(generate_downloads(load_kit(kit_copy), cached))
    again = contents(generate_downloads(load_kit(kit_copy), cached))
    assert len(made) == 1 and again[KIT_JSON_PATH] == first[KIT_JSON_PATH]

    replace_in(kit_copy / "amo.yml", "L'assistance à maîtrise d'ouvrage est un conseil",
               "Une assistance à maîtrise d'ouvrage est un conseil")
    changed = contents(generate_downloads(load_kit(kit_copy), cached))
    assert len(made) == 2
    amo = next(f for f in json.loads(changed[KIT_JSON_PATH])["fiches"] if f["id"] == "amo")
    assert "Une assistance à maîtrise d’ouvrage est un conseil" in json.dumps(amo, ensure_ascii=False)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_a_sheet_s_text_keeps_the_related_sheets_pdfs(kit_copy, cached):
    """A sheet's PDF shows its related sheets' titles and summaries, not their sections."""
    generate_downloads(load_kit(kit_copy), cached)
    sheet = kit_copy / "amo.yml"
    text = sheet.read_text(encoding="utf-8")
    edited = text.replace("L'assistance à maîtrise d'ouvrage est un conseil", "Une assistance à maîtrise d'ouvrage est un conseil", 1)
    assert edited != text
    sheet.write_text(edited, encoding="utf-8")
    kit = load_kit(kit_copy)
    assert any("amo" in fiche.voir_aussi for fiche in kit.fiches)  # the test means something
    changed = generate_downloads(kit, cached)
    assert sheet_pdf_path("amo") in changed.built
    assert [path for path in changed.built if path.endswith(".pdf") and "/amo/" not in path] == []


def test_without_downloads_only_the_open_data_and_no_links():
    kit = load_kit(KIT)
    downloads = generate_downloads(kit, BuildSettings(downloads=False))
    assert set(downloads.files) == {KIT_JSON_PATH, KIT_SCHEMA_PATH}
    assert downloads.built == ()
    assert json.loads(downloads.files[KIT_JSON_PATH].read_text(encoding="utf-8"))["fiches"]
    page = render_fiche(kit, kit.fiche("pilotage"), downloads)
    assert "Télécharger" not in page and "telechargements/" not in page


def test_pages_link_every_format_with_its_french_size():
    kit = load_kit(KIT)
    downloads = generate_downloads(kit, NO_CACHE)
    page = render_fiche(kit, kit.fiche("pilotage"), downloads)
    liste = kit.fiche("pilotage").checklists()[0]
    for fmt in CHECKLIST_FORMATS:
        path = checklist_path("pilotage", liste.id, fmt)
        size = french_size(downloads.files[path].stat().st_size)
        assert f"[{fmt.label} ({size})](../{path})" in page
    assert "Télécharger la fiche\u00a0: [PDF à imprimer (" in page


def test_french_sizes():
    assert french_size(300) == "1\u00a0Ko"
    assert french_size(22_400) == "22\u00a0Ko"
    assert french_size(1_450_000) == "1,4\u00a0Mo"


@pytest.mark.parametrize("workers_count", [1, 2])
def test_a_failing_builder_names_the_sheet_and_the_checklist(workers_count):
    """A file that cannot be made stops the generation with a French message
    naming it, also when it failed in a worker process (the sheet's PDF, made
    first, fails first here; tests/test_downloads_site.py breaks a checklist's)."""
    kit = load_kit(KIT)
    fiche = kit.fiche("pilotage")
    section = fiche.sections[0]
    liste = section.listes[0]
    # An item whose text is not text: every builder of the checklist fails on it.
    broken = dataclasses.replace(liste, elements=(*liste.elements, Element(id="casse", texte=None)))
    sections = (dataclasses.replace(section, listes=(broken, *section.listes[1:])), *fiche.sections[1:])
    fiches = tuple(dataclasses.replace(f, sections=sections) if f.id == "pilotage" else f for f in kit.fiches)
    with pytest.raises(DownloadFailed) as failure:
        generate_downloads(dataclasses.replace(kit, fiches=fiches), NO_CACHE, workers_count=workers_count)
    assert str(failure.value).startswith(
        f"Impossible de produire le PDF de la fiche « {fiche.titre} » (kit/pilotage.yml) : TypeError : ")


def test_the_build_date_dates_every_format():
    # reportlab reads SOURCE_DATE_EPOCH itself: the workers that make the files
    # are given the build's date there, whatever the build's own environment says.
    kit = load_kit(KIT)
    files = contents(generate_downloads(kit, BuildSettings(epoch=1700000000)))
    pdf = PdfReader(io.BytesIO(files[sheet_pdf_path("pilotage")]))
    assert pdf.metadata["/CreationDate"].startswith("D:20231114221320")
    form = PdfReader(io.BytesIO(files[checklist_path("pilotage", "equipe-projet", CHECKLIST_FORMATS[0])]))
    assert form.metadata["/CreationDate"].startswith("D:20231114221320")
    odt = zipfile.ZipFile(io.BytesIO(files[checklist_path("pilotage", "equipe-projet", CHECKLIST_FORMATS[1])]))
    assert "<meta:creation-date>2023-11-14T22:13:20</meta:creation-date>" in odt.read("meta.xml").decode()
    archive = zipfile.ZipFile(io.BytesIO(files[ARCHIVE_PATH]))
    assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}


def test_disk_cache_serves_a_new_build_and_never_an_old_generator(kit_copy, cached, monkeypatch):
    kit = load_kit(kit_copy)
    first = generate_downloads(kit, cached)
    assert first.built and any(cached.cache_dir.iterdir())
    assert all(cached.cache_dir in file.parents for file in first.files.values())

    again = generate_downloads(load_kit(kit_copy), cached)
    assert again.built == ()
    assert contents(again) == contents(first)

    # New generating code (or library version): the disk cache is not trusted.
    monkeypatch.setattr(generate, "generator_fingerprint", lambda: "une autre version")
    assert set(generate_downloads(load_kit(kit_copy), cached).built) == set(first.built)


def test_the_generators_fingerprint_covers_the_model_they_read(tmp_path):
    package = tmp_path / "kitoutils"
    shutil.copytree(Path(kitoutils.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = generator_fingerprint(package)
    assert generator_fingerprint(Path(kitoutils.__file__).parent) == before  # same code, same fingerprint
    typography = package / "model" / "typography.py"
    typography.write_text(typography.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    code_fingerprint.cache_clear()
    assert generator_fingerprint(package) != before


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


def test_no_cache_folder_builds_everything_and_writes_nothing_in_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = generate_downloads(load_kit(KIT), NO_CACHE)
    second = generate_downloads(load_kit(KIT), NO_CACHE)
    assert set(second.built) == set(first.built) and first.built
    assert list(tmp_path.iterdir()) == []
    assert first.store.folder != second.store.folder


def test_forms_a_worker_makes_in_a_row_are_the_forms_made_alone():
    """A worker makes many forms in a row, with reportlab's registered fonts:
    nothing of one form (its fonts' subsets, its fields) may leak into the next."""
    kit = load_kit(KIT)
    files = contents(generate_downloads(kit, NO_CACHE, workers_count=1))
    forms = [(fiche, liste) for fiche in kit.fiches for liste in fiche.checklists()]
    assert len(forms) > 2
    for fiche, liste in forms:
        alone = build_pdf_form(fiche, liste, NO_CACHE.epoch)  # in this process, alone
        assert files[checklist_path(fiche.id, liste.id, PDF_FORM)] == alone, (fiche.id, liste.id)

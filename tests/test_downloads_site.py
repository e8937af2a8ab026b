"""Downloads in the site built by the real `mkdocs build --strict`."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import jsonschema

from kitoutils.downloads.zip_archive import FOLDER
from kitoutils.downloads.catalog import ARCHIVE_PATH, CHECKLIST_FORMATS, KIT_JSON_PATH, KIT_SCHEMA_PATH
from kitoutils.intake.loader import load_kit

from conftest import KIT, ROOT, copy_project, mkdocs_build

DOWNLOAD_LINK = re.compile(r'<a\b[^>]*\bdownload="[^"]*"[^>]*>')
HREF = re.compile(r'\bhref="([^"]+)"')
GENERATED = ("telechargements", "donnees", "schemas/kit.schema.json")


def downloaded_files(site: Path) -> dict[str, bytes]:
    """Every generated download of a built site, by path."""
    files = {}
    for part in GENERATED:
        path = site / part
        for file in ([path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())):
            files[file.relative_to(site).as_posix()] = file.read_bytes()
    return files


def page_url_dir(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix()


def test_every_download_link_resolves_to_a_file(built_site: Path):
    kit = load_kit(KIT)
    linked = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for link in DOWNLOAD_LINK.findall(html):
            href = unquote(HREF.search(link).group(1))
            target = posixpath.normpath(posixpath.join(page_url_dir(built_site, page), href))
            assert (built_site / target).is_file(), f"{page.relative_to(built_site)} : {href}"
            linked.add(target)
    checklists = sum(len(f.checklists()) for f in kit.fiches)
    assert len(linked) == checklists * len(CHECKLIST_FORMATS) + len(kit.fiches) + 1  # + sheet PDFs + zip
    assert ARCHIVE_PATH in linked
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{ARCHIVE_PATH}"' in home


def test_checklist_links_sit_under_their_checklist(built_site: Path):
    html = (built_site / "fiches" / "pilotage" / "index.html").read_text(encoding="utf-8")
    after = html[html.index('data-liste="equipe-projet"'):]
    links = after[after.index("Télécharger la liste vierge"):after.index("</p>", after.index("Télécharger la liste vierge"))]
    labels = re.findall(r">([^<]+)</a>", links)
    assert [label.split(" (")[0] for label in labels] == ["PDF à remplir", "ODT", "CSV", "ODS", "Markdown"]
    assert all(re.search(r"\(\d+\u00a0Ko\)$", label) for label in labels)
    assert "telechargements/pilotage/pilotage-equipe-projet.pdf" in links


def test_the_zip_holds_every_download(built_site: Path):
    files = downloaded_files(built_site)
    archive = zipfile.ZipFile(built_site / ARCHIVE_PATH)
    inside = {name.removeprefix(f"{FOLDER}/"): archive.read(name) for name in archive.namelist()}
    expected = {path: content for path, content in files.items() if path != ARCHIVE_PATH}
    assert inside == expected
    assert len(inside) > 40


def test_kit_json_is_valid_and_holds_every_id(built_site: Path):
    data = json.loads((built_site / KIT_JSON_PATH).read_text(encoding="utf-8"))
    schema = json.loads((built_site / KIT_SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["version_format"] == 2
    kit = load_kit(KIT)
    sheets = {fiche["id"]: fiche for fiche in data["fiches"]}
    assert set(sheets) == {fiche.id for fiche in kit.fiches}
    for fiche in kit.fiches:
        published = sheets[fiche.id]
        assert published["titre"] == fiche.titre
        lists = {liste["id"]: liste for section in published["sections"] for liste in section.get("listes", [])}
        assert set(lists) == {liste.id for liste in fiche.checklists()}
        for liste in fiche.checklists():
            assert [(e["id"], e["texte"]) for e in lists[liste.id]["elements"]] == [
                (e.id, e.texte) for e in liste.elements]
        assert [q["id"] for q in published["questions"]] == [q.id for q in fiche.questions]
    # A broken file is refused: the schema does check something.
    data["fiches"][0]["sections"][0]["id"] = "Pas Un Identifiant"
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_open_data_page_links_kit_json_and_its_schema(built_site: Path):
    html = (built_site / "donnees-ouvertes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../donnees/kit.json"' in html
    assert 'href="../schemas/kit.schema.json"' in html


def test_two_builds_give_identical_downloads(built_site: Path, tmp_path: Path):
    # The second build generates every file again rather than reading the first one's cache.
    result = mkdocs_build(ROOT, tmp_path / "site", environment={"KIT_CACHE_TELECHARGEMENTS": "non"})
    assert result.returncode == 0, result.stderr
    first, second = downloaded_files(built_site), downloaded_files(tmp_path / "site")
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_build_without_downloads(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KIT_SANS_TELECHARGEMENTS", "1")
    site = tmp_path / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "telechargements").exists()
    assert (site / KIT_JSON_PATH).is_file() and (site / KIT_SCHEMA_PATH).is_file()
    for page in [site / "index.html", *(site / "fiches").rglob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert "Télécharger" not in html and "telechargements/" not in html, page


# Runs the real `mkdocs build` command line with one download builder broken
# (in the build's process, whose worker processes start from it).
FAILING_BUILD = """
import sys
from kitoutils.downloads import pdf_form
def broken(*arguments, **keywords):  # whatever the builder takes
    raise RuntimeError("disque plein")
pdf_form.build_pdf_form = broken
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""


def test_a_failing_download_stops_the_build_with_a_french_message(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-c", FAILING_BUILD, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, cwd=project, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Impossible de produire le fichier PDF à remplir de la liste « " in output
    assert "de la fiche « " in output and "(kit/" in output and "RuntimeError : disque plein" in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists()

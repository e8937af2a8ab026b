"""The offline variant: one zip offered on the home page, opened from disk.

The zip tested is the one the session's real build put in the site, so what
is tested is what a facilitator downloads.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from search_driver import open_search, ranked_locations, type_query

ZIP = "hors-ligne/kit-hors-ligne.zip"
FOLDER = "kit-democratie-contributive"


@pytest.fixture(scope="module")
def offline_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline variant, unzipped as a reader would."""
    target = tmp_path_factory.mktemp("hors-ligne")
    with zipfile.ZipFile(built_site / ZIP) as archive:
        assert all(name.startswith(FOLDER + "/") for name in archive.namelist())
        archive.extractall(target)
    return target / FOLDER


def test_home_page_offers_the_zip(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+)">Télécharger le site pour l’utiliser sans connexion</a>', home)
    assert link and link.group(1) == ZIP
    size = (built_site / ZIP).stat().st_size / 1_000_000
    assert f"(fichier zip, {size:.1f}\u00a0Mo)".replace(".", ",") in home


def test_iframe_worker_shim_is_the_npm_package_s(offline_site: Path):
    # Vendored from the npm registry: the committed copy must be the file of
    # the version package-lock.json pins (npm ci installs it for the tests).
    vendored = (ROOT / "hooks" / "vendor" / "iframe-worker" / "shim.js").read_bytes()
    assert vendored == (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert (offline_site / "assets" / "javascripts" / "iframe-worker" / "shim.js").read_bytes() == vendored


def test_offline_pages_have_no_unpkg_no_instant_navigation_and_file_links(offline_site: Path):
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in home
    assert 'src="assets/javascripts/iframe-worker/shim.js"' in home
    assert "navigation.instant" not in home
    assert re.search(r'"search": "assets/javascripts/workers/kit-recherche\.js\?material=search\.[0-9a-f]+\.min\.js"', home)
    assert 'href="fiches/pilotage.html"' in home  # no directory URLs from file://
    assert "Télécharger le site" not in home and "version du kit enregistrée sur votre ordinateur" in home
    assert (offline_site / "search" / "search_index.js").is_file()
    assert "index.html" in (offline_site / "LISEZ-MOI.txt").read_text(encoding="utf-8")


def test_offline_site_opened_from_disk_searches_and_opens_a_sheet(page, offline_site: Path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((offline_site / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("pilotage", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1
    with page.expect_navigation():
        page.locator(".md-search-result__link", has_text="Le pilotage interne").first.click()
    assert page.url.startswith("file://") and "fiches/pilotage.html" in page.url
    assert page.locator("h1").inner_text().rstrip("¶") == "Le pilotage interne"
    assert [url for url in requested if not url.startswith(("file://", "data:", "blob:"))] == []


def test_offline_search_is_the_kit_s_french_search(page, offline_site: Path):
    # Typed without accents, these words are not in the sheets expected: Material's
    # own search (no accent folding) would not find them there.
    script = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    docs = json.loads(script.removeprefix("var __index = "))["docs"]
    for sheet, accented, typed in [("fiches/faq-elus.html", "élus", "elus"),
                                   ("fiches/pilotage.html", "équipe", "equipe")]:
        text = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith(sheet))
        words = set(re.findall(r"\w+", text.lower()))
        assert accented in words and typed not in words
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_search(page, (offline_site / "index.html").as_uri())
    assert "fiches/pilotage.html#equipe-projet" in ranked_locations(type_query(page, "equipe projet"))[:3]
    best = type_query(page, "elus")[0]
    assert best.location == "fiches/faq-elus.html"
    # The words found are the text's, accents included, in the results and in the page opened.
    assert page.locator(".md-search-result__list mark").first.inner_text().lower() == "élus"
    assert "élus" in parse_qs(urlsplit(best.href).query)["h"][0].lower()
    page.locator(f"a.md-search-result__link[href='{best.href}']").first.click()
    page.wait_for_url("**/fiches/faq-elus.html*")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert "élus" in [text.lower() for text in marks.all_inner_texts()]
    assert errors == []


def test_the_offline_copy_makes_no_download_file_again(tmp_path: Path, monkeypatch):
    """One generation per build: the offline copy, built from the build's
    process (forked, or in it), takes the build's own files. The cache is off, so a second generation
    could not hide behind it; the big archive stays out of the copy."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kitoutils.downloads import workers
    from kitoutils.downloads.catalog import ARCHIVE_PATH

    project = copy_project(tmp_path / "projet")
    monkeypatch.setenv("KIT_CACHE_TELECHARGEMENTS", "non")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # Per generation, how many files the workers were asked to make: written to a file,
    # so that a generation in a child process (the copy is built in one) counts too.
    record = tmp_path / "generations.txt"
    record.touch()
    run = workers.run

    def counting(tasks, *args, **kwargs):
        with record.open("a", encoding="utf-8") as lines:
            lines.write(f"{sum(len(task) for task in tasks)}\n")
        return run(tasks, *args, **kwargs)

    monkeypatch.setattr(workers, "run", counting)
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)

    downloads = sorted(p.relative_to(site).as_posix() for p in (site / "telechargements").rglob("*") if p.is_file())
    asked = [int(count) for count in record.read_text(encoding="utf-8").split()]
    assert len(asked) == 1  # the site's generation; none for the offline copy
    assert asked[0] == len(downloads) - 1  # each download once; the archive is zipped from them
    with zipfile.ZipFile(site / ZIP) as archive:
        copied = sorted(name.removeprefix(f"{FOLDER}/") for name in archive.namelist()
                        if name.startswith(f"{FOLDER}/telechargements/"))
        assert copied == [path for path in downloads if path != ARCHIVE_PATH]
        for path in copied:
            assert archive.read(f"{FOLDER}/{path}") == (site / path).read_bytes(), path
        home = archive.read(f"{FOLDER}/index.html").decode("utf-8")
    # The copy indexed its pages in its own search index, not in the site's.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if ".html" in d["location"]] == []
    # The copy's home page sends readers to the published archive instead.
    assert f'href="{config.site_url}{ARCHIVE_PATH}"' in home
    assert "n’est pas copiée dans cette version sans connexion" in home  # typeset apostrophe


def test_zip_is_reused_while_nothing_changes_and_rebuilt_after_a_change(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "projet")
    first = mkdocs_build(project, tmp_path / "site1")
    assert first.returncode == 0, first.stderr
    assert "Version hors ligne construite" in first.stderr
    second = mkdocs_build(project, tmp_path / "site2")
    assert second.returncode == 0, second.stderr
    assert "Version hors ligne reprise du cache" in second.stderr
    assert (tmp_path / "site1" / ZIP).read_bytes() == (tmp_path / "site2" / ZIP).read_bytes()

    sheet = project / "kit" / "amo.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "titre: L'assistance à maîtrise d'ouvrage (AMO)", "titre: L'AMO, pour ou contre"), encoding="utf-8")
    third = mkdocs_build(project, tmp_path / "site3")
    assert third.returncode == 0, third.stderr
    assert "Version hors ligne construite" in third.stderr
    with zipfile.ZipFile(tmp_path / "site3" / ZIP) as archive:
        assert "L’AMO, pour ou contre" in archive.read(f"{FOLDER}/fiches/amo.html").decode("utf-8")

    monkeypatch.setenv("KIT_SANS_HORS_LIGNE", "1")
    skipped = mkdocs_build(project, tmp_path / "site4")
    assert skipped.returncode == 0, skipped.stderr
    assert not (tmp_path / "site4" / ZIP).exists()
    assert "pas construite dans cet aperçu" in (tmp_path / "site4" / "index.html").read_text(encoding="utf-8")


def test_offline_site_keeps_a_ticked_item_after_a_reload(context, page, offline_site: Path):
    address = (offline_site / "fiches" / "pilotage.html").as_uri()
    page.goto(address)
    box = page.locator("#case-designer-chef-de-projet")
    assert not box.is_checked()
    page.locator("label[for='case-designer-chef-de-projet']").click()
    assert box.is_checked()
    page.reload()
    assert page.locator("#case-designer-chef-de-projet").is_checked()
    assert not page.locator("#case-reserver-salles").is_checked()
    # Saved, not merely restored by the browser's form memory: a new tab sees it too.
    other = context.new_page()
    other.goto(address)
    assert other.locator("#case-designer-chef-de-projet").is_checked()

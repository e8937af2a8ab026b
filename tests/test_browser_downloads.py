"""Downloading from the built site in a real browser, as a reader does."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pypdf import PdfReader

from conftest import axe_violations


def test_reader_downloads_a_checklist_csv_and_pdf(page, site_url, built_site: Path, tmp_path: Path):
    page.goto(site_url + "fiches/pilotage/")
    # The blank list's files are among the list's actions, folded under it.
    page.locator("details.kit-checklist__outils summary").first.click()
    links = page.locator("p.kit-telechargements", has_text="Télécharger la liste vierge").first
    with page.expect_download() as download_info:
        links.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "pilotage-equipe-projet.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == (built_site / "telechargements/pilotage/pilotage-equipe-projet.csv").read_bytes()
    assert saved.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Action;Fait;Responsable;Échéance;Note;fiche;liste;element")

    with page.expect_download() as download_info:
        links.get_by_role("link", name="PDF à remplir").click()
    pdf = tmp_path / "liste.pdf"
    download_info.value.save_as(pdf)
    assert "designer-chef-de-projet__fait" in PdfReader(pdf).get_fields()


def test_reader_downloads_the_whole_kit_from_the_home_page(page, site_url, tmp_path: Path):
    page.goto(site_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="toutes les fiches et listes à télécharger").click()
    download = download_info.value
    assert download.suggested_filename == "kit-outils-democratie-contributive.zip"
    saved = tmp_path / "kit.zip"
    download.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "kit-outils-democratie-contributive/donnees/kit.json" in names
    assert "kit-outils-democratie-contributive/telechargements/pilotage/pilotage.pdf" in names


def test_download_links_pass_axe(page, site_url):
    page.goto(site_url + "fiches/pilotage/")
    assert page.locator("p.kit-telechargements").count() >= 6
    axe_violations(page)  # loads axe-core in the page
    scoped = page.evaluate("""async () => (await axe.run(
        {include: [["p.kit-telechargements"]]}, {resultTypes: ["violations"]}
    )).violations.map(v => v.id + " " + v.nodes.map(n => n.target).join(" "))""")
    assert scoped == []

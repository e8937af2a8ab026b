"""`kit nouvelle-fiche`: a skeleton that passes validation and builds into a page."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.model.typography import french_spacing

from conftest import copy_project, mkdocs_build

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/schemas/fiche.schema.json"


def new_sheet(kit: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kitoutils.cli", "nouvelle-fiche", *args, "--dossier", str(kit)],
                          capture_output=True, text=True, timeout=60)


def test_new_sheet_with_defaults_is_valid(kit_copy):
    result = new_sheet(kit_copy, "animation", "L'animation des ateliers")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Fiche créée : {(kit_copy / 'animation.yml').as_posix()}\n")
    text = (kit_copy / "animation.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    fiche = load_kit(kit_copy).fiche("animation")
    assert (fiche.titre, fiche.statut, fiche.phase, fiche.publics) == (
        "L’animation des ateliers", "a-relire", "preparation", ("chef-de-projet",))  # typeset at load
    assert [liste.id for liste in fiche.checklists()] == ["premiere-liste"]
    assert "# Phases permises : preparation, conduite, suites" in text


def test_new_sheet_builds_into_a_page_with_its_title_shown_as_written(tmp_path):
    project = copy_project(tmp_path / "projet")
    title = "Ateliers *vraiment* [utiles] & ouverts : # méthodes"
    result = new_sheet(project / "kit", "ateliers-ouverts", title, "--phase", "conduite",
                       "--public", "elus", "--public", "partenaires")
    assert result.returncode == 0, result.stderr
    fiche = load_kit(project / "kit").fiche("ateliers-ouverts")
    shown = french_spacing(title)  # the kit's typography: a no-break space before the colon
    assert (fiche.titre, fiche.phase, fiche.publics) == (shown, "conduite", ("elus", "partenaires"))
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr
    page = (site / "fiches" / "ateliers-ouverts" / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert html.unescape(re.sub(r"<a class=\"headerlink\".*?</a>", "", h1)).strip() == shown
    assert "Première action à cocher (à écrire)." in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="fiches/ateliers-ouverts/"' in home


@pytest.mark.parametrize(("args", "message"), [
    (["amo", "Autre AMO"], "la fiche « amo » existe déjà"),
    (["Animation_Ateliers", "Titre"], "l'identifiant « Animation_Ateliers » n'est pas valide : lettres minuscules "
                                      "sans accent, chiffres et tirets simples seulement (par exemple "
                                      "« animation-ateliers »)"),
    (["index", "Titre"], "le nom « index » est réservé : choisissez-en un autre"),
    (["vocabulaire", "Titre"], "le nom « vocabulaire » est réservé : choisissez-en un autre"),
    (["animation", "  "], "le titre est vide"),
    (["animation", "<b>Titre</b>"], "titre refusé : balise HTML « <b> » refusée"),
    (["animation", "Titre", "--phase", "bilan"], "« bilan » n'est pas un terme du vocabulaire « phases » "
                                                 "(kit/vocabulaire.yml) ; termes permis : « preparation », "
                                                 "« conduite », « suites »"),
    (["animation", "Titre", "--public", "habitants"], "« habitants » n'est pas un terme du vocabulaire « publics »"),
])
def test_new_sheet_refusals_say_why_and_write_nothing(kit_copy, args, message):
    before = sorted(p.name for p in kit_copy.iterdir())
    result = new_sheet(kit_copy, *args)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Fiche non créée : {message}")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in kit_copy.iterdir()) == before

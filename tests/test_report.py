"""`kit verifier` output: for people (line quoted, caret) and for GitHub Actions (annotations)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kitoutils.model.problems import KitInvalid, Problem
from kitoutils.cli.report import choose_format, for_github, for_people

from test_loader import replace


def run_check(kit: Path, *options: str, github: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "kitoutils.cli", "verifier", str(kit), *options],
                          capture_output=True, text=True, env=env, timeout=60)


def test_people_see_the_line_quoted_with_a_caret_under_the_column(kit_copy):
    replace(kit_copy / "amo.yml", "phase: preparation", "phase: bilan")
    replace(kit_copy / "pilotage.yml", "voir_aussi:", "voir_ausi:")
    result = run_check(kit_copy)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Le kit contient 2 erreurs :\n"
        "  kit/amo.yml:9:8 : « bilan » n'est pas un terme du vocabulaire « phases » (kit/vocabulaire.yml) ; "
        "termes permis : « conduite », « preparation », « suites »\n"
        "       9 | phase: bilan\n"
        "         |        ^\n"
        "\n"
        "  kit/pilotage.yml:11:1 : clé inconnue « voir_ausi » : vouliez-vous dire « voir_aussi » ?\n"
        "      11 | voir_ausi: [conduite-des-ateliers, suivi-externe, amo, faq-elus, democratie-contributive]\n"
        "         | ^\n"
    )


def test_a_tab_is_shown_as_an_arrow_so_the_caret_stays_aligned(kit_copy):
    replace(kit_copy / "amo.yml", "  - id: missions", "\t- id: missions")
    lines = run_check(kit_copy).stderr.splitlines()
    assert lines[2:4] == ["      54 | →- id: missions", "         | ^"]


def test_github_annotations_in_actions(kit_copy):
    replace(kit_copy / "amo.yml", "phase: preparation", "phase: bilan")
    result = run_check(kit_copy, github=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=kit/amo.yml,line=9,col=8,title=Kit %3A fiche à corriger::« bilan » n'est pas un terme "
        "du vocabulaire « phases » (kit/vocabulaire.yml) ; termes permis : « conduite », « preparation », « suites »"]
    # The people's report still goes to the log.
    assert result.stderr.startswith("Le kit contient 1 erreur :\n  kit/amo.yml:9:8 :")


def test_explicit_format_wins_over_the_environment(kit_copy):
    replace(kit_copy / "amo.yml", "phase: preparation", "phase: bilan")
    assert run_check(kit_copy, "--format", "github").stdout.startswith("::error file=kit/amo.yml,line=9,col=8,")
    assert run_check(kit_copy, "--format", "texte", github=True).stdout == ""


def test_annotation_escaping_follows_github_rules():
    problem = Problem("kit/a,b:c.yml", 3, 4, "100% faux\r\nsur deux lignes : oui, vraiment")
    assert for_github([problem]) == (
        "::error file=kit/a%2Cb%3Ac.yml,line=3,col=4,title=Kit %3A fiche à corriger::"
        "100%25 faux%0D%0Asur deux lignes : oui, vraiment")


def test_choose_format():
    assert choose_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert choose_format("auto", {}) == "texte"
    assert choose_format("texte", {"GITHUB_ACTIONS": "true"}) == "texte"


def test_problem_without_a_readable_line_is_still_reported(tmp_path):
    invalid = KitInvalid([Problem("kit/absent.yml", 4, 2, "fichier du vocabulaire introuvable")])
    assert for_people(invalid, tmp_path) == (
        "Le kit contient 1 erreur :\n  kit/absent.yml:4:2 : fichier du vocabulaire introuvable")

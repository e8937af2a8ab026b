"""« Historique »: each sheet page says when its YAML file last changed, from git."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from kitoutils.intake.git_history import last_changes
from kitoutils.pages.history import NOT_RECORDED, french_date, history_html
from kitoutils.intake.loader import load_kit
from kitoutils.pages.render import render_fiche

from conftest import KIT, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git est requis")


def git(repo: Path, *args: str, date: str = "2026-11-29T10:00:00+01:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Éditrice", "GIT_AUTHOR_EMAIL": "editrice@example.org",
           "GIT_COMMITTER_NAME": "Éditrice", "GIT_COMMITTER_EMAIL": "editrice@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout holding the kit: amo committed on 1 December, the rest on 29 November."""
    project = tmp_path / "depot"
    project.mkdir()
    shutil.copytree(KIT, project / "kit")
    git(project, "init", "-q")
    git(project, "add", "kit")
    git(project, "commit", "-q", "-m", "Le kit", date="2026-11-29T23:30:00+00:00")
    amo = project / "kit" / "amo.yml"
    amo.write_text(amo.read_text(encoding="utf-8").replace("statut: a-relire", "statut: relue"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "AMO relue", date="2026-12-01T09:00:00+01:00")
    return project


def test_french_dates():
    assert french_date(datetime(2026, 11, 29)) == "29 novembre 2026"
    assert french_date(datetime(2026, 12, 1)) == "1er décembre 2026"
    assert french_date(datetime(2027, 8, 15)) == "15 août 2027"


def test_history_line_is_pure():
    dates = {"kit/amo.yml": "2026-12-01T09:00:00+01:00", "kit/pilotage.yml": None}
    assert history_html(dates, "kit/amo.yml") == (
        'dernière modification le <time datetime="2026-12-01">1er décembre 2026</time>')
    assert history_html(dates, "kit/pilotage.yml") == NOT_RECORDED
    assert history_html(dates, "kit/inconnue.yml") is None
    assert history_html(None, "kit/amo.yml") is None  # not a git checkout: say nothing
    # 23:30 UTC on 29 November is already 30 November in Paris, where the readers are.
    assert "30 novembre 2026" in history_html({"kit/x.yml": "2026-11-29T23:30:00+00:00"}, "kit/x.yml")


def test_git_gives_each_file_its_last_commit_in_two_calls(repo):
    dates = last_changes(repo, ["kit/amo.yml", "kit/pilotage.yml"])
    assert dates == {"kit/amo.yml": "2026-12-01T09:00:00+01:00", "kit/pilotage.yml": "2026-11-29T23:30:00+00:00"}


def test_uncommitted_and_untracked_files_are_said_so(repo):
    pilotage = repo / "kit" / "pilotage.yml"
    pilotage.write_text(pilotage.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (repo / "kit" / "nouvelle.yml").write_text("id: nouvelle\n", encoding="utf-8")
    dates = last_changes(repo, ["kit/amo.yml", "kit/pilotage.yml", "kit/nouvelle.yml"])
    assert dates == {"kit/amo.yml": "2026-12-01T09:00:00+01:00", "kit/pilotage.yml": None,
                     "kit/nouvelle.yml": None}


def test_outside_a_git_checkout_there_is_no_history(tmp_path):
    shutil.copytree(KIT, tmp_path / "kit")
    assert last_changes(tmp_path, ["kit/amo.yml"]) is None
    kit = load_kit(tmp_path / "kit")
    assert kit.historique is None
    assert "Historique" not in render_fiche(kit, kit.fiche("amo"))


def test_sheet_page_shows_its_history(repo):
    pilotage = repo / "kit" / "pilotage.yml"
    pilotage.write_text(pilotage.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    kit = load_kit(repo / "kit")
    assert ('<strong>Historique\u00a0:</strong> dernière modification le '
            '<time datetime="2026-12-01">1er décembre 2026</time>') in render_fiche(kit, kit.fiche("amo"))
    assert f"<strong>Historique\u00a0:</strong> {NOT_RECORDED}" in render_fiche(kit, kit.fiche("pilotage"))


def test_built_site_shows_the_real_history(built_site):
    log = subprocess.run(["git", "log", "-1", "--format=%cI", "--", "kit/amo.yml"], cwd=ROOT,
                         capture_output=True, text=True)
    if log.returncode != 0:
        pytest.skip("le projet n'est pas un dépôt git")
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "kit/amo.yml"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    expected = history_html({"amo": None if dirty else log.stdout.strip() or None}, "amo")
    page = (built_site / "fiches" / "amo" / "index.html").read_text(encoding="utf-8")
    assert f"<strong>Historique\u00a0:</strong> {expected}</p>" in page

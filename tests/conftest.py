"""Shared fixtures: the project's paths, a scratch copy of the kit, a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "kit"
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "kit", "CONTRIBUTING.md")


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    """A scratch copy of kit/ that a test may break."""
    target = tmp_path / "kit"
    shutil.copytree(KIT, target)
    return target


def copy_project(target: Path) -> Path:
    """A copy of everything `mkdocs build` reads, to build a changed kit."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def mkdocs_build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` as a maintainer would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *extra],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the real kit, for every test that reads it."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site

"""The build keeps its long-lived objects (kit, downloads, file list) out of
the garbage collector's sight while pages are rendered, and hands them back
at the end, built or failed: `mkdocs serve` builds again and again in one
process, where objects still frozen would never be freed."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import kitoutils.build

from conftest import copy_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIT_SANS_HORS_LIGNE", "1")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("KIT_CACHE_TELECHARGEMENTS", str(tmp_path / "cache"))
    return copy_project(tmp_path / "projet")


def frozen_while_pages_are_filled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many objects are frozen each time a page's markers are filled (during rendering)."""
    counts: list[int] = []
    fill = kitoutils.build.SiteBuild.fill_markers

    def counting(self, markdown, page_path):
        counts.append(gc.get_freeze_count())
        return fill(self, markdown, page_path)

    monkeypatch.setattr(kitoutils.build.SiteBuild, "fill_markers", counting)
    return counts


def test_long_lived_objects_are_frozen_during_the_build_and_freed_after(project, tmp_path, monkeypatch):
    counts = frozen_while_pages_are_filled(monkeypatch)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True))
    assert counts and min(counts) > 10_000  # the kit and its downloads, out of the collector's sight
    assert gc.get_freeze_count() == 0


def test_a_failed_build_frees_them_too(project, tmp_path, monkeypatch):
    counts = frozen_while_pages_are_filled(monkeypatch)
    page = project / "docs" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- kit:marque-inconnue -->\n", encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs reports the PluginError and stops
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True))
    assert counts and max(counts) > 0
    assert gc.get_freeze_count() == 0

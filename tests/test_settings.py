"""Build settings: read once from mkdocs.yml (`extra: kit:`), refused in French when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitoutils.settings import DEFAULT_EPOCH, BuildSettings, SettingInvalid

from conftest import copy_project, mkdocs_build


def test_defaults_make_everything_with_no_disk_cache():
    settings = BuildSettings.from_options({}, Path("/projet"))
    assert settings == BuildSettings()
    assert settings.downloads and settings.offline_zip and settings.french_search
    assert settings.epoch == DEFAULT_EPOCH and settings.cache_dir is None


@pytest.mark.parametrize(("typed", "downloads"), [
    (False, True), (None, True), ("", True), (1, False), ("1", False), (True, False), ("oui", False), ("non", True),
])
def test_sans_telechargements_reads_what_a_variable_may_hold(typed, downloads):
    assert BuildSettings.from_options({"sans_telechargements": typed}, Path("/p")).downloads is downloads


def test_cache_folder_is_relative_to_the_project_and_can_be_turned_off(tmp_path: Path):
    assert BuildSettings.from_options({"cache": ".cache/kit"}, tmp_path).cache_dir == tmp_path / ".cache" / "kit"
    assert BuildSettings.from_options({"cache": "non"}, tmp_path).cache_dir is None
    assert BuildSettings.from_options({"cache": False}, tmp_path).cache_dir is None


def test_file_date_comes_from_source_date_epoch():
    assert BuildSettings.from_options({"date_des_fichiers": 1700000000}, Path("/p")).epoch == 1700000000
    assert BuildSettings.from_options({"date_des_fichiers": None}, Path("/p")).epoch == DEFAULT_EPOCH


@pytest.mark.parametrize(("options", "said"), [
    ({"telechargement": True}, "réglage inconnu « telechargement »"),
    ({"sans_hors_ligne": "peut-être"}, "sans_hors_ligne attend oui ou non"),
    ({"date_des_fichiers": "hier"}, "date_des_fichiers attend un nombre de secondes"),
])
def test_a_wrong_setting_is_refused_in_french(options, said):
    with pytest.raises(SettingInvalid) as refused:
        BuildSettings.from_options(options, Path("/p"))
    assert said in str(refused.value)


def test_a_wrong_setting_stops_the_build_without_a_traceback(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    result = mkdocs_build(project, tmp_path / "site", environment={"SOURCE_DATE_EPOCH": "demain"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "date_des_fichiers attend un nombre de secondes depuis 1970" in output
    assert "Traceback" not in output

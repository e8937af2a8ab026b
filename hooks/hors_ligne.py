"""MkDocs hooks for the offline copy of the site, opened from the file system.

In the normal build, the copy is built once more in a subprocess (with
KIT_HORS_LIGNE=true, which turns Material's offline plugin on), zipped, and
offered on the home page. The zip is kept in .cache/ and reused while its
sources have not changed; the settings `sans_hors_ligne` and
`sans_telechargements` (mkdocs.yml, `extra: kit:`) skip it.

In the copy itself: Material's offline plugin would load the iframe-worker
shim from unpkg.com, so the copy vendored from the npm registry (in
hooks/vendor/, checked against node_modules by the tests) is served instead,
and instant navigation is turned off, because it never starts from file://.
The kit's French search runs there too: its worker (kit-recherche.js) also
runs in the shim's hidden iframe.

These hooks run after hooks/kit.py (listed first in mkdocs.yml), whose
on_config puts the build's SiteBuild on the config.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import kitoutils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kitoutils.build import SiteBuild
from kitoutils.offline import (
    README, ZIP_FOLDER, ZIP_PATH, download_notice, fingerprint, skipped_notice, variant_notice, zip_directory,
)

log = logging.getLogger("mkdocs.plugins.kit.hors_ligne")

OFFLINE_ENV = "KIT_HORS_LIGNE"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"


def _site_build(config: MkDocsConfig) -> SiteBuild:
    return config["kit_build"]  # made by hooks/kit.py's on_config


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = _site_build(config)
    settings = build.settings
    if settings.offline_variant:
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_PATH]
        build.offline_notice = lambda page: variant_notice(config.site_url or "")
    elif not (settings.offline_zip and settings.downloads):
        # A build without downloads has no offline zip either.
        build.offline_notice = lambda page: skipped_notice()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _site_build(config)
    settings = build.settings
    if settings.offline_variant:
        files.append(File.generated(config, SHIM_PATH, abs_src_path=str(SHIM_SOURCE)))
    elif settings.offline_zip and settings.downloads:
        archive = offline_zip(config, build)
        size = archive.stat().st_size
        build.offline_notice = lambda page: download_notice(page, size)
        files.append(File.generated(config, ZIP_PATH, abs_src_path=str(archive)))
    return files


def offline_zip(config: MkDocsConfig, build: SiteBuild) -> Path:
    """The zip of the offline copy, built now or reused from .cache/."""
    project = Path(config.config_file_path).parent
    sources = [Path(config.config_file_path), Path(config.docs_dir), project / "kit",
               project / "hooks", Path(kitoutils.__file__).parent]
    settings = dataclasses.replace(build.settings, cache_dir=None)  # where the cache is changes nothing
    key = fingerprint(sources, [
        config.site_url or "", config.repo_url or "", repr(settings),
        version("mkdocs"), version("mkdocs-material"),
    ])
    cache = project / ".cache" / "hors-ligne"
    archive = cache / f"{key[:20]}.zip"
    if archive.is_file():
        log.info("Version hors ligne reprise du cache (%s)", archive.name)
        return archive
    started = time.monotonic()
    data = _build_variant(config, project, build.settings.epoch)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.zip"):
        old.unlink()
    partial = archive.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(archive)  # never leave a half-written zip to be reused
    log.info("Version hors ligne construite en %.1f s (%d Ko)", time.monotonic() - started, len(data) // 1000)
    return archive


def _build_variant(config: MkDocsConfig, project: Path, epoch: int) -> bytes:
    with tempfile.TemporaryDirectory(prefix="kit-hors-ligne-") as temporary:
        site = Path(temporary) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config.config_file_path), "-d", str(site)]
        if config.strict:
            command.append("--strict")
        result = subprocess.run(
            command, cwd=project, capture_output=True, text=True, timeout=600,
            env={**os.environ, OFFLINE_ENV: "true", "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            raise PluginError(
                "La version hors ligne du site n'a pas pu être construite "
                f"(pour construire sans elle : KIT_SANS_HORS_LIGNE=1) :\n{result.stderr.strip()[-4000:]}"
            )
        return zip_directory(site, ZIP_FOLDER, epoch, {"LISEZ-MOI.txt": README})

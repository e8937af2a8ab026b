"""MkDocs hooks for the offline copy of the site, opened from the file system.

In the normal build, the copy is built in the same process, by MkDocs
itself with Material's offline plugin on, from this build's kit and
download files (never generated twice; the archive of all downloads stays
on the published site, which the copy links to), then zipped and offered
on the home page. The zip is kept in the build's cache and reused while its
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
import json
import logging
import re
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator
from importlib.metadata import version
from pathlib import Path

import kitoutils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files

from kitoutils.build import CONFIG_KEY, SiteBuild, site_build_of
from kitoutils.offline import (
    README, ZIP_FOLDER, ZIP_PATH, ShimUnknown, download_notice, fingerprint, skipped_notice, variant_notice,
    worker_frame_script, write_site_zip,
)

log = logging.getLogger("mkdocs.plugins.kit.hors_ligne")

SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"
OFFLINE_PLUGIN = "material/offline"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = site_build_of(config)
    settings = build.settings
    if settings.offline_variant:
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_PATH]
        build.offline_notice = lambda page: variant_notice(config.site_url or "")
        shim = SHIM_SOURCE.read_text(encoding="utf-8")
        build.frame_scripts = lambda page_html: _shim_frame_scripts(shim, page_html)
    elif not (settings.offline_zip and settings.downloads):
        # A build without downloads has no offline zip either.
        build.offline_notice = lambda page: skipped_notice()
    return config


# Material's configuration, written into every page; its `search` is the worker's address.
_MATERIAL_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def _shim_frame_scripts(shim: str, page_html: str) -> tuple[str, ...]:
    """The inline script the shim writes into its frame on this page (for the page's policy)."""
    found = _MATERIAL_CONFIG.search(page_html)
    worker = json.loads(found.group(1)).get("search") if found else None
    if not worker:
        return ()
    try:
        return (worker_frame_script(shim, worker),)
    except ShimUnknown as unknown:
        raise PluginError(str(unknown)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = site_build_of(config)
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
    """The zip of the offline copy, built now or reused from the build's cache."""
    project = Path(config.config_file_path).parent
    sources = [Path(config.config_file_path), Path(config.docs_dir), project / "kit",
               project / "hooks", Path(kitoutils.__file__).parent]
    settings = dataclasses.replace(build.settings, cache_dir=None)  # where the cache is changes nothing
    key = fingerprint(sources, [
        config.site_url or "", config.repo_url or "", repr(settings),
        version("mkdocs"), version("mkdocs-material"),
    ])
    cache_dir = build.settings.cache_dir
    if cache_dir is not None and (kept := cache_dir / "hors-ligne" / f"{key[:20]}.zip").is_file():
        log.info("Version hors ligne reprise du cache (%s)", kept.name)
        return kept
    started = time.monotonic()
    folder = cache_dir / "hors-ligne" if cache_dir is not None else build.downloads.store.folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.zip"):
        old.unlink()
    archive = folder / f"{key[:20]}.zip"
    with tempfile.TemporaryDirectory(prefix="kit-hors-ligne-") as temporary:
        copy = build.offline_copy(config.site_url or "")
        _build_variant(config, copy, Path(temporary) / "site")
        write_site_zip(Path(temporary) / "site", archive, ZIP_FOLDER, build.settings.epoch,
                       {"LISEZ-MOI.txt": README}, copy.downloads.deflated)
    log.info("Version hors ligne construite en %.1f s (%d Ko)",
             time.monotonic() - started, archive.stat().st_size // 1000)
    return archive


@contextmanager
def _plugins_of_its_own() -> Iterator[None]:
    """Let the copy's config get new plugin instances.

    MkDocs keeps one instance of each plugin that has startup or shutdown
    events (Material's search) for every config a process loads, so that
    `mkdocs serve` rebuilds reuse them: the copy would index its pages in the
    build's own search index. Its instances are made apart, and the build's
    are kept for the next rebuild.

    `MkDocsConfig.plugins`, read on the class, is the option itself (MkDocs'
    typed configs return it there by design); its `plugin_cache` has no
    public equivalent: MkDocs offers no way to ask for new instances.
    """
    cache = MkDocsConfig.plugins.plugin_cache
    kept = dict(cache)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        cache.update(kept)


def _build_variant(config: MkDocsConfig, copy: SiteBuild, site: Path) -> None:
    """Build the offline copy into `site`, in this process, as `mkdocs build` would.

    The same process rather than a second `mkdocs build`: the copy starts
    from this build's kit and files (hooks/kit.py takes them from the config)
    instead of loading, checking and generating them all again.
    """
    with _plugins_of_its_own():
        variant = load_config(config.config_file_path, site_dir=str(site), strict=config.strict)
    offline = variant.plugins.get(OFFLINE_PLUGIN)
    if offline is None:
        raise PluginError(f"La version hors ligne demande le greffon « offline » de Material dans mkdocs.yml "
                          "(pour construire sans elle : KIT_SANS_HORS_LIGNE=1)")
    offline.config.enabled = True
    variant[CONFIG_KEY] = copy
    log.info("Construction de la version hors ligne…")
    try:
        variant.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(variant)
        finally:
            variant.plugins.on_shutdown()
    except (Abort, PluginError) as failure:
        raise PluginError(
            "La version hors ligne du site n'a pas pu être construite "
            f"(pour construire sans elle : KIT_SANS_HORS_LIGNE=1) : {failure}") from None

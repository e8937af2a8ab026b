"""MkDocs hooks for the offline copy of the site, opened from the file system.

In the normal build, the copy is built by MkDocs itself with Material's
offline plugin on, from this build's kit and download files (never
generated twice; the archive of all downloads stays on the published site,
which the copy links to), then zipped and offered on the home page. It is
built in a fork of the build's process (kitoutils/side_task.py) while the
build goes on, when forking is safe; else in the build's process. The zip
is kept in the build's cache and reused while its sources have not
changed; the settings `sans_hors_ligne` and `sans_telechargements`
(mkdocs.yml, `extra: kit:`) skip it.

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
from mkdocs.structure.pages import Page

from kitoutils.build import CONFIG_KEY, SiteBuild, site_build_of
from kitoutils.downloads import french_size
from kitoutils.offline import (
    README, SIZE_MARK, ZIP_FOLDER, ZIP_PATH, ShimUnknown, download_notice, fingerprint, skipped_notice,
    variant_notice, worker_frame_script, write_site_zip,
)
from kitoutils.side_task import SideTask, SideTaskFailed

log = logging.getLogger("mkdocs.plugins.kit.hors_ligne")

SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"
OFFLINE_PLUGIN = "material/offline"
OFFLINE_ZIP_KEY = "kit_offline_zip"  # where on_files leaves the zip being made, for the later events


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
        offline = OfflineZip(config, build)
        config[OFFLINE_ZIP_KEY] = offline
        build.offline_notice = lambda page: download_notice(page, offline.size_text())
        files.append(offline.site_file)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    offline = config.get(OFFLINE_ZIP_KEY)
    return output if offline is None else offline.with_size(output, page.file.abs_dest_path)


def on_post_build(config: MkDocsConfig) -> None:
    offline = config.get(OFFLINE_ZIP_KEY)
    if offline is not None:
        offline.finish()


class _ZipFile(File):
    """The zip in the site's files (pages link to it), copied once it is made (OfflineZip.finish)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass  # MkDocs copies files before it builds the pages: the zip may not be made yet

    def copy_now(self) -> None:
        super().copy_file()


class OfflineZip:
    """The offline copy's zip: taken from the build's cache, or made beside the build.

    Made in a child process while the build goes on (kitoutils/side_task.py),
    since it is a second site whose making needs nothing from the rest of the
    build. Pages that show its size before it is known (the home page) get it
    when it is: then, or at the end of the build.
    """

    def __init__(self, config: MkDocsConfig, build: SiteBuild) -> None:
        self.path = _zip_path(config, build)
        self.site_file = _ZipFile.generated(config, ZIP_PATH, abs_src_path=str(self.path))
        self._pages_waiting: list[str] = []
        self._task: SideTask | None = None
        if self.path.is_file():
            log.info("Version hors ligne reprise du cache (%s)", self.path.name)
        else:
            # A daemon child: a build that fails elsewhere ends, and the child with it.
            self._task = SideTask(lambda: _make_zip(config, build, self.path), (PluginError, OSError))

    def _ready(self) -> bool:
        return self._task is None or self._task.done()

    def size_text(self) -> str:
        """The zip's size for a page, or a mark that `with_size` replaces once it is known."""
        return french_size(self.path.stat().st_size) if self._task is None else SIZE_MARK

    def with_size(self, page_html: str, page_file: str) -> str:
        """A built page with the zip's size in place of its mark (later, if the zip is not made yet)."""
        if SIZE_MARK not in page_html:
            return page_html
        if not self._ready():
            self._pages_waiting.append(page_file)
            return page_html
        self._wait()
        return page_html.replace(SIZE_MARK, self.size_text())

    def finish(self) -> None:
        """Wait for the zip, put it in the site, and its size in the pages that waited for it."""
        self._wait()
        self.site_file.copy_now()
        for page_file in self._pages_waiting:
            page = Path(page_file)
            page.write_text(page.read_text(encoding="utf-8").replace(SIZE_MARK, self.size_text()), encoding="utf-8")
        self._pages_waiting.clear()

    def _wait(self) -> None:
        if self._task is None:
            return
        try:
            self._task.wait()
        except SideTaskFailed as failed:
            raise PluginError(str(failed)) from None
        finally:
            self._task = None


def _zip_path(config: MkDocsConfig, build: SiteBuild) -> Path:
    """Where the zip of these sources is, or goes: named by a digest of everything it is made of."""
    project = Path(config.config_file_path).parent
    sources = [Path(config.config_file_path), Path(config.docs_dir), project / "kit",
               project / "hooks", Path(kitoutils.__file__).parent]
    settings = dataclasses.replace(build.settings, cache_dir=None)  # where the cache is changes nothing
    key = fingerprint(sources, [
        config.site_url or "", config.repo_url or "", repr(settings),
        version("mkdocs"), version("mkdocs-material"),
    ])
    cache_dir = build.settings.cache_dir
    folder = cache_dir / "hors-ligne" if cache_dir is not None else build.downloads.store.folder
    return folder / f"{key[:20]}.zip"


def _make_zip(config: MkDocsConfig, build: SiteBuild, archive: Path) -> None:
    """Build the offline copy and zip it into `archive` (the folder's older zips removed)."""
    started = time.monotonic()
    archive.parent.mkdir(parents=True, exist_ok=True)
    for old in archive.parent.glob("*.zip"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="kit-hors-ligne-") as temporary:
        copy = build.offline_copy(config.site_url or "")
        _build_variant(config, copy, Path(temporary) / "site")
        write_site_zip(Path(temporary) / "site", archive, ZIP_FOLDER, build.settings.epoch,
                       {"LISEZ-MOI.txt": README}, copy.downloads.deflated)
    log.info("Version hors ligne construite en %.1f s (%d Ko)",
             time.monotonic() - started, archive.stat().st_size // 1000)


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
    """Build the offline copy into `site`, as `mkdocs build` would.

    A fork of the build (or the build's own process) rather than a second
    `mkdocs build`: the copy starts
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

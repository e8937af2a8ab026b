"""MkDocs hooks: the thin adapter between MkDocs and the kitoutils core.

Each event only calls the core: load and validate the kit (on_config), add
the files the core generates (on_files: sheet pages and more), fill the home page's list of
sheets (on_page_markdown). A kit with errors stops the build with the
located French messages and no traceback.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kitoutils.downloads import DownloadFailed
from kitoutils.loader import load_kit
from kitoutils.model import Kit
from kitoutils.navigation import with_sheets
from kitoutils.problems import KitInvalid
from kitoutils.render import sheet_path
from kitoutils.search_index import SearchIndexMismatch, rewrite_search_index
from kitoutils.site import HOME_PAGE, fill_markers, site_files

log = logging.getLogger("mkdocs.plugins.kit")


_kit: Kit | None = None


class AsIsFile(File):
    """A generated file copied unchanged, even when its name ends in .md."""

    def is_documentation_page(self) -> bool:
        return False


def kit_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "kit"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _kit
    directory = kit_dir(config)
    if str(directory) not in config.watch:
        config.watch.append(str(directory))  # `mkdocs serve` rebuilds on sheet edits
    try:
        _kit = load_kit(directory)
    except KitInvalid as invalid:
        raise PluginError(invalid.report()) from None
    # The sheets' pages come after the home page, grouped by phase.
    config.nav = with_sheets(config.nav or [HOME_PAGE], _kit)
    log.info("Kit chargé : %d fiches", len(_kit.fiches))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _kit is not None
    docs_to_project = os.path.relpath(Path(config.config_file_path).parent, config.docs_dir)
    try:
        outputs = site_files(_kit)
    except DownloadFailed as failed:
        raise PluginError(str(failed)) from None
    for output in outputs:
        kind = AsIsFile if output.as_is else File
        generated = kind.generated(config, output.path, content=output.content)
        if output.source is not None:
            # "Edit this page" opens the YAML sheet, not the generated Markdown.
            generated.edit_uri = Path(docs_to_project, output.source).as_posix()
        files.append(generated)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _kit is None:
        return markdown
    return fill_markers(_kit, markdown, page.file.src_uri)


def on_post_build(config: MkDocsConfig) -> None:
    # Runs after the search plugin has written its index (hooks come after plugins).
    index = Path(config.site_dir) / "search" / "search_index.json"
    if _kit is None or not index.is_file() or not config.extra.get("recherche_francaise", True):
        return

    def sheet_url(fiche_id: str) -> str:
        page = sheet_path(fiche_id)[: -len(".md")]
        return f"{page}/" if config.use_directory_urls else f"{page}.html"

    try:
        rewrite_search_index(index, _kit, sheet_url)
    except SearchIndexMismatch as mismatch:
        raise PluginError(f"Index de recherche : {mismatch}") from None

"""MkDocs hooks: the thin adapter between MkDocs and the kitoutils core.

Each event only calls the core: read the build's settings and load the kit
(on_config), add the files the build makes (on_files: sheet pages, downloads,
tag pages, glossary, the web editor), fill the markers of hand-written pages (on_page_markdown),
explain the glossary's terms at their first use (on_post_page), add
the kit's documents to the search index (on_post_build). The build's state
lives on one `SiteBuild`, kept on the config MkDocs hands to every event
(and out of the garbage collector's sight while pages are rendered). A
kit with errors stops the build with the located French messages and no
traceback.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kitoutils.build import CONFIG_KEY, SiteBuild, site_build_of
from kitoutils.downloads import DownloadFailed
from kitoutils.editor.config import EditorUnavailable
from kitoutils.intake.loader import load_kit
from kitoutils.model.addresses import sheet_path
from kitoutils.model.markdown_dialect import FieldParser
from kitoutils.model.problems import KitInvalid
from kitoutils.model.typography import french_typography
from kitoutils.pages.csp import with_policy
from kitoutils.pages.markers import UnknownMarker
from kitoutils.pages.navigation import with_sheets
from kitoutils.search import rewrite_search_index
from kitoutils.settings import BuildSettings, SettingInvalid

log = logging.getLogger("mkdocs.plugins.kit")

HOME_PAGE = "index.md"


class AsIsFile(File):
    """A generated file copied unchanged, even when its name ends in .md."""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        # Downloads weigh hundreds of megabytes in a large kit, and the store
        # keeps them already: a hard link puts one in the site without copying
        # its bytes (copied all the same when the site is on another disk).
        if self.abs_src_path is not None and not (dirty and not self.is_modified()):
            target = Path(self.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # never write through a link into the store
            try:
                os.link(self.abs_src_path, target)
                return
            except OSError:
                pass
        super().copy_file(dirty)


def offline_plugin_enabled(config: MkDocsConfig) -> bool:
    """True when this build is the offline copy (Material's offline plugin on)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The offline copy arrives with its SiteBuild, made from the main build's
    # (hooks/hors_ligne.py): the kit is neither read nor checked again.
    build = config.get(CONFIG_KEY) or _new_build(config)
    # Templates see the settings as understood, not as typed (main.html reads
    # recherche_francaise; partials/actions.html, editeur: whether sheets link to /admin/).
    config.extra["kit"] = {**(config.extra.get("kit") or {}), "recherche_francaise": build.settings.french_search,
                           "editeur": build.settings.with_editor}
    # The sheets' pages come after the home page, grouped by phase.
    config.nav = with_sheets(config.nav or [HOME_PAGE], build.kit)
    config[CONFIG_KEY] = build
    return config


def _new_build(config: MkDocsConfig) -> SiteBuild:
    project = Path(config.config_file_path).parent
    try:
        settings = BuildSettings.from_options(
            config.extra.get("kit"), project, offline_variant=offline_plugin_enabled(config),
            repo_url=config.repo_url, site_url=config.site_url, directory_urls=config.use_directory_urls)
    except SettingInvalid as invalid:
        raise PluginError(str(invalid)) from None
    directory = project / "kit"
    if str(directory) not in config.watch:
        config.watch.append(str(directory))  # `mkdocs serve` rebuilds on sheet edits
    parser = FieldParser()  # parses each text once at most, for the checks and then the pages
    try:
        kit = load_kit(directory, parser=parser, cache_dir=settings.cache_dir)
    except KitInvalid as invalid:
        raise PluginError(invalid.report()) from None
    log.info("Kit chargé : %d fiches", len(kit.fiches))
    return SiteBuild(kit, settings, parser=parser)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs_to_project = os.path.relpath(Path(config.config_file_path).parent, config.docs_dir)
    try:
        outputs = site_build_of(config).files()
    except DownloadFailed as failed:
        raise PluginError(str(failed)) from None
    except EditorUnavailable as unavailable:
        raise PluginError(f"Éditeur en ligne : {unavailable}") from None
    for output in outputs:
        if output.file is not None:
            generated = AsIsFile.generated(config, output.path, abs_src_path=str(output.file))
        else:
            generated = File.generated(config, output.path, content=output.content)
        if output.source is not None:
            # "Edit this page" opens the YAML sheet, not the generated Markdown.
            generated.edit_uri = Path(docs_to_project, output.source).as_posix()
        files.append(generated)
    # The kit, its downloads and the file list live as long as the build: out of
    # the garbage collector's sight, its full collections (frequent while pages are
    # rendered) no longer walk them all again (about 10 s of a build at 1,000 sheets).
    gc.freeze()
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The title and description of a page's front matter, as its text, in the kit's typography.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = french_typography(page.meta[key])
    try:
        return site_build_of(config).fill_markers(markdown, page.file.src_uri)
    except UnknownMarker as unknown:
        raise PluginError(str(unknown)) from None


def on_build_error(error: Exception) -> None:
    gc.unfreeze()  # a failed build's objects are garbage too (`mkdocs serve` builds again)


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # back in the collector's sight: garbage once the build is over
    # Runs after the search plugin has written its index (hooks come after plugins).
    build = site_build_of(config)
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file() or not build.settings.french_search:
        return

    def sheet_url(fiche_id: str) -> str:
        page = sheet_path(fiche_id)[: -len(".md")]
        return f"{page}/" if config.use_directory_urls else f"{page}.html"

    rewrite_search_index(index, build.kit, sheet_url)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # After the search plugin has read the page, so glossary definitions stay out
    # of the search results; the policy last, computed from the page as served.
    explained = site_build_of(config).explain_terms(output, page.file.src_uri)
    return _with_policy(explained, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates: the 404 page (sitemap.xml is not a page).
    return _with_policy(output_content, config) if template_name.endswith(".html") else output_content


def _with_policy(page_html: str, config: MkDocsConfig) -> str:
    """The page with its Content-Security-Policy, computed from the page as written."""
    build = site_build_of(config)
    return with_policy(page_html, offline=build.settings.offline_variant,
                       extra_scripts=tuple(build.frame_scripts(page_html)))

"""One build of the site: the kit, its settings, and everything made from them.

A `SiteBuild` makes each artefact once (the downloads, which pages link to
with their sizes, are generated on first use and shared by every page and by
the offline copy, which never generates them again). The MkDocs hooks only
hand its files to MkDocs; another generator could write them to disk just as
well.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any
from pathlib import Path

from .downloads import Downloads, generate_downloads
from .editor.page import editor_files
from .model.addresses import SHEETS_DIR, sheet_path, tag_path
from .model.content import Kit
from .model.markdown_dialect import FieldParser
from .pages import markers
from .pages.diagrams import render_roles, render_timeline
from .pages.glossary import GLOSSARY_PAGE, TermExplainer, render_glossary_page
from .pages.render import render_fiche, render_home_downloads, render_sheet_list, render_start_here
from .pages.tags import TAG_KINDS, render_tag_page
from .settings import BuildSettings


@dataclass(frozen=True)
class OutputFile:
    """One file of the site, generated from the kit."""

    path: str  # relative to the site's root, as in docs/
    content: str | None = None  # a page's Markdown
    file: Path | None = None  # else the file on disk (a download, in the store)
    source: str | None = None  # the YAML file it comes from, for "edit this page"

    @property
    def as_is(self) -> bool:
        """Copied unchanged, even a .md file: a download, not a page."""
        return self.file is not None


# Where the hooks keep this build on MkDocs' config: hooks/kit.py puts it there,
# hooks/hors_ligne.py reads it, and hands the offline copy's build to its own config.
CONFIG_KEY = "kit_build"


def site_build_of(config: Mapping[str, Any]) -> SiteBuild:
    """The SiteBuild a MkDocs config carries (put there by hooks/kit.py's on_config)."""
    return config[CONFIG_KEY]


class SiteBuild:
    """The kit and settings of one build, and what it makes of them."""

    def __init__(self, kit: Kit, settings: BuildSettings, downloads: Downloads | None = None,
                 parser: FieldParser | None = None) -> None:
        self.kit = kit
        self.settings = settings
        # The parser that checked the kit's texts (load_kit) holds their HTML for the pages.
        self.parser = parser or FieldParser()
        self._made_downloads = downloads
        # The offline copy's notice for the home page, set by whoever builds the copy.
        self.offline_notice: markers.Filler = lambda page: ""
        # Inline scripts a page's own scripts write into frames (the offline copy's
        # worker shim), which its Content-Security-Policy must allow; set likewise.
        self.frame_scripts: Callable[[str], Iterable[str]] = lambda page_html: ()

    @cached_property
    def downloads(self) -> Downloads:
        if self._made_downloads is not None:
            return self._made_downloads
        return generate_downloads(self.kit, self.settings)

    def offline_copy(self, site_url: str) -> SiteBuild:
        """The build of this site's offline copy: the same kit and download files
        (made once, here), but the archive of them all, which the copy links to
        on the site published at `site_url`."""
        # From file://, pages are files (Material's offline plugin turns directory URLs off).
        return SiteBuild(self.kit, replace(self.settings, offline_variant=True, directory_urls=False),
                         self.downloads.without_archive(site_url), self.parser)

    def files(self) -> list[OutputFile]:
        """Every generated file of the site: sheet pages, downloads, tag pages, glossary, the web editor."""
        kit = self.kit
        # With the kit's French search, checklist items are search documents of
        # their own (search.py), so the pages keep their lists out of Material's.
        sheets = [OutputFile(sheet_path(f.id), render_fiche(kit, f, self.downloads, self.settings.french_search,
                                                            self.settings.directory_urls, self.parser),
                             source=kit.files[f.id])
                  for f in kit.fiches]
        downloads = [OutputFile(path, file=file) for path, file in self.downloads.files.items()]
        tags = [OutputFile(tag_path(kind, terme.id), render_tag_page(kit, kind, terme))
                for kind in TAG_KINDS for terme in getattr(kit.vocabulaire, kind)]
        made = editor_files(kit, self.settings) if self.settings.with_editor else {}
        editor = [OutputFile(path, file=made_file) if isinstance(made_file, Path) else OutputFile(path, made_file)
                  for path, made_file in made.items()]
        glossary = ([OutputFile(GLOSSARY_PAGE, render_glossary_page(kit.glossaire), source="kit/glossaire.yml")]
                    if kit.glossaire else [])
        return [*sheets, *downloads, *tags, *glossary, *editor]

    def explain_terms(self, page_html: str, page_path: str) -> str:
        """A built page with the first use of each glossary term explained (not the glossary itself)."""
        if page_path == GLOSSARY_PAGE:
            return page_html
        return self._term_explainer.mark(page_html)

    @cached_property
    def _term_explainer(self) -> TermExplainer:
        return TermExplainer(self.kit.glossaire)

    def fill_markers(self, markdown: str, page_path: str) -> str:
        """A hand-written page with the kit's parts in place of its markers."""
        return markers.fill_markers(markdown, page_path, {
            markers.SHEET_LIST: lambda page: render_sheet_list(self.kit, _to_root(page) + f"{SHEETS_DIR}/"),
            markers.START_HERE: lambda page: render_start_here(self.kit, _to_root(page) + f"{SHEETS_DIR}/"),
            markers.DOWNLOADS: lambda page: render_home_downloads(self.downloads, _to_root(page)),
            markers.OFFLINE: self.offline_notice,
            markers.ROLES: lambda page: render_roles(self.kit),
            markers.TIMELINE: lambda page: render_timeline(self.kit, _to_root(page) + f"{SHEETS_DIR}/"),
        })


def _to_root(page_path: str) -> str:
    """The relative link from a page (a path in docs/) back to the site's root: "" or "../"."""
    folder = posixpath.dirname(page_path)
    return "" if not folder else posixpath.relpath(".", folder) + "/"

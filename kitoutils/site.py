"""Everything the kit adds to a site, as a list of files.

The MkDocs hooks only hand these files to MkDocs; another generator could
write them to disk just as well. A new kind of output (a download, a tag
page) is one more generator appended here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .downloads import generate_downloads
from .model import Kit
from .render import render_fiche, render_home_downloads, render_sheet_list, sheet_path, tag_path
from .tags import TAG_KINDS, render_tag_page
from .visuels import fill_visual_markers

HOME_PAGE = "index.md"
SHEET_LIST_MARKER = "<!-- kit:liste-des-fiches -->"
DOWNLOADS_MARKER = "<!-- kit:telechargements -->"


@dataclass(frozen=True)
class OutputFile:
    """One file of the site, generated from the kit."""

    path: str  # relative to the site's root, as in docs/
    content: str | bytes
    source: str | None = None  # the YAML file it comes from, for "edit this page"
    as_is: bool = False  # copied unchanged, even a .md file: a download, not a page


def sheet_pages(kit: Kit) -> list[OutputFile]:
    downloads = generate_downloads(kit)  # pages show each download's size
    return [OutputFile(sheet_path(f.id), render_fiche(kit, f, downloads), kit.files[f.id]) for f in kit.fiches]


def tag_pages(kit: Kit) -> list[OutputFile]:
    return [
        OutputFile(tag_path(kind, terme.id), render_tag_page(kit, kind, terme))
        for kind in TAG_KINDS for terme in getattr(kit.vocabulaire, kind)
    ]


def download_files(kit: Kit) -> list[OutputFile]:
    """Checklists and sheets to download, kit.json and its schema, the zip."""
    return [OutputFile(path, content, as_is=True) for path, content in generate_downloads(kit).files.items()]


GENERATORS = [sheet_pages, download_files, tag_pages]


def site_files(kit: Kit) -> list[OutputFile]:
    """Every generated file of the site."""
    return [output for generator in GENERATORS for output in generator(kit)]


def fill_markers(kit: Kit, markdown: str, page_path: str) -> str:
    """A hand-written page with the kit's parts in place of its markers:
    diagrams on any page, the downloads' zip and the list of sheets on the home page."""
    markdown = fill_visual_markers(kit, markdown)
    if page_path == HOME_PAGE:
        markdown = markdown.replace(DOWNLOADS_MARKER, render_home_downloads(generate_downloads(kit)))
        markdown = markdown.replace(SHEET_LIST_MARKER, render_sheet_list(kit))
    return markdown

"""Render the kit into Markdown pages (with a little HTML for checklists)."""

from __future__ import annotations

import html
import re
from functools import cache

import jinja2

from .history import history_html
from .sanitize import FieldRenderer
from ..editor.config import sheet_entry_path
from ..model import publication
from ..model.provenance import ADDITION_LABEL, credit_parts
from ..model.addresses import SHEETS_DIR, sheet_path, tag_path
from ..model.content import Fiche, Kit
from ..model.markdown_dialect import FieldParser
from ..model.typography import french_typography

# Every character Python-Markdown (with the site's extensions) lets a
# backslash escape: each has a meaning somewhere (« { » opens an attribute
# list, « ! » an admonition or an image, « # » a heading, « | » a table).
# A plain-text field escapes them all and its HTML characters, on one line,
# so it shows as written and never turns into markup.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")


def plain(text: str) -> str:
    """Escape a plain-text field for use inside Markdown (text of a paragraph, heading or link)."""
    text = _LINE_BREAKS.sub(" ", text).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def html_text(text: str) -> str:
    """Escape a plain-text field for MkDocs' titles and descriptions, which its
    templates print as HTML without escaping (title, meta description, menu)."""
    return html.escape(_LINE_BREAKS.sub(" ", text).strip(), quote=False).replace('"', "&quot;")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kitoutils.pages", "templates"),
        autoescape=False,  # Markdown output: escaping is explicit, with |plain
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["html_text"] = html_text
    env.globals["publication"] = publication
    env.globals["complement"] = ADDITION_LABEL
    # "{#" opens a Jinja comment, so attr_list anchors are written by a helper.
    env.globals["ancre"] = lambda identifier, *attributes: "{#" + " ".join((identifier, *attributes)) + "}"
    return env


# The same environment renders other pages of the kit (tag pages).
environment = _environment


def render_fiche(kit: Kit, fiche: Fiche, telechargements=None, items_searched_apart: bool = False,
                 directory_urls: bool = True, parser: FieldParser | None = None) -> str:
    """The Markdown page of one sheet (telechargements: its Downloads, to link them;
    items_searched_apart: its checklists are left out of Material's search index,
    whose documents for their items come from the kit, see kitoutils/search.py;
    directory_urls: MkDocs' setting, for the links inside the sheet's texts;
    parser: the build's, which has seen the texts when the kit was checked)."""
    vocabulaire = kit.vocabulaire
    publics = vocabulaire.terms("publics")
    # The templates' own words ("Phase :") get the same typography as the texts.
    return french_typography(_environment().get_template("fiche.md.j2").render(
        fiche=fiche,
        adresse_editeur=sheet_entry_path(fiche),  # « Modifier dans l'éditeur » (partials/actions.html)
        champs=FieldRenderer(sheet_path(fiche.id), directory_urls, parser),
        phase=vocabulaire.terms("phases")[fiche.phase],
        statut=vocabulaire.terms("statuts")[fiche.statut],
        publics=[publics[p] for p in fiche.publics],
        voir_aussi=[kit.fiche(other) for other in fiche.voir_aussi],
        telechargements=telechargements,
        hors_recherche=items_searched_apart,
        racine="../",  # from fiches/<id>.md back to the site's root
        historique=history_html(kit.historique, kit.files[fiche.id]),
        credit=credit_parts(fiche),
    ))


def _contents(fiche: Fiche) -> str:
    """What a sheet holds, as its home card says it: « 3 listes à cocher »."""
    parts = []
    for count, one, many in ((len(fiche.checklists()), "liste à cocher", "listes à cocher"),
                             (len(fiche.questions), "question", "questions")):
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or f"{len(fiche.sections)} sections"


def render_sheet_list(kit: Kit, prefix: str = f"{SHEETS_DIR}/") -> str:
    """The sheets grouped by phase, as shown on the home page."""
    publics = kit.vocabulaire.terms("publics")
    return french_typography(_environment().get_template("accueil.md.j2").render(
        groupes=kit.by_phase(),
        prefixe=prefix,
        contenu=_contents,
        libelles_publics=lambda fiche: [publics[p].libelle for p in fiche.publics],
        # The filter's terms (only those with sheets) and its fallback links to tag pages.
        filtres=[(kind, [t for t in getattr(kit.vocabulaire, kind)
                         if any(t.id in f.publics or t.id == f.phase for f in kit.fiches)])
                 for kind in ("publics", "phases")],
        vers_etiquette=lambda kind, terme: prefix.rsplit(SHEETS_DIR, 1)[0] + tag_path(kind, terme.id),
    ))


def render_start_here(kit: Kit, prefix: str = f"{SHEETS_DIR}/") -> str:
    """« Par où commencer ? »: the readers' situations the sheets name, each linking to its sheet."""
    return french_typography(_environment().get_template("commencer.md.j2").render(
        entrees=[(situation, fiche) for fiche in kit.fiches for situation in fiche.situations],
        prefixe=prefix,
    ))


def render_home_downloads(telechargements, racine: str = "") -> str:
    """The link to the zip of every download ("" without downloads), from a page
    whose way back to the site's root is `racine`."""
    template = _environment().get_template("telechargements.md.j2")
    return french_typography(template.make_module({"racine": racine}).archive(telechargements))

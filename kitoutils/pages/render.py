"""Render the kit into Markdown pages (with a little HTML for checklists)."""

from __future__ import annotations

import re
from functools import cache

import jinja2

from .history import history_html
from ..model import publication
from ..model.provenance import ADDITION_LABEL, credit_parts
from ..model.addresses import SHEETS_DIR, tag_path
from ..model.content import Fiche, Kit
from ..model.typography import french_typography

# Characters that would make plain text (titles, summaries) turn into
# Markdown or HTML; each is escaped so the text shows as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def plain(text: str) -> str:
    """Escape a plain-text field for use inside Markdown."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


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
    env.globals["publication"] = publication
    env.globals["complement"] = ADDITION_LABEL
    # "{#" opens a Jinja comment, so attr_list anchors are written by a helper.
    env.globals["ancre"] = lambda identifier, *attributes: "{#" + " ".join((identifier, *attributes)) + "}"
    return env


# The same environment renders other pages of the kit (tag pages).
environment = _environment


def render_fiche(kit: Kit, fiche: Fiche, telechargements=None, items_searched_apart: bool = False) -> str:
    """The Markdown page of one sheet (telechargements: its Downloads, to link them;
    items_searched_apart: its checklists are left out of Material's search index,
    whose documents for their items come from the kit, see kitoutils/search.py)."""
    vocabulaire = kit.vocabulaire
    publics = vocabulaire.terms("publics")
    # The templates' own words ("Phase :") get the same typography as the texts.
    return french_typography(_environment().get_template("fiche.md.j2").render(
        fiche=fiche,
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


def render_sheet_list(kit: Kit, prefix: str = f"{SHEETS_DIR}/") -> str:
    """The sheets grouped by phase, as shown on the home page."""
    publics = kit.vocabulaire.terms("publics")
    return french_typography(_environment().get_template("accueil.md.j2").render(
        groupes=kit.by_phase(),
        prefixe=prefix,
        libelles_publics=lambda fiche: [publics[p].libelle for p in fiche.publics],
        # The filter's terms (only those with sheets) and its fallback links to tag pages.
        filtres=[(kind, [t for t in getattr(kit.vocabulaire, kind)
                         if any(t.id in f.publics or t.id == f.phase for f in kit.fiches)])
                 for kind in ("publics", "phases")],
        vers_etiquette=lambda kind, terme: prefix.rsplit(SHEETS_DIR, 1)[0] + tag_path(kind, terme.id),
    ))


def render_home_downloads(telechargements, racine: str = "") -> str:
    """The link to the zip of every download ("" without downloads), from a page
    whose way back to the site's root is `racine`."""
    template = _environment().get_template("telechargements.md.j2")
    return french_typography(template.make_module({"racine": racine}).archive(telechargements))

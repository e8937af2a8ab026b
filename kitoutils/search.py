"""Search documents of the kit's checklist items, made from the model.

Material's search plugin cuts a page into one search document per heading,
so a checklist item could only be found as part of its list. The sheet pages
leave their checklists out of Material's indexing (`data-search-exclude`),
and each item becomes a document of its own, made here straight from the
kit: its text, and as location the item's anchor on its sheet's page
(`fiches/amo/#verifier-seuil`), so the best result for an item links to it.
The synonym groups of kit/synonymes.yml ride along in the index's config,
where the search worker (docs/assets/javascripts/workers/kit-recherche.js)
reads them.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Callable

from .downloads.text import plain_inline
from .model.content import Kit

SYNONYMS_KEY = "kit_synonymes"


def item_documents(kit: Kit, sheet_url: Callable[[str], str]) -> dict[str, list[dict]]:
    """Each checklist's item documents, by the location of the checklist's heading.

    sheet_url gives the location of a sheet's page in the index ("fiches/amo/").
    """
    return {
        f"{sheet_url(fiche.id)}#{liste.id}": [
            # A title like Material's: the words without markup, escaped for HTML.
            {"location": f"{sheet_url(fiche.id)}#{element.id}",
             "title": html.escape(plain_inline(element.texte), quote=False), "text": ""}
            for element in liste.elements
        ]
        for fiche in kit.fiches for liste in fiche.checklists()
    }


def enrich_search_index(index: dict, kit: Kit, sheet_url: Callable[[str], str]) -> dict:
    """The index with one document per checklist item and the kit's synonyms.

    Each item follows its list's heading, as on the page; a list whose
    heading the index does not hold (a page left out of search) still has
    its items found, at the end.
    """
    items = item_documents(kit, sheet_url)
    docs = []
    for doc in index["docs"]:
        docs.append(doc)
        docs.extend(items.pop(doc["location"], ()))
    for rest in items.values():
        docs.extend(rest)
    config = dict(index["config"])
    config[SYNONYMS_KEY] = [{"id": s.id, "termes": list(s.termes)} for s in kit.synonymes]
    return {**index, "config": config, "docs": docs}


def rewrite_search_index(path: Path, kit: Kit, sheet_url: Callable[[str], str]) -> None:
    """Enrich the index file that the search plugin wrote, in the plugin's own format."""
    index = json.loads(path.read_text(encoding="utf-8"))
    enriched = enrich_search_index(index, kit, sheet_url)
    # UTF-8 rather than \u escapes: French text weighs less, the index stays the size it was.
    path.write_text(json.dumps(enriched, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

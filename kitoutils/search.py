"""Make the site's search index know the kit: checklist items and synonyms.

Material's search plugin cuts a page into one search document per heading,
so a checklist item could only be found as part of its list. Here each item
becomes a document of its own, whose location is the item's anchor
(`fiches/amo/#verifier-seuil`): the best result for an item links to it. The
item's text moves out of its list's document rather than being copied, which
keeps the index the size it was. The synonym groups of kit/synonymes.yml ride
along in the index's config, where the search worker
(docs/assets/javascripts/workers/kit-recherche.js) reads them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from .model.content import Fiche, Kit, Liste

SYNONYMS_KEY = "kit_synonymes"

# A checklist is the last list under its list's heading (download links may
# follow it); Material keeps it as "<ul> <li> text </li> ... </ul>".
_LIST = re.compile(r"\s*<ul>((?:\s*<li>.*?</li>)+)\s*</ul>", re.DOTALL)
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


class SearchIndexMismatch(ValueError):
    """The index does not hold a checklist where the kit says it is."""


def enrich_search_index(index: dict, kit: Kit, sheet_url: Callable[[str], str]) -> dict:
    """The index with one document per checklist item and the kit's synonyms.

    sheet_url gives the location of a sheet's page in the index ("fiches/amo/").
    """
    lists = {
        f"{sheet_url(fiche.id)}#{liste.id}": (fiche, liste)
        for fiche in kit.fiches for liste in fiche.checklists()
    }
    docs = []
    for doc in index["docs"]:
        docs.append(doc)
        found = lists.pop(doc["location"], None)
        if found is not None:
            docs.extend(_split_items(doc, *found, sheet_url))
    if lists:
        raise SearchIndexMismatch(
            "listes à cocher absentes de l'index de recherche : " + ", ".join(sorted(lists)))
    config = dict(index["config"])
    config[SYNONYMS_KEY] = [{"id": s.id, "termes": list(s.termes)} for s in kit.synonymes]
    return {**index, "config": config, "docs": docs}


def _split_items(doc: dict, fiche: Fiche, liste: Liste, sheet_url: Callable[[str], str]) -> list[dict]:
    """Cut the list's items out of doc (changed in place) into documents of their own."""
    matches = list(_LIST.finditer(doc["text"]))
    match = matches[-1] if matches else None
    texts = _ITEM.findall(match.group(1)) if match else []
    if len(texts) != len(liste.elements):
        raise SearchIndexMismatch(
            f"la liste « {liste.id} » de la fiche « {fiche.id} » a {len(liste.elements)} éléments, "
            f"l'index de recherche en montre {len(texts)}")
    doc["text"] = doc["text"][: match.start()] + doc["text"][match.end():]
    return [
        {"location": f"{sheet_url(fiche.id)}#{element.id}", "title": _title(text), "text": ""}
        for element, text in zip(liste.elements, texts)
    ]


def _title(text: str) -> str:
    """A heading-like title: the item's words without markup, as Material's titles are."""
    return re.sub(r"<[^>]+>", "", text).strip()


def rewrite_search_index(path: Path, kit: Kit, sheet_url: Callable[[str], str]) -> None:
    """Enrich the index file that the search plugin wrote, in the plugin's own format."""
    index = json.loads(path.read_text(encoding="utf-8"))
    enriched = enrich_search_index(index, kit, sheet_url)
    # UTF-8 rather than \u escapes: French text weighs less, the index stays the size it was.
    path.write_text(json.dumps(enriched, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

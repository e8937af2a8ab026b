"""Provenance rules of a sheet, checked once the sheet is built.

A credit may only name a source the sheet lists: `reprend` must be the id of
one of its `sources`. « origine: ajout » marks what a sheet adapted from a
source adds to it, so it is refused in a sheet written for this site (all of
whose text is its own). A source's address is a web address.
"""

from __future__ import annotations

import re

from ..model.content import Fiche
from ..model.provenance import ADDITION, ADDITION_LABEL
from .validate import Context

# A web address with nothing that could end the autolink it becomes on the page.
_WEB = re.compile(r"https?://[^\s<>\"'`()\[\]\\]+")


def check_provenance(ctx: Context, fiche: Fiche) -> None:
    """Add to ctx.problems every provenance rule the sheet breaks, at its place."""
    listed = [source.id for source in fiche.sources]
    for reference, value, node in ctx.local_references:
        if reference == "sources" and value not in listed:
            choices = ", ".join(f"« {s} »" for s in listed)
            ctx.error(node, (
                f"le crédit nomme la source « {value} », que la fiche ne liste pas dans « sources » "
                f"(sources listées : {choices}) : ajoutez-la à la liste ou corrigez l'identifiant"
            ))
        elif reference == "origines" and value != ADDITION:
            ctx.error(node, f"« origine » ne peut valoir que « {ADDITION} » (« {ADDITION_LABEL} »)")
        elif reference == "origines" and fiche.reprend is None:
            ctx.error(node, (
                "« origine: ajout » signale ce qu'une fiche adaptée ajoute à sa source ; cette fiche "
                "est rédigée pour ce site (pas de « reprend ») : retirez « origine »"
            ))
    for source in fiche.sources:
        if source.adresse is not None and not _WEB.fullmatch(source.adresse):
            ctx.error(ctx.identifiers[source.id], (
                f"l'adresse de la source « {source.id} » doit être une adresse web "
                "commençant par « https:// », sans espace ni caractère < > \" ' ` ( ) [ ]"
            ))

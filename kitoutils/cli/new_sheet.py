"""`kit nouvelle-fiche`: a new sheet's skeleton, valid from the start.

The editor gives an id and a title; the file gets the schema line (for the
editor's completion), the status « à relire », the phase and audiences asked
for (or the first of the vocabulary), and one section with one checklist to
fill in. Comments in it list the allowed terms, so nothing must be looked up.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..model.addresses import RESERVED_SHEET_IDS
from ..intake.loader import RESERVED_FILES, load_vocabulary
from ..intake.markup import unsafe_plain
from ..model.addresses import SLUG_PATTERN
from ..model.content import Vocabulaire
from ..model.addresses import slugify

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/schemas/fiche.schema.json"
NEW_STATUS = "a-relire"
# The kit's first readers are project leads: their term is the default audience.
DEFAULT_PUBLIC = "chef-de-projet"


class CannotCreate(Exception):
    """The sheet cannot be created; the message says why, in French."""


def yaml_text(text: str) -> str:
    """A one-line YAML scalar for a text: as written when that reads back the same, else quoted."""
    try:
        if yaml.safe_load(f"cle: {text}") == {"cle": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML string


def skeleton(sheet_id: str, titre: str, phase: str, publics: list[str], vocabulaire: Vocabulaire) -> str:
    """The text of a new sheet."""
    def terms(name: str) -> str:
        return ", ".join(vocabulaire.terms(name))

    return f"""{SCHEMA_LINE}
id: {sheet_id}
titre: {yaml_text(titre)}
resume: >-
  Résumé en une ou deux phrases, repris sur la page d'accueil (à écrire).
# Publics permis : {terms("publics")}
publics: [{", ".join(publics)}]
# Phases permises : {terms("phases")}
phase: {phase}
# Statut « {NEW_STATUS} » tant que les éditeurs du kit n'ont pas relu la fiche.
statut: {NEW_STATUS}
# Les sources de la fiche : sa ligne de crédit est faite de cette liste, et
# d'elle seule. Citez chaque fait dans le texte ; « adresse » est facultative.
sources:
  - id: premiere-source
    titre: Titre de la source (à écrire)
    editeur: Qui la publie (à écrire)
    date: Date de publication (à écrire)
sections:
  - id: premiere-section
    titre: Titre de la première section (à écrire)
    # En Markdown : paragraphes séparés par une ligne vide, **gras**, listes
    # à puces ; un lien vers une autre fiche s'écrit [son titre](son-id.md).
    texte: |-
      Le texte de la section (à écrire).
    listes:
      - id: premiere-liste
        titre: Titre de la liste à cocher (à écrire)
        elements:
          - id: premiere-action
            texte: Première action à cocher (à écrire).
"""


def create_sheet(kit_dir: Path, sheet_id: str, titre: str,
                 phase: str | None = None, publics: list[str] | None = None) -> Path:
    """Write kit_dir/<id>.yml; raise CannotCreate with a French message."""
    kit_dir = Path(kit_dir)
    if not re.match(SLUG_PATTERN, sheet_id):
        raise CannotCreate(
            f"l'identifiant « {sheet_id} » n'est pas valide : lettres minuscules sans accent, "
            f"chiffres et tirets simples seulement (par exemple « {slugify(sheet_id) or 'ma-fiche'} »)"
        )
    if sheet_id in RESERVED_SHEET_IDS or f"{sheet_id}.yml" in RESERVED_FILES:
        raise CannotCreate(f"le nom « {sheet_id} » est réservé : choisissez-en un autre")
    target = kit_dir / f"{sheet_id}.yml"
    if target.exists():
        raise CannotCreate(
            f"la fiche « {sheet_id} » existe déjà ({target.as_posix()}) : modifiez-la, "
            "ou choisissez un autre identifiant"
        )
    if not titre.strip():
        raise CannotCreate("le titre est vide : donnez le titre de la fiche entre guillemets")
    for finding in unsafe_plain(titre):
        raise CannotCreate(f"titre refusé : {finding.message}")
    vocabulaire = load_vocabulary(kit_dir)
    phase = phase or vocabulaire.phases[0].id
    default_public = DEFAULT_PUBLIC if DEFAULT_PUBLIC in vocabulaire.terms("publics") else vocabulaire.publics[0].id
    publics = publics or [default_public]
    _check_terms("phases", [phase], vocabulaire)
    _check_terms("publics", publics, vocabulaire)
    target.write_text(skeleton(sheet_id, titre.strip(), phase, publics, vocabulaire), encoding="utf-8")
    return target


def _check_terms(name: str, values: list[str], vocabulaire: Vocabulaire) -> None:
    allowed = vocabulaire.terms(name)
    for value in values:
        if value not in allowed:
            choices = ", ".join(f"« {a} »" for a in allowed)
            raise CannotCreate(
                f"« {value} » n'est pas un terme du vocabulaire « {name} » "
                f"(kit/vocabulaire.yml) ; termes permis : {choices}"
            )

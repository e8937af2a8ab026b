"""The web editor's configuration (Decap CMS's admin/config.yml), derived from the model.

Every form field comes from the same field declarations as the validator and
the JSON Schema: labels and hints in French, lists of blocks as nested list
widgets, vocabulary terms and sheets as select widgets, identifiers checked
with the verifier's pattern, required fields and minimum list lengths as the
verifier has them. A field added to the model appears in the form with no
line here.

The sheets are folder collections over the kit's folder, one per phase: the
form is written once per phase, never once per sheet, so the file grows with
the number of sheets only by the « voir aussi » options (one per sheet and per
phase). A folder collection must leave out the vocabulary, glossary and synonyms
files, which share the folder, and Decap CMS 3.x keeps only the entries whose
field equals one value (`filter`, no pattern): no value is the same in every
sheet, but every sheet has a phase and those files have none.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..intake.loader import GLOSSARY_FILE, SYNONYMS_FILE, VOCABULARY_FILE
from ..model.addresses import SLUG_PATTERN
from ..model.content import Fiche, Glossaire, Kit, Synonymes, Vocabulaire
from ..model.provenance import ADDITION, ADDITION_LABEL
from ..model.fields import FieldRule, field_rules
from ..model.typography import french_typography
from ..settings import BuildSettings

SHEETS_COLLECTION = "fiches"
PUBLISHED_BRANCH = "main"  # where merged pull requests land (mkdocs.yml's edit_uri says the same)
SLUG_MESSAGE = "Lettres minuscules sans accent, chiffres et tirets simples seulement, par exemple « reunir-le-copil »"
ID_HINT = (
    "Laissé vide pour un nouvel élément, il est créé à partir du texte quand le fichier est mis en forme "
    "(« kit formater »). Ne le changez jamais une fois publié : ce que les lecteurs ont coché y est attaché "
    "et serait perdu."
)


def sheets_collection(phase_id: str) -> str:
    """The name of the editor's collection that holds the sheets of one phase."""
    return f"{SHEETS_COLLECTION}-{phase_id}"


def sheet_entry_path(fiche: Fiche) -> str:
    """The editor's address of one sheet, relative to the site's root."""
    return f"admin/#/collections/{sheets_collection(fiche.phase)}/entries/{fiche.id}"


def github_repository(repo_url: str | None) -> str:
    """owner/name from the repository's address (mkdocs.yml's repo_url)."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.hostname != "github.com" or path.count("/") != 1:
        raise EditorUnavailable(
            f"l'éditeur en ligne enregistre sur GitHub : repo_url (KIT_REPO_URL) doit être l'adresse "
            f"d'un dépôt GitHub, comme https://github.com/organisation/depot, pas « {repo_url} »")
    return path


class EditorUnavailable(Exception):
    """The editor cannot be built as configured; the message says why, in French."""


def editor_config(kit: Kit, settings: BuildSettings) -> dict[str, Any]:
    choices = _choices(kit)
    folder = _kit_folder(kit)
    backend: dict[str, Any] = {"name": "github", "repo": github_repository(settings.repo_url),
                               "branch": PUBLISHED_BRANCH}
    if settings.editor_oauth:
        backend["base_url"] = settings.editor_oauth
    backend |= {
        "open_authoring": True,
        "squash_merges": True,
        "commit_messages": {
            "create": "Éditeur : création de « {{slug}} »",
            "update": "Éditeur : modification de « {{slug}} »",
            "delete": "Éditeur : suppression de « {{slug}} »",
            "openAuthoring": "{{message}}",
        },
    }
    config: dict[str, Any] = {"backend": backend}
    if settings.editor_local:
        # decap-server writes files in place: no branches, no pull requests.
        config["local_backend"] = {"url": settings.editor_local, "allowed_hosts": ["127.0.0.1", "localhost"]}
    else:
        config["publish_mode"] = "editorial_workflow"
    if settings.site_url:
        config["site_url"] = settings.site_url
        config["display_url"] = settings.site_url
    config |= {
        "locale": "fr",
        "media_folder": "docs/assets/images",  # required by Decap CMS; the forms have no image field
        "collections": [
            *_sheet_collections(kit, folder, form_fields(Fiche, choices)),
            {
                "name": "vocabulaire",
                "label": "Vocabulaire, glossaire et recherche",
                "delete": False,
                "editor": {"preview": False},
                "files": [
                    {"name": "vocabulaire", "label": "Vocabulaire contrôlé", "file": f"{folder}/{VOCABULARY_FILE}",
                     "fields": form_fields(Vocabulaire, choices)},
                    {"name": "glossaire", "label": "Glossaire", "file": f"{folder}/{GLOSSARY_FILE}",
                     "fields": form_fields(Glossaire, choices)},
                    {"name": "synonymes", "label": "Synonymes de la recherche", "file": f"{folder}/{SYNONYMS_FILE}",
                     "fields": form_fields(Synonymes, choices)},
                ],
            },
        ],
    }
    return config


def _sheet_collections(kit: Kit, folder: str, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One folder collection per phase, each with the same form (the same object,
    written out once per phase): the sheets are edited in place, created with
    `kit nouvelle-fiche` and never deleted from the editor."""
    return [
        {
            "name": sheets_collection(phase.id),
            "label": french_typography(f"Fiches : {phase.libelle}"),
            "label_singular": "Fiche",
            "description": french_typography(
                f"Les fiches de la phase « {phase.libelle} ». Une nouvelle fiche se crée avec "
                "« kit nouvelle-fiche »."),
            "folder": folder,
            "extension": "yml",
            "format": "yml",
            "filter": {"field": "phase", "value": phase.id},
            "identifier_field": "id",
            "slug": "{{slug}}",
            "summary": "{{titre}}",
            "sortable_fields": [{"field": "titre", "default_sort": True}],
            "create": False,
            "delete": False,
            "editor": {"preview": False},
            "fields": fields,
        }
        for phase in kit.vocabulaire.phases
    ]


def _kit_folder(kit: Kit) -> str:
    """The kit's folder, relative to the project (where the editor reads and writes)."""
    return str(PurePosixPath(next(iter(kit.files.values()))).parent)


def editor_config_text(kit: Kit, settings: BuildSettings) -> str:
    header = "# Produit à la construction du site à partir du modèle des fiches : ne pas modifier.\n"
    return header + yaml.dump(editor_config(kit, settings), Dumper=_NoAliases, allow_unicode=True,
                              sort_keys=False, width=100)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Each phase's form written out in full, without YAML anchors and aliases
    (Decap CMS's YAML reader limits them); libyaml's emitter when PyYAML has it."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _choices(kit: Kit) -> dict[str, list[dict[str, str]]]:
    """The options of each select widget: vocabulary terms, and the sheets for « voir aussi »."""
    options = {
        name: [{"label": terme.libelle, "value": terme.id} for terme in getattr(kit.vocabulaire, name)]
        for name in ("publics", "phases", "statuts")
    }
    options["fiches"] = [{"label": f.titre, "value": f.id} for f in kit.fiches]
    # « origine » has one value; « reprend » names one of the sheet's own sources,
    # which the form cannot list: it is typed, and the verifier checks it.
    options["origines"] = [{"label": ADDITION_LABEL, "value": ADDITION}]
    return options


def form_fields(cls: type, choices: dict[str, list[dict[str, str]]], depth: int = 0) -> list[dict[str, Any]]:
    """Decap CMS widgets for the fields of one model class (depth: how deep in the file)."""
    return [_widget(rule, choices, depth) for rule in field_rules(cls)]


def _widget(rule: FieldRule, choices: dict[str, list[dict[str, str]]], depth: int) -> dict[str, Any]:
    field: dict[str, Any] = {"name": rule.name, "label": rule.label}
    hint = rule.description
    required = rule.required
    kind = rule.kind
    item_label = rule.item_label or rule.label
    if isinstance(kind, tuple) and dataclasses.is_dataclass(kind[1]):
        field |= {
            "widget": "list",
            "label_singular": item_label,
            "summary": "{{fields.%s}}" % _title_field(kind[1]),
            "collapsed": depth == 0,  # a sheet's sections fold; what is inside them opens with them
            "fields": form_fields(kind[1], choices, depth + 1),
        }
    elif isinstance(kind, tuple) and rule.reference:
        field |= {"widget": "select", "multiple": True, "options": choices[rule.reference]}
    elif isinstance(kind, tuple):
        field |= {
            "widget": "list",
            "label_singular": item_label,
            "field": {"name": rule.name, "label": item_label, "widget": "text" if rule.multiline else "string"},
        }
    elif dataclasses.is_dataclass(kind):
        field |= {"widget": "object", "collapsed": True, "fields": form_fields(kind, choices, depth + 1)}
    elif rule.reference in choices:
        field |= {"widget": "select", "options": choices[rule.reference]}
    elif rule.identifier or rule.reference:
        # An identifier, or one of the file's own (a sheet's sources): a form cannot
        # offer the file's own values as a list, so it checks their shape.
        field |= {"widget": "string", "pattern": [SLUG_PATTERN, SLUG_MESSAGE]}
        if rule.identifier and depth > 0:
            required = False  # made from the text by `kit formater`
            hint = f"{hint} {ID_HINT}"
    else:
        field["widget"] = "text" if rule.multiline else "string"
    if isinstance(kind, tuple) and rule.min_items:
        field["min"] = rule.min_items
    field["required"] = required
    field["hint"] = hint
    return field


def _title_field(cls: type) -> str:
    """The field that names a block in a folded list: its first text that is not its identifier."""
    rules = [rule for rule in field_rules(cls) if not rule.identifier]
    return next((rule.name for rule in rules if rule.kind is str), rules[0].name)

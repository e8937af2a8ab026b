"""The web editor's configuration (Decap CMS's admin/config.yml), derived from the model.

Every form field comes from the same field declarations as the validator and
the JSON Schema: labels and hints in French, lists of blocks as nested list
widgets, vocabulary terms and sheets as select widgets, identifiers checked
with the verifier's pattern, required fields and minimum list lengths as the
verifier has them. A field added to the model appears in the form with no
line here.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..model.addresses import SLUG_PATTERN
from ..model.content import Fiche, Glossaire, Kit, Synonymes, Vocabulaire
from ..model.provenance import ADDITION, ADDITION_LABEL
from ..model.fields import FieldRule, field_rules
from ..settings import BuildSettings

SHEETS_COLLECTION = "fiches"
PUBLISHED_BRANCH = "main"  # where merged pull requests land (mkdocs.yml's edit_uri says the same)
SLUG_MESSAGE = "Lettres minuscules sans accent, chiffres et tirets simples seulement, par exemple « reunir-le-copil »"
ID_HINT = (
    "Laissé vide pour un nouvel élément, il est créé à partir du texte quand le fichier est mis en forme "
    "(« kit formater »). Ne le changez jamais une fois publié : ce que les lecteurs ont coché y est attaché "
    "et serait perdu."
)


def sheet_entry_path(fiche_id: str) -> str:
    """The editor's address of one sheet, relative to the site's root."""
    return f"admin/#/collections/{SHEETS_COLLECTION}/entries/{fiche_id}"


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
            {
                "name": SHEETS_COLLECTION,
                "label": "Fiches",
                "label_singular": "Fiche",
                "description": "Les fiches du kit. Une nouvelle fiche se crée avec « kit nouvelle-fiche ».",
                "delete": False,
                "editor": {"preview": False},
                "files": [
                    {"name": f.id, "label": f.titre, "file": kit.files[f.id], "fields": form_fields(Fiche, choices)}
                    for f in kit.fiches
                ],
            },
            {
                "name": "vocabulaire",
                "label": "Vocabulaire, glossaire et recherche",
                "delete": False,
                "editor": {"preview": False},
                "files": [
                    {"name": "vocabulaire", "label": "Vocabulaire contrôlé", "file": "kit/vocabulaire.yml",
                     "fields": form_fields(Vocabulaire, choices)},
                    {"name": "glossaire", "label": "Glossaire", "file": "kit/glossaire.yml",
                     "fields": form_fields(Glossaire, choices)},
                    {"name": "synonymes", "label": "Synonymes de la recherche", "file": "kit/synonymes.yml",
                     "fields": form_fields(Synonymes, choices)},
                ],
            },
        ],
    }
    return config


def editor_config_text(kit: Kit, settings: BuildSettings) -> str:
    header = "# Produit à la construction du site à partir du modèle des fiches : ne pas modifier.\n"
    return header + yaml.dump(editor_config(kit, settings), Dumper=_NoAliases, allow_unicode=True,
                              sort_keys=False, width=100)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Each sheet's form written out in full, without YAML anchors and aliases.

    libyaml's emitter when PyYAML has it (the same text, four times sooner: the
    file holds every sheet's form, 3 MB at 150 sheets)."""

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

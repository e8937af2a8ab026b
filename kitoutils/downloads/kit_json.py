"""The whole kit as open data: kit.json, in a documented and versioned
format, and its JSON Schema, derived from the same content model as the
schema of the YAML sheets (so the two cannot disagree)."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any

from ..model.content import Fiche, Kit, Vocabulaire
from ..model.schema import SCHEMA_DIALECT, json_schema
from ..model.provenance import credit_line
from ..model.publication import KIT_DATE, KIT_PUBLISHER, KIT_TITLE

# Bump when a reuser's program would have to change to read the file.
VERSION_FORMAT = 2  # 2: per-sheet « sources », « reprend » and « credit »; « publication » for the kit


def model_data(value: Any) -> Any:
    """Model objects as JSON values, fields in model order, absent ones left out."""
    if isinstance(value, tuple):
        return [model_data(item) for item in value]
    names = _field_names(type(value))
    if names is None:
        return value
    data = {}
    for name in names:
        field_value = getattr(value, name)
        if field_value is not None:
            data[name] = model_data(field_value)
    return data


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A model class's field names, in order (None: not a model class); asked for each of a kit's many values."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


def kit_data(kit: Kit, sheets: dict[str, Any] | None = None) -> dict[str, Any]:
    """The content of kit.json (sheets: each sheet's model_data by id, when the caller has it already)."""
    sheets = sheets or {}
    return {
        "version_format": VERSION_FORMAT,
        "titre": KIT_TITLE,
        "publication": {"titre": KIT_TITLE, "editeur": KIT_PUBLISHER, "date": KIT_DATE},
        "vocabulaire": model_data(kit.vocabulaire),
        # Each sheet's credit line, built from its sources as on its page and in its PDF.
        "fiches": [{**(sheets.get(fiche.id) or model_data(fiche)), "credit": credit_line(fiche)}
                   for fiche in kit.fiches],
    }


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_kit_json(kit: Kit, sheets: dict[str, Any] | None = None) -> bytes:
    return _dump(kit_data(kit, sheets))


def kit_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for cls in (Fiche, Vocabulaire):
        schema = json_schema(cls)
        definitions.update(schema.pop("$defs", {}))
        schema.pop("$schema")
        schema.pop("title")
        definitions[cls.__name__] = schema
    definitions["Fiche"]["properties"]["credit"] = {
        "description": "Ligne de crédit de la fiche, faite de ses sources (comme sur sa page).",
        "type": "string", "minLength": 1}
    definitions["Fiche"]["required"].append("credit")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Kit",
        "description": (f"Le {KIT_TITLE} en données ouvertes : toutes les fiches avec leurs "
                        "identifiants stables, et le vocabulaire (publics, phases, statuts). "
                        "Les champs de texte marqués « Markdown » sont en Markdown."),
        "type": "object",
        "properties": {
            "version_format": {
                "description": ("Version du format de ce fichier ; elle change si un programme "
                                "qui le lit doit être adapté."),
                "const": VERSION_FORMAT,
            },
            "titre": {"description": "Titre du kit.", "type": "string", "minLength": 1},
            "publication": {
                "description": "Publication d'origine du kit.", "type": "object",
                "properties": {key: {"type": "string", "minLength": 1} for key in ("titre", "editeur", "date")},
                "required": ["titre", "editeur", "date"], "additionalProperties": False},
            "vocabulaire": {"description": "Publics, phases et statuts auxquels renvoient les fiches.",
                            "$ref": "#/$defs/Vocabulaire"},
            "fiches": {"description": "Les fiches du kit.", "type": "array",
                       "items": {"$ref": "#/$defs/Fiche"}},
        },
        "required": ["version_format", "titre", "publication", "vocabulaire", "fiches"],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def build_kit_schema() -> bytes:
    return _dump(kit_schema())

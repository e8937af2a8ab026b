"""JSON Schema of the kit's files, derived from the content model.

Editors such as VS Code read it through the `# yaml-language-server: $schema=`
line at the top of each YAML file, and complete and check keys as one types.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .addresses import SLUG_PATTERN
from .content import Fiche, Glossaire, Synonymes, Vocabulaire
from .fields import field_rules
from .provenance import ADDITION

SCHEMA_FILES = {"fiche": Fiche, "vocabulaire": Vocabulaire, "synonymes": Synonymes, "glossaire": Glossaire}
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of one top-level model class (Fiche or Vocabulaire)."""
    definitions: dict[str, Any] = {}
    root = _object_schema(cls, definitions)
    definitions.pop(cls.__name__)
    schema = {"$schema": SCHEMA_DIALECT, "title": cls.__name__, **root}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def schema_text(name: str) -> str:
    """The schema as written to docs/schemas/<name>.schema.json."""
    return json.dumps(json_schema(SCHEMA_FILES[name]), ensure_ascii=False, indent=2) + "\n"


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    properties = {}
    for rule in field_rules(cls):
        meta = fields[rule.name].metadata
        schema = _value_schema(rule.kind, rule, definitions)
        schema["description"] = meta["description"]
        properties[rule.name] = schema
    result = {
        "description": (cls.__doc__ or "").strip(),
        "type": "object",
        "properties": properties,
        "required": [rule.name for rule in field_rules(cls) if rule.required],
        "additionalProperties": False,
    }
    definitions[cls.__name__] = result
    return result


def _value_schema(kind: Any, rule: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(kind, tuple):
        schema: dict[str, Any] = {"type": "array", "items": _value_schema(kind[1], rule, definitions)}
        if rule.min_items:
            schema["minItems"] = rule.min_items
        if rule.reference:
            schema["uniqueItems"] = True
        return schema
    if dataclasses.is_dataclass(kind):
        if kind.__name__ not in definitions:
            _object_schema(kind, definitions)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if rule.reference == "origines":  # one value only: editors' tools can offer it
        return {"enum": [ADDITION]}
    if rule.identifier or rule.reference:
        return {"type": "string", "pattern": SLUG_PATTERN}
    if rule.max_length:
        return {"type": "string", "minLength": 1, "maxLength": rule.max_length}
    return {"type": "string", "minLength": 1}

"""How a field of the content model is declared, and the rules read from it.

`spec()` puts a field's French description and constraints in the dataclass
field's metadata; `field_rules()` reads them back for the validator
(`intake/validate.py`), the JSON Schema (`schema.py`) and anything else that
must follow the model without a second list of fields.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

def spec(
    description: str,
    *,
    default: Any = ...,
    identifier: bool = False,
    reference: str | None = None,
    min_items: int = 0,
    markdown: bool = False,
) -> Any:
    """Declare a field of the content model.

    identifier: a lowercase slug, unique within its file.
    reference: the value (or each value) must name a term of this vocabulary
        list ("publics", "phases", "statuts") or, with "fiches", a sheet.
    markdown: the text is Markdown rendered on the page.
    """
    metadata = {
        "description": description,
        "identifier": identifier,
        "reference": reference,
        "min_items": min_items,
        "markdown": markdown,
    }
    if default is ...:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class FieldRule:
    name: str
    kind: Any  # a dataclass, str, or ("list", inner)
    required: bool
    identifier: bool
    reference: str | None
    min_items: int
    markdown: bool = False


@cache
def field_rules(cls: type) -> tuple[FieldRule, ...]:
    hints = typing.get_type_hints(cls)
    rules = []
    for f in dataclasses.fields(cls):
        kind = hints[f.name]
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        if typing.get_origin(kind) is tuple:
            kind = ("list", typing.get_args(kind)[0])
        required = f.default is dataclasses.MISSING
        rules.append(FieldRule(
            f.name, kind, required, f.metadata["identifier"],
            f.metadata["reference"], f.metadata["min_items"], f.metadata["markdown"],
        ))
    return tuple(rules)

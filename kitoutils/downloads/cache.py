"""Keep generated files in memory, keyed by a hash of what they are made of,
so that `mkdocs serve` rebuilds only the downloads whose content changed."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Callable


def content_key(*parts: Any) -> str:
    """A stable hash of JSON-able parts (the model objects' data, a format…)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ContentCache:
    """Built bytes by content key; what a generation did not use is dropped
    after it, so edits during a long `mkdocs serve` do not pile up."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self._used: set[str] = set()

    def get(self, key: str, build: Callable[[], bytes]) -> bytes:
        self._used.add(key)
        if key not in self._entries:
            self._entries[key] = build()
        return self._entries[key]

    def forget_unused(self) -> None:
        self._entries = {key: value for key, value in self._entries.items() if key in self._used}
        self._used = set()

    def clear(self) -> None:
        self._entries.clear()
        self._used.clear()

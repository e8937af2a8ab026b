"""One fixed date for every generated file, so the same input gives the same bytes.

It is SOURCE_DATE_EPOCH when the build sets it (the reproducible-builds
convention, which reportlab also reads), else 1 January 2000, the date
reportlab writes in its invariant mode: PDFs, ODF files and zips agree.
"""

from __future__ import annotations

import os
import time

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z


def build_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else DEFAULT_EPOCH


def build_time() -> time.struct_time:
    return time.gmtime(build_epoch())


def iso_date() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", build_time())


def zip_date_time() -> tuple[int, int, int, int, int, int]:
    """The zip entry timestamp (zip cannot store dates before 1980)."""
    return tuple(max(part, floor) for part, floor in zip(build_time()[:6], (1980, 1, 1, 0, 0, 0)))

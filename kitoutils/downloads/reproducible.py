"""One fixed date for every generated file, so the same input gives the same bytes.

The date is the build's setting (`BuildSettings.epoch`: SOURCE_DATE_EPOCH
when the build sets it, the reproducible-builds convention reportlab also
follows), else 1 January 2000, the date reportlab writes in its invariant
mode: PDFs, ODF files and zips agree.
"""

from __future__ import annotations

import time


def iso_date(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))


def zip_date_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The zip entry timestamp (zip cannot store dates before 1980)."""
    moment = time.gmtime(epoch)[:6]
    return tuple(max(part, floor) for part, floor in zip(moment, (1980, 1, 1, 0, 0, 0)))

"""A checklist as CSV: UTF-8 with a BOM and « ; » separators, as French
spreadsheet programs expect, one row per item with empty columns to fill,
in the spreadsheet's reading order (see table.py)."""

from __future__ import annotations

import csv
import io

from ..model.content import Fiche, Liste
from .table import HEADER, checklist_rows

# A spreadsheet reads a cell starting with one of these as a formula (or, for
# tab and carriage return, strips them and then may).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: « ' » before a would-be formula, as the
    browser's own CSV export does. Applied to the text as written in the file,
    after Markdown was reduced to plain text (`**=1+1**` is « =1+1 » by then)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def build_csv(fiche: Fiche, liste: Liste) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([formula_safe(cell) for cell in row.cells()] for row in checklist_rows(fiche, liste))
    # The BOM tells Excel the file is UTF-8, so accents show correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")

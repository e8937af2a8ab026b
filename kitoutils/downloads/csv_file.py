"""A checklist as CSV: UTF-8 with a BOM and « ; » separators, as French
spreadsheet programs expect, one row per item with empty columns to fill."""

from __future__ import annotations

import csv
import io

from ..model.content import Fiche, Liste
from .table import HEADER, checklist_rows


def build_csv(fiche: Fiche, liste: Liste) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(row.cells() for row in checklist_rows(fiche, liste))
    # The BOM tells Excel the file is UTF-8, so accents show correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")

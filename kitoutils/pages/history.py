"""The « Historique » line of a sheet's page: when its text last changed.

Pure: it takes the dates read by git_history.py and returns what the page
shows, so it is tested without git.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
          "août", "septembre", "octobre", "novembre", "décembre")
NOT_RECORDED = "modifications non encore enregistrées dans l’historique"

try:  # the kit's readers are in France: dates are those of Paris
    from zoneinfo import ZoneInfo

    PARIS = ZoneInfo("Europe/Paris")
except Exception:  # pragma: no cover - no time zone database: keep the committer's offset
    PARIS = None


def french_date(moment: datetime) -> str:
    """« 29 novembre 2026 », « 1er décembre 2026 »."""
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{day} {MONTHS[moment.month - 1]} {moment.year}"


def history_html(dates: dict[str, str | None] | None, source: str) -> str | None:
    """The line for the sheet whose YAML file is `source`, or None to say nothing.

    dates: file -> ISO date of its last commit, None for changes not committed
    yet; the whole mapping is None outside a git checkout.
    """
    if dates is None or source not in dates:
        return None
    iso = dates[source]
    if iso is None:
        return NOT_RECORDED
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if PARIS is not None and moment.tzinfo is not None:
        moment = moment.astimezone(PARIS)
    return (f'dernière modification le <time datetime="{escape(moment.date().isoformat())}">'
            f"{french_date(moment)}</time>")

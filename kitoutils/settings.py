"""One build's settings, read once at the edge and handed to the core.

They come from `mkdocs.yml` (`extra: kit:`), where each one may name the
environment variable that changes it (MkDocs' `!ENV` tag), so the core never
reads the environment: what a function returns depends on its arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, the date reportlab writes in its invariant mode
_TRUE = {"1", "true", "yes", "on", "oui", "vrai"}
_FALSE = {"", "0", "false", "no", "off", "non", "faux", "none", "null"}


class SettingInvalid(ValueError):
    """A setting whose value cannot be understood; the message is in French."""


@dataclass(frozen=True)
class BuildSettings:
    """What one build makes, and where it keeps what it can reuse."""

    downloads: bool = True  # the files to download (PDF, ODT, ODS, CSV, Markdown, zip)
    offline_zip: bool = True  # the offline copy of the site, offered on the home page
    offline_variant: bool = False  # this build IS the offline copy (opened from file://)
    french_search: bool = True  # the kit's French search rather than Material's own
    cache_dir: Path | None = None  # reused download files; None: no disk cache
    epoch: int = DEFAULT_EPOCH  # the fixed date written in every generated file

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None, project_dir: Path, **overrides: Any) -> BuildSettings:
        """Settings from `extra: kit:` of mkdocs.yml (values already resolved by `!ENV`);
        `overrides` are what the adapter knows otherwise (for example that this build
        is the offline variant)."""
        values: dict[str, Any] = {}
        for name, value in dict(options or {}).items():
            if name not in _OPTIONS:
                raise SettingInvalid(
                    f"mkdocs.yml, extra: kit: réglage inconnu « {name} » "
                    f"(réglages possibles : {', '.join(_OPTIONS)})"
                )
            field_name, read = _OPTIONS[name]
            values[field_name] = read(name, value, project_dir)
        return cls(**{**values, **overrides})


def _flag(name: str, value: Any, project_dir: Path) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingInvalid(f"mkdocs.yml, extra: kit: {name} attend oui ou non (true/false, 1/0), pas « {value} »")


def _negated_flag(name: str, value: Any, project_dir: Path) -> bool:
    return not _flag(name, value, project_dir)


def _folder(name: str, value: Any, project_dir: Path) -> Path | None:
    """A folder relative to the project, or None when the value says « no »."""
    if value is None or value is False or str(value).strip().lower() in _FALSE:
        return None
    return (project_dir / str(value).strip()).resolve()


def _epoch(name: str, value: Any, project_dir: Path) -> int:
    if value is None or str(value).strip() == "":
        return DEFAULT_EPOCH
    text = str(value).strip()
    if not text.isdigit():
        raise SettingInvalid(
            f"mkdocs.yml, extra: kit: {name} attend un nombre de secondes depuis 1970 "
            f"(comme SOURCE_DATE_EPOCH), pas « {value} »"
        )
    return int(text)


# Each setting of `extra: kit:`: the field it sets and how its value is read.
# The « sans_… » names match the variables maintainers already use
# (KIT_SANS_TELECHARGEMENTS=1).
_OPTIONS = {
    "sans_telechargements": ("downloads", _negated_flag),
    "sans_hors_ligne": ("offline_zip", _negated_flag),
    "recherche_francaise": ("french_search", _flag),
    "cache": ("cache_dir", _folder),
    "date_des_fichiers": ("epoch", _epoch),
}

"""One build's settings, read once at the edge and handed to the core.

They come from `mkdocs.yml` (`extra: kit:`), where each one may name the
environment variable that changes it (MkDocs' `!ENV` tag), so the core never
reads the environment: what a function returns depends on its arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

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
    cache_dir: Path | None = None  # reused download files and checked texts; None: no disk cache
    epoch: int = DEFAULT_EPOCH  # the fixed date written in every generated file
    directory_urls: bool = True  # MkDocs' use_directory_urls: how links inside the sheets' texts are written
    editor: bool = True  # the web editor at /admin/ (never in the offline copy)
    editor_bundle: Path | None = None  # Decap CMS's prebuilt files, from the npm registry
    editor_oauth: str | None = None  # the publisher's small OAuth server that signs editors in
    editor_local: str | None = None  # decap-server's API, for an editor working on a clone
    repo_url: str | None = None  # the GitHub repository (mkdocs.yml's repo_url)
    site_url: str | None = None  # where the site is published (mkdocs.yml's site_url)

    @property
    def with_editor(self) -> bool:
        return self.editor and not self.offline_variant

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


def _web_address(name: str, value: Any, project_dir: Path) -> str | None:
    """An https address (http only on this machine), or None when the value is empty."""
    text = "" if value is None else str(value).strip().rstrip("/")
    if text.lower() in _FALSE:
        return None
    parts = urlsplit(text)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    if not (parts.scheme == "https" or local) or not parts.hostname or parts.query or parts.fragment:
        raise SettingInvalid(
            f"mkdocs.yml, extra: kit: {name} attend une adresse https:// (ou http://127.0.0.1 sur cette "
            f"machine), pas « {value} »"
        )
    return text


# Each setting of `extra: kit:`: the field it sets and how its value is read.
# The « sans_… » names match the variables maintainers already use
# (KIT_SANS_TELECHARGEMENTS=1).
_OPTIONS = {
    "sans_telechargements": ("downloads", _negated_flag),
    "sans_hors_ligne": ("offline_zip", _negated_flag),
    "recherche_francaise": ("french_search", _flag),
    "cache": ("cache_dir", _folder),
    "date_des_fichiers": ("epoch", _epoch),
    "editeur": ("editor", _flag),
    "editeur_paquet": ("editor_bundle", _folder),
    "editeur_oauth": ("editor_oauth", _web_address),
    "editeur_local": ("editor_local", _web_address),
}

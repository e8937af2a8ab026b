"""The web editor's files at /admin/: its page, its configuration and Decap CMS itself.

Decap CMS comes from the npm registry (`decap-cms`, pinned by package-lock.json):
its prebuilt files are copied into the site, so the editor loads nothing from
another site. The page is not a page of the theme: no menu, no search, not
indexed, and a Content-Security-Policy of its own that allows only what Decap
CMS needs, which is more than the reader's pages allow (see `editor_csp`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from ..model.content import Kit
from ..model.publication import KIT_TITLE
from ..settings import BuildSettings
from .config import EditorUnavailable, editor_config_text

EDITOR_DIR = "admin"
SCRIPT = "decap-cms.js"
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"


def editor_files(kit: Kit, settings: BuildSettings) -> dict[str, str | Path]:
    """Every file of /admin/ (path from the site's root -> its text, or the npm package's
    file to copy), or an EditorUnavailable saying what is missing."""
    bundle = settings.editor_bundle
    if bundle is None or not (bundle / SCRIPT).is_file():
        raise EditorUnavailable(
            f"l'éditeur en ligne (Decap CMS) est introuvable dans {bundle} : lancez « npm ci » "
            "(bash scripts/dev.sh serve le fait), ou construisez sans éditeur avec KIT_EDITEUR=non")
    return {
        f"{EDITOR_DIR}/index.html": editor_page(settings),
        f"{EDITOR_DIR}/config.yml": editor_config_text(kit, settings),
        **{f"{EDITOR_DIR}/{path.name}": path for path in _bundle_files(bundle)},
    }


def _bundle_files(bundle: Path) -> list[Path]:
    """decap-cms.js, the chunks it loads on demand, their licences; not the source maps,
    nor `cms.js` and its chunks (the same bundle under its former name)."""
    return sorted(
        path for path in bundle.iterdir()
        if path.is_file() and not path.name.endswith(".map")
        and (path.name.startswith(SCRIPT.removesuffix(".js")) or ".decap-cms." in path.name
             or path.suffix == ".wasm")
    )


def editor_page(settings: BuildSettings) -> str:
    return _environment().get_template("admin.html.j2").render(
        csp=editor_csp(settings), title=KIT_TITLE, script=SCRIPT)


def editor_csp(settings: BuildSettings) -> str:
    """The editor's Content-Security-Policy: only what Decap CMS needs.

    It edits the kit's own files and shows no content to readers, so it may
    allow what the reader's pages do not: 'unsafe-eval', because Decap CMS
    checks its configuration with ajv, which compiles schemas into functions;
    inline styles, because its interface styles itself at run time (emotion).
    Scripts still come only from this site, and requests go only to this
    site, GitHub's API and, on an editor's own machine, the local backend.
    """
    connect = ["'self'", GITHUB_API]
    if settings.editor_local:
        parts = urlsplit(settings.editor_local)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", GITHUB_AVATARS],
        "font-src": ["'self'", "data:"],
        "connect-src": connect,
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("kitoutils.editor", "templates"),
        autoescape=True,  # HTML: every value is escaped for its place
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )

"""MkDocs hooks for the offline variant of the site, opened from the file system.

In the normal build, the variant is built once more in a subprocess (with
KIT_HORS_LIGNE=true, which turns Material's offline plugin on), zipped, and
offered on the home page. The zip is kept in .cache/ and reused while its
sources have not changed; KIT_SANS_HORS_LIGNE=1 skips it for quick previews,
and so does KIT_SANS_TELECHARGEMENTS=1 (no downloads at all).

In the variant itself: Material's offline plugin would load the iframe-worker
shim from unpkg.com, so the copy vendored from the npm registry (in
hooks/vendor/, checked against node_modules by the tests) is served instead,
and instant navigation is turned off, because it never starts from file://.
The kit's French search runs there too: its worker (kit-recherche.js) also
runs in the shim's hidden iframe.
"""

from __future__ import annotations

import logging
import os
import posixpath
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import kitoutils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kitoutils.archive import fingerprint, zip_directory
from kitoutils.downloads import downloads_enabled, french_size

log = logging.getLogger("mkdocs.plugins.kit.hors_ligne")

OFFLINE_ENV = "KIT_HORS_LIGNE"
SKIP_ENV = "KIT_SANS_HORS_LIGNE"
MARKER = "<!-- kit:hors-ligne -->"
ZIP_PATH = "hors-ligne/kit-hors-ligne.zip"
ZIP_FOLDER = "kit-democratie-contributive"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"

README = """\
Kit outils démocratie contributive : version sans connexion

1. Décompressez ce fichier zip (sous Windows : clic droit, « Extraire tout »).
2. Dans le dossier « kit-democratie-contributive », ouvrez le fichier
   index.html avec votre navigateur.

Toutes les pages et la recherche fonctionnent sans connexion. Ce que vous
cochez dans les listes est enregistré dans votre navigateur, sur cet
ordinateur seulement.
"""

# What this build is: "variant" (the offline site), "online" (with its zip),
# or "skipped" (online, zip not built on request).
_mode = "online"
_zip_size = 0


def _offline_plugin_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _mode
    if _offline_plugin_enabled(config):
        _mode = "variant"
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_PATH]
    else:
        # A build without downloads (KIT_SANS_TELECHARGEMENTS) has no offline zip either.
        _mode = "skipped" if os.environ.get(SKIP_ENV) or not downloads_enabled() else "online"
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _zip_size
    if _mode == "variant":
        files.append(File.generated(config, SHIM_PATH, abs_src_path=str(SHIM_SOURCE)))
    elif _mode == "online":
        archive = offline_zip(config)
        _zip_size = archive.stat().st_size
        files.append(File.generated(config, ZIP_PATH, abs_src_path=str(archive)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, _notice(page, config))


def _notice(page: Page, config: MkDocsConfig) -> str:
    if _mode == "variant":
        return (
            '!!! info "Version sans connexion"\n\n'
            "    Vous consultez la version du kit enregistrée sur votre ordinateur. "
            f"La version en ligne, peut-être plus récente, se trouve à l'adresse <{config.site_url}>.\n"
        )
    if _mode == "skipped":
        return (
            "*La version sans connexion n'est pas construite dans cet aperçu.*\n"
        )
    link = posixpath.relpath(ZIP_PATH, posixpath.dirname(page.file.src_uri) or ".")
    return (
        '!!! tip "Sans connexion"\n\n'
        f"    [Télécharger le site pour l'utiliser sans connexion]({link}) (fichier zip, {french_size(_zip_size)}) : "
        "décompressez-le, puis ouvrez le fichier `index.html` du dossier avec votre navigateur. "
        "La recherche et les listes à cocher fonctionnent aussi sans réseau.\n"
    )


def offline_zip(config: MkDocsConfig) -> Path:
    """The zip of the offline variant, built now or reused from .cache/."""
    project = Path(config.config_file_path).parent
    sources = [Path(config.config_file_path), Path(config.docs_dir), project / "kit",
               project / "hooks", Path(kitoutils.__file__).parent]
    # The build's settings come from the environment (KIT_SITE_URL, KIT_SANS_TELECHARGEMENTS…).
    settings = sorted(f"{name}={value}" for name, value in os.environ.items()
                      if name.startswith("KIT_") or name == "SOURCE_DATE_EPOCH")
    key = fingerprint(sources, [
        config.site_url or "", config.repo_url or "",
        version("mkdocs"), version("mkdocs-material"), *settings,
    ])
    cache = project / ".cache" / "hors-ligne"
    archive = cache / f"{key[:20]}.zip"
    if archive.is_file():
        log.info("Version hors ligne reprise du cache (%s)", archive.name)
        return archive
    started = time.monotonic()
    data = _build_variant(config, project)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.zip"):
        old.unlink()
    partial = archive.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(archive)  # never leave a half-written zip to be reused
    log.info("Version hors ligne construite en %.1f s (%d Ko)", time.monotonic() - started, len(data) // 1000)
    return archive


def _build_variant(config: MkDocsConfig, project: Path) -> bytes:
    with tempfile.TemporaryDirectory(prefix="kit-hors-ligne-") as temporary:
        site = Path(temporary) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config.config_file_path), "-d", str(site)]
        if config.strict:
            command.append("--strict")
        result = subprocess.run(
            command, cwd=project, capture_output=True, text=True, timeout=600,
            env={**os.environ, OFFLINE_ENV: "true", "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            raise PluginError(
                "La version hors ligne du site n'a pas pu être construite "
                f"(pour construire sans elle : {SKIP_ENV}=1) :\n{result.stderr.strip()[-4000:]}"
            )
        return zip_directory(site, ZIP_FOLDER, {"LISEZ-MOI.txt": README})

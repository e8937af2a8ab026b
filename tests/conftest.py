"""Shared fixtures: the project's paths, a scratch copy of the kit, a built site."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "kit"
sys.path.insert(0, str(ROOT))  # the bench package, also when pytest runs from elsewhere

from bench.project import copy_site_sources  # noqa: E402


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    """A scratch copy of kit/ that a test may break."""
    target = tmp_path / "kit"
    shutil.copytree(KIT, target)
    return target


def copy_project(target: Path) -> Path:
    """A copy of everything `mkdocs build` reads, to build a changed kit."""
    return copy_site_sources(target)


def mkdocs_build(project: Path, site: Path, *extra: str, site_url: str | None = None,
                 environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` as a maintainer would (environment: more variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(environment or {})}
    if site_url:
        env["KIT_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *extra],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test site is built for and served on.

    Material's instant navigation keeps the host but not the port of
    site_url, so the site is built for the very port it is served on.
    """
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The site built once from the real kit, for every test that reads it."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site, site_url=f"http://127.0.0.1:{site_port}/")
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """A static file server on 127.0.0.1, in a thread, for browser tests.

    Like a real web server, it answers unknown addresses with the site's 404.html.
    """

    def __init__(self, directory: Path, port: int) -> None:
        handler = functools.partial(_NotFoundPageHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _NotFoundPageHandler(_QuietHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int):
    """The real site, built and served on 127.0.0.1: its base URL."""
    server = StaticServer(built_site, site_port)
    yield server.url
    server.close()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# What every download writes after a part marked « origine: ajout » (kitoutils.downloads.text).
ADDITION_MENTION = "(Complément au kit d’origine)"


def marked(text: str, part) -> str:
    """A part's text as a download shows it: followed by the mention for a part written for this site."""
    return f"{text} {ADDITION_MENTION}" if part.origine == "ajout" else text


def normalized(text: str) -> str:
    """Text as laid out in a PDF, compared with the source: any run of spaces,
    line breaks or non-breaking spaces is one space, and a line broken after a
    hyphen or a slash (« Île-de-\nFrance », « https://\nexemple.fr ») is joined again."""
    return re.sub(r"([-/])\s+", r"\1", re.sub(r"\s+", " ", text.replace("\u00a0", " "))).strip()


def required_program(path: str | None, message: str) -> str:
    """A program the tests drive (installed by scripts/dev.sh): missing, its tests
    are skipped on a developer's machine and fail in CI, which may not skip them."""
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    executable = required_program(CHROMIUM, "Chromium est introuvable : installez le paquet Debian « chromium »")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def csp_violations(ctx) -> list[str]:
    """Start recording what the site's Content-Security-Policy blocks in a context's pages
    (Chromium says it on the console); the list fills as pages run."""
    violations: list[str] = []

    def watch(page) -> None:
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)

    ctx.on("page", watch)
    return violations


@pytest.fixture
def context(browser):
    """A fresh browser profile (its own localStorage) for one test. In normal use
    no page may raise a Content-Security-Policy violation: the test fails if one does."""
    ctx = browser.new_context(locale="fr-FR", accept_downloads=True)
    violations = csp_violations(ctx)
    yield ctx
    ctx.close()
    assert violations == [], "la politique de sécurité du contenu (CSP) a bloqué : " + " | ".join(violations)


@pytest.fixture
def page(context):
    return context.new_page()


def load_axe(page) -> None:
    """Put axe-core in the page. Evaluated by the test driver rather than added as an
    inline <script>, which the site's Content-Security-Policy rightly blocks."""
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core est introuvable : lancez « npm ci » (le script de test le fait)")
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")


def axe_violations(page) -> list[dict]:
    """Run axe-core (from the npm registry) in the page; return its violations."""
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core est introuvable : lancez « npm ci » (le script de test le fait)")
    load_axe(page)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]

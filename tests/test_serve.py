"""`mkdocs serve` as a contributor uses it: editing a sheet rebuilds the page."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project, free_port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_editing_a_sheet_rebuilds_the_served_site(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    port = free_port()
    url = f"http://127.0.0.1:{port}/fiches/amo/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KIT_SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: "assistance à maîtrise d’ouvrage" in fetch(url).lower(), 60)  # typeset
        sheet = project / "kit" / "amo.yml"
        text = sheet.read_text(encoding="utf-8")
        sheet.write_text(text.replace("titre: L'assistance à maîtrise d'ouvrage (AMO)",
                                      "titre: L'AMO, titre modifié pendant l'aperçu", 1), encoding="utf-8")
        assert wait_for(lambda: "titre modifié pendant l" in fetch(url), 60)
    finally:
        server.terminate()
        server.wait(timeout=10)

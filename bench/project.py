"""Copies of the project's site sources, for builds of a changed kit.

Shared by the tests (a broken or modified kit) and the benchmark (a
synthetic kit), so both copy exactly what `mkdocs build` reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_SOURCES = ("mkdocs.yml", "docs", "hooks", "CONTRIBUTING.md")


def copy_site_sources(target: Path, *, with_kit: bool = True) -> Path:
    """Copy what `mkdocs build` reads into target/ (kit/ too, unless the caller writes its own)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in (*SITE_SOURCES, *(("kit",) if with_kit else ())):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    if (ROOT / "node_modules").is_dir():
        # The web editor's files come from node_modules (npm ci): linked, not copied (hundreds of MB).
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target

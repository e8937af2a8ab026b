"""When each file of the kit last changed, according to git.

Two git calls for the whole kit, whatever its size: one `git log` listing the
files of every commit (newest first, so a file's first appearance is its last
change) and one `git status` for files changed since. Outside a git checkout,
or without git, there is no history: the pages then say nothing about it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_TIMEOUT = 30  # seconds; a kit's history is small, a hung git must not hang the build


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def last_changes(root: Path, paths: list[str]) -> dict[str, str | None] | None:
    """path -> ISO date of its last commit, or None if it has changes not committed yet.

    Paths are relative to root. Returns None when root is not in a git checkout.
    """
    if not paths:
        return {}
    log = _git(root, "log", "--format=%x00%cI", "--name-only", "--relative", "--", *paths)
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *paths)
    if log is None or status is None:
        return None
    dates: dict[str, str] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\0"):
            current = line[1:].strip()
        elif line and current is not None:
            dates.setdefault(line, current)
    changed = {entry[3:] for entry in status.split("\0") if len(entry) > 3}
    return {path: (None if path in changed else dates.get(path)) for path in paths}

"""The web editor's local backend for end-to-end tests.

decap-server (Decap CMS's own proxy, from the npm registry) reads and writes
a scratch git repository, bound to 127.0.0.1; the test starts it and stops it.
Nothing here talks to GitHub or to any other machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.project import ROOT, copy_site_sources

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
}


def scratch_repository(target: Path) -> Path:
    """A git repository holding the working tree's site sources and kit, in one commit.

    Copied from the working tree rather than cloned from HEAD, so uncommitted
    changes under test are what the editor sees.
    """
    copy_site_sources(target)
    env = {**os.environ, **GIT_IDENTITY}
    for command in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                    ["commit", "--quiet", "--message", "Copie de travail"]):
        subprocess.run(["git", *command], cwd=target, env=env, check=True, capture_output=True)
    return target


class LocalEditorBackend:
    """decap-server over `repository`, listening on 127.0.0.1:`port` until close()."""

    def __init__(self, repository: Path, port: int, *, timeout: float = 30.0) -> None:
        node = shutil.which("node")
        if node is None or not DECAP_SERVER.is_file():
            raise RuntimeError("decap-server est introuvable : lancez « npm ci » (le script de test le fait)")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",  # saves write the files in place; git stays the editor's business
            "GIT_REPO_DIRECTORY": str(repository),
            "LOG_LEVEL": "warn",
        }
        self.url = f"http://127.0.0.1:{port}/api/v1"
        self.process = subprocess.Popen(
            [node, str(DECAP_SERVER)], cwd=repository, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        deadline = time.monotonic() + timeout
        while not self._listening(port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.close()
                raise RuntimeError(f"decap-server n'a pas démarré :\n{output}")
            time.sleep(0.1)

    @staticmethod
    def _listening(port: int) -> bool:
        with socket.socket() as sock:
            sock.settimeout(0.2)
            return sock.connect_ex(("127.0.0.1", port)) == 0

    def close(self) -> str:
        """Stop the server this object started; return what it printed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.stdout.read() if self.process.stdout else ""

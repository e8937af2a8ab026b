"""The GitHub workflows, audited offline by zizmor (from PyPI): actions pinned
to commits, least permissions per job, no credentials left in the checkout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def zizmor(folder: Path) -> list[dict]:
    """zizmor's findings for the workflows in `folder` (none: an empty list)."""
    binary = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if binary is None:
        pytest.fail("zizmor est introuvable : le script de test l'installe avec les paquets de test")
    result = subprocess.run([binary, "--offline", "--format", "json", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def describe(findings: list[dict]) -> list[str]:
    return [f"{f['ident']} ({f['determinations']['severity']}) : {f['desc']}" for f in findings]


def test_workflows_have_no_finding():
    assert describe(zizmor(WORKFLOWS)) == []


def test_the_audit_catches_an_unpinned_action_that_keeps_credentials(tmp_path: Path):
    # The same audit on a workflow written the careless way: it must speak up.
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "essai.yml").write_text(
        "name: Essai\non: pull_request\npermissions: write-all\njobs:\n  essai:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    found = {finding["ident"] for finding in zizmor(folder)}
    assert {"unpinned-uses", "artipacked"} <= found


def test_every_action_is_pinned_to_a_commit_with_its_version_said():
    for workflow in WORKFLOWS.glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                reference = line.split("uses:", 1)[1].split("#")[0].strip()
                _, _, commit = reference.partition("@")
                assert len(commit) == 40 and all(c in "0123456789abcdef" for c in commit), line
                assert "# v" in line, line

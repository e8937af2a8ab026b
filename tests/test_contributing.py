"""The contributor's path: workflows, pull request template, pre-commit, and a guide that tells the truth."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, copy_project
from test_loader import replace

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def uses(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```sh\n(bash scripts/dev\.sh test)\n```", readme).group(1)


def test_pull_requests_check_build_and_test():
    flow = workflow("verification.yml")
    assert list(flow["on"]) == ["pull_request"]
    job = flow["jobs"]["verifier"]
    assert "actions/checkout" in uses(job)
    commands = runs(job)
    check = next(i for i, c in enumerate(commands) if c.startswith(".venv/bin/kit verifier"))
    build = commands.index(".venv/bin/mkdocs build --strict")
    tests = commands.index(readme_test_command())
    assert any(".venv/bin/pip install" in c and "[test]" in c for c in commands[:check])
    assert commands.index(".venv/bin/kit formater") < check < build < tests  # files as they will be merged
    assert any("npm ci" in c for c in commands[:build])  # the web editor is part of the site
    assert "--format github" in commands[check]  # errors become annotations on the changed lines


def test_the_editor_s_pull_requests_get_their_files_laid_out_on_their_branch():
    job = workflow("verification.yml")["jobs"]["mettre-en-forme"]
    assert job["if"] == ("startsWith(github.head_ref, 'cms/') "
                         "&& github.event.pull_request.head.repo.full_name == github.repository")
    assert job["permissions"] == {"contents": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.head_ref }}"
    commands = runs(job)
    assert commands.index(".venv/bin/kit formater") < next(i for i, c in enumerate(commands) if "git push" in c)
    # The branch name reaches the script through the environment, never pasted into it.
    assert all("${{" not in c for c in commands) and job["env"]["BRANCHE"] == "${{ github.head_ref }}"


def test_main_is_published_to_github_pages():
    flow = workflow("publication.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["construire"], flow["jobs"]["publier"]
    # Least permissions: none for the workflow, each job only what it uses.
    assert flow["permissions"] == {}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    commands = runs(build)
    assert "npm ci --omit=dev --no-audit --no-fund" in commands[:commands.index(".venv/bin/mkdocs build --strict")]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "construire"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]
    # The whole history is fetched, so each page's « Historique » date is right.
    for name in ("verification.yml", "publication.yml"):
        checkout = next(s for j in workflow(name)["jobs"].values() for s in j.get("steps", [])
                        if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0


def pre_commit_hooks() -> tuple[dict, dict[str, dict]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    return repo, {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_hook_lays_out_the_changed_sheets_first(kit_copy):
    repo, hooks = pre_commit_hooks()
    assert list(hooks) == ["kit-formater", "kit-verifier"]
    hook = hooks["kit-formater"]
    assert hook["language"] == "system" and hook["pass_filenames"] is True
    assert re.search(hook["files"], "kit/amo.yml") and not re.search(hook["files"], "docs/index.md")
    # The entry is the real command: given a file out of layout, it lays it out.
    sheet = kit_copy / "amo.yml"
    original = sheet.read_text(encoding="utf-8")
    sheet.write_text(original.split("\n", 1)[1], encoding="utf-8")  # without its schema line
    kit_binary = Path(sys.executable).parent / "kit"
    result = subprocess.run([str(kit_binary), *hook["entry"].split()[1:], "kit/amo.yml"], cwd=kit_copy.parent,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "kit/amo.yml remis en forme\n"
    assert sheet.read_text(encoding="utf-8") == original


def test_pre_commit_hook_runs_the_check_on_sheets(kit_copy):
    repo, hooks = pre_commit_hooks()
    hook = hooks["kit-verifier"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "kit/amo.yml") and not re.search(hook["files"], "docs/index.md")
    assert hook["entry"] == ".venv/bin/kit verifier"
    # The entry is the real command: run from a project whose sheet is broken, it fails.
    kit_binary = Path(sys.executable).parent / "kit"
    replace(kit_copy / "amo.yml", "phase: preparation", "phase: bilan")
    result = subprocess.run([str(kit_binary), *hook["entry"].split()[1:]], cwd=kit_copy.parent,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "kit/amo.yml:9:8 :" in result.stderr


def test_pull_request_template_is_the_editor_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.M)
    assert len(boxes) >= 5
    assert any("kit verifier" in box for box in boxes)
    assert any("identifiant" in box and "publié" in box for box in boxes)
    assert any("a-relire" in box for box in boxes)


def test_contributing_is_on_the_site(built_site):
    assert (ROOT / "docs" / "contribuer.md").read_text(encoding="utf-8").rstrip().endswith('--8<-- "CONTRIBUTING.md"')
    page = (built_site / "contribuer" / "index.html").read_text(encoding="utf-8")
    for heading in ("Exemple 1 : modifier une fiche", "Exemple 2 : ajouter une fiche",
                    "Exemple 3 : ajouter un élément à une liste", "Pourquoi un identifiant ne doit jamais changer",
                    "Prévisualiser", "Lire une erreur", "Proposer la modification"):
        assert heading in page, heading


def test_the_error_shown_in_the_guide_is_the_real_output(tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(Le kit contient 3 erreurs :\n.*?)```", guide, re.S).group(1)
    project = copy_project(tmp_path / "projet")
    replace(project / "kit" / "amo.yml", "phase: preparation", "phase: bilan")
    replace(project / "kit" / "pilotage.yml", "    titre: Le pilotage technique", "    titr: Le pilotage technique")
    result = subprocess.run([sys.executable, "-m", "kitoutils.cli", "verifier", "--format", "texte"],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.stderr == shown


def test_the_new_sheet_example_of_the_guide_works(tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/kit (nouvelle-fiche .+)\n", guide).group(1)
    output = re.search(r"```text\n(Fiche créée : .+?)```", guide, re.S).group(1)
    project = copy_project(tmp_path / "projet")
    result = subprocess.run([sys.executable, "-m", "kitoutils.cli", *shlex.split(command)],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.stdout == output
    refused = re.search(r"```text\n(Fiche non créée : .+?)\n```", guide, re.S).group(1)
    result = subprocess.run([sys.executable, "-m", "kitoutils.cli", "nouvelle-fiche", "Animation_Ateliers", "Titre"],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == refused

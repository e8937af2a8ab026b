"""SECURITY.md: found from the README and the contributors' guide, and true to the repository."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

POLICY = ROOT / "SECURITY.md"
REPOSITORY = "https://github.com/kit-democratie-contributive/kit"


def test_the_policy_is_linked_from_the_readme_and_the_guide():
    assert "](SECURITY.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    # The guide is also a page of the site, where only an absolute address leads to the file.
    assert f"]({REPOSITORY}/blob/main/SECURITY.md)" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_flaws_are_reported_privately_on_github_and_no_address_is_invented():
    text = POLICY.read_text(encoding="utf-8")
    assert f"<{REPOSITORY}/security/advisories/new>" in text
    assert "« Report a vulnerability »" in text
    assert re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text) is None  # no e-mail address


def test_what_it_says_of_the_workflows_holds():
    text = POLICY.read_text(encoding="utf-8")
    assert "`permissions: {}`" in text and "`persist-credentials: false`" in text
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert data["permissions"] == {}, workflow.name
        assert "pull_request_target" not in data[True], workflow.name  # YAML reads the key « on » as True
        for job in data["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, workflow.name

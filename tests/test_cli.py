"""The `kit` command as an editor runs it: exit codes and French output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kitoutils.model.schema import schema_text

from conftest import KIT, ROOT


def run_kit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kitoutils.cli", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def test_check_valid_kit_exits_zero():
    result = run_kit("verifier")
    assert result.returncode == 0
    assert result.stdout.startswith("Le kit est valide : 6 fiches")


def test_check_invalid_kit_exits_one_with_located_errors(kit_copy: Path):
    sheet = kit_copy / "pilotage.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("statut: adaptee", "statut: finie"),
                     encoding="utf-8")
    result = run_kit("verifier", str(kit_copy))
    assert result.returncode == 1
    assert result.stderr.startswith("Le kit contient 1 erreur :\n  kit/pilotage.yml:10:9 : « finie »")
    assert "Traceback" not in result.stderr


def test_schema_is_written_and_matches_the_published_one(tmp_path: Path):
    result = run_kit("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["id", "titre", "resume", "publics", "phase", "statut", "sources", "sections"]
    assert schema["additionalProperties"] is False
    target = tmp_path / "fiche.schema.json"
    assert run_kit("schema", "--sortie", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == result.stdout


def test_published_schemas_are_current():
    for name in ("fiche", "vocabulaire", "synonymes", "glossaire"):
        published = ROOT / "docs" / "schemas" / f"{name}.schema.json"
        assert published.read_text(encoding="utf-8") == schema_text(name), (
            f"docs/schemas/{name}.schema.json est périmé : lancez « kit schema {name} -o {published} »")


def test_every_yaml_file_names_its_schema():
    for path in KIT.glob("*.yml"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        expected = path.stem if path.stem in ("vocabulaire", "synonymes", "glossaire") else "fiche"
        assert first_line == f"# yaml-language-server: $schema=../docs/schemas/{expected}.schema.json"


def test_real_sheets_validate_against_the_schema():
    import jsonschema
    import yaml

    schema = json.loads(schema_text("fiche"))
    for path in KIT.glob("*.yml"):
        if path.stem not in ("vocabulaire", "synonymes", "glossaire"):
            jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    for name in ("synonymes", "glossaire"):
        data = yaml.safe_load((KIT / f"{name}.yml").read_text(encoding="utf-8"))
        jsonschema.validate(data, json.loads(schema_text(name)))


def test_usage_errors_are_in_french():
    result = run_kit("verifer")
    assert result.returncode == 2
    assert "usage : kit" in result.stderr
    assert "kit : erreur : argument COMMANDE : choix non valide : 'verifer'" in result.stderr
    help_text = run_kit("--help").stdout
    assert "affiche cette aide et quitte" in help_text and "vérifie les fiches" in help_text

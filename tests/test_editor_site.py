"""The web editor in the built site: a form that covers the model, a page kept out of readers' way."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from conftest import KIT, copy_project, mkdocs_build
from kitoutils.editor.config import editor_config_text
from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Kit
from kitoutils.model.provenance import ADDITION
from kitoutils.model.schema import SCHEMA_FILES, json_schema
from kitoutils.offline import ZIP_PATH
from kitoutils.settings import BuildSettings

ADMIN = Path("admin")
FILE_SCHEMAS = {"vocabulaire.yml": "vocabulaire", "synonymes.yml": "synonymes", "glossaire.yml": "glossaire"}


def editor_config(site: Path) -> dict:
    return yaml.safe_load((site / ADMIN / "config.yml").read_text(encoding="utf-8"))


def schema_properties(schema: dict, node: dict, path: tuple = ()) -> dict[tuple, tuple[dict, bool]]:
    """Every property of a JSON Schema, by path: (its schema, whether it is required)."""
    found = {}
    for name, prop in node.get("properties", {}).items():
        found[(*path, name)] = (prop, name in node.get("required", []))
        target = prop.get("items", prop)
        if "$ref" in target:
            inner = schema["$defs"][target["$ref"].rsplit("/", 1)[-1]]
            found |= schema_properties(schema, inner, (*path, name))
    return found


def form_fields(fields: list[dict], path: tuple = ()) -> dict[tuple, dict]:
    """Every field of a Decap CMS form, by path."""
    found = {}
    for field in fields:
        found[(*path, field["name"])] = field
        found |= form_fields(field.get("fields", []), (*path, field["name"]))
    return found


def kit_file_forms(config: dict) -> dict[str, list[dict]]:
    """Each file of kit/ and the forms that edit it: the sheets by their phase's folder
    collection, the other files by their entry in a files collection."""
    forms = {}
    for path in sorted(KIT.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        forms[f"kit/{path.name}"] = [
            collection["fields"] for collection in config["collections"]
            if collection.get("folder") == "kit" and collection["extension"] == collection["format"] == "yml"
            and data.get(collection["filter"]["field"]) == collection["filter"]["value"]
        ] + [entry["fields"] for collection in config["collections"] for entry in collection.get("files", ())
             if entry["file"] == f"kit/{path.name}"]
    return forms


def test_every_kit_file_has_one_form_that_covers_every_field_of_its_schema(built_site):
    kit = load_kit(KIT)
    allowed = {name: [t.id for t in getattr(kit.vocabulaire, name)] for name in ("publics", "phases", "statuts")}
    allowed["fiches"] = [f.id for f in kit.fiches]
    allowed["origines"] = [ADDITION]
    for file, forms in kit_file_forms(editor_config(built_site)).items():
        assert len(forms) == 1, file  # a sheet in one phase's collection, never in the vocabulary's
        schema = json_schema(SCHEMA_FILES[FILE_SCHEMAS.get(Path(file).name, "fiche")])
        properties, form = schema_properties(schema, schema), form_fields(forms[0])
        assert set(form) == set(properties), file
        for path, (prop, required) in properties.items():
            field = form[path]
            assert field["label"] and field["hint"].startswith(prop["description"]), path
            nested_id = path[-1] == "id" and len(path) > 1  # made from the text by kit formater
            assert field["required"] is (required and not nested_id), path
            assert field.get("min", 0) == prop.get("minItems", 0), path
            pattern = prop.get("pattern") or prop.get("items", {}).get("pattern")
            if field["widget"] == "select":  # a vocabulary or the sheets: the form offers only those
                assert field.get("multiple", False) is (prop.get("type") == "array"), path
                options = [option["value"] for option in field["options"]]
                assert any(options == values for values in allowed.values()), path
                assert all(re.match(pattern, value) for value in options) if pattern else options == prop["enum"]
                continue
            if pattern:
                assert field["pattern"][0] == pattern, path
            nested = "$ref" in prop.get("items", prop) or prop.get("type") == "array"
            assert (field["widget"] in ("list", "object")) is nested, path


def test_the_sheets_are_one_collection_per_phase_that_cannot_create_nor_delete(built_site):
    kit = load_kit(KIT)
    sheets = [c for c in editor_config(built_site)["collections"] if "folder" in c]
    assert [c["filter"] for c in sheets] == [{"field": "phase", "value": p.id} for p in kit.vocabulaire.phases]
    for collection in sheets:
        assert collection["identifier_field"] == "id" and collection["summary"] == "{{titre}}"
        assert collection["create"] is False and collection["delete"] is False
        assert collection["label"].startswith("Fiches\u00a0: ")


def kit_of(kit: Kit, count: int) -> Kit:
    """The kit with `count` sheets, copies of its own under ids and titles of their own."""
    fiches = tuple(dataclasses.replace(kit.fiches[i % len(kit.fiches)], id=f"fiche-{i:04d}", titre=f"Fiche {i}")
                   for i in range(count))
    return dataclasses.replace(kit, fiches=fiches, files={f.id: f"kit/{f.id}.yml" for f in fiches})


def test_the_editor_configuration_grows_linearly_with_the_number_of_sheets():
    kit, settings = load_kit(KIT), BuildSettings(repo_url="https://github.com/kit-democratie-contributive/kit")
    size = {count: len(editor_config_text(kit_of(kit, count), settings)) for count in (150, 300)}
    assert size[300] <= 2.1 * size[150], size  # a form per sheet, each listing every sheet: 2.8 times
    config = yaml.safe_load(editor_config_text(kit_of(kit, 300), settings))
    assert sum("folder" in c for c in config["collections"]) == len(kit.vocabulaire.phases)
    voir_aussi = [field for c in config["collections"] if "folder" in c
                  for field in c["fields"] if field["name"] == "voir_aussi"]
    assert [len(field["options"]) for field in voir_aussi] == [300] * len(kit.vocabulaire.phases)


def test_the_published_editor_saves_through_pull_requests_in_french(built_site):
    config = editor_config(built_site)
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "kit-democratie-contributive/kit"
    assert config["publish_mode"] == "editorial_workflow" and config["backend"]["open_authoring"] is True
    assert config["locale"] == "fr" and "local_backend" not in config


def test_the_admin_page_is_not_indexed_and_has_its_own_content_security_policy(built_site):
    html = (built_site / ADMIN / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.replace("&#39;", "'").split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # no other site's script, ever
    assert directives["connect-src"] == "'self' https://api.github.com"
    assert directives["object-src"] == directives["base-uri"] == directives["form-action"] == "'none'"
    script = re.search(r'<script src="([^"]+)"></script>', html).group(1)
    assert (built_site / ADMIN / script).is_file() and not urlsplit(script).netloc


def test_the_admin_is_out_of_search_sitemap_navigation_and_offline_copy(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [doc for doc in index["docs"] if doc["location"].startswith("admin")]
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "/admin/" not in sitemap
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in home
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        offline_sheet = archive.read(next(n for n in names if n.endswith("/fiches/pilotage.html")))
        assert not [name for name in names if "/admin/" in name]
    assert "Modifier dans l'éditeur".encode() not in offline_sheet


def test_each_sheet_page_links_to_its_form(built_site):
    for path in KIT.glob("*.yml"):
        if path.name in FILE_SCHEMAS:
            continue
        phase = yaml.safe_load(path.read_text(encoding="utf-8"))["phase"]
        html = (built_site / "fiches" / path.stem / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)" title="Modifier dans l\'éditeur"', html)
        assert link and link.group(1) == f"../../admin/#/collections/fiches-{phase}/entries/{path.stem}"
    assert "Modifier dans l'éditeur" not in (built_site / "a-propos" / "index.html").read_text(encoding="utf-8")


def test_the_admin_opens_in_french_with_no_request_elsewhere_nor_failing(site_url, page):
    origin = urlsplit(site_url).netloc
    elsewhere, failed, blocked = [], [], []
    page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in ("", origin) else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Se connecter avec GitHub").wait_for()
    assert not elsewhere and not failed and not blocked, (elsewhere, failed, blocked)


def test_a_build_without_the_editor_s_package_says_what_to_run(tmp_path):
    project = copy_project(tmp_path / "projet")
    (project / "node_modules").unlink()  # the copy's link to the installed npm packages
    quick = {"KIT_SANS_TELECHARGEMENTS": "1", "KIT_SANS_HORS_LIGNE": "1"}
    result = mkdocs_build(project, tmp_path / "site", environment=quick)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "Éditeur en ligne : l'éditeur en ligne (Decap CMS) est introuvable" in output
    assert "lancez « npm ci »" in output and "KIT_EDITEUR=non" in output
    without = mkdocs_build(project, tmp_path / "site", environment={**quick, "KIT_EDITEUR": "non"})
    assert without.returncode == 0, without.stderr
    assert not (tmp_path / "site" / "admin").exists()
    assert "Modifier dans l'éditeur" not in (tmp_path / "site" / "fiches" / "pilotage" / "index.html").read_text(
        encoding="utf-8")

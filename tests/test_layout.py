"""The package's layout holds: layers import only the layers above them,
settings come in as arguments, and a page's markers are the registry's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kitoutils.pages.markers import NAMES, UnknownMarker, fill_markers, marker

from conftest import ROOT, copy_project, mkdocs_build

PACKAGE = ROOT / "kitoutils"

# Each part of the package and its layer: a module may import its own layer and
# the lower numbers, never a higher one.
LAYERS = {
    "settings": 0, "model": 0, "side_task": 0,  # side_task: work in a forked process (offline copy, downloads)
    "cache_folder": 0,  # what the downloads' store and the checked texts' memo share
    "intake": 1,
    "pages": 2, "downloads": 2, "editor": 2,
    "search": 3, "offline": 3,
    "build": 4,
    "cli": 5,
}
# The command line is an edge, like the MkDocs hooks: it may read the environment.
EDGES = {"cli"}


def part_of(module: str) -> str:
    return module.split(".")[1]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The kitoutils modules `name` imports (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {target for target in found if target.startswith("kitoutils.")}


def test_every_part_of_the_package_has_a_layer():
    assert {part_of(name) for name in modules() if name != "kitoutils"} == set(LAYERS)


def test_no_module_imports_a_higher_layer():
    wrong = []
    for name, path in modules().items():
        if name == "kitoutils":
            continue
        for target in imports_of(name, path):
            if LAYERS[part_of(target)] > LAYERS[part_of(name)]:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_reading_and_checking_never_import_rendering():
    for name, path in modules().items():
        if name == "kitoutils" or part_of(name) not in {"model", "intake"}:
            continue
        assert "jinja2" not in path.read_text(encoding="utf-8"), name
        assert not any(part_of(t) == "pages" for t in imports_of(name, path)), name


def test_the_core_never_reads_the_environment():
    readers = []
    for name, path in modules().items():
        if name == "kitoutils" or part_of(name) in EDGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Setting a variable is not reading one: a download worker process sets
        # the build's date where reportlab reads it (downloads/workers.py).
        written = {id(node.value) for node in ast.walk(tree)
                   if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"} \
                    and id(node) not in written:
                readers.append(f"{name}:{node.lineno}")
    assert readers == []


def test_markers_are_replaced_by_their_parts():
    filled = fill_markers(f"Avant\n{marker(NAMES[0])}\nAprès", "index.md",
                          {name: (lambda page, name=name: f"[{name} pour {page}]") for name in NAMES})
    assert filled == f"Avant\n[{NAMES[0]} pour index.md]\nAprès"


def test_an_unknown_marker_is_refused_with_its_page():
    with pytest.raises(UnknownMarker) as refused:
        fill_markers("<!-- kit:liste-des-fiche -->", "guide/index.md", {})
    assert str(refused.value).startswith("docs/guide/index.md : le repère « <!-- kit:liste-des-fiche --> » est inconnu")


def test_a_misspelt_marker_stops_the_build_with_the_page(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    page = project / "docs" / "aide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- kit:qui-fait-quoy -->\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", environment={
        "KIT_SANS_TELECHARGEMENTS": "1", "KIT_SANS_HORS_LIGNE": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "docs/aide.md : le repère « <!-- kit:qui-fait-quoy --> » est inconnu" in output
    assert "Traceback" not in output

"""Property: whatever the text of a file, the loader ends in a Kit or in located French problems.

Real sheets are mutated the way editing goes wrong (lines deleted, duplicated,
swapped, re-indented, characters typed anywhere, a file cut short), and
random YAML-ish text is fed as a sheet. Never another exception, never a hang.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Kit
from kitoutils.model.problems import KitInvalid

from conftest import KIT

FILES = sorted(p.name for p in KIT.glob("*.yml"))
ORIGINALS = {name: (KIT / name).read_text(encoding="utf-8") for name in FILES}
# What editors type by mistake, and what YAML gives meaning to.
TYPED = st.text(
    alphabet=st.sampled_from(list(" \t\n:-[]{}&*!|>'\"#%@`,?~\\<é«»\u00a0\x07\ufeff") + list("azAZ09")),
    min_size=1, max_size=12,
)
# English words only PyYAML's untranslated messages would bring.
ENGLISH = re.compile(r"\b(while|expected|found|could not|did not|unacceptable|mapping|scanning)\b")

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def scratch_kit():
    with tempfile.TemporaryDirectory() as directory:
        kit = Path(directory) / "kit"
        shutil.copytree(KIT, kit)
        yield kit


@st.composite
def mutated(draw) -> tuple[str, str]:
    """A real file of the kit with one to four editing accidents."""
    name = draw(st.sampled_from(FILES))
    lines = ORIGINALS[name].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "type", "indent", "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "type":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(TYPED) + lines[i][at:]
        elif action == "indent":
            change = draw(st.sampled_from([" ", "  ", "\t", "-1", "-2"]))
            lines[i] = lines[i][int(change[1]):] if change.startswith("-") else change + lines[i]
        else:
            text = "\n".join(lines)
            cut = draw(st.integers(0, len(text)))
            lines = text[:cut].split("\n")
    return name, "\n".join(lines)


YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(["id: ", "titre: ", "sections:", "  - ", "- ", "  ", "    ", ": ", "|-", ">-",
                         "[", "]", "{", "}", ", ", "&a ", "*a", "!!str ", "---", "# ", "\n", "\n  ",
                         "'", '"', "texte: |-\n  ", "elements:\n  - id: x\n    texte: y\n"]),
        TYPED,
    ),
    max_size=40,
).map("".join)


def assert_ends_well(kit_dir: Path, name: str, text: str) -> None:
    path = kit_dir / name
    path.write_text(text, encoding="utf-8")
    try:
        assert isinstance(load_kit(kit_dir), Kit)
    except KitInvalid as invalid:
        assert invalid.problems
        line_count = text.count("\n") + 1
        for problem in invalid.problems:
            assert problem.path.startswith("kit/")
            assert problem.line >= 1 and problem.column >= 1, problem
            if problem.path == f"kit/{name}":
                assert problem.line <= line_count + 1, problem
            unquoted = re.sub(r"«[^»]*»", "", problem.message)
            assert problem.message and not ENGLISH.search(unquoted), problem
    finally:
        path.write_text(ORIGINALS[name], encoding="utf-8")


@PROPERTY_SETTINGS
@given(mutated())
def test_mutated_sheets_end_in_a_kit_or_located_problems(scratch_kit, case):
    name, text = case
    assert_ends_well(scratch_kit, name, text)


@PROPERTY_SETTINGS
@given(st.sampled_from(FILES), YAMLISH)
def test_random_yaml_ends_in_located_problems(scratch_kit, name, text):
    assert_ends_well(scratch_kit, name, text)

"""Problems written out for people, or for GitHub Actions to annotate.

`problems.Problem` stays the single source of what is wrong and where; this
module only chooses how to show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..model.problems import KitInvalid, Problem

FORMATS = ("auto", "texte", "github")
ANNOTATION_TITLE = "Kit : fiche à corriger"


def choose_format(requested: str, environ: dict[str, str]) -> str:
    """`auto` means annotations inside GitHub Actions, text elsewhere."""
    if requested != "auto":
        return requested
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "texte"


def for_people(invalid: KitInvalid, root: Path) -> str:
    """The report, each problem followed by its line quoted and a caret under the column."""
    lines = [invalid.report().splitlines()[0]]
    sources: dict[str, list[str] | None] = {}
    for problem in invalid.problems:
        lines.append(f"  {problem}")
        if problem.path not in sources:
            sources[problem.path] = _source_lines(root / problem.path)
        lines.extend(_quote(sources[problem.path], problem.line, problem.column))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _source_lines(path: Path) -> list[str] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    return text.split("\n")


def _quote(source: list[str] | None, line: int, column: int) -> list[str]:
    if source is None or not 1 <= line <= len(source) or not source[line - 1].strip():
        return []
    # A tab shows as an arrow: the editor sees it, and the caret stays aligned.
    text = source[line - 1].replace("\t", "→")
    number = f"  {line:>6} | "
    caret = " " * (min(column, len(text) + 1) - 1) + "^"
    return [number + text, " " * (len(number) - 2) + "| " + caret]


def for_github(problems: Iterable[Problem]) -> str:
    """One `::error` workflow command per problem, escaped as GitHub requires."""
    return "\n".join(
        f"::error file={_property(p.path)},line={p.line},col={p.column},"
        f"title={_property(ANNOTATION_TITLE)}::{_data(p.message)}"
        for p in problems
    )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

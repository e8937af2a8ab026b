"""Checks that look at the text of every file once all of them are read.

They need more than one value at a time (a link's target is another sheet)
or the file's source text (to place a problem inside a multi-line text), so
they run after validation, on what the validator noted down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..model.addresses import file_name_message, reserved_id_message, sheet_anchors, sheet_id_message
from .inclusive import inclusive_findings
from .links import Anchors, link_message
from ..model.markdown_dialect import FieldParser
from .markup import Checked, check_markdown, unsafe_plain
from .positions import locate
from ..model.problems import Problem
from .text_memo import TextMemo
from .validate import Context, FieldText
from .yamlfile import at


@dataclass(frozen=True)
class ReadFile:
    """One validated file: where it is, its text, what validation noted, its value."""

    display: str
    source: str
    ctx: Context
    value: Any  # a Fiche or Vocabulaire, or None when it has errors
    sheet_id: str | None = None  # the file name's stem, for a sheet


def check(files: list[ReadFile], docs_dir: Path | None, parser: FieldParser | None = None,
          memo: TextMemo | None = None) -> list[Problem]:
    """Every problem of text, links and addresses across the kit's files
    (parser: the build's, which keeps each text's HTML for its pages;
    memo: the texts an earlier build checked, not parsed again)."""
    parser = parser or FieldParser()
    check_markdown_text = _markdown_checker(parser, memo)
    sheets: Anchors = {
        f.sheet_id: (sheet_anchors(f.value) if f.value is not None else None)
        for f in files if f.sheet_id is not None
    }
    problems: list[Problem] = []
    for read in files:
        problems.extend(_text_problems(read, sheets, docs_dir, check_markdown_text))
        if read.sheet_id is not None:
            problems.extend(_address_problems(read, set(sheets) - {read.sheet_id}, docs_dir))
    return problems


def _markdown_checker(parser: FieldParser, memo: TextMemo | None) -> Callable[[FieldText], Checked]:
    """How a Markdown text is checked: parsed, or found in the memo of an earlier build
    (which also hands the parser the HTML of the text as the page shows it)."""
    if memo is None:
        return lambda text: check_markdown(text.node.value, parser)
    return lambda text: memo.check_markdown(text.node.value, parser, page_text=text.shown)


def _text_problems(read: ReadFile, sheets: Anchors, docs_dir: Path | None,
                   check_markdown_text: Callable[[FieldText], Checked]) -> list[Problem]:
    """Unsafe markup in every text, and (in a sheet) links that lead nowhere."""
    problems = []
    for text in read.ctx.texts:
        node = text.node
        if text.markdown:
            findings, found_links = check_markdown_text(text)
        else:
            findings, found_links = unsafe_plain(node.value), []
        findings = [*findings, *inclusive_findings(node.value)]
        for finding in findings:
            line, column = locate(read.source, node, finding.offset, finding.snippet)
            problems.append(Problem(read.display, line, column, finding.message))
        if read.sheet_id is None:
            continue
        for link in found_links:
            message = link_message(link.address, read.sheet_id, sheets, docs_dir)
            if message is not None:
                line, column = locate(read.source, node, link.offset, link.address.split("\n")[0])
                problems.append(Problem(read.display, line, column, message))
    return problems


def _address_problems(read: ReadFile, other_sheets: set[str], docs_dir: Path | None) -> list[Problem]:
    problems = []
    message = file_name_message(read.sheet_id, other_sheets) or sheet_id_message(read.sheet_id, docs_dir)
    if message is not None:
        id_node = read.ctx.identifiers.get(read.sheet_id)
        problems.append(at(read.display, id_node, message) if id_node is not None
                        else Problem(read.display, 1, 1, message))
    for identifier, node in read.ctx.identifiers.items():
        if identifier == read.sheet_id:
            continue  # the sheet's own id names its page, not an anchor
        reserved = reserved_id_message(identifier)
        if reserved is not None:
            problems.append(at(read.display, node, reserved))
    return problems

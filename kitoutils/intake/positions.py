"""Where a character of a scalar's value sits in its YAML file.

A Markdown field is one YAML scalar; a problem found at offset k of its
value must be reported at the line and column of the file where the editor
typed it. Literal (`|`) and folded (`>`) block scalars start on the line
after their indicator, indented; quoted and plain scalars start at their
first character (after the quote). Folding and escapes change the value, so
instead of replaying YAML's rules we find the offending snippet again in the
scalar's own source text: the n-th occurrence in the value is the n-th in
the source. When that fails (a snippet hidden by an escape), the scalar's
first content character is still a correct, if coarser, place.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

BLOCK_STYLES = ("|", ">")


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index of a text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def content_start(source: str, node: ScalarNode) -> int:
    """Index in the source of the first character of the scalar's content."""
    start = node.start_mark.index
    if node.style in BLOCK_STYLES:
        newline = source.find("\n", start)
        if newline == -1:
            return start
        index = newline + 1
        # Skip blank lines and the indentation of the first content line.
        while index < len(source) and source[index] in " \n":
            index += 1
        return min(index, max(node.end_mark.index, start))
    if node.style in ("'", '"'):
        return start + 1
    return start


def locate(source: str, node: ScalarNode, offset: int, snippet: str) -> tuple[int, int]:
    """1-based line and column of `snippet`, found at `offset` of the node's value."""
    begin = content_start(source, node)
    region = source[begin : max(node.end_mark.index, begin)]
    rank = node.value.count(snippet, 0, offset) if snippet else 0
    index = -1
    for _ in range(rank + 1):
        index = region.find(snippet, index + 1) if snippet else -1
        if index == -1:
            break
    if index == -1:
        return line_column(source, begin)
    return line_column(source, begin + index)

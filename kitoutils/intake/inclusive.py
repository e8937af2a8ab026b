"""The kit's inclusive-writing convention, checked where a machine can check it.

The convention (CONTRIBUTING.md, « Écriture inclusive »): a function held by
one person is written with both forms, in full (« une cheffe ou un chef de
projet »); no point médian, parentheses or slash inside a word (« élu·e·s »,
« élu(e)s », « élu/e »), which screen readers spell out. The check flags
these forms; the rest of the convention (epicene words, plurals, pronouns) is
for editors' review.
"""

from __future__ import annotations

import re

from ..model.markdown_dialect import Finding

# A heuristic, not a security check: code spans (`…`) are blanked so that a
# quoted form (« écrivez `élu·e` ») is not flagged; near enough to the renderer.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")


def mask_code_spans(text: str) -> str:
    """The text with the content of code spans blanked (same length)."""
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(1), text)


CONVENTION = "convention d'écriture inclusive du kit, voir CONTRIBUTING.md"

# Masculine singular of a function -> its feminine, which must come just before it.
_FUNCTIONS = {
    "chef de projet": "cheffe",
    "chargé de mission": "chargée",
    "directeur": "directrice",
    "animateur": "animatrice",
    "référent": "référente",
    "interlocuteur": "interlocutrice",
}
_ARTICLE = r"(?:un|le|du|au)"
_MASCULINE = re.compile(
    rf"\b{_ARTICLE}\s+(?P<form>{'|'.join(re.escape(f) for f in _FUNCTIONS)})\b", re.IGNORECASE)
_INSIDE_A_WORD = re.compile(
    r"\w+(?:[·•]\w+)+|\w+\((?:e|es|s|ne|nes|le|les|rice|rices|trice|trices)\)\w*|\w+/(?:e|es)\b",
    re.IGNORECASE)


def inclusive_findings(text: str) -> list[Finding]:
    """Every form of text the convention rules out, with what to write instead."""
    findings: list[Finding] = []
    lowered = text.lower()
    # Most texts hold neither a listed function nor a sign that can sit inside a word:
    # tested first, the expressions run on few texts (the check runs on every text of every sheet).
    names_a_function = any(form in lowered for form in _FUNCTIONS)
    if not names_a_function and not any(sign in text for sign in "·•(/"):
        return findings
    masked = mask_code_spans(text)
    for match in (_MASCULINE.finditer(masked) if names_a_function else ()):
        form = match.group("form").lower()
        feminine = _FUNCTIONS[form]
        before = masked[max(0, match.start() - 30): match.start()].lower()
        if re.search(rf"\b{feminine}\s+ou\s*$", before):  # « une cheffe ou » just before
            continue
        findings.append(Finding(match.start(), match.group(0), (
            f"« {match.group(0)} » : écrivez les deux formes en entier, par exemple "
            f"« une {feminine} ou un {form} » ({CONVENTION})")))
    for match in _INSIDE_A_WORD.finditer(masked):
        findings.append(Finding(match.start(), match.group(0), (
            f"« {match.group(0)} » : pas de point médian, de parenthèses ni de barre oblique dans un mot, "
            f"que les lecteurs d'écran épellent ; écrivez les deux formes en entier ou un mot épicène ({CONVENTION})")))
    return findings

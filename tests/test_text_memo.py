"""Checked texts remembered from one build to the next (intake/text_memo.py):
a build that follows another parses no text it has already checked, and
reports, renders and refuses exactly as if it had parsed them all."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

import kitoutils
from kitoutils import cache_folder
from kitoutils.cache_folder import code_fingerprint
from kitoutils.intake import text_memo
from kitoutils.intake.loader import load_kit
from kitoutils.intake.text_memo import TextMemo, checking_fingerprint
from kitoutils.model.markdown_dialect import FieldParser
from kitoutils.model.problems import KitInvalid
from kitoutils.model.typography import french_typography
from kitoutils.pages.render import render_fiche

from conftest import copy_project


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text Python-Markdown is asked to parse, by any FieldParser, in order."""
    texts: list[str] = []
    parse = FieldParser.parse

    def counting(self: FieldParser, text: str):
        texts.append(text)
        return parse(self, text)

    monkeypatch.setattr(FieldParser, "parse", counting)
    return texts


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def load(kit_dir: Path, cache: Path | None, parsed: list[str]):
    """(kit, parser, texts parsed) of one load, as a build makes it."""
    parsed.clear()
    parser = FieldParser()
    kit = load_kit(kit_dir, parser=parser, cache_dir=cache)
    return kit, parser, list(parsed)


def problems(kit_dir: Path, cache: Path | None, parsed: list[str]) -> tuple[list[str], int]:
    """The located messages of a kit with errors, and how many texts were parsed for them."""
    parsed.clear()
    with pytest.raises(KitInvalid) as caught:
        load_kit(kit_dir, cache_dir=cache)
    return [str(problem) for problem in caught.value.problems], len(parsed)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_build_parses_no_text_and_renders_the_same_pages(kit_copy, cache, parsed):
    _, _, first = load(kit_copy, cache, parsed)
    assert len(first) > 100
    kit, parser, second = load(kit_copy, cache, parsed)
    assert second == []

    # Its pages take every text's HTML from the memo, and are the pages of a build without it.
    warm = [render_fiche(kit, fiche, parser=parser) for fiche in kit.fiches]
    assert parsed == []
    cold_kit, cold_parser, _ = load(kit_copy, None, parsed)
    assert warm == [render_fiche(cold_kit, fiche, parser=cold_parser) for fiche in cold_kit.fiches]
    assert parsed  # without the memo, the pages parse the texts their typography changed


def test_after_an_edit_only_the_edited_text_is_parsed(kit_copy, cache, parsed):
    load(kit_copy, cache, parsed)
    written = "Nommer une cheffe ou un chef de projet pour la coordination technique de l'atelier."
    replace(kit_copy / "pilotage.yml", "Désigner une cheffe", "Nommer une cheffe")
    kit, parser, again = load(kit_copy, cache, parsed)
    # The text as written (checked) and as the page shows it (apostrophe typeset).
    assert set(again) == {written, french_typography(written)} and len(again) == 2
    assert "Nommer une cheffe" in render_fiche(kit, kit.fiche("pilotage"), parser=parser)
    assert len(parsed) == 2


def test_the_memo_keeps_only_the_last_builds_texts(kit_copy, cache, parsed):
    load(kit_copy, cache, parsed)
    [memo_file] = cache.iterdir()
    held = len(json.loads(memo_file.read_bytes())["textes"])
    sheet = kit_copy / "pilotage.yml"
    replace(sheet, "Désigner une cheffe", "Nommer une cheffe")
    load(kit_copy, cache, parsed)
    assert len(json.loads(memo_file.read_bytes())["textes"]) == held  # replaced, not added
    replace(sheet, "Nommer une cheffe", "Désigner une cheffe")
    _, _, back = load(kit_copy, cache, parsed)
    assert back and all("Désigner une cheffe" in text for text in back)  # forgotten, so parsed again


def test_a_kit_with_errors_reports_the_same_problems_from_the_memo(kit_copy, cache, parsed):
    replace(kit_copy / "pilotage.yml", "Désigner une cheffe",
            "Désigner <script>alert(1)</script> une [cheffe](javascript:alert(1)) ([voir](absente.md))")
    cold, cold_parses = problems(kit_copy, None, parsed)
    first, _ = problems(kit_copy, cache, parsed)
    warm, warm_parses = problems(kit_copy, cache, parsed)
    assert cold_parses > 0 and warm_parses == 0
    assert warm == first == cold
    for expected in ("balise HTML « <script> »", "adresse « javascript: » refusée", "absente.md"):
        assert any(message.startswith("kit/pilotage.yml:60:") and expected in message for message in warm), expected


def test_links_are_checked_again_every_build(kit_copy, cache, parsed):
    """Whether a link leads somewhere depends on the other sheets: never taken from the memo."""
    load(kit_copy, cache, parsed)
    replace(kit_copy / "amo.yml", "- id: interne-ou-amo", "- id: interne-ou-prestataire")
    found, parses = problems(kit_copy, cache, parsed)
    assert parses == 0  # no text changed: an identifier is not a text
    assert any(message.startswith("kit/faq-elus.yml:100:") and "interne-ou-amo" in message for message in found)


def damaged_memos(path: Path) -> dict[str, bytes]:
    """Ways a memo file may be found broken, made from the good one at `path`."""
    good = path.read_bytes()
    content = json.loads(good)
    entries = content["textes"]
    wrong_types = {key: [html, [["zéro", "", ""]], links] for key, (html, _, links) in entries.items()}
    outside = {key: [html, [], [[10**6, "amo.md", False]]] for key, (html, _, _) in entries.items()}
    return {
        "vide": b"",
        "tronqué": good[: len(good) // 2],
        "illisible": b"\x00\xff\xfe" * 100,
        "imbriqué": b"[" * 100_000,
        "étranger": json.dumps([1, 2, 3]).encode(),
        "autre code": json.dumps({**content, "code": "autre"}).encode(),
        "entrées d'un autre type": json.dumps({**content, "textes": wrong_types}).encode(),
        "décalages hors du texte": json.dumps({**content, "textes": outside}).encode(),
    }


@pytest.mark.parametrize("damage", [
    "vide", "tronqué", "illisible", "imbriqué", "étranger", "autre code", "entrées d'un autre type",
    "décalages hors du texte",
])
def test_a_damaged_memo_is_ignored_and_written_again(kit_copy, cache, parsed, damage):
    cold_kit, _, cold = load(kit_copy, cache, parsed)
    memo_file = TextMemo(cache).path
    memo_file.write_bytes(damaged_memos(memo_file)[damage])
    kit, _, again = load(kit_copy, cache, parsed)
    assert kit == cold_kit
    assert sorted(again) == sorted(cold)  # every text checked again, none from the broken file
    _, _, third = load(kit_copy, cache, parsed)
    assert third == []


def test_a_memo_that_cannot_be_written_only_costs_time(kit_copy, cache, parsed):
    TextMemo(cache).path.mkdir(parents=True)  # where the file goes, a folder: unreadable, unwritable
    _, _, first = load(kit_copy, cache, parsed)
    _, _, second = load(kit_copy, cache, parsed)
    assert first and sorted(second) == sorted(first)
    assert [path.name for path in cache.iterdir()] == [TextMemo(cache).path.name]  # no half-written file


def test_other_code_never_reads_an_old_memo(kit_copy, cache, parsed, monkeypatch):
    _, _, cold = load(kit_copy, cache, parsed)
    old_file = TextMemo(cache).path
    monkeypatch.setattr(text_memo, "checking_fingerprint", lambda: "un autre code" * 5)
    _, _, again = load(kit_copy, cache, parsed)
    assert sorted(again) == sorted(cold)
    assert list(cache.iterdir()) == [TextMemo(cache).path] != [old_file]  # the old one removed


def test_the_fingerprint_covers_the_checks_the_model_and_python_markdown(tmp_path, monkeypatch):
    package = tmp_path / "kitoutils"
    shutil.copytree(Path(kitoutils.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    original = checking_fingerprint(package)
    assert checking_fingerprint(Path(kitoutils.__file__).parent) == original

    def changed(part: str) -> str:
        source = package / part
        kept = source.read_text(encoding="utf-8")
        source.write_text(kept + "\n# changed\n", encoding="utf-8")
        code_fingerprint.cache_clear()
        try:
            return checking_fingerprint(package)
        finally:
            source.write_text(kept, encoding="utf-8")
            code_fingerprint.cache_clear()

    assert changed("intake/markup.py") != original
    assert changed("model/markdown_dialect.py") != original
    assert changed("model/typography.py") != original
    assert changed("downloads/odt.py") == original  # not what a check depends on

    version = metadata.version
    monkeypatch.setattr(cache_folder.metadata, "version",
                        lambda name: "99.0" if name.lower() == "markdown" else version(name))
    code_fingerprint.cache_clear()
    try:
        assert checking_fingerprint(package) != original
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


def test_mkdocs_builds_the_same_pages_again_without_parsing(tmp_path, parsed, monkeypatch):
    """The hooks hand the build's cache folder to the checks: a second `mkdocs build`
    parses no text, and writes the same pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "projet")
    monkeypatch.setenv("KIT_SANS_TELECHARGEMENTS", "1")  # the texts are what is tested here
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    sites = []
    parses = []
    for run in ("froid", "chaud"):
        parsed.clear()
        site = tmp_path / run
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
        sites.append(site)
        parses.append(len(parsed))
    assert parses[0] > 100 and parses[1] == 0
    assert [p.name for p in (project / ".cache" / "kit").glob("textes-verifies-*.json")]
    pages = sorted(path.relative_to(sites[0]) for path in (sites[0] / "fiches").rglob("index.html"))
    assert len(pages) >= 6
    for page in pages:
        assert (sites[1] / page).read_bytes() == (sites[0] / page).read_bytes(), page

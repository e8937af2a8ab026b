"""The checklist script and its stylesheet stay small and self-contained."""

from __future__ import annotations

import gzip

from conftest import ROOT

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "kit-checklist.js"
STYLES = ROOT / "docs" / "assets" / "stylesheets" / "kit-checklist.css"
BUDGET = 15 * 1024  # bytes, gzipped, script and styles together


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def test_script_and_styles_fit_in_15_kb_gzipped():
    total = gzipped_size(SCRIPT.read_bytes()) + gzipped_size(STYLES.read_bytes())
    assert total <= BUDGET, f"{total} octets compressés, pour un budget de {BUDGET}"


def test_script_requests_nothing_and_never_parses_html():
    source = SCRIPT.read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                      "fetch(", "XMLHttpRequest", "http://", "https://"):
        assert forbidden not in source, forbidden


def test_both_files_are_part_of_the_site(built_site):
    assert (built_site / "assets" / "javascripts" / "kit-checklist.js").is_file()
    page = (built_site / "fiches" / "pilotage" / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/kit-checklist.js" in page
    assert "assets/stylesheets/kit-checklist.css" in page

"""The checklist's scripts and its stylesheet stay small and self-contained."""

from __future__ import annotations

import gzip

from conftest import ROOT

SCRIPTS_DIR = ROOT / "docs" / "assets" / "javascripts" / "checklist"
# Load order: each part uses the ones before it.
PARTS = ["codec.js", "storage.js", "interface.js"]
STYLES = ROOT / "docs" / "assets" / "stylesheets" / "kit-checklist.css"
BUDGET = 15 * 1024  # bytes, gzipped, scripts and styles together


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def test_the_folder_holds_exactly_the_listed_parts():
    assert sorted(p.name for p in SCRIPTS_DIR.iterdir()) == sorted(PARTS)


def test_scripts_and_styles_fit_in_15_kb_gzipped():
    total = sum(gzipped_size((SCRIPTS_DIR / name).read_bytes()) for name in PARTS)
    total += gzipped_size(STYLES.read_bytes())
    assert total <= BUDGET, f"{total} octets compressés, pour un budget de {BUDGET}"


def test_scripts_request_nothing_and_never_parse_html():
    for name in PARTS:
        source = (SCRIPTS_DIR / name).read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                          "fetch(", "XMLHttpRequest", "http://", "https://"):
            assert forbidden not in source, (name, forbidden)


def test_scripts_are_plain_scripts_not_modules():
    # The offline site is opened from file://, where ES modules do not load.
    for name in PARTS:
        source = (SCRIPTS_DIR / name).read_text(encoding="utf-8")
        for line in source.splitlines():
            assert not line.lstrip().startswith(("import ", "export ")), (name, line)


def test_parts_and_styles_are_on_checklist_pages_in_load_order(built_site):
    page = (built_site / "fiches" / "pilotage" / "index.html").read_text(encoding="utf-8")
    positions = []
    for name in PARTS:
        assert (built_site / "assets" / "javascripts" / "checklist" / name).is_file()
        positions.append(page.index(f'src="../../assets/javascripts/checklist/{name}"'))
    assert positions == sorted(positions)
    assert "assets/stylesheets/kit-checklist.css" in page

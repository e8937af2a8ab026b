"""The whole site built by the real `mkdocs build --strict`, read back."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from kitoutils.intake.loader import load_kit

from conftest import KIT, copy_project, mkdocs_build

ALLOWED_HOSTS = ("127.0.0.1", "localhost")
# What makes a browser fetch something on its own: src=, <link href=>, url().
# Plain links (<a href>) are only followed when a reader clicks them.
FETCHED_URL = re.compile(
    r"""\bsrc\s*=\s*["'](https?:)?//([^"'/]+)"""
    r"""|<link\b[^>]*\bhref\s*=\s*["'](https?:)?//([^"'/]+)"""
    r"""|url\(\s*["']?(https?:)?//([^)"'/]+)"""
)


def test_one_page_per_sheet(built_site: Path):
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        [h1] = re.findall(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page)
        assert html.unescape(h1) == fiche.titre
        assert '<html lang="fr"' in page


def test_checklist_items_rendered_with_their_ids(built_site: Path):
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        for liste in fiche.checklists():
            assert f'data-liste="{liste.id}"' in page
            for element in liste.elements:
                box = re.search(
                    rf'<input type="checkbox"[^>]*id="case-{element.id}"[^>]*>', page)
                assert box, element.id
                assert f'data-fiche="{fiche.id}"' in box.group(0)
                assert f'data-liste="{liste.id}"' in box.group(0)
                assert f'data-element="{element.id}"' in box.group(0)
                assert f'<label class="kit-checklist__libelle" for="case-{element.id}"' in page


def test_cross_references_resolve(built_site: Path):
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        page = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        for other in fiche.voir_aussi:
            assert f'href="../{other}/"' in page
            assert (built_site / "fiches" / other / "index.html").is_file()


def test_home_lists_sheets_grouped_by_phase(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'id="phase-preparation"' in home and 'id="phase-suites"' in home
    assert home.index('id="phase-preparation"') < home.index('id="phase-suites"')
    suites = home[home.index('id="phase-suites"'):]
    assert 'href="fiches/suivi-externe/"' in suites
    assert 'href="fiches/pilotage/"' not in suites


def test_edit_link_points_to_the_yaml_sheet(built_site: Path):
    page = (built_site / "fiches" / "amo" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/kit-democratie-contributive/kit/edit/main/kit/amo.yml"' in page


def test_page_description_is_the_summary(built_site: Path):
    kit = load_kit(KIT)
    page = (built_site / "fiches" / "pilotage" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert description.replace("&#39;", "'") == kit.fiche("pilotage").resume


def test_search_index_holds_titles_items_and_questions(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    text = text.replace("&#39;", "'")
    kit = load_kit(KIT)
    for fiche in kit.fiches:
        assert fiche.titre in text
        for liste in fiche.checklists():
            for element in liste.elements:
                assert element.texte.split("(")[0].strip() in text, element.id
    titles = {doc["title"].replace("&#39;", "'") for doc in index["docs"]}
    for question in kit.fiche("faq-elus").questions:
        assert question.question in titles


def test_no_third_party_url_in_html_and_css(built_site: Path):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in FETCHED_URL.finditer(text):
            host = next(group for group in match.groups()[1::2] if group)
            if host.split(":")[0] not in ALLOWED_HOSTS:
                offenders.append((path.relative_to(built_site).as_posix(), match.group(0)))
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
    assert offenders == []


def test_invalid_kit_stops_the_build_with_located_message(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    sheet = project / "kit" / "amo.yml"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("phase: preparation", "phase: bilan"), encoding="utf-8")
    line = text[: text.index("phase: preparation")].count("\n") + 1
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"kit/amo.yml:{line}:8 : « bilan » n'est pas un terme du vocabulaire « phases »" in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists()

"""The diagrams drawn from the kit's data: valid SVG, named, with a text equivalent."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.model.problems import KitInvalid
from kitoutils.pages.diagrams import render_roles, render_timeline

from conftest import KIT

SVG = "{http://www.w3.org/2000/svg}"
PHONE = {"width": 375, "height": 812}


def svgs_of(html: str) -> dict[str, ET.Element]:
    """Every inline SVG diagram of a page, parsed as XML, by its id prefix."""
    found = {}
    for match in re.finditer(r'<svg xmlns="http://www.w3.org/2000/svg" class="kit-schema__image".*?</svg>', html, re.S):
        element = ET.fromstring(match.group(0))
        found[element.get("aria-labelledby").split("-titre")[0]] = element
    return found


def spaces(text: str) -> str:
    """Text with French no-break spaces made ordinary, to compare wording."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def without_tooltips(html: str) -> str:
    """The HTML without the glossary's hidden explanations (shown on hover and focus only)."""
    return re.sub(r'<span class="kit-terme__infobulle"[^>]*>.*?</span>', "", html, flags=re.S)


def visible_text(html: str) -> str:
    """The page's text outside the SVGs, as a reader without images gets it."""
    html = re.sub(r"<svg.*?</svg>", " ", without_tooltips(html), flags=re.S)
    return spaces(" ".join(re.sub(r"<[^>]+>", "", html).replace("&#39;", "'").split()))


def assert_named_image(svg: ET.Element, title: str) -> None:
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == title
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert len(svg.find(f"{SVG}desc").text) > 40


def test_who_does_what_page_shows_the_roles_with_their_text_equivalent(built_site: Path):
    html = (built_site / "qui-fait-quoi" / "index.html").read_text(encoding="utf-8")
    svg = svgs_of(html)["kit-qui-fait-quoi"]
    assert_named_image(svg, "Qui fait quoi dans la démarche")
    drawn = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    text = visible_text(html)
    roles = load_kit(KIT).vocabulaire.roles
    assert [r.libelle for r in roles][:1] == ["Cheffe ou chef de projet"]
    for role in roles:
        assert role.libelle.split()[0] in drawn  # drawn (possibly wrapped over lines)
        assert role.libelle in svg.find(f"{SVG}desc").text
        assert spaces(f"{role.libelle} : {role.mission}") in text
    # One box per role, joined by lines.
    assert len(svg.findall(f"{SVG}rect")) == len(roles)
    assert len(svg.findall(f"{SVG}line")) == len(roles)


def test_the_phases_timeline_lists_every_phase_and_links_each_sheet(built_site: Path):
    html = (built_site / "qui-fait-quoi" / "index.html").read_text(encoding="utf-8")
    frise = html[html.index('<ol class="kit-frise"'):]
    frise = frise[: frise.index("</ol>")]
    words = visible_text(frise)
    kit = load_kit(KIT)
    steps = re.findall(r'<li class="kit-frise__etape" data-phase="([a-z0-9-]+)"', frise)
    assert steps == [phase.id for phase in kit.vocabulaire.phases]  # empty phases too, in order
    for phase in kit.vocabulaire.phases:
        assert phase.libelle in words
    linked = re.findall(r'href="\.\./fiches/([a-z0-9-]+)/"', frise)
    assert linked == [f.id for f in kit.fiches]
    # Every phase has its sheets now; an empty phase would say so (tested on the renderer).
    assert "Aucune fiche pour l’instant" not in words


def test_diagrams_are_drawn_from_the_kit_s_data(kit_copy: Path):
    vocabulary = kit_copy / "vocabulaire.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "libelle: Comité de pilotage ouvert à l'externe", "libelle: Comité des partenaires"), encoding="utf-8")
    kit = load_kit(kit_copy)
    assert "Comité des partenaires" in render_roles(kit)
    assert "Comité de pilotage ouvert" not in render_roles(kit)
    for phase in kit.vocabulaire.phases:
        assert phase.libelle in render_timeline(kit)


def test_no_roles_no_diagram(kit_copy: Path):
    vocabulary = kit_copy / "vocabulaire.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text[: text.index("\nroles:")] + "\n", encoding="utf-8")
    assert render_roles(load_kit(kit_copy)) == ""


def test_a_role_without_mission_is_a_located_french_error(kit_copy: Path):
    vocabulary = kit_copy / "vocabulaire.yml"
    text = vocabulary.read_text(encoding="utf-8")
    broken = text.replace("    mission: Apportent leur expertise sur le thème retenu.\n", "")
    vocabulary.write_text(broken, encoding="utf-8")
    line = broken[: broken.index("  - id: services-techniques")].count("\n") + 1
    with pytest.raises(KitInvalid) as error:
        load_kit(kit_copy)
    assert f"kit/vocabulaire.yml:{line}:5 : la clé obligatoire « mission » manque" in error.value.report()


@pytest.mark.parametrize("path", ["", "qui-fait-quoi/", "fiches/pilotage/", "fiches/faq-elus/", "404.html"])
def test_pages_fit_a_phone_screen(browser, site_url: str, path: str, tmp_path: Path):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        for svg in page.locator("svg.kit-schema__image").all():
            box = svg.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "telephone.png"), full_page=True)
    finally:
        context.close()


def test_drawings_are_left_out_of_the_search_index(built_site: Path):
    # Their words are searchable through the text equivalents; indexed twice,
    # they would rank this page above the sheets. The timeline repeats the
    # phases' descriptions and the sheets' titles.
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Aucune fiche pour l’instant" not in index
    assert "relié à chacun des autres rôles" not in index
    assert "Portent la démarche" in index  # the roles' text list is searchable


def test_a_phase_without_sheets_says_so_on_the_timeline():
    kit = load_kit(KIT)
    without_conduite = dataclasses.replace(kit, fiches=tuple(f for f in kit.fiches if f.phase != "conduite"))
    assert re.search(r"Aucune fiche pour l.instant", render_timeline(without_conduite))
    assert not re.search(r"Aucune fiche pour l.instant", render_timeline(kit))

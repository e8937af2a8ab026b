"""Provenance: a sheet's credit comes from its list of sources, and additions say so."""

from __future__ import annotations

import json
from html import unescape
import re
from pathlib import Path

from pypdf import PdfReader

from kitoutils.downloads.catalog import KIT_JSON_PATH, sheet_pdf_path
from kitoutils.downloads.text import footer_credit
from kitoutils.intake.loader import load_kit
from kitoutils.model.provenance import ADDITION_LABEL, credit_line
from kitoutils.model.typography import french_typography
from kitoutils.pages.render import render_fiche

from conftest import KIT
from test_loader import problems_of, replace


def test_a_credit_naming_a_source_the_sheet_does_not_list_is_refused(kit_copy: Path):
    line, column = replace(kit_copy / "pilotage.yml", "reprend: fiche-pilotage-2016", "reprend: fiche-pilotage-2015")
    assert problems_of(kit_copy) == [
        f"kit/pilotage.yml:{line}:{column + len('reprend: ')} : le crédit nomme la source « fiche-pilotage-2015 », "
        "que la fiche ne liste pas dans « sources » (sources listées : « fiche-pilotage-2016 ») : "
        "ajoutez-la à la liste ou corrigez l'identifiant"]


def test_a_sheet_without_sources_is_refused(kit_copy: Path):
    path = kit_copy / "amo.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("sources:\n"), text.index("introduction:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = problems_of(kit_copy)
    assert problem.endswith("la clé obligatoire « sources » manque")


def test_an_addition_in_a_sheet_written_for_this_site_is_refused(kit_copy: Path):
    old = "          - id: ne-pas-decouper\n"
    line, _ = replace(kit_copy / "amo.yml", old, old + "            origine: ajout\n")
    [problem] = problems_of(kit_copy)
    assert problem.startswith(f"kit/amo.yml:{line + 1}:22 : « origine: ajout » signale ce qu'une fiche adaptée")


def test_origine_takes_one_value_only(kit_copy: Path):
    replace(kit_copy / "pilotage.yml", "origine: ajout", "origine: nouveau")
    [problem] = problems_of(kit_copy)
    assert "« origine » ne peut valoir que « ajout »" in problem


def test_a_source_address_must_be_a_plain_web_address(kit_copy: Path):
    replace(kit_copy / "democratie-contributive.yml", "adresse: https://fonda.asso.fr/",
            "adresse: javascript://fonda.asso.fr/")
    [problem] = problems_of(kit_copy)
    assert "l'adresse de la source « fonda-232 » doit être une adresse web" in problem


def test_the_page_credit_is_built_from_the_listed_sources_only(kit_copy: Path):
    replace(kit_copy / "amo.yml", "titre: Décret n° 2025-1386 du 29 décembre 2025",
            "titre: Décret du 29 décembre 2025 sur les seuils")
    kit = load_kit(kit_copy)
    page = render_fiche(kit, kit.fiche("amo"))
    credits = page[page.index("## Sources et crédits"):]
    assert "Fiche rédigée pour ce site d’après" in credits
    assert "*Décret du 29 décembre 2025 sur les seuils*" in credits
    assert "2025-1386" not in credits
    assert "En attente de relecture par les éditeurs du kit." in credits


def test_an_adapted_sheet_names_its_source_and_marks_its_additions(built_site: Path):
    kit = load_kit(KIT)
    pilotage = kit.fiche("pilotage")
    html = (built_site / "fiches/pilotage/index.html").read_text(encoding="utf-8")
    credits = html[html.index('id="kit-source"'):]
    assert "reprend, dans ses propres mots, les faits de" in credits
    assert "fiche « Le pilotage »" in credits.replace("\u202f", " ")
    added = {e.id for liste in pilotage.checklists() for e in liste.elements if e.origine == "ajout"}
    assert added, "la fiche « pilotage » signale ses compléments"
    for liste in pilotage.checklists():
        for element in liste.elements:
            item = re.search(rf'<li[^>]*id="{element.id}".*?</li>', html, re.S).group(0)
            assert (french_typography(ADDITION_LABEL) in item) == (element.id in added), element.id


def words(text: str) -> str:
    """Text as laid out on a page or in a PDF: one space for any spacing, no break after a hyphen."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " "))).strip()


def test_page_pdf_and_kit_json_carry_the_same_credit(built_site: Path):
    kit = load_kit(KIT)
    data = json.loads((built_site / KIT_JSON_PATH).read_text(encoding="utf-8"))
    published = {fiche["id"]: fiche for fiche in data["fiches"]}
    for fiche in kit.fiches:
        assert published[fiche.id]["credit"] == credit_line(fiche)
        assert [s["id"] for s in published[fiche.id]["sources"]] == [s.id for s in fiche.sources]
        # Page footers (number and short credit) come between the lines of a paragraph cut by a page end.
        footer = {f"Page {n} sur {m}" for m in range(1, 20) for n in range(1, m + 1)} | {words(footer_credit(fiche))}
        pdf = " ".join(line for page in PdfReader(built_site / sheet_pdf_path(fiche.id)).pages
                       for line in page.extract_text().splitlines() if words(line) not in footer)
        html = (built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8")
        credits = html[html.index('id="kit-source"'):]
        credits = re.sub(r'<span class="kit-terme__infobulle".*?</span>', "", credits, flags=re.S)  # glossary
        page_credits = words(unescape(re.sub(r"<[^>]+>", "", credits)))
        for source in fiche.sources:
            assert words(source.titre) in words(pdf), (fiche.id, source.id)
            assert words(source.titre) in page_credits, (fiche.id, source.id)

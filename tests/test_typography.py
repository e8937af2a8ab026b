"""French typography applied to the kit's texts at load time."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from pypdf import PdfReader

from kitoutils.downloads.catalog import CSV, MARKDOWN, checklist_path, sheet_pdf_path
from kitoutils.intake.loader import load_kit
from kitoutils.model.typography import (
    NARROW_NBSP, NBSP, french_spacing, french_typography, typographic_apostrophes,
)

from conftest import KIT


def test_spaces_that_must_not_break_become_no_break_spaces():
    assert french_spacing("Pourquoi ?") == f"Pourquoi{NARROW_NBSP}?"
    assert french_spacing("Attention ! Oui ; non") == f"Attention{NARROW_NBSP}! Oui{NARROW_NBSP}; non"
    assert french_spacing("le « droit de suite »") == f"le «{NARROW_NBSP}droit de suite{NARROW_NBSP}»"
    assert french_spacing("Phase : préparation") == f"Phase{NBSP}: préparation"


def test_a_run_of_spaces_becomes_one_no_break_space_wherever_it_is():
    assert french_spacing("  ? début") == f"{NARROW_NBSP}? début"
    assert french_spacing("Quoi   ?! Oui  »") == f"Quoi{NARROW_NBSP}?! Oui{NARROW_NBSP}»"
    assert french_spacing("**Phase :** fin :") == f"**Phase{NBSP}:** fin{NBSP}:"
    assert french_spacing("<b>Note :</b> «  oui  »") == f"<b>Note{NBSP}:</b> «{NARROW_NBSP}oui{NARROW_NBSP}»"
    assert french_spacing("a :b, 14 :30") == "a :b, 14 :30"  # a colon inside a word or a time stays


def test_markdown_links_and_times_are_left_alone():
    text = "voir [la fiche](amo.md#missions) à 14:30, https://exemple.fr/a?b=c"
    assert french_spacing(text) == text


def test_loaded_sheets_carry_french_spacing():
    faq = load_kit(KIT).fiche("faq-elus")
    question = faq.questions[0].question
    assert question.endswith(f"{NARROW_NBSP}?")
    assert " ?" not in question


# --- Typographic apostrophe -------------------------------------------------------

def test_a_straight_apostrophe_between_letters_becomes_typographic():
    assert typographic_apostrophes("l'atelier d'aujourd'hui") == "l’atelier d’aujourd’hui"
    assert french_typography("Qu'est-ce que c'est ?") == f"Qu’est-ce que c’est{NARROW_NBSP}?"


def test_code_link_addresses_and_autolinks_keep_their_apostrophes():
    text = "voir `l'id` et [l'AMO](https://exemple.fr/l'amo) ou <https://exemple.fr/d'ici>, 'cité'"
    assert typographic_apostrophes(text) == (
        "voir `l'id` et [l’AMO](https://exemple.fr/l'amo) ou <https://exemple.fr/d'ici>, 'cité'")


def straight_between_letters(text: str) -> list[str]:
    return re.findall(r"\w'\w", text)


def article_text(html: str) -> str:
    """What a reader reads in the article: no tags, scripts, code or attribute values."""
    body = html[html.index("<article"): html.rindex("</article>")]
    body = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", body, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def test_pages_show_typographic_apostrophes(built_site: Path):
    for fiche in load_kit(KIT).fiches:
        text = article_text((built_site / "fiches" / fiche.id / "index.html").read_text(encoding="utf-8"))
        assert "’" in text, fiche.id
        assert straight_between_letters(text) == [], fiche.id
        assert re.search(r"\w [?!;:»]", text) is None, fiche.id  # and no breakable space before them
    glossary = article_text((built_site / "glossaire/index.html").read_text(encoding="utf-8"))
    assert "maître d’ouvrage" in glossary and straight_between_letters(glossary) == []


def test_downloads_show_typographic_apostrophes(built_site: Path):
    fiche = load_kit(KIT).fiche("amo")
    for liste in fiche.checklists():
        for fmt in (CSV, MARKDOWN):  # text as written in the file
            text = (built_site / checklist_path(fiche.id, liste.id, fmt)).read_text(encoding="utf-8-sig")
            assert "’" in text and straight_between_letters(text.split("`")[0]) == [], (liste.id, fmt.key)
    pdf = " ".join(page.extract_text() for page in PdfReader(built_site / sheet_pdf_path(fiche.id)).pages)
    assert "L’assistance à maîtrise d’ouvrage" in pdf and straight_between_letters(pdf) == []

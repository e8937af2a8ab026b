"""French typography applied to the kit's texts at load time."""

from __future__ import annotations

from kitoutils.intake.loader import load_kit
from kitoutils.model.typography import NARROW_NBSP, NBSP, french_spacing

from conftest import KIT


def test_spaces_that_must_not_break_become_no_break_spaces():
    assert french_spacing("Pourquoi ?") == f"Pourquoi{NARROW_NBSP}?"
    assert french_spacing("Attention ! Oui ; non") == f"Attention{NARROW_NBSP}! Oui{NARROW_NBSP}; non"
    assert french_spacing("le « droit de suite »") == f"le «{NARROW_NBSP}droit de suite{NARROW_NBSP}»"
    assert french_spacing("Phase : préparation") == f"Phase{NBSP}: préparation"


def test_markdown_links_and_times_are_left_alone():
    text = "voir [la fiche](amo.md#missions) à 14:30, https://exemple.fr/a?b=c"
    assert french_spacing(text) == text


def test_loaded_sheets_carry_french_spacing():
    faq = load_kit(KIT).fiche("faq-elus")
    question = faq.questions[0].question
    assert question.endswith(f"{NARROW_NBSP}?")
    assert " ?" not in question

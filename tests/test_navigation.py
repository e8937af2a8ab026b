"""Navigation built from the kit stays small however many sheets there are."""

from __future__ import annotations

from dataclasses import replace

from kitoutils.intake.loader import load_kit
from kitoutils.pages.navigation import GROUP_SIZE, sheet_navigation

from conftest import KIT


def test_real_kit_navigation_groups_sheets_by_phase_in_the_kit_s_order():
    nav = sheet_navigation(load_kit(KIT))
    assert [next(iter(entry)) for entry in nav] == ["Préparation", "Conduite des ateliers", "Suites et restitution"]
    preparation = nav[0]["Préparation"]
    # The order kit/vocabulaire.yml gives the phase, not the titles' alphabetical order.
    assert [next(iter(page.values())) for page in preparation] == [
        "fiches/democratie-contributive.md", "fiches/pilotage.md", "fiches/faq-elus.md", "fiches/amo.md"]
    assert all(isinstance(page, dict) and len(page) == 1 for page in preparation)


def test_a_large_phase_is_cut_into_numbered_groups_in_the_kit_s_order():
    kit = load_kit(KIT)
    template = kit.fiche("amo")
    many = tuple(replace(template, id=f"fiche-{i:03d}", titre=f"{chr(65 + i % 26)} fiche {i:03d}")
                 for i in range(200))
    big = replace(kit, fiches=many, files={f.id: f"kit/{f.id}.yml" for f in many})
    [(phase, groups)] = [next(iter(entry.items())) for entry in sheet_navigation(big)]
    assert phase == "Préparation"
    sizes = [len(next(iter(group.values()))) for group in groups]
    assert sum(sizes) == 200 and max(sizes) <= GROUP_SIZE
    labels = [next(iter(group)) for group in groups]
    assert labels[0] == "Fiches 1 à 30" and labels[-1] == "Fiches 181 à 200"
    listed = [path for group in groups for page in next(iter(group.values())) for path in page.values()]
    assert listed == [f"fiches/{f.id}.md" for f in many]

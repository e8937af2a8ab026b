"""The inclusive-writing convention: the forms the verifier flags, where they are."""

from __future__ import annotations

from pathlib import Path

from kitoutils.intake.inclusive import inclusive_findings

from test_loader import problems_of, replace


def test_a_function_written_in_the_masculine_alone_is_flagged_where_it_is(kit_copy: Path):
    old = "texte: Désigner une cheffe ou un chef de projet pour la coordination technique de l'atelier."
    line, column = replace(kit_copy / "pilotage.yml", old,
                           "texte: Désigner un chef de projet pour la coordination technique de l'atelier.")
    assert problems_of(kit_copy) == [
        f"kit/pilotage.yml:{line}:{column + len('texte: Désigner ')} : « un chef de projet » : écrivez les deux "
        "formes en entier, par exemple « une cheffe ou un chef de projet » (convention d'écriture inclusive "
        "du kit, voir CONTRIBUTING.md)"]


def test_point_median_parentheses_and_slash_are_flagged():
    flagged = [f.snippet for f in inclusive_findings("Les élu·e·s, les habitant(e)s et l'animateur/e.")]
    assert flagged == ["élu·e·s", "habitant(e)s", "animateur/e"]


def test_the_full_doublet_and_code_are_accepted():
    assert inclusive_findings("une cheffe ou un chef de projet, la chargée ou le chargé de mission") == []
    assert inclusive_findings("de la cheffe ou du chef de projet ; `un chef de projet` en code") == []
    assert inclusive_findings("une personne référente, l'équipe, les agents") == []

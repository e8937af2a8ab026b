"""Kits of realistic size, for the build benchmark.

A kit of N sheets is the real kit (its vocabulary, glossary, synonyms and
sheets: the hand-written pages link to some of them) completed by synthetic
sheets up to N. Each synthetic sheet has about 5 sections of 150 words and 3
checklists of 8 items, in French with accents, drawn from a fixed seed so
every run builds the same kit.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from kitoutils.intake.loader import GLOSSARY_FILE, SYNONYMS_FILE, VOCABULARY_FILE

WORDS = (
    "démarche prospective participative collectivité élus habitants atelier "
    "comité pilotage équipe projet services supports communication direction "
    "coordination logistique administrative réservation salles invitations "
    "accueil émargement restauration groupes travail résultats restitution "
    "partenaires associations acteurs économiques experts territoire avenir "
    "transition écologique énergétique sociale diagnostic partagé décision "
    "confiance mobilisation réseau calendrier étape lancement bilan suivi "
    "maîtrise ouvrage assistance cahier charges prestataire marché public "
    "budget délai échéance responsable note priorité objectif méthode "
    "animation synthèse contribution retour expérience évaluation qualité "
    "préparer organiser réunir associer informer consulter décider suivre"
).split()

SHEET_HEADER = "# yaml-language-server: $schema=../docs/schemas/fiche.schema.json\n"


def _sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = min(words, rng.randint(10, 18))
        sentences.append(_sentence(rng, length))
        words -= length
    return " ".join(sentences)


def sheet(index: int, sheet_ids: list[str], phases: list[str], publics: list[str]) -> dict:
    """One synthetic sheet as the data of its YAML file."""
    rng = random.Random(index)
    sheet_id = sheet_ids[index]
    sections = []
    for s in range(5):
        section = {
            "id": f"section-{s + 1}",
            "titre": _sentence(rng, 4).rstrip("."),
            "texte": _paragraph(rng, 75) + "\n\n" + _paragraph(rng, 75),
        }
        if s < 3:
            section["listes"] = [{
                "id": f"liste-{s + 1}",
                "titre": _sentence(rng, 4).rstrip("."),
                "elements": [
                    {"id": f"element-{s + 1}-{e + 1}", "texte": _sentence(rng, 12)}
                    for e in range(8)
                ],
            }]
        sections.append(section)
    others = [other for other in rng.sample(sheet_ids, min(4, len(sheet_ids))) if other != sheet_id]
    return {
        "id": sheet_id,
        "titre": f"Fiche {index + 1} : " + _sentence(rng, 3).rstrip("."),
        "resume": _sentence(rng, 25),
        "publics": rng.sample(publics, 2),
        "phase": rng.choice(phases),
        "statut": "a-relire",
        "voir_aussi": others[:3],
        "sources": [{"id": "source", "titre": "Publication " + _sentence(rng, 3).rstrip("."),
                     "editeur": "Éditeur de démonstration", "date": "2026"}],
        "sections": sections,
    }


def write_kit(target: Path, count: int, real_kit: Path) -> Path:
    """Write into target/ (replacing it) the real kit completed to `count` sheets."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(real_kit, target)
    not_sheets = {VOCABULARY_FILE, GLOSSARY_FILE, SYNONYMS_FILE}
    real_sheets = sum(1 for path in target.glob("*.yml") if path.name not in not_sheets)
    if count < real_sheets:
        raise ValueError(f"a kit of {count} sheets cannot hold the real kit's {real_sheets}")
    terms = yaml.safe_load((target / VOCABULARY_FILE).read_text(encoding="utf-8"))
    phases = [t["id"] for t in terms["phases"]]
    publics = [t["id"] for t in terms["publics"]]
    sheet_ids = [f"fiche-{i + 1:04d}" for i in range(count - real_sheets)]
    for index, sheet_id in enumerate(sheet_ids):
        data = sheet(index, sheet_ids, phases, publics)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (target / f"{sheet_id}.yml").write_text(SHEET_HEADER + text, encoding="utf-8")
    return target

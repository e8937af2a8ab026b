"""What French readers type, and where the search must take them.

Each row: the query as typed (with or without accents, inflected, an
abbreviation, two words), the location that must come first (rank 1) or in the
top three (rank 3), and why. Locations are relative to the site's root:
a page ("fiches/amo/"), a section, a checklist item or an FAQ question
("fiches/amo/#verifier-seuil"). Used by tests/test_search_quality.py (every
row must pass) and bench/search_quality.py (ours against Material's default).
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    text: str
    expected: str
    rank: int  # 1: must be the best result; 3: among the three best
    why: str


QUERIES = [
    # Accents, both ways, and case
    Query("elus", "fiches/faq-elus/", 1, "sans accent"),
    Query("élus", "fiches/faq-elus/", 1, "avec accent"),
    Query("ÉLUS", "fiches/faq-elus/", 1, "majuscules accentuées"),
    Query("equipe projet", "fiches/pilotage/#equipe-projet", 3, "sans accent, deux mots"),
    Query("maitrise d'ouvrage", "fiches/amo/", 1, "sans accent circonflexe, élision"),
    Query("maîtrise d’ouvrage", "fiches/amo/", 1, "apostrophe typographique"),
    Query("comite de pilotage", "fiches/pilotage/#creer-copil-ouvert", 3, "sans accent, mot vide"),
    Query("emargement", "fiches/pilotage/#organiser-emargement", 1, "élément de liste, sans accent"),
    Query("legitimite", "fiches/faq-elus/#legitimite-et-democratie-representative", 3, "question de FAQ, sans accent"),
    Query("reserver les salles", "fiches/pilotage/#reserver-salles", 1, "élément de liste, sans accent"),
    Query("transition ecologique", "fiches/faq-elus/#transition-ecologique", 1, "question de FAQ, sans accent"),
    Query("echeance", "fiches/pilotage/#tenir-tableau-suivi", 3, "élément de liste, sans accent"),
    Query("échéance", "fiches/pilotage/#tenir-tableau-suivi", 3, "élément de liste, avec accents"),
    # Inflections
    Query("mobiliser", "fiches/faq-elus/", 1, "verbe ↔ « mobiliser » au titre"),
    Query("mobilisation", "fiches/faq-elus/", 3, "nom ↔ verbe du titre"),
    Query("mobilisés", "fiches/faq-elus/", 3, "participe ↔ verbe"),
    Query("élu", "fiches/faq-elus/", 1, "singulier ↔ pluriel"),
    Query("coordonner", "fiches/pilotage/#coordination-administrative", 3, "verbe ↔ nom (synonymes)"),
    Query("coordination technique", "fiches/pilotage/#designer-chef-de-projet", 3, "élément de liste"),
    Query("restitutions", "fiches/suivi-externe/#choisir-supports-retour", 3, "pluriel d'un mot au singulier"),
    Query("participant", "fiches/faq-elus/#qui-participe", 1, "nom ↔ verbe de la question"),
    Query("convaincre les élus", "fiches/faq-elus/", 3, "deux mots, infinitif"),
    Query("démarches prospectives", "fiches/faq-elus/#pourquoi-la-prospective", 3, "pluriels"),
    Query("évaluer", "fiches/pilotage/#evaluer-besoin-amo", 3, "élément de liste, infinitif"),
    Query("prestataire", "fiches/amo/#consulter-plusieurs-prestataires", 3, "singulier ↔ pluriel"),
    # Abbreviations and synonyms (kit/synonymes.yml)
    Query("AMO", "fiches/amo/", 1, "abréviation"),
    Query("amo", "fiches/amo/", 1, "abréviation en minuscules"),
    Query("assistance maitrise ouvrage", "fiches/amo/", 1, "forme longue sans accent"),
    Query("COPIL", "glossaire/", 1, "abréviation : le glossaire la définit"),
    Query("COPIL", "fiches/suivi-externe/#installer-le-comite", 3, "abréviation ↔ « comité de pilotage »"),
    Query("copil", "fiches/suivi-externe/", 3, "abréviation ↔ comité du suivi externe"),
    Query("CCTP", "fiches/amo/#rediger-cctp", 1, "abréviation, élément de liste"),
    Query("cahier des clauses techniques", "fiches/amo/#rediger-cctp", 3, "début de la forme longue de CCTP"),
    Query("foire aux questions", "fiches/faq-elus/", 1, "forme longue de FAQ"),
    Query("marché public", "fiches/amo/#verifier-seuil", 3, "synonyme de « commande publique »"),
    # Checklist items and FAQ questions link to their own anchor
    Query("combien ca coute", "fiches/faq-elus/#combien-ca-coute", 1, "question de FAQ sans accents"),
    Query("habitants experts", "fiches/faq-elus/#habitants-pas-experts", 1, "question de FAQ"),
    Query("seuil commande publique", "fiches/amo/#verifier-seuil", 1, "élément de liste"),
    Query("droit de suite", "fiches/suivi-externe/#droit-de-suite", 3, "section dont le titre ne le dit pas"),
    Query("invitations", "fiches/pilotage/#envoyer-invitations", 1, "élément de liste"),
    # Several words: the document holding all of them, in whichever field, comes first
    Query("comité ouvert", "fiches/suivi-externe/#installer-le-comite", 1,
          "deux mots au titre de la liste ; un seul au titre « Données ouvertes »"),
    Query("comité ouvert", "fiches/pilotage/#creer-copil-ouvert", 3, "deux mots dans l'élément"),
    Query("pilotage projet", "fiches/pilotage/#pilotage-technique", 1, "deux mots dans la section ; la page de données les contient aussi"),
    Query("suivi externe", "fiches/suivi-externe/", 1, "deux mots du titre"),
    Query("calendrier des réunions", "fiches/suivi-externe/#calendrier-des-reunions", 1, "section, mot vide au milieu"),
    Query("accueil des participants", "fiches/pilotage/#organiser-accueil", 3, "élément de liste, deux mots"),
    Query("lettre de commande", "fiches/pilotage/#rediger-pieces-commande", 3, "élément de liste, singulier ↔ pluriel"),
    Query("argumentaire élus", "fiches/pilotage/#preparer-argumentaire", 3, "un mot au titre, l'autre dans le texte"),
    Query("données ouvertes", "donnees-ouvertes/", 3, "la page technique reste trouvable par son titre"),
]

# Pages of data and code identifiers: the search ranks them after the content,
# so none of them is among the three best results of a query for a sheet.
DATA_PAGES = ("donnees-ouvertes/",)


def is_data_page(location: str) -> bool:
    return location.split("#")[0] in DATA_PAGES


def is_content_query(query: Query) -> bool:
    return query.expected.startswith("fiches/")

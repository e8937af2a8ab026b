"""The content model of the kit: what a sheet is made of.

Each dataclass field carries its French label, description and constraints in
`field(metadata=...)`. The same declarations drive the validator that turns
YAML nodes into these objects (`intake/validate.py`), the JSON Schema that
editors' tools use to complete keys (`model/schema.py`), the web editor's
form (`editor/config.py`) and the files' canonical layout (`intake/layout.py`). Keys in YAML are the
field names: French words without accents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .fields import spec

@dataclass(frozen=True)
class Element:
    """One action of a checklist, that a reader ticks."""

    id: str = spec("Identifiant stable de l'élément (ne jamais le changer une fois publié).",
                   label="Identifiant", identifier=True)
    # An item is one cell of the fillable PDF's table, which cannot run over a page.
    texte: str = spec("L'action à cocher, en une phrase (Markdown en ligne accepté).", label="Texte", markdown=True,
                      max_length=1000)
    origine: str | None = spec(
        "« ajout » quand ce texte complète la source reprise par la fiche (affiché « Complément au "
        "kit d'origine ») ; absent quand il en reprend les faits.", label="Origine", default=None,
        reference="origines")


# kw_only: fields keep the order editors write them in (the canonical layout
# and the editor's form follow it), optional ones among required ones.
@dataclass(frozen=True, kw_only=True)
class Liste:
    """A checklist."""

    id: str = spec("Identifiant stable de la liste, unique dans la fiche.", label="Identifiant", identifier=True)
    titre: str = spec("Titre de la liste.", label="Titre")
    introduction: str | None = spec("Phrase d'introduction de la liste (Markdown).", label="Introduction",
                                    default=None, markdown=True)
    elements: tuple[Element, ...] = spec("Les actions de la liste, dans l'ordre.", label="Éléments",
                                         item_label="élément", min_items=1)


@dataclass(frozen=True)
class Section:
    """A titled part of a sheet, with its text and its checklists."""

    id: str = spec("Identifiant stable de la section, unique dans la fiche.", label="Identifiant", identifier=True)
    titre: str = spec("Titre de la section.", label="Titre")
    texte: str = spec("Texte de la section (Markdown).", label="Texte", markdown=True)
    listes: tuple[Liste, ...] = spec("Listes à cocher de la section.", label="Listes à cocher",
                                     item_label="liste", default=())
    origine: str | None = spec(
        "« ajout » quand ce texte complète la source reprise par la fiche (affiché « Complément au "
        "kit d'origine ») ; absent quand il en reprend les faits.", label="Origine", default=None,
        reference="origines")


@dataclass(frozen=True)
class Question:
    """A question of the FAQ, with its short answer and its arguments."""

    id: str = spec("Identifiant stable de la question, unique dans la fiche.", label="Identifiant", identifier=True)
    question: str = spec("La question, telle qu'un élu ou une direction la pose.", label="Question")
    reponse: str = spec("Réponse courte (Markdown).", label="Réponse", markdown=True)
    arguments: tuple[str, ...] = spec("Arguments à l'appui de la réponse.", label="Arguments",
                                      item_label="argument", default=(), markdown=True)
    origine: str | None = spec(
        "« ajout » quand ce texte complète la source reprise par la fiche (affiché « Complément au "
        "kit d'origine ») ; absent quand il en reprend les faits.", label="Origine", default=None,
        reference="origines")


@dataclass(frozen=True)
class Source:
    """A publication the sheet's facts come from; the credit line is built from these only."""

    id: str = spec("Identifiant de la source, unique dans la fiche (par exemple « fiche-pilotage-2016 »).",
                   label="Identifiant", identifier=True)
    titre: str = spec("Titre de la source (publication, page, article de loi).", label="Titre")
    editeur: str = spec("Qui la publie : auteurs, organisme ou site.", label="Éditeur")
    date: str = spec("Date de publication ou de version (par exemple « juin 2016 »).", label="Date")
    adresse: str | None = spec("Adresse web de la source (https://…), quand elle en a une.", label="Adresse",
                               default=None)


@dataclass(frozen=True, kw_only=True)
class Fiche:
    """A sheet of the kit: one YAML file in kit/, one page of the site."""

    id: str = spec("Identifiant de la fiche : le nom du fichier sans « .yml ». Ne le changez pas.",
                   label="Identifiant", identifier=True)
    titre: str = spec("Titre de la fiche.", label="Titre")
    resume: str = spec("Résumé en une ou deux phrases (page d'accueil, description de la page).",
                       label="Résumé", paragraph=True)
    publics: tuple[str, ...] = spec("Publics visés (termes du vocabulaire).", label="Publics",
                                    reference="publics", min_items=1)
    phase: str = spec("Phase de la démarche (terme du vocabulaire).", label="Phase", reference="phases")
    statut: str = spec("Statut éditorial (terme du vocabulaire).", label="Statut éditorial", reference="statuts")
    voir_aussi: tuple[str, ...] = spec("Identifiants des fiches liées.", label="Voir aussi",
                                       default=(), reference="fiches")
    sources: tuple[Source, ...] = spec(
        "Les sources de la fiche : la ligne de crédit de la page, du PDF et de kit.json est faite "
        "de cette liste, et d'elle seule.", label="Sources", item_label="source", min_items=1)
    reprend: str | None = spec(
        "Identifiant de la source dont la fiche reprend les faits (fiche adaptée du kit d'origine) ; "
        "absent pour une fiche rédigée pour ce site.", label="Source reprise", default=None, reference="sources")
    introduction: str | None = spec("Introduction de la fiche (Markdown).", label="Introduction",
                                    default=None, markdown=True)
    sections: tuple[Section, ...] = spec("Les sections de la fiche, dans l'ordre.", label="Sections",
                                         item_label="section", min_items=1)
    questions: tuple[Question, ...] = spec("Questions de la foire aux questions.", label="Questions",
                                           item_label="question", default=())
    situations: tuple[str, ...] = spec(
        "Situations de lecteur pour lesquelles cette fiche est le bon point de départ, à la "
        "première personne (« Je dois convaincre des élus ») : elles forment « Par où "
        "commencer ? » sur la page d'accueil.", label="Par où commencer ?", item_label="situation",
        default=())

    def checklists(self) -> list[Liste]:
        return [liste for section in self.sections for liste in section.listes]

    def source_reprise(self) -> Source | None:
        """The source the sheet is adapted from, or None for a sheet written for this site."""
        return next((s for s in self.sources if s.id == self.reprend), None)


@dataclass(frozen=True)
class Terme:
    """A term of the controlled vocabulary."""

    id: str = spec("Identifiant du terme.", label="Identifiant", identifier=True)
    libelle: str = spec("Libellé affiché aux lecteurs.", label="Libellé")
    description: str | None = spec("Explication du terme.", label="Description", default=None, paragraph=True)


@dataclass(frozen=True)
class Phase(Terme):
    """A phase of the approach: a term of the vocabulary that also orders its sheets."""

    fiches: tuple[str, ...] = spec(
        "Ordre des fiches dans la phase : leurs identifiants, la première en tête. Les fiches "
        "de la phase qui n'y sont pas viennent ensuite, par ordre alphabétique de titre ; un "
        "identifiant sans fiche est ignoré.", label="Ordre des fiches", item_label="fiche", default=())


@dataclass(frozen=True)
class Role:
    """Someone who takes part in the approach, shown in the « Qui fait quoi » diagram."""

    id: str = spec("Identifiant du rôle.", label="Identifiant", identifier=True)
    libelle: str = spec("Nom du rôle affiché aux lecteurs.", label="Libellé")
    mission: str = spec("Ce que fait ce rôle dans la démarche, en une phrase.", label="Mission")


@dataclass(frozen=True)
class Vocabulaire:
    """The controlled vocabulary of kit/vocabulaire.yml."""

    publics: tuple[Terme, ...] = spec("Publics des fiches.", label="Publics", item_label="public", min_items=1)
    phases: tuple[Phase, ...] = spec(
        "Phases de la démarche, dans leur ordre : il ordonne les fiches partout sur le site.",
        label="Phases", item_label="phase", min_items=1)
    statuts: tuple[Terme, ...] = spec("Statuts éditoriaux des fiches.", label="Statuts éditoriaux",
                                      item_label="statut", min_items=1)
    roles: tuple[Role, ...] = spec(
        "Qui fait quoi dans la démarche : le premier rôle est celui qui coordonne, au centre du schéma.",
        label="Rôles", item_label="rôle", default=(),
    )

    def terms(self, name: str) -> dict[str, Terme]:
        return {terme.id: terme for terme in getattr(self, name)}


@dataclass(frozen=True)
class Synonyme:
    """A group of expressions that the site's search takes as one."""

    id: str = spec("Identifiant stable du groupe.", label="Identifiant", identifier=True)
    termes: tuple[str, ...] = spec(
        "Expressions équivalentes : une abréviation et sa forme longue, ou deux mots "
        "que la recherche ne rapproche pas d'elle-même.", label="Expressions", item_label="expression",
        min_items=2)


@dataclass(frozen=True)
class Synonymes:
    """The synonyms and abbreviations of kit/synonymes.yml."""

    synonymes: tuple[Synonyme, ...] = spec("Groupes d'expressions équivalentes pour la recherche.",
                                           label="Groupes de synonymes", item_label="groupe", min_items=1)


@dataclass(frozen=True)
class Definition:
    """A term of the glossary, explained on its page and at its first use on every page."""

    id: str = spec("Identifiant stable du terme (ancre de la page « Glossaire »).", label="Identifiant",
                   identifier=True)
    terme: str = spec("Le terme tel que le glossaire l'affiche.", label="Terme")
    definition: str = spec("Explication du terme en une ou deux phrases (texte simple, lu dans l'infobulle).",
                           label="Définition", paragraph=True)
    formes: tuple[str, ...] = spec(
        "Façons dont le terme s'écrit dans les textes (une abréviation, sa forme longue) ; "
        "par défaut, le terme seul. Une forme n'appartient qu'à un seul terme.", label="Formes",
        item_label="forme", default=())

    def forms(self) -> tuple[str, ...]:
        return self.formes or (self.terme,)


@dataclass(frozen=True)
class Glossaire:
    """The glossary of kit/glossaire.yml."""

    termes: tuple[Definition, ...] = spec("Les termes du glossaire.", label="Termes", item_label="terme",
                                          min_items=1)


@dataclass(frozen=True)
class Kit:
    """The whole validated kit."""

    vocabulaire: Vocabulaire
    fiches: tuple[Fiche, ...]  # in the kit's order (model/order.py), which every page and file follows
    files: dict[str, str]  # sheet id -> path of its YAML file, relative to the project
    # YAML file -> ISO date of its last commit (None: changes not committed yet);
    # None outside a git checkout. Read by git_history.py.
    historique: dict[str, str | None] | None = None
    synonymes: tuple[Synonyme, ...] = ()  # from kit/synonymes.yml, for the site's search
    glossaire: tuple[Definition, ...] = ()  # from kit/glossaire.yml (optional)

    def fiche(self, fiche_id: str) -> Fiche:
        return self._fiches_by_id[fiche_id]

    @cached_property
    def _fiches_by_id(self) -> dict[str, Fiche]:
        # Every sheet's page looks up the sheets it links to: a scan each time
        # would grow with the square of the kit.
        return {f.id: f for f in self.fiches}

    def by_phase(self) -> list[tuple[Phase, list[Fiche]]]:
        """Sheets grouped by phase, in the vocabulary's order, empty phases left out."""
        groups = []
        for phase in self.vocabulaire.phases:
            fiches = [f for f in self.fiches if f.phase == phase.id]
            if fiches:
                groups.append((phase, fiches))
        return groups

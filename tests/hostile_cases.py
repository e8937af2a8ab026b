"""Hostile edits of kit/, by class of issue 11 (the ways the old checks were bypassed).

Each case is one edit of one field: `old` is a line of the base file (a sheet,
amo.yml or faq-elus.yml, copied under a name of its own; or the vocabulary),
`new` what replaces it. A case is either refused by the checks (located in
its own file) or built and shown harmless in Chromium: the tests accept both,
and check each. Every bypass found later becomes a case here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Lines of kit/amo.yml and kit/faq-elus.yml that the cases replace.
TITRE = "titre: L'assistance à maîtrise d'ouvrage (AMO)"
RESUME = "  Faut-il se faire accompagner par une assistance à maîtrise d'ouvrage ?"
SECTION_TITRE = "    titre: Ce qu'est une AMO, et ce qu'elle n'est pas"
TEXTE = "      L'assistance à maîtrise d'ouvrage est un conseil extérieur qui aide la"
TEXTE_INDENT = "      "
LISTE_TITRE = "        titre: Comparer les besoins et les compétences internes"
ELEMENT = "            texte: Lister les compétences dont la démarche aura besoin à chaque étape."
SOURCE_EDITEUR = "    editeur: ARENE Île-de-France, avec Groupe Re-Sources"
QUESTION = "    question: Pourquoi y consacrer du temps ?"  # faq-elus.yml
# Lines of kit/vocabulaire.yml.
LIBELLE_PUBLIC = "    libelle: Élus"
LIBELLE_DIRECTION = "    libelle: Direction générale"
DESCRIPTION_PHASE = "    description: Décider de la démarche, l'organiser et réunir les moyens."
MISSION_ROLE = "    mission: Coordonne la démarche sur le plan technique et anime l'équipe projet."
LIBELLE_ROLE = "    libelle: Cheffe ou chef de projet\n    mission: Coordonne"


@dataclass(frozen=True)
class Case:
    klass: int
    name: str
    old: str
    new: str
    base: str = "amo.yml"  # "amo.yml", "faq-elus.yml" or "vocabulaire.yml"

    @property
    def sheet_id(self) -> str:
        return f"h{self.klass}-{self.name}"


def quoted(line: str, value: str) -> str:
    """The line's key with a new single-quoted value."""
    key = line.split(":", 1)[0]
    return f"{key}: '" + value.replace("'", "''") + "'"


def in_text(*lines: str) -> str:
    """Lines put at the start of a section's text (a literal block), as a paragraph of their own."""
    return "".join(TEXTE_INDENT + line + "\n" for line in lines) + "\n" + TEXTE


def as_item(value: str) -> str:
    return quoted(ELEMENT, value)


CASES = [
    # 1. Code spans paired otherwise than the renderer pairs them.
    Case(1, "deux-contre-un", TEXTE, in_text("``a` <img src=x onerror=alert(1)>")),
    Case(1, "a-la-ligne", TEXTE, in_text("`a", "b` <svg onload=alert(1)>")),
    Case(1, "echappe", TEXTE, in_text("\\`<img src=x onerror=alert(1)>`")),
    Case(1, "element", ELEMENT, as_item("``x` <img src=x onerror=alert(1)> `")),
    Case(1, "inoffensif", TEXTE, in_text("La balise `<script>` s'écrit entre accents graves.")),
    # 2. Attribute lists that start with a plain word.
    Case(2, "bloc", TEXTE, in_text("Un paragraphe", "{: x onclick=alert(1) }")),
    Case(2, "en-ligne", TEXTE, in_text("*a*{ x onmouseover=alert(1) }")),
    Case(2, "style", TEXTE, in_text("**b**{ x style=position:fixed;inset:0 }")),
    Case(2, "titre-dans-texte", TEXTE, in_text("## Titre { autofocus onfocus=alert(1) }")),
    Case(2, "element", ELEMENT, as_item("*a*{ x onmouseover=alert(1) }")),
    Case(2, "milieu", TEXTE, in_text("Un texte {: onclick=alert(1) } au milieu reste du texte.")),
    # 3. javascript: links the old link pattern missed.
    Case(3, "crochets-imbriques", TEXTE, in_text("[a [b] c](javascript:alert(1))")),
    Case(3, "texte-sur-deux-lignes", TEXTE, in_text("[a", "b](javascript:alert(1))")),
    Case(3, "reference-ligne-suivante", TEXTE, in_text("[x][r]", "", "[r]:", "    javascript:alert(1)")),
    Case(3, "majuscules", TEXTE, in_text("[x](JaVaScRiPt:alert(1))")),
    Case(3, "entite", TEXTE, in_text("[x](&#x6A;avascript:alert(1))")),
    Case(3, "element", ELEMENT, as_item("[a [b] c](javascript:alert(1))")),
    Case(3, "adresse-source", SOURCE_EDITEUR, SOURCE_EDITEUR + "\n    adresse: javascript:alert(1)"),
    # 4. Images from another site.
    Case(4, "reference", TEXTE, in_text("![x][i]", "", "[i]: https://evil.example/p.png")),
    Case(4, "reference-ligne-suivante", TEXTE, in_text("![x][i]", "", "[i]:", "  https://evil.example/p.png")),
    Case(4, "sans-schema", TEXTE, in_text("![x](//evil.example/p.png)")),
    Case(4, "element", ELEMENT, as_item("![x](https://evil.example/p.png)")),
    # 5. Plain-text fields that Markdown would read as markup.
    Case(5, "titre-section", SECTION_TITRE, quoted(SECTION_TITRE, "Titre { autofocus onfocus=alert(1) }")),
    Case(5, "titre-fiche", TITRE, quoted(TITRE, "Fiche {: autofocus onfocus=alert(1) }")),
    Case(5, "titre-liste", LISTE_TITRE, quoted(LISTE_TITRE, "Liste {: #x onfocus=alert(1) autofocus }")),
    Case(5, "resume", RESUME, "  Résumé {: autofocus onfocus=alert(1) } et [lien](javascript:alert(1))"),
    Case(5, "question", QUESTION, quoted(QUESTION, "Question { autofocus onfocus=alert(1) }"), "faq-elus.yml"),
    Case(5, "source-editeur", SOURCE_EDITEUR, quoted(SOURCE_EDITEUR, "*x*{ onmouseover=alert(1) } ![i](https://evil.example/i.png)")),
    Case(5, "libelle-public", LIBELLE_PUBLIC, quoted(LIBELLE_PUBLIC, "Élus { autofocus onfocus=alert(1) }"), "vocabulaire.yml"),
    Case(5, "description-phase", DESCRIPTION_PHASE,
         quoted(DESCRIPTION_PHASE, "Phase {: autofocus onfocus=alert(1) } !!! note"), "vocabulaire.yml"),
    Case(5, "mission-role", MISSION_ROLE, quoted(MISSION_ROLE, "Rôle { onclick=alert(1) } & <b"), "vocabulaire.yml"),
    # 6. Plain-text fields that would end an HTML attribute.
    Case(6, "resume-refresh", RESUME,
         "  Résumé\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/"),
    Case(6, "titre-guillemets", TITRE, quoted(TITRE, "Titre\" onmouseover=\"alert(1)")),
    Case(6, "adresse-source", SOURCE_EDITEUR,
         SOURCE_EDITEUR + "\n" + quoted("    adresse:", 'https://x.example/" onmouseover="alert(1)')),
    Case(6, "titre-entites", TITRE, quoted(TITRE, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;")),
    Case(6, "titre-liste", LISTE_TITRE, quoted(LISTE_TITRE, "Liste\" data-module=\"x\" onclick=\"alert(1)")),
    Case(6, "libelle-public", LIBELLE_DIRECTION, quoted(LIBELLE_DIRECTION, "Direction\" onmouseover=\"alert(1)"),
         "vocabulaire.yml"),
    Case(6, "libelle-role", LIBELLE_ROLE,
         quoted("    libelle:", "Chef</text><script>alert(1)</script>") + "\n    mission: Coordonne", "vocabulaire.yml"),
    # 8. What the build would refuse (PDF markup, search index): the verifier first, or built.
    Case(8, "emphase-croisee", ELEMENT, as_item("*a **b* c**")),
    Case(8, "emphase-ouverte", ELEMENT, as_item("**a *b <c & d")),
    Case(8, "element-trop-long", ELEMENT, as_item("Très long élément. " * 200)),
    Case(8, "titre-liste-attributs", LISTE_TITRE, quoted(LISTE_TITRE, "Liste {: #x data-search-exclude }")),
    # 9. Input hygiene inside a file (the folder's cases are tests of their own).
    Case(9, "echappement-nul", TITRE, 'titre: "Titre \\0"'),
    Case(9, "echappement-escape", TITRE, 'titre: "Titre \\x1b[31m rouge"'),
    Case(9, "non-caractere", TITRE, 'titre: "Titre \\uFFFE"'),
    Case(9, "bidi-echappe", TITRE, 'titre: "Titre \\u202Eevil"'),
    Case(9, "bidi-brut", TITRE, "titre: Titre \u202eevil"),
    Case(9, "surrogat", TITRE, 'titre: "Titre \\ud800"'),
]

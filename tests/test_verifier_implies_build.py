"""What the build would refuse, the verifier refuses first (issue 11, class 8).

The PDF step (reportlab's paragraph markup, a table cell that must fit a
page) and the search index's step used to fail with English messages and no
file:line. Now: emphasis that reportlab could not read is shown plain, an
item too long for a PDF cell is refused by the verifier with the limit, and a
property checks on generated sheets that `kit verifier` passing means
`mkdocs build --strict` passing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import KIT, copy_project, mkdocs_build
from kitoutils.downloads.pdf_form import build_pdf_form
from kitoutils.downloads.sheet_pdf import build_sheet_pdf
from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Element
from kitoutils.model.fields import field_rules
from kitoutils.model.problems import KitInvalid

ITEM_LIMIT = next(rule.max_length for rule in field_rules(Element) if rule.name == "texte")
QUICK_BUILD = {"KIT_SANS_TELECHARGEMENTS": "1", "KIT_SANS_HORS_LIGNE": "1"}


def sheet(identifier: str, titre: str, texte: str, items: list[str], liste_titre: str = "Une liste") -> dict:
    return {
        "id": identifier, "titre": titre, "resume": "Un résumé.", "publics": ["elus"],
        "phase": "preparation", "statut": "a-relire",
        "sources": [{"id": "source", "titre": "Une source", "editeur": "Un éditeur", "date": "2026"}],
        "sections": [{"id": "section", "titre": "Une section", "texte": texte, "listes": [{
            "id": "liste", "titre": liste_titre,
            "elements": [{"id": f"e{n}", "texte": item} for n, item in enumerate(items)],
        }]}],
    }


def write_sheet(kit_dir: Path, data: dict) -> None:
    (kit_dir / f"{data['id']}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def pdfs_of(kit_dir: Path, sheet_id: str) -> None:
    kit = load_kit(kit_dir)
    fiche = kit.fiche(sheet_id)
    build_sheet_pdf(kit, fiche)
    for liste in fiche.checklists():
        build_pdf_form(fiche, liste, 946684800)


@pytest.mark.parametrize("item", [
    "*a **b* c**",  # crossed emphasis: <i>…<b>…</i>…</b> for reportlab
    "**a *b <c & d",
    "_a __b_ c__ `d` [e](https://example.org)",
    "Un élément au plus long permis. " * (ITEM_LIMIT // 32),  # just under the limit
    "x" * ITEM_LIMIT,  # one word, as long as permitted
])
def test_items_the_verifier_accepts_make_their_pdfs(kit_copy, item):
    write_sheet(kit_copy, sheet("essai", "*Titre **croisé* aussi**", "Texte.", [item, item]))
    pdfs_of(kit_copy, "essai")


def test_an_item_too_long_for_a_pdf_cell_is_refused_with_the_limit(kit_copy):
    write_sheet(kit_copy, sheet("essai", "Titre", "Texte.", ["mot " * 300]))
    with pytest.raises(KitInvalid) as caught:
        load_kit(kit_copy)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("kit/essai.yml", problem.line) and problem.line > 1
    assert f"(1199 caractères, {ITEM_LIMIT} au plus" in problem.message
    assert "découpez-le en plusieurs éléments" in problem.message


# Texts made mostly of words, with every character that means something in Markdown.
MARKUP = st.sampled_from(list("*_`[](){}<>#!|&\"'\\:-+.=~^") + ["**", "{: ", "](", "<b>", "&#106;", "\n", "\n\n"])
WORD = st.text(alphabet="abcdéèàçœ ", min_size=1, max_size=8)
TEXT = st.lists(st.one_of(WORD, WORD, MARKUP), min_size=1, max_size=25).map("".join)


def explicit(titre: str) -> bool:
    return titre in ("Titre {: #x onclick=y } *a **b* c**", "# !!! note")


@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# What used to pass the verifier and then break the build (PDF markup, search index).
@example(titre="Titre {: #x onclick=y } *a **b* c**", texte="*a **b* c** {: .x }\n\n- [x](amo.md) | y |",
         liste_titre="Liste {: #x data-search-exclude }", items=["*a **b* c**", "**=1+1** `{: x}`"])
@example(titre="# !!! note", texte="!!! note \"x\"\n    *y*\n\n| a | b |\n|---|---|\n| 1 | 2 |",
         liste_titre="[l](javascript:x) > b", items=["\\`x` <https://example.org>", "a & b &amp; c"])
@given(titre=TEXT, texte=TEXT, liste_titre=TEXT, items=st.lists(TEXT, min_size=1, max_size=3))
def test_property_verifier_passing_means_the_build_passes(tmp_path_factory, titre, texte, liste_titre, items):
    project = tmp_path_factory.mktemp("projet")
    shutil.rmtree(project)
    copy_project(project)
    data = sheet("generee", titre.strip() or "t", texte.strip() or "t", [i.strip() or "i" for i in items],
                 liste_titre.strip() or "l")
    write_sheet(project / "kit", data)
    try:
        load_kit(project / "kit")
    except KitInvalid:
        assert not explicit(titre), "an explicit example must pass the verifier, or it proves nothing"
        return  # refused by the verifier: nothing is promised of the build
    result = mkdocs_build(project, project / "site", environment=QUICK_BUILD)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / "site" / "fiches" / "generee" / "index.html").is_file()
    pdfs_of(project / "kit", "generee")  # the downloads' PDFs, left out of this quick build


# --- Plain text and Markdown reach the PDF and the ODT as text, never as their markup ---------

MARKUP_AS_TEXT = 'A & B < C > D "q" </para> &amp;'


def test_pdf_and_odt_show_markup_characters_as_text():
    """Even texts the verifier would refuse (« </para> »): the downloads escape on their own."""
    import dataclasses
    import io
    import zipfile

    from pypdf import PdfReader

    from kitoutils.downloads.odt import build_odt

    kit = load_kit(KIT)
    fiche = kit.fiche("amo")
    liste = fiche.sections[2].listes[0]
    liste = dataclasses.replace(liste, titre=MARKUP_AS_TEXT, elements=(
        dataclasses.replace(liste.elements[0], texte=MARKUP_AS_TEXT + " *vu*"),))
    section = dataclasses.replace(fiche.sections[2], titre=MARKUP_AS_TEXT, listes=(liste,))
    fiche = dataclasses.replace(fiche, titre=MARKUP_AS_TEXT, sections=(section,))
    for pdf in (build_sheet_pdf(kit, fiche), build_pdf_form(fiche, fiche.checklists()[0], 946684800)):
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "A & B < C > D" in text and "</para>" in text and "&amp;" in text
    with zipfile.ZipFile(io.BytesIO(build_odt(fiche, fiche.checklists()[0], 946684800))) as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "A &amp; B &lt; C &gt; D" in content and "&lt;/para&gt;" in content and "&amp;amp;" in content

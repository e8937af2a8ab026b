"""The parts written for this site (« origine: ajout ») carry their mention in
every download, read back as its users' programs read it, on exactly the
marked parts: the credit line of each download refers readers to it."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

import markdown
from pypdf import PdfReader

from kitoutils.downloads.csv_file import build_csv
from kitoutils.downloads.markdown_file import build_markdown
from kitoutils.downloads.ods import build_ods
from kitoutils.downloads.odt import build_odt
from kitoutils.downloads.pdf_form import build_pdf_form
from kitoutils.downloads.sheet_pdf import build_sheet_pdf
from kitoutils.downloads.table import HEADER
from kitoutils.downloads.text import plain_inline
from kitoutils.intake.loader import load_kit
from kitoutils.model.content import Element, Liste
from kitoutils.settings import DEFAULT_EPOCH

from conftest import ADDITION_MENTION, KIT, marked, normalized

KIT_DATA = load_kit(KIT)
PILOTAGE = KIT_DATA.fiche("pilotage")
ADDITIONS = next(liste for liste in PILOTAGE.checklists() if liste.id == "suivi-administratif")
MARKED = {element.id for element in ADDITIONS.elements if element.origine == "ajout"}
# A sheet whose sections, questions and items all come from the 2016 kit.
PLAIN = KIT_DATA.fiche("amo")
ODF = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _marked_here(fiche) -> bool:
    parts = [*fiche.sections, *fiche.questions, *(e for liste in fiche.checklists() for e in liste.elements)]
    return any(part.origine for part in parts)


def test_the_kit_has_a_list_mixing_additions_and_kit_items_and_a_sheet_without():
    assert MARKED and len(MARKED) < len(ADDITIONS.elements)
    assert not _marked_here(PLAIN) and PLAIN.checklists()


def _action(element: Element) -> str:
    """The Action cell a person should read: the action, then the mention for an addition."""
    return marked(plain_inline(element.texte), element)


# --- Spreadsheets: the mention ends the Action cell, the columns stay the same.

def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_marks_the_action_cell_of_each_addition_and_keeps_its_columns():
    rows = _csv_rows(build_csv(PILOTAGE, ADDITIONS))
    assert tuple(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == [_action(e) for e in ADDITIONS.elements]
    marked = {row[HEADER.index("element")] for row in rows[1:] if row[0].endswith(ADDITION_MENTION)}
    assert marked == MARKED
    assert all(row[1:5] == ["", "", "", ""] for row in rows[1:])


def _ods_item_rows(data: bytes) -> tuple[ElementTree.Element, list[ElementTree.Element]]:
    content = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
    rows = content.find(".//table:table", ODF).findall(".//table:table-row", ODF)
    return content, rows[2:]  # after the title and the column names


def test_ods_action_cells_are_the_csv_cells_the_mention_muted():
    data = build_ods(PILOTAGE, ADDITIONS, DEFAULT_EPOCH)
    content, rows = _ods_item_rows(data)
    cells = [row.findall("table:table-cell", ODF) for row in rows]
    assert [["".join(c.itertext()) for c in row] for row in cells] == _csv_rows(build_csv(PILOTAGE, ADDITIONS))[1:]
    spans = {element.id: cell[0].findall(".//text:span", ODF) for element, cell in zip(ADDITIONS.elements, cells)}
    assert {id_ for id_, found in spans.items() if found} == MARKED
    style_names = {span.get(f"{{{ODF['text']}}}style-name") for found in spans.values() for span in found}
    assert all(span.text == ADDITION_MENTION for found in spans.values() for span in found)
    (style_name,) = style_names
    style = next(s for s in content.iter(f"{{{ODF['style']}}}style") if s.get(f"{{{ODF['style']}}}name") == style_name)
    colour = style.find("style:text-properties", ODF).get(f"{{{ODF['fo']}}}color")
    assert colour and colour.lower() not in ("#000000", "#1f2340")  # muted, not the text's ink


# --- ODT: the mention after the action, small and muted, in its cell.

def test_odt_marks_each_addition_in_its_action_cell():
    content = ElementTree.fromstring(
        zipfile.ZipFile(io.BytesIO(build_odt(PILOTAGE, ADDITIONS, DEFAULT_EPOCH))).read("content.xml"))
    rows = content.find(".//table:table", ODF).findall(".//table:table-row", ODF)[1:]
    actions = [row.findall("table:table-cell", ODF)[1] for row in rows]
    assert [normalized("".join(cell.itertext())) for cell in actions] == [
        normalized(_action(e)) for e in ADDITIONS.elements]
    marked = {e.id for e, cell in zip(ADDITIONS.elements, actions) if cell.find(".//text:span", ODF) is not None}
    assert marked == MARKED
    # Only the mention is in the span: the action keeps the cell's own style.
    assert all(normalized("".join(span.itertext())) == ADDITION_MENTION
               for cell in actions for span in cell.iter(f"{{{ODF['text']}}}span"))
    # The form's check boxes are named for the action alone.
    assert not any("Complément" in value for element in content.iter() for value in element.attrib.values())


# --- Markdown: the mention in italics at the end of the task.

def test_markdown_tasks_end_with_the_mention_in_italics_for_additions_only():
    text = build_markdown(PILOTAGE, ADDITIONS).decode("utf-8")
    tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == len(ADDITIONS.elements)
    suffix = f" *{ADDITION_MENTION}*"
    assert {e.id for e, task in zip(ADDITIONS.elements, tasks) if task.endswith(suffix)} == MARKED
    assert sum(line.count(ADDITION_MENTION) for line in text.splitlines()) == len(MARKED)
    # As a Markdown program shows it: the mention in italics, after the item's text.
    html = markdown.markdown(text)
    for element in ADDITIONS.elements:
        if element.id in MARKED:
            assert f"{element.texte.strip()} <em>{ADDITION_MENTION}</em></li>" in html


# --- The fillable PDF: the mention is tagged text of the item's LBody, in its action's paragraph.

def _tagged_texts(reader: PdfReader) -> tuple[list[tuple[object, str]], str]:
    """The text of each marked content with its structure element, and the text outside them (artifacts)."""
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    parents = dict(zip(numbers[::2], numbers[1::2]))
    tagged: list[tuple[object, str]] = []
    untagged = []
    for page in reader.pages:
        elements = parents[page["/StructParents"]].get_object()
        stack: list[int | None] = []
        texts: dict[int, str] = {}

        def before(operator, operands, cm, tm):
            if operator == b"BDC":
                properties = operands[1]
                is_content = operands[0] != "/Artifact" and hasattr(properties, "get")
                stack.append(properties.get("/MCID") if is_content else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC":
                stack.pop()

        def shown(text, cm, tm, font, size):
            mcid = stack[-1] if stack else None
            if mcid is None:
                untagged.append(text)
            else:
                texts[mcid] = texts.get(mcid, "") + text

        page.extract_text(visitor_operand_before=before, visitor_text=shown)
        tagged += [(elements[mcid].get_object(), text) for mcid, text in sorted(texts.items())]
    return tagged, "".join(untagged)


def _roles(element) -> list[str]:
    """The roles from a structure element up to the Document."""
    roles = []
    while element.get("/S") is not None:
        roles.append(element["/S"])
        element = element["/P"].get_object()
    return roles


def _item_of(element):
    while element.get("/S") not in ("/LI", None):
        element = element["/P"].get_object()
    return element.indirect_reference.idnum if element.get("/S") == "/LI" else None


def test_fillable_pdf_tags_the_mention_in_the_items_of_additions_only():
    reader = PdfReader(io.BytesIO(build_pdf_form(PILOTAGE, ADDITIONS, DEFAULT_EPOCH)))
    tagged, untagged = _tagged_texts(reader)
    assert ADDITION_MENTION not in normalized(untagged)  # never an artifact (the footer's credit has « … »)
    items = []  # each LI's texts, in order
    for element, text in tagged:
        item = _item_of(element)
        if item is not None:
            if not items or items[-1][0] != item:
                items.append((item, []))
            items[-1][1].append((element, normalized(text)))
    assert len(items) == len(ADDITIONS.elements)
    for element, (_, texts) in zip(ADDITIONS.elements, items):
        with_mention = [(struct, text) for struct, text in texts if ADDITION_MENTION in text]
        if element.id in MARKED:
            # One paragraph of the item's body holds the action and its mention, in this order.
            ((struct, text),) = with_mention
            assert _roles(struct)[:4] == ["/P", "/LBody", "/LI", "/L"]
            assert text == normalized(_action(element))
        else:
            assert with_mention == []
    others = [text for element, text in tagged if _item_of(element) is None]
    assert not any(ADDITION_MENTION in normalized(text) for text in others)
    # Never in a field: no value, no name, no accessible name says it.
    for annotation in (a.get_object() for page in reader.pages for a in page.get("/Annots", [])):
        assert "Complément" not in " ".join(str(annotation.get(key, "")) for key in ("/T", "/TU", "/V"))


def test_fillable_pdf_of_a_sheet_without_additions_has_no_mention():
    for liste in PLAIN.checklists():
        text = normalized(" ".join(page.extract_text() for page in
                                   PdfReader(io.BytesIO(build_pdf_form(PLAIN, liste, DEFAULT_EPOCH))).pages))
        assert ADDITION_MENTION not in text


def test_a_hostile_addition_keeps_its_escaping_in_the_pdfs():
    element = Element(id="piege", texte="<b>x</b> & **gras *croisé** fin* </font>", origine="ajout")
    liste = Liste(id="piege", titre="Piège", elements=(element,))
    text = normalized(" ".join(page.extract_text() for page in
                               PdfReader(io.BytesIO(build_pdf_form(PILOTAGE, liste, DEFAULT_EPOCH))).pages))
    # Markup shown as typed (crossed emphasis is left as written), then the mention.
    assert normalized(f"{element.texte} {ADDITION_MENTION}") in text


# --- The sheet PDF: after each marked item, section title and question; nowhere else.

def _sheet_text(fiche) -> str:
    return normalized(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(build_sheet_pdf(KIT_DATA, fiche))).pages))


def test_sheet_pdf_marks_the_items_written_for_this_site():
    text = _sheet_text(PILOTAGE)
    for liste in PILOTAGE.checklists():
        for element in liste.elements:
            assert normalized(_action(element)) in text
            if element.origine != "ajout":
                assert normalized(f"{plain_inline(element.texte)} {ADDITION_MENTION}") not in text
    assert text.count(ADDITION_MENTION) == len(MARKED)


def test_sheet_pdf_marks_a_section_title_and_a_question_written_for_this_site():
    fiche = KIT_DATA.fiche("faq-elus")
    assert fiche.questions and len(fiche.sections) >= 2
    section, question = fiche.sections[0], fiche.questions[-1]
    fiche = replace(fiche, sections=(replace(section, origine="ajout"), *fiche.sections[1:]),
                    questions=(*fiche.questions[:-1], replace(question, origine="ajout")))
    text = _sheet_text(fiche)
    assert normalized(f"{section.titre} {ADDITION_MENTION}") in text
    assert normalized(f"{question.question} {ADDITION_MENTION}") in text
    assert text.count(ADDITION_MENTION) == 2


def test_a_sheet_without_additions_shows_no_mention_in_any_download():
    # (Its credit line may name « Complément au kit d'origine » in quotes, for sources of additions.)
    assert ADDITION_MENTION not in _sheet_text(PLAIN)
    for liste in PLAIN.checklists():
        assert ADDITION_MENTION not in build_csv(PLAIN, liste).decode("utf-8")
        assert ADDITION_MENTION not in build_markdown(PLAIN, liste).decode("utf-8")
        for build in (build_odt, build_ods):
            content = zipfile.ZipFile(io.BytesIO(build(PLAIN, liste, DEFAULT_EPOCH))).read("content.xml")
            assert normalized(ADDITION_MENTION) not in normalized(content.decode("utf-8"))

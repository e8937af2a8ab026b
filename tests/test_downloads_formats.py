"""Each download format read back as its users' programs would read it."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

import page
import pytest
from pypdf import PdfReader, PdfWriter

from kitoutils.downloads.csv_file import build_csv, formula_safe
from kitoutils.downloads.markdown_file import build_markdown
from kitoutils.downloads.ods import build_ods, printed_lines, row_height, sheet_name
from kitoutils.downloads.odt import build_odt
from kitoutils.downloads.pdf_form import build_pdf_form
from kitoutils.downloads.sheet_pdf import build_sheet_pdf
from kitoutils.downloads.text import plain_inline, source_credit
from kitoutils.intake.loader import load_kit
from kitoutils.settings import DEFAULT_EPOCH
from kitoutils.model.content import Element, Liste
from kitoutils.model.typography import french_spacing

from conftest import ADDITION_MENTION, KIT, marked, normalized

KIT_DATA = load_kit(KIT)
CHECKLISTS = [(fiche, liste) for fiche in KIT_DATA.fiches for liste in fiche.checklists()]
IDS = [f"{fiche.id}/{liste.id}" for fiche, liste in CHECKLISTS]
ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "form": "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}
FILL_SUFFIXES = ("fait", "responsable", "echeance", "note")


def pdf_text(reader: PdfReader) -> str:
    return normalized(" ".join(page.extract_text() for page in reader.pages))


def test_the_kit_has_checklists_to_test():
    assert len(CHECKLISTS) >= 8


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_fillable_pdf_has_a_checkbox_and_three_text_fields_per_item(fiche, liste):
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    fields = reader.get_fields()
    expected = {f"{element.id}__{suffix}" for element in liste.elements for suffix in FILL_SUFFIXES}
    assert set(fields) == expected
    for element in liste.elements:
        box = fields[f"{element.id}__fait"]
        assert box["/FT"] == "/Btn"
        assert box.get("/V", "/Off") == "/Off"
        for suffix in FILL_SUFFIXES[1:]:
            assert fields[f"{element.id}__{suffix}"]["/FT"] == "/Tx"
    # Every field is a widget on a page, with its accessible name (tooltip).
    widgets = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])]
    assert sorted(w["/T"] for w in widgets) == sorted(expected)
    action = plain_inline(liste.elements[0].texte)
    tooltips = {w["/T"]: w["/TU"] for w in widgets}
    assert tooltips[f"{liste.elements[0].id}__fait"] == f"Fait : {action}"
    assert tooltips[f"{liste.elements[0].id}__echeance"] == f"Échéance : {action}"


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_fillable_pdf_text_metadata_and_language(fiche, liste):
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    text = pdf_text(reader)
    assert normalized(liste.titre) in text
    assert normalized(fiche.titre) in text
    if liste.introduction:
        assert normalized(plain_inline(liste.introduction)) in text
    for element in liste.elements:
        assert normalized(plain_inline(element.texte)) in text, element.id
    for label in ("Fait", "Responsable", "Échéance", "Note"):
        assert text.count(label) >= len(liste.elements), label  # a visible label by every field
    total = len(reader.pages)
    assert f"Page {total} sur {total}" in text
    # The credit line, built from the sheet's sources, as on its page.
    assert normalized(source_credit(fiche)) in text
    assert reader.metadata.title == f"{liste.titre} — {fiche.titre}"
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_fillable_pdf_embeds_its_fonts_and_has_french_glyphs():
    fiche = KIT_DATA.fiche("pilotage")
    liste = Liste(id="typo", titre="Œuvres « citées » : l’été", elements=(
        Element(id="oe", texte="Cœur, sœur et œuvre ; « guillemets » et apostrophe ’ : été à Noël."),
    ))
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    text = pdf_text(reader)
    assert "Œuvres « citées » : l’été" in text
    assert "Cœur, sœur et œuvre ; « guillemets » et apostrophe ’ : été à Noël." in text
    # The page's text is in Vera subsets embedded in the file; Helvetica, one of
    # the 14 fonts every reader has, only serves what is typed in the fields.
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    vera = [font for font in fonts if "KitSans" in font["/BaseFont"]]
    assert len(vera) >= 2  # regular and bold
    for font in vera:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    assert all(font["/BaseFont"] in ("/Helvetica", *(f["/BaseFont"] for f in vera)) for font in fonts)
    assert reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/Helv"]["/BaseFont"] == "/Helvetica"


def _widgets(reader: PdfReader) -> list:
    return [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])]


def _size(widget) -> tuple[float, float]:
    left, bottom, right, top = (float(v) for v in widget["/Rect"])
    return abs(right - left), abs(top - bottom)


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_fillable_pdf_fields_are_big_enough_for_hands_and_a_sentence(fiche, liste):
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    multiline = 1 << 12
    for widget in _widgets(reader):
        name = widget["/T"]
        width, height = _size(widget)
        if name.endswith("__note"):
            assert int(widget.get("/Ff", 0)) & multiline, name
            assert height >= 28 and width >= 150, (name, width, height)
            assert " 0 Tf" in widget["/DA"], name  # automatic size: a long note shrinks to fit
        elif name.endswith("__fait"):
            assert min(width, height) >= 17, (name, width, height)  # 6 mm, a box to tick by hand
        else:
            assert not int(widget.get("/Ff", 0)) & multiline, name
            assert height >= 18, (name, width, height)


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_fillable_pdf_is_tagged_pdf_ua(fiche, liste):
    report = page.validate_pdf_bytes(build_pdf_form(fiche, liste, DEFAULT_EPOCH), profile="ua1")
    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.rules.total >= 100
    assert report.is_compliant, failures


def test_the_pdf_ua_checker_refuses_an_untagged_form():
    # The same kind of form without a structure tree, as reportlab writes it: the check can fail.
    from reportlab.pdfgen.canvas import Canvas
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Responsable")
    canvas.acroForm.textfield(name="responsable", x=72, y=680, width=200, height=22)
    canvas.save()
    report = page.validate_pdf_bytes(buffer.getvalue(), profile="ua1")
    assert not report.is_compliant
    assert any("StructTreeRoot" in failure.message for failure in report.failures)


def test_a_200_character_note_typed_with_pypdf_is_kept_whole(tmp_path):
    fiche = KIT_DATA.fiche("pilotage")
    liste = fiche.checklists()[0]
    note = ("Validé en comité de direction du 3/12, à confirmer par arrêté ; budget voté, prestataire à choisir "
            "après l'avis des services techniques et la réunion publique de janvier prochain, en salle du conseil.")
    assert len(note) == 200
    name = f"{liste.elements[0].id}__note"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH))))
    for page_ in writer.pages:
        writer.update_page_form_field_values(page_, {name: note})
    saved = tmp_path / "note.pdf"
    with saved.open("wb") as out:
        writer.write(out)
    reader = PdfReader(saved)
    assert reader.get_fields()[name]["/V"] == note
    # The appearance pypdf drew holds every word, on lines that fit the box.
    widget = next(w for w in _widgets(reader) if w["/T"] == name)
    drawn = widget["/AP"]["/N"].get_object().get_data().decode("latin-1")
    lines = re.findall(r"\((.*?)\) Tj", drawn)
    assert len(lines) >= 2
    assert normalized(" ".join(lines)).encode("latin-1").decode("cp1252") == note


def test_long_checklist_spans_pages_with_numbers_and_every_field():
    fiche = KIT_DATA.fiche("pilotage")
    elements = tuple(Element(id=f"action-{n}", texte=f"Action numéro {n} à mener, décrite en une phrase assez longue "
                                                   "pour occuper deux lignes dans la colonne.") for n in range(40))
    liste = Liste(id="longue", titre="Une longue liste", elements=elements)
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} sur {total}" in normalized(page.extract_text())
        assert page.get("/Annots"), f"page {number} has no fields"
    assert len(reader.get_fields()) == 4 * len(elements)


def test_fill_a_pdf_save_and_read_the_values_back(tmp_path):
    fiche = KIT_DATA.fiche("pilotage")
    liste = fiche.checklists()[0]
    first, second = liste.elements[0].id, liste.elements[1].id
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH))))
    values = {
        f"{first}__fait": "/Yes",
        f"{first}__responsable": "Hélène Lefèvre",
        f"{first}__echeance": "30 sept. 2026",
        f"{first}__note": "Validé en comité de direction « COPIL »",
    }
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    saved = tmp_path / "rempli.pdf"
    with saved.open("wb") as out:
        writer.write(out)
    fields = PdfReader(saved).get_fields()
    assert fields[f"{first}__fait"]["/V"] == "/Yes"
    assert fields[f"{first}__responsable"]["/V"] == "Hélène Lefèvre"
    assert fields[f"{first}__echeance"]["/V"] == "30 sept. 2026"
    assert fields[f"{first}__note"]["/V"] == "Validé en comité de direction « COPIL »"
    assert fields[f"{second}__fait"].get("/V", "/Off") == "/Off"
    assert not fields[f"{second}__responsable"].get("/V")


def test_fillable_pdf_checkbox_has_the_yes_state_readers_toggle():
    fiche = KIT_DATA.fiche("pilotage")
    liste = fiche.checklists()[0]
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    widget = next(a.get_object() for a in reader.pages[0]["/Annots"]
                  if a.get_object()["/T"] == f"{liste.elements[0].id}__fait")
    assert set(widget["/AP"]["/N"].keys()) == {"/Yes", "/Off"}


def _struct_kids(element) -> list:
    kids = element.get("/K", [])
    return [kid.get_object() for kid in (kids if isinstance(kids, list) else [kids])]


def _struct_descendants(element, role: str) -> list:
    found = []
    for kid in _struct_kids(element):
        if hasattr(kid, "get") and kid.get("/Type") != "/OBJR" and "/S" in kid:
            found += [kid] if kid["/S"] == role else _struct_descendants(kid, role)
    return found


def test_fillable_pdf_structure_is_a_list_of_items_each_with_its_four_fields():
    """What a screen reader walks: title, list of items, each item's fields in
    Form elements pointing at their widgets (and back, by the parent tree), in
    the structure's order (tab order), then the credit."""
    fiche = KIT_DATA.fiche("pilotage")
    liste = max(fiche.checklists(), key=lambda liste: len(liste.elements))
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    assert len(reader.pages) >= 2  # an item list across pages stays one list
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    tree = root["/StructTreeRoot"]
    document = tree["/K"].get_object()
    assert document["/S"] == "/Document"
    parts = _struct_kids(document)
    roles = [part["/S"] for part in parts]
    assert roles[:2] == ["/P", "/H1"] and roles[-1] == "/P" and roles.count("/L") == 1
    items = _struct_kids(parts[roles.index("/L")])
    assert [item["/S"] for item in items] == ["/LI"] * len(liste.elements)
    numbers = tree["/ParentTree"]["/Nums"]
    parents = dict(zip(numbers[::2], numbers[1::2]))
    for element, item in zip(liste.elements, items):
        assert [kid["/S"] for kid in _struct_kids(item)] == ["/Lbl", "/LBody"]
        names = []
        for form in _struct_descendants(item, "/Form"):
            (reference,) = _struct_kids(form)
            assert reference["/Type"] == "/OBJR"
            widget = reference["/Obj"].get_object()
            names.append(widget["/T"])
            assert parents[widget["/StructParent"]].idnum == form.indirect_reference.idnum
        assert names == [f"{element.id}__{suffix}" for suffix in FILL_SUFFIXES]
    assert all(page_["/Tabs"] == "/S" for page_ in reader.pages)


def test_fillable_pdf_footer_keeps_the_page_number_on_one_line_beside_a_long_credit():
    fiche = max(KIT_DATA.fiches, key=lambda fiche: len(source_credit(fiche)))
    elements = tuple(Element(id=f"action-{n}", texte=f"Action numéro {n} à mener.") for n in range(12))
    liste = Liste(id="longue", titre="Une liste de deux pages", elements=elements)
    reader = PdfReader(io.BytesIO(build_pdf_form(fiche, liste, DEFAULT_EPOCH)))
    total = len(reader.pages)
    assert total >= 2
    for number, page_ in enumerate(reader.pages, start=1):
        text = page_.extract_text()
        assert any(f"Page {number} sur {total}" in line for line in text.splitlines()), text[-300:]
        assert normalized(source_credit(fiche)) in normalized(text)  # whole on every page, never cut


@pytest.mark.parametrize("fiche", KIT_DATA.fiches, ids=[f.id for f in KIT_DATA.fiches])
def test_sheet_pdf_holds_the_whole_sheet(fiche):
    reader = PdfReader(io.BytesIO(build_sheet_pdf(KIT_DATA, fiche)))
    text = pdf_text(reader)
    assert normalized(fiche.titre) in text
    for section in fiche.sections:
        assert normalized(section.titre) in text
        for liste in section.listes:
            assert normalized(liste.titre) in text
            for element in liste.elements:
                assert normalized(plain_inline(element.texte)) in text, element.id
    for question in fiche.questions:
        assert normalized(question.question) in text
        for argument in question.arguments:
            assert normalized(plain_inline(argument)) in text
    # Markdown became layout: no markers, link targets or bullets left as typed.
    assert "**" not in text and "](" not in text and ".md)" not in text
    total = len(reader.pages)
    assert f"Page 1 sur {total}" in text and f"Page {total} sur {total}" in text
    assert reader.metadata.title == fiche.titre
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    assert reader.get_fields() is None  # printable: nothing to fill on screen


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_odt_holds_the_table_with_a_check_box_control_per_item(fiche, liste):
    package = zipfile.ZipFile(io.BytesIO(build_odt(fiche, liste, DEFAULT_EPOCH)))
    assert package.namelist()[0] == "mimetype"
    assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert package.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    content = ElementTree.fromstring(package.read("content.xml"))
    table = content.find(".//table:table", ODF)
    rows = table.findall(".//table:table-row", ODF)
    cells = lambda row: ["".join(c.itertext()) for c in row.findall("table:table-cell", ODF)]
    assert cells(rows[0]) == ["Fait", "Action", "Responsable", "Échéance", "Note"]
    assert [normalized(cells(row)[1]) for row in rows[1:]] == [
        normalized(marked(plain_inline(e.texte), e)) for e in liste.elements]
    assert all(cells(row)[2:] == ["", "", ""] for row in rows[1:])
    boxes = content.findall(".//form:checkbox", ODF)
    assert [box.get(f"{{{ODF['form']}}}name") for box in boxes] == [f"{e.id}__fait" for e in liste.elements]
    controls = [row.find(".//draw:control", ODF) for row in rows[1:]]
    assert [c.get(f"{{{ODF['draw']}}}control") for c in controls] == [
        box.get(f"{{{ODF['form']}}}id") for box in boxes]
    meta = ElementTree.fromstring(package.read("meta.xml"))
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert meta.find(f".//{dc}title").text == f"{liste.titre} — {fiche.titre}"
    assert meta.find(f".//{dc}language").text == "fr-FR"
    styles = package.read("styles.xml").decode("utf-8")
    assert 'fo:language="fr"' in styles and "<text:page-count" in styles


# Markup, both quotes and characters XML cannot hold, in every text an ODF file shows.
HOSTILE = "<b>x</b> & \"a\" 'b' ]]> \x01\x0b\ufffe fin"
HOSTILE_SHOWN = "<b>x</b> & \"a\" 'b' ]]> \ufffd\ufffd\ufffd fin"  # as the reader sees it


@pytest.mark.parametrize("fmt", ["odt", "ods"])
def test_odf_files_show_hostile_text_as_text(fmt):
    fiche, liste = CHECKLISTS[0]
    liste = replace(liste, titre=HOSTILE, introduction=HOSTILE,
                    elements=(replace(liste.elements[0], texte=HOSTILE), *liste.elements[1:]))
    fiche = replace(fiche, titre=HOSTILE)
    build = build_odt if fmt == "odt" else build_ods
    data = build(fiche, liste, DEFAULT_EPOCH)
    assert data == build(fiche, liste, DEFAULT_EPOCH)  # same input, same bytes
    package = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: ElementTree.fromstring(package.read(name)) for name in ("content.xml", "styles.xml", "meta.xml")}
    # No element came from the text: every one is in an OpenDocument namespace.
    assert all(element.tag.startswith("{") for root in parts.values() for element in root.iter())
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert parts["meta.xml"].find(f".//{dc}title").text == f"{HOSTILE_SHOWN} — {HOSTILE_SHOWN}"
    content = parts["content.xml"]
    first_row = content.find(".//table:table", ODF).findall("table:table-row", ODF)[0 if fmt == "odt" else 1]
    cells = ["".join(cell.itertext()) for cell in first_row.findall("table:table-cell", ODF)]
    if fmt == "odt":
        assert cells[1] == HOSTILE_SHOWN
        box = content.find(".//form:checkbox", ODF)
        assert box.get(f"{{{ODF['form']}}}title") == f"Fait : {HOSTILE_SHOWN}"
    else:
        assert cells[0] == HOSTILE_SHOWN
        table = content.find(".//table:table", ODF)
        # The tab's name: the title without what sheet names refuse ([]*?:/\\), white space collapsed.
        assert table.get(f"{{{ODF['table']}}}name") == "<b>x< b> & \"a\" 'b' > \ufffd \ufffd fin"


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_csv_has_bom_header_and_one_row_per_item_in_reading_order(fiche, liste):
    data = build_csv(fiche, liste)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data)
    assert rows[0] == ["Action", "Fait", "Responsable", "Échéance", "Note", "fiche", "liste", "element"]
    assert len(rows) == 1 + len(liste.elements)
    for row, element in zip(rows[1:], liste.elements):
        assert row == [marked(plain_inline(element.texte), element), "", "", "", "", fiche.id, liste.id, element.id]


# Item texts a spreadsheet would run as formulas, and what the CSV cell must say.
FORMULA_CASES = [
    ('=HYPERLINK("http://exemple.invalid";"Cliquez")', '\'=HYPERLINK("http://exemple.invalid";"Cliquez")'),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("**=1+1**", "'=1+1"),  # Markdown rendered first: bold markers hide the « = »
    ("*+cmd|' /C calc'!A0*", "'+cmd|' /C calc'!A0"),
    ("`=1+1`", "'=1+1"),
    ("[=2*3](https://exemple.invalid)", "'=2*3"),  # a link keeps only its text
    ("Vérifier = 1+1 et - 2", "Vérifier = 1+1 et - 2"),  # only a cell's first character counts
]


@pytest.mark.parametrize(("texte", "cell"), FORMULA_CASES, ids=[case for case, _ in FORMULA_CASES])
def test_csv_cells_never_start_a_formula(texte, cell):
    liste = Liste(id="formules", titre="Formules", elements=(Element(id="piege", texte=texte),))
    rows = read_csv(build_csv(KIT_DATA.fiches[0], liste))
    assert rows[1][0] == cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_safe_prefixes_every_formula_start(start):
    # Tab and carriage return cannot start an item (texts are put on one line, trimmed): tested here.
    assert formula_safe(start + "1+1") == "'" + start + "1+1"
    assert formula_safe("a" + start + "1") == "a" + start + "1"


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_ods_has_a_title_row_then_the_csv_rows(fiche, liste):
    package = zipfile.ZipFile(io.BytesIO(build_ods(fiche, liste, DEFAULT_EPOCH)))
    assert package.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    content = ElementTree.fromstring(package.read("content.xml"))
    table = content.find(".//table:table", ODF)
    rows = table.findall(".//table:table-row", ODF)
    values = [["".join(c.itertext()) for c in row.findall("table:table-cell", ODF)] for row in rows]
    assert liste.titre in values[0][0] and fiche.titre in values[0][0]
    assert values[1:] == read_csv(build_csv(fiche, liste))
    # The column names are the header repeated on each printed page.
    header = table.find("table:table-header-rows", ODF)
    assert ["".join(c.itertext()) for c in header.iter(f"{{{ODF['table']}}}table-cell")][0] == "Action"
    # Each « Fait » cell offers the list of values.
    done = [row.findall("table:table-cell", ODF)[1] for row in rows[2:]]
    names = {cell.get(f"{{{ODF['table']}}}content-validation-name") for cell in done}
    validation = content.find(".//table:content-validation", ODF)
    assert names == {validation.get(f"{{{ODF['table']}}}name")}
    assert '"oui";"non"' in validation.get(f"{{{ODF['table']}}}condition")


@pytest.mark.parametrize(("titre", "name"), [
    ("Constituer l'équipe projet", "Constituer l'équipe projet"),
    ("'Cité' : [a/b] * c ? d\\e'", "Cité' a b c d e"),  # no quote at either end
    ("Une liste dont le titre dépasse largement trente et un caractères", "Une liste dont le titre dépasse"),
    ("[?]", "vide"),
])
def test_sheet_name_is_the_list_title_as_a_spreadsheet_allows(titre, name):
    assert sheet_name(Liste(id="vide", titre=titre, elements=(Element(id="a", texte="A"),))) == name


@pytest.mark.parametrize(("fiche", "liste"), CHECKLISTS, ids=IDS)
def test_markdown_is_a_task_list(fiche, liste):
    text = build_markdown(fiche, liste).decode("utf-8")
    assert text.startswith(f"# {liste.titre}\n")
    tasks = [line[len("- [ ] "):] for line in text.splitlines() if line.startswith("- [ ] ")]
    # Each item as written, with French typography's no-break spaces (as on the page), and the
    # mention in italics after an addition (test_downloads_additions.py).
    assert [task.removesuffix(f" *{ADDITION_MENTION}*") for task in tasks] == [
        french_spacing(" ".join(e.texte.split())) for e in liste.elements]
    assert f"`{liste.id}`" in text and f"`{fiche.id}`" in text


def test_ods_item_rows_are_as_high_as_their_printed_lines():
    assert printed_lines("Court.", 12) == 1
    # 12 cm hold about 65 characters of 10 pt text.
    assert printed_lines("mot " * 20, 12) == 2
    assert printed_lines("mot " * 40, 12) == 3
    assert printed_lines("x" * 100, 12) == 2  # a word longer than a line is cut (500 pt in 327 pt)
    assert float(row_height(2).removesuffix("cm")) > float(row_height(1).removesuffix("cm")) + 0.4

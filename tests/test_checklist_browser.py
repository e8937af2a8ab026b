"""Checklists in a real browser: fill in, keep, export, import, share, print.

Each test drives Debian's Chromium on the built site as a reader would.
The checklist used is « Constituer l'équipe projet » of the pilotage sheet.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import StaticServer, axe_violations, load_axe, copy_project, free_port, mkdocs_build

SHEET = "fiches/pilotage/"
LIST = 'div[data-liste="equipe-projet"]'
FIRST = "designer-chef-de-projet"
KEY = "kit-democratie-contributive|/|pilotage|equipe-projet"  # the site's prefix, then sheet and list
ITEMS = ["designer-chef-de-projet", "associer-services-thematiques", "associer-services-supports",
         "associer-communication"]
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@contextlib.contextmanager
def fresh_profile(browser, init_script: str | None = None, **options):
    """A page in a new browser profile: its own, empty localStorage."""
    ctx = browser.new_context(locale="fr-FR", accept_downloads=True, **options)
    if init_script:
        ctx.add_init_script(init_script)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def checklist(page):
    return page.locator(LIST)


def open_details(page, element: str) -> None:
    """Click « Ajouter des précisions » on an item, as a reader does, unless its details show."""
    toggle = page.locator(f'li[data-element="{element}"] .kit-checklist__precisions')
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def open_actions(page, root=None) -> None:
    """Unfold a checklist's actions (« Enregistrer, imprimer ou partager cette liste »)."""
    actions = (root or checklist(page)).locator("details.kit-checklist__outils")
    if actions.get_attribute("open") is None:
        actions.locator("summary").click()


def fill(page, element: str, *, fait: bool = True, responsable: str = "", echeance: str = "", note: str = ""):
    if fait:
        page.check(f"#case-{element}")
    if responsable or echeance or note:
        open_details(page, element)
    if responsable:
        page.fill(f"#kit-responsable-{element}", responsable)
    if echeance:
        page.fill(f"#kit-echeance-{element}", echeance)
    if note:
        page.fill(f"#kit-note-{element}", note)


def state(page) -> dict:
    """What the reader sees in the checklist, item by item."""
    return page.evaluate("""(selector) => Object.fromEntries(
        [...document.querySelectorAll(selector + ' li[data-element]')].map(li => [li.dataset.element, {
            fait: li.querySelector('input[type=checkbox]').checked,
            responsable: li.querySelector('[data-champ=responsable]').value,
            echeance: li.querySelector('[data-champ=echeance]').value,
            note: li.querySelector('[data-champ=note]').value}]))""", LIST)


def normalized_text(text: str) -> str:
    return " ".join(text.split())


def stored(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def export(page, label: str):
    """Click an export button; return the file's name and bytes."""
    open_actions(page)
    with page.expect_download() as info:
        checklist(page).get_by_role("button", name=label, exact=True).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def import_file(page, name: str, content: bytes | str):
    if isinstance(content, str):
        content = content.encode("utf-8")
    open_actions(page)
    with page.expect_file_chooser() as chooser:
        checklist(page).get_by_role("button", name="Ouvrir une copie").click()
    chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content})


def progress_text(page) -> str:
    return checklist(page).locator(".kit-checklist__compte").inner_text()


def test_ticked_and_typed_state_survives_a_reload(page, site_url):
    page.goto(site_url + SHEET)
    assert progress_text(page) == "Aucun fait sur 4"
    fill(page, FIRST, responsable="Marie Durand", echeance="2026-12-15", note="Voir avec la DGS")
    fill(page, "associer-communication")
    bar = checklist(page).get_by_role("progressbar")
    assert bar.get_attribute("aria-label") == "Avancement de la liste « Constituer l’équipe projet »"
    assert progress_text(page) == "2 faits sur 4"
    assert checklist(page).locator("[aria-live=polite]").inner_text() == "2 faits sur 4"
    before = state(page)

    page.reload()
    assert state(page) == before
    assert before[FIRST] == {"fait": True, "responsable": "Marie Durand", "echeance": "2026-12-15",
                             "note": "Voir avec la DGS"}
    assert progress_text(page) == "2 faits sur 4"
    assert bar.evaluate("b => b.value") == 2
    # Keys carry the site's own prefix, then the sheet and list ids.
    assert KEY in stored(page)


def test_a_second_tab_sees_the_change(context, site_url):
    first, second = context.new_page(), context.new_page()
    first.goto(site_url + SHEET)
    second.goto(site_url + SHEET)
    fill(first, FIRST, responsable="Karim")
    second.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")
    assert second.input_value(f"#kit-responsable-{FIRST}") == "Karim"
    assert progress_text(second) == "1 fait sur 4"
    second.uncheck(f"#case-{FIRST}")
    first.wait_for_function("!document.querySelector('#case-designer-chef-de-projet').checked")


def test_state_comes_back_after_the_back_forward_cache(page, site_url):
    page.goto(site_url + SHEET)
    page.goto(site_url + "a-propos/")
    # Meanwhile, another tab of the same profile ticks an item.
    other = page.context.new_page()
    other.goto(site_url + SHEET)
    fill(other, FIRST)
    other.close()
    page.go_back()
    page.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")


def changed_kit(project: Path) -> None:
    """Reorder the list, reword one item, remove one and add one."""
    path = project / "kit" / "pilotage.yml"
    fiche = yaml.safe_load(path.read_text(encoding="utf-8"))
    liste = next(l for s in fiche["sections"] for l in s.get("listes", []) if l["id"] == "equipe-projet")
    elements = {e["id"]: e for e in liste["elements"]}
    elements["associer-communication"]["texte"] = "Associer dès le début le service communication."
    liste["elements"] = [
        elements["associer-communication"],
        {"id": "presenter-demarche-aux-agents", "texte": "Présenter la démarche aux agents."},
        elements["associer-services-thematiques"],
        elements[FIRST],
    ]
    path.write_text(yaml.safe_dump(fiche, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_saved_state_follows_ids_when_the_sheet_changes(context, built_site, tmp_path):
    port = free_port()
    server = StaticServer(built_site, port)
    page = context.new_page()
    page.goto(server.url + SHEET)
    fill(page, FIRST, responsable="Marie")
    fill(page, "associer-services-supports", responsable="Paul", note="Devis demandé")
    fill(page, "associer-communication", fait=False, note="Voir le plan média")
    server.close()

    project = copy_project(tmp_path / "project")
    changed_kit(project)
    result = mkdocs_build(project, tmp_path / "site", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    server = StaticServer(tmp_path / "site", port)  # same origin: same localStorage
    try:
        page.reload()
        ids = checklist(page).locator("li[data-element]").evaluate_all("lis => lis.map(li => li.dataset.element)")
        assert ids == ["associer-communication", "presenter-demarche-aux-agents", "associer-services-thematiques",
                       FIRST]
        seen = state(page)
        assert seen[FIRST] == {"fait": True, "responsable": "Marie", "echeance": "", "note": ""}
        assert seen["associer-communication"]["note"] == "Voir le plan média"
        assert not any(s["fait"] or s["note"] for s in (seen["presenter-demarche-aux-agents"],
                                                         seen["associer-services-thematiques"]))
        assert progress_text(page) == "1 fait sur 4"
        new = page.locator("#presenter-demarche-aux-agents .kit-checklist__nouveau")
        assert new.inner_text() == "nouveau"
        assert checklist(page).locator(".kit-checklist__nouveau").count() == 1
        notice = checklist(page).locator(".kit-checklist__avis")
        assert "a changé depuis l'enregistrement de votre progression" in notice.inner_text()
        assert "1 élément nouveau" in notice.inner_text()
        assert "1 élément retiré" in notice.inner_text()
        assert axe_in(page, LIST) == []

        # The removed item's entry is kept and exported under « éléments retirés ».
        _, markdown = export(page, "Texte")
        text = markdown.decode("utf-8")
        removed_part = text.split("## Éléments retirés")[1]
        assert "- [x] Associer les services supports." in removed_part
        assert "Responsable : Paul" in removed_part and "Note : Devis demandé" in removed_part
        assert "Associer dès le début le service communication." in text.split("## Éléments retirés")[0]
        _, raw = export(page, "Enregistrer une copie (fichier)")
        removed = [e for e in json.loads(raw)["elements"] if e["retire"]]
        assert [e["id"] for e in removed] == ["associer-services-supports"]

        # Seen once, the new item is no longer « nouveau » on the next visit.
        page.locator("#presenter-demarche-aux-agents").scroll_into_view_if_needed()
        page.wait_for_function("""() => JSON.parse(Object.entries(localStorage).find(([k]) =>
            k.endsWith('|pilotage|equipe-projet'))[1]).connus.includes('presenter-demarche-aux-agents')""")
        page.reload()
        assert checklist(page).locator(".kit-checklist__nouveau").count() == 0
        assert "1 élément retiré" in notice.inner_text()
        notice.get_by_role("button", name="J'ai pris connaissance des changements").click()
        assert notice.is_hidden()
        page.reload()
        assert notice.is_hidden()
        _, markdown = export(page, "Texte")
        assert "Devis demandé" in markdown.decode("utf-8").split("## Éléments retirés")[1]
    finally:
        server.close()


def test_each_export_is_downloaded_with_its_content(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie; Durand", echeance="2026-12-15", note='Dit "oui"')
    fill(page, "associer-communication", fait=False, note="=1+1")
    today = page.evaluate("new Date().toLocaleDateString('sv')")  # the reader's local date, as AAAA-MM-JJ

    name, markdown = export(page, "Texte")
    assert name == f"pilotage_equipe-projet_{today}.md"
    text = markdown.decode("utf-8")
    assert text.startswith("# Le pilotage interne — Constituer l’équipe projet\n")
    assert "1 fait sur 4" in text
    assert ("- [x] Désigner une cheffe ou un chef de projet pour la coordination technique de l’atelier.\n"
            "  - Responsable : Marie; Durand\n  - Échéance : 15/12/2026\n  - Note : Dit \"oui\"\n") in text
    assert "- [ ] Associer les services techniques concernés par le thème retenu pour la démarche.\n" in text
    assert "Éléments retirés" not in text

    name, raw = export(page, "Tableur (CSV)")
    assert name == f"pilotage_equipe-projet_{today}.csv"
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Fiche", "Liste", "Élément", "Fait", "Responsable", "Échéance", "Note", "Identifiant", "État"]
    assert len(rows) == 5
    assert rows[1][3:8] == ["oui", "Marie; Durand", "2026-12-15", 'Dit "oui"', FIRST]
    assert rows[4][3] == "non" and rows[4][6] == "'=1+1"  # never a formula in a spreadsheet

    name, raw = export(page, "Enregistrer une copie (fichier)")
    assert name == f"pilotage_equipe-projet_{today}.json"
    data = json.loads(raw)
    assert (data["format"], data["version"]) == ("kit-democratie-contributive/liste", 1)
    assert data["fiche"] == {"id": "pilotage", "titre": "Le pilotage interne"}
    assert data["liste"] == {"id": "equipe-projet", "titre": "Constituer l’équipe projet"}
    assert [e["id"] for e in data["elements"]] == ITEMS
    assert data["elements"][0] == {"id": FIRST, "texte": rows[1][2], "fait": True, "responsable": "Marie; Durand",
                                   "echeance": "2026-12-15", "note": 'Dit "oui"', "retire": False}


def test_a_json_export_restores_the_state_in_a_fresh_profile(browser, page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie", echeance="2026-12-15", note="Réunion du 3")
    fill(page, "associer-services-supports", fait=False, responsable="Léa")
    expected = state(page)
    _, raw = export(page, "Enregistrer une copie (fichier)")

    with fresh_profile(browser) as other:
        other.goto(site_url + SHEET)
        import_file(other, "export.json", raw)
        other.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")
        assert state(other) == expected
        assert "Fichier importé" in checklist(other).get_by_role("status").inner_text()
        other.reload()
        assert state(other) == expected

    # Drag and drop onto the checklist does the same.
    with fresh_profile(browser) as other:
        other.goto(site_url + SHEET)
        other.evaluate("""([selector, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], 'export.json', {type: 'application/json'}));
            const target = document.querySelector(selector);
            target.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
            target.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
        }""", [LIST, raw.decode("utf-8")])
        other.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")
        assert state(other) == expected


def valid_export(**changes) -> dict:
    data = {"format": "kit-democratie-contributive/liste", "version": 1,
            "fiche": {"id": "pilotage", "titre": "Le pilotage interne"},
            "liste": {"id": "equipe-projet", "titre": "Constituer l'équipe projet"},
            "elements": [{"id": FIRST, "fait": True, "responsable": "Import", "echeance": "", "note": ""}]}
    data.update(changes)
    return data


@pytest.mark.parametrize("content, message", [
    ("{ceci n'est pas du JSON", "n'est pas un fichier JSON lisible"),
    (json.dumps({"bonjour": 1}), "n'est pas un export de liste du kit"),
    (json.dumps(valid_export(version=2)), "version plus récente du site (format 2)"),
    (json.dumps(valid_export(liste={"id": "portage-et-appuis", "titre": XSS})), "concerne une autre liste"),
    (json.dumps(valid_export(elements=[{"id": XSS, "fait": True}])), "identifiant absent ou invalide"),
    (json.dumps(valid_export(elements=[{"id": FIRST, "fait": "oui"}])), "« fait » doit valoir true ou false"),
    (json.dumps(valid_export(elements=[{"id": FIRST, "echeance": "demain"}])), "date AAAA-MM-JJ"),
], ids=["malformed", "foreign-format", "future-version", "other-list", "xss-id", "bad-tick", "bad-date"])
def test_a_bad_import_is_refused_and_changes_nothing(page, site_url, content, message):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", responsable="Moi", note="mon état")
    before, before_storage = state(page), stored(page)
    import_file(page, "mauvais.json", content)
    alert = checklist(page).locator(".kit-checklist__alerte")
    alert.wait_for(state="visible")
    assert message in alert.inner_text()
    assert "Rien n'a été modifié" in alert.inner_text() or "rien n'a été modifié" in alert.inner_text()
    assert page.evaluate("window.__xss") is None
    assert checklist(page).locator("img, script").count() == 0
    assert state(page) == before
    assert stored(page) == before_storage


def test_imported_html_is_shown_as_text_and_never_run(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", note="à garder ?")
    data = valid_export(elements=[{"id": FIRST, "fait": True, "responsable": XSS, "note": "<b>gras</b>" + XSS}])
    import_file(page, XSS + ".json", json.dumps(data))
    # Existing progress: the reader is asked first, and the file name is plain text.
    dialog = page.locator("dialog.kit-checklist__dialogue")
    assert XSS + ".json" in dialog.inner_text()
    dialog.get_by_role("button", name="Remplacer").click()
    page.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")
    assert page.input_value(f"#kit-responsable-{FIRST}") == XSS
    assert page.input_value(f"#kit-note-{FIRST}") == "<b>gras</b>" + XSS
    assert page.input_value("#kit-note-associer-communication") == ""
    page.reload()
    assert page.input_value(f"#kit-note-{FIRST}") == "<b>gras</b>" + XSS
    _, markdown = export(page, "Texte")
    # Escaped for Markdown (the rules are unit-tested in tests/js/codec.test.js).
    assert ("&lt;img src=x onerror=\"window.\\_\\_xss=1\"\\>&lt;script\\>window.\\_\\_xss=2&lt;/script\\>"
            in markdown.decode("utf-8"))
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img[src=x], main b").count() == 0


def test_an_import_can_be_cancelled(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", note="mon état")
    before = stored(page)
    import_file(page, "export.json", json.dumps(valid_export()))
    page.locator("dialog.kit-checklist__dialogue").get_by_role("button", name="Annuler").click()
    expect(checklist(page).get_by_role("status")).to_contain_text("Import annulé")
    assert stored(page) == before
    assert not page.is_checked(f"#case-{FIRST}")


def axe_in(page, selector: str) -> list[str]:
    """axe-core's violations within the elements that match a selector."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        load_axe(page)
    return page.evaluate("""async (selector) => (await axe.run(selector, {resultTypes: ['violations']}))
        .violations.map(v => v.id + ' ' + v.nodes.map(n => n.target).join(','))""", selector)


def copy_link(page) -> str:
    open_actions(page)
    checklist(page).get_by_role("button", name="Copier un lien").click()
    field = checklist(page).get_by_label("Lien vers l'état de cette liste")
    field.wait_for()
    return field.input_value()


def test_a_shared_link_opens_in_a_fresh_profile(browser, page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie", echeance="2026-12-15", note="Salle B ; 14 h")
    fill(page, "associer-communication")
    shared = state(page)
    link = copy_link(page)
    assert "#kit-partage=" in link and "Marie" not in link
    assert page.evaluate("navigator.clipboard.readText()") == link

    with fresh_profile(browser) as other:
        other.goto(site_url + "a-propos/")
        other.goto(link)
        assert state(other) == shared
        assert other.is_disabled(f"#case-{FIRST}")
        banner = checklist(other).locator(".kit-checklist__partage")
        assert "Copie partagée par un lien" in banner.inner_text()
        assert "« Enregistrer cette copie » la garde dans ce navigateur" in banner.inner_text()
        assert axe_in(other, LIST) == []
        banner.get_by_role("button", name="Enregistrer cette copie").click()
        assert other.url == site_url + SHEET
        other.reload()
        assert state(other) == shared
        assert other.is_enabled(f"#case-{FIRST}")

    # A reader with her own progress is asked, and keeps it if she says so.
    with fresh_profile(browser) as other:
        other.goto(site_url + SHEET)
        fill(other, "associer-services-thematiques", note="le mien")
        mine, mine_stored = state(other), stored(other)
        other.goto(link)
        other.reload()  # a fragment change alone does not reload the page
        assert state(other) == shared
        assert stored(other) == mine_stored
        checklist(other).get_by_role("button", name="Revenir à ma liste").click()
        assert state(other) == mine
        other.goto(link)
        other.reload()
        checklist(other).get_by_role("button", name="Remplacer ma liste par cette copie").click()
        other.reload()
        assert state(other) == shared


def test_importing_while_viewing_a_shared_link_leaves_the_shared_view(browser, page, site_url):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", note="partagé")
    link = copy_link(page)
    with fresh_profile(browser) as other:
        other.goto(link)
        assert other.input_value("#kit-note-associer-communication") == "partagé"
        import_file(other, "export.json", json.dumps(valid_export()))
        other.wait_for_function("document.querySelector('#case-designer-chef-de-projet').checked")
        assert checklist(other).locator(".kit-checklist__partage").count() == 0
        assert other.url == site_url + SHEET
        assert other.input_value("#kit-note-associer-communication") == ""
        assert other.is_enabled(f"#case-{FIRST}")


BLOCK_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException('bloqué', 'SecurityError'); };
Storage.prototype.getItem = function () { throw new DOMException('bloqué', 'SecurityError'); };
"""


def test_without_storage_a_warning_shows_and_export_still_works(browser, site_url):
    with fresh_profile(browser, init_script=BLOCK_STORAGE) as page:
        page.goto(site_url + SHEET)
        alert = checklist(page).get_by_role("alert")
        assert "votre progression ne sera pas gardée" in alert.inner_text()
        assert alert.is_visible()
        fill(page, FIRST, responsable="Marie")
        assert progress_text(page) == "1 fait sur 4"
        # Coming back from the back-forward cache keeps what lives only on the page.
        page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
        assert page.input_value(f"#kit-responsable-{FIRST}") == "Marie"
        _, raw = export(page, "Enregistrer une copie (fichier)")
        assert json.loads(raw)["elements"][0]["responsable"] == "Marie"


def test_a_full_storage_is_said_when_saving_fails(page, site_url):
    page.goto(site_url + SHEET)
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('plein', 'QuotaExceededError'); }; }""")
    fill(page, FIRST)
    alert = checklist(page).get_by_role("alert")
    assert "plein ou indisponible" in alert.inner_text()
    # Another tab saving must not wipe what could not be written here.
    page.evaluate("(key) => window.dispatchEvent(new StorageEvent('storage', {key}))", KEY)
    assert page.is_checked(f"#case-{FIRST}")
    _, raw = export(page, "Texte")
    assert "- [x] Désigner" in raw.decode("utf-8")


def test_reset_asks_first(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST, note="à garder")
    open_actions(page)
    reset = checklist(page).get_by_role("button", name="Tout effacer")
    reset.click()
    dialog = page.locator("dialog.kit-checklist__dialogue")
    assert "Effacer toutes les coches" in dialog.inner_text()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    page.reload()
    assert page.is_checked(f"#case-{FIRST}")
    open_actions(page)
    reset.click()
    page.locator("dialog.kit-checklist__dialogue").get_by_role("button", name="Tout effacer").click()
    expect(page.locator(f"#case-{FIRST}")).not_to_be_checked()
    assert progress_text(page) == "Aucun fait sur 4"
    page.reload()
    assert state(page)[FIRST] == {"fait": False, "responsable": "", "echeance": "", "note": ""}


def test_keyboard_alone_fills_in_with_a_visible_focus(page, site_url):
    page.goto(site_url + SHEET)
    page.locator(f"#case-{FIRST}").focus()
    page.keyboard.press("Space")
    assert page.is_checked(f"#case-{FIRST}")
    # « Ajouter des précisions » is the next stop: a real button that says whether it is open.
    page.keyboard.press("Tab")
    toggle = page.locator(f'li[data-element="{FIRST}"] .kit-checklist__precisions')
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == f"kit-precisions-{FIRST}"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator(f"#kit-responsable-{FIRST}").is_hidden()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.classList.contains('kit-checklist__precisions')")  # focus kept
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"kit-responsable-{FIRST}"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.type("Marie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"kit-echeance-{FIRST}"
    while page.evaluate("document.activeElement.id") == f"kit-echeance-{FIRST}":
        page.keyboard.press("Tab")  # the date field has one stop per part
    assert page.evaluate("document.activeElement.id") == f"kit-note-{FIRST}"
    page.keyboard.type("Appeler lundi")
    page.reload()
    assert state(page)[FIRST] == {"fait": True, "responsable": "Marie", "echeance": "", "note": "Appeler lundi"}
    # Filled details stay shown, with no button to hide them.
    assert page.locator(f"#kit-responsable-{FIRST}").is_visible() and toggle.is_hidden()
    # Reach « Tout effacer » with Tab, unfolding the actions on the way; cancel with Escape.
    page.locator(f'li[data-element="associer-communication"] .kit-checklist__precisions').focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.textContent") == "Tout effacer":
            break
    assert page.evaluate("document.activeElement.textContent") == "Tout effacer"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Annuler"
    page.keyboard.press("Escape")
    page.locator("dialog.kit-checklist__dialogue").wait_for(state="detached")
    assert page.is_checked(f"#case-{FIRST}")
    assert page.evaluate("document.activeElement.textContent") == "Tout effacer"  # focus comes back
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "oui"
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('#case-designer-chef-de-projet').checked")


def test_every_control_is_labelled_and_axe_finds_nothing(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie")
    for field, label in (("responsable", "Responsable"), ("echeance", "Échéance"), ("note", "Note")):
        control = page.get_by_label(label, exact=True)
        assert control.count() == page.locator("li[data-element]").count()
        assert page.locator(f"#kit-{field}-{FIRST}").get_attribute("aria-describedby") == "kit-libelle-" + FIRST
    # The whole page: Material's own chrome is another issue's work, so only
    # the nodes the checklists render must be free of violations.
    ours = [v for v in axe_violations(page) if any(
        page.locator(", ".join(node)).first.evaluate("n => !!n.closest('.kit-checklist, .kit-checklist__dialogue')")
        for node in v["nodes"])]
    assert ours == []
    assert axe_in(page, ".kit-checklist") == []
    open_actions(page)
    checklist(page).get_by_role("button", name="Tout effacer").click()
    assert axe_in(page, "dialog.kit-checklist__dialogue") == []


def test_print_shows_the_filled_checklist_without_site_chrome(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie", echeance="2026-12-15", note="Salle B")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", LIST + " .kit-checklist__outils"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert checklist(page).locator("button:visible").count() == 0
    # The fields themselves are not printed: a text copy of each value is, whole.
    for field in ("responsable", "echeance", "note"):
        assert page.locator(f"#kit-{field}-{FIRST}").is_hidden()
    paper = page.locator(f'li[data-element="{FIRST}"] .kit-checklist__papier')
    assert paper.is_visible()
    assert normalized_text(paper.inner_text()) == "Responsable : Marie Échéance : 15/12/2026 Note : Salle B"
    assert page.is_checked(f"#case-{FIRST}") and page.locator(f"#case-{FIRST}").is_visible()
    assert page.locator("#case-associer-communication").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_without_javascript_the_checklist_is_readable(browser, site_url):
    with fresh_profile(browser, java_script_enabled=False) as page:
        page.goto(site_url + SHEET)
        items = checklist(page).locator("li[data-element]")
        assert items.count() == 4
        assert page.get_by_label("Désigner une cheffe ou un chef de projet", exact=False).is_visible()
        assert "ce que vous cochez n’est pas enregistré" in checklist(page).inner_text()
        assert checklist(page).locator("button").count() == 0


def test_sites_opened_from_files_do_not_share_progress(browser, built_site, tmp_path):
    first, second = tmp_path / "premier", tmp_path / "second"
    shutil.copytree(built_site, first)
    shutil.copytree(built_site, second)
    with fresh_profile(browser) as page:
        page.goto((first / "fiches/pilotage/index.html").as_uri())
        fill(page, FIRST)
        page.goto((second / "fiches/pilotage/index.html").as_uri())
        assert not page.is_checked(f"#case-{FIRST}")
        page.goto((first / "fiches/pilotage/index.html").as_uri())
        assert page.is_checked(f"#case-{FIRST}")


def test_instant_navigation_keeps_the_state(context, tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  features:\n", "  features:\n    - navigation.instant\n", 1), encoding="utf-8")
    port = free_port()
    result = mkdocs_build(project, tmp_path / "site", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    server = StaticServer(tmp_path / "site", port)
    try:
        page = context.new_page()
        page.goto(server.url)
        page.evaluate("window.__samePage = true")
        page.locator(".md-content a[href$='fiches/pilotage/']").first.click()
        checklist(page).locator(".kit-checklist__outils").wait_for()
        assert page.evaluate("window.__samePage") is True  # no full reload: instant navigation
        fill(page, FIRST, responsable="Marie")
        page.locator(".md-sidebar--primary a[href$='a-propos/']").first.click()
        page.wait_for_url("**/a-propos/")
        page.go_back()
        checklist(page).locator(".kit-checklist__outils").wait_for()
        assert page.is_checked(f"#case-{FIRST}")
        page.locator(".md-sidebar--primary a[href$='a-propos/']").first.click()
        page.wait_for_url("**/a-propos/")
        page.locator(".md-sidebar--primary").get_by_role("link", name="Accueil", exact=True).click()
        page.wait_for_url(server.url)
        page.locator(".md-content a[href$='fiches/pilotage/']").first.click()
        checklist(page).locator(".kit-checklist__outils").wait_for()
        assert page.evaluate("window.__samePage") is True
        assert page.is_checked(f"#case-{FIRST}")
        assert page.input_value(f"#kit-responsable-{FIRST}") == "Marie"
        assert checklist(page).locator(".kit-checklist__avancement").count() == 1  # started once
    finally:
        server.close()



def test_progress_saved_by_a_newer_site_is_never_overwritten(page, site_url):
    newer = json.dumps({"v": 2, "autre": "forme"})
    page.goto(site_url + "a-propos/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, newer])
    page.goto(site_url + SHEET)
    assert "version plus récente du site" in checklist(page).get_by_role("alert").inner_text()
    fill(page, FIRST)
    assert stored(page)[KEY] == newer


def test_unreadable_saved_progress_is_kept_aside(page, site_url):
    page.goto(site_url + "a-propos/")
    page.evaluate("(key) => localStorage.setItem(key, '{abîmé')", KEY)
    page.goto(site_url + SHEET)
    fill(page, FIRST)
    kept = {k: v for k, v in stored(page).items() if k.startswith(KEY + "|illisible-")}
    assert list(kept.values()) == ["{abîmé"]
    assert json.loads(stored(page)[KEY])["elements"][FIRST]["fait"] is True


def test_a_damaged_shared_link_says_so_and_changes_nothing(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, FIRST)
    before = stored(page)
    page.goto(site_url + SHEET + "#kit-partage=%%%pas-du-base64")
    page.reload()
    assert "Ce lien de partage est abîmé" in checklist(page).get_by_role("alert").inner_text()
    assert page.is_checked(f"#case-{FIRST}") and page.is_enabled(f"#case-{FIRST}")
    assert stored(page) == before

"""The reader's saved progress in hostile or failing conditions (issue 11, class 10), in Chromium.

Storage that cannot be written at page load, an item id shared with
Object.prototype, impossible dates, imports bringing many removed items, and
item texts that are Markdown or HTML in the Markdown export. The exact rules
are unit-tested in tests/js/; these tests show them on the built site.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import markdown
import pytest

from conftest import StaticServer, copy_project, free_port, mkdocs_build
from test_checklist_browser import (FIRST, KEY, LIST, SHEET, XSS, checklist, copy_link, export, fill, fresh_profile,
                                    import_file, progress_text, state, stored, valid_export)

FULL = "Storage.prototype.setItem = function () { throw new DOMException('plein', 'QuotaExceededError'); };"
REFUSED = "Storage.prototype.setItem = function () { throw new DOMException('refusé', 'SecurityError'); };"


def alert(page):
    return checklist(page).locator(".kit-checklist__alerte")


@pytest.mark.parametrize("writes", [FULL, REFUSED], ids=["full", "refused"])
def test_saved_progress_is_shown_and_exported_when_storage_cannot_be_written(context, site_url, writes):
    page = context.new_page()
    page.goto(site_url + SHEET)
    fill(page, FIRST, responsable="Marie", echeance="2026-12-15", note="Voir la DGS")
    fill(page, "associer-communication")
    saved_state, saved = state(page), stored(page)

    context.add_init_script(writes)  # from the next page load on, every write throws
    page.reload()
    assert state(page) == saved_state
    assert progress_text(page) == "2 sur 4 faits"
    assert alert(page).is_hidden()  # reading works: nothing to warn about
    _, raw = export(page, "JSON")
    exported = {e["id"]: e for e in json.loads(raw)["elements"]}
    assert exported[FIRST] | {"texte": ""} == {"id": FIRST, "texte": "", "fait": True, "responsable": "Marie",
                                               "echeance": "2026-12-15", "note": "Voir la DGS", "retire": False}
    assert exported["associer-communication"]["fait"] is True

    # Only a write says it failed; what was saved is untouched, the page keeps the change.
    fill(page, "associer-services-supports", fait=False, note="pas encore gardé")
    assert "plein ou indisponible" in alert(page).inner_text()
    assert stored(page) == saved
    page.evaluate("(key) => window.dispatchEvent(new StorageEvent('storage', {key}))", KEY)
    assert page.input_value("#kit-note-associer-services-supports") == "pas encore gardé"
    _, md = export(page, "Markdown")
    text = md.decode("utf-8")
    assert "  - Responsable : Marie\n  - Échéance : 15/12/2026\n  - Note : Voir la DGS\n" in text
    assert "  - Note : pas encore gardé\n" in text


@pytest.fixture(scope="module")
def constructor_site(tmp_path_factory):
    """The kit with its first item's id changed to « constructor », built and served."""
    root = tmp_path_factory.mktemp("constructeur")
    project = copy_project(root / "project")
    sheet = project / "kit" / "pilotage.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(f"id: {FIRST}\n", "id: constructor\n"),
                     encoding="utf-8")
    port = free_port()
    result = mkdocs_build(project, root / "site", site_url=f"http://127.0.0.1:{port}/",
                          environment={"KIT_SANS_TELECHARGEMENTS": "1", "KIT_SANS_HORS_LIGNE": "1"})
    assert result.returncode == 0, result.stderr
    server = StaticServer(root / "site", port)
    yield server.url
    server.close()


def test_an_item_id_constructor_goes_through_export_import_and_share_link(browser, constructor_site):
    with fresh_profile(browser) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(constructor_site + SHEET)
        assert checklist(page).locator("li[data-element=constructor]").count() == 1
        assert progress_text(page) == "0 sur 4 fait"  # nothing inherited counts as ticked
        fill(page, "constructor", responsable="Marie", note="Réunion du 3")
        expected = state(page)
        assert expected["constructor"]["responsable"] == "Marie"
        _, raw = export(page, "JSON")
        assert [e["id"] for e in json.loads(raw)["elements"]][0] == "constructor"
        _, md = export(page, "Markdown")
        assert "  - Responsable : Marie\n  - Note : Réunion du 3\n" in md.decode("utf-8")
        link = copy_link(page)

    with fresh_profile(browser) as other:
        other.goto(constructor_site + SHEET)
        import_file(other, "export.json", raw)
        other.wait_for_function("document.querySelector('#case-constructor').checked")
        assert alert(other).is_hidden()
        assert "Fichier importé : 1 sur 4 fait." == checklist(other).get_by_role("status").inner_text()
        assert state(other) == expected
        other.reload()
        assert state(other) == expected

    with fresh_profile(browser) as other:
        other.goto(link)
        assert alert(other).is_hidden()
        assert state(other) == expected
        checklist(other).get_by_role("button", name="Enregistrer cet état").click()
        other.reload()
        assert state(other) == expected


@pytest.mark.parametrize("date", ["2024-13-45", "2023-02-30"])
def test_an_impossible_date_is_refused_at_import_naming_the_item(page, site_url, date):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", note="mon état")
    before, before_storage = state(page), stored(page)
    elements = [{"id": FIRST, "fait": True}, {"id": "associer-communication", "echeance": date}]
    import_file(page, "dates.json", json.dumps(valid_export(elements=elements)))
    alert(page).wait_for(state="visible")
    assert alert(page).inner_text() == (f"Élément n° 2 (« associer-communication ») : l'échéance « {date} » "
                                        "n'existe pas dans le calendrier. Rien n'a été modifié.")
    assert state(page) == before
    assert stored(page) == before_storage


def removed_items(count: int) -> list[dict]:
    return [{"id": f"retire-{i}", "fait": i % 2 == 0, "note": f"note {i}", "texte": f"Retiré {i}"}
            for i in range(count)]


HOSTILE_TEXTS = [XSS, "[lien](javascript:window.__xss=3)", "![image](http://example.com/x.png)",
                 "**gras** {: onclick=\"window.__xss=4\" }", "ligne\n# Titre\n<script>window.__xss=5</script>"]


def markup_in(html: str) -> list[tuple[str, list[str]]]:
    """Every element of an HTML text: its tag and attribute names."""
    found = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append((tag, [name for name, _ in attrs]))
    parser.feed(html)
    return found


def test_removed_items_an_import_brings_are_announced_and_exported_as_text(page, site_url):
    page.goto(site_url + SHEET)
    elements = [{"id": FIRST, "fait": True}] + [
        {"id": f"retire-{i}", "fait": True, "note": text, "responsable": text, "texte": text}
        for i, text in enumerate(HOSTILE_TEXTS)]
    import_file(page, "retires.json", json.dumps(valid_export(elements=elements)))
    status = checklist(page).get_by_role("status")
    page.wait_for_function("(selector) => document.querySelector(selector + ' .kit-checklist__etat').textContent",
                           arg=LIST)
    assert status.inner_text() == (
        "Fichier importé : 1 sur 4 fait. Le fichier apporte aussi 5\u00a0éléments qui ne figurent plus sur cette liste : "
        "ils figurent dans les exports, rubrique « éléments retirés ».")

    _, md = export(page, "Markdown")
    text = md.decode("utf-8")
    removed_part = text.split("## Éléments retirés\n")[1]
    assert removed_part.count("- [x] ") == 5
    # Rendered by Python-Markdown with attribute lists, HTML blocks and tables, it stays text.
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "pymdownx.tilde",
                                               "pymdownx.tasklist"])
    tags = markup_in(html)
    assert {tag for tag, _ in tags} == {"h1", "h2", "p", "ul", "li", "input"}
    assert {name for _, attributes in tags for name in attributes} <= {"class", "type", "disabled", "checked"}
    assert [tag for tag, _ in tags].count("h1") == 1 and [tag for tag, _ in tags].count("h2") == 1
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in html
    assert "[lien](javascript:window.__xss=3)" in html
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None


def test_an_import_bringing_too_many_removed_items_is_refused(page, site_url):
    page.goto(site_url + SHEET)
    fill(page, "associer-communication", note="mon état")
    before, before_storage = state(page), stored(page)
    import_file(page, "trop.json", json.dumps(valid_export(elements=removed_items(101))))
    alert(page).wait_for(state="visible")
    assert alert(page).inner_text() == ("101\u00a0éléments ne figurent plus sur cette liste : au plus 100\u00a0éléments "
                                        "retirés sont acceptés. Rien n'a été modifié.")
    assert state(page) == before and stored(page) == before_storage

    import_file(page, "assez.json", json.dumps(valid_export(elements=removed_items(100))))
    page.locator("dialog.kit-checklist__dialogue").get_by_role("button", name="Remplacer").click()
    page.wait_for_function("(selector) => document.querySelector(selector + ' .kit-checklist__etat')"
                           ".textContent.includes('100\u00a0éléments')", arg=LIST)
    saved = json.loads(stored(page)[KEY])["elements"]
    assert len(saved) == 100 and saved["retire-99"]["texte"] == "Retiré 99"

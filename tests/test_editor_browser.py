"""The web editor end to end, offline, in Chromium.

A scratch repository, Decap CMS's local backend (decap-server from npm) over
it on 127.0.0.1, the site built with the local backend switched on. An editor
opens the pilotage sheet from its page, rewords an item, adds one, saves: the
file changes as intended and nothing else, `kit formater` then `kit verifier`
accept it, and the rebuilt page shows the new item. Another opens a sheet of
another phase from its page and picks a sheet for « Voir aussi »: the file
names it.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from conftest import StaticServer, free_port, mkdocs_build
from editor_backend import LocalEditorBackend, scratch_repository

SHEET = Path("kit") / "pilotage.yml"
REWORDED_ID = "designer-chef-de-projet"
REWORDED = "Désigner une cheffe ou un chef de projet pour coordonner l'atelier."
ADDED = "Prévoir une personne suppléante pour la coordination."
ADDED_ID = "prevoir-une-personne-suppleante-pour"  # made from the text by `kit formater`
LIST_ID = "equipe-projet"
LINKED, LINKED_TITLE = "democratie-contributive", re.compile("^Qu.est-ce que la démocratie contributive.?\\?$")
QUICK_BUILD = {"KIT_SANS_HORS_LIGNE": "1", "KIT_SANS_TELECHARGEMENTS": "1"}


def kit(repository: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kitoutils.cli", *arguments], cwd=repository,
                          capture_output=True, text=True, timeout=120)


def checklist(sheet: dict, list_id: str) -> dict:
    return next(liste for section in sheet["sections"] for liste in section.get("listes", ()) if liste["id"] == list_id)


def all_ids(data: object) -> list[str]:
    if isinstance(data, dict):
        own = [data["id"]] if data.get("id") else []
        return own + [i for value in data.values() for i in all_ids(value)]
    if isinstance(data, list):
        return [i for value in data for i in all_ids(value)]
    return []


def wait_for_change(path: Path, before: str, timeout: float = 30.0) -> str:
    """The file's new text once the editor's save is written out (the same text read twice
    in a row: a read may fall between decap-server's truncating and writing the file)."""
    deadline = time.monotonic() + timeout
    last = before
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text == last and text != before and text.strip():
            return text
        last = text
        time.sleep(0.3)
    raise AssertionError(f"{path} n'a pas été enregistré par l'éditeur")


@dataclass
class EditorSite:
    repository: Path
    site: Path
    url: str  # the site's address, served on 127.0.0.1
    allowed_origins: set[str]  # the site's and decap-server's


@contextmanager
def editor_site(tmp_path: Path) -> Iterator[EditorSite]:
    """The working tree's site and kit in a scratch repository, built with the editor on
    decap-server (which stops at the end) and served on 127.0.0.1."""
    repository = scratch_repository(tmp_path / "depot")
    site, site_port = tmp_path / "site", free_port()
    backend = LocalEditorBackend(repository, free_port())
    server = None
    try:
        build = mkdocs_build(repository, site, site_url=f"http://127.0.0.1:{site_port}/",
                             environment={**QUICK_BUILD, "KIT_EDITEUR_LOCAL": backend.url})
        assert build.returncode == 0, build.stderr
        server = StaticServer(site, site_port)
        yield EditorSite(repository, site, server.url,
                         {urlsplit(server.url).netloc, urlsplit(backend.url).netloc})
    finally:
        output = backend.close()
        if server is not None:
            server.close()
        print(output)  # decap-server's log, shown by pytest when the test fails


@contextmanager
def editing(browser, editor: EditorSite, fiche_id: str) -> Iterator:
    """A page on the sheet's page, at 1280 px, that follows its « Modifier dans l'éditeur »
    link and signs in to the local backend. On leaving: the editor (from the click on; the
    sheet page's own requests are test_privacy's business) asked nothing of another site
    than this one and decap-server, and no request failed."""
    elsewhere, failed = [], []
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(editor.url + f"fiches/{fiche_id}/")
    page.wait_for_load_state("networkidle")
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc not in editor.allowed_origins
            else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    page.get_by_role("link", name="Modifier dans l'éditeur").click()
    page.get_by_role("button", name="Se connecter").click()
    yield page
    context.close()
    assert not elsewhere, elsewhere
    assert not failed, failed


def publish(page, sheet_file: Path, before: str) -> str:
    """Publish the entry; the file's text once saved."""
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Publier maintenant").click()
    return wait_for_change(sheet_file, before)


def test_an_editor_rewords_and_adds_a_checklist_item_from_the_browser(tmp_path, browser):
    with editor_site(tmp_path) as editor, editing(browser, editor, "pilotage") as page:
        repository = editor.repository
        sheet_file = repository / SHEET
        original_text = sheet_file.read_text(encoding="utf-8")
        original = yaml.safe_load(original_text)
        page.get_by_text("Le pilotage technique", exact=True).wait_for()
        assert page.url.endswith("/admin/#/collections/fiches-preparation/entries/pilotage")

        # Unfold the section, reword the first item of « Constituer l'équipe projet », add one.
        page.get_by_text("Le pilotage technique", exact=True).locator(
            "xpath=preceding-sibling::div[1]//button[1]").click()
        item = page.locator("textarea", has_text="Désigner une cheffe ou un chef de projet")
        item.fill(REWORDED)
        items = page.locator('[aria-label="list field"]').filter(
            has=page.locator("textarea", has_text="Associer la communication et les services concernés")).last
        items.get_by_role("button", name="Ajouter élément").click()
        items.locator("textarea").last.fill(ADDED)
        saved_text = publish(page, sheet_file, original_text)

    # The file holds exactly the intended change: same ids, one text reworded, one item added.
    saved = yaml.safe_load(saved_text)
    expected = copy.deepcopy(original)
    checklist(expected, LIST_ID)["elements"][0]["texte"] = REWORDED
    added = checklist(saved, LIST_ID)["elements"][-1]
    assert added["texte"] == ADDED and not added.get("id")
    checklist(expected, LIST_ID)["elements"].append(added)
    assert saved == expected
    assert all_ids(saved) == all_ids(original)

    # Laid out again, the file gets its schema line and the new item its id; the kit is valid.
    formatted = kit(repository, "formater")
    assert formatted.returncode == 0, formatted.stderr
    assert ADDED_ID in formatted.stdout
    final_text = sheet_file.read_text(encoding="utf-8")
    assert final_text.startswith("# yaml-language-server: $schema=../docs/schemas/fiche.schema.json\n")
    final = yaml.safe_load(final_text)
    assert checklist(final, LIST_ID)["elements"][-1] == {"id": ADDED_ID, "texte": ADDED}
    ids = all_ids(original)
    last_of_list = ids.index(checklist(original, LIST_ID)["elements"][-1]["id"])
    assert all_ids(final) == [*ids[:last_of_list + 1], ADDED_ID, *ids[last_of_list + 1:]]
    checked = kit(repository, "verifier")
    assert checked.returncode == 0 and "mise en page" not in checked.stderr, checked.stderr
    assert kit(repository, "formater", "--verifier").returncode == 0

    # The rebuilt page shows the new item, ticked by its own id.
    rebuilt = mkdocs_build(repository, editor.site, site_url=editor.url, environment=QUICK_BUILD)
    assert rebuilt.returncode == 0, rebuilt.stderr
    html = (editor.site / "fiches" / "pilotage" / "index.html").read_text(encoding="utf-8")
    assert ADDED in html and ADDED_ID in html


def test_an_editor_picks_a_sheet_for_voir_aussi_in_a_sheet_of_another_phase(tmp_path, browser):
    with editor_site(tmp_path) as editor, editing(browser, editor, "suivi-externe") as page:
        sheet_file = editor.repository / "kit" / "suivi-externe.yml"
        original_text = sheet_file.read_text(encoding="utf-8")
        original = yaml.safe_load(original_text)
        assert LINKED not in original["voir_aussi"]
        field = page.get_by_label("Voir aussi")  # « Voir aussi (optionnel) »
        field.wait_for()
        assert page.url.endswith("/admin/#/collections/fiches-suites/entries/suivi-externe")

        # The select offers every sheet by its title; typing narrows it down.
        field.press_sequentially("démocratie contrib")
        page.get_by_role("option", name=LINKED_TITLE).click()
        saved_text = publish(page, sheet_file, original_text)

    saved = yaml.safe_load(saved_text)
    assert saved == {**original, "voir_aussi": [*original["voir_aussi"], LINKED]}
    assert kit(editor.repository, "formater").returncode == 0
    checked = kit(editor.repository, "verifier")
    assert checked.returncode == 0, checked.stderr

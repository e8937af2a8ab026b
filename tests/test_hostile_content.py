"""Hostile content (issue 11): no edit of kit/ may run script, redirect or load from another site.

Three layers, each tested on its own:
1. the checks refuse (located, in French, no traceback) — every case alone;
2. the sanitiser and the escaping make every field harmless — every case, checks skipped;
3. the Content-Security-Policy blocks what slipped through — an injected handler.
Then the cases the checks accept are built (a few per build) and opened in
Chromium, every content element focused, hovered and clicked, with
listeners for dialogs, policy violations and requests to other sites.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import KIT, StaticServer, copy_project, free_port, mkdocs_build
from hostile_cases import CASES, Case
from kitoutils.intake.loader import load_kit
from kitoutils.model.problems import KitInvalid
from kitoutils.pages.render import html_text, plain
from kitoutils.pages.sanitize import FieldRenderer

QUICK_BUILD = {"KIT_SANS_TELECHARGEMENTS": "1", "KIT_SANS_HORS_LIGNE": "1"}


def case_file(case: Case) -> str:
    return "vocabulaire.yml" if case.base == "vocabulaire.yml" else f"{case.sheet_id}.yml"


def case_text(case: Case, kit_dir: Path = KIT) -> str:
    """The case's file: a sheet of its own, or the vocabulary of kit_dir edited."""
    text = (kit_dir / case.base).read_text(encoding="utf-8")
    if case.base != "vocabulaire.yml":
        base_id = case.base[: -len(".yml")]
        text = text.replace(f"\nid: {base_id}\n", f"\nid: {case.sheet_id}\n", 1)
    assert case.old in text, case.name
    return text.replace(case.old, case.new, 1)


def apply(kit_dir: Path, case: Case) -> None:
    """Write the case into kit_dir."""
    (kit_dir / case_file(case)).write_text(case_text(case, kit_dir), encoding="utf-8")


def verdict(tmp_path: Path, case: Case) -> list[str] | None:
    """The case alone in a copy of kit/: its problems, or None when the kit is accepted."""
    kit_dir = tmp_path / "kit"
    if not kit_dir.exists():
        shutil.copytree(KIT, kit_dir)
    apply(kit_dir, case)
    try:
        load_kit(kit_dir)
    except KitInvalid as invalid:
        return invalid.report().splitlines()[1:]
    return None


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[Case, list[str] | None]:
    """Each case loaded alone in its own copy of kit/ (once for the module's tests)."""
    return {case: verdict(tmp_path_factory.mktemp("verdict"), case) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.klass}-{c.name}")
def test_layer_1_each_case_is_refused_where_it_is_or_accepted(verdicts, case):
    problems = verdicts[case]
    if problems is None:
        return  # accepted: the browser test below shows it harmless
    assert problems
    located = re.compile(rf"^\s*kit/{re.escape(case_file(case))}:\d+:\d+ : \S")
    assert all(located.match(p) for p in problems), problems
    assert not any("Traceback" in p or "Error" in p for p in problems)


# --- Layer 2 alone: every text of every case, rendered without the checks -------------------

_EVENT = re.compile(r"^on", re.I)


class _Audit(HTMLParser):
    """What a browser would see in a fragment: tags, event attributes, addresses."""

    def __init__(self) -> None:
        super().__init__()
        self.faults: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if _EVENT.match(name) or name in ("style", "id", "srcdoc", "formaction"):
                self.faults.append(f"attribut {name} sur <{tag}>")
            if name in ("href", "src", "action") and value is not None:
                seen = re.sub(r"[\x00-\x20]", "", value).lower()
                if seen.startswith(("javascript:", "data:", "vbscript:")):
                    self.faults.append(f"adresse {value}")
                if name == "src" and (seen.startswith("//") or "://" in seen):
                    self.faults.append(f"image d'un autre site {value}")
        if tag in ("script", "style", "iframe", "object", "embed", "svg", "math", "meta", "link", "base",
                   "form", "input", "textarea", "button"):
            self.faults.append(f"balise {tag}")


def audit(fragment: str) -> list[str]:
    parser = _Audit()
    parser.feed(fragment)
    parser.close()
    return parser.faults


def texts_of(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in texts_of(value)]
    if isinstance(node, list):
        return [t for value in node for t in texts_of(value)]
    return []


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.klass}-{c.name}")
def test_layer_2_sanitiser_and_escaping_alone_make_every_text_harmless(case):
    data = yaml.safe_load(case_text(case))
    renderer = FieldRenderer("fiches/essai.md")
    for text in texts_of(data):
        assert audit(renderer.block(text)) == [], text
        assert audit(renderer.inline(text)) == [], text
        assert audit(html_text(text)) == [], text
        # Plain text in Markdown: no character left that starts markup.
        assert not re.search(r"(?<!\\)[{}\[\]<>`*_!#|]", plain(text)), text


# --- Layer 3 alone: a handler that slipped into a page is blocked -----------------------------

PROBE = """
() => {
  window.__kit_violations = [];
  document.addEventListener('securitypolicyviolation', e =>
    window.__kit_violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
  // Clicks on links do not navigate away: the page stays to be inspected.
  document.addEventListener('click', e => { if (e.target.closest('a')) e.preventDefault(); }, true);
}
"""

TOUCH_EVERY_ELEMENT = """
() => {
  const root = document.querySelector('.md-content') || document.body;
  for (const element of root.querySelectorAll('*')) {
    for (const type of ['pointerover', 'mouseover', 'mouseenter', 'focus', 'focusin']) {
      element.dispatchEvent(new Event(type, {bubbles: type !== 'mouseenter' && type !== 'focus'}));
    }
    if (typeof element.focus === 'function') element.focus();
    if (typeof element.click === 'function' && !element.matches('input[type=file]')) element.click();
  }
}
"""

INSPECT = """
() => {
  const faults = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) faults.push(`attribut ${name} sur <${element.localName}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && value.startsWith('javascript:')
          && !element.closest('.md-search')) faults.push(`adresse javascript: sur <${element.localName}>`);
    }
  }
  for (const meta of document.querySelectorAll('meta[http-equiv]')) {
    const kind = meta.getAttribute('http-equiv').toLowerCase();
    if (kind !== 'content-security-policy' && kind !== 'content-type') faults.push(`meta http-equiv ${kind}`);
  }
  return faults;
}
"""


def open_and_probe(context, url: str, origin: str) -> list[str]:
    """Open a page, touch every content element; what went wrong, in words."""
    faults: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (faults.append(f"dialogue {dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: faults.append(f"requête vers {request.url}")
            if not request.url.startswith((origin, "data:", "blob:", "about:")) else None)
    page.add_init_script(script=f"({PROBE})()")
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    page.evaluate(TOUCH_EVERY_ELEMENT)
    page.wait_for_timeout(100)
    faults.extend(page.evaluate(INSPECT))
    faults.extend(f"violation CSP {v}" for v in page.evaluate("() => window.__kit_violations || []"))
    faults.extend(f"script exécuté : {v}" for v in page.evaluate("() => window.__kit_pwned ? [String(window.__kit_pwned)] : []"))
    page.close()
    return faults


def test_layer_3_csp_blocks_an_inline_handler_and_script_that_slipped_into_a_page(built_site, tmp_path, browser):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / "fiches" / "amo" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    injected = ('<img src="data:," onerror="window.__kit_pwned=\'handler\'">'
                '<script>window.__kit_pwned="script"</script>')
    page_file.write_text(html.replace('<div class="kit-texte">', '<div class="kit-texte">' + injected, 1),
                         encoding="utf-8")
    server = StaticServer(site, free_port())
    context = browser.new_context(locale="fr-FR")  # not the fixture: its violations are the point here
    try:
        page = context.new_page()
        page.add_init_script(script=f"({PROBE})()")
        page.goto(server.url + "fiches/amo/", wait_until="load")
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__kit_pwned") is None
        violations = page.evaluate("() => window.__kit_violations")
        assert any(v.startswith("script-src") for v in violations), violations
        # The probe the accepted cases go through sees it too.
        faults = open_and_probe(context, server.url + "fiches/amo/", server.url)
        assert any(f.startswith("attribut onerror") for f in faults), faults
        assert any(f.startswith("violation CSP script-src") for f in faults), faults
    finally:
        context.close()
        server.close()


# --- The cases the checks accept, built and opened in Chromium -------------------------------

def accepted_batches(verdicts) -> list[list[Case]]:
    """The accepted cases, in batches that do not touch the same line of the same file."""
    accepted = [c for c in CASES if verdicts[c] is None]
    batches: list[list[Case]] = []
    for case in accepted:
        for batch in batches:
            if not any(other.base == "vocabulaire.yml" == case.base and other.old == case.old for other in batch):
                batch.append(case)
                break
        else:
            batches.append([case])
    return batches


def test_accepted_cases_are_built_and_harmless_in_chromium(tmp_path_factory, browser, verdicts):
    batches = accepted_batches(verdicts)
    assert sum(map(len, batches)) >= 10  # the plain-text classes at least: they must be accepted
    for batch in batches:
        project = copy_project(tmp_path_factory.mktemp("projet"))
        for case in batch:
            apply(project / "kit", case)
        port = free_port()
        site = project / "site"
        result = mkdocs_build(project, site, site_url=f"http://127.0.0.1:{port}/", environment=QUICK_BUILD)
        assert result.returncode == 0, result.stderr[-3000:]
        server = StaticServer(site, port)
        context = browser.new_context(locale="fr-FR")
        try:
            sheets = [c.sheet_id for c in batch if c.base != "vocabulaire.yml"] + ["amo", "faq-elus"]
            # Tag pages list the sheets' titles and summaries; the cases' sheets are amo's copies.
            tags = ["publics/elus/", "publics/direction/", "publics/chef-de-projet/", "phases/preparation/"]
            pages = ["", "404.html", "a-propos/", *tags, *(f"fiches/{s}/" for s in sheets)]
            faults = {url: open_and_probe(context, server.url + url, server.url) for url in pages}
            assert {url: f for url, f in faults.items() if f} == {}
        finally:
            context.close()
            server.close()


def test_refused_cases_stop_the_build_located_without_traceback(tmp_path_factory, verdicts):
    refused = [c for c in CASES if c.base != "vocabulaire.yml" and verdicts[c] is not None]
    assert len(refused) >= 15
    project = copy_project(tmp_path_factory.mktemp("projet"))
    for case in refused:
        apply(project / "kit", case)
    result = mkdocs_build(project, project / "site", environment=QUICK_BUILD)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for case in refused:
        assert re.search(rf"kit/{re.escape(case_file(case))}:\d+:\d+ : ", result.stderr), case.name
    assert not (project / "site" / "index.html").exists()


# --- Class 9, the folder itself -------------------------------------------------------------

def test_symbolic_links_and_unexpected_names_in_kit_are_reported_never_followed(kit_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT_DE_PASSE=ne-pas-citer\n", encoding="utf-8")
    os.symlink(secret, kit_copy / "lien.yml")
    os.symlink(secret, kit_copy / "synonymes.yml.lien")
    (kit_copy / "Essai.YML").write_text("id: essai\n", encoding="utf-8")
    (kit_copy / ".cachee.yml").write_text("id: cachee\n", encoding="utf-8")
    (kit_copy / "essai.yml.bak").write_text("id: essai\n", encoding="utf-8")
    with pytest.raises(KitInvalid) as caught:
        load_kit(kit_copy)
    report = caught.value.report()
    assert "ne-pas-citer" not in report and "MOT_DE_PASSE" not in report
    for name, words in [("lien.yml", "lien symbolique refusé"), ("synonymes.yml.lien", "lien symbolique refusé"),
                        ("Essai.YML", "renommez ce fichier « essai.yml »"), (".cachee.yml", "fichier caché"),
                        ("essai.yml.bak", "fichier inattendu")]:
        assert f"kit/{name}:1:1 : {words}" in report


def test_a_linked_vocabulary_is_refused_not_read(kit_copy, tmp_path):
    target = tmp_path / "vocabulaire.yml"
    shutil.move(kit_copy / "vocabulaire.yml", target)
    os.symlink(target, kit_copy / "vocabulaire.yml")
    with pytest.raises(KitInvalid) as caught:
        load_kit(kit_copy)
    assert "kit/vocabulaire.yml:1:1 : lien symbolique refusé" in caught.value.report()

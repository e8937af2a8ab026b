"""Every page of the built site passes the Nu Html Checker (vnu.jar from the npm
registry, run with Debian's Java): ours and the theme's markup, and our own
style sheets. One checker run for all pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import markdown
import pytest

from kitoutils.intake.loader import load_kit
from kitoutils.pages.render import render_fiche

from conftest import KIT, ROOT, required_program

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# The JVM compiles the checker's code quickly rather than well (a short run: about
# 2 s instead of 10), on a stack deep enough for its schema; language detection,
# which only ever warns, is off (it was most of the time).
JAVA_OPTIONS = ("-Xss8m", "-XX:TieredStopAtLevel=1")


def nu_messages(java: str, files: list[Path]) -> list[dict]:
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--no-langdetect", "--also-check-css",
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stderr)["messages"]  # the checker reports on stderr


def checked_file(message: dict) -> Path:
    """The file a message is about (the checker writes « file:/path » addresses)."""
    return Path(unquote(urlparse(message["url"]).path))


def test_every_page_and_our_style_sheets_pass_the_nu_html_checker(built_site: Path, tmp_path: Path):
    java = required_program(shutil.which("java"), "Java est introuvable : installez le paquet Debian "
                            "« default-jre-headless »")
    if not VNU.is_file():
        pytest.fail("vnu.jar est introuvable : lancez « npm ci » (le script de test le fait)")
    pages = sorted(built_site.rglob("*.html"))
    # Our style sheets (those from docs/); the theme's minified ones are its own business.
    sheets = [path for path in sorted(built_site.rglob("*.css"))
              if (ROOT / "docs" / path.relative_to(built_site)).is_file()]
    assert len(pages) >= 20 and len(sheets) >= 3
    # A page with a known error, checked in the same run: the checker did read the files.
    canary = tmp_path / "temoin.html"
    canary.write_text('<!doctype html><html lang="fr"><title>Témoin</title>'
                      '<input type="checkbox" autocomplete="off">', encoding="utf-8")

    messages = nu_messages(java, [canary, *pages, *sheets])

    canary_errors = [m["message"] for m in messages if checked_file(m) == canary and m["type"] == "error"]
    assert len(canary_errors) == 1 and "autocomplete" in canary_errors[0]
    errors = [f"{checked_file(m).relative_to(built_site)}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error") and checked_file(m) != canary]
    assert errors == [], f"{len(errors)} erreurs :\n" + "\n".join(errors[:40])


def test_checklist_labels_render_markdown_without_a_markdown_attribute():
    """md_in_html leaves a « markdown » attribute on a <label> (not allowed there):
    the item's Markdown is rendered through its <li> instead."""
    kit = load_kit(KIT)
    fiche = kit.fiche("pilotage")
    element = fiche.checklists()[0].elements[0]
    label_start = f'<label class="kit-checklist__libelle" for="case-{element.id}">'
    page = render_fiche(kit, fiche).replace(label_start + element.texte,
                                            label_start + "Désigner une **cheffe** ou un [chef](amo.md)")
    html = markdown.markdown(page, extensions=["admonition", "attr_list", "md_in_html", "tables"])
    label = re.search(f"{re.escape(label_start)}(.*?)</label>", html)
    assert label is not None
    assert label.group(1) == 'Désigner une <strong>cheffe</strong> ou un <a href="amo.md">chef</a>'
    assert re.findall(r"<label[^>]*\bmarkdown\b", html) == []

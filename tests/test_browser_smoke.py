"""The built site in a real browser: the page a reader opens works."""

from __future__ import annotations

from conftest import axe_violations


def test_sheet_page_shows_its_checklists(page, site_url):
    page.goto(site_url + "fiches/pilotage/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Le pilotage interne"
    boxes = page.locator("input.kit-checklist__case")
    assert boxes.count() >= 20
    # Each checkbox is labelled: clicking the label ticks it.
    first = boxes.first
    page.locator(f"label[for='{first.get_attribute('id')}']").click()
    assert first.is_checked()
    assert page.evaluate("document.documentElement.lang") == "fr"


def test_axe_finds_nothing_on_the_content_of_a_sheet(page, site_url):
    page.goto(site_url + "fiches/pilotage/")
    violations = [v for v in axe_violations(page) if v["nodes"] and all(
        any(".md-content" in target or "article" in target or ".kit-" in target for target in node)
        for node in v["nodes"])]
    assert violations == []

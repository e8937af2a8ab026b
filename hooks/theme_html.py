"""MkDocs hook: valid HTML where the theme's markup is out of reach of a template block.

Material writes its two page-wide toggles (the navigation drawer and the search
overlay, hidden checkboxes) straight into base.html with autocomplete="off",
an attribute HTML does not allow on a checkbox (the Nu Html Checker reports it
on every page). No block or partial holds them, and a copy of base.html would
drift from the theme, so the attribute is taken out of the written page. It
kept Firefox from restoring the toggles' state on reload; Material's script
closes the drawer and the search on navigation anyway.
A change in Material's markup makes this a no-op, which the checker's test sees.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')


def valid_theme_markup(html: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return valid_theme_markup(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The theme's own pages (404.html); sitemap.xml and others are left as written.
    return valid_theme_markup(output_content) if template_name.endswith(".html") else output_content

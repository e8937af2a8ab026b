"""A Content-Security-Policy for every page, computed from the page as written.

Static hosting cannot send headers, so the policy is a `<meta http-equiv>`
placed first in `<head>`, before any script. Scripts run only from the site
itself ('self') or when they are one of the inline scripts the page holds as
built (Material's few lines in `<head>` and `<body>`), allowed by their
SHA-256 hash; no 'unsafe-inline', so an event handler or a script that
slipped into a page would not run. Nothing is loaded from another site.

Material and its extensions need inline styles (style attributes written by
its script), which are allowed: they cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html

_CHARSET = re.compile(r'\s*<meta charset="[^"]*">', re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _inline_scripts(page: str) -> tuple[list[str], bool]:
    """The exact text of every inline script a browser would run, and whether a form posts somewhere.

    libxml2's HTML parser (through lxml; HTML5 tokenisation since libxml2 2.14):
    a script's text is its raw text, as the browser hashes it, and a « <script »
    inside a comment or an attribute is no script. In C, six times quicker than
    html.parser over a page (this runs on every page of both copies of the site).
    """
    document = lxml.html.document_fromstring(page)
    scripts = [
        element.text or ""
        for element in document.iter("script")
        if element.get("src") is None and (element.get("type") or "").strip().lower() in _JAVASCRIPT_TYPES
    ]
    has_form_action = any(form.get("action") is not None for form in document.iter("form"))
    return scripts, has_form_action


def script_hash(script: str) -> str:
    """The CSP source that allows one inline script ('sha256-…')."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(page: str, *, offline: bool = False, extra_scripts: tuple[str, ...] = ()) -> str:
    """The policy of one page. offline: the copy opened from file:// (where 'self'
    may not name the folder, so file: is named too). extra_scripts: inline
    scripts that a script of the page writes into a frame of its own (which
    inherits the policy), such as the offline copy's worker shim."""
    scripts, has_form_action = _inline_scripts(page)
    hashes = sorted({script_hash(s) for s in (*scripts, *extra_scripts)})
    here = "'self' file:" if offline else "'self'"
    # The 404 page's search form goes to the home page; no other page sends a form.
    form_action = "'self'" if has_form_action else "'none'"
    return "; ".join([
        f"default-src {here}",
        " ".join([f"script-src {here}", *hashes]),
        f"style-src {here} 'unsafe-inline'",
        f"img-src {here} data:",
        f"font-src {here} data:",
        f"connect-src {here}",
        f"frame-src {here}",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {form_action}",
    ])


def with_policy(page: str, *, offline: bool = False, extra_scripts: tuple[str, ...] = ()) -> str:
    """The page with its policy early in <head>: after the character encoding
    declaration (which must come within the first 1024 bytes), before any script."""
    head = page.find("<head>")
    if head == -1:
        return page
    at = head + len("<head>")
    charset = _CHARSET.match(page, at)
    if charset:
        at = charset.end()
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page, offline=offline, extra_scripts=extra_scripts)}">'
    return page[:at] + meta + page[at:]

"""Diagrams drawn from the kit's data: who does what, and the phases timeline.

« Qui fait quoi » is inline SVG (no library, no request) followed by its
text equivalent, so that a screen reader user, a printed page and a reader
without images get the same information. The timeline is HTML boxes whose
sheets are links, so it needs no equivalent. The SVG is sized by its viewBox and
scales down to a phone's width; colours come from CSS classes (kit.css
companion `visuels.css`) so both palettes keep their contrast, with
presentation attributes as a fallback when the SVG is read alone.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape

from ..model.addresses import SHEETS_DIR
from ..model.content import Kit, Role
from .render import environment, plain
from ..model.typography import french_typography

WIDTH = 360  # viewBox width: about a phone's width, so text stays readable there
PADDING = 8
LINE = 17  # height of one line of 13 px text
CHAR_WIDTH = 7.0  # a generous average width of one character at 13 px
# The drawings' words are already in their text equivalents: indexing them
# again would rank the home page above the sheets (Material's search skips these).
_NOT_SEARCHED = "data-search-exclude"


def _wrap(text: str, width_px: float) -> list[str]:
    return textwrap.wrap(text, max(8, int(width_px / CHAR_WIDTH))) or [""]


def _text(x: float, y: float, lines: list[str], css: str, anchor: str = "start") -> str:
    """A <text> of several lines; y is the baseline of the first line."""
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" x="{x:g}" y="{y:g}" text-anchor="{anchor}" fill="currentColor">{spans}</text>'


def _svg(identifier: str, height: float, title: str, description: str, body: list[str]) -> str:
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kit-schema__image" role="img" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" height="{height:g}" '
        f'aria-labelledby="{identifier}-titre {identifier}-desc">',
        f'<title id="{identifier}-titre">{escape(title)}</title>',
        f'<desc id="{identifier}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ])


class _Box:
    """A role's box: its name in bold, its mission below, wrapped to the width."""

    def __init__(self, role: Role, x: float, width: float) -> None:
        self.role, self.x, self.width = role, x, width
        inner = width - 2 * PADDING
        self.name = _wrap(role.libelle, inner * 0.92)  # bold text is wider
        self.mission = _wrap(role.mission, inner)

    @property
    def height(self) -> float:
        return 2 * PADDING + (len(self.name) + len(self.mission)) * LINE + 4

    def draw(self, y: float, height: float, css: str) -> list[str]:
        mission_y = y + PADDING + 13 + len(self.name) * LINE + 4
        return [
            f'<rect class="kit-schema__boite {css}" x="{self.x:g}" y="{y:g}" width="{self.width:g}" '
            f'height="{height:g}" rx="6" fill="#ffffff" stroke="#3949ab" stroke-width="1.5"/>',
            _text(self.x + PADDING, y + PADDING + 13, self.name, "kit-schema__nom"),
            _text(self.x + PADDING, mission_y, self.mission, "kit-schema__texte"),
        ]


def roles_svg(roles: tuple[Role, ...]) -> str:
    """The coordinating role on top, the others in two columns, all joined by one line."""
    hub_role, others = roles[0], roles[1:]
    gap, column = 12, (WIDTH - 3 * 6) / 2
    hub = _Box(hub_role, 40, WIDTH - 80)
    body = hub.draw(6, hub.height, "kit-schema__boite--centre")
    y = 6 + hub.height + 2 * gap
    bus_x, bus_end = WIDTH / 2, 6 + hub.height
    stubs = []
    for start in range(0, len(others), 2):
        row = [_Box(role, 6 + i * (column + 6), column) for i, role in enumerate(others[start:start + 2])]
        height = max(box.height for box in row)
        for box in row:
            body += box.draw(y, height, "")
            edge = box.x + box.width if box.x < bus_x else box.x
            stubs.append((edge, y + PADDING + 9))
        bus_end = y + PADDING + 9
        y += height + gap
    lines = [f'<line class="kit-schema__lien" x1="{bus_x:g}" y1="{6 + hub.height:g}" '
             f'x2="{bus_x:g}" y2="{bus_end:g}" stroke="#3949ab" stroke-width="2"/>']
    lines += [f'<line class="kit-schema__lien" x1="{x:g}" y1="{sy:g}" x2="{bus_x:g}" y2="{sy:g}" '
              f'stroke="#3949ab" stroke-width="2"/>' for x, sy in stubs]
    description = (
        f"Schéma : « {hub_role.libelle} » en haut, relié à chacun des autres rôles : "
        + ", ".join(f"« {role.libelle} »" for role in others)
        + ". La liste qui suit le schéma détaille ce que fait chacun."
    )
    return _svg("kit-qui-fait-quoi", y - gap + 6, "Qui fait quoi dans la démarche",
                french_typography(description), lines + body)


def render_roles(kit: Kit) -> str:
    """The « Qui fait quoi » diagram and its text equivalent, as Markdown."""
    roles = kit.vocabulaire.roles
    if not roles:
        return ""
    items = "\n".join(f"- **{plain(role.libelle)}**\u00a0: {plain(role.mission)}" for role in roles)
    return (
        f'<div class="kit-schema kit-schema--roles" {_NOT_SEARCHED}>\n{roles_svg(roles)}\n</div>\n\n'
        f"Le schéma en texte\u00a0:\n\n{items}\n"
    )


def render_timeline(kit: Kit, prefix: str = f"{SHEETS_DIR}/") -> str:
    """The phases in order, each a box with its description and links to its sheets
    (prefix: the way from the page to the sheets' folder). HTML and text, no
    drawing: its words are body-sized and it is its own text equivalent."""
    return french_typography(environment().get_template("frise.md.j2").render(
        phases=[(phase, [f for f in kit.fiches if f.phase == phase.id]) for phase in kit.vocabulaire.phases],
        prefixe=prefix,
    ))

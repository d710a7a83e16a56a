"""The priority matrix of the action plan: effort against impact, one numbered dot per opportunity.

Dots of the same cell (the same effort and impact) are laid out in pixels around the cell's centre, the same way on
every build: a small grid in a quadrant, a zigzag along the quadrant line for a cell on one. The chart is made tall
enough, and wide enough (or its dots smaller, down to SHRINK), that no two dots overlap and no dot leaves its cell, so
a dot in a quadrant never crosses its line and a dot on a line always covers it.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

import altair as alt

from ..views.actions import PlannedOpportunity
from .common import PALETTE, wrap

# Effort and impact run from 1 to 5; the quadrants meet in the middle.
LOW, HIGH, MIDDLE = 1, 5, 3
# Pixels: a dot's diameter and the least gap between two dots and between a dot and its cell's edge; a dot of a cell
# on a line lies ACROSS pixels to one side or the other of it (less than its radius: it still covers the line).
DOT, GAP = 20, 3
PITCH = DOT + GAP
ACROSS = 0.4 * DOT
# Along a line, neighbours alternate sides; ALONG apart keeps them PITCH apart.
ALONG = max(DOT / 2 + GAP, math.sqrt(PITCH ** 2 - (2 * ACROSS) ** 2))
# Pixels per unit of effort and impact at least (the matrix as it was before crowds), and the least share of its
# size a dot keeps on a narrow screen before the chart scrolls sideways instead.
UNIT_X, UNIT_Y, SHRINK = 60, 84, 0.75
# The y axis and its title beside the plot, in pixels; the quadrants' names in lines of QUADRANT_CHARS characters.
AXIS, QUADRANT_CHARS, LINE = 60, 24, 13
# A journey's name in the legend, in lines of LEGEND_CHARS characters.
LEGEND_CHARS = 40


def _luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour (WCAG 2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def number_colour(colour: str) -> str:
    """White or near-black, whichever keeps the rank printed on a dot of this colour at 4.5:1 or more."""
    return "#ffffff" if 1.05 / (_luminance(colour) + 0.05) >= 4.5 else "#111111"


def row_id(journey_id: str, opportunity_id: str) -> str:
    """The id of an opportunity's row in the action plan's table, which its dot on the matrix links to."""
    return f"opportunity-{journey_id}-{opportunity_id}"


def offsets(count: int, effort: int, impact: int) -> list[tuple[float, float]]:
    """Where each of `count` dots of one cell goes, in pixels right and up from its centre: one dot on the centre; on
    a quadrant line, a zigzag along it (a dot on both lines, along the impact line); else a grid, rows from the top,
    the last row centred."""
    if count == 1:
        return [(0.0, 0.0)]
    if effort == MIDDLE or impact == MIDDLE:
        steps = [((i - (count - 1) / 2) * ALONG, ACROSS if i % 2 else -ACROSS) for i in range(count)]
        return [(round(a, 2), round(b, 2)) if impact == MIDDLE else (round(b, 2), round(a, 2)) for a, b in steps]
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    found = []
    for i in range(count):
        row, column = divmod(i, columns)
        in_row = min(columns, count - row * columns)
        found.append((round((column - (in_row - 1) / 2) * PITCH, 2), round(((rows - 1) / 2 - row) * PITCH, 2)))
    return found


def room(rows: list[dict[str, Any]]) -> tuple[float, float]:
    """Pixels per unit of effort and of impact that every cell's dots need: each dot and a gap inside its cell."""
    unit_x, unit_y = float(UNIT_X), float(UNIT_Y)
    for row in rows:
        unit_x = max(unit_x, 2 * (abs(row["dx"]) + DOT / 2 + GAP))
        unit_y = max(unit_y, 2 * (abs(row["dy"]) + DOT / 2 + GAP))
    return math.ceil(unit_x), math.ceil(unit_y)


_CORNERS: tuple[tuple[float, Literal["left", "right"], str, str], ...] = (
    (LOW - 0.45, "left", "quadrant_quick", "quadrant_fill"),
    (HIGH + 0.45, "right", "quadrant_major", "quadrant_thankless"),
)


def matrix_rows(items: list[PlannedOpportunity], words: dict[str, str]) -> list[dict[str, Any]]:
    """One row per opportunity with effort and impact, at its cell (x, y) with its dot's offset in pixels (dx right,
    dy up, see `offsets`), in rank order."""
    placed = [p for p in items if p.opportunity.effort is not None and p.opportunity.impact is not None]
    cells: dict[tuple[int | None, int | None], list[PlannedOpportunity]] = {}
    for item in placed:
        cells.setdefault((item.opportunity.effort, item.opportunity.impact), []).append(item)
    rows = []
    for (effort, impact), found in cells.items():
        assert effort is not None and impact is not None
        for item, (dx, dy) in zip(found, offsets(len(found), effort, impact), strict=True):
            opportunity = item.opportunity
            rows.append({
                "rank": item.rank, "label": str(item.rank), "idea": opportunity.idea,
                "pain_point": opportunity.pain_point, "journey": item.journey.id, "journey_title": item.journey.title,
                "touchpoint": item.touchpoint.title, "effort": effort, "impact": impact, "x": effort, "y": impact,
                "dx": dx, "dy": dy, "href": "#" + row_id(item.journey.id, opportunity.id),
                "votes": f"{opportunity.votes.quick_win} / {opportunity.votes.important}",
                "status": words.get(f"status_{item.status}", item.status),
                "description": f"{item.rank}. {opportunity.idea} ({item.journey.title}, {item.touchpoint.title})",
            })
    return sorted(rows, key=lambda row: row["rank"])


def _quadrants(words: dict[str, str], x: Any, y: Any, top: float, bottom: float) -> list[Any]:
    """The quadrants' names in their outer corners, in rows of their own above and below the cells: low effort on
    the left, high impact at the top."""
    return [alt.Chart(alt.Data(values=[
        {"x": at, "y": top, "name": wrap(words[upper], QUADRANT_CHARS)},
        {"x": at, "y": bottom, "name": wrap(words[lower], QUADRANT_CHARS)},
    ])).mark_text(fontWeight="bold", color="#555555", baseline="middle", align=align, lineHeight=LINE,
                  aria=False).encode(x=x("x"), y=y("y"), text="name:N")
        for at, align, upper, lower in _CORNERS]


def priority_matrix_spec(items: list[PlannedOpportunity], journeys: list[tuple[str, str]], description: str,
                         words: dict[str, str]) -> dict[str, Any]:
    """Effort (x) against impact (y), rules between the quadrants and their names in the corners; each dot is
    numbered with its rank in the action plan and coloured by journey; tooltips name the idea and the journey.

    `journeys` is (id, title) of every journey in order, for the legend, which lies under the matrix, a journey a line.
    """
    rows = matrix_rows(items, words)
    unit_x, unit_y = room(rows)
    lines = max(len(wrap(words[key], QUADRANT_CHARS)) for key in
                ("quadrant_quick", "quadrant_fill", "quadrant_major", "quadrant_thankless"))
    names = (LINE * lines + 8) / unit_y  # the rows of the quadrants' names, in units of impact
    ids = [jid for jid, _ in journeys]
    x_scale = alt.Scale(domain=[LOW - 0.5, HIGH + 0.5], nice=False, zero=False)
    y_scale = alt.Scale(domain=[LOW - 0.5 - names, HIGH + 0.5 + names], nice=False, zero=False)
    axis = alt.Axis(values=list(range(LOW, HIGH + 1)), grid=False)

    # Every layer names the same scale, axis and title, so Vega-Lite merges them into one axis each way.
    def x(field: str) -> alt.X:
        return alt.X(f"{field}:Q", title=words["effort_axis"], scale=x_scale, axis=axis)

    def y(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", title=words["impact_axis"], scale=y_scale, axis=axis)

    rules = alt.Chart(alt.Data(values=[{"at": MIDDLE}])).mark_rule(strokeDash=[5, 4], color="#777777", aria=False)
    tooltip = [alt.Tooltip("label:N", title="#"), alt.Tooltip("idea:N", title=words["idea"]),
               alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("effort:Q", title=words["effort"]), alt.Tooltip("impact:Q", title=words["impact"]),
               alt.Tooltip("votes:N", title=words["votes"]), alt.Tooltip("status:N", title=words["status"])]
    legend = alt.Legend(orient="bottom", direction="vertical", labelLimit=0, symbolType="circle",
                        labelExpr=f"{json.dumps({j: wrap(t, LEGEND_CHARS) for j, t in journeys})}[datum.value]")
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(ids))]
    colour = alt.Color("journey:N", sort=ids, title=words["journey"], legend=legend,
                       scale=alt.Scale(domain=ids, range=colours))
    # The rank in white on dark dots, in near-black on light ones (a value, not a second colour scale).
    dark = json.dumps([jid for jid, c in zip(ids, colours, strict=True) if number_colour(c) != "#ffffff"])
    # Offsets in pixels, times `shrink` (1, or less on a narrow screen, where dots and their numbers shrink too).
    dx, dy = alt.ExprRef(expr="datum.dx * shrink"), alt.ExprRef(expr="-datum.dy * shrink")
    base = alt.Chart(alt.Data(values=rows)).encode(x=x("x"), y=y("y"))
    # Each dot links to its row in the action plan; screen readers hear the rank, the idea and the journey.
    dots = base.mark_circle(opacity=1, cursor="pointer", xOffset=dx, yOffset=dy,
                            size=alt.ExprRef(expr=f"{DOT * DOT * math.pi / 4:.1f} * shrink * shrink")).encode(
        color=colour, tooltip=tooltip, href="href:N", description="description:N")
    numbers = base.mark_text(fontWeight="bold", fontSize=alt.ExprRef(expr="round(11 * shrink)"), baseline="middle",
                             cursor="pointer", aria=False, xOffset=dx, yOffset=dy).encode(
        text="label:N", tooltip=tooltip, href="href:N",
        color=alt.condition(f"indexof({dark}, datum.journey) >= 0", alt.value("#111111"), alt.value("#ffffff")))
    plot = 5 * unit_x
    quadrants = _quadrants(words, x, y, HIGH + 0.5 + names / 2, LOW - 0.5 - names / 2)
    chart = alt.layer(rules.encode(x=x("at")), rules.encode(y=y("at")), *quadrants, dots, numbers).properties(
        width="container", height=round(5 * unit_y + 2 * names * unit_y), description=description,
        usermeta={"journeys": {"minWidth": round(plot * SHRINK) + AXIS, "plotWidth": round(plot * SHRINK),
                               "unit": [unit_x, unit_y], "dot": DOT}},
    ).add_params(alt.param(name="shrink", expr=f"min(1, width / {plot})")).configure_view(stroke=None)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec

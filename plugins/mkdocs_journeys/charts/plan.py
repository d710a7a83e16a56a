"""The priority matrix of the action plan: effort against impact, one numbered dot per opportunity."""

from __future__ import annotations

import json
import math
from typing import Any, Literal

import altair as alt

from ..views.actions import PlannedOpportunity
from .common import PALETTE

# Effort and impact run from 1 to 5; the quadrants meet in the middle.
LOW, HIGH, MIDDLE = 1, 5, 3
# Dots on the same cell are set around it at RING from its centre, and never closer than KEEP to a quadrant line:
# a dot stays in its quadrant; a dot on a line (effort or impact 3) moves along that line only.
RING, KEEP = 0.22, 0.12


def row_id(journey_id: str, opportunity_id: str) -> str:
    """The id of an opportunity's row in the action plan's table, which its dot on the matrix links to."""
    return f"opportunity-{journey_id}-{opportunity_id}"


def spread(value: int, offset: float) -> float:
    """A coordinate moved by its dot's offset, kept on its own side of the quadrant line; a coordinate on the line
    moves along it only (its offset is zero across it, see _offsets)."""
    if value == MIDDLE:
        return round(value + offset, 4)
    low, high = (LOW - 0.4, MIDDLE - KEEP) if value < MIDDLE else (MIDDLE + KEEP, HIGH + 0.4)
    return round(min(max(value + offset, low), high), 4)


def _offsets(count: int, effort: int, impact: int) -> list[tuple[float, float]]:
    """Where each of `count` dots of one cell goes: a ring around it, or a row along the quadrant line it is on."""
    if count == 1:
        return [(0.0, 0.0)]
    if effort == MIDDLE or impact == MIDDLE:
        # Along the line, within the cell: a crowded cell packs its dots closer.
        step = min(RING, 2 * (0.5 - KEEP) / (count - 1))
        steps = [(i - (count - 1) / 2) * step for i in range(count)]
        return [(step, 0.0) if impact == MIDDLE else (0.0, step) for step in steps]
    return [(RING * math.cos(2 * math.pi * i / count), RING * math.sin(2 * math.pi * i / count))
            for i in range(count)]
_CORNERS: tuple[tuple[float, Literal["left", "right"], str, str], ...] = (
    (LOW - 0.4, "left", "quadrant_quick", "quadrant_fill"),
    (HIGH + 0.4, "right", "quadrant_major", "quadrant_thankless"),
)


def matrix_rows(items: list[PlannedOpportunity], words: dict[str, str]) -> list[dict[str, Any]]:
    """One row per opportunity with effort and impact; dots on the same cell are set around it in a ring."""
    placed = [p for p in items if p.opportunity.effort is not None and p.opportunity.impact is not None]
    cells: dict[tuple[int | None, int | None], list[PlannedOpportunity]] = {}
    for item in placed:
        cells.setdefault((item.opportunity.effort, item.opportunity.impact), []).append(item)
    rows = []
    for (effort, impact), found in cells.items():
        assert effort is not None and impact is not None
        for item, (dx, dy) in zip(found, _offsets(len(found), effort, impact), strict=True):
            opportunity = item.opportunity
            rows.append({
                "rank": item.rank, "label": str(item.rank), "idea": opportunity.idea,
                "pain_point": opportunity.pain_point, "journey": item.journey.id, "journey_title": item.journey.title,
                "touchpoint": item.touchpoint.title, "effort": effort, "impact": impact,
                "x": spread(effort, dx), "y": spread(impact, dy),
                "href": "#" + row_id(item.journey.id, opportunity.id),
                "votes": f"{opportunity.votes.quick_win} / {opportunity.votes.important}",
                "status": words.get(f"status_{item.status}", item.status),
                "description": f"{item.rank}. {opportunity.idea} ({item.journey.title}, {item.touchpoint.title})",
            })
    return sorted(rows, key=lambda row: row["rank"])


def priority_matrix_spec(items: list[PlannedOpportunity], journeys: list[tuple[str, str]], description: str,
                         words: dict[str, str]) -> dict[str, Any]:
    """Effort (x) against impact (y), rules between the quadrants and their names in the corners; each dot is
    numbered with its rank in the action plan and coloured by journey; tooltips name the idea and the journey.

    `journeys` is (id, title) of every journey in order, for the legend.
    """
    rows = matrix_rows(items, words)
    ids = [jid for jid, _ in journeys]
    scale = alt.Scale(domain=[LOW - 0.5, HIGH + 0.5], nice=False, zero=False)
    axis = alt.Axis(values=list(range(LOW, HIGH + 1)), grid=False)

    # Every layer names the same scale, axis and title, so Vega-Lite merges them into one axis each way.
    def x(field: str) -> alt.X:
        return alt.X(f"{field}:Q", title=words["effort_axis"], scale=scale, axis=axis)

    def y(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", title=words["impact_axis"], scale=scale, axis=axis)

    rules = alt.Chart(alt.Data(values=[{"at": MIDDLE}])).mark_rule(strokeDash=[5, 4], color="#777777", aria=False)
    # The quadrants' names in their outer corners: low effort on the left, high impact at the top.
    quadrants = [alt.Chart(alt.Data(values=[
        {"x": at, "y": HIGH + 0.35, "name": words[top]}, {"x": at, "y": LOW - 0.35, "name": words[bottom]},
    ])).mark_text(fontWeight="bold", color="#555555", baseline="middle", align=align, aria=False).encode(
        x=x("x"), y=y("y"), text="name:N")
        for at, align, top, bottom in _CORNERS]
    tooltip = [alt.Tooltip("label:N", title="#"), alt.Tooltip("idea:N", title=words["idea"]),
               alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("effort:Q", title=words["effort"]), alt.Tooltip("impact:Q", title=words["impact"]),
               alt.Tooltip("votes:N", title=words["votes"]), alt.Tooltip("status:N", title=words["status"])]
    colour = alt.Color("journey:N", sort=ids, title=words["journey"],
                       scale=alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))]),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320,
                                         labelExpr=f"{json.dumps(dict(journeys), ensure_ascii=True)}[datum.value]"))
    base = alt.Chart(alt.Data(values=rows)).encode(x=x("x"), y=y("y"))
    # Each dot links to its row in the action plan; screen readers hear the rank, the idea and the journey.
    dots = base.mark_circle(size=420, opacity=0.9, cursor="pointer").encode(
        color=colour, tooltip=tooltip, href="href:N", description="description:N")
    numbers = base.mark_text(color="#ffffff", fontWeight="bold", fontSize=11, baseline="middle", cursor="pointer",
                             aria=False).encode(text="label:N", tooltip=tooltip, href="href:N")
    chart = alt.layer(rules.encode(x=x("at")), rules.encode(y=y("at")),
                      *quadrants, dots, numbers).properties(
        width="container", height=420, description=description,
    ).configure_view(stroke=None)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec

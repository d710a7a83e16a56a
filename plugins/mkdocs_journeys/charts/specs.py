"""Vega-Lite specs built with Altair. Specs are plain dicts; pages embed them as escaped JSON.

The emotion curve lives in `curve`, the rounds overlaid in `compare`, what they share in `common`; this module has
the round overview's heatmap and the home page's trend, and names every chart for the renderer.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ..model import Journey, Scale
from ..model import format_number as number
from ..views.comparison import TouchpointHistory, TrendPoint
from .common import BANDS, EMPTY, NEGATIVE, PALETTE, POSITIVE, inline, lookup, mood, score_text
from .compare import rounds_overlay_spec
from .curve import emotion_curve_spec, kpi_rows, kpi_value_text

__all__ = ["BANDS", "PALETTE", "emotion_curve_spec", "heatmap_spec", "kpi_rows", "kpi_value_text", "mood", "number",
           "rounds_overlay_spec", "trend_spec"]


def heatmap_spec(journeys: list[Journey], histories: dict[str, list[TouchpointHistory]], round_id: str,
                 scale: Scale, description: str, words: dict[str, str],
                 links: dict[str, str] | None = None) -> dict[str, Any]:
    """Journeys (rows) by touchpoint position (columns), coloured by emotion on a diverging scale.

    Each cell also prints its score, so the chart does not rely on colour alone. `histories` are per journey
    id; the cell of each touchpoint is the one of `round_id` (empty when the round did not score it). `links`: the
    address of each journey's page (by id); a cell links to its touchpoint's column there (`#touchpoint-<id>`).
    """
    middle = (scale.lowest + scale.highest) / 2
    half = (scale.highest - scale.lowest) / 2
    rows = []
    for journey in journeys:
        for h in histories[journey.id]:
            cell = next((c for c in h.cells if c.round.id == round_id), None)
            emotion = cell.emotion if cell else None
            rows.append({
                "journey": journey.id, "journey_title": journey.title, "position": h.position + 1,
                "touchpoint": h.touchpoint.title, "emotion": emotion, "label": cell.label if cell else "",
                "score": "–" if emotion is None else f"{emotion:+d}" if emotion else "0",
                "description": f"{journey.title}, {h.touchpoint.title}: "
                               f"{score_text(emotion, cell.label if cell else '') or '–'}",
                **({"href": f"{links[journey.id]}#touchpoint-{h.touchpoint.id}"} if links else {}),
            })
    ids = [j.id for j in journeys]
    y = alt.Y("journey:N", sort=ids, title=None,
              axis=alt.Axis(labelExpr=lookup({j.id: j.title for j in journeys}), labelLimit=240))
    x = alt.X("position:O", title=words["position"], axis=alt.Axis(labelAngle=0))
    colours = alt.Scale(type="linear", domain=[scale.lowest, middle, scale.highest],
                        range=[NEGATIVE, "#f7f7f7", POSITIVE])
    legend = alt.Legend(title=words["emotion"], values=[pt.value for pt in scale.points],
                        labelExpr=lookup({str(pt.value): pt.label for pt in scale.points}))
    tooltip = [alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("score:N", title=words["emotion"]), alt.Tooltip("label:N", title=" ")]
    base = alt.Chart(alt.Data(name="cells")).encode(x=x, y=y)
    link = {"href": alt.Href("href:N")} if links else {}
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1, cursor="pointer" if links else "default").encode(
        color=alt.condition("isValid(datum.emotion)", alt.Color("emotion:Q", scale=colours, legend=legend),
                            alt.value(EMPTY)),
        tooltip=tooltip, description="description:N", **link,
    )
    # Strong colours get white text, pale ones dark text, so every score stays readable.
    text = base.mark_text(fontWeight="bold", aria=False, cursor="pointer" if links else "default").encode(
        text="score:N",
        color=alt.condition(f"isValid(datum.emotion) && abs(datum.emotion - {middle}) > {half / 2}",
                            alt.value("#ffffff"), alt.value("#222222")),
        tooltip=tooltip, **link,
    )
    # fit-x: the journey titles and the legend share the page's width with the cells instead of widening it.
    chart = alt.layer(cells, text).properties(
        width="container", height=alt.Step(34), description=description,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    ).configure_view(stroke=None)
    return inline(chart.to_dict(validate=False), {"cells": rows})


def trend_spec(journeys: list[Journey], trends: dict[str, list[TrendPoint]], scale: Scale, description: str,
               words: dict[str, str]) -> dict[str, Any]:
    """Each journey's average emotion per round as a line, one colour per journey."""
    rows = [{
        "journey": j.id, "journey_title": j.title, "round": p.round.id, "round_title": p.round.title,
        "average": p.average,
    } for j in journeys for p in trends[j.id]]
    rounds = trends[journeys[0].id] if journeys else []
    round_ids = [p.round.id for p in rounds]
    ids = [j.id for j in journeys]
    x = alt.X("round:O", sort=round_ids, scale=alt.Scale(domain=round_ids), title=words["round"],
              axis=alt.Axis(labelExpr=lookup({p.round.id: p.round.title for p in rounds}), labelAngle=0))
    y = alt.Y("average:Q", title=words["average_emotion"],
              scale=alt.Scale(domain=[scale.lowest, scale.highest], nice=False, zero=False),
              axis=alt.Axis(values=[pt.value for pt in scale.points],
                            labelExpr=lookup({str(pt.value): pt.label for pt in scale.points})))
    colour = alt.Color("journey:N", sort=ids, title=words["journey"],
                       scale=alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))]),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320,
                                         labelExpr=lookup({j.id: j.title for j in journeys})))
    tooltip = [alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("round_title:N", title=words["round"]),
               alt.Tooltip("average:Q", title=words["average_emotion"], format="+.2f")]
    base = alt.Chart(alt.Data(name="trend")).encode(x=x, y=y, color=colour).transform_filter(
        "isValid(datum.average)")
    chart = alt.layer(base.mark_line(strokeWidth=2.5), base.mark_point(filled=True, size=80).encode(
        shape=alt.Shape("journey:N", sort=ids, legend=None), tooltip=tooltip)).properties(
        width="container", height=260, description=description,
    ).configure_view(stroke=None)
    return inline(chart.to_dict(validate=False), {"trend": rows})



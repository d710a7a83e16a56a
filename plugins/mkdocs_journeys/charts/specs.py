"""Vega-Lite specs built with Altair. Specs are plain dicts; pages embed them as escaped JSON.

The emotion curve lives in `curve`, the rounds overlaid in `compare`, the round overview's heatmap in `heatmap`, what
they share in `common`; this module has the home page's trend, and names every chart for the renderer.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ..model import Journey, Scale
from ..model import format_number as number
from ..views.comparison import TrendPoint
from .common import BANDS, PALETTE, inline, lookup, mood, wrap
from .compare import rounds_overlay_spec
from .curve import emotion_curve_spec, kpi_rows, kpi_value_text
from .heatmap import heatmap_spec

# The trend's legend: a name's lines of characters, and the pixels of plot width per column of names.
LEGEND_CHARS, LEGEND_COLUMN = 28, 230

__all__ = ["BANDS", "PALETTE", "emotion_curve_spec", "heatmap_spec", "kpi_rows", "kpi_value_text", "mood", "number",
           "rounds_overlay_spec", "trend_spec"]


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
    # Whole names in lines of LEGEND_CHARS characters, in as many columns as the chart's width holds (one on a
    # phone): nothing cut off, nothing past the chart's box.
    legend = alt.Legend(orient="bottom", columns=alt.ExprRef(f"max(1, floor(width / {LEGEND_COLUMN}))"), labelLimit=0,
                        labelExpr=lookup({j.id: wrap(j.title, LEGEND_CHARS) for j in journeys}))
    colour = alt.Color("journey:N", sort=ids, title=words["journey"],
                       scale=alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))]),
                       legend=legend)
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



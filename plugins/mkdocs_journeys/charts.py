"""Vega-Lite specs built with Altair. Specs are plain dicts; pages embed them as escaped JSON."""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from .analysis import CurvePoint
from .model import Scale

# Distinguishable for the common forms of colour blindness (ColorBrewer-like blue/orange).
NEGATIVE, NEUTRAL, POSITIVE = "#d95f02", "#7f7f7f", "#1f78b4"
BANDS = ["#f3f5f9", "#e4e9f1"]


def _lookup(mapping: list[str] | dict[str, str]) -> str:
    """A Vega expression that looks a tick value up in a literal; json.dumps makes every text a safe literal."""
    return f"{json.dumps(mapping, ensure_ascii=True)}[datum.value]"


def emotion_curve_spec(points: list[CurvePoint], scale: Scale, description: str,
                       axis_title: str, touchpoint_title: str, notes_title: str) -> dict[str, Any]:
    """A line through every touchpoint's emotion, stages as shaded bands, peaks and dips as marked points."""
    rows = [{
        "position": p.position, "touchpoint": p.title, "stage": p.stage_title, "emotion": p.emotion,
        "label": p.label, "notes": p.notes, "mood": mood(p.emotion),
    } for p in points]
    stages: list[dict[str, Any]] = []
    for p in points:
        if stages and stages[-1]["stage"] == p.stage_title and stages[-1]["end"] == p.position - 0.5:
            stages[-1]["end"] = p.position + 0.5
        else:
            stages.append({"stage": p.stage_title, "start": p.position - 0.5, "end": p.position + 0.5,
                           "band": len(stages) % 2, "middle": p.position})
    for band in stages:
        band["middle"] = (band["start"] + band["end"]) / 2
    top = scale.highest + 0.75
    y_scale = alt.Scale(domain=[scale.lowest - 0.3, top], nice=False, zero=False)
    x_scale = alt.Scale(domain=[-0.5, max(len(points) - 0.5, 0.5)], nice=False, zero=False)
    x_axis = alt.Axis(values=list(range(len(points))), labelExpr=_lookup([p.title for p in points]),
                      labelAngle=-40, labelLimit=140, labelOverlap=False, title=None, grid=False)
    y_axis = alt.Axis(values=[pt.value for pt in scale.points], title=axis_title,
                      labelExpr=_lookup({str(pt.value): pt.label for pt in scale.points}))
    band_data = alt.Data(values=stages)
    bands = alt.Chart(band_data).mark_rect(opacity=1).encode(
        x=alt.X("start:Q", scale=x_scale, axis=x_axis), x2="end:Q",
        color=alt.Color("band:N", scale=alt.Scale(domain=[0, 1], range=BANDS), legend=None),
        tooltip=alt.value(None),
    )
    stage_names = alt.Chart(band_data).mark_text(fontWeight="bold", baseline="middle", limit=200).encode(
        x="middle:Q", y=alt.datum(scale.highest + 0.45), text="stage:N",
    )
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(strokeDash=[4, 4], color="#666").encode(
        y=alt.Y("zero:Q", scale=y_scale, axis=y_axis),
    ) if scale.lowest < 0 < scale.highest else None
    tooltip = [alt.Tooltip("touchpoint:N", title=touchpoint_title), alt.Tooltip("stage:N"),
               alt.Tooltip("label:N", title=axis_title), alt.Tooltip("notes:N", title=notes_title)]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("position:Q", scale=x_scale, axis=x_axis),
        y=alt.Y("emotion:Q", scale=y_scale, axis=y_axis),
    )
    line = base.mark_line(color="#34495e", strokeWidth=2.5).transform_filter("isValid(datum.emotion)")
    dots = base.mark_point(size=140, filled=True, opacity=1).encode(
        color=alt.Color("mood:N", scale=alt.Scale(domain=["negative", "neutral", "positive"],
                                                  range=[NEGATIVE, NEUTRAL, POSITIVE]), legend=None),
        # Shape repeats what colour says, so the curve reads without colour too.
        shape=alt.Shape("mood:N", scale=alt.Scale(domain=["negative", "neutral", "positive"],
                                                  range=["triangle-down", "circle", "triangle-up"]), legend=None),
        tooltip=tooltip,
    ).transform_filter("isValid(datum.emotion)")
    layers = [bands, stage_names] + ([zero] if zero is not None else []) + [line, dots]
    chart = alt.layer(*layers).resolve_scale(color="independent", shape="independent").properties(
        width="container", height=300, description=description,
    ).configure_view(stroke=None)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def mood(emotion: int | None) -> str:
    if emotion is None or emotion == 0:
        return "neutral"
    return "positive" if emotion > 0 else "negative"

"""A journey's emotion curve: stages as bands, the curve with a gap where a touchpoint has no score, its peaks and
dips marked on top, persona curves dashed, and KPIs in a panel of their own under the curve (never on the emotion
axis)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Final, Literal

import altair as alt

from ..model import Kpi, Scale
from ..model import format_number as number
from ..views.analysis import CurvePoint, KpiPoint
from .common import (
    DESCRIPTION,
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    X_LABELS,
    CurveFrame,
    curve_frame,
    fill,
    lookup,
    score_text,
    stage_bands,
    width_of,
    x_labels,
)

_PERSONA_LABELS = "@@journeys:persona-labels@@"
# Persona curves: colours apart from the overall curve's dark line and the blue and orange of peaks and dips,
# and a dash pattern each, so the lines differ without colour too.
PERSONA_COLOURS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
PERSONA_DASHES = [[6, 3], [2, 2], [10, 3, 2, 3], [1, 3], [12, 4]]
KPI_COLOUR = "#7b5ea7"
# The curve's height in pixels; KPIs get a panel of KPI_HEIGHT under it, KPI_GAP below the curve.
HEIGHT, KPI_HEIGHT, KPI_GAP = 300, 90, 26
MOODS = ["negative", "neutral", "positive"]
# The line breaks at an unscored touchpoint instead of running straight across it (Vega-Lite's `invalid`).
BREAK: Final[Literal["break-paths-filter-domains"]] = "break-paths-filter-domains"


def extremes(emotions: list[int | None]) -> list[str]:
    """'peak', 'dip' or '' per point: the local highs and lows of the curve. A run of equal scores (a plateau)
    counts as one point, compared with the scored points on either side of it, and is marked at its middle; the
    ends have one neighbour. Unscored points are skipped, and a curve with a single level has neither."""
    runs: list[tuple[int, list[int]]] = []
    for index, value in enumerate(emotions):
        if value is None:
            continue
        if runs and runs[-1][0] == value:
            runs[-1][1].append(index)
        else:
            runs.append((value, [index]))
    found = [""] * len(emotions)
    for i, (value, members) in enumerate(runs):
        neighbours = [runs[j][0] for j in (i - 1, i + 1) if 0 <= j < len(runs)]
        kind = "peak" if neighbours and all(value > n for n in neighbours) else \
            "dip" if neighbours and all(value < n for n in neighbours) else ""
        found[members[(len(members) - 1) // 2]] = kind
    return found


def _persona_layers(frame: CurveFrame, personas: int, words: dict[str, str]) -> list[Any]:
    """One dashed line per persona (dataset 'personas'), with a dot of text that carries a tooltip."""
    ids = [str(i) for i in range(personas)]
    legend = alt.Legend(orient="bottom", labelExpr=_PERSONA_LABELS, symbolStrokeWidth=2.5, symbolType="stroke")
    # The axes are set out by the stage bands' and the curve's layers; these share their scales and take them.
    base = alt.Chart(alt.Data(name="personas")).encode(
        x=alt.X("position:Q", scale=frame.x_scale),
        y=alt.Y("emotion:Q", scale=frame.y_scale),
        color=alt.Color("series:N", title=words["persona"], legend=legend, scale=alt.Scale(
            domain=ids, range=[PERSONA_COLOURS[i % len(PERSONA_COLOURS)] for i in range(personas)])),
    )
    line = base.mark_line(strokeWidth=2, opacity=0.9, invalid=BREAK, aria=False).encode(strokeDash=alt.StrokeDash(
        "series:N", title=words["persona"], legend=legend,
        scale=alt.Scale(domain=ids, range=[PERSONA_DASHES[i % len(PERSONA_DASHES)] for i in range(personas)])))
    tooltip = [alt.Tooltip("persona:N", title=words["persona"]), alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("label:N", title=words["emotion"])]
    # Text marks, not symbols: the overall curve's points stay the only symbols of the chart.
    dots = base.mark_text(text="●", fontSize=12, baseline="middle").encode(
        tooltip=tooltip, description="description:N").transform_filter("isValid(datum.emotion)")
    # A layer of their own, so line and dots share one colour scale, and colour and dash one legend.
    return [alt.layer(line, dots)]


def _kpi_layer(frame: CurveFrame, words: dict[str, str]) -> Any:
    """KPIs in a panel under the curve, over the same touchpoints: each as the share of its own scale (0 to 100 %),
    a bar for the value and a tick for the target."""
    top = HEIGHT + KPI_GAP
    kpi_scale = alt.Scale(domain=[0, 1], nice=False, zero=True, range=[top + KPI_HEIGHT, top])
    axis = alt.Axis(orient="right", values=[0, 0.5, 1], format="~%", title=words["kpi_axis"], grid=True,
                    gridDash=[2, 3], titleLimit=0, titleFontSize=10)
    tooltip = [alt.Tooltip("kpi:N", title=words["kpi"]), alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("value:N", title=words["kpi_value"]), alt.Tooltip("n:N", title=words["kpi_n"]),
               alt.Tooltip("target:N", title=words["kpi_target"])]
    base = alt.Chart(alt.Data(name="kpis")).encode(x=alt.X("x:Q", scale=frame.x_scale))
    bars = base.mark_bar(size=12, color=KPI_COLOUR).encode(
        y=alt.Y("share:Q", scale=kpi_scale, axis=axis), y2=alt.datum(0), tooltip=tooltip,
        description="description:N")
    targets = base.mark_tick(orient="horizontal", size=22, thickness=3, color="#222222", aria=False).encode(
        y=alt.Y("target_share:Q", scale=kpi_scale, axis=axis)).transform_filter("isValid(datum.target_share)")
    return alt.layer(bars, targets)


# What a point's row does not carry, worked out in the browser from what it does: the scale's word for its score, its
# mood (for colour and shape, as `mood`), its score in words (as `score_text`), its peak or dip in words, and the
# sentence a screen reader says for it.
MOOD = "!isValid(datum.emotion) || datum.emotion == 0 ? 'neutral' : datum.emotion > 0 ? 'positive' : 'negative'"
SCORE = ("isValid(datum.emotion) ? trim((datum.emotion > 0 ? '+' : '') + datum.emotion + ' ' + datum.label) : "
         "datum.label")
def label_of(scale: Scale) -> str:
    """The scale's word for a row's score (an empty text for no score), as `Scale.label`."""
    return f"{json.dumps({str(pt.value): pt.label for pt in scale.points})}[datum.emotion] || ''"


SAID = ("datum.touchpoint + ': ' + datum.score + (datum.extreme_label ? ' (' + datum.extreme_label + ')' : '') + "
        "(datum.notes ? '. ' + datum.notes : '')")


def _points_layer(frame: CurveFrame, tooltip: list[Any], words: dict[str, str], scale: Scale) -> Any:
    """Every scored touchpoint as a point coloured and shaped by its mood; peaks and dips larger and outlined."""
    extreme = f"{json.dumps({kind: words[f'chart_{kind}'] for kind in ('peak', 'dip')})}[datum.extreme] || ''"
    points = alt.Chart(alt.Data(name="points"), name="journeys_points").transform_calculate(
        label=label_of(scale)).transform_calculate(mood=MOOD).transform_calculate(score=SCORE).transform_calculate(extreme_label=extreme).transform_calculate(
        description=SAID)
    return points.mark_point(filled=True, opacity=1).encode(
        x=alt.X("position:Q", scale=frame.x_scale),  # the axes are the line's
        y=alt.Y("emotion:Q", scale=frame.y_scale),
        color=alt.Color("mood:N", scale=alt.Scale(domain=MOODS, range=[NEGATIVE, NEUTRAL, POSITIVE]), legend=None),
        # Shape repeats what colour says, so the curve reads without colour too.
        shape=alt.Shape("mood:N", scale=alt.Scale(domain=MOODS, range=["triangle-down", "circle", "triangle-up"]),
                        legend=None),
        size=alt.Size("extreme:N", scale=alt.Scale(domain=["", "peak", "dip"], range=[70, 260, 260]), legend=None),
        stroke=alt.condition("datum.extreme !== ''", alt.value("#1b1b1b"), alt.value(None)),
        strokeWidth=alt.condition("datum.extreme !== ''", alt.value(1.5), alt.value(0)),
        tooltip=tooltip, description="description:N",
    ).transform_filter("isValid(datum.emotion)")


@lru_cache(maxsize=256)
def _curve_skeleton(count: int, scale: Scale, axis_title: str, touchpoint_title: str, notes_title: str,
                    personas: int = 0, kpis: bool = False, extra: tuple[tuple[str, str], ...] = (),
                    stage_lines: int = 1) -> str:
    frame = curve_frame(count, scale, axis_title, stage_lines, [HEIGHT, 0] if kpis else None)
    words = {"emotion": axis_title, "touchpoint": touchpoint_title, **dict(extra)}
    tooltip = [alt.Tooltip("touchpoint:N", title=touchpoint_title), alt.Tooltip("stage:N", title=words["stage"]),
               alt.Tooltip("score:N", title=axis_title), alt.Tooltip("notes:N", title=notes_title),
               alt.Tooltip("extreme_label:N", title=" ")]
    line = alt.Chart(alt.Data(name="points")).mark_line(
        color="#34495e", strokeWidth=2.5, invalid=BREAK, aria=False).encode(
        x=alt.X("position:Q", scale=frame.x_scale, axis=frame.x_axis),
        y=alt.Y("emotion:Q", scale=frame.y_scale, axis=frame.y_axis))
    personas_layers = _persona_layers(frame, personas, words) if personas else []
    # Persona lines above the overall line, where they coincide with it; the points on top of everything, so no
    # mark covers a peak or a dip and pointing at a point always shows its own tooltip.
    curve = alt.layer(*frame.layers, line, *personas_layers, _points_layer(frame, tooltip, words, scale))
    # The personas' dashes and colours resolve in their own layer, which gives one legend for both.
    curve = curve.resolve_scale(color="independent", shape="independent", strokeDash="independent") if personas \
        else curve.resolve_scale(color="independent", shape="independent")
    # KPIs have their own y scale and axis, in a panel under the curve's; the curve's layers keep sharing theirs.
    chart = alt.layer(curve, _kpi_layer(frame, words)).resolve_scale(y="independent") if kpis else curve
    # A long journey keeps a readable step per touchpoint and scrolls sideways instead of squeezing its labels.
    width, usermeta = width_of(count)
    chart = chart.properties(width=width, height=HEIGHT + (KPI_GAP + KPI_HEIGHT if kpis else 0),
                             description=DESCRIPTION, usermeta=usermeta).configure_view(stroke=None)
    return json.dumps(chart.to_dict(validate=False))


def _rows(points: list[CurvePoint]) -> list[dict[str, Any]]:
    """The curve's data: each touchpoint with its score, notes and whether it is a peak or a dip (the rest is
    worked out in the browser, see MOOD)."""
    kinds = extremes([p.emotion for p in points])
    return [{"position": p.position, "touchpoint": p.title, "stage": p.stage_title, "emotion": p.emotion,
             "notes": p.notes, "extreme": kind} for p, kind in zip(points, kinds, strict=True)]



def emotion_curve_spec(points: list[CurvePoint], scale: Scale, description: str,
                       axis_title: str, touchpoint_title: str, notes_title: str,
                       personas: list[tuple[str, list[CurvePoint]]] | None = None,
                       kpis: list[KpiPoint] | None = None, words: dict[str, str] | None = None) -> dict[str, Any]:
    """A line through every touchpoint's emotion, stages as shaded bands, peaks and dips as marked points.

    `personas`: (name, curve) per persona scored separately, drawn as dashed lines with a legend. `kpis`: drawn in
    a panel under the curve as the share of each KPI's scale, the target as a tick. `words` holds their localised
    titles (persona, kpi, kpi_axis, kpi_value, kpi_n, kpi_target, stage, chart_peak, chart_dip) and the KPI texts.
    """
    personas, kpis, words = personas or [], kpis or [], words or {}
    keys = ("persona", "kpi", "kpi_axis", "kpi_value", "kpi_n", "kpi_target", "stage")
    extra = tuple((key, words.get(key, key.replace("_", " ").capitalize())) for key in keys) + tuple(
        (f"chart_{kind}", words.get(f"chart_{kind}", kind)) for kind in ("peak", "dip"))
    bands = stage_bands([(p.position, p.stage_title) for p in points])
    skeleton = _curve_skeleton(len(points), scale, axis_title, touchpoint_title, notes_title, len(personas),
                               bool(kpis), extra, max((len(b["lines"]) for b in bands), default=1))
    texts = {X_LABELS: x_labels([p.title for p in points]), DESCRIPTION: description}
    if personas:
        texts[_PERSONA_LABELS] = lookup({str(i): name for i, (name, _) in enumerate(personas)})
    persona_rows = [{
        "series": str(i), "persona": name, "position": p.position, "touchpoint": p.title, "emotion": p.emotion,
        "label": p.label, "description": f"{name}, {p.title}: {score_text(p.emotion, p.label)}",
    } for i, (name, curve) in enumerate(personas) for p in curve]
    return fill(skeleton, texts, {"points": _rows(points), "bands": bands, "personas": persona_rows,
                                  "kpis": kpi_rows(kpis, words)})


def kpi_rows(kpis: list[KpiPoint], words: dict[str, str]) -> list[dict[str, Any]]:
    """The KPI series: side by side where a touchpoint has several, each as a share of its own scale."""
    per_position: dict[int, list[KpiPoint]] = {}
    for point in kpis:
        per_position.setdefault(point.position, []).append(point)
    rows = []
    for position, found in per_position.items():
        for i, point in enumerate(found):
            kpi = point.kpi
            target = words.get("kpi_no_target", "–") if kpi.target is None else number(kpi.target) + " · " + (
                words.get("kpi_met", "met") if kpi.met else words.get("kpi_missed", "not met"))
            rows.append({
                "x": position + (i - (len(found) - 1) / 2) * 0.22, "kpi": kpi.label, "touchpoint": point.touchpoint,
                "share": round(kpi.share(), 4), "value": kpi_value_text(kpi),
                "n": "–" if kpi.n is None else str(kpi.n),
                "target_share": None if kpi.target is None else round(kpi.share(kpi.target), 4),
                "target": target,
                "description": f"{kpi.label}, {point.touchpoint}: {kpi_value_text(kpi)}; "
                               f"{words.get('kpi_target', 'Target')}: {target}",
            })
    return rows


def kpi_value_text(kpi: Kpi) -> str:
    """The value on its own scale, e.g. `4.3 (1–5)`."""
    return f"{number(kpi.value)} ({number(kpi.min)}–{number(kpi.max)})"

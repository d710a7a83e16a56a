"""Vega-Lite specs built with Altair. Specs are plain dicts; pages embed them as escaped JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt

from ..model import Journey, Kpi, Round, Scale
from ..model import format_number as number
from ..views.analysis import CurvePoint, KpiPoint
from ..views.comparison import TouchpointHistory, TrendPoint

# Distinguishable for the common forms of colour blindness (ColorBrewer-like blue/orange).
NEGATIVE, NEUTRAL, POSITIVE = "#d95f02", "#7f7f7f", "#1f78b4"
BANDS = ["#f3f5f9", "#e4e9f1"]
EMPTY = "#e6e6e6"
# Okabe and Ito's categorical palette, safe for the common colour blindnesses; yellow last (weak on white).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]


def _lookup(mapping: list[str] | dict[str, str]) -> str:
    """A Vega expression that looks a tick value up in a literal; json.dumps makes every text a safe literal."""
    return f"{json.dumps(mapping, ensure_ascii=True)}[datum.value]"


def _stage_bands(points: list[CurvePoint]) -> list[dict[str, Any]]:
    """One shaded band per run of touchpoints of the same stage, centred label position included."""
    stages: list[dict[str, Any]] = []
    for p in points:
        if stages and stages[-1]["stage"] == p.stage_title and stages[-1]["end"] == p.position - 0.5:
            stages[-1]["end"] = p.position + 0.5
        else:
            stages.append({"stage": p.stage_title, "start": p.position - 0.5, "end": p.position + 0.5,
                           "band": len(stages) % 2, "middle": p.position})
    for band in stages:
        band["middle"] = (band["start"] + band["end"]) / 2
    return stages


# Altair takes tens of milliseconds to build a layered chart, most of it copying and checking its own
# objects. A site has one curve per journey and they differ only in data, so each shape of chart is built
# once (per number of touchpoints, scale, labels and rounds) with tokens in place of the page's texts, and
# every page fills in its texts and data. The tokens cannot occur in real labels.
_X_LABELS, _DESCRIPTION = "@@journeys:x-labels@@", "@@journeys:description@@"
# Past this many touchpoints the curve gets LONG_STEP pixels per touchpoint and a horizontal scroll bar.
LONG_JOURNEY, LONG_STEP = 40, 18
_PERSONA_LABELS = "@@journeys:persona-labels@@"
# Persona curves: colours apart from the overall curve's dark line and the blue and orange of peaks and dips,
# and a dash pattern each, so the lines differ without colour too.
PERSONA_COLOURS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
PERSONA_DASHES = [[6, 3], [2, 2], [10, 3, 2, 3], [1, 3], [12, 4]]
KPI_COLOUR = "#7b5ea7"


def _fill(skeleton: str, texts: dict[str, str], data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A page's spec from a cached skeleton: its texts in place of the tokens, its rows in place of the
    skeleton's named data (inline in each layer, as Altair writes them)."""
    for token, text in texts.items():
        skeleton = skeleton.replace(json.dumps(token), json.dumps(text))
    return _inline(json.loads(skeleton), data)


def _inline(spec: dict[str, Any], data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Put rows in place of named data, at the top and in every layer. Altair never sees the rows: copying
    and checking thousands of them costs more than building the chart."""
    if spec.get("data", {}).get("name") in data:
        spec["data"] = {"values": data[spec["data"]["name"]]}
    for layer in spec.get("layer", []):
        _inline(layer, data)
    return spec


@dataclass(frozen=True)
class _CurveFrame:
    """What every curve chart shares: scales and axes over the touchpoints, stage bands, the zero line."""

    x_scale: alt.Scale
    x_axis: alt.Axis
    y_scale: alt.Scale
    y_axis: alt.Axis
    layers: list[Any]


def _curve_frame(count: int, scale: Scale, axis_title: str) -> _CurveFrame:
    """Axes over `count` touchpoints (labels from the token), bands from the dataset 'bands'."""
    top = scale.highest + 0.75
    y_scale = alt.Scale(domain=[scale.lowest - 0.3, top], nice=False, zero=False)
    x_scale = alt.Scale(domain=[-0.5, max(count - 0.5, 0.5)], nice=False, zero=False)
    x_axis = alt.Axis(values=list(range(count)), labelExpr=_X_LABELS,
                      labelAngle=-40, labelLimit=140, labelOverlap=False, title=None, grid=False)
    y_axis = alt.Axis(values=[pt.value for pt in scale.points], title=axis_title,
                      labelExpr=_lookup({str(pt.value): pt.label for pt in scale.points}))
    band_data = alt.Data(name="bands")
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
    return _CurveFrame(x_scale, x_axis, y_scale, y_axis, [bands, stage_names] + ([zero] if zero is not None else []))


def _persona_layers(frame: _CurveFrame, personas: int, words: dict[str, str]) -> list[Any]:
    """One dashed line per persona (dataset 'personas'), with a dot of text that carries a tooltip."""
    ids = [str(i) for i in range(personas)]
    legend = alt.Legend(orient="bottom", labelExpr=_PERSONA_LABELS, symbolStrokeWidth=2.5, symbolType="stroke")
    base = alt.Chart(alt.Data(name="personas")).encode(
        x=alt.X("position:Q", scale=frame.x_scale, axis=frame.x_axis),
        y=alt.Y("emotion:Q", scale=frame.y_scale, axis=frame.y_axis),
        color=alt.Color("series:N", title=words["persona"], legend=legend, scale=alt.Scale(
            domain=ids, range=[PERSONA_COLOURS[i % len(PERSONA_COLOURS)] for i in range(personas)])),
    ).transform_filter("isValid(datum.emotion)")
    line = base.mark_line(strokeWidth=2, opacity=0.9).encode(strokeDash=alt.StrokeDash(
        "series:N", title=words["persona"], legend=legend,
        scale=alt.Scale(domain=ids, range=[PERSONA_DASHES[i % len(PERSONA_DASHES)] for i in range(personas)])))
    tooltip = [alt.Tooltip("persona:N", title=words["persona"]), alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("label:N", title=words["emotion"])]
    # Text marks, not symbols: the overall curve's peaks and dips stay the only symbols of the chart.
    dots = base.mark_text(text="●", fontSize=12, baseline="middle").encode(tooltip=tooltip)
    # A layer of their own, so line and dots share one colour scale, and colour and dash one legend.
    return [alt.layer(line, dots)]


def _kpi_layer(frame: _CurveFrame, scale: Scale, words: dict[str, str]) -> Any:
    """KPIs on a second axis (share of each KPI's own scale): a bar for the value, a tick for the target."""
    # 0 % lines up with the lowest emotion and 100 % with the highest, so both axes share their gridlines' span.
    low, high = scale.lowest - 0.3, scale.highest + 0.75
    start, end = (scale.lowest - low) / (high - low), (scale.highest - low) / (high - low)
    span = 1 / (end - start)
    kpi_scale = alt.Scale(domain=[-start * span, (1 - start) * span], nice=False, zero=False)
    axis = alt.Axis(orient="right", values=[0, 0.25, 0.5, 0.75, 1], format="~%", title=words["kpi_axis"],
                    grid=False)
    tooltip = [alt.Tooltip("kpi:N", title=words["kpi"]), alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("value:N", title=words["kpi_value"]), alt.Tooltip("n:N", title=words["kpi_n"]),
               alt.Tooltip("target:N", title=words["kpi_target"])]
    base = alt.Chart(alt.Data(name="kpis")).encode(x=alt.X("x:Q", scale=frame.x_scale, axis=frame.x_axis),
                                                   tooltip=tooltip)
    bars = base.mark_bar(size=10, opacity=0.55, color=KPI_COLOUR).encode(
        y=alt.Y("share:Q", scale=kpi_scale, axis=axis))
    targets = base.mark_tick(orient="horizontal", size=20, thickness=3, color="#222222").encode(
        y=alt.Y("target_share:Q", scale=kpi_scale, axis=axis)).transform_filter("isValid(datum.target_share)")
    return alt.layer(bars, targets)


@lru_cache(maxsize=256)
def _curve_skeleton(count: int, scale: Scale, axis_title: str, touchpoint_title: str, notes_title: str,
                    personas: int = 0, kpis: bool = False, extra: tuple[tuple[str, str], ...] = ()) -> str:
    frame = _curve_frame(count, scale, axis_title)
    words = {"emotion": axis_title, "touchpoint": touchpoint_title, **dict(extra)}
    tooltip = [alt.Tooltip("touchpoint:N", title=touchpoint_title), alt.Tooltip("stage:N"),
               alt.Tooltip("label:N", title=axis_title), alt.Tooltip("notes:N", title=notes_title)]
    base = alt.Chart(alt.Data(name="points")).encode(
        x=alt.X("position:Q", scale=frame.x_scale, axis=frame.x_axis),
        y=alt.Y("emotion:Q", scale=frame.y_scale, axis=frame.y_axis),
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
    personas_layers = _persona_layers(frame, personas, words) if personas else []
    # Persona lines above the overall line, where they coincide with it, and below its points.
    curve = alt.layer(*frame.layers, line, *personas_layers, dots)
    # The personas' dashes and colours resolve in their own layer, which gives one legend for both.
    curve = curve.resolve_scale(color="independent", shape="independent", strokeDash="independent") if personas \
        else curve.resolve_scale(color="independent", shape="independent")
    # KPIs have their own y scale (a second axis on the right); the curve's layers keep sharing theirs.
    chart = alt.layer(curve, _kpi_layer(frame, scale, words)).resolve_scale(y="independent") if kpis else curve
    # A long journey keeps a readable step per touchpoint and scrolls sideways instead of squeezing its labels.
    width: Any = "container" if count <= LONG_JOURNEY else count * LONG_STEP
    chart = chart.properties(width=width, height=300, description=_DESCRIPTION).configure_view(stroke=None)
    return json.dumps(chart.to_dict(validate=False))


def emotion_curve_spec(points: list[CurvePoint], scale: Scale, description: str,
                       axis_title: str, touchpoint_title: str, notes_title: str,
                       personas: list[tuple[str, list[CurvePoint]]] | None = None,
                       kpis: list[KpiPoint] | None = None, words: dict[str, str] | None = None) -> dict[str, Any]:
    """A line through every touchpoint's emotion, stages as shaded bands, peaks and dips as marked points.

    `personas`: (name, curve) per persona scored separately, drawn as dashed lines with a legend. `kpis`: drawn
    on a second axis as the share of each KPI's scale, the target as a tick. `words` holds their localised
    titles (persona, kpi, kpi_axis, kpi_value, kpi_n, kpi_target) and the KPI texts (kpi_no_target).
    """
    personas, kpis, words = personas or [], kpis or [], words or {}
    rows = [{
        "position": p.position, "touchpoint": p.title, "stage": p.stage_title, "emotion": p.emotion,
        "label": p.label, "notes": p.notes, "mood": mood(p.emotion),
    } for p in points]
    extra = tuple((key, words[key]) for key in ("persona", "kpi", "kpi_axis", "kpi_value", "kpi_n", "kpi_target")
                  if key in words) if personas or kpis else ()
    skeleton = _curve_skeleton(len(points), scale, axis_title, touchpoint_title, notes_title, len(personas),
                               bool(kpis), extra)
    texts = {_X_LABELS: _lookup([p.title for p in points]), _DESCRIPTION: description}
    if personas:
        texts[_PERSONA_LABELS] = _lookup({str(i): name for i, (name, _) in enumerate(personas)})
    persona_rows = [{
        "series": str(i), "persona": name, "position": p.position, "touchpoint": p.title, "emotion": p.emotion,
        "label": p.label,
    } for i, (name, curve) in enumerate(personas) for p in curve]
    return _fill(skeleton, texts, {"points": rows, "bands": _stage_bands(points), "personas": persona_rows,
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
            rows.append({
                "x": position + (i - (len(found) - 1) / 2) * 0.22, "kpi": kpi.label, "touchpoint": point.touchpoint,
                "share": round(kpi.share(), 4), "value": kpi_value_text(kpi),
                "n": "–" if kpi.n is None else str(kpi.n),
                "target_share": None if kpi.target is None else round(kpi.share(kpi.target), 4),
                "target": words.get("kpi_no_target", "–") if kpi.target is None else number(kpi.target) + " · " + (
                    words.get("kpi_met", "met") if kpi.met else words.get("kpi_missed", "not met")),
            })
    return rows


def kpi_value_text(kpi: Kpi) -> str:
    """The value on its own scale, e.g. `4.3 (1–5)`."""
    return f"{number(kpi.value)} ({number(kpi.min)}–{number(kpi.max)})"


@lru_cache(maxsize=256)
def _overlay_skeleton(count: int, scale: Scale, rounds: tuple[tuple[str, str], ...],
                      words: tuple[str, str, str, str]) -> str:
    emotion, round_word, touchpoint_word, notes_word = words
    frame = _curve_frame(count, scale, emotion)
    ids = [round_id for round_id, _ in rounds]
    colour = alt.Color("round:N", sort=ids, title=round_word,
                       scale=alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))]),
                       legend=alt.Legend(orient="bottom", labelExpr=_lookup(dict(rounds)),
                                         symbolType="stroke", symbolStrokeWidth=3))
    emphasis = ["earlier", "newest"]
    base = alt.Chart(alt.Data(name="points")).encode(
        x=alt.X("position:Q", scale=frame.x_scale, axis=frame.x_axis),
        y=alt.Y("emotion:Q", scale=frame.y_scale, axis=frame.y_axis),
        color=colour,
    ).transform_filter("isValid(datum.emotion)")
    lines = base.mark_line().encode(
        detail="round:N",
        strokeWidth=alt.StrokeWidth("emphasis:N", scale=alt.Scale(domain=emphasis, range=[1.5, 4]), legend=None),
        opacity=alt.Opacity("emphasis:N", scale=alt.Scale(domain=emphasis, range=[0.55, 1]), legend=None),
    )
    tooltip = [alt.Tooltip("round_title:N", title=round_word), alt.Tooltip("touchpoint:N", title=touchpoint_word),
               alt.Tooltip("label:N", title=emotion), alt.Tooltip("notes:N", title=notes_word)]
    dots = base.mark_point(filled=True).encode(
        size=alt.Size("emphasis:N", scale=alt.Scale(domain=emphasis, range=[40, 120]), legend=None),
        opacity=alt.Opacity("emphasis:N", scale=alt.Scale(domain=emphasis, range=[0.6, 1]), legend=None),
        tooltip=tooltip,
    )
    # Rounds share one colour scale (one legend); the stage bands keep their own.
    chart = alt.layer(*frame.layers, alt.layer(lines, dots)).resolve_scale(color="independent").properties(
        width="container", height=340, description=_DESCRIPTION,
    ).configure_view(stroke=None)
    return json.dumps(chart.to_dict(validate=False))


def rounds_overlay_spec(points: list[CurvePoint], histories: list[TouchpointHistory], rounds: list[Round],
                        scale: Scale, description: str, words: dict[str, str]) -> dict[str, Any]:
    """The emotion curves of several rounds over one another, one colour per round, the newest drawn boldly.

    `points` is the curve of the newest round (it fixes the touchpoints and stage bands); `words` holds the
    localised titles of the axes, legend and tooltips (emotion, round, touchpoint, notes).
    """
    newest = rounds[-1].id if rounds else ""
    # Round by round, so the newest round is drawn last and lies on top of the older curves.
    rows = [{
        "round": cell.round.id, "round_title": cell.round.title, "position": h.position,
        "touchpoint": h.touchpoint.title, "stage": h.stage_title, "emotion": cell.emotion, "label": cell.label,
        "notes": cell.notes, "emphasis": "newest" if cell.round.id == newest else "earlier",
    } for r in rounds for h in histories for cell in h.cells if cell.round.id == r.id]
    skeleton = _overlay_skeleton(len(points), scale, tuple((r.id, r.title) for r in rounds),
                                 (words["emotion"], words["round"], words["touchpoint"], words["notes"]))
    return _fill(skeleton, {_X_LABELS: _lookup([p.title for p in points]), _DESCRIPTION: description},
                 {"points": rows, "bands": _stage_bands(points)})


def heatmap_spec(journeys: list[Journey], histories: dict[str, list[TouchpointHistory]], round_id: str,
                 scale: Scale, description: str, words: dict[str, str]) -> dict[str, Any]:
    """Journeys (rows) by touchpoint position (columns), coloured by emotion on a diverging scale.

    Each cell also prints its score, so the chart does not rely on colour alone. `histories` are per journey
    id; the cell of each touchpoint is the one of `round_id` (empty when the round did not score it).
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
            })
    ids = [j.id for j in journeys]
    y = alt.Y("journey:N", sort=ids, title=None,
              axis=alt.Axis(labelExpr=_lookup({j.id: j.title for j in journeys}), labelLimit=240))
    x = alt.X("position:O", title=words["position"], axis=alt.Axis(labelAngle=0))
    colours = alt.Scale(type="linear", domain=[scale.lowest, middle, scale.highest],
                        range=[NEGATIVE, "#f7f7f7", POSITIVE])
    legend = alt.Legend(title=words["emotion"], values=[pt.value for pt in scale.points],
                        labelExpr=_lookup({str(pt.value): pt.label for pt in scale.points}))
    tooltip = [alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("touchpoint:N", title=words["touchpoint"]),
               alt.Tooltip("score:N", title=words["emotion"]), alt.Tooltip("label:N", title=" ")]
    base = alt.Chart(alt.Data(name="cells")).encode(x=x, y=y)
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.condition("isValid(datum.emotion)", alt.Color("emotion:Q", scale=colours, legend=legend),
                            alt.value(EMPTY)),
        tooltip=tooltip,
    )
    # Strong colours get white text, pale ones dark text, so every score stays readable.
    text = base.mark_text(fontWeight="bold").encode(
        text="score:N",
        color=alt.condition(f"isValid(datum.emotion) && abs(datum.emotion - {middle}) > {half / 2}",
                            alt.value("#ffffff"), alt.value("#222222")),
        tooltip=tooltip,
    )
    # fit-x: the journey titles and the legend share the page's width with the cells instead of widening it.
    chart = alt.layer(cells, text).properties(
        width="container", height=alt.Step(34), description=description,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    ).configure_view(stroke=None)
    return _inline(chart.to_dict(validate=False), {"cells": rows})


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
              axis=alt.Axis(labelExpr=_lookup({p.round.id: p.round.title for p in rounds}), labelAngle=0))
    y = alt.Y("average:Q", title=words["average_emotion"],
              scale=alt.Scale(domain=[scale.lowest, scale.highest], nice=False, zero=False),
              axis=alt.Axis(values=[pt.value for pt in scale.points],
                            labelExpr=_lookup({str(pt.value): pt.label for pt in scale.points})))
    colour = alt.Color("journey:N", sort=ids, title=words["journey"],
                       scale=alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))]),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320,
                                         labelExpr=_lookup({j.id: j.title for j in journeys})))
    tooltip = [alt.Tooltip("journey_title:N", title=words["journey"]),
               alt.Tooltip("round_title:N", title=words["round"]),
               alt.Tooltip("average:Q", title=words["average_emotion"], format="+.2f")]
    base = alt.Chart(alt.Data(name="trend")).encode(x=x, y=y, color=colour).transform_filter(
        "isValid(datum.average)")
    chart = alt.layer(base.mark_line(strokeWidth=2.5), base.mark_point(filled=True, size=80).encode(
        shape=alt.Shape("journey:N", sort=ids, legend=None), tooltip=tooltip)).properties(
        width="container", height=260, description=description,
    ).configure_view(stroke=None)
    return _inline(chart.to_dict(validate=False), {"trend": rows})


def mood(emotion: int | None) -> str:
    """negative, neutral or positive, for colours and shapes."""
    if emotion is None or emotion == 0:
        return "neutral"
    return "positive" if emotion > 0 else "negative"

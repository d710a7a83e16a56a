"""The round overview's heatmap: a strip per journey, its stages as bands across the top, a cell per touchpoint in
journey order named under it, coloured by the round's emotion and printing its score; each cell links to its
touchpoint's column on the journey page."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any, Literal

import altair as alt

from ..model import Journey, Scale
from ..views.comparison import TouchpointHistory
from .common import (
    BANDS,
    EMPTY,
    LONG_JOURNEY,
    LONG_STEP,
    NEGATIVE,
    POSITIVE,
    X_LABELS,
    lookup,
    stage_bands,
    wrap,
    x_labels,
)

# A cell's score as it prints it: signed, or a dash when the round did not score it.
SCORE = "isValid(datum.emotion) ? (datum.emotion > 0 ? '+' : '') + datum.emotion : '–'"
# Pixels: the width of a touchpoint's cell (a long journey's are narrower, with its names on one line each), the
# height of a cell, and of a line of a stage's name in its band.
STEP, CELL, STAGE_LINE = 56, 34, 13
# Space between two journeys' strips, and the characters of a line of a journey's title.
SPACING, TITLE_CHARS = 22, 40
# The page's script fits the strips to their box: a touchpoint takes MIN_STEP to MAX_STEP pixels, the longest strip
# and the end of its last name (about MARGIN pixels) as wide as the box where they fit; below, the chart scrolls.
MIN_STEP, MAX_STEP, MARGIN = 48, 64, 110


def _step(count: int) -> int:
    return STEP if count <= LONG_JOURNEY else LONG_STEP


@lru_cache(maxsize=256)
def _strip_skeleton(count: int, stage_lines: int, linked: bool, scale: Scale,
                    words: tuple[str, str, str, str]) -> dict[str, Any]:
    """One journey's strip, with the touchpoints' names (the X_LABELS token) and its rows (datasets 'bands' and
    'cells') to fill in (by `_strip`: the skeleton is shared, never changed)."""
    emotion, journey_word, stage_word, touchpoint_word = words
    band = STAGE_LINE * max(stage_lines, 1) + 8
    x_scale = alt.Scale(domain=[-0.5, max(count - 0.5, 0.5)], nice=False, zero=False)
    # The names slant down to the right from their cells: a strip starts at the left edge of its box (on a phone, the
    # part in view), and what runs past its last cell is the last name's end.
    x_axis = alt.Axis(values=list(range(count)), labelExpr=X_LABELS, labelAngle=40, labelAlign="left",
                      labelBaseline="top", labelLimit=0, labelOverlap=False, labelLineHeight=11, labelFontSize=11,
                      title=None, grid=False, domain=False, tickColor="#888888")

    # The axis is set out once, by the bands' layer; the others share its scale and take it.
    def x(field: str, axis: Any = alt.Undefined) -> alt.X:
        return alt.X(f"{field}:Q", scale=x_scale, axis=axis, title=None)

    # Stage bands alternate two greys (values, not a scale: the emotion's colour scale is the only one, so the strips
    # share one legend).
    bands = alt.Chart(alt.Data(name="bands")).mark_rect(aria=False).encode(
        x=x("start", x_axis), x2="end:Q", y=alt.value(0), y2=alt.value(band),
        color=alt.condition("datum.band == 0", alt.value(BANDS[0]), alt.value(BANDS[1])))
    names = alt.Chart(alt.Data(name="bands")).mark_text(fontWeight="bold", baseline="top", lineHeight=STAGE_LINE,
                                                        aria=False, limit=0, fontSize=11).encode(
        x=x("middle"), y=alt.value(4), text="lines:N")
    middle = (scale.lowest + scale.highest) / 2
    half = (scale.highest - scale.lowest) / 2
    colours = alt.Scale(type="linear", domain=[scale.lowest, middle, scale.highest],
                        range=[NEGATIVE, "#f7f7f7", POSITIVE])
    # Each score of the scale as a square with its name: readable on a phone, where a gradient's labels crowd.
    legend = alt.Legend(title=emotion, type="symbol", values=[pt.value for pt in scale.points], symbolType="square",
                        symbolSize=160, symbolStrokeColor="#888888", symbolStrokeWidth=0.5, orient="top",
                        direction="horizontal", columns=3, labelLimit=0, columnPadding=14,
                        labelExpr=lookup({str(pt.value): pt.label for pt in scale.points}))
    tooltip = [alt.Tooltip("journey_title:N", title=journey_word), alt.Tooltip("stage:N", title=stage_word),
               alt.Tooltip("touchpoint:N", title=touchpoint_word), alt.Tooltip("score:N", title=emotion),
               alt.Tooltip("label:N", title=" ")]
    link = {"href": alt.Href("href:N")} if linked else {}
    cursor: Literal["pointer", "default"] = "pointer" if linked else "default"
    # The cells' rows are the strip's own data, shared by the cells and their scores; where a cell lies, and what a
    # screen reader says for it, the browser works out from them.
    placed = alt.Chart().transform_calculate(
        column="datum.position - 1", start="datum.position - 1.5", end="datum.position - 0.5",
        description="datum.journey_title + ', ' + datum.stage + ', ' + datum.touchpoint + ': ' + "
                    "(isValid(datum.emotion) ? trim(datum.score + ' ' + datum.label) : '–')")
    cells = placed.mark_rect(stroke="#ffffff", strokeWidth=2, cursor=cursor).encode(
        x=x("start"), x2="end:Q", y=alt.value(band), y2=alt.value(band + CELL),
        color=alt.condition("isValid(datum.emotion)", alt.Color("emotion:Q", scale=colours, legend=legend),
                            alt.value(EMPTY)),
        tooltip=tooltip, description="description:N", **link)
    # Strong colours get white text, pale ones dark text, so every score stays readable.
    scores = placed.mark_text(fontWeight="bold", aria=False, cursor=cursor).encode(
        x=x("column"), y=alt.value(band + CELL / 2), text="score:N",
        color=alt.condition(f"isValid(datum.emotion) && abs(datum.emotion - {middle}) > {half / 2}",
                            alt.value("#ffffff"), alt.value("#222222")),
        tooltip=tooltip, **link)
    chart = alt.layer(bands, names, cells, scores, data=alt.Data(name="cells")).properties(
        width=count * _step(count), height=band + CELL)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return {key: value for key, value in spec.items() if key not in ("$schema", "config")}


def _strip(shape: str, skeleton: dict[str, Any], labels: str, bands: str, cells: list[dict[str, Any]],
           derived: list[dict[str, str]]) -> dict[str, Any]:
    """A journey's strip: its rows and what the browser works out from them, and, by name, its shape's layers (the
    skeleton's, given once in the spec's usermeta), its stage bands' dataset and its touchpoints' names. journeys.js
    puts them together before the chart is drawn, as `unpacked` does: a site of 500 journeys has 500 strips on a
    round's overview, whose layers would otherwise be written out 500 times."""
    return {"layer": shape, "journeys": {"bands": bands, "labels": labels}, "width": skeleton["width"],
            "height": skeleton["height"], "data": {"values": cells}, "transform": derived}


def unpacked(spec: dict[str, Any]) -> dict[str, Any]:
    """The heatmap as the page's script hands it to Vega-Lite: each strip with its shape's layers, its own stage bands
    and its touchpoints' names (journeys.js does the same)."""
    shapes = spec["usermeta"]["journeys"]["strips"]["layers"]
    strips = []
    for strip in spec["vconcat"]:
        own, layers = strip["journeys"], []
        for layer in copy.deepcopy(shapes[strip["layer"]]):
            if layer.get("data", {}).get("name") == "bands":
                layer["data"] = {"name": own["bands"]}
            if layer["encoding"]["x"].get("axis"):
                layer["encoding"]["x"]["axis"]["labelExpr"] = own["labels"]
            layers.append(layer)
        strips.append({**{key: value for key, value in strip.items() if key != "journeys"}, "layer": layers})
    return {**spec, "vconcat": strips}


def _rows(found: list[TouchpointHistory], round_id: str, linked: bool) -> list[dict[str, Any]]:
    """A strip's cells: each touchpoint's place, names and score in the round (and its id, for its link)."""
    rows = []
    for h in found:
        cell = next((c for c in h.cells if c.round.id == round_id), None)
        rows.append({"position": h.position + 1, "touchpoint": h.touchpoint.title, "stage": h.stage_title,
                     "emotion": cell.emotion if cell else None, **({"tp": h.touchpoint.id} if linked else {})})
    return rows


def _derived(journey: Journey, link: str | None, label: str) -> list[dict[str, str]]:
    """What a strip's rows do not carry, worked out in the browser: the journey (the same for every cell of the
    strip), a cell's link to its touchpoint's column on the journey page, and its score as a number and in words."""
    found = [{"calculate": json.dumps(journey.id), "as": "journey"},
             {"calculate": json.dumps(journey.title), "as": "journey_title"}]
    if link is not None:
        found.append({"calculate": f"{json.dumps(f'{link}#touchpoint-')} + datum.tp", "as": "href"})
    return found + [{"calculate": label, "as": "label"}, {"calculate": SCORE, "as": "score"}]


def heatmap_spec(journeys: list[Journey], histories: dict[str, list[TouchpointHistory]], round_id: str,
                 scale: Scale, description: str, words: dict[str, str],
                 links: dict[str, str] | None = None) -> dict[str, Any]:
    """A strip per journey (a journey without touchpoints in the round has none): its stages as bands across the
    top, under them a cell per touchpoint in journey order, coloured by emotion on a diverging scale, and the
    touchpoint's whole name under its cell.

    Each cell also prints its score, so the chart does not rely on colour alone, and its tooltip names the journey,
    stage and touchpoint. `histories` are per journey id; the cell of each touchpoint is the one of `round_id` (empty
    when the round did not score it). `links`: the address of each journey's page (by id); a cell links to its
    touchpoint's column there (`#touchpoint-<id>`, the journey map's column).
    """
    strips: list[dict[str, Any]] = []
    # Touchpoints per strip, for the script that fits them to the page (0: a long journey keeps its fixed step).
    counts: list[int] = []
    key = (words["emotion"], words["journey"], words.get("stage", "Stage"), words["touchpoint"])
    label = f"{json.dumps({str(pt.value): pt.label for pt in scale.points})}[datum.emotion] || ''"
    # Stage bands by their rows: strips whose stages lie alike share one dataset.
    datasets: dict[str, list[dict[str, Any]]] = {}
    named: dict[str, str] = {}
    # The strips' shapes (touchpoints, lines of stage names), each shape's layers once.
    shapes: dict[tuple[int, int], str] = {}
    layers: dict[str, list[dict[str, Any]]] = {}
    for journey in journeys:
        found = histories[journey.id]
        if not found:
            continue
        bands = stage_bands([(h.position, h.stage_title) for h in found])
        name = named.setdefault(json.dumps(bands, sort_keys=True), f"bands-{len(named)}")
        datasets[name] = bands
        lines = max(len(b["lines"]) for b in bands)
        skeleton = _strip_skeleton(len(found), lines, links is not None, scale, key)
        shape = shapes.setdefault((len(found), lines), f"strip-{len(shapes)}")
        layers[shape] = skeleton["layer"]
        link = links[journey.id] if links else None
        strip = _strip(shape, skeleton, x_labels([h.touchpoint.title for h in found]), name,
                       _rows(found, round_id, link is not None), _derived(journey, link, label))
        strip["title"] = {"text": wrap(journey.title, TITLE_CHARS), "anchor": "start", "frame": "group",
                          "fontSize": 13, "offset": 6}
        strip["description"] = journey.title
        strips.append(strip)
        counts.append(len(found) if len(found) <= LONG_JOURNEY else 0)
    fit = {"counts": counts, "min": MIN_STEP, "max": MAX_STEP, "margin": MARGIN, "layers": layers}
    return {"$schema": alt.SCHEMA_URL, "description": description, "spacing": SPACING,
            "config": {"view": {"stroke": None}}, "usermeta": {"journeys": {"strips": fit}}, "datasets": datasets,
            "vconcat": strips}

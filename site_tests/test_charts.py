"""The emotion curve spec: touchpoints in journey order, stages as bands, scale labels, tooltips."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import drawn, layer_data
from mkdocs_journeys.charts.common import NEGATIVE, PALETTE, POSITIVE
from mkdocs_journeys.charts.curve import extremes
from mkdocs_journeys.charts.heatmap import unpacked
from mkdocs_journeys.charts.plan import DOT, MIDDLE, SHRINK, matrix_rows, number_colour, priority_matrix_spec, room
from mkdocs_journeys.charts.specs import emotion_curve_spec, heatmap_spec
from mkdocs_journeys.format.loader import load_catalog, without_private
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.model import (
    Catalog,
    Journey,
    Kpi,
    Observation,
    Opportunity,
    Round,
    Scale,
    ScalePoint,
    Stage,
    Touchpoint,
    TouchpointResult,
)
from mkdocs_journeys.render.renderer import Renderer
from mkdocs_journeys.views import comparison
from mkdocs_journeys.views.actions import PlannedOpportunity
from mkdocs_journeys.views.analysis import CurvePoint, KpiPoint, average_emotion, emotion_curve

SCALE = Scale(tuple(ScalePoint(v, label) for v, label in zip(range(-2, 3), "VN N 0 P VP".split(), strict=True)))


def journey() -> Journey:
    return Journey(
        id="j", title="J", service="S", source="j.md", personas=["p"],
        stages=[Stage("a", "Before"), Stage("b", "After </script>")],
        touchpoints=[Touchpoint("t1", "First", "a"), Touchpoint("t2", 'Sec"ond', "a"),
                     Touchpoint("t3", "Third", "b")],
    )


def titles(axis: dict[str, Any]) -> list[str]:
    """The titles an axis looks its labels up in (a JSON literal, so a quote cannot end the expression)."""
    literal = re.search(r"(\[.*\])\[datum\.value\]", axis["labelExpr"])
    assert literal, axis["labelExpr"]
    return list(json.loads(literal.group(1)))


def spec_for(results: dict[str, TouchpointResult]) -> dict[str, Any]:
    obs = Observation("j", "r1", "r.yml", results=results)
    return emotion_curve_spec(emotion_curve(journey(), obs, SCALE), SCALE, "desc", "Emotion", "Touchpoint", "Notes")


def test_points_follow_journey_order_with_labels_and_notes() -> None:
    spec = spec_for({"t1": TouchpointResult(2, "great"), "t2": TouchpointResult(-2, "bad"),
                     "t3": TouchpointResult(None, "")})
    rows = layer_data(spec, "point")
    assert [(r["position"], r["touchpoint"], r["emotion"]) for r in rows] == [
        (0, "First", 2), (1, 'Sec"ond', -2), (2, "Third", None)]
    assert rows[0]["notes"] == "great"
    # Peaks and dips differ in shape as well as colour; the browser works out a point's mood and its score in words
    # from its row. The unscored touchpoint has no point.
    points = drawn(spec, "journeys_points")
    assert [(p["shape"], p["fill"]) for p in points] == [("triangle-up", POSITIVE), ("triangle-down", NEGATIVE)]
    point = next(lyr for lyr in spec["layer"] if lyr["mark"]["type"] == "point")
    assert {t["field"] for t in point["encoding"]["tooltip"]} == {"touchpoint", "stage", "score", "notes",
                                                                  "extreme_label"}
    assert [p["description"].split(" (")[0] for p in points] == ["First: +2 VP", 'Sec"ond: -2 VN']
    assert point["encoding"]["shape"]["scale"]["range"] == ["triangle-down", "circle", "triangle-up"]
    # What the browser works out is not in the rows as well.
    assert not {"label", "mood", "score", "extreme_label", "description"} & set(rows[0])


def test_stages_are_bands_in_order_and_axes_use_scale_labels() -> None:
    spec = spec_for({"t1": TouchpointResult(1)})
    bands = layer_data(spec, "rect")
    assert [(b["stage"], b["start"], b["end"]) for b in bands] == [("Before", -0.5, 1.5),
                                                                     ("After </script>", 1.5, 2.5)]
    text = json.dumps(spec)
    assert '\\"VN\\"' in text and "datum.value" in text
    y_axis = next(lyr for lyr in spec["layer"] if lyr["mark"]["type"] == "line")["encoding"]["y"]["axis"]
    assert y_axis["values"] == [-2, -1, 0, 1, 2]
    # The label lookup is a JSON literal, so a quote in a title cannot end the expression early.
    x_axis = next(lyr for lyr in spec["layer"] if lyr["mark"]["type"] == "line")["encoding"]["x"]["axis"]
    assert titles(x_axis) == ["First", 'Sec"ond', "Third"]
    assert spec["description"] == "desc"


def test_average_ignores_unscored_touchpoints() -> None:
    obs = Observation("j", "r", "x", results={"a": TouchpointResult(2), "b": TouchpointResult(-1),
                                              "c": TouchpointResult(None)})
    assert average_emotion(obs) == 0.5
    assert average_emotion(None) is None


def test_charts_of_the_same_shape_keep_their_own_texts_and_data() -> None:
    """Specs are filled from a skeleton cached per shape; no page may see another page's titles or data."""
    first = spec_for({"t1": TouchpointResult(2, "first page")})
    other = Journey(id="k", title="K", service="S", source="k.md", personas=["p"], stages=[Stage("a", "Only")],
                    touchpoints=[Touchpoint("u1", "Uno", "a"), Touchpoint("u2", "Dos", "a"),
                                 Touchpoint("u3", "Tres", "a")])
    obs = Observation("k", "r1", "r.yml", results={"u1": TouchpointResult(-1, "second page")})
    second = emotion_curve_spec(emotion_curve(other, obs, SCALE), SCALE, "other desc", "Emotion", "Touchpoint",
                                "Notes")
    x_axis = next(lyr for lyr in second["layer"] if lyr["mark"]["type"] == "line")["encoding"]["x"]["axis"]
    assert titles(x_axis) == ["Uno", "Dos", "Tres"]
    assert second["description"] == "other desc" and first["description"] == "desc"
    assert [r["notes"] for r in layer_data(second, "point")] == ["second page", "", ""]
    assert [b["stage"] for b in layer_data(second, "rect")] == ["Only"]
    assert [r["notes"] for r in layer_data(spec_for({"t1": TouchpointResult(2, "first page")}), "point")][0] == \
        "first page"


# ---- charts that read at a glance ------------------------------------------------------------------------

def layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every unit layer of a spec, at any depth."""
    found = []
    for layer in spec.get("layer", []):
        found += layers(layer) if "layer" in layer else [layer]
    return found


def kpi_journey() -> tuple[list[CurvePoint], list[KpiPoint]]:
    """A curve with a KPI on a touchpoint that is also the curve's dip."""
    obs = Observation("j", "r1", "r.yml", results={"t1": TouchpointResult(2), "t2": TouchpointResult(-2, "bad")})
    points = emotion_curve(journey(), obs, SCALE)
    return points, [KpiPoint(1, 'Sec"ond', Kpi("csat", 4.2, 1, 5, n=30, target=4.5))]


def test_kpis_are_a_panel_of_their_own_under_the_curve_not_on_the_emotion_axis() -> None:
    points, kpis = kpi_journey()
    spec = emotion_curve_spec(points, SCALE, "d", "Emotion", "Touchpoint", "Notes", kpis=kpis, words={})
    units = layers(spec)
    bar = next(u for u in units if u["mark"]["type"] == "bar")
    emotion_y = next(u for u in units if u["mark"]["type"] == "point")["encoding"]["y"]["scale"]
    kpi_y = bar["encoding"]["y"]["scale"]
    # Each KPI on its own 0-100 % of scale, in pixels below the emotion's: the two ranges do not overlap.
    assert kpi_y["domain"] == [0, 1] and bar["encoding"]["y"]["axis"]["format"] == "~%"
    assert min(kpi_y["range"]) > max(emotion_y["range"]) and spec["height"] >= max(kpi_y["range"])
    assert layer_data(spec, "bar")[0]["share"] == 0.8
    # The points are drawn last: nothing covers a peak or a dip, and their tooltip is the one pointed at.
    assert [u["mark"]["type"] for u in units][-3:] == ["point", "bar", "tick"]
    curve = spec["layer"][0]["layer"]
    assert curve[-1]["mark"]["type"] == "point" and "tooltip" in curve[-1]["encoding"]


def test_names_are_whole_wrapped_never_cut() -> None:
    long = "Ein sehr langer Name eines Kontaktpunkts mit Überlänge"
    other = Journey(id="k", title="K", service="S", source="k.md", personas=["p"],
                    stages=[Stage("a", "Vor dem Besuch beim Arzt"), Stage("b", "Danach")],
                    touchpoints=[Touchpoint("u1", long, "a"), Touchpoint("u2", "Zwei", "b")])
    spec = emotion_curve_spec(emotion_curve(other, None, SCALE), SCALE, "d", "E", "T", "N")
    axis = layers(spec)[0]["encoding"]["x"]["axis"]
    # The whole name, broken into lines between words by Vega, and no limit that would cut it.
    assert axis["labelLimit"] == 0 and axis["labelOverlap"] is False
    assert titles(axis) == [long, "Zwei"]
    assert axis["labelExpr"].startswith("split(trim(replace(") and '(.{1,22})(\\\\s+|$)' in axis["labelExpr"]
    assert "…" not in json.dumps(spec)
    # A stage name is wrapped to fit its band (one touchpoint wide here); long words are split with a hyphen.
    bands = layer_data(spec, "rect")
    assert [" ".join(b["lines"]).replace("- ", "") for b in bands] == ["Vor dem Besuch beim Arzt", "Danach"]
    assert all(len(line) <= 6 for line in bands[0]["lines"])
    text = next(u for u in layers(spec) if u["mark"]["type"] == "text")
    assert text["encoding"]["text"]["field"] == "lines" and text["mark"]["limit"] == 0
    # Below its minimum width the chart keeps a step per touchpoint and scrolls (journeys.js reads usermeta).
    assert spec["width"] == "container" and spec["usermeta"]["journeys"]["plotWidth"] == 2 * 48


@pytest.mark.parametrize(("emotions", "expected"), [
    ([0, 2, 1, -2, 0], ["dip", "peak", "", "dip", "peak"]),  # the ends compare with their one neighbour
    ([2, 1, 1, 2], ["peak", "dip", "", "peak"]),  # a plateau is marked once, at its middle
    ([1, 1, 1, 0, -1, -1, 0], ["", "peak", "", "", "dip", "", "peak"]),
    ([1, None, -1, None, 1], ["peak", "", "dip", "", "peak"]),  # unscored points are skipped
    ([1, 1, 1], ["", "", ""]),
    ([None, 2], ["", ""]),
])
def test_peaks_and_dips_are_the_local_highs_and_lows(emotions: list[int | None], expected: list[str]) -> None:
    assert extremes(emotions) == expected


def test_unscored_touchpoints_are_gaps_and_points_say_what_they_are() -> None:
    spec = spec_for({"t1": TouchpointResult(2, "great"), "t2": TouchpointResult(None, "not asked"),
                     "t3": TouchpointResult(-1, "slow")})
    line = next(u for u in layers(spec) if u["mark"]["type"] == "line")
    # The line keeps the unscored row (no filter) and breaks at it instead of joining its neighbours.
    assert line["mark"]["invalid"] == "break-paths-filter-domains" and "transform" not in line
    assert [r["emotion"] for r in layer_data(spec, "line")] == [2, None, -1]
    point = next(u for u in layers(spec) if u["mark"]["type"] == "point")
    assert point["encoding"]["description"]["field"] == "description"
    assert [p["description"] for p in drawn(spec, "journeys_points")] == ["First: +2 VP (peak). great",
                                                                          "Third: -1 N (dip). slow"]
    # Marks that say nothing useful are hidden from screen readers.
    assert all(u["mark"].get("aria") is False for u in layers(spec) if u["mark"]["type"] in ("rect", "line", "rule"))


def heat_cells(strip: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The cells' layer of a heatmap strip (the rectangles that say what they are) and its rows."""
    rect = next(u for u in layers(strip) if u["mark"]["type"] == "rect" and "description" in u["encoding"])
    return rect, list(strip["data"]["values"])


def heatmap_of(journeys: list[Journey], results: dict[str, dict[str, TouchpointResult]]) -> dict[str, Any]:
    round_ = Round("r1", "Round 1", "2026-01-01", "2026-03-31", "closed", "rounds/r1/index.md")
    observations = {(jid, "r1"): Observation(jid, "r1", "r.yml", results=found) for jid, found in results.items()}
    catalog = Catalog(SCALE, [round_], {}, {j.id: j for j in journeys}, observations)
    histories = {j.id: comparison.touchpoint_histories(catalog, j, "r1") for j in journeys}
    words = {k: k for k in ("emotion", "journey", "stage", "touchpoint")}
    # As the page's script hands it to Vega-Lite: every strip with its layers.
    return unpacked(heatmap_spec(journeys, histories, "r1", SCALE, "d", words,
                                 {j.id: f"../../journeys/{j.id}/" for j in journeys}))


def test_heatmap_strips_of_one_shape_share_their_layers() -> None:
    """The layers of a strip are given once per shape (touchpoints, lines of stage names), in the spec's usermeta; a
    strip names them, its stage bands and its touchpoints' names."""
    twin = Journey(id="k", title="K", service="S", source="k.md", personas=[], stages=journey().stages,
                   touchpoints=[Touchpoint("u1", "Uno", "a"), Touchpoint("u2", "Dos", "a"),
                                Touchpoint("u3", "Tres", "b")])
    journeys = [journey(), twin]
    round_ = Round("r1", "Round 1", "2026-01-01", "2026-03-31", "closed", "rounds/r1/index.md")
    catalog = Catalog(SCALE, [round_], {}, {j.id: j for j in journeys}, {})
    histories = {j.id: comparison.touchpoint_histories(catalog, j, "r1") for j in journeys}
    packed = heatmap_spec(journeys, histories, "r1", SCALE, "d", {k: k for k in ("emotion", "journey", "stage",
                                                                                 "touchpoint")})
    assert list(packed["usermeta"]["journeys"]["strips"]["layers"]) == ["strip-0"]
    assert [s["layer"] for s in packed["vconcat"]] == ["strip-0", "strip-0"] and len(packed["datasets"]) == 1
    strips = unpacked(packed)["vconcat"]
    assert [titles(next(u["encoding"]["x"]["axis"] for u in s["layer"] if u["encoding"]["x"].get("axis")))
            for s in strips] == [["First", 'Sec"ond', "Third"], ["Uno", "Dos", "Tres"]]
    assert all("journeys" not in s for s in strips) and strips[0]["layer"] is not strips[1]["layer"]


def test_heatmap_cells_link_to_their_touchpoint_on_the_journey_page() -> None:
    spec = heatmap_of([journey()], {"j": {"t1": TouchpointResult(1)}})
    strip = spec["vconcat"][0]
    rect, rows = heat_cells(strip)
    # A cell's link is its journey page's (the same for the strip) and its touchpoint's column there.
    href = next(t["calculate"] for t in strip["transform"] if t["as"] == "href")
    assert href == '"../../journeys/j/#touchpoint-" + datum.tp' and [r["tp"] for r in rows] == ["t1", "t2", "t3"]
    # Screen readers hear the journey, stage, touchpoint and score, worked out in the browser from the row.
    said = next(t["calculate"] for t in rect["transform"] if t["as"] == "description")
    assert said == ("datum.journey_title + ', ' + datum.stage + ', ' + datum.touchpoint + ': ' + "
                    "(isValid(datum.emotion) ? trim(datum.score + ' ' + datum.label) : '–')")
    assert drawn(spec, "concat_0_layer_2")[0]["description"] == "J, Before, First: +1 P"
    assert (rows[0]["stage"], rows[0]["touchpoint"], rows[0]["emotion"]) == ("Before", "First", 1)
    # The journey and the words are the strip's, not repeated in every row.
    assert not {"journey", "journey_title", "href", "score", "label"} & set(rows[0])
    assert rect["encoding"]["href"]["field"] == "href"


def test_heatmap_names_each_journeys_stages_and_touchpoints() -> None:
    # Journeys of different lengths: each has a strip of its own, its columns named by its own touchpoints under
    # them and its stages above them; nothing numbers columns across journeys.
    other = Journey(id="k", title="K", service="S", source="k.md", personas=[], stages=[Stage("s", "Only stage")],
                    touchpoints=[Touchpoint("u1", "Alpha", "s"), Touchpoint("u2", "Beta", "s")])
    empty = Journey(id="e", title="E", service="S", source="e.md", personas=[], stages=[], touchpoints=[])
    spec = heatmap_of([journey(), other, empty], {"j": {"t2": TouchpointResult(-2)}, "k": {}})
    strips = spec["vconcat"]
    assert [s["title"]["text"] for s in strips] == [["J"], ["K"]]  # the journey without touchpoints has no strip
    assert spec["usermeta"]["journeys"]["strips"]["counts"] == [3, 2]
    for strip, names, stages in ((strips[0], ["First", 'Sec"ond', "Third"], ["Before", "After </script>"]),
                                 (strips[1], ["Alpha", "Beta"], ["Only stage"])):
        axis = next(u["encoding"]["x"]["axis"] for u in layers(strip) if u["encoding"]["x"].get("axis"))
        assert titles(axis) == names and axis["values"] == list(range(len(names)))
        bands = next(spec["datasets"][u["data"]["name"]] for u in layers(strip) if u["mark"]["type"] == "text"
                     and u["encoding"]["text"]["field"] == "lines")
        assert [b["stage"] for b in bands] == stages
        _, rows = heat_cells(strip)
        assert [r["touchpoint"] for r in rows] == names
    rect, rows = heat_cells(strips[0])
    # Every cell's tooltip names the journey, the stage and the touchpoint; a cell without a score is grey, "–".
    assert [t["field"] for t in rect["encoding"]["tooltip"]][:3] == ["journey_title", "stage", "touchpoint"]
    assert [(r["stage"], r["touchpoint"]) for r in rows] == [
        ("Before", "First"), ("Before", 'Sec"ond'), ("After </script>", "Third")]
    assert [t["text"] for t in drawn(spec, "concat_0_layer_3")] == ["–", "-2", "–"]
    # One colour scale, so one legend for every strip: the bands' greys are values, not a second scale.
    colours = [u["encoding"].get("color", {}) for s in strips for u in layers(s)]
    scales = [c for c in colours if "field" in c or "field" in c.get("condition", {})]
    assert len(scales) == 2 and all(c["condition"]["field"] == "emotion" for c in scales)


MATRIX_WORDS = {k: k for k in ("effort_axis", "impact_axis", "quadrant_quick", "quadrant_fill", "quadrant_major",
                                "quadrant_thankless", "idea", "journey", "touchpoint", "effort", "impact", "votes",
                                "status")}


@pytest.mark.parametrize("crowd", [
    [(2, 4)] * 8 + [(3, 4)] * 9 + [(3, 3)] * 3 + [(4, 2)] * 2,
    [(1, 1)] * 30 + [(3, 5)] * 12 + [(5, 3)] * 7 + [(2, 2), (4, 4)],
    [(e, i) for e in range(1, 6) for i in range(1, 6)] * 3,
])
def test_matrix_dots_never_overlap_nor_cross_a_quadrant_line(crowd: list[tuple[int, int]]) -> None:
    # Whatever the crowd: in pixels, at the matrix's least size per unit (room()), and smaller by SHRINK on a
    # phone (everything scales alike), no two dots overlap, each stays inside its cell, a dot in a quadrant keeps
    # to its side of both lines and a dot on a line covers it.
    items = [planned(f"o{i}", effort, impact) for i, (effort, impact) in enumerate(crowd)]
    rows = matrix_rows(items, {})
    unit_x, unit_y = room(rows)
    spec = priority_matrix_spec(items, [("j", "J")], "d", MATRIX_WORDS)
    assert spec["usermeta"]["journeys"]["unit"] == [unit_x, unit_y]
    centres = [(r["effort"] * unit_x + r["dx"], r["impact"] * unit_y + r["dy"]) for r in rows]
    for i, (a, b) in enumerate(centres):
        for c, d in centres[i + 1:]:
            assert math.hypot(a - c, b - d) >= DOT, "two dots overlap"
    for row, (cx, cy) in zip(rows, centres, strict=True):
        assert (row["x"], row["y"]) == (row["effort"], row["impact"])
        # A dot on both lines (effort and impact 3) moves along the impact line only.
        centre_cell = row["effort"] == row["impact"] == MIDDLE
        for value, centre, unit, along in ((row["effort"], cx, unit_x, centre_cell),
                                           (row["impact"], cy, unit_y, False)):
            assert abs(centre - value * unit) + DOT / 2 <= unit / 2, "a dot leaves its cell"
            line = MIDDLE * unit
            if along:
                continue
            if value == MIDDLE:
                assert abs(centre - line) < DOT / 2, "a dot of a cell on a line does not cover it"
            else:
                assert (centre - line) * (value - MIDDLE) > 0 and abs(centre - line) >= DOT / 2, "a dot crosses a line"
        assert row["href"] == f"#opportunity-j-{row['idea']}"
    # Laid out the same way on every build.
    assert matrix_rows(items, {}) == rows


def test_matrix_dots_link_to_their_rows_and_keep_their_numbers_readable() -> None:
    items = [planned("a", 1, 5), planned("b", 1, 5)]
    spec = priority_matrix_spec(items, [("j", "J")], "d", MATRIX_WORDS)
    dots = next(u for u in layers(spec) if u["mark"]["type"] == "circle")
    assert dots["encoding"]["href"]["field"] == "href" and dots["encoding"]["description"]["field"] == "description"
    assert dots["mark"]["xOffset"] == {"expr": "datum.dx * shrink"}
    # The rank on a dot keeps 4.5:1: white on the dark blue of the first journey, near-black on light colours.
    assert number_colour(PALETTE[0]) == "#ffffff" and number_colour("#F0E442") == "#111111"
    # On a narrow screen the dots shrink to SHRINK of their size, then the matrix scrolls sideways.
    meta = spec["usermeta"]["journeys"]
    assert meta["plotWidth"] == round(5 * meta["unit"][0] * SHRINK)


def planned(idea: str, effort: int, impact: int) -> PlannedOpportunity:
    """An opportunity of the test journey at (effort, impact), its id its idea."""
    opportunity = Opportunity(id=idea, journey="j", touchpoint="t1", pain_point="p", idea=idea, found_in="r1",
                              source="o.yml", effort=effort, impact=impact)
    return PlannedOpportunity(opportunity, journey(), journey().touchpoints[0], "open", "unvoted", 1)


# ---- page weight ------------------------------------------------------------------------------------------

def test_inline_specs_are_compact_and_give_shared_data_once() -> None:
    """The specs in a page are compact JSON (no indentation, no spaces after separators, letters unescaped); rows
    that several layers draw are in the spec's datasets, not repeated in each layer; a heatmap's strips name their
    shape's layers, given once."""
    docs = Path(__file__).resolve().parent.parent / "journeys"
    catalog, _ = load_catalog(docs, Options(docs_dir=docs).emotion_scale())
    catalog = without_private(catalog)
    renderer = Renderer(catalog, catalog.rounds[-1], "en", [])
    journey = catalog.journeys["clinic-visit"]
    pages = [renderer.journey(journey, "", lambda kind, item: f"../{kind}/{item}/"),
             renderer.compare(journey, "", lambda kind, item: f"../{kind}/{item}/"),
             renderer.round_page(catalog.rounds[-1], "", lambda kind, item: f"../../{kind}s/{item}/")]
    found = [raw for html in pages for raw in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>',
                                                         html, re.S)]
    assert len(found) == 3
    for raw in found:
        spec = json.loads(raw)
        compact = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
            compact = compact.replace(char, escaped)
        assert raw == compact
    assert journey.title in found[0]  # Cyrillic as it is, not \u escapes
    curve = json.loads(found[0])
    assert set(curve["datasets"]) == {"bands", "points"}
    assert not any("values" in layer.get("data", {}) and layer["data"]["values"] == curve["datasets"]["points"]
                   for layer in layers(curve))
    heatmap = json.loads(found[2])
    shapes = heatmap["usermeta"]["journeys"]["strips"]["layers"]
    assert all(isinstance(strip["layer"], str) and strip["layer"] in shapes for strip in heatmap["vconcat"])

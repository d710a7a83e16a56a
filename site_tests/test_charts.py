"""The emotion curve spec: touchpoints in journey order, stages as bands, scale labels, tooltips."""

from __future__ import annotations

import json
from typing import Any

from conftest import layer_data
from mkdocs_journeys.charts.specs import emotion_curve_spec
from mkdocs_journeys.model import Journey, Observation, Scale, ScalePoint, Stage, Touchpoint, TouchpointResult
from mkdocs_journeys.views.analysis import average_emotion, emotion_curve

SCALE = Scale(tuple(ScalePoint(v, label) for v, label in zip(range(-2, 3), "VN N 0 P VP".split(), strict=True)))


def journey() -> Journey:
    return Journey(
        id="j", title="J", service="S", source="j.md", personas=["p"],
        stages=[Stage("a", "Before"), Stage("b", "After </script>")],
        touchpoints=[Touchpoint("t1", "First", "a"), Touchpoint("t2", 'Sec"ond', "a"),
                     Touchpoint("t3", "Third", "b")],
    )


def spec_for(results: dict[str, TouchpointResult]) -> dict[str, Any]:
    obs = Observation("j", "r1", "r.yml", results=results)
    return emotion_curve_spec(emotion_curve(journey(), obs, SCALE), SCALE, "desc", "Emotion", "Touchpoint", "Notes")


def test_points_follow_journey_order_with_labels_and_notes() -> None:
    spec = spec_for({"t1": TouchpointResult(2, "great"), "t2": TouchpointResult(-2, "bad"),
                     "t3": TouchpointResult(None, "")})
    rows = layer_data(spec, "point")
    assert [(r["position"], r["touchpoint"], r["emotion"], r["label"]) for r in rows] == [
        (0, "First", 2, "VP"), (1, 'Sec"ond', -2, "VN"), (2, "Third", None, "")]
    assert rows[0]["notes"] == "great"
    # Peaks and dips differ in shape as well as colour.
    assert [r["mood"] for r in rows] == ["positive", "negative", "neutral"]
    point = next(lyr for lyr in spec["layer"] if lyr["mark"]["type"] == "point")
    assert {t["field"] for t in point["encoding"]["tooltip"]} == {"touchpoint", "stage", "label", "notes"}
    assert point["encoding"]["shape"]["scale"]["range"] == ["triangle-down", "circle", "triangle-up"]


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
    assert json.loads(x_axis["labelExpr"].removesuffix("[datum.value]")) == ["First", 'Sec"ond', "Third"]
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
    assert json.loads(x_axis["labelExpr"].removesuffix("[datum.value]")) == ["Uno", "Dos", "Tres"]
    assert second["description"] == "other desc" and first["description"] == "desc"
    assert [r["notes"] for r in layer_data(second, "point")] == ["second page", "", ""]
    assert [b["stage"] for b in layer_data(second, "rect")] == ["Only"]
    assert [r["notes"] for r in layer_data(spec_for({"t1": TouchpointResult(2, "first page")}), "point")][0] == \
        "first page"

"""`journeys export json`: the validated model, rounds chronological, results keyed by touchpoint id."""

from __future__ import annotations

import json

from conftest import FixtureSite


def test_export_json_shape_and_values(standard_site: FixtureSite) -> None:
    # A round dated earlier but named later still comes first: order is by period, not by name.
    standard_site.write("rounds/r0/index.md", "---\ntitle: Late name\nperiod: {start: '2025-10-01', "
                                              "end: '2025-12-31'}\nstatus: closed\n---\n")
    result = standard_site.journeys("export", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(r["id"], r["status"]) for r in data["rounds"]] == [("r0", "closed"), ("r1", "closed"), ("r2", "open")]
    assert data["rounds"][1]["title"] == "Round 1"
    assert [p["id"] for p in data["personas"]] == ["anna"]
    [journey] = data["journeys"]
    assert journey["id"] == "laptop" and journey["source"] == "docs/journeys/laptop.md"
    assert [(tp["id"], tp["stage"]) for tp in journey["touchpoints"]] == [
        ("form", "ask"), ("approval", "ask"), ("handover", "receive")]
    assert set(journey["rounds"]) == {"r1", "r2"}
    assert journey["rounds"]["r2"]["touchpoints"]["approval"] == {
        "emotion": -2, "notes": "Waited a week", "emotions": {}, "works": [], "change": [], "feedback": [], "kpis": []}
    assert journey["rounds"]["r2"]["service_stage"] == "" and journey["rounds"]["r2"]["photos"] == []
    assert journey["opportunities"] == []
    assert journey["rounds"]["r1"]["touchpoints"]["form"]["emotion"] == -1
    assert [p["value"] for p in data["scale"]] == [-2, -1, 0, 1, 2]


def test_export_refuses_invalid_sources(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r2/laptop.yml", "touchpoints: [1]\n")
    result = standard_site.journeys("export", "json")
    assert result.returncode == 1 and result.stdout == ""
    assert "docs/rounds/r2/laptop.yml:1:14: error: touchpoints: expected a mapping" in result.stderr

"""`journeys export csv`: tidy long-format rows for spreadsheets and BI tools."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from actions_fixture import PRIVATE, actions_site
from conftest import FixtureSite
from mkdocs_journeys.exchange.tidy import COLUMNS
from rounds_fixture import three_rounds


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_journey_round_touchpoint_and_measure(standard_site: FixtureSite) -> None:
    result = standard_site.journeys("export", "csv")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert tuple(rows[0]) == COLUMNS
    emotion = [(r["round"], r["position"], r["touchpoint"], r["value"]) for r in rows if r["measure"] == "emotion"]
    assert emotion == [("r1", "1", "form", "-1"), ("r1", "2", "approval", "-2"), ("r1", "3", "handover", "2"),
                       ("r2", "1", "form", "1"), ("r2", "2", "approval", "-2"), ("r2", "3", "handover", "2")]
    first = rows[0]
    assert (first["journey"], first["journey_title"], first["round_title"], first["round_end"], first["stage"],
            first["stage_title"], first["touchpoint_title"], first["min"], first["max"]) == \
        ("laptop", "Laptop request", "Round 1", "2026-01-28", "ask", "Ask", "Request form", "-2", "2")
    assert {r["measure"] for r in rows} == {"emotion", "feedback_count", "works_count", "change_count"}
    assert len(rows) == 2 * 3 * 4


def test_round_filter_and_unknown_round(standard_site: FixtureSite) -> None:
    rows = _rows(standard_site.journeys("export", "csv", "--round", "r2").stdout)
    assert rows and {r["round"] for r in rows} == {"r2"}
    bad = standard_site.journeys("export", "csv", "--round", "r9")
    assert bad.returncode == 2 and "no round 'r9'" in bad.stderr and "known: r1, r2" in bad.stderr and bad.stdout == ""


def test_kpis_personas_and_private_feedback(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    text = site.journeys("export", "csv", "--round", "r3").stdout
    assert PRIVATE not in text
    rows = _rows(text)
    approval = [r for r in rows if r["journey"] == "laptop" and r["touchpoint"] == "approval"]
    by_measure = {(r["measure"], r["persona"]): r for r in approval}
    assert by_measure[("emotion", "bob")]["value"] == "-2" and by_measure[("emotion", "anna")]["value"] == "1"
    csat = by_measure[("kpi_csat", "")]
    assert (csat["value"], csat["min"], csat["max"], csat["n"], csat["target"]) == ("4.2", "1", "5", "55", "4")
    handover = {r["kpi_name"]: r for r in rows if r["touchpoint"] == "handover" and r["measure"] == "kpi_custom"
                and r["journey"] == "laptop"}
    assert (handover["Minutes waited"]["min"], handover["Minutes waited"]["max"]) == ("60", "0")
    # The private survey answer at the form is neither shown nor counted.
    form = {r["measure"]: r["value"] for r in rows if r["touchpoint"] == "form" and r["journey"] == "laptop"
            and not r["persona"]}
    assert form["feedback_count"] == "3"


def test_text_stays_text_in_spreadsheets(standard_site: FixtureSite) -> None:
    journey = standard_site.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text("utf-8").replace(
        "title: Request form", "title: '=HYPERLINK(\"http://x\",\"a, b\")'").replace(
        "title: Laptop request", "title: \"@SUM(1)\\nsecond line\"").replace(
        "title: Ask}", "title: '-2+3'}").replace("title: Receive}", "title: \"\\tHandover, \\\"desk\\\"\"}"), "utf-8")
    rows = _rows(standard_site.journeys("export", "csv").stdout)
    assert rows[0]["stage_title"] == "'-2+3"
    assert rows[-1]["stage_title"] == "'\tHandover, \"desk\""
    assert rows[0]["touchpoint_title"] == "'=HYPERLINK(\"http://x\",\"a, b\")"
    assert rows[0]["journey_title"] == "'@SUM(1)\nsecond line"
    approval = next(r for r in rows if r["touchpoint"] == "approval" and r["measure"] == "emotion")
    assert approval["value"] == "-2"  # negative numbers stay numbers


def test_output_file_is_never_overwritten(standard_site: FixtureSite) -> None:
    target = standard_site.root / "data.csv"
    made = standard_site.journeys("export", "csv", "--excel", "-o", str(target))
    assert made.returncode == 0 and target.read_bytes().startswith(b"\xef\xbb\xbfjourney,")
    target.write_text("mine", "utf-8")
    again = standard_site.journeys("export", "csv", "-o", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert target.read_text("utf-8") == "mine"


def _number(value: Any) -> str:
    return "" if value is None else str(value)


def test_every_measure_agrees_with_the_json_export(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    model = json.loads(site.journeys("export", "json").stdout)
    rows = _rows(site.journeys("export", "csv").stdout)
    expected = []
    for journey in model["journeys"]:
        for round_id, found in journey["rounds"].items():
            for tp in journey["touchpoints"]:
                result = found["touchpoints"].get(tp["id"], {})
                key = (journey["id"], round_id, tp["id"])
                expected.append((*key, "emotion", "", "", _number(result.get("emotion"))))
                expected += [(*key, "emotion", persona, "", str(value))
                             for persona, value in result.get("emotions", {}).items()]
                expected += [(*key, f"kpi_{kpi['kind']}", "", kpi["name"], _number(kpi["value"]))
                             for kpi in result.get("kpis", [])]
                expected += [(*key, f"{part}_count", "", "", str(len(result.get(part, []))))
                             for part in ("feedback", "works", "change")]
    found = [(r["journey"], r["round"], r["touchpoint"], r["measure"], r["persona"], r["kpi_name"], r["value"])
             for r in rows]
    assert sorted(found) == sorted(expected)
    assert {r["measure"] for r in rows} >= {"emotion", "kpi_csat", "kpi_custom", "feedback_count"}


def test_touchpoints_as_the_round_knew_them(tmp_path: Path) -> None:
    rows = _rows(three_rounds(tmp_path).journeys("export", "csv").stdout)
    laptop = {(r["round"], r["touchpoint"]): r["position"] for r in rows
              if r["journey"] == "laptop" and r["measure"] == "emotion"}
    assert laptop == {("r1", "form"): "1", ("r1", "approval"): "2", ("r1", "handover"): "3",
                      ("r2", "form"): "1", ("r2", "approval"): "2", ("r2", "chat"): "3", ("r2", "handover"): "4",
                      ("r3", "form"): "1", ("r3", "chat"): "2", ("r3", "handover"): "3"}

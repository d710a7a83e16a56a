"""`journeys export csv`: tidy long-format rows for spreadsheets and BI tools."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from actions_fixture import PRIVATE, actions_site
from conftest import FixtureSite
from mkdocs_journeys.tidy import COLUMNS


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
    assert bad.returncode == 2 and "no round 'r9' (known rounds: r1, r2)" in bad.stderr and bad.stdout == ""


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
        "title: Laptop request", "title: \"@SUM(1)\\nsecond line\""), "utf-8")
    rows = _rows(standard_site.journeys("export", "csv").stdout)
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

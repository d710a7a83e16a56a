"""The estate benchmark runs end to end on a tiny estate: every figure measured, the report printed with its
targets, and the three edits seen by the served pages of `mkdocs serve` (so a change to the journey page's markup
or to MkDocs' serve log fails here, not in an hour-long run)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"


def test_estate_benchmark_measures_every_figure(tmp_path: Path) -> None:
    figures_file = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "estate.py"), "--journeys", "3,4", "--touchpoints", "3", "--rounds", "2",
         "--quick", "--timeout", "120", "--keep", str(tmp_path / "estate"), "--json", str(figures_file)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(figures_file.read_text("utf-8"))
    assert sorted(figures) == ["3", "4"]
    for key in ("mkdocs_build", "cold", "incremental", "serve_first", "preview_score", "preview_journey_body",
                "preview_persona_body", "rebuild_score", "journey_kb", "compare_kb", "home_kb", "search_kb",
                "round_mb"):
        assert figures["4"][key] > 0, key
    assert figures["4"]["pages"] > figures["3"]["pages"]
    report = done.stdout
    assert "3 journeys" in report and "4 journeys" in report
    for line in ("a score in the open round's file (s)", "journey page (KB)", "the whole round (MB)"):
        assert line in report
    assert "<= 80  met" in report  # a tiny journey page is far below its target
    assert "verdicts at 4 journeys are indicative" in report and "--quick" in report
    # The edits stayed in the project: the open round's file and the two bodies changed.
    site = tmp_path / "estate" / "journeys-4" / "estate" / "docs"
    assert "Journeyedit" in (site / "journeys" / "journey-0001.md").read_text("utf-8")
    assert "Personaedit" in (site / "personas" / "persona-1.md").read_text("utf-8")


def test_estate_report_judges_at_500_journeys() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from estate import parse_args
        from estate_report import report
    finally:
        sys.path.remove(str(BENCHMARKS))
    args = parse_args(["--journeys", "100,500"])
    columns = {100: {"journey_kb": 50.0, "incremental": 2.0}, 500: {"journey_kb": 197.0, "incremental": 27.0}}
    text = report(columns, args)
    journey = next(line for line in text.splitlines() if "journey page (KB)" in line)
    assert journey.split()[-6:] == ["50", "197", "<=", "80", "NOT", "met"], journey
    assert "verdict at 500" in text and "indicative" not in text
    assert "preview" not in text and "comparison page" not in text  # rows nobody measured are left out

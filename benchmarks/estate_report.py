"""The side-by-side table of estate.py: a column per number of journeys, the target of each row and whether the
run at TARGET_JOURNEYS (or the largest run, as indicative) meets it."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

from estate_site import GROUP_SIZE

TARGET_JOURNEYS = 500


@dataclass(frozen=True)
class Row:
    """A figure: its key in a column's figures, its label, decimals and target (at most), if it has one."""

    key: str
    label: str
    decimals: int = 1
    target: float | None = None


def sections(rounds: int) -> list[tuple[str, list[Row]]]:
    """The rows of the report, in sections."""
    return [
        ("builds", [
            Row("pages", "HTML pages in the newest round", 0),
            Row("mkdocs_build", "mkdocs build, newest round (s)"),
            Row("mkdocs_build_mib", "  peak memory (MiB)", 0),
            Row("cold", f"journeys build, {rounds} rounds, cold (s)"),
            Row("cold_mib", "  peak memory (MiB)", 0),
            Row("incremental", "journeys build after an open-round edit (s)", 1, 5),
            Row("incremental_mib", "  peak memory (MiB)", 0),
        ]),
        ("edit to preview under mkdocs serve (save -> served page)", [
            Row("serve_first", "first build (s)"),
            Row("preview_score", "a score in the open round's file (s)", 1, 3),
            Row("rebuild_score", "  of which the rebuild (serve log, s)"),
            Row("preview_journey_body", "a journey page's Markdown body (s)", 1, 3),
            Row("rebuild_journey_body", "  of which the rebuild (serve log, s)"),
            Row("preview_persona_body", "a persona page's Markdown body (s)", 1, 3),
            Row("rebuild_persona_body", "  of which the rebuild (serve log, s)"),
        ]),
        ("page weight, newest round (KB = 1,000 bytes)", [
            Row("journey_kb", "journey page (KB)", 0, 80),
            Row("compare_kb", "comparison page (KB)", 0, 120),
            Row("home_kb", "home page (KB)", 0, 300),
            Row("search_kb", "search/search_index.json (KB)", 0),
            Row("round_mb", "the whole round (MB)", 1, 120),
        ]),
        ("earlier targets", [
            Row("per_page", "plugin/plain Material per page (pages.py)", 2, 1.25),
            Row("twelve_rounds", "journeys build, 12 rounds x 25 tp, cold (s)", 0, 300),
            Row("twelve_rounds_mib", "  peak memory (MiB)", 0, 1024),
        ]),
    ]


def cell(value: float | None, decimals: int) -> str:
    return "-" if value is None else f"{value:.{decimals}f}"


def verdict(row: Row, value: float | None) -> str:
    if row.target is None:
        return ""
    if value is None:
        return "not measured"
    return "met" if value <= row.target else "NOT met"


def report(columns: dict[int, dict[str, float]], args: argparse.Namespace) -> str:
    """The table: a row per figure, a column per number of journeys, the target and the verdict."""
    sizes = sorted(columns)
    judged = TARGET_JOURNEYS if TARGET_JOURNEYS in columns else sizes[-1]
    width = 46
    lines = [f"{args.touchpoints} touchpoints, {args.rounds} rounds (the last open), journeys in groups of "
             f"{GROUP_SIZE} by service; plugin {f'at {args.code}' if args.code else 'from the working tree'}; "
             f"{os.cpu_count()} processors, Python {sys.version.split()[0]}", "",
             f"{'':{width}}" + "".join(f"{f'{n} journeys':>14}" for n in sizes) + f"{'target':>9}"
             + f"  verdict at {judged}"]
    for title, rows in sections(args.rounds):
        shown = [row for row in rows if any(row.key in columns[n] for n in sizes)]
        if not shown:
            continue
        lines += ["", title]
        for row in shown:
            values = "".join(f"{cell(columns[n].get(row.key), row.decimals):>14}" for n in sizes)
            target = "" if row.target is None else f"<= {row.target:g}"
            lines.append(f"  {row.label:{width - 2}}{values}{target:>9}  "
                         f"{verdict(row, columns[judged].get(row.key))}")
    if judged != TARGET_JOURNEYS:
        lines += ["", f"verdicts at {judged} journeys are indicative: the targets hold at {TARGET_JOURNEYS}"]
    if args.quick:
        lines += ["", "--quick: the earlier targets (pages.py, 12 rounds x 25 touchpoints cold) were skipped"]
    return "\n".join(lines)

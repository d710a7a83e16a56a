"""`since` and `retired` on touchpoints: known rounds, in order, and observations only while a touchpoint exists."""

from __future__ import annotations

from pathlib import Path

from rounds_fixture import LAPTOP, three_rounds
from test_validation import problems


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    result = three_rounds(tmp_path).journeys("check")
    assert result.returncode == 0, result.stderr


def test_unknown_rounds_are_errors_with_a_suggestion(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("journeys/laptop.md", LAPTOP.replace("since: r2", "since: r22").replace("retired: r3", "retired: r9"))
    lines = problems(site)
    assert "docs/journeys/laptop.md:10:66: error: touchpoints[1].retired: no round 'r9' (expected a folder " \
           "rounds/r9/ with an index.md); known: r1, r2, r3" in lines, lines
    assert "docs/journeys/laptop.md:11:53: error: touchpoints[2].since: no round 'r22' (expected a folder " \
           "rounds/r22/ with an index.md); did you mean 'r2'?" in lines, lines


def test_retired_must_come_after_since(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("journeys/laptop.md", LAPTOP.replace("since: r2}", "since: r2, retired: r1}"))
    lines = problems(site)
    assert "docs/journeys/laptop.md:11:66: error: touchpoints[2].retired: expected a round later than since 'r2', " \
           "found 'r1', an earlier round (rounds are ordered by their period)" in lines, lines
    site.write("journeys/laptop.md", LAPTOP.replace("since: r2}", "since: r2, retired: r2}"))
    assert any("touchpoints[2].retired: expected a round later than since 'r2', found 'r2', the same round" in line
               for line in problems(site))


def test_a_round_cannot_score_a_touchpoint_that_does_not_exist_in_it(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("rounds/r1/laptop.yml", "touchpoints:\n  form: {emotion: 1}\n  chat: {emotion: 1}\n")
    site.write("rounds/r3/laptop.yml", "touchpoints:\n  approval: {emotion: 1}\n")
    lines = problems(site)
    assert "docs/rounds/r1/laptop.yml:3:3: error: touchpoints.chat: touchpoint 'chat' of journey 'laptop' does not " \
           "exist in round 'r1' (since: r2 in docs/journeys/laptop.md); remove its findings here or change its " \
           "since/retired" in lines, lines
    assert any(line.startswith("docs/rounds/r3/laptop.yml:2:3: error: touchpoints.approval:")
               and "(retired: r3 in docs/journeys/laptop.md)" in line for line in lines), lines


def test_a_broken_round_is_reported_once(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("rounds/r2/index.md", "---\ntitle: Round 2\nstatus: open\n---\n")  # no period
    lines = problems(site)
    assert any(line.startswith("docs/rounds/r2/index.md:") and "missing required key 'period'" in line
               for line in lines), lines
    assert not any("no round 'r2'" in line for line in lines), lines


def test_strict_build_fails_on_an_unknown_round(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("journeys/laptop.md", LAPTOP.replace("since: r2", "since: r22"))
    built = site.build()
    assert built.code == 1
    assert "docs/journeys/laptop.md:11:53: error: touchpoints[2].since: no round 'r22'" in built.output

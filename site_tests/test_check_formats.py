"""`journeys check --format github|gitlab|text`: the same problems in the annotation format of each CI system."""

from __future__ import annotations

import json
import re

from conftest import FixtureSite
from mkdocs_journeys.exchange.ci_formats import github
from mkdocs_journeys.format.problems import Problem


def _broken(site: FixtureSite) -> FixtureSite:
    site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 9}\n  nowhere: {emotion: 1}\n")
    return site


def test_text_is_the_default(standard_site: FixtureSite) -> None:
    result = _broken(standard_site).journeys("check")
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"docs/rounds/r2/laptop\.yml:2:\d+: error: touchpoints\.form\.emotion: .*found 9", lines[0])
    assert lines[1].startswith("docs/rounds/r2/laptop.yml:3:") and "nowhere" in lines[1]
    assert lines[-1] == "2 problems found."
    assert _broken(standard_site).journeys("check", "--format", "text").stderr == result.stderr


def test_github_workflow_commands(standard_site: FixtureSite) -> None:
    result = _broken(standard_site).journeys("check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first = re.fullmatch(r"::error file=docs/rounds/r2/laptop\.yml,line=2,col=(\d+),title=journeys::(.*)", lines[0])
    assert first and "touchpoints.form.emotion" in first.group(2)
    assert lines[1].startswith("::error file=docs/rounds/r2/laptop.yml,line=3,col=")


def test_github_escapes_what_would_end_or_split_a_command() -> None:
    # A problem never holds a line break (it is written as \\n), so a command always stays one line; `%` and the
    # property separators `,` and `:` are escaped as GitHub decodes them.
    out = github([Problem("a,b:c%.yml", 1, 2, "50% done\nsecond line\r")])
    assert out == "::error file=a%2Cb%3Ac%25.yml,line=1,col=2,title=journeys::50%25 done\\nsecond line\\r\n"


def test_gitlab_code_quality_report(standard_site: FixtureSite) -> None:
    result = _broken(standard_site).journeys("check", "--format", "gitlab")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(e["location"]["path"], e["location"]["lines"]["begin"]) for e in report] == \
        [("docs/rounds/r2/laptop.yml", 2), ("docs/rounds/r2/laptop.yml", 3)]
    assert all(e["check_name"] == "journeys" and e["severity"] == "major" for e in report)
    assert len({e["fingerprint"] for e in report}) == 2
    # A fingerprint follows the problem, not its line: an edit above it does not make it a new problem.
    standard_site.write("rounds/r2/laptop.yml",
                        "# a comment\ntouchpoints:\n  form: {emotion: 9}\n  nowhere: {emotion: 1}\n")
    moved = json.loads(standard_site.journeys("check", "--format", "gitlab").stdout)
    assert [e["fingerprint"] for e in moved] == [e["fingerprint"] for e in report]
    assert [e["location"]["lines"]["begin"] for e in moved] == [3, 4]


def test_clean_sources_give_empty_reports(standard_site: FixtureSite) -> None:
    assert standard_site.journeys("check", "--format", "github").stdout == ""
    clean = standard_site.journeys("check", "--format", "gitlab")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []

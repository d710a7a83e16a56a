"""Closed rounds keep their history: a changed closed round fails the check until reopened on purpose."""

from __future__ import annotations

import json

from conftest import FixtureSite


def test_close_locks_the_round_and_a_change_fails_check_and_build(standard_site: FixtureSite) -> None:
    index = standard_site.docs / "rounds/r2/index.md"
    closed = standard_site.journeys("round", "close", "r2")
    assert closed.returncode == 0, closed.stderr
    assert "docs/rounds/r2/index.md: status open -> closed" in closed.stdout
    assert "status: closed" in index.read_text()
    lock = json.loads((standard_site.root / "journeys.lock").read_text())
    assert set(lock["rounds"]["r2"]["files"]) == {"index.md", "laptop.yml"}
    assert standard_site.journeys("check").returncode == 0

    observation = standard_site.docs / "rounds/r2/laptop.yml"
    observation.write_text(observation.read_text().replace("emotion: 2", "emotion: 1"))
    check = standard_site.journeys("check")
    assert check.returncode == 1
    assert ("docs/rounds/r2/laptop.yml:1:1: error: this file was changed after the round was closed: round 'r2' "
            "is closed (journeys.lock)") in check.stderr
    assert "journeys round reopen r2" in check.stderr
    built = standard_site.build()
    assert built.code == 1 and "docs/rounds/r2/laptop.yml:1:1: error: this file was changed" in built.output

    standard_site.write("rounds/r2/extra.yml", "touchpoints: {}\n")
    assert "docs/rounds/r2/extra.yml:1:1: error: this file was added" in standard_site.journeys("check").stderr


def test_reopen_says_what_changes_and_unlocks(standard_site: FixtureSite) -> None:
    assert standard_site.journeys("round", "close", "r2").returncode == 0
    observation = standard_site.docs / "rounds/r2/laptop.yml"
    observation.write_text(observation.read_text().replace("emotion: 2", "emotion: 1"))
    reopened = standard_site.journeys("round", "reopen", "r2")
    assert reopened.returncode == 0, reopened.stderr
    assert "docs/rounds/r2/laptop.yml: changed since the round was closed" in reopened.stdout
    assert "docs/rounds/r2/index.md: status closed -> open" in reopened.stdout
    assert "status: open" in (standard_site.docs / "rounds/r2/index.md").read_text()
    assert json.loads((standard_site.root / "journeys.lock").read_text())["rounds"] == {}
    assert standard_site.journeys("check").returncode == 0


def test_close_refuses_unknown_rounds_and_invalid_sources(standard_site: FixtureSite) -> None:
    unknown = standard_site.journeys("round", "close", "r9")
    assert unknown.returncode == 2 and "no round 'r9'" in unknown.stderr
    assert standard_site.journeys("round", "reopen", "r1").returncode == 1
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  nope: {emotion: 1}\n")
    invalid = standard_site.journeys("round", "close", "r2")
    assert invalid.returncode == 1 and "no touchpoint 'nope'" in invalid.stderr
    assert not (standard_site.root / "journeys.lock").exists()

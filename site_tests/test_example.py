"""The embedded example is valid and covers what the issue promises: four journeys, personas, rounds."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options


def test_example_is_complete_and_valid() -> None:
    options = Options(docs_dir=REPO / "journeys")
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale())
    assert problems == []
    assert set(catalog.journeys) >= {"laptop-request", "museum-visit", "clinic-visit", "online-purchase"}
    assert len(catalog.personas) >= 3
    assert len(catalog.rounds) >= 3
    assert [r.status for r in catalog.rounds] == ["closed"] * (len(catalog.rounds) - 1) + ["open"]
    for journey in catalog.journeys.values():
        # Every round scores every journey from the round it was first observed in on.
        first = next(i for i, r in enumerate(catalog.rounds) if catalog.observation(journey.id, r.id))
        for round_ in catalog.rounds[first:]:
            observation = catalog.observation(journey.id, round_.id)
            assert observation is not None, (journey.id, round_.id)
            active = [tp for tp in journey.touchpoints if catalog.is_active(tp, round_.id)]
            assert all(observation.result(tp.id).emotion is not None for tp in active)
    clinic = catalog.journeys["clinic-visit"]
    assert all(tp.zone and tp.element for tp in clinic.touchpoints)
    assert any(tp.gap for tp in catalog.journeys["laptop-request"].touchpoints)
    # One touchpoint replaces another in the newest round, so the comparison pages show both lists.
    assert any(tp.since for tp in catalog.journeys["laptop-request"].touchpoints)
    assert any(tp.retired for tp in catalog.journeys["laptop-request"].touchpoints)
    # Groups: one named by a journey, one listing services, one made from a service; a child journey details a
    # step of the museum visit.
    assert catalog.journeys["laptop-request"].group == "workplace"
    assert catalog.groups["public-services"].journeys == ["clinic-visit", "museum-exhibition", "museum-visit"]
    assert [g.id for g in catalog.groups.values() if not g.source] == ["hearthware-online-shop"]
    child = catalog.journeys["museum-exhibition"]
    assert (child.parent, child.expands) == ("museum-visit", "izlozba")


def test_example_closed_rounds_are_locked_and_unchanged() -> None:
    lock = json.loads((REPO / "journeys.lock").read_text("utf-8"))
    catalog, _ = load_catalog(REPO / "journeys", Options(docs_dir=REPO / "journeys").emotion_scale())
    assert sorted(lock["rounds"]) == sorted(r.id for r in catalog.rounds if r.status == "closed")
    check = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "check"], cwd=REPO, capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr

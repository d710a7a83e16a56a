"""Rounds side by side without a build: the world as of a round, changes per touchpoint, rankings, trends."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.model import Catalog
from mkdocs_journeys.views import comparison
from rounds_fixture import three_rounds


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    """The three-round fixture, loaded and valid."""
    site = three_rounds(tmp_path)
    options = Options(docs_dir=site.docs)
    loaded, problems = load_catalog(options.docs_dir, options.emotion_scale())
    assert problems == []
    return loaded


def test_a_touchpoint_exists_from_since_until_before_retired(catalog: Catalog) -> None:
    laptop = catalog.journeys["laptop"]
    shown = {r: [tp.id for tp in comparison.journey_as_of(catalog, laptop, r).touchpoints]
             for r in ("r1", "r2", "r3")}
    assert shown == {"r1": ["form", "approval", "handover"], "r2": ["form", "approval", "chat", "handover"],
                     "r3": ["form", "chat", "handover"]}
    assert comparison.journey_as_of(catalog, laptop, None).touchpoints == laptop.touchpoints


def test_histories_compare_with_the_previous_and_the_first_score(catalog: Catalog) -> None:
    histories = {h.touchpoint.id: h for h in comparison.touchpoint_histories(catalog, catalog.journeys["laptop"],
                                                                             "r3")}
    assert list(histories) == ["form", "chat", "handover"]  # approval retired in r3
    assert [h.position for h in histories.values()] == [0, 1, 2]
    form = histories["form"]
    assert [c.emotion for c in form.cells] == [-1, 1, 1]
    assert [c.from_previous.delta if c.from_previous else None for c in form.cells] == [None, 2, 0]
    assert [c.from_first.delta if c.from_first else None for c in form.cells] == [None, 2, 2]
    assert form.cells[2].from_previous is not None and form.cells[2].from_previous.since.id == "r2"
    assert form.overall is not None and (form.overall.delta, form.overall.since.id) == (2, "r1")
    chat = histories["chat"]
    assert [(c.emotion, c.active) for c in chat.cells] == [(None, False), (0, True), (2, True)]
    # The first score of a touchpoint added later is its own first round's.
    assert chat.overall is not None and (chat.overall.delta, chat.overall.since.id) == (2, "r2")
    assert histories["handover"].overall is not None and histories["handover"].overall.direction == "down"
    assert [c.notes for c in chat.cells] == ["", "Pilot only", "Chat answers fast"]


def test_the_previous_score_skips_rounds_that_did_not_score_the_touchpoint(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    site.write("rounds/r2/laptop.yml", "touchpoints:\n  chat: {emotion: 0}\n")
    options = Options(docs_dir=site.docs)
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale())
    assert problems == []
    [form, *_] = comparison.touchpoint_histories(catalog, catalog.journeys["laptop"], "r3")
    change = form.cells[2].from_previous
    assert change is not None and (change.before, change.after, change.since.id) == (-1, 1, "r1")


def test_only_rounds_up_to_the_shown_round_are_compared(catalog: Catalog) -> None:
    assert [r.id for r in comparison.compared_rounds(catalog, "laptop", "r2")] == ["r1", "r2"]
    histories = comparison.touchpoint_histories(catalog, catalog.journeys["laptop"], "r2")
    assert all([c.round.id for c in h.cells] == ["r1", "r2"] for h in histories)


def test_appeared_and_disappeared_between_consecutive_rounds(catalog: Catalog) -> None:
    changes = comparison.membership_changes(catalog, catalog.journeys["laptop"], "r3")
    assert [(c.round.id, c.previous.id, [t.id for t in c.appeared], [t.id for t in c.disappeared])
            for c in changes] == [("r2", "r1", ["chat"], []), ("r3", "r2", [], ["approval"])]
    assert [c.round.id for c in comparison.membership_changes(catalog, catalog.journeys["laptop"], "r2")] == ["r2"]
    assert comparison.membership_changes(catalog, catalog.journeys["museum"], "r3") == []


def test_biggest_changes_rank_by_size_then_journey_then_touchpoint(catalog: Catalog) -> None:
    def ranked(items: list[comparison.RankedChange]) -> list[tuple[str, str, float]]:
        return [(i.journey.id, i.touchpoint.id, i.change.delta) for i in items]

    improved, declined = comparison.biggest_changes(catalog, "r2")
    assert ranked(improved) == [("laptop", "form", 2), ("museum", "ticket", 2), ("laptop", "approval", 1)]
    assert ranked(declined) == [("museum", "exhibit", -2), ("laptop", "handover", -1)]
    improved, declined = comparison.biggest_changes(catalog, "r3")
    assert ranked(improved) == [("laptop", "chat", 2), ("museum", "exhibit", 2)]
    assert ranked(declined) == [("laptop", "handover", -2), ("museum", "entry", -2), ("museum", "ticket", -1)]
    assert comparison.biggest_changes(catalog, "r1") == ([], [])
    improved, _ = comparison.biggest_changes(catalog, "r2", limit=2)
    assert ranked(improved) == [("laptop", "form", 2), ("museum", "ticket", 2)]


def test_at_most_five_of_each(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    touchpoints = "\n".join(f"  - {{id: t{i}, title: T{i}, stage: before}}" for i in range(7))
    site.write("journeys/museum.md", f"---\ntitle: M\nservice: S\npersonas: [anna]\nstages:\n"
                                     f"  - {{id: before, title: Before}}\ntouchpoints:\n{touchpoints}\n---\n")
    site.write("rounds/r1/museum.yml", "touchpoints:\n" + "".join(f"  t{i}: {{emotion: -2}}\n" for i in range(7)))
    site.write("rounds/r2/museum.yml", "touchpoints:\n" + "".join(f"  t{i}: {{emotion: {i % 3}}}\n"
                                                                  for i in range(7)))
    site.write("rounds/r3/museum.yml", "touchpoints: {}\n")
    options = Options(docs_dir=site.docs)
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale())
    assert problems == []
    improved, _ = comparison.biggest_changes(catalog, "r2")
    assert len(improved) == 5
    # +4 (t2, t5), then +3 for t1, t4, then the laptop's form (+2) before museum's t0, t3 (+2) by journey order.
    assert [(i.journey.id, i.touchpoint.id) for i in improved] == [
        ("museum", "t2"), ("museum", "t5"), ("museum", "t1"), ("museum", "t4"), ("laptop", "form")]


def test_average_trend_per_round(catalog: Catalog) -> None:
    trend = comparison.average_trend(catalog, catalog.journeys["laptop"], "r3")
    assert [(p.round.id, p.average) for p in trend] == [("r1", -0.33), ("r2", 0.25), ("r3", 0.67)]
    assert trend[0].change is None
    assert [round(p.change.delta, 2) for p in trend[1:] if p.change] == [0.58, 0.42]
    assert [p.round.id for p in comparison.average_trend(catalog, catalog.journeys["laptop"], "r2")] == ["r1", "r2"]


@pytest.mark.parametrize("missing", [None, "rounds/r2/laptop.yml", "rounds/r1/museum.yml"])
def test_the_overview_of_every_round_shows_the_last_cell_of_its_histories(tmp_path: Path, missing: str | None) -> None:
    site = three_rounds(tmp_path)
    if missing:  # a round without an observation of a journey shows the last round that has one
        (site.docs / missing).unlink()
    catalog, problems = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert problems == []
    for journey in catalog.journeys.values():
        for round_ in catalog.rounds:
            latest = comparison.latest_cells(catalog, journey, round_.id)
            shown = comparison.journey_as_of(catalog, journey, round_.id).touchpoints
            assert [h.touchpoint.id for h in latest] == [tp.id for tp in shown], (journey.id, round_.id)
            observed = [r for r in catalog.rounds_up_to(round_.id) if catalog.observation(journey.id, r.id)]
            for h in latest:
                if not observed:
                    assert h.cells == []
                    continue
                observation = catalog.observation(journey.id, observed[-1].id)
                assert observation is not None
                result = observation.results.get(h.touchpoint.id)
                [cell] = h.cells
                assert cell.round == observed[-1], (journey.id, round_.id, h.touchpoint.id)
                assert cell.emotion == (result.emotion if result else None)
    if missing == "rounds/r2/laptop.yml":
        cells = latest_of(catalog, "laptop", "r2")
        assert cells["form"].round.id == "r1" and cells["chat"].emotion is None


def latest_of(catalog: Catalog, journey_id: str, round_id: str) -> dict[str, comparison.Cell]:
    """The overview's cell of every touchpoint of a journey in a round."""
    found = comparison.latest_cells(catalog, catalog.journeys[journey_id], round_id)
    return {h.touchpoint.id: h.cells[-1] for h in found}

"""Rounds side by side: the world as of a round, and what changed between rounds, per journey and overall.

Every function takes the round a site shows (R) and looks only at R and the rounds before it, so the site
of an old round never shows what came later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Catalog, Journey, Round, Touchpoint
from .analysis import average_emotion

# How many touchpoints the round overview lists as biggest improvements and as biggest declines.
TOP = 5


@dataclass(frozen=True)
class Change:
    """A score compared with an earlier score of the same touchpoint (or average of the same journey)."""

    before: float
    after: float
    since: Round

    @property
    def delta(self) -> float:
        """The signed difference, after minus before."""
        return self.after - self.before

    @property
    def direction(self) -> str:
        """'up', 'down' or 'same'."""
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "same"


@dataclass(frozen=True)
class Cell:
    """One touchpoint in one round, with its changes from the previous score and from the first.

    `active` is false in rounds before the touchpoint's `since` or from its `retired` on.
    """

    round: Round
    emotion: int | None
    label: str
    notes: str
    from_previous: Change | None
    from_first: Change | None
    active: bool = True


@dataclass(frozen=True)
class TouchpointHistory:
    """One touchpoint across the compared rounds; `position` is its place on the curve of R (on the comparison
    page: among every touchpoint of the compared rounds). `retired` is the round it was retired in, when that is R
    or earlier."""

    touchpoint: Touchpoint
    position: int
    stage_title: str
    cells: list[Cell]
    retired: Round | None = None

    @property
    def overall(self) -> Change | None:
        """The change from the first score to the score of the last compared round, if it has one."""
        return self.cells[-1].from_first if self.cells else None


@dataclass(frozen=True)
class MembershipChange:
    """Touchpoints that began or stopped existing in a round, compared with the round before it."""

    round: Round
    previous: Round
    appeared: list[Touchpoint]
    disappeared: list[Touchpoint]


@dataclass(frozen=True)
class RankedChange:
    """A touchpoint of a journey whose score changed since the round before."""

    journey: Journey
    touchpoint: Touchpoint
    position: int
    change: Change


@dataclass(frozen=True)
class TrendPoint:
    """A journey's average emotion in one round and its change from the previous round that has one."""

    round: Round
    average: float | None
    change: Change | None


def journey_as_of(catalog: Catalog, journey: Journey, round_id: str | None) -> Journey:
    """The journey with only the touchpoints that exist in a round (all of them when there is no round).

    Stages whose touchpoints all lie outside the round are left out; stages without touchpoints stay.
    """
    if round_id is None:
        return journey
    touchpoints = [tp for tp in journey.touchpoints if catalog.is_active(tp, round_id)]
    kept = {tp.stage for tp in touchpoints}
    stages = [s for s in journey.stages if s.id in kept or not journey.touchpoints_of(s.id)]
    return replace(journey, touchpoints=touchpoints, stages=stages)


def compared_rounds(catalog: Catalog, journey_id: str, round_id: str) -> list[Round]:
    """The rounds up to and including `round_id` that have observations for the journey, oldest first."""
    return [r for r in catalog.rounds_up_to(round_id) if catalog.observation(journey_id, r.id) is not None]


def touchpoint_histories(catalog: Catalog, journey: Journey, round_id: str) -> list[TouchpointHistory]:
    """Per touchpoint that exists in the round, its score in every compared round and the changes.

    The change from the previous score compares with the latest earlier round that scored the touchpoint;
    the change from the first compares with the earliest round that scored it.
    """
    cells = _cells(catalog, journey, compared_rounds(catalog, journey.id, round_id))
    stages = {s.id: s.title for s in journey.stages}
    return [TouchpointHistory(tp, position, stages[tp.stage], [found[tp.id] for found in cells])
            for position, tp in enumerate(journey_as_of(catalog, journey, round_id).touchpoints)]


def compared_journey(catalog: Catalog, journey: Journey, round_id: str) -> Journey:
    """The journey with every touchpoint that exists in any compared round up to `round_id`: those of R and those
    retired since, so that each round's line, scores and notes on the comparison page are its own page's."""
    rounds = compared_rounds(catalog, journey.id, round_id) or catalog.rounds_up_to(round_id)[-1:]
    touchpoints = [tp for tp in journey.touchpoints if any(catalog.is_active(tp, r.id) for r in rounds)]
    kept = {tp.stage for tp in touchpoints}
    stages = [s for s in journey.stages if s.id in kept or not journey.touchpoints_of(s.id)]
    return replace(journey, touchpoints=touchpoints, stages=stages)


def comparison_histories(catalog: Catalog, journey: Journey, round_id: str) -> list[TouchpointHistory]:
    """Per touchpoint of the compared journey (retired ones included, marked with the round that retired them), its
    score in every compared round and the changes."""
    cells = _cells(catalog, journey, compared_rounds(catalog, journey.id, round_id))
    stages = {s.id: s.title for s in journey.stages}
    shown = compared_journey(catalog, journey, round_id)
    known = {r.id: r for r in catalog.rounds_up_to(round_id)}
    return [TouchpointHistory(tp, position, stages[tp.stage], [found[tp.id] for found in cells],
                              known.get(tp.retired) if tp.retired else None)
            for position, tp in enumerate(shown.touchpoints)]


def latest_cells(catalog: Catalog, journey: Journey, round_id: str) -> list[TouchpointHistory]:
    """touchpoint_histories of the journey as of the round with only the last cell of each history: what the
    round's overview shows (a round without an observation of the journey shows the last round that has one)."""
    return [replace(h, cells=h.cells[-1:]) for h in touchpoint_histories(catalog, journey, round_id)]


def _cells(catalog: Catalog, journey: Journey, rounds: list[Round]) -> list[dict[str, Cell]]:
    """Per round (oldest first), every touchpoint's cell: its score and the changes since the first and the
    previous rounds among these that scored it."""
    first: dict[str, tuple[int, Round]] = {}
    previous: dict[str, tuple[int, Round]] = {}
    found = []
    for round_ in rounds:
        observation = catalog.observation(journey.id, round_.id)
        here: dict[str, Cell] = {}
        for tp in journey.touchpoints:
            result = observation.results.get(tp.id) if observation else None
            emotion = result.emotion if result else None
            from_previous = from_first = None
            if emotion is not None:
                if tp.id in previous:
                    from_previous = Change(previous[tp.id][0], emotion, previous[tp.id][1])
                if tp.id in first:
                    from_first = Change(first[tp.id][0], emotion, first[tp.id][1])
                first.setdefault(tp.id, (emotion, round_))
                previous[tp.id] = (emotion, round_)
            here[tp.id] = Cell(round_, emotion, catalog.scale.label(emotion), result.notes if result else "",
                               from_previous, from_first,
                               catalog.is_active(tp, round_.id))
        found.append(here)
    return found


def membership_changes(catalog: Catalog, journey: Journey, round_id: str) -> list[MembershipChange]:
    """For each round up to `round_id` (after the first), the touchpoints that appeared and disappeared."""
    rounds = catalog.rounds_up_to(round_id)
    changes = []
    for previous, current in zip(rounds, rounds[1:], strict=False):
        appeared = [tp for tp in journey.touchpoints
                    if catalog.is_active(tp, current.id) and not catalog.is_active(tp, previous.id)]
        disappeared = [tp for tp in journey.touchpoints
                       if catalog.is_active(tp, previous.id) and not catalog.is_active(tp, current.id)]
        if appeared or disappeared:
            changes.append(MembershipChange(current, previous, appeared, disappeared))
    return changes


def biggest_changes(catalog: Catalog, round_id: str, limit: int = TOP,
                    histories: dict[str, list[TouchpointHistory]] | None = None) -> tuple[list[RankedChange],
                                                                                            list[RankedChange]]:
    """The touchpoints of all journeys that improved most and declined most in a round, `limit` of each.

    A touchpoint counts when the round scored it and an earlier round did too; ties go by journey order,
    then by the touchpoint's place in its journey. `histories` (per journey id, as of this round) saves
    computing them again when the caller has them.
    """
    found: list[tuple[int, RankedChange]] = []
    for journey_order, journey in enumerate(catalog.journeys.values()):
        known = histories.get(journey.id) if histories is not None else None
        for history in known if known is not None else touchpoint_histories(catalog, journey, round_id):
            last = history.cells[-1] if history.cells else None
            if last is None or last.round.id != round_id or last.from_previous is None:
                continue
            found.append((journey_order, RankedChange(journey, history.touchpoint, history.position,
                                                      last.from_previous)))
    improved = sorted((f for f in found if f[1].change.delta > 0),
                      key=lambda f: (-f[1].change.delta, f[0], f[1].position))
    declined = sorted((f for f in found if f[1].change.delta < 0),
                      key=lambda f: (f[1].change.delta, f[0], f[1].position))
    return [f[1] for f in improved[:limit]], [f[1] for f in declined[:limit]]


def average_trend(catalog: Catalog, journey: Journey, round_id: str) -> list[TrendPoint]:
    """The journey's average emotion in every round up to `round_id`, with the change from the last average."""
    points = []
    previous: tuple[float, Round] | None = None
    for round_ in catalog.rounds_up_to(round_id):
        average = average_emotion(catalog.observation(journey.id, round_.id))
        change = None
        if average is not None:
            change = Change(previous[0], average, previous[1]) if previous else None
            previous = (average, round_)
        points.append(TrendPoint(round_, average, change))
    return points


def pair_changes(histories: list[TouchpointHistory], rounds: list[Round], pair: list[str]) -> dict[str, Change]:
    """Per touchpoint id, the change of its score from the first round of `pair` to the second, where both scored
    it: what the notes table shows next to the second round's notes until a reader picks other rounds."""
    if len(pair) != 2 or pair[0] == pair[1]:
        return {}
    index = {r.id: i for i, r in enumerate(rounds)}
    left, right = index[pair[0]], index[pair[1]]
    found = {}
    for h in histories:
        before, after = h.cells[left], h.cells[right]
        if before.emotion is not None and after.emotion is not None and before.active and after.active:
            found[h.touchpoint.id] = Change(before.emotion, after.emotion, before.round)
    return found

"""From findings to action: the opportunities the site of a round shows, ranked into an action plan, grouped per
touchpoint into a development plan, and, for those done, whether the touchpoint improved.

Like the comparison module, every function takes the round a site shows (R) and looks only at R and earlier
rounds: an opportunity found later is absent, one done later is still in progress.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Journey, Kpi, Opportunity, Round, Touchpoint
from .comparison import Change

# The two nominations of the vote, and the opportunities nobody voted for yet; the action plan in this order.
NOMINATIONS = ("quick-win", "important", "unvoted")
# Work that is over: the action plan ranks it after every open opportunity.
CLOSED = ("done", "dropped")


@dataclass(frozen=True)
class PlannedOpportunity:
    """An opportunity as of a round: its status then, its nomination and its rank in the action plan (from 1)."""

    opportunity: Opportunity
    journey: Journey
    touchpoint: Touchpoint
    status: str
    nomination: str
    rank: int = 0


@dataclass(frozen=True)
class Shift(Change):
    """A value before and after an opportunity was done: from round `since` until round `until`."""

    until: Round


@dataclass(frozen=True)
class KpiShift:
    """A KPI of the touchpoint before and after; `better` compares on the KPI's scale (its `max` is best)."""

    label: str
    before: Kpi
    after: Kpi
    shift: Shift

    @property
    def better(self) -> str:
        """'better', 'worse' or 'same'."""
        change = self.after.share() - self.before.share()
        return "better" if change > 1e-9 else "worse" if change < -1e-9 else "same"


@dataclass(frozen=True)
class Outcome:
    """Did it help? The touchpoint's emotion and KPIs before an opportunity was done and in the latest round."""

    item: PlannedOpportunity
    emotion: Shift | None
    kpis: list[KpiShift]


def status_as_of(catalog: Catalog, opportunity: Opportunity, round_id: str) -> str:
    """The status in a round: one done in a later round was still in progress then."""
    if opportunity.done_in and catalog.round_position(opportunity.done_in) > catalog.round_position(round_id):
        return "in-progress"
    return opportunity.status


def nomination(opportunity: Opportunity) -> str:
    """quick-win when its quick-win votes are at least its important votes (and not none), important when it has
    important votes, else unvoted."""
    votes = opportunity.votes
    if votes.quick_win > 0 and votes.quick_win >= votes.important:
        return "quick-win"
    return "important" if votes.important > 0 else "unvoted"


_Key = tuple[int, int, int, int, int, int]


def _planned(catalog: Catalog, journey: Journey, journey_order: int,
             round_id: str) -> list[tuple[_Key, PlannedOpportunity]]:
    """A journey's opportunities found up to a round, as of that round, each with its sort key."""
    items = catalog.opportunities.get(journey.id, [])
    if not items:  # most journeys of a large site, on every page that shows a plan
        return []
    here = catalog.round_position(round_id)
    positions = {tp.id: i for i, tp in enumerate(journey.touchpoints)}
    keyed = []
    for file_order, item in enumerate(items):
        if catalog.round_position(item.found_in) > here:
            continue
        planned = PlannedOpportunity(item, journey, journey.touchpoints[positions[item.touchpoint]],
                                     status_as_of(catalog, item, round_id), nomination(item))
        keyed.append(((int(planned.status in CLOSED), NOMINATIONS.index(planned.nomination), -item.votes.total,
                       journey_order, positions[item.touchpoint], file_order), planned))
    return keyed


def action_plan(catalog: Catalog, round_id: str, journey_id: str | None = None) -> list[PlannedOpportunity]:
    """Every opportunity found up to a round (of one journey, or all), ranked: open work first (done and dropped
    ones, as of the round, after it), then quick wins, then important results, then the unvoted; within each, more
    votes first, then journey order, then the touchpoint's place, then file order."""
    journeys = list(catalog.journeys.values()) if journey_id is None else [catalog.journeys[journey_id]]
    keyed = [pair for order, journey in enumerate(journeys) for pair in _planned(catalog, journey, order, round_id)]
    keyed.sort(key=lambda pair: pair[0])
    return [PlannedOpportunity(p.opportunity, p.journey, p.touchpoint, p.status, p.nomination, rank)
            for rank, (_, p) in enumerate(keyed, start=1)]


def development_plan(catalog: Catalog, journey: Journey, round_id: str) -> list[tuple[Touchpoint,
                                                                                      list[PlannedOpportunity]]]:
    """A journey's opportunities up to a round per touchpoint, in journey order (ranked within a touchpoint)."""
    if not catalog.opportunities.get(journey.id):
        return []
    items = [p for _, p in sorted(_planned(catalog, journey, 0, round_id), key=lambda pair: pair[0])]
    return [(tp, found) for tp in journey.touchpoints if (found := [p for p in items if p.touchpoint.id == tp.id])]


def _scored(catalog: Catalog, journey_id: str, touchpoint_id: str, rounds: list[Round]) -> Round | None:
    """The latest of these rounds that scored the touchpoint's emotion."""
    for round_ in reversed(rounds):
        observation = catalog.observation(journey_id, round_.id)
        if observation is not None and observation.result(touchpoint_id).emotion is not None:
            return round_
    return None


def _kpi(catalog: Catalog, journey_id: str, touchpoint_id: str, round_: Round, key: tuple[str, str]) -> Kpi | None:
    observation = catalog.observation(journey_id, round_.id)
    kpis = observation.result(touchpoint_id).kpis if observation else []
    return next((k for k in kpis if k.key == key), None)


def outcomes(catalog: Catalog, round_id: str, journey_id: str | None = None) -> list[Outcome]:
    """For every opportunity done up to a round (of one journey, or all), in action-plan order: the touchpoint's
    emotion and KPIs in the latest round before it was done (else the round it was found in) against the latest
    round up to R, from the round it was done in on. Either side may be missing; then there is no shift."""
    outcomes = []
    for item in action_plan(catalog, round_id, journey_id):
        opportunity = item.opportunity
        if item.status != "done":
            continue
        rounds = catalog.rounds_up_to(round_id)
        done = catalog.round_position(opportunity.done_in)
        found = catalog.round(opportunity.found_in)
        jid, tid = item.journey.id, item.touchpoint.id
        before = _scored(catalog, jid, tid, rounds[:done]) or _scored(catalog, jid, tid, [found])
        after = _scored(catalog, jid, tid, rounds[done:])
        emotion = None
        if before is not None and after is not None and before.id != after.id:
            emotion = Shift(_emotion(catalog, jid, tid, before), _emotion(catalog, jid, tid, after), before, after)
        kpis: list[KpiShift] = []
        for after_round in reversed(rounds[done:]):
            observation = catalog.observation(jid, after_round.id)
            for kpi in observation.result(tid).kpis if observation else []:
                if any(k.before.key == kpi.key for k in kpis):
                    continue
                earlier = [(r, k) for r in rounds[:done] if (k := _kpi(catalog, jid, tid, r, kpi.key))]
                if not earlier and found.id != after_round.id and (k := _kpi(catalog, jid, tid, found, kpi.key)):
                    earlier = [(found, k)]
                if earlier:
                    first_round, first = earlier[-1]
                    kpis.append(KpiShift(kpi.label, first, kpi, Shift(first.value, kpi.value, first_round,
                                                                       after_round)))
        outcomes.append(Outcome(item, emotion, kpis))
    return outcomes


def _emotion(catalog: Catalog, journey_id: str, touchpoint_id: str, round_: Round) -> int:
    observation = catalog.observation(journey_id, round_.id)
    assert observation is not None
    emotion = observation.result(touchpoint_id).emotion
    assert emotion is not None
    return emotion

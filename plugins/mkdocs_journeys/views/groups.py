"""Groups and the hierarchy of journeys as the pages show them: the home page's groups with their average per
round, a group page's journeys (child journeys under their parent) with their trend, and the links between a
parent journey's steps and the child journeys that detail them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Group, Journey, Touchpoint
from .analysis import mean
from .comparison import Change, TrendPoint, average_trend


@dataclass(frozen=True)
class GroupSummary:
    """A group on the home page: its average emotion per round up to the site's round (the mean of its journeys'
    averages), each with the change from the previous round that has one."""

    group: Group
    trend: list[TrendPoint]

    @property
    def latest(self) -> TrendPoint | None:
        """The site's round."""
        return self.trend[-1] if self.trend else None


@dataclass(frozen=True)
class GroupEntry:
    """A journey on its group's page: how deep it sits under a parent of the same group (0: at the top, also when
    its parent is in another group), its average per round, and its parent, if any."""

    journey: Journey
    depth: int
    trend: list[TrendPoint]
    parent: Journey | None = None


def mean_trend(trends: list[list[TrendPoint]]) -> list[TrendPoint]:
    """Per round, the mean of the averages that round has (journeys it did not score left out), with the change
    from the previous round that has one. The trends cover the same rounds."""
    found: list[TrendPoint] = []
    previous: TrendPoint | None = None
    for points in zip(*trends, strict=True):
        average = mean([p.average for p in points if p.average is not None])
        change = Change(previous.average, average, previous.round) \
            if average is not None and previous is not None and previous.average is not None else None
        found.append(TrendPoint(points[0].round, average, change))
        previous = found[-1] if average is not None else previous
    return found


def summaries(catalog: Catalog, round_id: str | None) -> list[GroupSummary]:
    """Every group, by title, with its trend up to the round (none without a round)."""
    found = []
    for group in catalog.groups.values():
        trends = [average_trend(catalog, catalog.journeys[jid], round_id) for jid in group.journeys] \
            if round_id else []
        found.append(GroupSummary(group, mean_trend(trends) if trends else []))
    return found


def entries(catalog: Catalog, group: Group, round_id: str | None) -> list[GroupEntry]:
    """The group's journeys by title, each followed by its child journeys of the same group (by title, at any
    depth); a journey whose parent is in another group stays at the top."""
    members = [catalog.journeys[jid] for jid in group.journeys]
    inside = {j.id for j in members}
    found: list[GroupEntry] = []

    def add(journey: Journey, depth: int) -> None:
        trend = average_trend(catalog, journey, round_id) if round_id else []
        found.append(GroupEntry(journey, depth, trend, catalog.journeys.get(journey.parent)))
        for child in members:
            if child.parent == journey.id:
                add(child, depth + 1)

    for journey in members:
        if journey.parent not in inside:
            add(journey, 0)
    return found


def child_journeys(catalog: Catalog, journey: Journey, steps: list[Touchpoint]) -> dict[str, list[Journey]]:
    """The journeys that detail this one, by the id of the step they expand among `steps` (the touchpoints the
    page shows); those that name no step, or one the page does not show, under ''."""
    shown = {tp.id for tp in steps}
    found: dict[str, list[Journey]] = {}
    for child in sorted(catalog.children(journey.id), key=lambda j: (j.title.casefold(), j.id)):
        found.setdefault(child.expands if child.expands in shown else "", []).append(child)
    return found


def parent_step(catalog: Catalog, journey: Journey, round_id: str | None) -> tuple[Journey, Touchpoint | None] | None:
    """The journey this one details and the step it expands (None when it names none, or when the step does not
    exist in the round); None for a journey without a parent."""
    parent = catalog.journeys.get(journey.parent) if journey.parent else None
    if parent is None:
        return None
    step = next((tp for tp in parent.touchpoints if tp.id == journey.expands), None)
    if step is not None and round_id and not catalog.is_active(step, round_id):
        step = None
    return parent, step

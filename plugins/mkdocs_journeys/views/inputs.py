"""What a page is made of, as model objects: a page whose inputs are unchanged since the previous build comes out
the same, so the adapter may keep it instead of rendering it again (issue 15: the author's loop).

Generous on purpose: an input too many only costs a page rebuilt; one too few would keep a stale page. The test
that builds after each kind of edit and compares every page with a full build holds these lists to account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Catalog


@dataclass(frozen=True)
class Inputs:
    """What one page is made of: model objects, and journeys whose whole data (journey_inputs) it draws on."""

    objects: list[Any] = field(default_factory=list)
    journeys: list[str] = field(default_factory=list)


def site_inputs(catalog: Catalog) -> list[Any]:
    """What every page of a round may show: the rounds (titles, periods, the version selector) and the scale."""
    return [catalog.rounds, catalog.scale]


def journey_inputs(catalog: Catalog, journey_id: str) -> list[Any]:
    """A journey's pages (the journey, its comparison, feedback board and wall map): the journey, its personas, its
    data in every round, its opportunities and the journeys it is linked with."""
    journey = catalog.journeys[journey_id]
    found: list[Any] = [journey, [catalog.personas.get(p) for p in journey.personas],
                        [catalog.observations.get((journey_id, r.id)) for r in catalog.rounds],
                        catalog.opportunities.get(journey_id)]
    found.append(catalog.groups.get(journey.group))
    # Its parent (title, steps) and its children (titles, the steps they expand) are linked from its pages.
    parent = catalog.journeys.get(journey.parent)
    if parent is not None:
        found.append((parent.id, parent.title, [(t.id, t.title) for t in parent.touchpoints]))
    found.append([(j.id, j.title, j.expands) for j in catalog.children(journey_id)])
    return found


def round_inputs(catalog: Catalog, round_id: str) -> Inputs:
    """A round's overview: the round, and every journey with its data up to that round (a later round's edit does
    not touch it)."""
    rounds = catalog.rounds_up_to(round_id)
    return Inputs([catalog.round(round_id), [(journey, catalog.groups.get(journey.group),
                                              catalog.opportunities.get(journey.id),
                                              [catalog.observations.get((journey.id, r.id)) for r in rounds])
                                             for journey in catalog.journeys.values()]])


def persona_inputs(catalog: Catalog, persona_id: str) -> Inputs:
    """A persona's page: the persona and everything of each journey they travel."""
    return Inputs([catalog.personas[persona_id]], [j.id for j in catalog.journeys.values() if persona_id in j.personas])

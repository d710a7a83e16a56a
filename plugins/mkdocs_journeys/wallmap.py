"""The A3 wall map of a journey in a round: stages side by side with their touchpoints, scores, the strongest
feedback and the leading opportunities, for workshops in front of a printed board."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import actions, analysis
from .analysis import CurvePoint
from .model import Catalog, Journey, Round, Stage

WALL_DIR = "wall"
# What fits one touchpoint's card on an A3 sheet next to a dozen others.
MAX_FEEDBACK, MAX_FINDINGS, MAX_OPPORTUNITIES = 2, 2, 2


def wall_page(journey_id: str) -> str:
    """The source path of a journey's wall map inside the docs folder."""
    return f"{WALL_DIR}/{journey_id}.md"


@dataclass
class Card:
    """One touchpoint on the wall map."""

    point: CurvePoint
    feedback: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    change: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)


@dataclass
class Column:
    """A stage and its touchpoints' cards."""

    stage: Stage
    cards: list[Card]


def columns(catalog: Catalog, journey: Journey, round_: Round) -> list[Column]:
    """The stages of the journey as of the round, each with the cards of its touchpoints in order. `catalog` must
    be the public view (private feedback already left out)."""
    observation = catalog.observation(journey.id, round_.id)
    points = {p.touchpoint: p for p in analysis.emotion_curve(journey, observation, catalog.scale)}
    planned = {tp.id: found for tp, found in actions.development_plan(catalog, catalog.journeys[journey.id], round_.id)}
    found: list[Column] = []
    for stage in journey.stages:
        cards = []
        for tp in journey.touchpoints_of(stage.id):
            result = observation.result(tp.id) if observation else None
            card = Card(points[tp.id])
            if result is not None:
                # Observed evidence first: it is what the team saw, not what it guessed.
                ranked = sorted(result.feedback, key=lambda f: f.evidence != "observed")
                card.feedback = [f.text for f in ranked[:MAX_FEEDBACK]]
                card.works, card.change = result.works[:MAX_FINDINGS], result.change[:MAX_FINDINGS]
            open_items = [p for p in planned.get(tp.id, []) if p.status not in ("done", "dropped")]
            card.opportunities = [p.opportunity.idea for p in open_items[:MAX_OPPORTUNITIES]]
            cards.append(card)
        found.append(Column(stage, cards))
    return found

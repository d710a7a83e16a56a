"""Views computed from the model: which round a site shows, curves and averages."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalog, Journey, Observation, Round, Scale


@dataclass(frozen=True)
class CurvePoint:
    """One touchpoint on a journey's emotion curve in one round."""

    position: int
    touchpoint: str
    title: str
    stage: str
    stage_title: str
    emotion: int | None
    label: str
    notes: str
    gap: bool


def current_round(catalog: Catalog, chosen: str | None) -> Round | None:
    """The round a site shows: the chosen one, else the newest; None when there are no rounds."""
    if chosen:
        return next((r for r in catalog.rounds if r.id == chosen), None)
    return catalog.rounds[-1] if catalog.rounds else None


def emotion_curve(journey: Journey, observation: Observation | None, scale: Scale) -> list[CurvePoint]:
    """Every touchpoint in journey order with the round's emotion (None where it was not scored)."""
    points = []
    for position, tp in enumerate(journey.touchpoints):
        result = observation.result(tp.id) if observation else None
        emotion = result.emotion if result else None
        points.append(CurvePoint(
            position=position, touchpoint=tp.id, title=tp.title, stage=tp.stage,
            stage_title=journey.stage(tp.stage).title, emotion=emotion, label=scale.label(emotion),
            notes=result.notes if result else "", gap=tp.gap,
        ))
    return points


def average_emotion(observation: Observation | None) -> float | None:
    """Mean emotion over the scored touchpoints, or None when nothing was scored."""
    if observation is None:
        return None
    scores = [r.emotion for r in observation.results.values() if r.emotion is not None]
    return round(sum(scores) / len(scores), 2) if scores else None

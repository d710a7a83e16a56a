"""Views computed from the model: which round a site shows, curves and averages, the feedback board."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import (
    METHODS,
    Catalog,
    Feedback,
    Journey,
    Kpi,
    Observation,
    Round,
    Scale,
    Stage,
    Touchpoint,
    TouchpointResult,
)


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


@dataclass(frozen=True)
class KpiPoint:
    """A KPI measured at a touchpoint on the curve."""

    position: int
    touchpoint: str
    kpi: Kpi


def persona_curves(journey: Journey, observation: Observation | None, scale: Scale) -> list[tuple[str,
                                                                                                  list[CurvePoint]]]:
    """One curve per persona that the round scored separately (`emotions`), in the journey's persona order."""
    if observation is None:
        return []
    heard = {p for r in observation.results.values() for p in r.emotions}
    curves = []
    for persona in (p for p in journey.personas if p in heard):
        points = []
        for point in emotion_curve(journey, observation, scale):
            emotion = observation.result(point.touchpoint).emotions.get(persona)
            points.append(replace(point, emotion=emotion, label=scale.label(emotion)))
        curves.append((persona, points))
    return curves


def kpi_points(journey: Journey, observation: Observation | None) -> list[KpiPoint]:
    """Every KPI of the round in journey order of its touchpoint."""
    if observation is None:
        return []
    return [KpiPoint(position, tp.title, kpi) for position, tp in enumerate(journey.touchpoints)
            for kpi in observation.result(tp.id).kpis]


def mean(values: list[float]) -> float | None:
    """The mean rounded to two decimals, as averages are shown; None for no values."""
    return round(sum(values) / len(values), 2) if values else None


def average_emotion(observation: Observation | None) -> float | None:
    """Mean emotion over the scored touchpoints, or None when nothing was scored."""
    if observation is None:
        return None
    return mean([r.emotion for r in observation.results.values() if r.emotion is not None])


@dataclass(frozen=True)
class BoardColumn:
    """One touchpoint on the feedback board: its findings, and its feedback grouped by method (schema order)."""

    touchpoint: Touchpoint
    result: TouchpointResult
    label: str
    methods: list[tuple[str, list[Feedback]]]


@dataclass(frozen=True)
class BoardStage:
    """The columns of one stage, in journey order."""

    stage: Stage
    columns: list[BoardColumn]


def has_board(observation: Observation | None) -> bool:
    """Whether a round found anything to pin on a journey's board: feedback, what works or must change, photos."""
    if observation is None:
        return False
    return bool(observation.photos) or any(r.feedback or r.works or r.change for r in observation.results.values())


def feedback_board(journey: Journey, observation: Observation | None, scale: Scale) -> list[BoardStage]:
    """The digital board of a round: one column per touchpoint in journey order, grouped by stage."""
    stages = []
    for stage in journey.stages:
        columns = []
        for tp in journey.touchpoints_of(stage.id):
            result = observation.result(tp.id) if observation else TouchpointResult()
            methods = [(m, found) for m in METHODS if (found := [f for f in result.feedback if f.method == m])]
            columns.append(BoardColumn(tp, result, scale.label(result.emotion), methods))
        if columns:
            stages.append(BoardStage(stage, columns))
    return stages

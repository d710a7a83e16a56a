"""The validated model as plain JSON-ready data, for `journeys export json`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..format.loader import without_private
from ..model import Catalog
from ..views.analysis import average_emotion


def catalog_to_json(catalog: Catalog, include_private: bool = False) -> dict[str, Any]:
    """Rounds (chronological), the scale, personas and journeys with their results per round and their
    opportunities. Feedback marked private is left out unless `include_private`."""
    if not include_private:
        catalog = without_private(catalog)
    journeys = []
    for journey in catalog.journeys.values():
        item = asdict(journey)
        rounds: dict[str, Any] = {}
        for round_ in catalog.rounds:
            observation = catalog.observation(journey.id, round_.id)
            if observation is None:
                continue
            rounds[round_.id] = {
                "source": observation.source,
                "summary": observation.summary,
                "average_emotion": average_emotion(observation),
                "service_stage": observation.service_stage,
                "photos": [asdict(photo) for photo in observation.photos],
                "touchpoints": {tp_id: asdict(result) for tp_id, result in observation.results.items()},
            }
        item["rounds"] = rounds
        item["opportunities"] = [asdict(o) for o in catalog.opportunities.get(journey.id, [])]
        journeys.append(item)
    return {
        "scale": [asdict(point) for point in catalog.scale.points],
        "rounds": [asdict(r) for r in catalog.rounds],
        "personas": [asdict(p) for p in catalog.personas.values()],
        "journeys": journeys,
    }

"""`journeys export csv`: tidy long-format rows (one per journey, round, touchpoint and measure) for spreadsheets and
BI tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from ..format.loader import without_private
from ..model import Catalog
from ..views.comparison import journey_as_of

COLUMNS = ("journey", "journey_title", "round", "round_title", "round_end", "stage", "stage_title", "position",
           "touchpoint", "touchpoint_title", "measure", "persona", "kpi_name", "value", "min", "max", "n", "target")
# Spreadsheets run a cell that starts with one of these as a formula (OWASP's and ASVS's list); contributors' text
# must stay text, so such a cell gets a leading apostrophe. Numbers are written as numbers and never get one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def rows(catalog: Catalog, round_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every measure of every touchpoint in every round (or one round) that has an observation for its journey.
    Private feedback is neither shown nor counted."""
    catalog = without_private(catalog)
    rounds = [r for r in catalog.rounds if round_id is None or r.id == round_id]
    for journey in catalog.journeys.values():
        for round_ in rounds:
            observation = catalog.observation(journey.id, round_.id)
            if observation is None:
                continue
            shown = journey_as_of(catalog, journey, round_.id)
            stages = {s.id: s.title for s in shown.stages}
            for position, tp in enumerate(shown.touchpoints, start=1):
                base = {"journey": journey.id, "journey_title": journey.title, "round": round_.id,
                        "round_title": round_.title, "round_end": round_.end, "stage": tp.stage,
                        "stage_title": stages.get(tp.stage, ""), "position": position, "touchpoint": tp.id,
                        "touchpoint_title": tp.title}
                # An unscored touchpoint still gets its emotion row (empty value) and zero counts, so every
                # round has the same touchpoints as its site.
                result = observation.result(tp.id)
                lowest, highest = catalog.scale.lowest, catalog.scale.highest
                yield {**base, "measure": "emotion", "value": result.emotion, "min": lowest, "max": highest}
                for persona, value in result.emotions.items():
                    yield {**base, "measure": "emotion", "persona": persona, "value": value, "min": lowest,
                           "max": highest}
                for kpi in result.kpis:
                    yield {**base, "measure": f"kpi_{kpi.kind}", "kpi_name": kpi.name, "value": kpi.value,
                           "min": kpi.min, "max": kpi.max, "n": kpi.n, "target": kpi.target}
                for measure, count in (("feedback_count", len(result.feedback)), ("works_count", len(result.works)),
                                       ("change_count", len(result.change))):
                    yield {**base, "measure": measure, "value": count}


def to_csv(catalog: Catalog, round_id: str | None = None, excel: bool = False) -> str:
    """The rows as CSV text with a header; with `excel`, a byte-order mark so Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(catalog, round_id):
        writer.writerow({key: _cell(row.get(key)) for key in COLUMNS})
    return ("\ufeff" if excel else "") + out.getvalue()

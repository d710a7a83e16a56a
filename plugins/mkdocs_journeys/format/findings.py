"""What an observation file says beyond a touchpoint's emotion, checked where the schema cannot reach.

Per-persona emotions and feedback name personas of the journey, KPIs carry a scale (CSAT, NPS and CES have
defaults, a custom KPI brings its own), dates are real days, and board photos are files inside the round's
folder. Problems go to a `report` callback with the position of the value, so the loader prints them as
`path:line:col`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..model import KPI_SCALES, Catalog, Feedback, Journey, Kpi, KpiSource, Photo, TouchpointResult
from ..model import format_number as _number
from .images import image_problem
from .problems import did_you_mean
from .yamlsource import Document, Mark, Path_

# Records one problem at a position of the file being read.
Report = Callable[[Mark, str], None]


def is_real_date(text: str) -> bool:
    """Whether a YYYY-MM-DD text (the schema checked its form) names a day that exists."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _reason(err: Exception) -> str:
    """Why a path cannot name a file, without the absolute path a loop of links is reported with."""
    if isinstance(err, RuntimeError):
        return "a loop of symbolic links"
    return str(getattr(err, "strerror", None) or err)


class FindingsReader:
    """Reads the findings of one observation file of one journey."""

    def __init__(self, doc: Document, journey: Journey, catalog: Catalog, broken: set[tuple[str, str]],
                 report: Report):
        self.doc, self.journey, self.catalog, self.broken, self.report = doc, journey, catalog, broken, report
        self.ok = True

    def _problem(self, path: Path_, message: str, key: bool = False) -> None:
        self.ok = False
        mark = self.doc.keys.get(path) if key else None
        self.report(mark or self.doc.mark(path), message)

    def result(self, tp_id: str, found: dict[str, Any]) -> TouchpointResult:
        """The findings at one touchpoint; problems are reported and make `ok` false."""
        base: Path_ = ("touchpoints", tp_id)
        scale = self.catalog.scale
        emotion = found.get("emotion")
        if emotion is not None and not scale.lowest <= emotion <= scale.highest:
            self._problem(base + ("emotion",), f"touchpoints.{tp_id}.emotion: expected a whole number from "
                                               f"{scale.lowest} to {scale.highest}, found {emotion}")
        emotions: dict[str, int] = {}
        for persona, value in found.get("emotions", {}).items():
            where = f"touchpoints.{tp_id}.emotions.{persona}"
            if self._persona(persona, base + ("emotions", persona), where, key=True):
                emotions[persona] = value
            if not scale.lowest <= value <= scale.highest:
                self._problem(base + ("emotions", persona), f"{where}: expected a whole number from {scale.lowest} "
                                                            f"to {scale.highest}, found {value}")
        feedback = [self._feedback(tp_id, i, item) for i, item in enumerate(found.get("feedback", []))]
        kpis = [kpi for i, item in enumerate(found.get("kpis", [])) if (kpi := self._kpi(tp_id, i, item))]
        return TouchpointResult(emotion=emotion, notes=str(found.get("notes", "")), emotions=emotions,
                                works=list(found.get("works", [])), change=list(found.get("change", [])),
                                feedback=feedback, kpis=kpis)

    def _persona(self, persona: str, path: Path_, where: str, key: bool = False) -> bool:
        """Whether a persona id names a persona of the journey; reports it when not."""
        if persona in self.journey.personas:
            return True
        if ("persona", persona) in self.broken:  # its own file already has a problem
            self.ok = False
        elif persona in self.catalog.personas:
            self._problem(path, f"{where}: persona '{persona}' does not travel journey '{self.journey.id}' (its "
                                f"personas: {', '.join(self.journey.personas)}); add '{persona}' to the journey's "
                                f"personas or name one of them", key)
        else:
            self._problem(path, f"{where}: no persona '{persona}' (expected a file personas/{persona}.md)"
                                + did_you_mean(persona, self.journey.personas), key)
        return False

    def _feedback(self, tp_id: str, i: int, item: dict[str, Any]) -> Feedback:
        path: Path_ = ("touchpoints", tp_id, "feedback", i)
        where = f"touchpoints.{tp_id}.feedback[{i}]"
        persona = str(item.get("persona", ""))
        if persona:
            self._persona(persona, path + ("persona",), f"{where}.persona")
        day = str(item.get("date", ""))
        if day and not is_real_date(day):
            self._problem(path + ("date",), f"{where}.date: expected a real date YYYY-MM-DD, found '{day}'")
        return Feedback(method=item["method"], text=item["text"], date=day,
                        evidence=item.get("evidence", "observed"), persona=persona,
                        private=bool(item.get("private", False)), source=str(item.get("source", "")))

    def _kpi(self, tp_id: str, i: int, item: dict[str, Any]) -> Kpi | None:
        path: Path_ = ("touchpoints", tp_id, "kpis", i)
        where = f"touchpoints.{tp_id}.kpis[{i}]"
        kind = item["kind"]
        if kind == "custom":
            missing = [f"`{key}`" for key in ("name", "min", "max") if key not in item]
            if missing:
                self._problem(path, f"{where}: a custom KPI needs {', '.join(missing)} (its name and the worst and "
                                    f"best values of its scale), found none; e.g. {{kind: custom, name: Minutes "
                                    f"waited, value: 12, min: 60, max: 0}}")
                return None
            low, high = item["min"], item["max"]
        else:
            default = KPI_SCALES[kind]
            low, high = item.get("min", default[0]), item.get("max", default[1])
        if low == high:
            self._problem(path + ("max",), f"{where}.max: expected a value other than min ({_number(low)}), found "
                                           f"{_number(high)}: a scale needs two different ends")
            return None
        ok = True
        label = item.get("name") or kind.upper()
        for key in ("value", "target"):
            value = item.get(key)
            if value is not None and not min(low, high) <= value <= max(low, high):
                ok = False
                self._problem(path + (key,), f"{where}.{key}: expected a number from {_number(min(low, high))} to "
                                             f"{_number(max(low, high))} (the scale of {label}), found "
                                             f"{_number(value)}")
        if not ok:
            return None
        sources = [KpiSource(s["file"], s["sha256"], s.get("n")) for s in item.get("sources", [])]
        return Kpi(kind=kind, value=item["value"], min=low, max=high, name=str(item.get("name", "")),
                   n=item.get("n"), target=item.get("target"), distribution=dict(item.get("distribution", {})),
                   sources=sources)

    def photos(self, items: list[dict[str, Any]], folder: Path) -> list[Photo]:
        """The board photos; each file must exist inside the round's folder and be an image (by its content)."""
        photos: list[Photo] = []
        if not items:
            return photos
        inside = folder.resolve()
        others = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix not in (".md", ".yml", ".yaml"))
        for i, item in enumerate(items):
            path: Path_ = ("photos", i, "file")
            try:
                target = (folder / item["file"]).resolve()
                exists = target.is_file()
            except (OSError, RuntimeError, ValueError) as err:  # a NUL character, a name too long, a loop of links
                self._problem(path, f"photos[{i}].file: expected the name of a file in the round's folder "
                                    f"{folder.name}/, found '{item['file']}', which cannot name a file "
                                    f"({_reason(err)})")
                continue
            if inside not in target.parents:
                self._problem(path, f"photos[{i}].file: expected a file inside the round's folder "
                                    f"{folder.name}/, found '{item['file']}', which lies outside it")
            elif not exists:
                self._problem(path, f"photos[{i}].file: no file '{item['file']}' in the round's folder "
                                    f"{folder.name}/ (put the photo next to this file)"
                                    + did_you_mean(item["file"], others))
            elif (problem := image_problem(target)) is not None:
                self._problem(path, f"photos[{i}].file: {problem}")
            else:
                photos.append(Photo(file=target.relative_to(inside).as_posix(), caption=str(item.get("caption", ""))))
        return photos

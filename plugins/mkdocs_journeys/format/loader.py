"""Read a journey repository into the model, collecting every problem in one pass."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..layout import JOURNEYS_DIR, OBSERVATION_SUFFIXES, OPPORTUNITIES_DIR, PERSONAS_DIR, ROUNDS_DIR
from ..model import (
    Catalog,
    Journey,
    Observation,
    Persona,
    Round,
    Scale,
    Stage,
    Touchpoint,
    TouchpointResult,
)
from .crosschecks import one_file_each, overlaps, picture_problem, same_titles
from .findings import FindingsReader
from .groups import place_journeys, read_groups
from .opportunities import read_opportunities
from .problems import Problem, did_you_mean, display_path
from .reader import Reader as _Reader
from .reader import Source
from .reader import nothing_refused as _nothing_refused
from .readmemo import ReadMemo
from .yamlsource import Mark


def _text(data: dict[str, Any], key: str) -> str:
    return str(data.get(key, ""))


def load_catalog(docs_dir: Path, scale: Scale, refused: Callable[[Path], bool] = _nothing_refused,
                 pause_collector: bool = False, memo: ReadMemo | None = None) -> tuple[Catalog, list[Problem]]:
    """Read every persona, group, journey, round, observation and opportunities file under `docs_dir`; none for which
    `refused` says yes (a link that leaves the project, say).

    Files unchanged since `memo` read them are not parsed again. Reading makes millions of objects and keeps most:
    the cycle collector would walk the growing catalog again and again for almost no garbage (a third of the time of
    reading 6,000 files). With `pause_collector` it pauses, and what was read moves out of its sight (gc.freeze),
    where collections during a build neither walk it nor, in forked workers, touch the memory they share with the
    parent. Only a one-shot build asks for that (the command line, `mkdocs build`), never `mkdocs serve`."""
    if not pause_collector:
        return _read_catalog(_Reader(docs_dir, scale, refused=refused, memo=memo))
    collecting = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        return _read_catalog(_Reader(docs_dir, scale, refused=refused, memo=memo))
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _read_catalog(reader: _Reader) -> tuple[Catalog, list[Problem]]:
    docs_dir, scale, refused = reader.docs_dir, reader.scale, reader.refused
    catalog = Catalog(scale=scale)
    # Files that exist but failed validation: references to them are not reported again.
    broken: set[tuple[str, str]] = set()
    for path in sorted((docs_dir / PERSONAS_DIR).glob("*.md")):
        if (src := reader.read(path, "persona")) is not None:
            catalog.personas[path.stem] = _persona(src, reader)
        else:
            broken.add(("persona", path.stem))
    declared = read_groups(reader, broken)
    # Rounds come before journeys: a touchpoint's `since` and `retired` name rounds.
    round_dirs = sorted(p for p in (docs_dir / ROUNDS_DIR).glob("*") if p.is_dir() and not refused(p))
    periods: dict[str, Source] = {}
    for folder in round_dirs:
        index = folder / "index.md"
        if not index.is_file():
            reader.problem(display_path(folder), Mark(1, 1), f"round folder '{folder.name}' has no index.md "
                                                             f"describing the round (title, period, status)")
            broken.add(("round", folder.name))
            continue
        if (src := reader.read(index, "round")) is not None and (rnd := _round(src, reader)) is not None:
            catalog.rounds.append(rnd)
            periods[rnd.id] = src
        else:
            broken.add(("round", folder.name))
    catalog.rounds.sort(key=lambda r: (r.start, r.end, r.id))
    overlaps(catalog.rounds, periods, reader)
    titled: list[Source] = []
    for path in sorted((docs_dir / JOURNEYS_DIR).glob("*.md")):
        src = reader.read(path, "journey")
        journey, whole = _journey(src, catalog, reader, broken) if src is not None else (None, False)
        if journey is not None and whole and src is not None:
            catalog.journeys[journey.id] = journey
            titled.append(src)
        else:
            broken.add(("journey", path.stem))
            if journey is not None:
                reader.partial[journey.id] = journey
    same_titles(titled, reader)
    place_journeys(catalog, declared, titled, reader, broken, reader.partial)
    _read_data_files(docs_dir, round_dirs, catalog, reader, broken)
    return catalog, sorted(set(reader.problems))


def _read_data_files(docs_dir: Path, round_dirs: list[Path], catalog: Catalog, reader: _Reader,
                     broken: set[tuple[str, str]]) -> None:
    known_rounds, refused = {r.id for r in catalog.rounds}, reader.refused
    for folder in round_dirs:
        data_files = sorted(p for p in folder.iterdir() if p.suffix in OBSERVATION_SUFFIXES and not refused(p))
        for path in one_file_each(data_files, f"journey '{{}}' in round '{folder.name}'", reader):
            if (src := reader.read(path, "observation")) is None:
                continue
            if folder.name not in known_rounds:
                reader.warn(src.shown, Mark(1, 1), f"not checked against journey '{path.stem}': round "
                                                   f"'{folder.name}' has problems of its own; fix them and check "
                                                   f"again")
                continue
            obs = _observation(src, folder.name, catalog, reader, broken)
            if obs is not None and obs.journey in catalog.journeys:
                catalog.observations[(obs.journey, obs.round)] = obs
    data_files = sorted(p for p in (docs_dir / OPPORTUNITIES_DIR).glob("*")
                        if p.suffix in OBSERVATION_SUFFIXES and not refused(p))
    for path in one_file_each(data_files, "the opportunities of journey '{}'", reader):
        if (src := reader.read(path, "opportunities")) is None:
            continue
        if (journey := _journey_of(src, "opportunities", catalog, reader, broken)) is not None:
            items = read_opportunities(src.doc, src.shown, journey, catalog, broken, functools.partial(
                reader.problem, src.shown))
            if items is not None and journey.id in catalog.journeys:
                catalog.opportunities[journey.id] = items


def _journey_of(src: Source, what: str, catalog: Catalog, reader: _Reader,
                broken: set[tuple[str, str]]) -> Journey | None:
    """The journey a data file belongs to by its name (maybe partial); None, reported or said as not checked."""
    stem = src.path.stem
    journey = catalog.journeys.get(stem) or reader.partial.get(stem)
    if journey is None and ("journey", stem) in broken:
        reader.warn(src.shown, Mark(1, 1), f"not checked against journey '{stem}': its own file has problems "
                                           f"(journeys/{stem}.md); fix them and check again")
    elif journey is None:
        reader.problem(src.shown, Mark(1, 1), f"no journey '{stem}' for these {what} (the file name must "
                                              f"be a journey id)" + did_you_mean(stem, sorted(catalog.journeys)))
    return journey


def without_private(catalog: Catalog) -> Catalog:
    """The catalog as the site and a default export see it: feedback marked private is left out.

    The files themselves (and the digests of closed rounds) are untouched; this is a view for rendering.
    """
    observations = dict(catalog.observations)
    for key, observation in catalog.observations.items():
        # Only what holds private feedback is copied: the rest is shared with the catalog as read.
        if any(f.private for result in observation.results.values() for f in result.feedback):
            results = {tp_id: replace(result, feedback=[f for f in result.feedback if not f.private])
                       if any(f.private for f in result.feedback) else result
                       for tp_id, result in observation.results.items()}
            observations[key] = replace(observation, results=results)
    return replace(catalog, observations=observations)


def _persona(src: Source, reader: _Reader) -> Persona:
    d = src.doc.data
    if d.get("picture"):
        picture_problem(str(d["picture"]), src, reader)
    return Persona(
        id=src.path.stem, name=d["name"], role=d["role"], source=src.shown,
        channels=list(d.get("channels", [])), goals=list(d.get("goals", [])),
        expectations=list(d.get("expectations", [])), frustrations=list(d.get("frustrations", [])),
        quote=_text(d, "quote"), picture=_text(d, "picture"), lang=_text(d, "lang"),
    )


def _journey(src: Source, catalog: Catalog, reader: _Reader,
             broken: set[tuple[str, str]]) -> tuple[Journey | None, bool]:
    """The journey and whether it is whole: with wrong persona references only, it is returned but not whole."""
    d, doc, ok, whole = src.doc.data, src.doc, True, True
    for i, persona in enumerate(d["personas"]):
        if ("persona", persona) in broken:
            whole = False
        elif persona not in catalog.personas:
            whole = False
            reader.problem(src.shown, doc.mark(("personas", i)),
                           f"personas[{i}]: no persona '{persona}' (expected a file personas/{persona}.md)"
                           + did_you_mean(persona, sorted(catalog.personas)))
    stages = [Stage(s["id"], s["title"], _text(s, "description")) for s in d["stages"]]
    stage_ids = [s.id for s in stages]
    ok &= _unique(stage_ids, "stages", src, reader)
    touchpoints = [Touchpoint(**tp) for tp in d["touchpoints"]]
    ok &= _unique([tp.id for tp in touchpoints], "touchpoints", src, reader)
    for i, tp in enumerate(touchpoints):
        if tp.stage not in stage_ids:
            ok = False
            reader.problem(src.shown, doc.mark(("touchpoints", i, "stage")),
                           f"touchpoints[{i}].stage: no stage '{tp.stage}' in this journey"
                           + did_you_mean(tp.stage, stage_ids))
    ok &= _lifetimes(touchpoints, src, catalog, reader, broken)
    # Stages draw as bands on the curve, so a stage's touchpoints must be next to each other.
    order = [stage_ids.index(tp.stage) for tp in touchpoints if tp.stage in stage_ids]
    if ok and order != sorted(order):
        bad = next(i for i in range(1, len(order)) if order[i] < order[i - 1])
        ok = False
        reader.problem(src.shown, doc.mark(("touchpoints", bad, "stage")),
                       f"touchpoints[{bad}].stage: expected touchpoints in the order of their stages, found "
                       f"'{touchpoints[bad].stage}' after a touchpoint of a later stage")
    if not ok:
        return None, False
    return Journey(
        id=src.path.stem, title=d["title"], service=d["service"], source=src.shown, personas=list(d["personas"]),
        stages=stages, touchpoints=touchpoints, goal=_text(d, "goal"), expectations=list(d.get("expectations", [])),
        desired_experience=_text(d, "desired_experience"), teams=list(d.get("teams", [])),
        owner=_text(d, "owner"), state=d.get("state", "as-is"), lang=_text(d, "lang"), group=_text(d, "group"),
        parent=_text(d, "parent"), expands=_text(d, "expands"),
    ), whole


def _lifetimes(touchpoints: list[Touchpoint], src: Source, catalog: Catalog, reader: _Reader,
               broken: set[tuple[str, str]]) -> bool:
    """Check `since` and `retired`: known rounds, and a touchpoint retires after it starts."""
    known = [r.id for r in catalog.rounds]
    ok = True
    for i, tp in enumerate(touchpoints):
        bounds_known = True
        for key in ("since", "retired"):
            round_id = getattr(tp, key)
            if not round_id or round_id in known:
                continue
            ok = bounds_known = False
            if ("round", round_id) not in broken:  # already reported in its own file
                reader.problem(src.shown, src.doc.mark(("touchpoints", i, key)),
                               f"touchpoints[{i}].{key}: no round '{round_id}' (expected a folder "
                               f"rounds/{round_id}/ with an index.md)" + did_you_mean(round_id, known))
        if bounds_known and tp.since and tp.retired and \
                catalog.round_position(tp.retired) <= catalog.round_position(tp.since):
            ok = False
            where = "the same round" if tp.retired == tp.since else "an earlier round"
            reader.problem(src.shown, src.doc.mark(("touchpoints", i, "retired")),
                           f"touchpoints[{i}].retired: expected a round later than since '{tp.since}', found "
                           f"'{tp.retired}', {where} (rounds are ordered by their period)")
    return ok


def _unique(ids: list[str], key: str, src: Source, reader: _Reader) -> bool:
    seen: dict[str, int] = {}
    ok = True
    for i, item in enumerate(ids):
        if item in seen:
            ok = False
            first = src.doc.mark((key, seen[item], "id")).line
            reader.problem(src.shown, src.doc.mark((key, i, "id")), f"{key}[{i}].id: '{item}' is used twice (first "
                                                                    f"at {key}[{seen[item]}], line {first}); ids "
                                                                    f"must be unique within a journey")
        seen.setdefault(item, i)
    return ok


def _round(src: Source, reader: _Reader) -> Round | None:
    d, ok = src.doc.data, True
    days: dict[str, date] = {}
    for key in ("start", "end"):
        try:
            days[key] = date.fromisoformat(d["period"][key])
        except ValueError:
            ok = False
            reader.problem(src.shown, src.doc.mark(("period", key)),
                           f"period.{key}: expected a real date YYYY-MM-DD, found '{d['period'][key]}'")
    if ok and days["end"] < days["start"]:
        reader.problem(src.shown, src.doc.mark(("period", "end")),
                       f"period.end: expected a day on or after the start {days['start']}, found {days['end']}")
        ok = False
    if not ok:
        return None
    return Round(id=src.path.parent.name, title=d["title"], start=d["period"]["start"], end=d["period"]["end"],
                 status=d["status"], source=src.shown, methods=list(d.get("methods", [])), lang=_text(d, "lang"))


def _observation(src: Source, round_id: str, catalog: Catalog, reader: _Reader,
                 broken: set[tuple[str, str]]) -> Observation | None:
    journey = _journey_of(src, "observations", catalog, reader, broken)
    if journey is None:
        return None
    d, doc, ok = src.doc.data, src.doc, True
    findings = FindingsReader(doc, journey, catalog, broken, lambda mark, message: reader.problem(src.shown, mark,
                                                                                                  message))
    ids = [tp.id for tp in journey.touchpoints]
    results: dict[str, TouchpointResult] = {}
    for tp_id, found in d["touchpoints"].items():
        if tp_id not in ids:
            ok = False
            reader.problem(src.shown, doc.keys.get(("touchpoints", tp_id), Mark(1, 1)),
                           f"touchpoints.{tp_id}: no touchpoint '{tp_id}' in journey '{journey.id}'"
                           + did_you_mean(tp_id, ids))
            continue
        touchpoint = journey.touchpoints[ids.index(tp_id)]
        if not catalog.is_active(touchpoint, round_id):
            ok = False
            early = touchpoint.since and catalog.round_position(touchpoint.since) > catalog.round_position(round_id)
            bound = f"since: {touchpoint.since}" if early else f"retired: {touchpoint.retired}"
            reader.problem(src.shown, doc.keys.get(("touchpoints", tp_id), Mark(1, 1)),
                           f"touchpoints.{tp_id}: touchpoint '{tp_id}' of journey '{journey.id}' does not exist "
                           f"in round '{round_id}' ({bound} in {journey.source}); remove its findings here "
                           f"or change its since/retired")
            continue
        results[tp_id] = findings.result(tp_id, found)
    photos = findings.photos(d.get("photos", []), src.path.parent)
    if not ok or not findings.ok:
        return None
    return Observation(journey=journey.id, round=round_id, source=src.shown, summary=_text(d, "summary"),
                       results=results, service_stage=d.get("service_stage", ""), photos=photos)

"""`journeys diff BASE [HEAD]`: what a pull request changes in journeys, personas, rounds, scores, KPIs, feedback and
opportunities, computed from the validated model at two git revisions."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .model import Catalog, Feedback, Kpi, Observation, Scale, TouchpointResult
from .options import OptionError
from .problems import Problem
from .project import load_project
from .siteconfig import read_options


class DiffError(Exception):
    """The revisions cannot be read; the message says why."""


@dataclass
class Snapshot:
    """The project as it is at one revision: the model and its problems."""

    revision: str
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    if done.returncode != 0:
        raise DiffError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    # Problems and sources are reported relative to the working directory; inside the unpacked revision they
    # read as paths in the repository.
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def snapshot(config_file: Path, revision: str) -> Snapshot:
    """Load the project at a git revision from an unpacked copy; the working tree is not touched."""
    config = config_file.resolve()
    try:
        top = Path(_git(config.parent, "rev-parse", "--show-toplevel").decode().strip())
    except DiffError:
        raise DiffError(f"{config_file}: not inside a git repository; journeys diff compares git revisions") from None
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except DiffError:
        raise DiffError(f"unknown revision '{revision}' (a commit, branch or tag of {top.name}; in CI fetch the "
                        f"base branch too, e.g. with fetch-depth: 0)") from None
    archive = _git(top, "archive", "--format=tar", commit)
    with tempfile.TemporaryDirectory(prefix="journeys-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp)
        relative = config.relative_to(top)
        if not (root / relative).is_file():
            return Snapshot(revision, None, [Problem(relative.as_posix(), 1, 1, f"no such file at {revision}")])
        with _inside(root):
            try:
                options = read_options(relative)
                catalog, problems = load_project(options)
            except OptionError as err:
                return Snapshot(revision, None, [Problem(relative.as_posix(), 1, 1, str(err))])
    return Snapshot(revision, catalog, problems)


def _fields(item: Any, skip: tuple[str, ...] = ("source",)) -> dict[str, Any]:
    return {k: v for k, v in asdict(item).items() if k not in skip}


def _changed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value differs, as {field: [old, new]}."""
    return {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}


def _kpi_key(kpi: Kpi) -> str:
    return f"{kpi.kind}:{kpi.name}" if kpi.name else kpi.kind


def _feedback_key(entry: Feedback) -> tuple[str, str, str, str]:
    return (entry.method, entry.date, entry.text, entry.persona)


def _feedback_view(entry: Feedback) -> dict[str, Any]:
    # Research notes marked private are counted, never shown: the summary is posted where many can read it.
    if entry.private:
        return {"private": True, "method": entry.method, "date": entry.date}
    return {"method": entry.method, "date": entry.date, "text": entry.text, "persona": entry.persona,
            "evidence": entry.evidence}


def _touchpoint(old: TouchpointResult | None, new: TouchpointResult | None) -> dict[str, Any]:
    old, new = old or TouchpointResult(), new or TouchpointResult()
    found: dict[str, Any] = {}
    if old.emotion != new.emotion:
        found["emotion"] = [old.emotion, new.emotion]
    personas = _changed(old.emotions, new.emotions)
    if personas:
        found["persona_emotions"] = personas
    if old.notes != new.notes:
        found["notes"] = [old.notes, new.notes]
    for key in ("works", "change"):
        before, after = getattr(old, key), getattr(new, key)
        added, removed = [x for x in after if x not in before], [x for x in before if x not in after]
        if added or removed:
            found[key] = {"added": added, "removed": removed}
    kpis_old, kpis_new = {_kpi_key(k): k for k in old.kpis}, {_kpi_key(k): k for k in new.kpis}
    kpis = {}
    for key in sorted(set(kpis_old) | set(kpis_new)):
        a, b = kpis_old.get(key), kpis_new.get(key)
        pair = [None if a is None else {"value": a.value, "n": a.n, "target": a.target, "min": a.min, "max": a.max},
                None if b is None else {"value": b.value, "n": b.n, "target": b.target, "min": b.min, "max": b.max}]
        if pair[0] != pair[1]:
            kpis[key] = pair
    if kpis:
        found["kpis"] = kpis
    feedback_old = {_feedback_key(f): f for f in old.feedback}
    feedback_new = {_feedback_key(f): f for f in new.feedback}
    added = [_feedback_view(f) for k, f in feedback_new.items() if k not in feedback_old]
    removed = [_feedback_view(f) for k, f in feedback_old.items() if k not in feedback_new]
    if added or removed:
        found["feedback"] = {"added": added, "removed": removed}
    return found


def _observation(old: Observation | None, new: Observation | None) -> dict[str, Any]:
    found: dict[str, Any] = {"status": "added" if old is None else "removed" if new is None else "changed"}
    for key in ("summary", "service_stage"):
        a, b = getattr(old, key, ""), getattr(new, key, "")
        if a != b:
            found[key] = [a, b]
    results_old = old.results if old else {}
    results_new = new.results if new else {}
    touchpoints = {}
    for tp in [*results_old, *(t for t in results_new if t not in results_old)]:
        change = _touchpoint(results_old.get(tp), results_new.get(tp))
        if change:
            touchpoints[tp] = change
    if touchpoints:
        found["touchpoints"] = touchpoints
    return found


def _items(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Added, removed and changed items of two {id: dataclass} maps; changed as {id: {field: [old, new]}}."""
    changed = {}
    for key in old:
        if key in new:
            fields = _changed(_fields(old[key]), _fields(new[key]))
            if fields:
                changed[key] = fields
    return {"added": [k for k in new if k not in old], "removed": [k for k in old if k not in new],
            "changed": changed}


def compare(base: Snapshot, head: Snapshot) -> dict[str, Any]:
    """Everything that differs between two snapshots, as JSON-ready data."""
    empty = Catalog(scale=Scale(()))
    a, b = base.catalog or empty, head.catalog or empty
    journeys = _items(a.journeys, b.journeys)
    # Touchpoints of a changed journey are listed one by one rather than as one long field.
    for jid, fields in journeys["changed"].items():
        if "touchpoints" in fields:
            tps_old = {t.id: t for t in a.journeys[jid].touchpoints}
            tps_new = {t.id: t for t in b.journeys[jid].touchpoints}
            detail = _items(tps_old, tps_new)
            order_old = [t for t in tps_old if t in tps_new]
            order_new = [t for t in tps_new if t in tps_old]
            detail["reordered"] = order_old != order_new
            fields["touchpoints"] = detail
    observations = {}
    for key in sorted(set(a.observations) | set(b.observations), key=lambda k: (k[1], k[0])):
        found = _observation(a.observations.get(key), b.observations.get(key))
        if len(found) > 1 or found["status"] != "changed":
            observations[f"{key[1]}/{key[0]}"] = found
    opportunities: dict[str, Any] = {}
    for jid in sorted(set(a.opportunities) | set(b.opportunities)):
        detail = _items({o.id: o for o in a.opportunities.get(jid, [])},
                        {o.id: o for o in b.opportunities.get(jid, [])})
        if detail["added"] or detail["removed"] or detail["changed"]:
            opportunities[jid] = detail
    return {
        "base": base.revision, "head": head.revision,
        "journeys": journeys,
        "journey_titles": {j.id: j.title for j in [*a.journeys.values(), *b.journeys.values()]},
        "personas": _items(a.personas, b.personas),
        "rounds": _items({r.id: r for r in a.rounds}, {r.id: r for r in b.rounds}),
        "observations": observations,
        "opportunities": opportunities,
        "problems": {"head": [asdict(p) for p in head.problems], "base_count": len(base.problems)},
    }


def is_empty(summary: dict[str, Any]) -> bool:
    """Whether nothing changed and no problem is left."""
    groups = [summary[k] for k in ("journeys", "personas", "rounds")]
    return all(not (g["added"] or g["removed"] or g["changed"]) for g in groups) and not summary["observations"] \
        and not summary["opportunities"] and not summary["problems"]["head"]

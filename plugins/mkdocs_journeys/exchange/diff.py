"""`journeys diff BASE [HEAD]`: what a pull request changes in journeys, personas, rounds, scores, KPIs, feedback and
opportunities, computed from the validated model at two git revisions."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..format.options import OptionError, OptionsReader
from ..format.problems import Problem
from ..format.project import load_project
from ..model import Catalog, Feedback, Kpi, Observation, Opportunity, Scale, TouchpointResult

WORKTREE = "working tree"


class DiffError(Exception):
    """The revisions cannot be read; the message says why."""


@dataclass
class Snapshot:
    """The project as it is at one revision: the model and its problems."""

    revision: str
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)


def _git(repo: Path, *args: str, stdout: Any = subprocess.PIPE) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=repo, stdout=stdout, stderr=subprocess.PIPE, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed (journeys diff reads the revisions with it)") from None
    if done.returncode != 0:
        raise DiffError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout or b""


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    # Problems and sources are reported relative to the working directory; inside the repository's top folder
    # (or the unpacked revision) they read as the paths a reviewer sees in the pull request.
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _repository(config_file: Path) -> tuple[Path, Path]:
    """The repository's top folder and the configuration's path inside it."""
    config = config_file.absolute()
    if not config.parent.is_dir():
        raise DiffError(f"{config_file}: no such folder; give the MkDocs configuration with -f")
    if shutil.which("git") is None:
        raise DiffError("git is not installed (journeys diff reads the revisions with it)")
    try:
        top = Path(_git(config.parent, "rev-parse", "--show-toplevel").decode().strip())
    except DiffError:
        raise DiffError(f"{config_file}: not inside a git repository; journeys diff compares git revisions") from None
    try:
        return top, config.resolve().relative_to(top.resolve())
    except ValueError:
        raise DiffError(f"{config_file}: the configuration is outside the repository at {top}") from None


def _load(root: Path, relative: Path, revision: str, read_options: OptionsReader) -> Snapshot:
    if not (root / relative).is_file():
        return Snapshot(revision, None, [Problem(relative.as_posix(), 1, 1, f"no such file at {revision}")])
    with _inside(root):
        try:
            options = read_options(relative)
            options.emotion_scale()
        except OptionError as err:
            return Snapshot(revision, None, [Problem(relative.as_posix(), 1, 1, str(err))])
        catalog, problems = load_project(options)
    return Snapshot(revision, catalog, problems)


def _safe(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    # A symbolic link that leaves the repository is skipped rather than followed; the rest unpacks as data.
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def snapshot(config_file: Path, revision: str, read_options: OptionsReader) -> Snapshot:
    """Load the project at a git revision from an unpacked copy; the working tree is not touched."""
    top, relative = _repository(config_file)
    if revision.startswith("-"):
        raise DiffError(f"unknown revision '{revision}': a revision does not start with '-'")
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except DiffError:
        raise DiffError(f"unknown revision '{revision}' (a commit, branch or tag of {top.name}; in CI fetch the "
                        f"base branch too, e.g. with fetch-depth: 0)") from None
    with tempfile.TemporaryDirectory(prefix="journeys-diff-") as tmp:
        archive, root = Path(tmp) / "revision.tar", Path(tmp) / "tree"
        # Through a file rather than memory: a repository with large pictures stays cheap.
        with archive.open("wb") as handle:
            _git(top, "archive", "--format=tar", commit.decode().strip(), stdout=handle)
        with tarfile.open(archive) as tar:
            tar.extractall(root, filter=_safe)
        return _load(root, relative, revision, read_options)


def worktree_snapshot(config_file: Path, read_options: OptionsReader) -> Snapshot:
    """Load the project as it is on disk now, committed or not; nothing is written."""
    top, relative = _repository(config_file)
    return _load(top, relative, WORKTREE, read_options)


def _fields(item: Any, skip: tuple[str, ...] = ("source",)) -> dict[str, Any]:
    return {k: v for k, v in asdict(item).items() if k not in skip}


def _changed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value differs, as {field: [old, new]}."""
    return {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}


def _kpi_key(kpi: Kpi) -> str:
    return f"{kpi.kind}:{kpi.name}" if kpi.name else kpi.kind


def _kpi_view(kpi: Kpi | None) -> dict[str, Any] | None:
    return None if kpi is None else {"value": kpi.value, "n": kpi.n, "target": kpi.target, "min": kpi.min,
                                     "max": kpi.max}


def _feedback_view(entry: Feedback) -> dict[str, Any]:
    # Research notes marked private are counted, never shown: the summary is posted where many can read it.
    if entry.private:
        return {"private": True, "method": entry.method, "date": entry.date}
    return {"method": entry.method, "date": entry.date, "text": entry.text, "persona": entry.persona,
            "evidence": entry.evidence}


def _edited(old: Feedback, new: Feedback) -> dict[str, Any]:
    """One feedback entry edited in place: which fields changed, never the text of a private one."""
    fields = _changed(_fields(old), _fields(new))
    if old.private or new.private:
        return {"private": True, "method": new.method, "date": new.date, "fields": sorted(fields)}
    return {**_feedback_view(new), "changes": fields}


def _without(entries: list[Feedback], others: list[Feedback]) -> list[Feedback]:
    """The entries of one list that the other does not have, repeats counted, in their order."""
    left = Counter(tuple(_fields(f).values()) for f in others)
    kept = []
    for entry in entries:
        key = tuple(_fields(entry).values())
        if left[key]:
            left[key] -= 1
        else:
            kept.append(entry)
    return kept


def _feedback(old: list[Feedback], new: list[Feedback]) -> dict[str, list[dict[str, Any]]]:
    """Feedback entries added, removed and edited; entries have no id, so an added entry that keeps a removed
    one's text, or its method, date and persona, is the same entry edited."""
    removed, added, edited = _without(old, new), _without(new, old), []
    for entry in list(added):
        twin = next((r for r in removed if r.text == entry.text
                     or (r.method, r.date, r.persona) == (entry.method, entry.date, entry.persona)), None)
        if twin is not None:
            removed.remove(twin)
            added.remove(entry)
            edited.append(_edited(twin, entry))
    return {"added": [_feedback_view(f) for f in added], "removed": [_feedback_view(f) for f in removed],
            "changed": edited}


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
    for key in [*kpis_old, *(k for k in kpis_new if k not in kpis_old)]:
        pair = [_kpi_view(kpis_old.get(key)), _kpi_view(kpis_new.get(key))]
        if pair[0] != pair[1]:
            kpis[key] = pair
    if kpis:
        found["kpis"] = kpis
    feedback = _feedback(old.feedback, new.feedback)
    if any(feedback.values()):
        found["feedback"] = feedback
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


def _items(old: dict[str, Any], new: dict[str, Any], broken: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Added, removed and changed items of two {id: dataclass} maps; changed as {id: {field: [old, new]}}. An item
    gone because its file has problems at HEAD is `invalid`, not removed: the file is still there."""
    changed = {}
    for key in old:
        if key in new:
            fields = _changed(_fields(old[key]), _fields(new[key]))
            if fields:
                changed[key] = fields
    gone = [k for k in old if k not in new]
    invalid = [k for k in gone if getattr(old[k], "source", None) in broken]
    return {"added": [k for k in new if k not in old], "removed": [k for k in gone if k not in invalid],
            "invalid": invalid, "changed": changed}


def _moved(old: list[str], new: list[str]) -> list[str]:
    """Ids that kept their place neither before nor after the others: the fewest whose move explains the new order."""
    kept_old, kept_new = [i for i in old if i in new], [i for i in new if i in old]
    matcher = difflib.SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    stayed = {i for block in matcher.get_matching_blocks() for i in kept_new[block.b:block.b + block.size]}
    return [i for i in kept_new if i not in stayed]


def _opportunity_view(item: Opportunity) -> dict[str, Any]:
    return {"id": item.id, "touchpoint": item.touchpoint, "idea": item.idea, "status": item.status,
            "votes": asdict(item.votes), "owner": item.owner, "effort": item.effort, "impact": item.impact,
            "due": item.due}


def compare(base: Snapshot, head: Snapshot) -> dict[str, Any]:
    """Everything that differs between two snapshots, as JSON-ready data."""
    empty = Catalog(scale=Scale(()))
    a, b = base.catalog or empty, head.catalog or empty
    broken = frozenset(p.path for p in head.problems)
    journeys = _items(a.journeys, b.journeys, broken)
    # Touchpoints of a changed journey are listed one by one rather than as one long field.
    for jid, fields in journeys["changed"].items():
        if "touchpoints" in fields:
            tps_old = {t.id: t for t in a.journeys[jid].touchpoints}
            tps_new = {t.id: t for t in b.journeys[jid].touchpoints}
            detail = _items(tps_old, tps_new)
            detail["moved"] = _moved(list(tps_old), list(tps_new))
            fields["touchpoints"] = detail
    observations = {}
    for key in sorted(set(a.observations) | set(b.observations), key=lambda k: (k[1], k[0])):
        before, after = a.observations.get(key), b.observations.get(key)
        # A file that fails validation at HEAD is not read at all; its findings are not gone.
        found = {"status": "invalid"} if after is None and before and before.source in broken else \
            _observation(before, after)
        if len(found) > 1 or found["status"] != "changed":
            observations[f"{key[1]}/{key[0]}"] = found
    opportunities: dict[str, Any] = {}
    for jid in sorted(set(a.opportunities) | set(b.opportunities)):
        new = {o.id: o for o in b.opportunities.get(jid, [])}
        detail = _items({o.id: o for o in a.opportunities.get(jid, [])}, new, broken)
        detail["added"] = [_opportunity_view(new[i]) for i in detail["added"]]
        if any(detail.values()):
            opportunities[jid] = detail
    return {
        "base": base.revision, "head": head.revision,
        "journeys": journeys,
        "journey_titles": {j.id: j.title for j in [*a.journeys.values(), *b.journeys.values()]},
        "personas": _items(a.personas, b.personas, broken),
        "rounds": _items({r.id: r for r in a.rounds}, {r.id: r for r in b.rounds}, broken),
        "observations": observations,
        "opportunities": opportunities,
        "problems": {"head": [{**asdict(p), "at_base": _known(p, base.problems)} for p in head.problems],
                     "base_count": len(base.problems)},
    }


def _known(problem: Problem, before: list[Problem]) -> bool:
    # Lines shift when a file is edited above a problem: the same file and message is the same problem.
    return any(p.path == problem.path and p.message == problem.message for p in before)


def changed(summary: dict[str, Any]) -> bool:
    """Whether anything in the sources' model differs between the two revisions."""
    groups = [summary[k] for k in ("journeys", "personas", "rounds")]
    return any(any(g.values()) for g in groups) or bool(summary["observations"]) \
        or bool(summary["opportunities"])

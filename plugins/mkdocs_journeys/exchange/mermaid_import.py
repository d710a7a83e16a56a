"""`journeys import mermaid`: every journey diagram of a Markdown file becomes a journey, its personas and its
scores in a round; all files are written or none, and no existing file is ever overwritten."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..format import mermaid
from ..format.options import Options
from ..format.problems import display_path
from ..format.project import find_round, load_project
from ..format.staging import StagedWrite, StagingError
from ..layout import JOURNEYS_DIR, PERSONAS_DIR, ROUNDS_DIR
from ..model import Catalog
from .schemafiles import modeline

Say = Callable[[str], None]


@dataclass
class Request:
    """What was asked: the file (or `-` for stdin), the round, and the journey id for a single diagram."""

    file: str
    round: str | None = None
    journey_id: str | None = None


class ImportError_(Exception):
    """The import cannot go ahead; nothing was written. `code` is the exit code: 1 for the content (a file that
    exists, a closed round), 2 for an input file that cannot be read."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _front_matter(kind: str, data: dict[str, object], body: str, path: Path, project: Path) -> str:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{modeline(kind, path, project)}\n{dumped}---\n\n{body}\n"


def _read(request: Request) -> tuple[str, str]:
    if request.file == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(request.file)
    try:
        return path.read_text("utf-8-sig"), display_path(path)
    except OSError as err:
        raise ImportError_(f"{request.file}: cannot read: {err.strerror}", 2) from None
    except UnicodeDecodeError as err:
        raise ImportError_(f"{request.file}: not UTF-8 text (byte {err.start})") from None


def _imported_from(request: Request, project: Path) -> str:
    """Where the diagrams came from, as the journey's body says it (and the site publishes it): a path relative to
    the project, or the bare file name for a file outside it; never a path of this machine."""
    if request.file == "-":
        return "Imported from a Mermaid diagram."
    path = Path(request.file).absolute()
    try:
        shown = path.relative_to(project.absolute()).as_posix()
    except ValueError:
        shown = path.name
    return f"Imported from a Mermaid diagram in {shown}."


def _round(catalog: Catalog, wanted: str | None) -> str:
    if wanted:
        found = find_round(catalog, wanted)  # NotFound: an unknown round is a usage error (exit code 2)
        if found.status != "open":
            raise ImportError_(f"--round: round '{wanted}' is closed; reopen it or choose an open round")
        return found.id
    open_rounds = [r for r in catalog.rounds if r.status == "open"]
    if not open_rounds:
        raise ImportError_("no open round to put the scores in: create one with `journeys new round ID`", 2)
    return open_rounds[-1].id


def _diagrams(request: Request, warn: Say) -> tuple[list[mermaid.Diagram], str]:
    """The file's journey diagrams and the name to show for it; ImportError_ when any has errors."""
    text, name = _read(request)
    blocks = mermaid.find_blocks(text)
    if not blocks:
        raise ImportError_(f"{name}: no journey diagram found (expected a ```mermaid or ```journey block, or a "
                           f"file that starts with `journey`)")
    diagrams = []
    errors = []
    for block in blocks:
        diagram, warnings, problems = mermaid.parse(block.body, block.body_line)
        for note in warnings:
            warn(f"{name}:{note.line}: warning: {note.message}")
        errors += [f"{name}:{note.line}: error: {note.message}" for note in problems]
        diagrams.append(diagram)
    if errors:
        raise ImportError_("\n".join(errors))
    if request.journey_id and len(diagrams) > 1:
        raise ImportError_(f"--id names one journey, but {name} has {len(diagrams)} diagrams", 2)
    return diagrams, name


def plan(request: Request, options: Options, project: Path, warn: Say) -> dict[Path, str]:
    """The files to write, with their text; raises ImportError_ on anything that stops the import."""
    diagrams, name = _diagrams(request, warn)
    catalog, _ = load_project(options)
    round_id = _round(catalog, request.round)
    docs = options.docs_dir
    known = {p.name.casefold(): pid for pid, p in catalog.personas.items()} | {pid: pid for pid in catalog.personas}
    taken_personas = set(catalog.personas)
    # Ids are unique among this file's diagrams; one that exists in the project already is refused below, so a
    # second import of the same file stops instead of adding copies.
    taken_journeys: set[str] = set()
    files: dict[Path, str] = {}
    for diagram in diagrams:
        title = diagram.title or diagram.acc_title
        journey_id = request.journey_id or mermaid.make_id(title or Path(name).stem, taken_journeys, "journey")
        persona_ids: dict[str, str] = {}
        for actor in diagram.actors or ["Customer"]:
            pid = known.get(actor.casefold()) or known.get(mermaid.make_id(actor, set(), "persona"))
            if pid is None:
                pid = mermaid.make_id(actor, taken_personas, "persona")
                known[actor.casefold()] = pid
                path = docs / PERSONAS_DIR / f"{pid}.md"
                files[path] = _front_matter("persona", {"name": actor, "role": "(imported from a Mermaid diagram: "
                                                        "describe the role)"}, "", path, project)
            persona_ids[actor] = pid
        journey, observation = mermaid.to_model(diagram, journey_id, catalog.scale, persona_ids)
        if not journey.personas:
            journey.personas = list(dict.fromkeys(persona_ids.values()))
        path = docs / JOURNEYS_DIR / f"{journey_id}.md"
        data: dict[str, object] = {
            "title": journey.title, "service": journey.service, "personas": journey.personas,
            "stages": [{"id": s.id, "title": s.title} for s in journey.stages],
            "touchpoints": [{"id": t.id, "title": t.title, "stage": t.stage} for t in journey.touchpoints],
        }
        body = "\n\n".join(x for x in (diagram.acc_descr, _imported_from(request, project)) if x)
        files[path] = _front_matter("journey", data, body, path, project)
        scores = {tp: {"emotion": r.emotion} for tp, r in observation.results.items() if r.emotion is not None}
        path = docs / ROUNDS_DIR / round_id / f"{journey_id}.yml"
        files[path] = modeline("observation", path, project) + "\n" + yaml.safe_dump(
            {"touchpoints": scores}, allow_unicode=True, sort_keys=False, width=1000)
    existing = [p for p in files if p.exists()]
    if existing:
        raise ImportError_("\n".join(f"{display_path(p)} already exists; it was left as it was" for p in existing)
                           + "\nnothing was written (choose another journey id with --id, or remove the file)")
    return files


def import_mermaid(options: Options, project: Path, request: Request, out: Say, err: Say) -> int:
    """Write the planned files, check the project with them, and take them back if they do not validate."""
    try:
        files = plan(request, options, project, err)
    except ImportError_ as error:
        err(f"error: {error}")
        return error.code
    staged = StagedWrite(options)
    try:
        for path, text in files.items():
            staged.create(path, text)
    except StagingError as error:
        err(f"error: {error}; nothing was written" if error.code == 1 else f"error: {error}")
        return error.code
    mine = staged.commit()
    if mine:
        err("error: the imported files would not be valid, so none was written:")
        for problem in mine:
            err(str(problem))
        return 1
    for path in files:
        out(f"Created {display_path(path)}")
    return 0

"""`journeys new`: a valid, commented starting file for a journey, persona or round, never over an existing one."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..format.options import Options
from ..format.problems import display_path
from ..format.project import NotFound, find_journey, find_round, load_project
from ..format.staging import StagedWrite, StagingError
from ..layout import ID, JOURNEYS_DIR, PERSONAS_DIR, ROUNDS_DIR
from .schemafiles import modeline

KINDS = ("journey", "persona", "round", "observation")


class ScaffoldError(Exception):
    """The file cannot be created; the message says why and what to do. `code` is the command's exit code: 2 for
    a request that cannot be met as given (an id, an option), 1 when the project's files stop it."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


@dataclass
class Request:
    """What `journeys new` was asked for; empty fields get a sensible default."""

    kind: str
    id: str
    title: str = ""
    personas: list[str] = field(default_factory=list)
    service: str = ""
    role: str = ""
    start: str = ""
    end: str = ""
    # observation: the round (default: the newest open one)
    round: str = ""


def target(docs_dir: Path, kind: str, item_id: str, round_id: str = "") -> Path:
    """Where a new item of `kind` with `item_id` lives in the docs folder (an observation: in `round_id`)."""
    if kind == "observation":
        return docs_dir / ROUNDS_DIR / round_id / f"{item_id}.yml"
    if kind == "journey":
        return docs_dir / JOURNEYS_DIR / f"{item_id}.md"
    if kind == "persona":
        return docs_dir / PERSONAS_DIR / f"{item_id}.md"
    return docs_dir / ROUNDS_DIR / item_id / "index.md"


def round_period(round_id: str) -> tuple[str, str, str] | None:
    """Title, first and last day read from a round id such as 2026-q4, 2026-h2, 2026-05 or 2026."""
    match = re.fullmatch(r"(\d{4})(?:-(q[1-4]|h[12]|\d{2}))?", round_id)
    if not match:
        return None
    year, part = int(match[1]), match[2]
    if part is None:
        first, last, title = 1, 12, str(year)
    elif part[0] == "q":
        first, title = 3 * int(part[1]) - 2, f"{year} Q{part[1]}"
        last = first + 2
    elif part[0] == "h":
        first, title = 6 * int(part[1]) - 5, f"{year} H{part[1]}"
        last = first + 5
    else:
        first = last = int(part)
        if not 1 <= first <= 12:
            return None
        title = f"{year}-{part}"
    end_day = calendar.monthrange(year, last)[1]
    return title, date(year, first, 1).isoformat(), date(year, last, end_day).isoformat()


def _yaml_text(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: whatever was typed stays text.
    return json.dumps(value, ensure_ascii=False)


def render(request: Request, path: Path, project_dir: Path, extra: dict[str, object] | None = None) -> str:
    """The text of the new file; `extra` holds what an observation file lists (see _observation_values)."""

    env = Environment(loader=PackageLoader("mkdocs_journeys.exchange", "scaffolds"), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = _yaml_text
    env.globals["modeline"] = lambda kind: modeline(kind, path, project_dir)
    values: dict[str, object] = {"id": request.id, **(extra or {})}
    if request.kind == "journey":
        values.update(title=request.title or request.id.replace("-", " ").capitalize(),
                      service=request.service or request.title or request.id, personas=request.personas)
    elif request.kind == "persona":
        values.update(name=request.title or request.id.replace("-", " ").title(),
                      role=request.role or "Describe their job and situation in one line")
    elif request.kind == "round":
        values.update(title=request.title or request.id, start=request.start, end=request.end)
    name = "observation.yml" if request.kind == "observation" else f"{request.kind}.md"
    return env.get_template(name).render(values)


def _observation_values(request: Request, options: Options) -> dict[str, object]:
    """The journey's touchpoints that exist in the round (default: the newest open one), for the template."""
    catalog, _ = load_project(options)
    journey = catalog.journeys.get(request.id)
    if journey is None and target(options.docs_dir, "journey", request.id).is_file():
        raise ScaffoldError(f"journey '{request.id}' has problems of its own; fix them first (journeys check)", 1)
    try:
        journey = find_journey(catalog, request.id, "JOURNEY")
        if not request.round:
            open_rounds = [r for r in catalog.rounds if r.status == "open"]
            if not open_rounds:
                raise ScaffoldError("no open round: create one with `journeys new round ID`, or give --round")
            request.round = open_rounds[-1].id
        round_ = find_round(catalog, request.round)
    except NotFound as missing:
        raise ScaffoldError(str(missing)) from None
    if round_.status != "open":
        raise ScaffoldError(f"--round: round '{round_.id}' is closed; reopen it with `journeys round reopen "
                            f"{round_.id}` or choose an open round", 1)
    return {"journey": journey, "round_id": round_.id, "stages": {s.id: s.title for s in journey.stages},
            "touchpoints": [tp for tp in journey.touchpoints if catalog.is_active(tp, round_.id)],
            "scale": f"{catalog.scale.lowest} to {catalog.scale.highest}"}


def _complete(request: Request, options: Options) -> None:
    """Fill in what the command line left out, or say what is missing."""
    if request.kind == "journey":
        known = sorted(p.stem for p in (options.docs_dir / PERSONAS_DIR).glob("*.md"))
        if not request.personas:
            if len(known) != 1:
                raise ScaffoldError("a journey needs at least one persona: give --persona ID"
                                    + (f" (known: {', '.join(known)})" if known else
                                       "; create one first with `journeys new persona ID`"))
            request.personas = known
        missing = [p for p in request.personas if p not in known]
        if missing:
            folder = display_path(options.docs_dir / PERSONAS_DIR)
            raise ScaffoldError(f"--persona: no persona '{missing[0]}' in {folder} "
                                f"(known: {', '.join(known) or 'none'})")
    if request.kind == "round":
        guessed = round_period(request.id)
        if guessed:
            title, start, end = guessed
            request.title, request.start, request.end = (request.title or title, request.start or start,
                                                         request.end or end)
        if not (request.start and request.end):
            raise ScaffoldError(f"cannot tell the period of round '{request.id}' from its id: give --start and --end "
                                f"(YYYY-MM-DD), or name it like 2026-q4, 2026-h2, 2026-05 or 2026")
        for name, value in (("--start", request.start), ("--end", request.end)):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ScaffoldError(f"{name}: expected a date YYYY-MM-DD, found '{value}'") from None


def create(request: Request, options: Options, project_dir: Path, out: Callable[[str], None]) -> Path:
    """Write the new file after checking that nothing is overwritten and that the result validates."""
    if not ID.fullmatch(request.id):
        raise ScaffoldError(f"id '{request.id}': expected lowercase letters, digits and hyphens, starting with a "
                            f"letter or digit (it becomes the file name)")
    extra = _observation_values(request, options) if request.kind == "observation" else None
    path = target(options.docs_dir, request.kind, request.id, request.round)
    # A round holds one data file per journey, .yml or .yaml.
    there = next((p for p in (path, path.with_suffix(".yaml")) if p.exists()), None)
    if there is not None and (there == path or request.kind == "observation"):
        raise ScaffoldError(f"{display_path(there)} already exists; it was left as it was"
                            + ("" if request.kind == "observation" else " (choose another id)"), 1)
    _complete(request, options)
    text = render(request, path, project_dir, extra)
    staged = StagedWrite(options)
    try:
        staged.create(path, text)
    except StagingError as error:
        raise ScaffoldError(str(error), error.code) from None
    # The project may have problems of its own; only the new file's are ours to undo.
    mine = staged.commit()
    if mine:
        raise ScaffoldError("the new file would not be valid, so it was not written:\n" +
                            "\n".join(str(p) for p in mine), 1)
    shown = display_path(path)
    out(f"Created {shown}")
    return path

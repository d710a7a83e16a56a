"""`journeys init`: a working starter project (mkdocs.yml, one persona, one journey, one open round with its scores,
a home page, .gitignore entries, the schemas for editors) in an empty or existing folder, never over a file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..format.options import Options
from ..format.problems import display_path
from ..format.staging import StagedWrite, StagingError
from ..layout import LOCK_FILE
from .scaffold import Request, render, round_period, target
from .schemafiles import SCHEMAS_DIR, modeline, write_schemas

DOCS_DIR = "docs"
PERSONA, JOURNEY = "customer", "getting-started"


class StarterError(Exception):
    """The starter project cannot be written; nothing was. `code` is the exit code: 1 when a file exists already,
    2 when the system refused a write."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def this_quarter(today: date | None = None) -> str:
    """The id of the round that covers today, e.g. 2026-q4."""
    today = today or date.today()
    return f"{today.year}-q{(today.month - 1) // 3 + 1}"


def _template(name: str, **values: object) -> str:
    env = Environment(loader=PackageLoader("mkdocs_journeys.exchange", "scaffolds"), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    return env.get_template(name).render(values)


def starter_files(folder: Path, round_id: str) -> dict[Path, str]:
    """Every file of the starter project but .gitignore and the schemas, with its text."""
    docs = folder / DOCS_DIR
    title, start, end = round_period(round_id) or (round_id, f"{date.today().year}-01-01",
                                                   f"{date.today().year}-12-31")
    requests = [Request("persona", PERSONA, title="Casey Customer",
                        role="A customer of ours: replace with a real person's job and situation"),
                Request("journey", JOURNEY, title="Getting started", service="Our service", personas=[PERSONA]),
                Request("round", round_id, title=title, start=start, end=end)]
    files = {target(docs, r.kind, r.id): "" for r in requests}
    for request, path in zip(requests, files, strict=True):
        files[path] = render(request, path, folder)
    scores = docs / "rounds" / round_id / f"{JOURNEY}.yml"
    files[scores] = _template("starter-scores.yml", modeline=modeline("observation", scores, folder),
                              round_id=round_id, journey_id=JOURNEY)
    files[docs / "index.md"] = _template("starter-index.md", journey_id=JOURNEY, journey_title="Getting started",
                                         persona_id=PERSONA, persona_name="Casey Customer", round_id=round_id,
                                         round_title=title)
    files[folder / "mkdocs.yml"] = _template("starter-mkdocs.yml")
    return files


def _gitignore(folder: Path) -> tuple[Path, str | None]:
    """The project's .gitignore with the starter's lines it lacks added; None when it has them all."""
    path = folder / ".gitignore"
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = ""
    have = {line.strip() for line in text.splitlines()}
    wanted = _template("starter-gitignore").splitlines()
    missing = [line for line in wanted[1:] if line.strip() not in have and line.strip().rstrip("/") not in have]
    if not missing:
        return path, None
    lead = "" if not text or text.endswith("\n") else "\n"
    return path, text + lead + "\n".join([wanted[0], *missing]) + "\n"


def init(folder: Path, say: Callable[[str], None] = print, round_id: str | None = None) -> list[Path]:
    """Write the starter project into `folder` (made if missing). StarterError, with nothing written, when any of
    its files exists already; OSError when the folder cannot be written."""
    files = starter_files(folder, round_id or this_quarter())
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing:
        raise StarterError("\n".join(f"{display_path(p)} already exists" for p in existing) +
                           f"\nnothing was written; run journeys init in another folder, or move "
                           f"{'this file' if len(existing) == 1 else 'these files'} away first")
    folder.mkdir(parents=True, exist_ok=True)
    options = Options(docs_dir=folder / DOCS_DIR, lock_file=folder / LOCK_FILE, project_root=folder)
    staged = StagedWrite(options)
    try:
        for path, text in files.items():
            staged.create(path, text)
        ignore, ignore_text = _gitignore(folder)
        if ignore_text is not None:
            staged.replace(ignore, ignore_text.encode("utf-8"))
    except StagingError as err:
        # A refused write says "nothing changed" already.
        raise StarterError(f"{err}; nothing was written" if err.code == 1 else str(err), err.code) from None
    mine = staged.commit()
    if mine:  # the starter itself is wrong: a bug of this package, reported instead of written
        raise StarterError("the starter files would not be valid, so none was written:\n" +
                           "\n".join(str(p) for p in mine))
    for path in files:
        say(f"Created {display_path(path)}")
    if ignore_text is not None:
        say(f"Added the site and the build cache to {display_path(ignore)}")
    write_schemas(folder / SCHEMAS_DIR, say)
    return list(files)

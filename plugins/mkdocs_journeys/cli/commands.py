"""What each subcommand of `journeys` does: a thin front over the same core as the MkDocs plugin.

Exit codes, the same for every subcommand: 0 done; 1 problems in the content, or the command refused because of
the project's files (a file it would write exists already, what it would write would not be valid, a round is
closed, a round failed to build); 2 usage or environment errors: the command cannot run as given (a wrong option or
argument, an unknown journey, round or persona, a missing or wrong mkdocs.yml, a missing docs folder, an input file
that cannot be read) or not here and now (another build running, a site folder a build must not write into, a full
disk or a missing permission while writing). An OSError no command caught is exit code 2 too (cli.main).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ..adapter.config import project_options, read_options
from ..exchange import ci_formats
from ..exchange.export import catalog_to_json
from ..exchange.survey_csv import Columns
from ..exchange.surveys import SurveyRequest, import_survey
from ..format.lock import HistoryError, close_round, reopen_round
from ..format.options import OptionError, Options
from ..format.problems import did_you_mean, errors
from ..format.project import NotFound, find_journey, find_round, load_project
from ..format.readmemo import ReadMemo
from ..layout import JOURNEYS_DIR, ROUNDS_DIR
from ..locales.labels import labels
from ..locales.plural import count
from ..model import Catalog
from ..site.build import BuildBusy, BuildEnvironmentError, BuildError, build_site, cache_key, read_memo_folder
from ..site.folder import owned


class UsageError(Exception):
    """The command cannot run as given (options, configuration, an unknown id): exit code 2."""


def _options(config_file: Path) -> Options:
    """The site's options as MkDocs reads mkdocs.yml, with a valid emotion scale and docs folder; UsageError
    (at the line of mkdocs.yml) otherwise."""
    try:
        return project_options(config_file)
    except OptionError as err:
        raise UsageError(str(err)) from None


def _under_cwd(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, else as it is."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _load(config_file: Path, fmt: str = "text", strict: bool = False,
          memo: ReadMemo | None = None) -> tuple[Catalog | None, int]:
    """Load and validate (files unchanged since `memo` read them are not parsed again); print every problem (to
    stderr as text, to stdout in a CI format). Returns the catalog and an exit code: 1 for errors, and for warnings
    too when `strict`."""
    options = _options(config_file)
    catalog, problems = load_project(options, pause_collector=True, memo=memo)
    if fmt == "text":
        sys.stderr.write(ci_formats.text(problems))
    else:
        sys.stdout.write(ci_formats.render(problems, fmt))
    failing = problems if strict else errors(problems)
    if failing:
        print(f"{count(len(problems), 'problem', 'problems')} found.", file=sys.stderr)
        return None, 1
    if problems:
        they = "it fails" if len(problems) == 1 else "they fail"
        print(f"{count(len(problems), 'warning', 'warnings')}; {they} strict builds (journeys check --strict, "
              f"mkdocs build --strict).", file=sys.stderr)
    return catalog, 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every source file without building."""
    catalog, code = _load(args.config_file, args.format, args.strict)
    if catalog is not None and args.format == "text":
        print(f"OK: {count(len(catalog.journeys), 'journey', 'journeys')}, "
              f"{count(len(catalog.personas), 'persona', 'personas')}, "
              f"{count(len(catalog.rounds), 'round', 'rounds')}, "
              f"{count(len(catalog.observations), 'observation file', 'observation files')}.")
    return code


def cmd_export_json(args: argparse.Namespace) -> int:
    """Print the validated model as JSON."""
    catalog, code = _load(args.config_file)
    if catalog is not None:
        json.dump(catalog_to_json(catalog, include_private=args.include_private), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    return code


def cmd_export_csv(args: argparse.Namespace) -> int:
    """Write tidy long-format CSV: one row per journey, round, touchpoint and measure."""
    from ..exchange.tidy import to_csv

    catalog, code = _load(args.config_file)
    if catalog is None:
        return code
    if args.round_id:
        find_round(catalog, args.round_id)
    text = to_csv(catalog, args.round_id, excel=args.excel)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    created = False
    try:
        # Exclusive creation: an existing file is never overwritten.
        with args.output.open("x", encoding="utf-8", newline="") as handle:
            created = True
            handle.write(text)
    except FileExistsError:
        print(f"error: {args.output} already exists; it was left as it was", file=sys.stderr)
        return 1
    except OSError as err:
        if created:  # a disk that filled up mid-way leaves no half-written file behind
            args.output.unlink(missing_ok=True)
        print(f"error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


def cmd_import_mermaid(args: argparse.Namespace) -> int:
    """Turn every journey diagram of a Markdown file into a journey, personas and a round's scores."""
    from ..exchange.mermaid_import import Request, import_mermaid

    return import_mermaid(_options(args.config_file), args.config_file.parent,
                          Request(args.file, args.round_id, args.journey_id),
                          out=print, err=lambda line: print(line, file=sys.stderr))


def cmd_export_mermaid(args: argparse.Namespace) -> int:
    """Print a journey as a Mermaid `journey` diagram with the scores of a round."""
    from ..format.mermaid import export
    from ..views.analysis import current_round
    from ..views.comparison import journey_as_of

    catalog, code = _load(args.config_file)
    if catalog is None:
        return code
    journey = find_journey(catalog, args.journey, "JOURNEY")
    round_ = find_round(catalog, args.round_id) if args.round_id else current_round(catalog, None)
    observation = catalog.observation(journey.id, round_.id) if round_ else None
    shown = journey_as_of(catalog, journey, round_.id if round_ else None)
    sys.stdout.write(export(shown, observation, catalog.scale, {p.id: p.name for p in catalog.personas.values()}))
    return 0


def _untouched(site_dir: Path) -> str:
    """What a failed build says about the site folder: there was none, there was a site, or something else."""
    if not os.path.lexists(site_dir):
        return f"Nothing was written to {site_dir}."
    if site_dir.is_dir() and owned(site_dir):
        return f"The previous site in {site_dir} was left as it was."
    return f"{site_dir} was left as it was."


def cmd_build(args: argparse.Namespace) -> int:
    """Build every round into site/<round>/, site/latest/, versions.json and a root redirect."""
    # The files read by the previous build, kept in the build cache (signed with this machine's key).
    memo_folder = read_memo_folder(args.config_file)
    memo = ReadMemo.load(memo_folder, cache_key()) if memo_folder.is_dir() else ReadMemo()
    catalog, code = _load(args.config_file, strict=args.strict, memo=memo)
    if catalog is None:
        return code
    options = _options(args.config_file)
    # The MkDocs adapter renders each round; only this command needs it, so it is imported here.
    from ..adapter.build import build_round, show_build_log

    show_build_log(args.verbose)
    # MkDocs gives site_dir as an absolute path; messages name it as the user would type it.
    site_dir = args.site_dir or _under_cwd(options.site_dir)
    untouched = _untouched(site_dir)
    started = time.monotonic()
    try:
        report = build_site(catalog, options.docs_dir, args.config_file, options.overrides, site_dir,
                            lambda round_id, out, processes, previous: build_round(
                                args.config_file, round_id, out, args.strict, catalog, processes, previous),
                            labels(options.language)["in_progress"], jobs=args.jobs, overwrite=args.overwrite)
    except BuildBusy as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (BuildError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        print(untouched, file=sys.stderr)
        return 2 if isinstance(err, BuildEnvironmentError) else 1
    memo.save(memo_folder, cache_key())
    print(f"Built {count(len(report.built), 'round', 'rounds')} ({', '.join(report.built) or 'none'}), reused "
          f"{len(report.reused)} unchanged ({', '.join(report.reused) or 'none'}) into {site_dir} in "
          f"{time.monotonic() - started:.1f} s.")
    return 0


def _known(options: Options, what: str, wanted: str, option: str) -> None:
    """NotFound (exit code 2) unless the journey (journeys/ID.md) or round (rounds/ID/index.md) has its file."""
    if what == "round":
        folder, pattern, expected = options.docs_dir / ROUNDS_DIR, "*/index.md", f"a folder rounds/{wanted}/ with " \
                                                                                  f"an index.md"
        found = (folder / wanted / "index.md").is_file()
        known = sorted(p.parent.name for p in folder.glob(pattern))
    else:
        folder, expected = options.docs_dir / JOURNEYS_DIR, f"a file journeys/{wanted}.md"
        found = (folder / f"{wanted}.md").is_file()
        known = sorted(p.stem for p in folder.glob("*.md"))
    if not found:
        raise NotFound(f"{option}: no {what} '{wanted}' (expected {expected})"
                       + (did_you_mean(wanted, known) or "; there are none yet"))


def cmd_round(args: argparse.Namespace) -> int:
    """Close or reopen a round."""
    options = _options(args.config_file)
    _known(options, "round", args.round_id, "ROUND")
    if args.action == "close":
        catalog, code = _load(args.config_file)
        if catalog is None:
            print("Fix these problems before closing a round.", file=sys.stderr)
            return code
    act = close_round if args.action == "close" else reopen_round
    assert options.lock_file is not None
    try:
        for line in act(options.docs_dir, options.lock_file, args.round_id):
            print(line)
    except HistoryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # a full disk, say: the round is as it was
        raise UsageError(f"cannot write {_under_cwd(Path(err.filename or options.lock_file))}: {err.strerror}; "
                         f"round '{args.round_id}' was left as it was") from None
    return 0


def cmd_import_survey(args: argparse.Namespace) -> int:
    """Import survey answers from a CSV file into a round's observations of one journey."""
    options = _options(args.config_file)
    _known(options, "journey", args.journey, "--journey")
    _known(options, "round", args.round_id, "--round")
    request = SurveyRequest(
        file=args.file, journey=args.journey, round=args.round_id, scale=args.scale,
        columns=Columns(args.touchpoint_column, args.score_column, args.comment_column, args.date_column),
        kpi=args.kpi, kpi_name=args.kpi_name, skip_invalid=args.skip_invalid, replace=args.replace,
        encoding=args.encoding,
    )
    return import_survey(args.config_file, request, out=print, err=lambda line: print(line, file=sys.stderr),
                         read_options=read_options)


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a journey, persona, round or observation file; never over an existing one."""
    from ..exchange.scaffold import Request, ScaffoldError, create

    options = _options(args.config_file)
    request = Request(kind=args.kind, id=args.item_id, title=args.title or "", personas=args.persona or [],
                      service=args.service or "", role=args.role or "", start=args.start or "", end=args.end or "",
                      round=args.round_id or "")
    try:
        create(request, options, args.config_file.parent, print)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Write a starter project into a folder; nothing over an existing file."""
    from ..exchange.starter import StarterError, init

    try:
        init(args.folder)
    except StarterError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    except OSError as err:
        raise UsageError(f"{args.folder}: cannot write the starter project: {err.strerror}") from None
    where = "" if args.folder.resolve() == Path.cwd().resolve() else f"cd {args.folder} && "
    print(f"Next: {where}journeys check && journeys build && mkdocs serve (then open http://127.0.0.1:8000/)")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write the JSON Schemas into the project, for editors; changed files are left as they are."""
    from ..exchange.schemafiles import SCHEMAS_DIR, write_schemas

    folder = args.folder or args.config_file.parent / SCHEMAS_DIR
    try:
        report = write_schemas(folder)
    except OSError as err:
        raise UsageError(f"{folder}: cannot write the schemas: {err.strerror}") from None
    return 1 if report.kept else 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Summarise what changed between two git revisions, for a pull-request comment."""
    from ..exchange.diff import DiffError, compare, snapshot, worktree_snapshot
    from ..exchange.diff_render import markdown

    if args.worktree and args.head is not None:
        raise UsageError("give either HEAD or --worktree, not both")
    try:
        base = snapshot(args.config_file, args.base, read_options)
        head = worktree_snapshot(args.config_file, read_options) if args.worktree else \
            snapshot(args.config_file, args.head or "HEAD", read_options)
    except DiffError as err:
        raise UsageError(str(err)) from None
    summary = compare(base, head)
    if args.format == "json":
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(markdown(summary))
    return 0

"""The `journeys` command line: a thin front over the same core as the MkDocs plugin."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from .adapter.config import read_options
from .exchange import ci_formats
from .exchange.export import catalog_to_json
from .exchange.survey_csv import Columns, parse_scale
from .exchange.survey_kpi import KINDS
from .exchange.surveys import SurveyRequest, import_survey
from .format.lock import HistoryError, close_round, reopen_round
from .format.options import OptionError, Options
from .format.problems import errors
from .format.project import NotFound, find_journey, find_round, load_project
from .locales.labels import labels
from .model import Catalog
from .site.build import BuildBusy, BuildError, build_site
from .site.folder import owned


class UsageError(Exception):
    """The command cannot run as given (options, configuration, an unknown id): exit code 2."""


def _options(config_file: Path) -> Options:
    """The site's options as MkDocs reads mkdocs.yml, with a valid emotion scale; UsageError otherwise."""
    try:
        options = read_options(config_file)
        options.emotion_scale()
    except OptionError as err:
        raise UsageError(str(err)) from None
    if not options.docs_dir.is_dir():
        raise UsageError(f"{config_file}: docs_dir '{options.docs_dir}' is not a folder")
    return options


def _under_cwd(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, else as it is."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _load(config_file: Path, fmt: str = "text", strict: bool = False) -> tuple[Catalog | None, int]:
    """Load and validate; print every problem (to stderr as text, to stdout in a CI format). Returns the catalog
    and an exit code: 1 for errors, and for warnings too when `strict`."""
    options = _options(config_file)
    catalog, problems = load_project(options, pause_collector=True)
    if fmt == "text":
        sys.stderr.write(ci_formats.text(problems))
    else:
        sys.stdout.write(ci_formats.render(problems, fmt))
    failing = problems if strict else errors(problems)
    if failing:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return None, 1
    if problems:
        print(f"{len(problems)} warning(s); they fail strict builds (journeys check --strict, mkdocs build --strict).",
              file=sys.stderr)
    return catalog, 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every source file without building."""
    catalog, code = _load(args.config_file, args.format, args.strict)
    if catalog is not None and args.format == "text":
        print(f"OK: {len(catalog.journeys)} journeys, {len(catalog.personas)} personas, "
              f"{len(catalog.rounds)} rounds, {len(catalog.observations)} observation files.")
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
    from .exchange.tidy import to_csv

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
        return 1
    return 0


def cmd_import_mermaid(args: argparse.Namespace) -> int:
    """Turn every journey diagram of a Markdown file into a journey, personas and a round's scores."""
    from .exchange.mermaid_import import Request, import_mermaid

    return import_mermaid(_options(args.config_file), args.config_file.parent,
                          Request(args.file, args.round_id, args.journey_id),
                          out=print, err=lambda line: print(line, file=sys.stderr))


def cmd_export_mermaid(args: argparse.Namespace) -> int:
    """Print a journey as a Mermaid `journey` diagram with the scores of a round."""
    from .format.mermaid import export
    from .views.analysis import current_round
    from .views.comparison import journey_as_of

    catalog, code = _load(args.config_file)
    if catalog is None:
        return code
    journey = find_journey(catalog, args.journey, "JOURNEY")
    round_ = find_round(catalog, args.round_id) if args.round_id else current_round(catalog, None)
    observation = catalog.observation(journey.id, round_.id) if round_ else None
    shown = journey_as_of(catalog, journey, round_.id if round_ else None)
    sys.stdout.write(export(shown, observation, catalog.scale, {p.id: p.name for p in catalog.personas.values()}))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build every round into site/<round>/, site/latest/, versions.json and a root redirect."""
    catalog, code = _load(args.config_file, strict=args.strict)
    if catalog is None:
        return code
    options = _options(args.config_file)
    # The MkDocs adapter renders each round; only this command needs it, so it is imported here.
    from .adapter.build import build_round, show_build_log

    show_build_log(args.verbose)
    # MkDocs gives site_dir as an absolute path; messages name it as the user would type it.
    site_dir = args.site_dir or _under_cwd(options.site_dir)
    if not os.path.lexists(site_dir):
        untouched = f"Nothing was written to {site_dir}."
    elif site_dir.is_dir() and owned(site_dir):
        untouched = f"The previous site in {site_dir} was left as it was."
    else:
        untouched = f"{site_dir} was left as it was."
    started = time.monotonic()
    try:
        report = build_site(catalog, options.docs_dir, args.config_file, options.overrides, site_dir,
                            lambda round_id, out, processes: build_round(args.config_file, round_id, out, args.strict,
                                                                         catalog, processes),
                            labels(options.language)["in_progress"], jobs=args.jobs, overwrite=args.overwrite)
    except BuildBusy as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except (BuildError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        print(untouched, file=sys.stderr)
        return 1
    print(f"Built {len(report.built)} round(s) ({', '.join(report.built) or 'none'}), reused "
          f"{len(report.reused)} unchanged ({', '.join(report.reused) or 'none'}) into {site_dir} in "
          f"{time.monotonic() - started:.1f} s.")
    return 0


def cmd_round(args: argparse.Namespace) -> int:
    """Close or reopen a round."""
    options = _options(args.config_file)
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
    return 0


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text}")
    return int(text)


def _scale(text: str) -> tuple[int, int]:
    try:
        return parse_scale(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def cmd_import_survey(args: argparse.Namespace) -> int:
    """Import survey answers from a CSV file into a round's observations of one journey."""
    request = SurveyRequest(
        file=args.file, journey=args.journey, round=args.round_id, scale=args.scale,
        columns=Columns(args.touchpoint_column, args.score_column, args.comment_column, args.date_column),
        kpi=args.kpi, kpi_name=args.kpi_name, skip_invalid=args.skip_invalid, replace=args.replace,
        encoding=args.encoding,
    )
    return import_survey(args.config_file, request, out=print, err=lambda line: print(line, file=sys.stderr),
                         read_options=read_options)


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a journey, persona or round file; never over an existing one."""
    from .exchange.scaffold import Request, ScaffoldError, create

    options = _options(args.config_file)
    request = Request(kind=args.kind, id=args.item_id, title=args.title or "", personas=args.persona or [],
                      service=args.service or "", role=args.role or "", start=args.start or "", end=args.end or "")
    try:
        create(request, options, args.config_file.parent, print)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Summarise what changed between two git revisions, for a pull-request comment."""
    from .exchange.diff import DiffError, compare, snapshot, worktree_snapshot
    from .exchange.diff_render import markdown

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


def _add_check(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `check` subcommand."""
    check = commands.add_parser("check", parents=[common],
                                help="validate every journey, persona, round and observation")
    check.add_argument("--format", choices=ci_formats.FORMATS, default="text",
                       help="text (path:line:col: error: ...), github (workflow annotations) or gitlab (Code Quality "
                       "JSON); the last two go to stdout")
    check.add_argument("-s", "--strict", action="store_true",
                       help="fail on warnings too (active HTML, overlapping rounds ...), as mkdocs build --strict does")
    check.set_defaults(run=cmd_check)


def _add_export(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `export` subcommand."""
    export = commands.add_parser("export", parents=[common], help="print the validated model")
    formats = export.add_subparsers(dest="format", required=True)
    as_json = formats.add_parser("json", parents=[common], help="as JSON")
    as_json.add_argument("--include-private", action="store_true",
                         help="include feedback marked private (left out by default)")
    as_json.set_defaults(run=cmd_export_json)
    as_csv = formats.add_parser("csv", parents=[common],
                                help="as tidy CSV: one row per journey, round, touchpoint and measure")
    as_csv.add_argument("--round", dest="round_id", metavar="ID", help="only this round (default: every round)")
    as_csv.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to a new file instead of stdout")
    as_csv.add_argument("--excel", action="store_true", help="start with a byte-order mark, so Excel reads UTF-8")
    as_csv.set_defaults(run=cmd_export_csv)
    as_mermaid = formats.add_parser("mermaid", parents=[common], help="one journey as a Mermaid journey diagram")
    as_mermaid.add_argument("journey", metavar="JOURNEY", help="the journey's id")
    as_mermaid.add_argument("--round", dest="round_id", metavar="ID", help="scores of this round (default: newest)")
    as_mermaid.set_defaults(run=cmd_export_mermaid)


def _add_build(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `build` subcommand."""
    build = commands.add_parser("build", parents=[common], help="build every round as a version of the site")
    build.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of mkdocs.yml)")
    build.add_argument("-s", "--strict", action="store_true", help="fail on warnings (as mkdocs build --strict)")
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    build.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                       help="rounds built at once, one process each (default: the number of processors)")
    build.add_argument("--overwrite", action="store_true",
                       help="replace entries of the output folder that journeys build did not write, where it must "
                       "write (an index.html of an earlier mkdocs build, say); other entries are always kept")
    build.set_defaults(run=cmd_build)


def _add_round(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `round` subcommand."""
    rounds = commands.add_parser("round", parents=[common], help="close or reopen a monitoring round")
    rounds.add_argument("action", choices=["close", "reopen"],
                        help="close: mark closed and lock its files; reopen: unlock and mark open")
    rounds.add_argument("round_id", help="the round's id (its folder name under rounds/)")
    rounds.set_defaults(run=cmd_round)


def _add_imports(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `import` subcommand."""
    imports = commands.add_parser("import", parents=[common], help="import findings into a round's observations")
    sources = imports.add_subparsers(dest="source", required=True)
    survey = sources.add_parser("survey", parents=[common],
                                help="survey answers from a CSV file: a KPI and comments per touchpoint")
    survey.add_argument("file", type=Path, help="the CSV file (comma, semicolon or tab; UTF-8, cp1250 or cp1251)")
    survey.add_argument("--journey", required=True, metavar="ID", help="the journey the answers are about")
    survey.add_argument("--round", required=True, dest="round_id", metavar="ID", help="the (open) round")
    survey.add_argument("--touchpoint-column", required=True, metavar="NAME",
                        help="column with a touchpoint's id or title")
    survey.add_argument("--score-column", required=True, metavar="NAME", help="column with the score")
    survey.add_argument("--comment-column", metavar="NAME", help="column with free-text comments (feedback)")
    survey.add_argument("--date-column", metavar="NAME", help="column with the date of the answer")
    survey.add_argument("--scale", required=True, type=_scale, metavar="MIN-MAX",
                        help="the answer scale, e.g. 1-5 or 0-10 (a negative minimum as --scale=-2-2)")
    survey.add_argument("--kpi", choices=KINDS, help="kind of KPI (default: csat for 1-5, custom otherwise)")
    survey.add_argument("--kpi-name", metavar="NAME", help="name of the KPI (default for custom: survey)")
    survey.add_argument("--skip-invalid", action="store_true", help="import the good rows, warn about bad ones")
    survey.add_argument("--replace", action="store_true",
                        help="replace the touchpoint's KPI of this kind and name, and its comments")
    survey.add_argument("--encoding", metavar="NAME", help="the file's encoding, when the guess is wrong")
    survey.set_defaults(run=cmd_import_survey)
    from_mermaid = sources.add_parser("mermaid", parents=[common],
                                      help="journey diagrams of a Markdown file: journeys, personas, scores")
    from_mermaid.add_argument("file", help="a Markdown or .mmd file, or - for standard input")
    from_mermaid.add_argument("--round", dest="round_id", metavar="ID", help="an open round (default: the newest open)")
    from_mermaid.add_argument("--id", dest="journey_id", metavar="ID", help="the new journey's id (one diagram only)")
    from_mermaid.set_defaults(run=cmd_import_mermaid)


def _add_diff(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `diff` subcommand."""
    diff = commands.add_parser("diff", parents=[common],
                               help="what changed between two git revisions (for a pull-request comment)")
    diff.add_argument("base", metavar="BASE", help="the revision the change starts from, e.g. origin/main")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="the changed revision (default: HEAD)")
    diff.add_argument("--worktree", action="store_true",
                      help="compare BASE with the files on disk, committed or not, instead of a revision")
    diff.add_argument("--format", choices=["markdown", "json"], default="markdown", help="output (default: markdown)")
    diff.set_defaults(run=cmd_diff)


def _add_new(commands: Any, common: argparse.ArgumentParser) -> None:
    """The `new` subcommand."""
    new = commands.add_parser("new", parents=[common],
                              help="start a journey, persona or round from a commented template")
    new.add_argument("kind", choices=["journey", "persona", "round"], help="what to create")
    new.add_argument("item_id", metavar="ID", help="its id, which becomes the file or folder name")
    new.add_argument("--title", help="title of the journey or round, name of the persona")
    new.add_argument("--persona", action="append", metavar="ID",
                     help="journey: a persona who travels it (repeat for more; default: the only persona)")
    new.add_argument("--service", help="journey: the service it goes through (default: the title)")
    new.add_argument("--role", help="persona: job and situation in one line")
    new.add_argument("--start", metavar="YYYY-MM-DD", help="round: first day (default: from an id like 2026-q4)")
    new.add_argument("--end", metavar="YYYY-MM-DD", help="round: last day (default: from the id)")
    new.set_defaults(run=cmd_new)


def parser() -> argparse.ArgumentParser:
    """The argument parser of the `journeys` command."""
    top = argparse.ArgumentParser(prog="journeys", description="Customer journeys as code.")
    top.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('mkdocs-journeys')}")
    top.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                     help="the MkDocs configuration (default: mkdocs.yml)")
    # -f is also accepted after the subcommand; there it overrides the value given before only when present.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", type=Path, default=argparse.SUPPRESS,
                        help="the MkDocs configuration (default: mkdocs.yml)")
    commands = top.add_subparsers(dest="command", required=True)
    for add in (_add_check, _add_export, _add_build, _add_round, _add_imports, _add_diff, _add_new):
        add(commands, common)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `journeys` command: 0 done, 1 problems in the content, 2 usage or environment errors."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (UsageError, NotFound) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())

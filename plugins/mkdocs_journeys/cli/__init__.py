"""The `journeys` command line: its subcommands, options, help and exit codes (commands.py does the work)."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from ..exchange import ci_formats
from ..exchange.survey_csv import parse_scale
from ..exchange.survey_kpi import KINDS
from ..format.project import NotFound

__all__ = ["main", "parser"]

EXIT_CODES = """\
exit codes: 0 done; 1 problems in the content, or refused because of the project's files (one that exists
already, a result that would not be valid, a closed round, a round that failed to build); 2 the command cannot run
as given (a wrong option, an unknown journey or round, a missing or wrong mkdocs.yml or docs folder, an input file
that cannot be read) or not here and now (another build running, a site folder a build must not write into, a
full disk or a missing permission while writing)"""


def _command(name: str) -> Any:
    """The function of commands.py that runs a subcommand, imported when it runs: importing this package (as
    pkgutil.walk_packages does) loads neither the commands nor MkDocs."""

    def run(args: argparse.Namespace) -> int:
        from . import commands

        code: int = getattr(commands, name)(args)
        return code

    run.__name__ = name
    return run


def _sub(commands_: Any, name: str, common: argparse.ArgumentParser, summary: str, description: str,
         examples: str) -> argparse.ArgumentParser:
    """A subcommand with its one-line summary, a description and examples in --help."""
    return commands_.add_parser(name, parents=[common], help=summary, description=description,
                                epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text}")
    return int(text)


def _scale(text: str) -> tuple[int, int]:
    try:
        return parse_scale(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_init(subs: Any, common: argparse.ArgumentParser) -> None:
    init = _sub(subs, "init", common, "start a project: mkdocs.yml, a persona, a journey, an open round",
                "Write a working starter project into DIR (made if missing): mkdocs.yml with the recommended, "
                "commented settings, one persona, one journey, one open round with its scores file, a home page, "
                ".gitignore entries for the site and the build cache, and the JSON Schemas in .schemas/ for "
                "editors. Nothing is overwritten: if any of these files exists, nothing is written.",
                "  journeys init my-journeys\n  journeys init            # into the current folder")
    init.add_argument("folder", metavar="DIR", nargs="?", type=Path, default=Path("."),
                      help="the project folder (default: the current folder)")
    init.set_defaults(run=_command("cmd_init"))


def _add_check(subs: Any, common: argparse.ArgumentParser) -> None:
    check = _sub(subs, "check", common, "validate every journey, persona, round and observation",
                 "Read every source file and print every problem of every file in one pass, as "
                 "path:line:col: error: message. Nothing is written.",
                 "  journeys check\n  journeys check --strict --format github   # in a CI workflow")
    check.add_argument("--format", choices=ci_formats.FORMATS, default="text",
                       help="text (path:line:col: error: ...), github (workflow annotations) or gitlab (Code Quality "
                       "JSON); the last two go to stdout")
    check.add_argument("-s", "--strict", action="store_true",
                       help="fail on warnings too (active HTML, overlapping rounds ...), as mkdocs build --strict does")
    check.set_defaults(run=_command("cmd_check"))


def _add_export(subs: Any, common: argparse.ArgumentParser) -> None:
    export = _sub(subs, "export", common, "print the validated model",
                  "Print the validated journeys, personas, rounds and findings in another format.",
                  "  journeys export json > journeys.json\n  journeys export csv --round 2026-q2 -o q2.csv\n"
                  "  journeys export mermaid laptop-request")
    formats = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    as_json = _sub(formats, "json", common, "as JSON", "Print every journey, persona, round and finding as JSON "
                   "(feedback marked private is left out unless asked for).",
                   "  journeys export json > journeys.json")
    as_json.add_argument("--include-private", action="store_true",
                         help="include feedback marked private (left out by default)")
    as_json.set_defaults(run=_command("cmd_export_json"))
    as_csv = _sub(formats, "csv", common, "as tidy CSV: one row per journey, round, touchpoint and measure",
                  "Write tidy long-format CSV for a spreadsheet or a statistics tool: one row per journey, round, "
                  "touchpoint and measure. An existing output file is never overwritten.",
                  "  journeys export csv -o all.csv\n  journeys export csv --round 2026-q2 --excel -o q2.csv")
    as_csv.add_argument("--round", dest="round_id", metavar="ID", help="only this round (default: every round)")
    as_csv.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to a new file instead of stdout")
    as_csv.add_argument("--excel", action="store_true", help="start with a byte-order mark, so Excel reads UTF-8")
    as_csv.set_defaults(run=_command("cmd_export_csv"))
    as_mermaid = _sub(formats, "mermaid", common, "one journey as a Mermaid journey diagram",
                      "Print one journey as a Mermaid `journey` diagram with the scores of a round.",
                      "  journeys export mermaid laptop-request --round 2026-q1")
    as_mermaid.add_argument("journey", metavar="JOURNEY", help="the journey's id")
    as_mermaid.add_argument("--round", dest="round_id", metavar="ID", help="scores of this round (default: newest)")
    as_mermaid.set_defaults(run=_command("cmd_export_mermaid"))


def _add_build(subs: Any, common: argparse.ArgumentParser) -> None:
    build = _sub(subs, "build", common, "build every round as a version of the site",
                 "Check the project, then build every round into <site>/<round>/, the newest also into "
                 "<site>/latest/, with versions.json for the version selector. Unchanged rounds are reused from "
                 ".journeys-cache/; the previous site stays as it was until everything succeeded.",
                 "  journeys build\n  journeys build --strict -d public")
    build.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of mkdocs.yml)")
    build.add_argument("-s", "--strict", action="store_true", help="fail on warnings (as mkdocs build --strict)")
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    build.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                       help="rounds built at once, one process each (default: the number of processors)")
    build.add_argument("--overwrite", action="store_true",
                       help="replace entries of the output folder that journeys build did not write, where it must "
                       "write (an index.html of an earlier mkdocs build, say); other entries are always kept")
    build.set_defaults(run=_command("cmd_build"))


def _add_round(subs: Any, common: argparse.ArgumentParser) -> None:
    rounds = _sub(subs, "round", common, "close or reopen a monitoring round",
                  "close: check the project, mark the round closed and lock its files in journeys.lock, so that a "
                  "later change to them is an error. reopen: remove the lock, say what changed since, and mark it "
                  "open.", "  journeys round close 2026-q2\n  journeys round reopen 2026-q2")
    rounds.add_argument("action", choices=["close", "reopen"],
                        help="close: mark closed and lock its files; reopen: unlock and mark open")
    rounds.add_argument("round_id", metavar="ROUND", help="the round's id (its folder name under rounds/)")
    rounds.set_defaults(run=_command("cmd_round"))


def _add_survey(sources: Any, common: argparse.ArgumentParser) -> None:
    survey = _sub(sources, "survey", common, "survey answers from a CSV file: a KPI and comments per touchpoint",
                  "Read survey answers from a CSV file and add, per touchpoint, a KPI (CSAT, NPS, CES or your own) "
                  "and the comments as feedback to the round's file of the journey. All or nothing: a result that "
                  "would not be valid is undone.",
                  "  journeys import survey answers.csv --journey laptop-request --round 2026-q2 \\\n"
                  "      --touchpoint-column Step --score-column Score --scale 1-5")
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
    survey.set_defaults(run=_command("cmd_import_survey"))


def _add_imports(subs: Any, common: argparse.ArgumentParser) -> None:
    imports = _sub(subs, "import", common, "import findings into a round's observations",
                   "Bring findings made elsewhere into the project: survey answers, Mermaid journey diagrams.",
                   "  journeys import survey answers.csv --journey laptop-request --round 2026-q2 ...\n"
                   "  journeys import mermaid workshop.md --round 2026-q2")
    sources = imports.add_subparsers(dest="source", required=True, metavar="SOURCE")
    _add_survey(sources, common)
    from_mermaid = _sub(sources, "mermaid", common, "journey diagrams of a Markdown file: journeys, personas, scores",
                        "Turn every Mermaid journey diagram of a Markdown (or .mmd) file into a journey, its "
                        "personas and its scores in an open round. All files are written or none; none is "
                        "overwritten.", "  journeys import mermaid workshop.md\n"
                        "  journeys import mermaid - --id checkout < diagram.mmd")
    from_mermaid.add_argument("file", help="a Markdown or .mmd file, or - for standard input")
    from_mermaid.add_argument("--round", dest="round_id", metavar="ID", help="an open round (default: the newest open)")
    from_mermaid.add_argument("--id", dest="journey_id", metavar="ID", help="the new journey's id (one diagram only)")
    from_mermaid.set_defaults(run=_command("cmd_import_mermaid"))


def _add_diff(subs: Any, common: argparse.ArgumentParser) -> None:
    diff = _sub(subs, "diff", common, "what changed between two git revisions (for a pull-request comment)",
                "Summarise what changed in the journeys between two git revisions: touchpoints, scores, new "
                "problems; as Markdown for a pull-request comment, or JSON.",
                "  journeys diff origin/main\n  journeys diff origin/main --worktree --format json")
    diff.add_argument("base", metavar="BASE", help="the revision the change starts from, e.g. origin/main")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="the changed revision (default: HEAD)")
    diff.add_argument("--worktree", action="store_true",
                      help="compare BASE with the files on disk, committed or not, instead of a revision")
    diff.add_argument("--format", choices=["markdown", "json"], default="markdown", help="output (default: markdown)")
    diff.set_defaults(run=_command("cmd_diff"))


def _add_new(subs: Any, common: argparse.ArgumentParser) -> None:
    new = _sub(subs, "new", common, "start a journey, persona, round or round file from a commented template",
               "Create a valid, commented file: a journey (journeys/ID.md), a persona (personas/ID.md), a round "
               "(rounds/ID/index.md) or a round's file of a journey (observation: rounds/ROUND/JOURNEY.yml, every "
               "touchpoint listed). An existing file is never overwritten.",
               "  journeys new persona olga --title 'Olga Ivanova' --role 'Accountant'\n"
               "  journeys new journey laptop-request --persona olga\n  journeys new round 2026-q4\n"
               "  journeys new observation laptop-request --round 2026-q4")
    new.add_argument("kind", choices=["journey", "persona", "round", "observation"], help="what to create")
    new.add_argument("item_id", metavar="ID", help="its id, which becomes the file or folder name (observation: the "
                     "journey's id)")
    new.add_argument("--title", help="title of the journey or round, name of the persona")
    new.add_argument("--persona", action="append", metavar="ID",
                     help="journey: a persona who travels it (repeat for more; default: the only persona)")
    new.add_argument("--service", help="journey: the service it goes through (default: the title)")
    new.add_argument("--role", help="persona: job and situation in one line")
    new.add_argument("--start", metavar="YYYY-MM-DD", help="round: first day (default: from an id like 2026-q4)")
    new.add_argument("--end", metavar="YYYY-MM-DD", help="round: last day (default: from the id)")
    new.add_argument("--round", dest="round_id", metavar="ID", help="observation: the round (default: the newest "
                     "open one)")
    new.set_defaults(run=_command("cmd_new"))


def _add_schemas(subs: Any, common: argparse.ArgumentParser) -> None:
    schemas = _sub(subs, "schemas", common, "write the JSON Schemas into the project, for editors",
                   "Write the JSON Schemas of journeys, personas, groups, rounds, observations and opportunities "
                   "into DIR (default: .schemas/ next to mkdocs.yml), where the `# yaml-language-server: $schema=` "
                   "line of every file made by journeys points. Files it wrote before are brought up to date; a file "
                   "changed since is left as it is and named (exit code 1).",
                   "  journeys schemas\n  journeys -f site/mkdocs.yml schemas")
    schemas.add_argument("folder", metavar="DIR", nargs="?", type=Path,
                         help="where to write them (default: .schemas/ next to mkdocs.yml)")
    schemas.set_defaults(run=_command("cmd_schemas"))


def parser() -> argparse.ArgumentParser:
    """The argument parser of the `journeys` command."""
    top = argparse.ArgumentParser(prog="journeys", description="Customer journeys as code: check, build and "
                                  "publish journey maps and their monitoring rounds with MkDocs.",
                                  epilog=EXIT_CODES + "\n\nexamples:\n  journeys init my-journeys\n  journeys check"
                                  "\n  journeys build\n  journeys new observation JOURNEY\n  journeys COMMAND --help",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('mkdocs-journeys')}")
    top.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                     help="the MkDocs configuration (default: mkdocs.yml)")
    # -f is also accepted after the subcommand; there it overrides the value given before only when present.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", type=Path, default=argparse.SUPPRESS,
                        help="the MkDocs configuration (default: mkdocs.yml)")
    subs = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_init, _add_check, _add_build, _add_new, _add_round, _add_imports, _add_export, _add_diff,
                _add_schemas):
        add(subs, common)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `journeys` command: 0 done, 1 problems in the content, 2 usage or environment errors."""
    from .commands import UsageError

    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (UsageError, NotFound) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (journeys export json | head): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except OSError as err:  # the system refused what a command did not expect to fail: a full disk, say
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    return code

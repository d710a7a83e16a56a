"""The `journeys` command line: a thin front over the same core as the MkDocs plugin."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .export import catalog_to_json
from .loader import load_catalog
from .model import Catalog
from .options import OptionError
from .siteconfig import read_options


def _load(config_file: Path) -> tuple[Catalog | None, int]:
    """Load and validate; print every problem to stderr. Returns the catalog and an exit code."""
    try:
        options = read_options(config_file)
        scale = options.emotion_scale()
    except OptionError as err:
        print(f"error: {err}", file=sys.stderr)
        return None, 2
    if not options.docs_dir.is_dir():
        print(f"error: {config_file}: docs_dir '{options.docs_dir}' is not a folder", file=sys.stderr)
        return None, 2
    catalog, problems = load_catalog(options.docs_dir, scale)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return None, 1
    return catalog, 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every source file without building."""
    catalog, code = _load(args.config_file)
    if catalog is not None:
        print(f"OK: {len(catalog.journeys)} journeys, {len(catalog.personas)} personas, "
              f"{len(catalog.rounds)} rounds, {len(catalog.observations)} observation files.")
    return code


def cmd_export_json(args: argparse.Namespace) -> int:
    """Print the validated model as JSON."""
    catalog, code = _load(args.config_file)
    if catalog is not None:
        json.dump(catalog_to_json(catalog), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return code


def parser() -> argparse.ArgumentParser:
    """The argument parser of the `journeys` command."""
    top = argparse.ArgumentParser(prog="journeys", description="Customer journeys as code.")
    top.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                     help="the MkDocs configuration (default: mkdocs.yml)")
    commands = top.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every journey, persona, round and observation")
    check.set_defaults(run=cmd_check)
    export = commands.add_parser("export", help="print the validated model")
    formats = export.add_subparsers(dest="format", required=True)
    formats.add_parser("json", help="as JSON").set_defaults(run=cmd_export_json)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `journeys` command."""
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""A large estate, side by side at several sizes: full build, edit to preview under `mkdocs serve`, incremental
`journeys build`, page weights and round size, against the targets of issue 15 and the earlier ones.

    python benchmarks/estate.py [--journeys 100,500] [--touchpoints 25] [--rounds 3] [--keep DIR] [--quick]
                                [--code REV] [--json FILE]

For each number of journeys, a synthetic project (estate_site.py: journeys grouped by service, 25 to a
service line, the last round open) is measured:

- `mkdocs build` of one round (the newest) and `journeys build` of every round from nothing: seconds and peak
  memory (proportional set size of the command's process tree, as resources.py measures it);
- `journeys build` again after a score moved in the open round;
- page weights of the newest round built by `journeys build`: a journey page, its comparison page, the home
  page, the search index (KB = 1,000 bytes) and the whole round (MB = 1,000,000 bytes, links followed);
- under `mkdocs serve --strict --livereload` (estate_serve.py), after its first build, three saves: a score in
  the open round's file of a journey, the Markdown body of that journey's page, the body of a persona page. For
  each, the seconds from the save to the served page (polled over HTTP every 0.1 s) showing the new score or
  text (the server holds requests while it rebuilds), and the rebuild's own seconds from the log;
- unless --quick, the earlier targets: seconds per page against plain Material (pages.py, 12 touchpoints, one
  round) and `journeys build` of 12 rounds x 25 touchpoints from nothing (resources.py).

Verdicts are given for the run at 500 journeys (or, when there is none, for the largest, as indicative). The
benchmark runs a copy of the plugin's code taken when it starts (resources.py), so editing the code during a
run changes nothing; --code REV takes that copy from a git revision instead, for figures before a change.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import estate_site as estate
import pages
import resources
from estate_report import TARGET_JOURNEYS, report
from estate_serve import Serve

Figures = dict[str, float]
EARLIER_TOUCHPOINTS, EARLIER_ROUNDS = 12, 12


def journeys_build() -> list[str]:
    return [sys.executable, "-m", "mkdocs_journeys.cli", "build"]


def builds(site: Path, rounds: int, env: dict[str, str]) -> Figures:
    """One round's `mkdocs build`, every round's `journeys build` cold, then after an open-round edit."""
    one = resources.measure([sys.executable, "-m", "mkdocs", "build", "-d", str(site / "one-round")], site, env)
    shutil.rmtree(site / "one-round")
    cold = resources.cold(site, journeys_build(), env, 1)
    estate.edit_score(site, rounds)
    again = resources.measure(journeys_build(), site, env)
    return {"mkdocs_build": one.seconds, "mkdocs_build_mib": one.peak_mib, "cold": cold.seconds,
            "cold_mib": cold.peak_mib, "incremental": again.seconds, "incremental_mib": again.peak_mib}


def weights(site: Path, rounds: int) -> Figures:
    """Page weights and size of the newest round of the site `journeys build` wrote."""
    found = estate.round_weights(site / "site" / f"r{rounds}")
    return {"pages": found.pages, "journey_kb": found.journey_kb, "compare_kb": found.compare_kb,
            "home_kb": found.home_kb, "search_kb": found.search_kb, "round_mb": found.round_mb}


def previews(site: Path, rounds: int, env: dict[str, str], timeout: float) -> Figures:
    """Edit to preview under `mkdocs serve` for a score, a journey page's body and a persona page's body."""
    journey, persona = f"journeys/{estate.EDITED_JOURNEY}/", f"personas/{estate.EDITED_PERSONA}/"
    words = {name: f"{name}edit{time.time_ns():x}" for name in ("Journey", "Persona")}
    moved: list[int] = []

    def move_score() -> None:
        moved.append(estate.edit_score(site, rounds))

    figures: Figures = {}
    with Serve(site, env, timeout) as serve:
        figures["serve_first"] = serve.first_build()
        if estate.score_shown(serve.fetch_page(journey)) is None:
            raise RuntimeError(f"{serve.url}{journey} shows no score for the edited touchpoint")
        timings = {
            "score": serve.edit(move_score, journey, lambda html: estate.score_shown(html) == moved[-1]),
            "journey_body": serve.edit(lambda: estate.edit_body(estate.journey_source(site), words["Journey"]),
                                       journey, lambda html: words["Journey"] in html),
            "persona_body": serve.edit(lambda: estate.edit_body(estate.persona_source(site), words["Persona"]),
                                       persona, lambda html: words["Persona"] in html),
        }
    for name, timing in timings.items():
        figures[f"preview_{name}"], figures[f"rebuild_{name}"] = timing.page, timing.rebuild
    return figures


def earlier(root: Path, journeys: int, env: dict[str, str]) -> Figures:
    """The earlier targets at this size: ms per page against plain Material, 12 rounds x 25 touchpoints cold."""
    content = pages.make_content(journeys, EARLIER_TOUCHPOINTS, 1)
    sites = {"plugin": root / "pages-plugin", "plain": root / "pages-plain"}
    pages.write_plugin_site(sites["plugin"], content)
    pages.write_plain_site(sites["plain"], content, EARLIER_TOUCHPOINTS)
    per_page = pages.benchmark(sites, 1)
    for site in sites.values():
        shutil.rmtree(site / "site")
    big = root / "twelve-rounds"
    if not (big / "mkdocs.yml").is_file():
        pages.write_plugin_site(big, pages.make_content(journeys, 25, EARLIER_ROUNDS))
    cold = resources.cold(big, journeys_build(), env, 1)
    shutil.rmtree(big / "site")  # 12 rounds of 500 journeys take gigabytes
    return {"per_page": per_page["plugin"].ms_per_page / per_page["plain"].ms_per_page,
            "twelve_rounds": cold.seconds, "twelve_rounds_mib": cold.peak_mib}


def measure_size(root: Path, journeys: int, args: argparse.Namespace, env: dict[str, str]) -> Figures:
    """Every figure of one column: `journeys` journeys in a project of their own under `root`."""
    site = root / "estate"
    if not (site / "mkdocs.yml").is_file():
        estate.write_estate(site, journeys, args.touchpoints, args.rounds)
    figures = builds(site, args.rounds, env)
    figures |= weights(site, args.rounds)
    figures |= previews(site, args.rounds, env, args.timeout)
    if not args.quick:
        figures |= earlier(root, journeys, env)
    return figures


def run(root: Path, args: argparse.Namespace) -> dict[int, Figures]:
    """Measure every size in turn (the larger after the smaller) and print the report."""
    env = resources.snapshot(root, code_at(args.code, root) if args.code else resources.PACKAGE)
    os.environ.update(env)  # pages.py's builds take the environment of this process
    columns: dict[int, Figures] = {}
    for journeys in args.journeys:
        print(f"measuring {journeys} journeys ...", file=sys.stderr, flush=True)
        folder = root / f"journeys-{journeys}"
        columns[journeys] = measure_size(folder, journeys, args, env)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(report(columns, args))
    return columns


def code_at(revision: str, root: Path) -> Path:
    """The plugin's package as it was at a git revision of this repository, extracted under `root`."""
    repository, target = resources.PACKAGE.parents[1], root / "code-at-revision"
    relative = resources.PACKAGE.relative_to(repository).as_posix()
    archive = subprocess.run(["git", "-C", str(repository), "archive", "--format=tar", revision, relative],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"--code {revision}: {archive.stderr.decode(errors='replace').strip()}")
    shutil.rmtree(target, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / relative


def sizes(text: str) -> list[int]:
    """argparse type: comma-separated numbers of journeys, e.g. 100,500."""
    values = sorted({pages.positive(part) for part in text.split(",") if part.strip()})
    if not values:
        raise argparse.ArgumentTypeError(f"expected numbers of journeys such as 100,500, found {text!r}")
    return values


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--journeys", type=sizes, default=[100, TARGET_JOURNEYS],
        help=f"numbers of journeys, comma-separated (default 100,{TARGET_JOURNEYS})")
    add("--touchpoints", type=pages.positive, default=25, help="touchpoints per journey (default 25)")
    add("--rounds", type=pages.positive, default=3, help="monitoring rounds, the last one open (default 3)")
    add("--quick", action="store_true", help="skip the earlier targets (pages.py, 12 rounds cold)")
    add("--timeout", type=float, default=600.0, help="seconds to wait for mkdocs serve at most (default 600)")
    add("--keep", type=Path, metavar="DIR", help="generate the projects in DIR (reused when there) and keep them")
    add("--code", metavar="REV", help="measure the plugin as it was at a git revision (default: the working tree)")
    add("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="journeys-estate-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        columns = run(root.resolve(), args)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in columns.items()}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

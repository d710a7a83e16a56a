"""`journeys build` over many rounds: cold, and again after an edit in the open round, against one round.

    python benchmarks/rounds.py [--journeys 100] [--touchpoints 12] [--rounds 4] [--keep DIR]

Target (issue 3): after an edit in the open round, `journeys build` costs at most 1.3x a single round's
`mkdocs build`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pages import make_content, positive, write_plugin_site

TARGET = 1.3


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one command; fails loudly with its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def run(site: Path, args: argparse.Namespace) -> None:
    """Generate the site, time the three builds and print the figures."""
    write_plugin_site(site, make_content(args.journeys, args.touchpoints, args.rounds))
    single, single_mem = timed([sys.executable, "-m", "mkdocs", "build", "-d", "single"], site)
    cold, cold_mem = timed([sys.executable, "-m", "mkdocs_journeys.cli", "build"], site)
    observation = site / "docs" / "rounds" / f"r{args.rounds}" / "journey-0001.yml"
    # A real edit: the first touchpoint's score moves one step along the scale.
    text = observation.read_text("utf-8")
    score = re.search(r"emotion: (-?\d)", text)
    assert score is not None
    moved = int(score.group(1)) + (1 if int(score.group(1)) < 2 else -1)
    observation.write_text(text[: score.start(1)] + str(moved) + text[score.end(1):], "utf-8")
    warm, warm_mem = timed([sys.executable, "-m", "mkdocs_journeys.cli", "build"], site)
    pages = sum(1 for _ in (site / "single").rglob("*.html"))
    print(f"{args.journeys} journeys x {args.touchpoints} touchpoints x {args.rounds} rounds "
          f"({pages} pages per round)\n")
    print(f"{'':38}{'seconds':>9}{'peak MiB':>10}")
    print(f"{'mkdocs build, newest round only':38}{single:9.2f}{single_mem:10.0f}")
    print(f"{'journeys build, every round, cold':38}{cold:9.2f}{cold_mem:10.0f}")
    print(f"{'journeys build after an open-round edit':38}{warm:9.2f}{warm_mem:10.0f}")
    ratio = warm / single
    print(f"\ntarget: edit rebuild <= {TARGET}x one round: {ratio:.2f}x, {'met' if ratio <= TARGET else 'NOT met'}")


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=positive, default=100)
    parser.add_argument("--touchpoints", type=positive, default=12)
    parser.add_argument("--rounds", type=positive, default=4)
    parser.add_argument("--keep", type=Path, help="generate the site in DIR and keep it")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep, args)
        return
    root = Path(tempfile.mkdtemp(prefix="journeys-rounds-"))
    try:
        run(root, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

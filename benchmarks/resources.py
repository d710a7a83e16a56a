"""Resource use of `journeys build` at scale, with the targets of the hardening issue:

    python benchmarks/resources.py [--journeys 500] [--rounds 12] [--touchpoints 25] [--long 2000] [--jobs N]

1. a site of J journeys x R rounds x T touchpoints built cold: under 5 minutes, peak memory under 1 GB (the
   proportional set size of the whole process tree, sampled from /proc every 0.2 s: the parent and its
   workers, the pages they share counted once);
2. the same site after an edit in the open round: under 30 s;
3. one journey with 2,000 touchpoints: under 10 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pages import make_content, positive, write_plugin_site

TARGETS = {"cold": 300.0, "edit": 30.0, "long": 10.0}
MEMORY_TARGET_MIB = 1024


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def _memory_kib(pid: int) -> int:
    # The proportional set size shares a page between the processes that map it, so forked workers do not
    # count the pages they share with their parent twice; plain resident size where the kernel has no rollup.
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss"), (f"/proc/{pid}/status", "VmRSS")):
        try:
            found = re.search(rf"^{key}:\s+(\d+) kB", Path(path).read_text(), re.M)
        except OSError:
            continue
        if found:
            return int(found.group(1))
    return 0


def tree_rss_mib(pid: int) -> float:
    """Memory of a process and all its descendants (proportional set size), in MiB."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        total += _memory_kib(current)
        todo += tree.get(current, [])
    return total / 1024


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and the peak resident memory of the process tree (MiB) of one command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss_mib(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out}{err}")
    return seconds, peak


def edit_open_round(site: Path, rounds: int) -> None:
    """A real edit: the first score of one observation file in the open round moves one step."""
    observation = site / "docs" / "rounds" / f"r{rounds}" / "journey-0001.yml"
    text = observation.read_text("utf-8")
    score = re.search(r"emotion: (-?\d)", text)
    assert score is not None
    moved = int(score.group(1)) + (1 if int(score.group(1)) < 2 else -1)
    observation.write_text(text[: score.start(1)] + str(moved) + text[score.end(1):], "utf-8")


def run(root: Path, args: argparse.Namespace) -> None:
    """Generate the sites, build them and print the figures against the targets."""
    build = [sys.executable, "-m", "mkdocs_journeys.cli", "build", "-j", str(args.jobs)]
    big = root / "big"
    write_plugin_site(big, make_content(args.journeys, args.touchpoints, args.rounds))
    cold, cold_mem = measure(build, big)
    pages = sum(1 for _ in (big / "site" / f"r{args.rounds}").rglob("*.html"))
    edit_open_round(big, args.rounds)
    edit, edit_mem = measure(build, big)
    long_site = root / "long"
    write_plugin_site(long_site, make_content(1, args.long, 1))
    long, long_mem = measure(build, long_site)
    print(f"{args.journeys} journeys x {args.rounds} rounds x {args.touchpoints} touchpoints ({pages} pages in the "
          f"newest round), {args.jobs} job(s), {os.cpu_count()} processors\n")
    print(f"{'':44}{'seconds':>9}{'target':>8}{'peak MiB':>10}")
    rows = [("journeys build, cold", cold, "cold", cold_mem), ("journeys build after an open-round edit", edit, "edit",
            edit_mem), (f"one journey of {args.long} touchpoints", long, "long", long_mem)]
    for label, seconds, key, memory in rows:
        verdict = "met" if seconds < TARGETS[key] else "NOT met"
        print(f"{label:44}{seconds:9.1f}{TARGETS[key]:8.0f}{memory:10.0f}  {verdict}")
    peak = max(cold_mem, edit_mem, long_mem)
    print(f"\npeak memory {peak:.0f} MiB (target {MEMORY_TARGET_MIB}): "
          f"{'met' if peak < MEMORY_TARGET_MIB else 'NOT met'}")


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=positive, default=500)
    parser.add_argument("--rounds", type=positive, default=12)
    parser.add_argument("--touchpoints", type=positive, default=25)
    parser.add_argument("--long", type=positive, default=2000, help="touchpoints of the long journey")
    parser.add_argument("--jobs", type=positive, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="generate the sites in DIR and keep them")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="journeys-resources-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        run(root, args)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

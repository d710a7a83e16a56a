"""Resource use of `journeys build` at scale, against the targets of the hardening issue:

    python benchmarks/resources.py [--journeys 500] [--rounds 12] [--touchpoints 25] [--long 2000]
                                   [--jobs N] [--repeat N] [--keep DIR]

1. a site of J journeys x R rounds x T touchpoints built cold: under 5 minutes, peak memory under 1 GB;
2. the same site rebuilt after an edit in the open round: under 30 s;
3. a site with one journey of 2,000 touchpoints, built cold: under 10 s.

Memory is the proportional set size (PSS) of the whole process tree of the command (the parent, its worker
processes and their helpers), sampled from /proc every 0.2 s: a page that forked processes share counts once,
split between them, so the figure is what the tree really holds. CPU is user + system seconds of the whole tree,
which a busy machine changes much less than wall time. The benchmark runs a copy of the plugin's code taken at
its start, so that edits to the working tree during a run do not change the engine fingerprint and make the
after-edit build rebuild every round. With --repeat N each build runs N times and the best wall time is shown.
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
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pages import make_content, positive, write_plugin_site

TARGETS = {"cold": 300.0, "edit": 30.0, "long": 10.0}
MEMORY_TARGET_MIB = 1024
PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_journeys"


@dataclass(frozen=True)
class Run:
    """One command: wall seconds, CPU seconds of its process tree and the tree's peak memory (MiB)."""

    seconds: float
    cpu: float
    peak_mib: float


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


def tree_memory_mib(pid: int) -> float:
    """Memory of a process and all its descendants (proportional set size), in MiB."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        total += _memory_kib(current)
        todo += tree.get(current, [])
    return total / 1024


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run one command; its wall time, the CPU time of its process tree and the tree's peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_memory_mib(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out}{err}")
    # A worker's CPU time reaches RUSAGE_CHILDREN through its parent once both are waited for.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak)


def best(runs: list[Run]) -> Run:
    """The run with the shortest wall time, with the highest memory of all runs (memory is not noise)."""
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, fastest.cpu, max(r.peak_mib for r in runs))


def edit_open_round(site: Path, rounds: int) -> None:
    """A real edit: the first score of one observation file in the open round moves one step."""
    observation = site / "docs" / "rounds" / f"r{rounds}" / "journey-0001.yml"
    text = observation.read_text("utf-8")
    score = re.search(r"emotion: (-?\d)", text)
    assert score is not None
    moved = int(score.group(1)) + (1 if int(score.group(1)) < 2 else -1)
    observation.write_text(text[: score.start(1)] + str(moved) + text[score.end(1):], "utf-8")


def snapshot(root: Path, package: Path = PACKAGE) -> dict[str, str]:
    """Copy the plugin's code (the working tree's, or `package`) and return the environment that makes every
    build use the copy."""
    code = root / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(package, code / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)}
    found = subprocess.run([sys.executable, "-c", "import mkdocs_journeys; print(mkdocs_journeys.__file__)"],
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(found).is_relative_to(code), f"the builds would use {found}, not the copy in {code}"
    return env


def cold(site: Path, build: list[str], env: dict[str, str], repeat: int) -> Run:
    """Build from nothing (no site, no cache) `repeat` times."""
    runs = []
    for _ in range(repeat):
        for folder in ("site", ".journeys-cache"):
            shutil.rmtree(site / folder, ignore_errors=True)
        runs.append(measure(build, site, env))
    return best(runs)


def run(root: Path, args: argparse.Namespace) -> None:
    """Generate the sites, build them and print the figures against the targets."""
    env = snapshot(root)
    build = [sys.executable, "-m", "mkdocs_journeys.cli", "build", "-j", str(args.jobs)]
    big = root / "big"
    if not (big / "mkdocs.yml").is_file():
        write_plugin_site(big, make_content(args.journeys, args.touchpoints, args.rounds))
    first = cold(big, build, env, args.repeat)
    pages = sum(1 for _ in (big / "site" / f"r{args.rounds}").rglob("*.html"))
    edits = []
    for _ in range(args.repeat):
        edit_open_round(big, args.rounds)
        edits.append(measure(build, big, env))
    edit = best(edits)
    long_site = root / "long"
    if not (long_site / "mkdocs.yml").is_file():
        write_plugin_site(long_site, make_content(1, args.long, 1))
    long = cold(long_site, build, env, args.repeat)
    print(f"{args.journeys} journeys x {args.rounds} rounds x {args.touchpoints} touchpoints ({pages} pages in the "
          f"newest round), -j {args.jobs}, {os.cpu_count()} processors, best of {args.repeat}\n")
    print(f"{'':44}{'seconds':>9}{'target':>8}{'CPU s':>8}{'peak MiB':>10}")
    rows = [("journeys build, cold", first, "cold"), ("journeys build after an open-round edit", edit, "edit"),
            (f"one journey of {args.long} touchpoints, cold", long, "long")]
    for label, result, key in rows:
        verdict = "met" if result.seconds < TARGETS[key] else "NOT met"
        print(f"{label:44}{result.seconds:9.1f}{TARGETS[key]:8.0f}{result.cpu:8.1f}{result.peak_mib:10.0f}  {verdict}")
    peak = max(first.peak_mib, edit.peak_mib, long.peak_mib)
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
    parser.add_argument("--repeat", type=positive, default=1, help="runs of each build; the best is shown")
    parser.add_argument("--keep", type=Path, help="generate the sites in DIR (reused when there) and keep them")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="journeys-resources-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        run(root.resolve(), args)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

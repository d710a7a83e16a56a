"""Full collections wait while a rebuild that keeps pages runs, and run once after it (adapter/collector.py): a
rebuild of the 500-journey estate spent a third of its time walking objects that outlive it."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs_journeys.adapter.collector import RebuildCollector
from test_incremental import OPEN_ROUND, _copy_project

HERE = Path(__file__).resolve().parent
_HELD = 1 << 30


@contextmanager
def full_collections() -> Iterator[list[float]]:
    """The start times of the full collections while the block runs."""
    seen: list[float] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(time.monotonic())

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def _grow(kept: list[object]) -> None:
    """Objects that outlive the young generations, a third as many as live already: Python starts a full collection
    once a quarter more than its last full collection left have come (called right after one)."""
    for _ in range(len(gc.get_objects()) // 300 + 1000):
        kept.append([[] for _ in range(100)])


def test_paused_no_full_collection_runs_and_one_follows_the_rebuild() -> None:
    before = gc.get_threshold()
    kept: list[object] = []
    # As it is, growing the heap starts full collections: the pause is what stops them.
    gc.collect()
    with full_collections() as unpaused:
        _grow(kept)
    assert unpaused
    collector = RebuildCollector(delay=0.2)
    gc.collect()
    with full_collections() as seen:
        collector.pause()
        assert collector.paused
        _grow(kept)
        assert not seen
        collector.resume()
        ended = time.monotonic()
        assert gc.get_threshold() == before and not collector.paused
        time.sleep(2)
    # Python's own may come at once; ours comes after the delay.
    assert seen and max(seen) >= ended + 0.15


def test_a_second_pause_drops_the_waiting_collection() -> None:
    collector = RebuildCollector(delay=0.5)
    with full_collections() as seen:
        collector.pause()
        collector.resume()
        collector.pause()
        time.sleep(1)
        assert not seen
        collector.resume()
    assert gc.get_threshold()[2] < 1000


_PROBE = """
import gc, json, shutil, sys, tempfile
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from mkdocs.config import load_config
from serve_runner import serve_build
from mkdocs.commands import build as mkdocs_build

# The collector's oldest threshold as each page is written.
writing = []
write_page = mkdocs_build._build_page
def noted(*args, **kwargs):
    writing.append(gc.get_threshold()[2])
    return write_page(*args, **kwargs)
mkdocs_build._build_page = noted

# Where mkdocs serve builds: a folder of its own in the temporary folder (only from there are pages kept).
project, site = Path(sys.argv[1]), Path(tempfile.mkdtemp(prefix="mkdocs_"))
seen = []
gc.callbacks.append(lambda phase, info: seen.append(gc.get_threshold()[2]) if phase == "start" else None)
load_config(str(project / "mkdocs.yml"), site_dir=str(site)).plugins.on_startup(command="serve", dirty=False)
report = []
for step, edit in enumerate(json.loads(sys.argv[3])):
    if edit:
        path, old, new = edit
        text = (project / path).read_text("utf-8")
        (project / path).write_text(text.replace(old, new, 1), "utf-8")
    seen.clear()
    writing.clear()
    try:
        serve_build(project, site)
        failed = False
    except Exception:
        failed = True
    report.append({"failed": failed, "during": max(seen, default=0), "writing": sorted(set(writing)),
                   "after": gc.get_threshold()[2]})
shutil.rmtree(site)
print(json.dumps(report))
"""


def test_serve_holds_full_collections_back_only_in_rebuilds_that_keep_pages(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    round_file = f"journeys/rounds/{OPEN_ROUND}/museum-visit.yml"
    summary = "summary: "
    assert summary in (project / round_file).read_text("utf-8")
    edits = [None, [round_file, summary, "summary: Checked again. "],
             # A broken file fails the rebuild: the collector is as it was after it.
             [round_file, summary, "summary: [unclosed"], [round_file, "summary: [unclosed", summary],
             # mkdocs.yml is part of every page's key: nothing is kept, and the rebuild collects as any build does.
             ["mkdocs.yml", "site_name:", "# edited\nsite_name:"]]
    done = subprocess.run([sys.executable, "-c", _PROBE, str(project), str(HERE), json.dumps(edits)], cwd=project,
                          capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    first, rebuild, broken, mended, everything = json.loads(done.stdout.splitlines()[-1])
    normal = first["after"]
    # The first build keeps nothing: collections as usual; the rebuild holds full ones back, and lets go after it.
    assert not first["failed"] and first["during"] == normal < 1000
    assert not rebuild["failed"] and rebuild["during"] > 10**6 and rebuild["writing"] == [_HELD]
    assert rebuild["after"] == normal
    assert broken["failed"] and broken["after"] == normal
    # After a failed build nothing is kept: full collections as usual.
    assert not mended["failed"] and mended["during"] == normal
    assert not everything["failed"] and everything["writing"] == [normal]
    assert everything["after"] == normal


_WORKER = """
import gc, json, sys
from pathlib import Path
from mkdocs_journeys.adapter.build import build_round

out = Path(sys.argv[1])
seen = []
gc.callbacks.append(lambda phase, info: seen.append(gc.get_threshold()[2]) if phase == "start" else None)
report = []
for round_id, folder, previous in json.loads(sys.argv[2]):
    seen.clear()
    build_round(Path("mkdocs.yml"), round_id, out / folder / "site", previous=out / previous if previous else None)
    report.append(max(seen, default=0))
print(json.dumps(report))
"""


def test_a_worker_that_builds_another_round_next_starts_it_afresh(tmp_path: Path) -> None:
    # A `journeys build` worker builds several rounds in one process, with one plugin instance (MkDocs keeps it):
    # a round built from nothing after one that kept pages starts afresh: it does not hold full collections back
    # (a 12-round build from nothing peaked at 2.7 GiB when it did).
    project = _copy_project(tmp_path / "project")
    builds = [["2026-q1", "a", None], ["2026-q1", "b", "a"], ["2026-q2", "c", None]]
    done = subprocess.run([sys.executable, "-c", _WORKER, str(tmp_path), json.dumps(builds)], cwd=project,
                          capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    cold, kept, afresh = json.loads(done.stdout.splitlines()[-1])
    assert cold < 1000 and kept > 10**6 and afresh == cold


def test_resumed_without_a_collection_none_is_scheduled() -> None:
    collector = RebuildCollector(delay=0.2)
    gc.collect()
    with full_collections() as seen:
        collector.pause()
        collector.resume(collect=False)
        assert not collector.paused and gc.get_threshold()[2] < 1000
        time.sleep(0.6)
    assert not seen

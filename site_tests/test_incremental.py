"""The author's loop (issue 15.3): after an edit, `mkdocs serve` and `journeys build` keep the pages whose inputs did
not change and render the rest, and what they write is, byte for byte, what a full build of the edited project
writes: every page, the search index, the sitemap."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("serve_runner.py")
OPEN_ROUND = "2026-q3"
PROJECT_FILES = ("mkdocs.yml", "journeys", "theme", "journeys.lock")
KEPT = re.compile(r"(\d+) of (\d+) pages? kept from the previous build")


def _edits() -> list[tuple[str, str, str]]:
    """One edit of each kind an author makes: a score, a journey's text, a persona's text, an opportunity, a
    group's text, a persona's name (a title in the navigation of every page)."""
    round_file = f"journeys/rounds/{OPEN_ROUND}/museum-visit.yml"
    score = re.search(r"\n(\s+emotion: )(-?\d)\n", (REPO / round_file).read_text("utf-8"))
    assert score is not None
    moved = int(score.group(2)) - 1 if int(score.group(2)) > -2 else 1
    return [
        (round_file, score.group(0), f"\n{score.group(1)}{moved}\n"),
        ("journeys/journeys/clinic-visit.md", "закрепилось ли улучшение.", "закрепилось ли улучшение. Проверено."),
        ("journeys/personas/maria-petrova.md", "препоръчва на колегите", "препоръчва на приятелите"),
        ("journeys/opportunities/laptop-request.yml", "votes: {quick_win: 4,", "votes: {quick_win: 5,"),
        ("journeys/groups/workplace.md", "first day of a project.", "first day of a new project."),
        ("journeys/personas/eszter-kovacs.md", "name: Kovács Eszter", "name: Kovács Eszter Anna"),
    ]


def _copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("site", ".journeys-cache"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def _edit(project: Path, path: str, old: str, new: str) -> None:
    text = (project / path).read_text("utf-8")
    assert old in text, f"{path}: '{old}' not found"
    (project / path).write_text(text.replace(old, new, 1), "utf-8")


def _run(*args: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _differences(left: Path, right: Path) -> list[str]:
    """Files that are not the same in both trees (one side only, or other bytes)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name}" for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def _kept(log: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in KEPT.findall(log)]


def test_serve_rebuilds_what_a_full_build_writes(tmp_path: Path) -> None:
    edits = _edits()
    project = _copy_project(tmp_path / "project")
    (tmp_path / "edits.json").write_text(json.dumps(edits), "utf-8")
    log = _run(str(RUNNER), str(project), str(tmp_path / "serve"), str(tmp_path / "edits.json"), cwd=project)
    kept = _kept(log)
    assert len(kept) == len(edits) + 1, log
    assert kept[0][0] == 0
    # A score, a journey's text, a persona's text, an opportunity, a group's text: most pages kept.
    for done, (count, total) in zip(edits, kept[1:6], strict=False):
        assert 0 < count < total, (done, count, total)
    # The museum visit's page shows the new score.
    before = tmp_path / "serve/0/journeys/museum-visit/index.html"
    assert before.read_bytes() != (tmp_path / "serve/1/journeys/museum-visit/index.html").read_bytes()
    # After every edit, what a fresh serve of the project as it then was writes.
    reference = _copy_project(tmp_path / "reference")
    for step, edit in enumerate(edits, 1):
        _edit(reference, *edit)
        (tmp_path / "none.json").write_text("[]", "utf-8")
        out = tmp_path / f"fresh{step}"
        _run(str(RUNNER), str(reference), str(out), str(tmp_path / "none.json"), cwd=reference)
        assert _differences(tmp_path / "serve" / str(step), out / "0") == [], edit


def test_journeys_build_after_an_edit_writes_what_a_full_build_writes(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    _run("-m", "mkdocs_journeys.cli", "build", cwd=project)
    # A score, a journey's text, a persona's text.
    for step, edit in enumerate(_edits()[:3], 1):
        _edit(project, *edit)
        log = _run("-m", "mkdocs_journeys.cli", "build", "-v", cwd=project)
        # A score edits the open round only; a journey's or persona's text every round that shows it.
        assert re.search(rf"Built \d+ rounds? \([^)]*{OPEN_ROUND}\)", log), log
        assert _kept(log) and all(0 < kept < total for kept, total in _kept(log)), log
        fresh = tmp_path / f"fresh{step}"
        shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".journeys-cache"))
        _run("-m", "mkdocs_journeys.cli", "build", cwd=fresh)
        assert _differences(project / "site" / OPEN_ROUND, fresh / "site" / OPEN_ROUND) == [], edit

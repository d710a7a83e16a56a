"""Environment errors are exit code 2 in every subcommand that writes (issue 14.4): a write the system refuses (here
a file size limit of 0 bytes, as a full disk refuses it) is one `error:` line, no traceback, and the project's
files as they were; an unsafe site folder and another build running are exit code 2 too (test_cli.py's table,
test_site_safety.py)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FixtureSite


def _no_room() -> None:
    """In the child: every write past 0 bytes fails with EFBIG (File too large), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))


def _journeys_without_room(site: FixtureSite, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", *args], cwd=site.root, capture_output=True,
                          text=True, env=env, check=False, preexec_fn=_no_room)


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the project with its bytes; the build cache aside (a build may leave it, never the site)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".journeys-cache" not in p.relative_to(root).parts and "__pycache__" not in p.parts}


def _inputs(site: FixtureSite) -> None:
    (site.root / "a.csv").write_text("step,score\nform,4\n", "utf-8")
    diagram = "```mermaid\njourney\n  title Returns\n  section Ask\n    Form: 3: Anna Test\n```\n"
    (site.root / "w.md").write_text(diagram, "utf-8")


def _closed_r2(site: FixtureSite) -> None:
    closed = site.journeys("round", "close", "r2")
    assert closed.returncode == 0, closed.stderr


SURVEY = ("import", "survey", "a.csv", "--journey", "laptop", "--round", "r2", "--touchpoint-column", "step",
          "--score-column", "score", "--scale", "1-5")
# (arguments, what to do first): every subcommand that writes into the project or the site.
WRITERS: list[tuple[tuple[str, ...], Callable[[FixtureSite], None] | None]] = [
    (("build", "-j", "1"), None),
    (("new", "persona", "bela"), None),
    (("new", "observation", "laptop", "--round", "r2"), lambda site: (site.docs / "rounds/r2/laptop.yml").unlink()),
    (("init", "fresh"), None),
    (("round", "close", "r2"), None),
    (("round", "reopen", "r2"), _closed_r2),
    (SURVEY, None),
    (("import", "mermaid", "w.md"), None),
    (("export", "csv", "-o", "out.csv"), None),
    (("schemas",), None),
]


@pytest.mark.parametrize(("args", "prepare"), WRITERS, ids=[" ".join(w[0][:2]) for w in WRITERS])
def test_a_refused_write_is_exit_code_2_and_changes_nothing(standard_site: FixtureSite, args: tuple[str, ...],
                                                            prepare: Callable[[FixtureSite], None] | None) -> None:
    site = standard_site
    _inputs(site)
    if prepare is not None:
        prepare(site)
    before = _files(site.root)
    result = _journeys_without_room(site, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "File too large" in errors[0], result.stderr
    assert _files(site.root) == before
    # With room again, the same command succeeds.
    again = site.journeys(*args)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_reader_that_went_away_is_exit_code_2_without_noise(standard_site: FixtureSite) -> None:
    # `journeys export csv | head -1`: the pipe closes before everything is written.
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "export", "csv"], cwd=standard_site.root,
                                stdout=write, stderr=subprocess.PIPE, text=True, check=False,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        os.close(write)
    assert result.returncode == 2 and result.stderr == ""

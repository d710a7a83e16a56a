"""The malformed-input corpus: every file under bad_files/<case>/ is copied over a valid fixture site, and
`journeys check` must name the file, line and column with what was expected and found: no traceback, nothing
written, done in seconds with bounded memory. A sample also goes through `mkdocs build --strict`, which must
fail before writing a site."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FixtureSite

CORPUS = Path(__file__).parent / "bad_files"
EXPECTED = dict(line.split("\t", 1) for line in (CORPUS / "expected.tsv").read_text("utf-8").splitlines()
                if line and not line.startswith("#"))
MEMORY_LIMIT = 1 << 30  # address space of the checking process: a runaway parse fails instead of swapping
SECONDS = 10
BUILT = ("yaml-unclosed-flow", "tab-indentation", "duplicate-key-nested", "yaml11-no-as-role", "alias-bomb",
         "cp1252-bytes", "front-matter-not-closed", "dangling-stage")


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(site: FixtureSite, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", *args], cwd=site.root, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=_limited, check=False,
                            timeout=120)
    return result, time.perf_counter() - started


def _site(tmp_path: Path, case: str) -> FixtureSite:
    site = FixtureSite(tmp_path).standard()
    shutil.copytree(CORPUS / case, site.docs, dirs_exist_ok=True)
    return site


def test_the_corpus_is_large_and_every_case_has_an_expectation() -> None:
    cases = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    assert len(cases) >= 40
    assert sorted(EXPECTED) == cases


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_names_file_line_and_column(tmp_path: Path, case: str) -> None:
    site = _site(tmp_path, case)
    before = _tree(site.root)
    result, seconds = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert EXPECTED[case] in result.stderr.splitlines(), result.stderr
    assert seconds < SECONDS
    assert _tree(site.root) == before


@pytest.mark.parametrize("case", BUILT)
def test_strict_build_fails_before_writing(tmp_path: Path, case: str) -> None:
    site = _site(tmp_path, case)
    result, _ = _run(site, "mkdocs", "build", "--strict")
    assert result.returncode != 0
    assert EXPECTED[case].split(": error: ")[1] in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()


def test_a_ten_megabyte_file_is_read_quickly_in_bounded_memory(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    notes = "Long notes pasted from a spreadsheet. " * 280_000  # about 10 MB on one line
    lines = ["touchpoints:", f"  form: {{emotion: 1, notes: '{notes}'}}"]
    lines += [f"  approval: {{emotion: {9}}}"]
    path = site.write("rounds/r2/laptop.yml", "\n".join(lines) + "\n")
    assert path.stat().st_size > 10_000_000
    before_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result, seconds = _run(site, "mkdocs_journeys.cli", "check")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/rounds/r2/laptop.yml:3:23: error: touchpoints.approval.emotion: expected a whole number from -2 " \
           "to 2, found 9" in result.stderr
    assert seconds < SECONDS
    assert peak_mib < 500 or before_peak / 1024 >= 500  # an earlier, larger child would hide this one's figure


def test_byte_order_mark_and_windows_line_endings_are_fine(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    for path in ("journeys/laptop.md", "rounds/r2/laptop.yml", "personas/anna.md"):
        file = site.docs / path
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    result, _ = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 0, result.stderr
    site.write("rounds/r2/laptop.yml", "touchpoints:\r\n  form: {emotion: 7}\r\n")
    result, _ = _run(site, "mkdocs_journeys.cli", "check")
    assert "docs/rounds/r2/laptop.yml:2:19: error: touchpoints.form.emotion" in result.stderr

"""The malformed-input corpus: every file under bad_files/<case>/ is copied over a valid fixture site, and
`journeys check` must name the file, line and column with what was expected and found: no traceback, nothing
written, done in seconds with bounded memory. A sample also goes through `mkdocs build --strict`, which must
fail before writing a site. Generated inputs (10 MB, deeply nested, random edits) complete the corpus."""

from __future__ import annotations

import hashlib
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

import pytest
from conftest import FixtureSite
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options

CORPUS = Path(__file__).parent / "bad_files"
EXPECTED = dict(line.split("\t", 1) for line in (CORPUS / "expected.tsv").read_text("utf-8").splitlines()
                if line and not line.startswith("#"))
MEMORY_LIMIT = 1 << 30  # address space of the checking process: a runaway parse fails instead of swapping
PEAK_MIB = 500
SECONDS = 10
BUILT = ("yaml-unclosed-flow", "ids-nfc-vs-nfd", "duplicate-key-nested", "yaml11-no-as-role", "alias-bomb",
         "cp1252-bytes", "front-matter-not-closed", "dangling-stage", "photo-svg-script", "picture-outside-docs",
         "observation-yml-and-yaml", "nul-escape-in-notes")
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): (?:error|warning): \S")


@dataclass
class Run:
    """One finished command: exit code, output, wall time and the child's own peak memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float

    def errors(self) -> list[str]:
        """The `path:line:col: error:` lines."""
        return [line for line in self.stderr.splitlines() if ": error: " in line]


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(site: FixtureSite, *args: str) -> Run:
    """Run `python -m <args>` in the site under the memory limit; wait4 gives this child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", *args], cwd=site.root, stdout=out, stderr=err,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=_limited)
        watchdog = threading.Timer(120, child.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, usage.ru_maxrss / 1024)


def _site(tmp_path: Path, case: str) -> FixtureSite:
    site = FixtureSite(tmp_path).standard()
    shutil.copytree(CORPUS / case, site.docs, dirs_exist_ok=True)
    return site


def test_the_corpus_is_large_and_every_case_has_an_expectation() -> None:
    cases = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    assert len(cases) >= 40
    assert sorted(EXPECTED) == cases
    assert all(PROBLEM_LINE.match(line) and ": error: " in line for line in EXPECTED.values())


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_names_file_line_and_column(tmp_path: Path, case: str) -> None:
    site = _site(tmp_path, case)
    before = _tree(site.root)
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = result.errors()
    assert EXPECTED[case] in errors, result.stderr
    # ... and it is the first one: no other problem comes before it in the file (messages at the very same
    # position may be listed in either order).
    assert errors[0].split(": error: ")[0] == EXPECTED[case].split(": error: ")[0], result.stderr
    assert result.seconds < SECONDS
    assert result.peak_mib < PEAK_MIB
    assert _tree(site.root) == before


@pytest.mark.parametrize("case", BUILT)
def test_strict_build_fails_before_writing(tmp_path: Path, case: str) -> None:
    site = _site(tmp_path, case)
    result = _run(site, "mkdocs", "build", "--strict")
    assert result.returncode != 0
    assert EXPECTED[case].split(": error: ")[1] in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()


def test_a_ten_megabyte_file_is_read_quickly_in_bounded_memory(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    notes = "Long notes pasted from a spreadsheet. " * 280_000  # about 10 MB on one line
    lines = ["touchpoints:", f"  form: {{emotion: 1, notes: '{notes}'}}", "  approval: {emotion: 9}"]
    path = site.write("rounds/r2/laptop.yml", "\n".join(lines) + "\n")
    assert path.stat().st_size > 10_000_000
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.errors() == ["docs/rounds/r2/laptop.yml:3:23: error: touchpoints.approval.emotion: expected a whole "
                               "number from -2 to 2, found 9"]
    assert result.seconds < SECONDS
    assert result.peak_mib < PEAK_MIB


def test_a_ten_megabyte_list_is_read_quickly_in_bounded_memory(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    # Over the value limit: refused early, at the first value past it.
    items = "".join(f"      - Thing {n:07d} that works\n" for n in range(330_000))
    path = site.write("rounds/r2/laptop.yml", "touchpoints:\n  form:\n    emotion: 1\n    works:\n" + items)
    assert path.stat().st_size > 10_000_000
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.fullmatch(r"docs/rounds/r2/laptop\.yml:\d+:9: error: more than 200000 values \(an alias bomb\?\); "
                        r"simplify the file", result.errors()[0]), result.stderr
    assert result.seconds < SECONDS
    assert result.peak_mib < PEAK_MIB


def test_nesting_that_would_crash_the_yaml_parser_is_refused(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    # libyaml composes nested collections recursively in C: this many levels overflow its stack (a crash, not
    # an exception) unless the reader refuses them first.
    site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 1, notes: " + "[" * 60_000 + "]" * 60_000
               + "}\n")
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    # The column is where the reader stopped: the 101st level, or further on where libyaml scans ahead of itself.
    [error] = result.errors()
    assert re.fullmatch(r"docs/rounds/r2/laptop.yml:2:\d+: error: values nested more than 100 levels deep; "
                        r"simplify the file", error), error
    assert result.seconds < SECONDS


def test_byte_order_mark_and_windows_line_endings_are_fine(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    for path in ("journeys/laptop.md", "rounds/r2/laptop.yml", "personas/anna.md"):
        file = site.docs / path
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert result.returncode == 0, result.stderr
    site.write("rounds/r2/laptop.yml", "touchpoints:\r\n  form: {emotion: 7}\r\n")
    result = _run(site, "mkdocs_journeys.cli", "check")
    assert "docs/rounds/r2/laptop.yml:2:19: error: touchpoints.form.emotion" in result.stderr


def test_merge_keys_share_values_and_the_mapping_own_keys_win(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    site.write("rounds/r2/laptop.yml", """\
        touchpoints:
          form: &usual {emotion: 1, notes: As usual}
          approval: {<<: *usual, emotion: -2}
          handover: {<<: [*usual, {notes: Never used, works: [Desk]}]}
        """)
    catalog, problems = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert problems == []
    results = catalog.observations[("laptop", "r2")].results
    assert (results["approval"].emotion, results["approval"].notes) == (-2, "As usual")
    assert (results["handover"].notes, results["handover"].works) == ("As usual", ["Desk"])


# Random edits of valid files: whatever comes out, the reader reports problems as one line each, at a real
# position of a real file, and never raises.
SHARDS = st.sampled_from([":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "<<: *a", "'", '"', "#",
                          "\t", "\n", "\n  ", "---\n", "|\n", "? ", "~", "no", "1e3", "2026-02-30", "\x07", "\u202e",
                          "\ufeff", "é", "\r", "%YAML 1.1\n", "...\n", "!!bool ", "<<: 1"])
EDIT = st.tuples(st.sampled_from(["personas/anna.md", "journeys/laptop.md", "rounds/r2/index.md",
                                  "rounds/r2/laptop.yml"]), st.floats(0, 1), st.integers(0, 6),
                 st.lists(SHARDS, min_size=1, max_size=4).map("".join))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """A valid fixture site whose files the random edits change and put back."""
    return FixtureSite(tmp_path_factory.mktemp("fuzz")).standard()


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDIT, min_size=1, max_size=3))
def test_random_edits_give_problems_not_exceptions(pristine: FixtureSite,
                                                   edits: list[tuple[str, float, int, str]]) -> None:
    originals = {rel: (pristine.docs / rel).read_bytes() for rel, *_ in edits}
    try:
        for rel, where, cut, shard in edits:
            file = pristine.docs / rel
            text = file.read_text("utf-8")
            at = int(where * len(text))
            file.write_text(text[:at] + shard + text[at + cut:], "utf-8", newline="")
        _, problems = load_catalog(pristine.docs, Options(docs_dir=pristine.docs).emotion_scale())
        for problem in problems:
            assert "\n" not in str(problem) and "\r" not in str(problem) and PROBLEM_LINE.match(str(problem))
            source = Path(problem.path)
            if source.is_file():  # YAML also breaks lines at a lone CR, NEL and U+2028/9, as editors do
                lines = source.read_bytes().decode("utf-8", "replace").splitlines()
                assert problem.line <= len(lines) + 1, str(problem)
    finally:
        for rel, data in originals.items():
            (pristine.docs / rel).write_bytes(data)

"""The memo of parsed files (format/readmemo.py) and the page records (adapter/reuse.py) are only trusted when this
machine's key signed them: a planted memo is never unpickled, planted records are never put in a page or the
search index."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from conftest import FixtureSite
from mkdocs_journeys.adapter.config import project_options
from mkdocs_journeys.format.project import load_project
from mkdocs_journeys.format.readmemo import ReadMemo, stamp


def test_the_memo_reads_back_what_it_kept_with_the_same_key_only(tmp_path: Path) -> None:
    source = tmp_path / "journey.md"
    source.write_text("---\ntitle: A\n---\n", "utf-8")
    memo = ReadMemo()
    memo.put(source, "journey", stamp(source), {"parsed": "A"})
    memo.get(source, "journey", stamp(source))
    memo.save(tmp_path / "memo", b"k" * 32)
    assert ReadMemo.load(tmp_path / "memo", b"k" * 32).get(source, "journey", stamp(source)) == {"parsed": "A"}
    assert ReadMemo.load(tmp_path / "memo", b"x" * 32).entries == {}
    # A changed file is read again.
    source.write_text("---\ntitle: Another\n---\n", "utf-8")
    assert ReadMemo.load(tmp_path / "memo", b"k" * 32).get(source, "journey", stamp(source)) is None


def test_a_planted_memo_is_never_unpickled(tmp_path: Path) -> None:
    folder = tmp_path / "memo"
    folder.mkdir()
    # Unpickling this would raise; a memo whose signature does not hold is never unpickled.
    (folder / "planted.pickle").write_bytes(b"journeys-read-memo-3\n" + b"0" * 32 + pickle.dumps(_Boom()))
    assert ReadMemo.load(folder, b"k" * 32).entries == {}


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_explode, ("unpickled",))


def _explode(text: str) -> None:
    raise AssertionError(text)


def test_planted_page_records_are_never_used(standard_site: FixtureSite) -> None:
    assert standard_site.journeys("build").returncode == 0
    records = standard_site.root / ".journeys-cache" / "r2" / "pages.json"
    data = json.loads(records.read_text("utf-8"))
    src = next(iter(data))
    data[src]["entries"] = [{"location": "x/", "title": "planted", "text": "<img src=x onerror=alert(1)>"}]
    records.write_text(json.dumps(data), "utf-8")
    (standard_site.root / "docs" / "rounds" / "r2" / "laptop.yml").write_text(
        (standard_site.root / "docs" / "rounds" / "r2" / "laptop.yml").read_text("utf-8") + "# edited\n", "utf-8")
    done = standard_site.journeys("build", "-v")
    assert done.returncode == 0, done.stderr
    # The entry no longer holds: nothing is kept from it.
    assert re.search(r"\b0 of \d+ pages? kept", done.stdout + done.stderr), done.stdout + done.stderr
    assert "planted" not in records.read_text("utf-8")
    written = [p.read_text("utf-8") for p in (standard_site.root / "site" / "r2").rglob("*.*") if p.suffix in
               (".html", ".json")]
    assert written and not any("onerror" in text or "planted" in text for text in written)


def test_a_kept_file_with_a_problem_is_reported_where_a_fresh_read_reports_it(
        standard_site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    # The memo keeps a file's data without its positions; a problem found in a file that did not change (a touchpoint
    # renamed in its journey) reads them again, and names the same line and column as a read from nothing.
    monkeypatch.chdir(standard_site.root)
    options = project_options(standard_site.root / "mkdocs.yml")
    memo, folder, key = ReadMemo(), standard_site.root / "memo", b"k" * 32
    assert load_project(options, memo=memo)[1] == []
    memo.save(folder, key)
    journey = standard_site.docs / "journeys" / "laptop.md"
    journey.write_text(journey.read_text("utf-8").replace("{id: approval,", "{id: approve,"), "utf-8")
    kept = ReadMemo.load(folder, key)
    found = load_project(options, memo=kept)[1]
    fresh = load_project(options)[1]
    assert kept.hits >= 3 and found == fresh
    assert [(p.path, p.line, p.col) for p in fresh if "'approval'" in p.message] == \
        [("docs/rounds/r1/laptop.yml", 3, 3), ("docs/rounds/r2/laptop.yml", 3, 3)]

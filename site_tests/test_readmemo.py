"""The memo of parsed files (format/readmemo.py) and the page records (adapter/reuse.py) are only trusted when this
machine's key signed them: a planted memo is never unpickled, planted records are never put in a page or the
search index."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

from conftest import FixtureSite
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
    (folder / "planted.pickle").write_bytes(b"journeys-read-memo-2\n" + b"0" * 32 + pickle.dumps(_Boom()))
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

"""Folders a build no longer needs are moved aside at once and removed by a detached process (site/discard.py)."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs_journeys.site.discard import TRASH, discard, empty_trash


def test_a_discarded_folder_leaves_at_once_and_is_removed_in_the_background(tmp_path: Path) -> None:
    built = tmp_path / "r3"
    for n in range(50):
        (built / str(n)).mkdir(parents=True)
        (built / str(n) / "index.html").write_text("page", "utf-8")
    keep = tmp_path / "keep.txt"
    keep.write_text("not ours to remove", "utf-8")
    discard(built, tmp_path / TRASH)
    assert not built.exists()
    assert len(list((tmp_path / TRASH).iterdir())) == 1
    empty_trash(tmp_path / TRASH)
    deadline = time.monotonic() + 60
    while any((tmp_path / TRASH).iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list((tmp_path / TRASH).iterdir()) == []
    assert keep.read_text("utf-8") == "not ours to remove"


def test_nothing_to_discard_is_no_error(tmp_path: Path) -> None:
    discard(tmp_path / "missing", tmp_path / TRASH)
    empty_trash(tmp_path / TRASH)
    assert not (tmp_path / TRASH).exists()

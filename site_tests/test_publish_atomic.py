"""Publishing switches the whole site at once: a build killed at any moment leaves the previous site or the new
one, never rounds of both (issue 13)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import site_files
from mkdocs_journeys.site import publish as publishing
from mkdocs_journeys.site.publish import Entry, publish

ROUNDS = ("r1", "r2", "r3")
# Every step that changes the disk; the child process dies just before the n-th one.
_STEPS = (("os", "symlink"), ("os", "replace"), ("os", "rename"), ("os", "mkdir"), ("os", "unlink"),
          ("os", "rmdir"), ("shutil", "copy2"), ("shutil", "copystat"))


def _built(root: Path, version: str) -> dict[str, Entry]:
    """Cache folders of three rounds whose pages say which version of the site they belong to."""
    entries = {}
    for round_id in ROUNDS:
        folder = root / version / round_id
        (folder / "journeys").mkdir(parents=True)
        (folder / "index.html").write_text(f"{round_id} {version}")
        (folder / "journeys" / "page.html").write_text(f"{round_id} {version} page")
        entries[round_id] = Entry(folder, f"{round_id}-{version}")
    entries["latest"] = Entry(root / version / ROUNDS[-1], f"r3-{version}")
    return entries


def _files(version: str) -> dict[str, str]:
    return {"versions.json": f"[{version}]", "index.html": f"home {version}"}


def _seen(site: Path) -> set[str]:
    """The versions a reader of the site sees, page by page."""
    return {f.read_text().split(" ")[1].strip("]").strip("[") if f.name != "versions.json" else f.read_text()[1:-1]
            for f in site_files(site) if not f.name.startswith(".")}


def _publish_dying_at(step: int, site: Path, entries: dict[str, Entry], cache: Path) -> bool:
    """Publish in a child process that is killed (os._exit, no clean-up) before its `step`-th disk change; True
    when it finished first."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        count = [0]
        for module_name, name in _STEPS:
            module = os if module_name == "os" else shutil
            real = getattr(module, name)

            def step_then(*args: object, real: object = real, **kwargs: object) -> object:
                count[0] += 1
                if count[0] == step:
                    os._exit(3)
                return real(*args, **kwargs)  # type: ignore[operator]
            setattr(module, name, step_then)
        try:
            publish(site, entries, _files("new"), cache)
        except BaseException:
            os._exit(4)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 3), f"the publishing child failed with {code} at step {step}"
    return code == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to kill a publish half-way")
def test_a_publish_killed_at_any_step_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    old, new = _built(tmp_path / "cache", "old"), _built(tmp_path / "cache", "new")
    step, finished = 1, False
    while not finished:
        case = tmp_path / f"step{step}"
        site, cache = case / "site", case / "record"
        cache.mkdir(parents=True)
        publish(site, old, _files("old"), cache)
        assert _seen(site) == {"old"}
        finished = _publish_dying_at(step, site, new, cache)
        seen = _seen(site)
        assert seen in ({"old"}, {"new"}), f"killed before disk change {step}, the site shows {seen}"
        if finished:
            assert seen == {"new"}
        # The next build puts things right whatever was left.
        publish(site, new, _files("new"), cache)
        assert _seen(site) == {"new"}
        assert sorted(p.name for p in site.iterdir() if not p.name.startswith(".")) == \
            sorted([*ROUNDS, "latest", "index.html", "versions.json"])
        # A detached process may still be removing the folders this publish discarded (site/discard.py).
        shutil.rmtree(case, ignore_errors=True)
        step += 1
    assert step > 20  # the publish has that many steps, each of them was a place to die


def test_round_folders_are_links_through_one_switch(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "record"
    cache.mkdir()
    publish(site, _built(tmp_path / "cache", "old"), _files("old"), cache)
    for name in (*ROUNDS, "latest", "versions.json", "index.html"):
        assert os.readlink(site / name) == f".journeys-site/current/{name}"
    live = os.readlink(site / ".journeys-site" / "current")
    assert not live.startswith((".", "/")) and (site / ".journeys-site" / live).is_dir()
    assert publishing.STORE == ".journeys-site"


def test_latest_is_the_newest_rounds_folder_not_a_second_copy(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "record"
    cache.mkdir()
    old = _built(tmp_path / "cache", "old")
    publish(site, old, _files("old"), cache)
    store = site / ".journeys-site"
    rounds = {name: (site / name).resolve() for name in (*ROUNDS, "latest")}
    assert rounds["latest"] == rounds["r3"] and len(set(rounds.values())) == 3
    assert sorted(p.name.split(".")[0] for p in (store / "rounds").iterdir()) == ["r1", "r2", "r3"]
    # A hand edit through latest/ is an edit of r3/: the next build puts back the one folder both show.
    (site / "latest" / "index.html").write_text("r3 edited")
    publish(site, old, _files("old"), cache)
    assert (site / "r3" / "index.html").read_text() == "r3 old" == (site / "latest" / "index.html").read_text()
    assert (site / "latest").resolve() == (site / "r3").resolve() != rounds["r3"]
    # A new round: latest follows it, r3 keeps its folder untouched.
    kept_r3 = (site / "r3").resolve()
    newer = {**{k: v for k, v in old.items() if k != "latest"}, "r4": Entry(tmp_path / "cache/old/r3", "r4-old")}
    newer["latest"] = newer["r4"]
    publish(site, newer, _files("old"), cache)
    assert (site / "r3").resolve() == kept_r3 and (site / "latest").resolve() == (site / "r4").resolve() != kept_r3
    assert len(list((store / "rounds").iterdir())) == 4

"""`journeys build` and the plugin with a careless site folder, two builds at once, a damaged cache and a full
disk: refused before anything is touched, what the build did not write is kept, and the previous site survives.
The command's exit code for these is 2 (an environment error); for entries it did not write, 1 (the project's
files)."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.utils
import pytest
from conftest import FixtureSite
from mkdocs_journeys import cli
from mkdocs_journeys.site.folder import MARKER, owned, site_folder_problem
from test_large_sites import same_trees


def snapshot(folder: Path) -> dict[str, bytes | str | None]:
    """Every entry under a folder, dotfiles too (links followed, as a reader sees them): a file's bytes, None for a
    folder, the target for a link."""
    found: dict[str, bytes | str | None] = {}
    for top, dirs, names in os.walk(folder, followlinks=True):
        for name in dirs + names:
            path = Path(top) / name
            key = path.relative_to(folder).as_posix()
            found[key] = None if path.is_dir() else path.read_bytes()
            if path.is_symlink():
                found[key + " ->"] = os.readlink(path)
    return found


def build(site: FixtureSite, *extra: str) -> subprocess.CompletedProcess[str]:
    result = site.journeys("build", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def edit_open_round(site: FixtureSite, emotion: int = 2) -> None:
    site.write("rounds/r2/laptop.yml", f"touchpoints:\n  form: {{emotion: {emotion}}}\n")


def no_staging(root: Path, site_dir: Path) -> None:
    assert not list(root.glob(".*.journeys-*")) and not list(site_dir.glob(".*.journeys-*"))


# The site folder


@pytest.mark.parametrize(("site", "says"), [
    ("docs", "is the docs folder"), ("docs/sub", "lies inside the docs folder"), (".", "is the project folder"),
    ("..", "contains the project folder"), ("home", "is the home folder"),
    (".journeys-cache/r1", "lies inside the build cache"), ("mkdocs.yml", "is a file, not a folder"),
])
def test_the_site_folder_rule(tmp_path: Path, site: str, says: str) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    (project / "home").mkdir()
    problem = site_folder_problem(project / site, project / "docs", project, project / ".journeys-cache",
                                  home=project / "home")
    assert problem is not None and says in problem and "\n" not in problem
    # Compared resolved: a link to the docs folder is the docs folder.
    (tmp_path / "link").symlink_to(project / "docs")
    assert "is the docs folder" in str(site_folder_problem(tmp_path / "link", project / "docs", project))
    assert site_folder_problem(project / "site", project / "docs", project, project / ".journeys-cache",
                               home=project / "home") is None
    # A docs folder outside the project (docs_dir: ../shared/docs) may not be inside the site folder either.
    (tmp_path / "shared/docs").mkdir(parents=True)
    assert "contains the docs folder" in str(site_folder_problem(tmp_path / "shared", tmp_path / "shared/docs",
                                                                 project))


@pytest.mark.parametrize("site_dir", ["docs", "docs/rounds", ".", "..", "fake-home", ".journeys-cache"])
def test_journeys_build_refuses_a_dangerous_site_folder_before_touching_anything(standard_site: FixtureSite,
                                                                                 site_dir: str) -> None:
    root = standard_site.root
    (root / "fake-home").mkdir()
    before = snapshot(root)
    result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "build", "-d", site_dir], cwd=root,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "HOME": str(root / "fake-home"), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 2
    assert f"error: the site folder {site_dir} " in result.stderr and "Traceback" not in result.stderr
    assert snapshot(root) == before


def test_mkdocs_build_refuses_the_home_folder_before_cleaning_it(standard_site: FixtureSite, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes/todo.txt").write_text("keep me")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(home)], cwd=standard_site.root,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert f"the site folder {home} is the home folder" in result.stderr and "Traceback" not in result.stderr
    assert (home / "notes/todo.txt").read_text() == "keep me"


def test_a_deploy_folder_keeps_what_the_build_did_not_write(standard_site: FixtureSite) -> None:
    root, deploy = standard_site.root, standard_site.root / "deploy"
    (deploy / ".git").mkdir(parents=True)
    (deploy / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (deploy / "CNAME").write_text("journeys.example.org\n")
    (deploy / ".nojekyll").write_text("")
    (deploy / "notes").mkdir()
    (deploy / "notes/readme.txt").write_text("ours, not the build's")
    theirs = snapshot(deploy)
    build(standard_site, "-d", "deploy")
    assert owned(deploy) == {"r1", "r2", "latest", "versions.json", "index.html", MARKER, ".journeys-site"}
    edit_open_round(standard_site)
    assert "Built 1 round (r2)" in build(standard_site, "-d", "deploy").stdout
    # A round that is gone is removed; what the build did not write is not.
    shutil.rmtree(standard_site.docs / "rounds/r2")
    build(standard_site, "-d", "deploy")
    assert not (deploy / "r2").exists() and (deploy / "r1").is_dir()
    now = snapshot(deploy)
    assert {name: now[name] for name in theirs} == theirs
    # A marker edited by hand cannot hand over .git or CNAME: only names a build could have written count.
    (deploy / MARKER).write_text('{"written": [".git", "CNAME", "../project", "r1", "latest"]}')
    assert owned(deploy) == {"r1", "latest"}
    result = standard_site.journeys("build", "-d", "deploy")
    assert result.returncode == 1 and "--overwrite" in result.stderr
    assert "index.html" in result.stderr and "versions.json" in result.stderr
    build(standard_site, "-d", "deploy", "--overwrite")
    assert {name: snapshot(deploy)[name] for name in theirs} == theirs
    no_staging(root, deploy)


def test_entries_the_build_did_not_write_are_refused_until_overwrite(standard_site: FixtureSite) -> None:
    root, site = standard_site.root, standard_site.root / "site"
    site.mkdir()
    (site / "index.html").write_text("an earlier mkdocs build")
    (site / "assets").mkdir()
    (site / "assets/app.js").write_text("")
    before = snapshot(site)
    result = standard_site.journeys("build")
    assert result.returncode == 1
    assert "error: the site folder site holds index.html, which journeys build did not write;" in result.stderr
    assert "--overwrite" in result.stderr and "site was left as it was." in result.stderr
    assert "previous site" not in result.stderr  # there was none of ours
    assert snapshot(site) == before
    assert not (root / ".journeys-cache").exists()  # refused before building
    build(standard_site, "--overwrite")
    assert "latest/" in (site / "index.html").read_text() and (site / "assets/app.js").exists()
    edit_open_round(standard_site)
    assert "Built 1 round (r2)" in build(standard_site).stdout  # now the build's own: no flag needed


def test_a_failing_first_build_says_nothing_was_written(standard_site: FixtureSite) -> None:
    standard_site.write("notes.md", "# Notes\n\nSee [the missing page](missing.md).\n")
    result = standard_site.journeys("build", "--strict")
    assert result.returncode == 1
    assert "Nothing was written to" in result.stderr and "previous site" not in result.stderr
    assert not (standard_site.root / "site").exists()
    no_staging(standard_site.root, standard_site.root / "site")


# One build at a time


def test_a_second_build_stops_at_once_while_one_runs(standard_site: FixtureSite) -> None:
    root = standard_site.root
    (root / ".journeys-cache").mkdir()
    with open(root / ".journeys-cache/build.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        result = standard_site.journeys("build")
        assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: another journeys build of {root} is running; wait until it has finished, then build again")
    assert "Traceback" not in result.stderr and not (root / "site").exists()


def test_two_builds_at_once_leave_a_whole_site(standard_site: FixtureSite) -> None:
    root = standard_site.root
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs_journeys.cli", "build", "-j", "2"]
    first = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the first build holds the lock, then hold it still while the second one tries: on a busy machine
    # the first could otherwise finish before the second starts.
    lock = root / ".journeys-cache" / "build.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if lock.exists():
            with lock.open("a") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(handle, fcntl.LOCK_UN)
                except BlockingIOError:
                    break
        time.sleep(0.01)
    assert first.poll() is None, "the first build ended before it could be seen holding the lock"
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert second.returncode == 2 and "is running; wait until it has finished" in second.stderr
    assert "Traceback" not in second.stderr
    shutil.rmtree(root / ".journeys-cache")
    build(standard_site, "-d", "fresh")
    same_trees(root / "site", root / "fresh")


# A damaged cache is rebuilt


@pytest.mark.parametrize("damage", ["truncate", "delete", "add", "remove site"])
def test_a_damaged_cache_entry_is_rebuilt(standard_site: FixtureSite, damage: str) -> None:
    root = standard_site.root
    build(standard_site)
    cached = root / ".journeys-cache/r1/site"
    page = cached / "journeys/laptop/index.html"
    if damage == "truncate":
        with open(page, "r+b") as handle:
            handle.truncate(100)
    elif damage == "delete":
        page.unlink()
    elif damage == "add":
        (cached / "extra.html").write_text("<script>alert(1)</script>")
    else:
        shutil.rmtree(cached)
    result = build(standard_site)
    assert "Built 1 round (r1), reused 1 unchanged (r2)" in result.stdout
    assert "Traceback" not in result.stderr
    assert "Built 0 rounds" in build(standard_site).stdout
    shutil.rmtree(root / ".journeys-cache")
    build(standard_site, "-d", "fresh")
    same_trees(root / "site", root / "fresh")
    same_trees(cached, root / "fresh/r1")


# OS errors: one message, exit 2, the previous site as it was


def _no_space(path: object) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def _fail_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    def copy2(src: Any, dst: Any, **_: Any) -> Any:
        raise _no_space(dst)
    monkeypatch.setattr(shutil, "copy2", copy2)


def _fail_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch to the new generation fails after every round was copied: nothing of the new site shows."""
    replace = os.replace

    def failing(src: Any, dst: Any, **kwargs: Any) -> None:
        if str(dst).endswith("/.journeys-site/current"):
            raise _no_space(dst)
        replace(src, dst, **kwargs)
    monkeypatch.setattr(os, "replace", failing)


def _fail_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    write_text = Path.write_text

    def failing(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name == "index.html" and "/.journeys-site/g" in str(self):
            raise _no_space(self)
        return write_text(self, *args, **kwargs)
    monkeypatch.setattr(Path, "write_text", failing)


def _fail_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    def write_file(content: bytes, output_path: str) -> None:
        raise _no_space(output_path)
    monkeypatch.setattr(mkdocs.utils, "write_file", write_file)


@pytest.mark.parametrize(("inject", "where"), [
    (_fail_copies, "the site folder"), (_fail_switch, "the site folder"), (_fail_writes, "the site folder"),
    (_fail_pages, "the build cache"),
])
def test_an_os_error_is_one_message_and_the_site_stays(standard_site: FixtureSite, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str],
                                                         inject: Callable[[pytest.MonkeyPatch], None],
                                                         where: str) -> None:
    root, site = standard_site.root, standard_site.root / "site"
    build(standard_site)
    before = snapshot(site)
    edit_open_round(standard_site)
    handlers = list(logging.getLogger("mkdocs").handlers)
    inject(monkeypatch)
    try:
        code = cli.main(["-f", str(root / "mkdocs.yml"), "build", "-j", "1"])
    finally:
        monkeypatch.undo()
        logging.getLogger("mkdocs").handlers = handlers
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and f"cannot write {where} " in lines[0] and "No space left on device" in lines[0]
    assert f"The previous site in {site} was left as it was." in err and "Traceback" not in err
    assert snapshot(site) == before
    no_staging(root, site)
    assert code == 2  # an environment error
    # The next build, with room again, succeeds and gives what a build from nothing gives.
    build(standard_site)
    shutil.rmtree(root / ".journeys-cache")
    build(standard_site, "-d", "fresh")
    same_trees(site, root / "fresh")


def test_a_full_disk_for_real(standard_site: FixtureSite, tmp_path: Path) -> None:
    """A site folder on a small tmpfs: the first build does not fit, nor does an edit's; the previous site stays."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True,
                             text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        build(standard_site)
        shutil.copytree(standard_site.root / "site", disk / "site")
        used = os.statvfs(disk)
        size = (used.f_blocks - used.f_bfree) * used.f_frsize + 256 * 1024
        subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)
        before = snapshot(disk / "site")
        edit_open_round(standard_site)
        result = standard_site.journeys("build", "-d", str(disk / "site"))
        assert result.returncode == 2, result.stdout
        assert f"error: cannot write the site folder {disk / 'site'}: No space left on device" in result.stderr
        assert f"The previous site in {disk / 'site'} was left as it was." in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(disk / "site") == before
        no_staging(disk, disk / "site")
        # A first build that does not fit leaves nothing behind.
        shutil.rmtree(disk / "site")
        subprocess.run(["mount", "-o", "remount,size=1m", str(disk)], check=True)
        result = standard_site.journeys("build", "-d", str(disk / "fresh"))
        assert result.returncode == 2 and "No space left on device" in result.stderr
        assert f"Nothing was written to {disk / 'fresh'}." in result.stderr and "Traceback" not in result.stderr
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_record_that_cannot_be_written_after_publishing_is_no_failure(standard_site: FixtureSite,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root, site = standard_site.root, standard_site.root / "site"
    build(standard_site)
    edit_open_round(standard_site)
    write_text = Path.write_text

    def failing(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name == "published.json":
            raise _no_space(self)
        return write_text(self, *args, **kwargs)

    handlers = list(logging.getLogger("mkdocs").handlers)
    monkeypatch.setattr(Path, "write_text", failing)
    try:
        assert cli.main(["-f", str(root / "mkdocs.yml"), "build", "-j", "1"]) == 0
    finally:
        monkeypatch.undo()
        logging.getLogger("mkdocs").handlers = handlers
    assert not (root / ".journeys-cache/published.json").exists()
    assert "Built 0 rounds" in build(standard_site).stdout  # every folder is copied again, none rebuilt
    shutil.rmtree(root / ".journeys-cache")
    build(standard_site, "-d", "fresh")
    same_trees(site, root / "fresh")

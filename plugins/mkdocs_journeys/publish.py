"""Putting the built rounds into the site folder: all or nothing, and touching only what changed.

A first build (or a site folder this module did not write last) is staged beside the site and swapped in by
renames. After that, a build replaces only the folders whose round changed (an edit in the open round replaces
the open round and `latest/`), each by a rename, so the rounds that did not change are neither copied nor
removed: with twelve rounds of 1,500 pages that was most of the time after an edit. A record in the cache says
which round and which folder (by inode and change time) each entry of the site holds.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

# In the build cache: what the last build published, and where.
RECORD = "published.json"


@dataclass(frozen=True)
class Entry:
    """A folder of the site (a round id or `latest`): the built folder it copies, and that round's digest."""

    source: Path
    digest: str


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder by hard links where the file system allows (fast, no extra space), else by copying."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(source, target, copy_function=link)


def publish(site_dir: Path, entries: dict[str, Entry], files: dict[str, str], cache: Path) -> None:
    """Make `site_dir` hold exactly these folders and files (name -> text); nothing changes if anything fails."""
    record = cache / RECORD
    known = _read_record(record, site_dir)
    if site_dir.is_dir() and known:
        _update(site_dir, entries, files, known)
    else:
        _replace(site_dir, entries, files)
    record.write_text(json.dumps({"site": str(site_dir.resolve()), "entries": {
        name: {"digest": entry.digest, "folder": _identity(site_dir / name)} for name, entry in entries.items()}},
        indent=1))


def _read_record(record: Path, site_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("site") != str(site_dir.resolve()):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _unchanged(folder: Path, entry: Entry, known: dict[str, object] | None) -> bool:
    """Whether the site's folder is the one the last build put there for the same digest."""
    return isinstance(known, dict) and known.get("digest") == entry.digest and known.get("folder") == _identity(folder)


def _identity(folder: Path) -> list[int] | None:
    """The folder's inode and last change of its entries: another folder put in its place differs in either."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return [found.st_ino, found.st_mtime_ns]


def _update(site_dir: Path, entries: dict[str, Entry], files: dict[str, str], known: dict[str, dict[str, object]]
            ) -> None:
    """Stage the changed folders and the files inside the site, then rename each over its old self."""
    staged: dict[str, Path] = {}
    try:
        for name, entry in entries.items():
            if not _unchanged(site_dir / name, entry, known.get(name)):
                staged[name] = site_dir / f".{name}.journeys-new"
                shutil.rmtree(staged[name], ignore_errors=True)
                link_tree(entry.source, staged[name])
        for name, text in files.items():
            staged[name] = site_dir / f".{name}.journeys-new"
            staged[name].write_text(text, "utf-8")
    except BaseException:
        for path in staged.values():
            _remove(path)
        raise
    for name, path in staged.items():
        if path.is_dir():
            _swap(path, site_dir / name)
        else:
            os.replace(path, site_dir / name)
    # Rounds that are gone, and anything else the site folder holds, leave as a full rebuild would drop them.
    for path in site_dir.iterdir():
        if path.name not in entries and path.name not in files:
            _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _replace(site_dir: Path, entries: dict[str, Entry], files: dict[str, str]) -> None:
    """Stage the whole site beside it and swap it in."""
    staging = site_dir.with_name(f".{site_dir.name}.journeys-new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for name, entry in entries.items():
            link_tree(entry.source, staging / name)
        for name, text in files.items():
            (staging / name).write_text(text, "utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, site_dir)


def _swap(staged: Path, target: Path) -> None:
    """Replace a folder with the staged one by renames, so readers never see it half-written."""
    old = target.with_name(f".{target.name}.journeys-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)

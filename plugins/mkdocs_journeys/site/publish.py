"""Putting the built rounds into the site folder: touching only what changed, and only what a build wrote.

The site folder may hold entries of its own (`.git`, `CNAME`, `.nojekyll` of a deploy checkout): a build
replaces or removes only what it wrote, as listed by its marker file (see sitefolder), and refuses to write
over anything else unless told to. A first build into a folder that does not exist is staged beside it and
renamed into place. After that, a build replaces only the entries whose round changed (an edit in the open
round replaces the open round and `latest/`), each staged inside the site folder and renamed over its old
self; if anything fails, what was swapped is swapped back. Published files are copies: nothing in the site
shares an inode with the cache, so a post-processor that edits `site/latest/index.html` in place leaves the
cache alone. A record in the cache says which round each folder of the site holds, and what its files were
(inode, size, change time), so a folder changed or replaced by hand is put back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .folder import MARKER, marker_text, ours, owned

# In the build cache: what the last build published, and where.
RECORD = "published.json"
_NEW, _OLD = ".journeys-new", ".journeys-old"


class SiteConflict(Exception):
    """The site folder holds entries a build did not write where it has to write."""


@dataclass(frozen=True)
class Entry:
    """A folder of the site (a round id or `latest`): the built folder it copies, and that round's digest."""

    source: Path
    digest: str


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, file by file (shutil.copy2): the copy shares no inode with the source. The first error
    is raised as it is (shutil.copytree would gather errors into one shutil.Error)."""
    target.mkdir()
    with os.scandir(source) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target / entry.name)
        elif entry.is_dir():
            copy_tree(Path(entry.path), target / entry.name)
        else:
            shutil.copy2(entry.path, target / entry.name)
    shutil.copystat(source, target)


def conflicts(site_dir: Path, names: set[str]) -> list[str]:
    """The entries of the site folder a build must write but did not write itself."""
    if not site_dir.is_dir():
        return []
    mine = owned(site_dir)
    return sorted(name for name in names | {MARKER} if name not in mine and os.path.lexists(site_dir / name))


def refuse_conflicts(site_dir: Path, names: set[str]) -> None:
    """Raise SiteConflict when a build would write over entries it did not write."""
    taken = conflicts(site_dir, names)
    if taken:
        them = "it" if len(taken) == 1 else "them"
        raise SiteConflict(f"the site folder {site_dir} holds {', '.join(taken)}, which journeys build did not "
                           f"write; move {them} away, or build with --overwrite to replace {them}")


def publish(site_dir: Path, entries: dict[str, Entry], files: dict[str, str], cache: Path,
            overwrite: bool = False) -> None:
    """Make `site_dir` hold these folders and files (name -> text) and keep every entry a build did not write;
    nothing changes if anything fails. Entries a build did not write are replaced only with `overwrite`."""
    names = set(entries) | set(files)
    if not overwrite:
        refuse_conflicts(site_dir, names)
    files = {**files, MARKER: marker_text(sorted(names))}
    record = cache / RECORD
    known = _read_record(record, site_dir)
    if os.path.lexists(site_dir):
        _update(site_dir, entries, files, known)
    else:
        _first(site_dir, entries, files)
    try:
        record.write_text(json.dumps({"site": str(site_dir.resolve()), "entries": {
            name: {"digest": entry.digest, "tree": _fingerprint(site_dir / name)} for name, entry in entries.items()}},
            indent=1))
    except (OSError, ValueError):
        # The site is published; without a record, the next build only copies every round again.
        _remove(record)


def _read_record(record: Path, site_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("site") != str(site_dir.resolve()):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _fingerprint(folder: Path) -> str | None:
    """A digest of a folder's files as they lie on disk (path, inode, size, change time): an edit, a
    replaced or removed file, or another folder put in its place gives another fingerprint."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    digest = hashlib.sha256(str(folder.stat().st_ino).encode())
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            found = os.lstat(path)
            digest.update(f"{os.path.relpath(path, folder)}\0{found.st_ino}\0{found.st_size}\0"
                          f"{found.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _unchanged(folder: Path, entry: Entry, known: dict[str, object] | None) -> bool:
    """Whether the site's folder is, untouched, the one the last build put there for the same digest."""
    return (isinstance(known, dict) and known.get("digest") == entry.digest
            and known.get("tree") == _fingerprint(folder))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _first(site_dir: Path, entries: dict[str, Entry], files: dict[str, str]) -> None:
    """A site folder that does not exist yet: stage the whole site beside it and rename it into place."""
    staging = site_dir.with_name(f".{site_dir.name}{_NEW}")
    _remove(staging)
    try:
        staging.mkdir(parents=True)
        for name, entry in entries.items():
            copy_tree(entry.source, staging / name)
        for name, text in files.items():
            (staging / name).write_text(text, "utf-8")
        staging.rename(site_dir)
    except BaseException:
        _remove(staging)
        raise


def _update(site_dir: Path, entries: dict[str, Entry], files: dict[str, str], known: dict[str, dict[str, object]]
            ) -> None:
    """Stage the changed entries inside the site folder, rename each over its old self, then remove the
    entries the last build wrote that this one does not (rounds that are gone)."""
    before = owned(site_dir)
    for leftover in site_dir.iterdir():  # of a build that was killed
        base = leftover.name.removeprefix(".").removesuffix(_NEW).removesuffix(_OLD)
        if leftover.name in (f".{base}{_NEW}", f".{base}{_OLD}") and ours(base):
            _remove(leftover)
    gone = before - set(entries) - set(files)
    # The marker goes first and lists the old entries too, so whatever a failure leaves is known as ours.
    staged = {MARKER: site_dir / f".{MARKER}{_NEW}"}
    try:
        staged[MARKER].write_text(marker_text(sorted(set(entries) | set(files) | before)), "utf-8")
        for name, entry in entries.items():
            if not _unchanged(site_dir / name, entry, known.get(name)):
                staged[name] = site_dir / f".{name}{_NEW}"
                copy_tree(entry.source, staged[name])
        for name, text in files.items():
            if name != MARKER:
                staged[name] = site_dir / f".{name}{_NEW}"
                staged[name].write_text(text, "utf-8")
        _swap_all(site_dir, staged)
    except BaseException:
        for path in staged.values():
            _remove(path)
        raise
    for name in gone:
        _remove(site_dir / name)
    if gone:
        # Tidying the marker may fail without harm: it then lists names that are no longer there.
        tidy = site_dir / f".{MARKER}{_NEW}"
        try:
            tidy.write_text(files[MARKER], "utf-8")
            os.replace(tidy, site_dir / MARKER)
        except OSError:
            _remove(tidy)


def _swap_all(site_dir: Path, staged: dict[str, Path]) -> None:
    """Rename every staged entry over its old self; if one rename fails, undo the ones before it."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for name, path in staged.items():
            done.append((site_dir / name, _swap(path, site_dir / name, site_dir / f".{name}{_OLD}")))
    except BaseException:
        for target, kept in reversed(done):
            if kept is None:
                _remove(target)
            elif kept.is_dir() and not kept.is_symlink():
                _remove(target)
                os.rename(kept, target)
            else:
                os.replace(kept, target)
        raise
    for _, kept in done:
        if kept is not None:
            _remove(kept)


def _swap(staged: Path, target: Path, old: Path) -> Path | None:
    """Rename `staged` over `target`; returns where the old target was kept (to undo, or to remove after)."""
    if not os.path.lexists(target):
        os.rename(staged, target)
        return None
    _remove(old)
    try:
        if target.is_file() and not target.is_symlink() and not staged.is_dir():
            # A file is replaced in one rename; its old self stays as a link in case it must come back.
            try:
                os.link(target, old)
            except OSError:
                shutil.copy2(target, old)
            os.replace(staged, target)
        else:
            # A folder cannot be renamed over another: the old one steps aside for a moment.
            os.rename(target, old)
            try:
                os.rename(staged, target)
            except BaseException:
                os.rename(old, target)
                raise
    except BaseException:
        _remove(old)
        raise
    return old

"""Putting the built rounds into the site folder: all at once, touching only what changed, and only what a build
wrote.

The whole publish switches in one step. Each entry a build writes (a round's folder, `latest/`, versions.json,
index.html) is a symbolic link in the site folder to the same name in `.journeys-site/current/`, and `current` is
itself a link to one generation, a folder of links to the round folders and the two files (`latest` and the newest
round link to the same folder). A build copies the rounds that changed into new folders, makes a new generation
beside the live one, and renames a new `current` link over the old: a rename is atomic, so a reader (or a build
killed at any moment) sees the previous site or the new one, never a mix of rounds. Rounds that did not change keep
their folder, neither copied nor touched.

Published files are copies: nothing in the site shares an inode with the build cache, so a post-processor that
edits `site/latest/index.html` in place leaves the cache alone, and a folder changed by hand is put back (the cache
records each folder's files: path, inode, size, change time).

The site folder may hold entries of its own (`.git`, `CNAME`, `.nojekyll` of a deploy checkout): a build replaces or
removes only what it wrote, as listed by its marker file (see folder.py), and refuses to write over anything else
unless told to.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .discard import TRASH, discard, empty_trash
from .folder import MARKER, STORE, marker_text, owned

# In the build cache: what the last build published, and where.
RECORD = "published.json"
CURRENT, ROUNDS = "current", "rounds"


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
    target.mkdir(exist_ok=True)
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
    return sorted(name for name in names | {MARKER, STORE}
                  if name not in mine and os.path.lexists(site_dir / name))


def refuse_conflicts(site_dir: Path, names: set[str]) -> None:
    """Raise SiteConflict when a build would write over entries it did not write."""
    taken = conflicts(site_dir, names)
    if taken:
        them = "it" if len(taken) == 1 else "them"
        raise SiteConflict(f"the site folder {site_dir} holds {', '.join(taken)}, which journeys build did not write; "
                           f"move {them} away, or build with --overwrite to replace {them}")


def publish(site_dir: Path, entries: dict[str, Entry], files: dict[str, str], cache: Path,
            overwrite: bool = False) -> None:
    """Make `site_dir` hold these folders and files (name -> text) in one switch, and keep every entry a build
    did not write; nothing changes if anything fails before the switch. Entries a build did not write are
    replaced only with `overwrite`."""
    names = set(entries) | set(files)
    if not overwrite:
        refuse_conflicts(site_dir, names)
    store = site_dir / STORE
    new_site = not os.path.lexists(site_dir)
    made: list[Path] = [site_dir] if new_site else []
    try:
        (store / ROUNDS).mkdir(parents=True, exist_ok=True)
        before = owned(site_dir)
        _write_marker(site_dir, sorted(names | before | {STORE}))
        known = _read_record(cache / RECORD, site_dir)
        # The record describes the site as it is; until the new one is written, none is trusted.
        (cache / RECORD).unlink(missing_ok=True)
        generation = Path(_fresh(store, "g"))
        made.append(generation)
        folders = _stock(store, generation, entries, known, made)
        for name, text in files.items():
            (generation / name).write_text(text, "utf-8")
        _links(site_dir, names)
        _switch(store, generation)
    except BaseException:
        for path in made:
            _remove(path)
        raise
    _tidy(site_dir, store, names, before)
    _write_marker(site_dir, sorted(names | {STORE}))
    trees = {folder: _fingerprint(store / folder) for folder in set(folders.values())}
    try:
        (cache / RECORD).write_text(json.dumps({"site": str(site_dir.resolve()), "entries": {
            name: {"digest": entry.digest, "folder": folders[name], "tree": trees[folders[name]]}
            for name, entry in entries.items()}}, indent=1))
    except OSError:
        pass  # the site is published; without the record the next build copies every round again


def _stock(store: Path, generation: Path, entries: dict[str, Entry], known: dict[str, dict[str, object]],
           made: list[Path]) -> dict[str, str]:
    """Link each entry from the new generation to its round folder: the published one when it is untouched and
    of the same digest, else a fresh copy. Entries of the same build (`latest` and the newest round) share one
    folder, as an alias does. Returns each entry's folder, relative to the store."""
    folders: dict[str, str] = {}
    shared: dict[Entry, str] = {}
    for name, entry in entries.items():
        folder = shared.get(entry)
        if folder is None:
            record = known.get(name)
            published = record.get("folder") if isinstance(record, dict) else None
            if isinstance(published, str) and _reusable(store, published, entry, record):
                folder = published
            else:
                fresh = Path(_fresh(store / ROUNDS, f"{name}."))
                made.append(fresh)
                copy_tree(entry.source, fresh)
                folder = f"{ROUNDS}/{fresh.name}"
        folders[name] = shared[entry] = folder
        os.symlink(os.path.join("..", folder), generation / name)
    return folders


def _reusable(store: Path, folder: str, entry: Entry, record: dict[str, object] | None) -> bool:
    """Whether a published round folder is, untouched, the one a build put there for the same digest."""
    path = store / folder
    return (isinstance(record, dict) and record.get("digest") == entry.digest and folder.startswith(f"{ROUNDS}/")
            and path.parent == store / ROUNDS and record.get("tree") == _fingerprint(path))


def _links(site_dir: Path, names: set[str]) -> None:
    """Each name in the site folder a link through `current`; new names link before the switch (they lead
    nowhere until it), entries of an older layout are replaced right after it (see _tidy)."""
    for name in names:
        link, target = site_dir / name, f"{STORE}/{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if not os.path.lexists(link):
            os.symlink(target, link)


def _switch(store: Path, generation: Path) -> None:
    """Point `current` at the new generation by renaming a new link over the old one: one atomic step."""
    staged = store / f".{CURRENT}.{secrets.token_hex(6)}"
    os.symlink(generation.name, staged)
    try:
        os.replace(staged, store / CURRENT)
    except BaseException:
        _remove(staged)
        raise


def _tidy(site_dir: Path, store: Path, names: set[str], before: set[str]) -> None:
    """After the switch: entries of an older layout become links, names a build no longer writes go, and
    generations and round folders nothing leads to are removed. A failure here leaves the new site whole."""
    for name in sorted(names):
        link, target = site_dir / name, f"{STORE}/{CURRENT}/{name}"
        if not (link.is_symlink() and os.readlink(link) == target):
            staged = site_dir / f".{name}.{secrets.token_hex(6)}"
            os.symlink(target, staged)
            aside = site_dir / f".{name}.journeys-old"
            if link.is_dir() and not link.is_symlink():
                os.rename(link, aside)
            os.replace(staged, link)
            _remove(aside)
    for name in before - names - {MARKER, STORE}:
        _remove(site_dir / name)
    live = os.readlink(store / CURRENT)
    used = {Path(os.readlink(entry)).name for entry in (store / live).iterdir() if entry.is_symlink()}
    for path in store.iterdir():
        if path.name not in (CURRENT, ROUNDS, TRASH, live):
            _remove(path)
    for path in (store / ROUNDS).iterdir():
        if path.name not in used:
            discard(path, store / TRASH)
    empty_trash(store / TRASH)


def _fresh(parent: Path, prefix: str) -> str:
    """A new, empty folder of a name no other build uses, readable as any folder made under the umask (a web
    server reads it as another user)."""
    folder = tempfile.mkdtemp(prefix=prefix, dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    return folder


def _write_marker(site_dir: Path, names: list[str]) -> None:
    staged = site_dir / f".{MARKER}.{secrets.token_hex(6)}"
    try:
        staged.write_text(marker_text(names), "utf-8")
        os.replace(staged, site_dir / MARKER)
    except BaseException:
        _remove(staged)
        raise


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


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass

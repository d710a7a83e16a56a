"""Closed rounds cannot change silently: a lock file keeps a digest of every file of each closed round."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..layout import ROUNDS_DIR
from ..locales.plural import count
from .problems import Problem, display_path

_TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".csv", ".txt")
_STATUS_LINE = re.compile(r"^(status:[ \t]*)(open|closed)([ \t]*(?:#.*)?)$", re.MULTILINE)


class HistoryError(Exception):
    """A round cannot be closed or reopened; the message says why."""


@dataclass
class Lock:
    """The lock file: per closed round, the digest of each of its files."""

    path: Path
    rounds: dict[str, dict[str, str]]

    @classmethod
    def read(cls, path: Path) -> Lock:
        """Read the lock file; a missing file is an empty lock."""
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text("utf-8"))
            rounds = {str(k): {str(f): str(d) for f, d in v["files"].items()} for k, v in data["rounds"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise HistoryError(f"{display_path(path)}:1:1: error: the lock file is damaged ({err}); restore it "
                               f"from git") from None
        return cls(path, rounds)

    def write(self) -> None:
        """Write the lock file with sorted keys, so that it diffs cleanly in pull requests."""
        data = {
            "comment": "Written by `journeys round close`; closed rounds must not change. Do not edit by hand.",
            "rounds": {rid: {"files": dict(sorted(files.items()))} for rid, files in sorted(self.rounds.items())},
        }
        _write(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _write(path: Path, text: str) -> None:
    """Replace a file atomically: a full disk leaves the old file, never a truncated one."""
    from .staging import file_mode, write_atomic  # staging imports the project, which imports this module

    try:
        write_atomic(path, text.encode("utf-8"), file_mode(path))
    except OSError as err:
        err.filename = err.filename or str(path)  # the file it was about, for the message
        raise


def file_digest(path: Path) -> str:
    """SHA-256 of a file; line endings of text files are normalised so a checkout on Windows matches."""
    raw = path.read_bytes()
    if path.suffix.lower() in _TEXT_SUFFIXES:
        raw = raw.replace(b"\r\n", b"\n")
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def round_files(docs_dir: Path, round_id: str) -> dict[str, str]:
    """Digest of every file of a round's folder, keyed by its path inside the folder."""
    folder = docs_dir / ROUNDS_DIR / round_id
    return {p.relative_to(folder).as_posix(): file_digest(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def changes(locked: dict[str, str], now: dict[str, str]) -> list[tuple[str, str]]:
    """What differs between a locked round and its files now, as (file, 'changed'|'added'|'removed')."""
    found = [(f, "changed") for f in sorted(locked) if f in now and now[f] != locked[f]]
    found += [(f, "added") for f in sorted(now) if f not in locked]
    found += [(f, "removed") for f in sorted(locked) if f not in now]
    return found


def check_locked_rounds(docs_dir: Path, lock_path: Path) -> list[Problem]:
    """A problem for every file of a closed round that changed, appeared or disappeared since closing."""
    try:
        lock = Lock.read(lock_path)
    except HistoryError as err:
        shown = display_path(lock_path)
        return [Problem(shown, 1, 1, str(err).split(": error: ", 1)[-1])]
    problems = []
    for round_id, locked in lock.rounds.items():
        folder = docs_dir / ROUNDS_DIR / round_id
        advice = (f"round '{round_id}' is closed ({display_path(lock_path)}); undo the change, or run "
                  f"`journeys round reopen {round_id}` to change it on purpose")
        for name, what in changes(locked, round_files(docs_dir, round_id)):
            if what == "removed":
                problems.append(Problem(display_path(lock_path), 1, 1,
                                        f"{display_path(folder / name)} was removed: {advice}"))
            else:
                problems.append(Problem(display_path(folder / name), 1, 1,
                                        f"this file was {what} after the round was closed: {advice}"))
    return problems


def _set_status(index: Path, status: str) -> bool:
    """Set `status:` in a round's front matter, keeping every other byte; False when already so."""
    text = index.read_text("utf-8")
    end = text.find("\n---", 3)
    front, rest = text[: end if end > 0 else len(text)], text[end if end > 0 else len(text):]
    match = _STATUS_LINE.search(front)
    if match is None:
        raise HistoryError(f"{display_path(index)}: expected a line `status: open` or `status: closed` in the "
                           f"front matter, found none")
    if match.group(2) == status:
        return False
    front = front[: match.start()] + match.group(1) + status + match.group(3) + front[match.end():]
    _write(index, front + rest)
    return True


def close_round(docs_dir: Path, lock_path: Path, round_id: str) -> list[str]:
    """Mark a round closed and lock its files; returns what was done, one line each."""
    index = docs_dir / ROUNDS_DIR / round_id / "index.md"
    if not index.is_file():
        raise HistoryError(f"no round '{round_id}' (expected {display_path(index)})")
    lock = Lock.read(lock_path)
    if round_id in lock.rounds:
        raise HistoryError(f"round '{round_id}' is already closed and locked in {display_path(lock_path)}")
    done = []
    original = index.read_text("utf-8")
    if _set_status(index, "closed"):
        done.append(f"{display_path(index)}: status open -> closed")
    lock.rounds[round_id] = round_files(docs_dir, round_id)
    try:
        lock.write()
    except OSError:  # the round stays open, as it was
        _write(index, original)
        raise
    done.append(f"{display_path(lock_path)}: locked {count(len(lock.rounds[round_id]), 'file', 'files')} of round "
                f"'{round_id}'")
    return done


def reopen_round(docs_dir: Path, lock_path: Path, round_id: str) -> list[str]:
    """Unlock a closed round and mark it open; returns what changes, including edits made since closing."""
    lock = Lock.read(lock_path)
    if round_id not in lock.rounds:
        raise HistoryError(f"round '{round_id}' is not locked in {display_path(lock_path)}; nothing to reopen")
    folder = docs_dir / ROUNDS_DIR / round_id
    edits = changes(lock.rounds.pop(round_id), round_files(docs_dir, round_id))
    done = [f"{display_path(folder / name)}: {what} since the round was closed" for name, what in edits]
    if not edits:
        done.append(f"no file of round '{round_id}' changed since it was closed")
    original = lock_path.read_text("utf-8")
    lock.write()
    done.append(f"{display_path(lock_path)}: removed the lock of round '{round_id}'")
    index = folder / "index.md"
    try:
        if index.is_file() and _set_status(index, "open"):
            done.append(f"{display_path(index)}: status closed -> open")
    except OSError:  # the round stays closed and locked, as it was
        _write(lock_path, original)
        raise
    return done


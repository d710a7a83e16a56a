"""Writing into a project the way every command does it: new files created exclusively (never over an existing
one), changed files replaced atomically, then the project validated, and everything undone when the written files
bring a problem the project did not have."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .options import Options
from .problems import Problem, display_path
from .project import load_project


class StagingError(Exception):
    """A file could not be written; nothing of the staged change is left behind. `code` is the command's exit code:
    1 when a file it would create exists already (refused because of the project's files), 2 when the system
    refused the write (a full disk, no permission: an environment error)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass
class _Written:
    path: Path
    original: bytes | None
    # Folders made for the file, innermost first, removed again on undo.
    made: list[Path]


@dataclass
class StagedWrite:
    """Files written into a project together, kept only if the project stays as valid as it was."""

    options: Options
    written: list[_Written] = field(default_factory=list)

    def create(self, path: Path, text: str) -> None:
        """Create a new file; an existing one (even one that appeared a moment ago) is never overwritten."""
        made = self._parents(path)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            _remove_folders(made)
            self.undo()
            raise StagingError(f"{display_path(path)} already exists; it was left as it was") from None
        except OSError as err:
            path.unlink(missing_ok=True)
            _remove_folders(made)
            self.undo()
            raise _os_failure(path, err) from None
        self.written.append(_Written(path, None, made))

    def replace(self, path: Path, data: bytes) -> None:
        """Replace a file's bytes atomically (a reader sees the old file or the new one), keeping its mode."""
        made = self._parents(path)
        try:
            original = path.read_bytes() if path.exists() else None
            write_atomic(path, data, file_mode(path))
        except OSError as err:
            _remove_folders(made)
            self.undo()
            raise _os_failure(path, err) from None
        self.written.append(_Written(path, original, made))

    def _parents(self, path: Path) -> list[Path]:
        """Make the missing folders of a file to be written; on an OS error, undo everything (StagingError)."""
        try:
            return _make_parents(path.parent)
        except OSError as err:
            self.undo()
            raise _os_failure(path, err) from None

    def commit(self, before: list[Problem] | None = None) -> list[Problem]:
        """Validate the project with the written files. The problems they bring (in the written files, or new
        anywhere when `before` lists the problems there were) undo every write and are returned."""
        try:
            _, problems = load_project(self.options)
        except BaseException:
            self.undo()
            raise
        shown = {display_path(w.path) for w in self.written}
        known = set(before or [])
        brought = [p for p in problems if p.path in shown or (before is not None and p not in known)]
        if brought:
            self.undo()
        return brought

    def undo(self) -> None:
        """Put back what was there before, newest write first."""
        for write in reversed(self.written):
            if write.original is None:
                write.path.unlink(missing_ok=True)
            else:
                write_atomic(write.path, write.original, file_mode(write.path))
            _remove_folders(write.made)
        self.written.clear()


def _os_failure(path: Path, err: OSError) -> StagingError:
    """The system refused a write: exit code 2."""
    return StagingError(f"{display_path(path)}: cannot write the file: {err.strerror or err}; nothing changed", 2)


def _make_parents(folder: Path) -> list[Path]:
    """Make the missing folders down to `folder`, innermost first in the result; those made are removed again
    when one cannot be made."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            made.insert(0, path)
    except OSError:
        _remove_folders(made)
        raise
    return missing


def _remove_folders(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Write through a hidden temporary file in the same folder, then rename it over `path`."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def file_mode(path: Path) -> int:
    """The file's permissions, or those a new file gets under the current umask."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

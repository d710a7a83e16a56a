"""Folders a build wrote and no longer needs, removed without making the author wait.

Removing a round's site takes seconds where deleting is slow (thousands of folders, a disk that discards every
freed block), longer than the rest of a build after an edit. A build renames such a folder into a `trash` folder
beside it (instant: the same file system) and, once it is done, leaves the removal to a detached process; the next
build empties what an interrupted removal left. Only folders a build made go there.

    python -m mkdocs_journeys.site.discard TRASH    (what that process runs)
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

TRASH = ".trash"  # no round id starts with a dot


def discard(path: Path, trash: Path) -> None:
    """Move a folder a build made out of the way, into `trash`, for empty_trash to remove."""
    if not os.path.lexists(path):
        return
    try:
        trash.mkdir(exist_ok=True)
        os.rename(path, trash / f"{path.name}.{secrets.token_hex(6)}")
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def empty_trash(trash: Path) -> None:
    """Remove what is in `trash` in a detached process: the command ends now, the removal goes on."""
    try:
        if not any(trash.iterdir()):
            return
    except OSError:
        return
    try:
        subprocess.Popen([sys.executable, "-m", __name__, str(trash)], start_new_session=True, close_fds=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        _empty(trash)


def _empty(trash: Path) -> None:
    for entry in trash.iterdir():
        shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() and not entry.is_symlink() else \
            entry.unlink(missing_ok=True)


if __name__ == "__main__":
    _empty(Path(sys.argv[1]))

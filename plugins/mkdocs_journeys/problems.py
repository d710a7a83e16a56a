"""Problems found in the sources, reported as `path:line:col: error: message`."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one source file; line and column count from 1."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: {self.message}"


def display_path(path: Path) -> str:
    """Path as a user types it: relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("../../..") else path.as_posix()


class JourneysError(Exception):
    """Raised when the sources have problems; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the journey sources")


def did_you_mean(word: str, known: list[str]) -> str:
    """A hint for an unknown id: the closest known one, else the known ones (empty when there are none)."""
    hint = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{hint[0]}'?" if hint else (f"; known: {', '.join(known)}" if known else "")

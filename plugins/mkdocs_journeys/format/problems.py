"""Problems found in the sources, reported as `path:line:col: error: message`."""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one source file; line and column count from 1."""

    path: str
    line: int
    col: int
    message: str
    # "error" stops a build; "warning" is printed, and fails only strict builds (`mkdocs build --strict`,
    # `journeys check --strict`).
    severity: str = "error"

    def __post_init__(self) -> None:
        # A problem is one line of output: a newline, control character or right-to-left override quoted from a
        # file must neither break the line nor hide or reorder what the reader sees.
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "message", visible(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """Whether the problem stops a build whatever the strictness."""
        return self.severity == "error"


def warning(path: str, line: int, col: int, message: str) -> Problem:
    """A problem that fails only strict builds."""
    return Problem(path, line, col, message, "warning")


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop every build."""
    return [p for p in problems if p.is_error]


def visible(text: str) -> str:
    """The text with characters that print as nothing or move others (controls, line breaks, direction marks,
    zero-width spaces) written as escapes, e.g. `\\n`, `\\u202e`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def display_path(path: Path) -> str:
    """Path as a user types it: relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("../../..") else path.as_posix()


def did_you_mean(word: str, known: list[str]) -> str:
    """A hint for an unknown id: the closest known one, else the known ones (empty when there are none)."""
    hint = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{hint[0]}'?" if hint else (f"; known: {', '.join(known)}" if known else "")


# Letters of other scripts that look like Latin ones (after case folding), as ids typed on another keyboard
# layout or pasted from a document get them.
_LOOKALIKES = str.maketrans("авсеһіјкмнорѕтухԁԛԝӏαικνορτυχı", "abcehijkmhopstyxdqwlaikvoptuxi")


def skeleton(text: str) -> str:
    """What an id looks like to a reader: case, accents, Unicode form and look-alike letters set aside."""
    return _plain(text).casefold().translate(_LOOKALIKES)


def _plain(text: str) -> str:
    """The text without accents, in compatibility form (full-width letters become plain ones)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def lookalike(word: str, known: dict[str, str]) -> str:
    """How `word` differs from the one of the `known` ids ({id: where it is}) it looks like without being it,
    e.g. `Form` next to `form`; empty when it looks like none of them."""
    shape = skeleton(word)
    for other, where in known.items():
        if other == word or skeleton(other) != shape:
            continue
        if word.casefold() == other.casefold():
            how = "only by case"
        elif unicodedata.normalize("NFC", word) == unicodedata.normalize("NFC", other):
            how = "only in Unicode form (an accent written as one character or as two)"
        elif _plain(word).casefold() == _plain(other).casefold():
            how = "only by accents"
        else:
            how = "only by letters of another script that look like Latin ones"
        return f"differs from '{other}' ({where}) {how}"
    return ""


def odd_character(word: str) -> str:
    """Names the first character of an id outside ASCII, which a reader cannot tell from a Latin letter."""
    odd = next((c for c in word if not c.isascii()), None)
    if odd is None:
        return ""
    return f" (U+{ord(odd):04X} {unicodedata.name(odd, 'UNNAMED')} is not a-z)"

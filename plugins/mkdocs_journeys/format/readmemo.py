"""Source files parsed before, kept with the stamp the file had: a file unchanged since is not parsed again.

Reading a 500-journey project parses some 2,000 YAML documents (most of the time `mkdocs serve` took to start a
rebuild). `mkdocs serve` keeps one memo for its whole session; `journeys build` keeps it in the project's cache
folder, signed with the machine's key like the built rounds, so a memo made elsewhere is never loaded.
Only files that read without a problem are kept: a file with problems is read, and reported, every time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A file's stamp: changes whenever its content may have (a rewrite, a replace, a touch).
Stamp = tuple[int, int, int, int]
_VERSION = b"journeys-read-memo-1\n"


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it cannot be looked at."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass
class ReadMemo:
    """Parsed files by path and kind of file, with their stamps."""

    entries: dict[tuple[str, str], tuple[Stamp, Any]] = field(default_factory=dict)
    # Where the memo was made: paths shown in messages are relative to it.
    cwd: str = field(default_factory=os.getcwd)
    hits: int = 0

    def get(self, path: Path, kind: str, now: Stamp | None) -> Any:
        """What the file read as when it had this stamp; None when it was not read so."""
        kept = self.entries.get((str(path), kind))
        if now is None or kept is None or kept[0] != now:
            return None
        self.hits += 1
        return kept[1]

    def put(self, path: Path, kind: str, then: Stamp | None, parsed: Any) -> None:
        """Keep what a file read as, with the stamp it had before it was read."""
        if then is not None:
            self.entries[(str(path), kind)] = (then, parsed)

    def save(self, path: Path, key: bytes) -> None:
        """Write the memo, signed with `key`; a failure to write only costs the next build its speed."""
        data = pickle.dumps((self.cwd, self.entries), protocol=pickle.HIGHEST_PROTOCOL)
        signature = hmac.new(key, _VERSION + data, hashlib.sha256).digest()
        temporary = path.with_name(path.name + ".tmp")
        try:
            temporary.write_bytes(_VERSION + signature + data)
            temporary.replace(path)
        except OSError:
            temporary.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, key: bytes) -> ReadMemo:
        """The memo saved at `path` when this machine's key signed it and it was made from the same folder; else an
        empty one. Nothing is unpickled before its signature is checked."""
        try:
            raw = path.read_bytes()
        except OSError:
            return cls()
        size = hashlib.sha256().digest_size
        signature, data = raw[len(_VERSION):len(_VERSION) + size], raw[len(_VERSION) + size:]
        if not raw.startswith(_VERSION) or \
                not hmac.compare_digest(signature, hmac.new(key, _VERSION + data, hashlib.sha256).digest()):
            return cls()
        try:
            cwd, entries = pickle.loads(data)  # noqa: S301 - signed by this machine's key, checked above
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError):
            return cls()
        return cls(entries) if cwd == os.getcwd() else cls()

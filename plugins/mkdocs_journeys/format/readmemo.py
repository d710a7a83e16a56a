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
_VERSION = b"journeys-read-memo-3\n"


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it cannot be looked at."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass
class ReadMemo:
    """Parsed files by path and kind of file, with their stamps. Saved in parts, one per folder, so that an edit
    rewrites the part of its folder only."""

    entries: dict[tuple[str, str], tuple[Stamp, Any]] = field(default_factory=dict)
    # Where the memo was made: paths shown in messages are relative to it.
    cwd: str = field(default_factory=os.getcwd)
    hits: int = 0
    # The folders whose part changed since it was loaded, and the entries asked for (the rest are of gone files).
    _changed: set[str] = field(default_factory=set)
    _asked: set[tuple[str, str]] = field(default_factory=set)

    def get(self, path: Path, kind: str, now: Stamp | None) -> Any:
        """What the file read as when it had this stamp; None when it was not read so."""
        self._asked.add((str(path), kind))
        kept = self.entries.get((str(path), kind))
        if now is None or kept is None or kept[0] != now:
            return None
        self.hits += 1
        return kept[1]

    def put(self, path: Path, kind: str, then: Stamp | None, parsed: Any) -> None:
        """Keep what a file read as, with the stamp it had before it was read."""
        if then is not None:
            self.entries[(str(path), kind)] = (then, parsed)
            self._changed.add(str(path.parent))

    def save(self, folder: Path, key: bytes) -> None:
        """Write the parts that changed into `folder`, each signed with `key`; entries of files no longer read go.
        A failure to write only costs the next build its speed."""
        for gone in set(self.entries) - self._asked:
            del self.entries[gone]
            self._changed.add(str(Path(gone[0]).parent))
        parts: dict[str, dict[tuple[str, str], tuple[Stamp, Any]]] = {}
        for entry_key, entry in self.entries.items():
            parts.setdefault(str(Path(entry_key[0]).parent), {})[entry_key] = entry
        try:
            folder.mkdir(exist_ok=True)
            for name in self._changed:
                path = folder / (hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".pickle")
                if name not in parts:
                    path.unlink(missing_ok=True)
                    continue
                data = pickle.dumps((self.cwd, parts[name]), protocol=pickle.HIGHEST_PROTOCOL)
                signature = hmac.new(key, _VERSION + data, hashlib.sha256).digest()
                temporary = path.with_name(path.name + ".tmp")
                temporary.write_bytes(_VERSION + signature + data)
                temporary.replace(path)
        except OSError:
            pass
        self._changed = set()

    @classmethod
    def load(cls, folder: Path, key: bytes) -> ReadMemo:
        """The memo saved in `folder`: the parts this machine's key signed and that were made from the same
        working folder. Nothing is unpickled before its signature is checked."""
        memo = cls()
        for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else []:
            part = _part(path, key)
            if part is not None and part[0] == memo.cwd:
                memo.entries.update(part[1])
        return memo


def _part(path: Path, key: bytes) -> Any:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    size = hashlib.sha256().digest_size
    signature, data = raw[len(_VERSION):len(_VERSION) + size], raw[len(_VERSION) + size:]
    if not raw.startswith(_VERSION) or \
            not hmac.compare_digest(signature, hmac.new(key, _VERSION + data, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(data)  # noqa: S301 - signed by this machine's key, checked above
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError):
        return None

"""Reading one source file: parse it, check it against its schema, report its problems at their lines."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..layout import ID
from ..model import Journey, Scale
from . import schema
from .problems import Problem, display_path, lookalike, odd_character, warning
from .readmemo import ReadMemo, stamp
from .yamlsource import Document, Mark, MarkTable, Path_, YamlProblem, decode, parse, split_front_matter


@dataclass
class Source:
    """One parsed source file: its front matter (or whole YAML) with positions, and its Markdown body."""

    path: Path
    shown: str
    doc: Document
    body: str = ""


class MarksLater(MarkTable):
    """The positions of a document kept without them (the read memo keeps a file's data, and positions took two
    thirds of its memory): read again, by `read`, the first time one is asked for, which only a problem found
    in a file that did not change does. `read` is pickled with the memo: a module-level function or a partial."""

    def __init__(self, read: Callable[[], Document], keys: bool):
        self._read, self._keys = read, keys
        self._raw: dict[Path_, tuple[tuple[int, int], str | None]] | None = None
        self.offset = 0

    @property
    def raw(self) -> dict[Path_, tuple[tuple[int, int], str | None]]:  # type: ignore[override]
        if self._raw is None:
            try:
                found = self._read()
            except (OSError, YamlProblem, UnicodeError):
                found = Document(None)  # the file changed meanwhile: positions fall back to its first line
            table = found.keys if self._keys else found.values
            self._raw, self.offset = table.raw, table.offset
        return self._raw


def _yaml_of(path: Path, text: str) -> tuple[str | None, int, str]:
    """A source file's YAML (a page's front matter, None when it has none), the line it starts at, and its body."""
    if path.suffix != ".md":
        return text, 1, ""
    front, body, _ = split_front_matter(text)
    return front, 2, body


def _positions(path: Path) -> Document:
    """A source file's YAML read again for its positions (see MarksLater)."""
    front, first_line, _ = _yaml_of(path, decode(path.read_bytes()))
    return parse(front, first_line=first_line) if front is not None else Document(None)


def _without_positions(src: Source) -> Source:
    """The source as the read memo keeps it: its data, and its positions read again only when one is asked for."""
    again = functools.partial(_positions, src.path)
    return Source(src.path, src.shown, Document(src.doc.data, MarksLater(again, keys=False),
                                                MarksLater(again, keys=True)), src.body)


def nothing_refused(path: Path) -> bool:
    return False


@dataclass
class Reader:
    docs_dir: Path
    scale: Scale
    problems: list[Problem] = field(default_factory=list)
    # Paths behind a symbolic link that leaves the project, loops or dangles: reported by the walk, never read.
    refused: Callable[[Path], bool] = nothing_refused
    # Journeys with wrong persona references only: their data files are still checked against them (one pass).
    partial: dict[str, Journey] = field(default_factory=dict)
    memo: ReadMemo | None = None

    def problem(self, shown: str, mark: Mark, message: str) -> None:
        self.problems.append(Problem(shown, mark.line, mark.col, message))

    def warn(self, shown: str, mark: Mark, message: str) -> None:
        self.problems.append(warning(shown, mark.line, mark.col, message))

    def read(self, path: Path, kind: str) -> Source | None:
        """Parse and schema-check one file, unless the memo has it as it is; None (with problems recorded) when it
        cannot be used."""
        if self.refused(path):
            return None
        then = stamp(path) if self.memo is not None else None
        if self.memo is None or (src := self.memo.get(path, kind, then)) is None:
            before, src = len(self.problems), self._parse(path, kind)
            if self.memo is not None and src is not None and len(self.problems) == before:
                self.memo.put(path, kind, then, _without_positions(src))
        return src  # type: ignore[no-any-return]

    def _parse(self, path: Path, kind: str) -> Source | None:
        shown = display_path(path)
        try:
            text = decode(path.read_bytes())
            front, first_line, body = _yaml_of(path, text)
            if front is None:
                self._no_front_matter(shown, text, kind)
                return None
            doc = parse(front, first_line=first_line)
        except YamlProblem as err:
            self.problem(shown, Mark(err.line, err.col), err.message)
            return None
        except OSError as err:
            self.problem(shown, Mark(1, 1), f"cannot read the file: {err.strerror}")
            return None
        if not isinstance(doc.data, dict):
            self.problem(shown, doc.mark(()), f"expected a mapping of keys to values, found "
                                              f"{schema.describe(doc.data, doc.values.get(()))}")
            return None
        found = list(schema.validate(kind, doc))
        for mark, message in found:
            self.problem(shown, mark, message)
        stem = path.parent.name if kind == "round" else path.stem
        if not ID.fullmatch(stem):
            owner = "journey" if kind in ("opportunities", "observation") else kind
            self.problem(shown, Mark(1, 1), f"the file or folder name '{stem}' is the {owner}'s id: expected "
                                            f"lowercase letters, digits and hyphens{self._namesakes(path, kind)}")
            return None
        return None if found else Source(path, shown, doc, body)

    def _namesakes(self, path: Path, kind: str) -> str:
        """Which other file's name this one's passes for (`Anna.md` next to `anna.md`), and its odd letter."""
        stem, folder = (path.parent.name, path.parent.parent) if kind == "round" else (path.stem, path.parent)
        siblings = (p for p in folder.iterdir() if (p.is_dir() if kind == "round" else p.suffix == path.suffix))
        others = {p.name if kind == "round" else p.stem: display_path(p) for p in siblings}
        namesake = lookalike(stem, others)
        return odd_character(stem) + (f"; '{stem}' {namesake}" if namesake else "")

    def _no_front_matter(self, shown: str, text: str, kind: str) -> None:
        """No front matter at the top; a '---' line further down is most likely the front matter, misplaced."""
        lines = text.split("\n")
        later = next((n for n, line in enumerate(lines[1:], 2) if line.rstrip() == "---"), None)
        if later is None or lines[0].rstrip() == "---":
            self.problem(shown, Mark(1, 1), f"expected YAML front matter between '---' lines at the top of this "
                                            f"{kind} page, found none")
        else:
            self.problem(shown, Mark(later, 1), f"expected YAML front matter between '---' lines at the very top of "
                                                f"this {kind} page, found a '---' line only at line {later}; move the "
                                                f"front matter to the first line")

"""Editing a YAML file a person wrote: round-trip with ruamel.yaml, splice only the changed lines into the original
text (comments, quoting and layout stay), write atomically with the file's own mode."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from .schemafiles import modeline as schema_modeline

_KEY_COMMENT = re.compile(r"^(\s*[\w-]+:) {3,}(#)")

def round_trip(text: str) -> YAML:
    """A round-trip YAML that writes as the file is written: its indentation, long lines kept whole."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    mapping, offset = 2, 2
    lines = text.split("\n")
    indented = next((len(li) - len(li.lstrip(" ")) for li in lines
                     if li.startswith(" ") and li.strip() and not li.lstrip().startswith(("#", "-"))), None)
    mapping = indented or mapping
    for i, li in enumerate(lines):
        dash = re.match(r"^( *)- ", li)
        if dash is None:
            continue
        parent = next((pl for pl in reversed(lines[:i]) if pl.strip() and not pl.lstrip().startswith("#")), "")
        if parent.rstrip().endswith(":"):
            offset = len(dash[1]) - (len(parent) - len(parent.lstrip(" ")))
            break
    rt.indent(mapping=mapping, sequence=max(offset, 0) + 2, offset=max(offset, 0))
    return rt


def dump(rt: YAML, data: Any) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def splice(original: str, before: str, after: str) -> str | None:
    """Carry the change from `before` to `after` (two dumps of one document) into `original`.

    ruamel.yaml reproduces most of a file exactly but not all (flow mappings' spacing, indentation, folded
    plain text). Aligning its dump with the original gives, for each boundary between two dumped lines, the
    matching boundary in the original where that is certain; each changed block of lines then replaces the
    original lines between its two boundaries. None when a boundary is uncertain; the caller also checks
    that the result holds the same data as `after`.
    """
    a, b, c = (t.splitlines(keepends=True) for t in (original, before, after))
    if a == b:
        return after
    boundary: dict[int, int | None] = {}

    def mark(i: int, j: int) -> None:
        boundary[i] = j if boundary.get(i, j) == j else None  # two answers: uncertain

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, a, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1 + 1):
                mark(i1 + k, j1 + k)
        else:
            mark(i1, j1)
            mark(i2, j2)
    result, copied = [], 0
    for tag, b1, b2, c1, c2 in difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start, end = boundary.get(b1), boundary.get(b2)
        if start is None or end is None or start < copied or end < start:
            return None
        # A mapping turned from flow to block style keeps its comment's column: pull the comment in.
        result += a[copied:start] + [_KEY_COMMENT.sub(r"\1  \2", line) for line in c[c1:c2]]
        copied = end
    return "".join(result + a[copied:])


def same_data(one: str, other: str) -> bool:
    try:
        return bool(yaml.safe_load(one) == yaml.safe_load(other))
    except yaml.YAMLError:
        return False


def modeline(docs_dir: Path, target: Path, project_dir: Path | None = None) -> str:
    """The schema line of a new observation file: the one rule of schemafiles.modeline, into the project's
    .schemas/ (the project: the folder of mkdocs.yml, by default the docs folder's parent)."""
    return schema_modeline("observation", target, project_dir or docs_dir.resolve().parent)


# ------------------------------------------------------------------------------------------ the command

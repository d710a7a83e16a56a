"""The JSON Schemas at a stable address inside the project, and the one rule for the editor's schema line.

Editors (the YAML language server behind VS Code's YAML extension, JetBrains, Neovim) read a first line
`# yaml-language-server: $schema=<address>`. The address is relative to the file and points into the project's own
`.schemas/` folder, next to mkdocs.yml, which `journeys schemas` (and `journeys init`) write: never into a virtual
environment, site-packages or a `file:` URI, which differ on every machine.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..format.problems import display_path
from ..format.schema import KINDS
from ..format.staging import file_mode, write_atomic

SCHEMAS_DIR = ".schemas"
MODELINE = "# yaml-language-server: $schema="
# What `journeys schemas` wrote into the folder, by file name: the digest of the text as written. A file whose text
# has another digest was changed by someone (or never written by us), and is left as it is.
RECORD = ".written-by-journeys.json"


def modeline(kind: str, path: Path, project_dir: Path) -> str:
    """The editor's schema line for a file of `kind` at `path`: relative to the file, into <project>/.schemas/."""
    schema = project_dir.resolve() / SCHEMAS_DIR / f"{kind}.schema.json"
    try:
        relative = os.path.relpath(schema, path.parent.resolve())
    except ValueError:  # the file is on another drive than the project (Windows): no address works for everyone
        return f"# Editor completion: run `journeys schemas` and point this file at {kind}.schema.json."
    return MODELINE + Path(relative).as_posix()


def schema_texts() -> dict[str, str]:
    """Every schema of the package as {file name: text}."""
    folder = resources.files("mkdocs_journeys.format").joinpath("schemas")
    return {f"{kind}.schema.json": folder.joinpath(f"{kind}.schema.json").read_text("utf-8") for kind in KINDS}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class SchemaReport:
    """What `write_schemas` did, one line per file; `kept` lists the changed files it left as they were."""

    lines: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def write_schemas(folder: Path, say: Callable[[str], None] = print) -> SchemaReport:
    """Write the package's schemas into `folder`: new files are created, files this function wrote before are
    brought up to date, a file changed since (or written by someone else) is left as it is and named.
    OSError when the folder cannot be written."""
    report = SchemaReport()
    folder.mkdir(parents=True, exist_ok=True)
    record_path = folder / RECORD
    try:
        record = json.loads(record_path.read_text("utf-8"))
        record = record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        record = {}
    for name, text in schema_texts().items():
        path, data = folder / name, text.encode("utf-8")
        shown = display_path(path)
        try:
            current: bytes | None = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current == data:
            report.lines.append(f"{shown}: up to date")
        elif current is not None and record.get(name) != _digest(current):
            report.lines.append(f"{shown}: changed since journeys schemas wrote it (or not written by it), so it "
                                f"was left as it was; delete it and run journeys schemas again to get the current "
                                f"schema")
            report.kept.append(shown)
            continue
        else:
            write_atomic(path, data, file_mode(path))
            report.lines.append(f"{shown}: {'created' if current is None else 'updated'}")
        record[name] = _digest(data)
    write_atomic(record_path, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode("utf-8"),
                 file_mode(record_path))
    for line in report.lines:
        say(line)
    return report

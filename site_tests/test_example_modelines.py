"""The example's schema lines (issue 14.2, 14.4): every `# yaml-language-server: $schema=` line of the example
points at a file that exists, in the project's own .schemas/ (what `journeys schemas` writes, by the rule of
scaffolds and `journeys init`), never into a virtual environment, site-packages or a file: URI; and the schemas
there are the package's own, so an editor checks what `journeys check` checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs_journeys.exchange.schemafiles import MODELINE, RECORD, SCHEMAS_DIR, modeline, schema_texts

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "journeys"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$", re.MULTILINE)


def _schema_lines() -> dict[Path, list[str]]:
    """Every schema line of every file of the example's docs folder, by file."""
    found = {}
    for path in sorted(DOCS.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yml", ".yaml"):
            lines = SCHEMA_LINE.findall(path.read_text("utf-8"))
            if lines or "yaml-language-server" in path.read_text("utf-8"):
                found[path] = lines
    return found


def test_every_schema_line_of_the_example_points_at_an_existing_file() -> None:
    found = _schema_lines()
    assert len(found) >= 30  # every persona, journey, group, round, round file and opportunities file
    wrong = []
    for path, addresses in found.items():
        shown = path.relative_to(REPO).as_posix()
        if len(addresses) != 1:
            wrong.append(f"{shown}: expected one schema line, found {len(addresses)}")
            continue
        address = addresses[0]
        target = (path.parent / address).resolve()
        if not target.is_file():
            wrong.append(f"{shown}: {address} does not exist")
        if any(part in address for part in (".venv", "site-packages", "file:")) or target.parent != \
                (REPO / SCHEMAS_DIR).resolve():
            wrong.append(f"{shown}: {address} is not in the project's {SCHEMAS_DIR}/")
    assert wrong == [], "run `journeys schemas` and point the lines as `journeys new` does:\n" + "\n".join(wrong)


def test_the_lines_are_the_ones_journeys_new_would_write() -> None:
    for path, [address] in _schema_lines().items():
        kind = Path(address).name.removesuffix(".schema.json")
        assert modeline(kind, path, REPO) == MODELINE + address, path


def test_the_example_schemas_are_the_packages() -> None:
    folder = REPO / SCHEMAS_DIR
    written = {p.name: p.read_text("utf-8") for p in folder.glob("*.schema.json")}
    assert written == schema_texts(), "the example's .schemas/ is out of date: run `journeys schemas` in the repository"
    assert sorted(json.loads((folder / RECORD).read_text("utf-8"))) == sorted(schema_texts())

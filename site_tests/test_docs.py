"""The documentation stays true: the guide's format reference follows the JSON Schemas (the one source of truth for
the format) and the plugin's options, the README fits on a few screens and starts with the two commands of a fresh
clone, and every relative link in the README, CONTRIBUTING.md and the guide leads to a file (and heading) that
exists."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from mkdocs_journeys.format.schema import KINDS, schema

FORMAT = REPO / "docs" / "guide" / "format.md"
README_MAX_LINES = 300
# The section of the format page that documents each kind of file: its `## ` heading starts with this word.
SECTIONS = {"persona": "Persona", "journey": "Journey", "group": "Group", "round": "Round",
            "observation": "Observations", "opportunities": "Opportunities"}
DOCUMENTS = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs" / "guide").glob("*.md"))]


def keys(node: dict[str, Any]) -> set[str]:
    """Every property name a schema defines, at any depth."""
    found: set[str] = set()
    for name, sub in node.get("properties", {}).items():
        found.add(name)
        found |= keys(sub)
    for nested in ("items", "additionalProperties"):
        if isinstance(node.get(nested), dict):
            found |= keys(node[nested])
    return found


def _without_code(text: str) -> str:
    """The text with fenced code blocks blanked (line numbers kept), so samples are not read as docs or links."""
    # A backtick fence's info string holds no backtick, so "```` ```journey ```` blocks" at a line's start is text.
    fence = r"^(`{3,}(?=[^`\n]*$)|~{3,}).*?^\1[ \t]*$"
    return re.sub(fence, lambda m: "\n" * m.group(0).count("\n"), text, flags=re.M | re.S)


def _sections(text: str) -> dict[str, str]:
    """`## ` heading -> its text up to the next `## ` heading (its `###` subsections included)."""
    parts = re.split(r"^## (.+)$", _without_code(text), flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _section(text: str, word: str) -> str:
    found = [body for heading, body in _sections(text).items() if heading.split(":")[0].strip() == word]
    assert len(found) == 1, f"{FORMAT.name} needs one '## {word}...' section, found {len(found)}"
    return found[0]


def _table_keys(section: str) -> set[str]:
    """The names in the first column of every table of a section: `name`, or `min`, `max` in one cell."""
    names: set[str] = set()
    for line in section.splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2 and not set(cells[1].strip()) <= set("-: "):
            names |= set(re.findall(r"`([^`]+)`", cells[1]))
    return names


@pytest.mark.parametrize("kind", KINDS)
def test_the_format_page_documents_every_key_of_the_schema(kind: str) -> None:
    documented = _table_keys(_section(FORMAT.read_text("utf-8"), SECTIONS[kind]))
    missing = sorted(keys(schema(kind)) - documented)
    assert missing == [], f"{FORMAT.relative_to(REPO)} does not document these {kind} keys in a table of its " \
                          f"'{SECTIONS[kind]}' section: {missing}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_key_the_format_page_documents_is_in_the_schema(kind: str) -> None:
    documented = _table_keys(_section(FORMAT.read_text("utf-8"), SECTIONS[kind]))
    unknown = sorted(documented - keys(schema(kind)))
    assert unknown == [], f"{FORMAT.relative_to(REPO)} documents {kind} keys the schema does not have: {unknown}"


def test_the_format_page_documents_every_option_of_the_plugin() -> None:
    from mkdocs_journeys.adapter.plugin import JourneysConfig

    options = {name for name, _ in JourneysConfig._schema}
    documented = _table_keys(_section(FORMAT.read_text("utf-8"), "Configuration"))
    assert sorted(options - documented) == [], "options missing from the Configuration table of docs/guide/format.md " \
                                               "(helpers: note them in docs/guide/pending/)"
    assert sorted(documented - options) == [], "the Configuration table documents options the plugin does not have"


def test_readme_starts_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text("utf-8")[:400]
    assert "make site" in head and "make test" in head


def test_readme_fits_on_a_few_screens() -> None:
    lines = (REPO / "README.md").read_text("utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; at most {README_MAX_LINES}: " \
                                           "move details into docs/guide/ or CONTRIBUTING.md"


def test_readme_shows_the_screenshot_on_its_first_screen() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text("utf-8").splitlines()[:30])
    assert re.search(r"!\[[^\]]+\]\(screenshot-journey\.png\)", first_screen)


def slug(heading: str) -> str:
    """The anchor GitHub and GitLab give a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    text = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6} (.+)$", _without_code(path.read_text("utf-8")), flags=re.M):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link and image outside code, web addresses and mail aside."""
    text = _without_code(path.read_text("utf-8"))
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"`[^`]*`", "", line)
        for target in re.findall(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", line):
            if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target):
                found.append((number, target))
    return found


def test_the_documents_exist() -> None:
    for path in DOCUMENTS:
        assert path.is_file(), path
    assert len(DOCUMENTS) > 10, "docs/guide/ should hold the guide's pages"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(document: Path) -> None:
    broken = []
    for number, target in links(document):
        address, _, fragment = target.partition("#")
        goal = (document.parent / address).resolve() if address else document
        where = f"{document.relative_to(REPO)}:{number}: {target}"
        if not goal.exists():
            broken.append(f"{where}: no such file")
        elif fragment and goal.suffix == ".md" and fragment not in anchors(goal):
            broken.append(f"{where}: no heading with the anchor #{fragment}")
        elif not goal.is_relative_to(REPO):
            broken.append(f"{where}: leaves the repository")
    assert broken == []


def test_the_command_line_page_documents_every_subcommand() -> None:
    import argparse

    from mkdocs_journeys.cli import parser

    def names(node: argparse.ArgumentParser, prefix: str) -> list[str]:
        found = []
        for action in node._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append(f"{prefix} {name}")
                    found += names(sub, f"{prefix} {name}")
        return found

    page = (REPO / "docs" / "guide" / "cli.md").read_text("utf-8")
    headings = set(re.findall(r"^#{2,3} (journeys [a-z ]+?)\s*$", page, flags=re.M))
    commands = names(parser(), "journeys")
    assert commands, "the parser has no subcommands"
    top = [c for c in commands if c.count(" ") == 1]
    assert sorted(set(top) - headings) == [], "docs/guide/cli.md needs a '## journeys COMMAND' heading for each"
    assert sorted(c for c in commands if c not in page) == [], "docs/guide/cli.md does not name these subcommands"

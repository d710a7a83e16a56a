"""The README's format reference follows the JSON Schemas, the one source of truth for the format."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import REPO
from mkdocs_journeys.format.schema import KINDS, schema


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


@pytest.mark.parametrize("kind", KINDS)
def test_readme_documents_every_key_of_the_schema(kind: str) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    missing = sorted(k for k in keys(schema(kind)) if f"`{k}`" not in readme)
    assert missing == [], f"README.md does not document these {kind} keys: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text("utf-8")[:400]
    assert "make site" in head and "make test" in head

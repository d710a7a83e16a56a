"""One draft for both validators: the schemas declare JSON Schema draft-07, which fastjsonschema (the check
of every file) and jsonschema (the explanation of a refused one) both implement, use only keywords both
know, and the two libraries give the same verdict on every sample file: the malformed-input corpus, the
example site, and systematic edits of the example's files."""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for
from mkdocs_journeys.format import schema
from mkdocs_journeys.format.yamlsource import YamlProblem, decode, parse, split_front_matter

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "bad_files"
EXAMPLE = ROOT / "journeys"

# Keywords that only annotate or name: neither library validates with them.
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples",
                         "readOnly", "writeOnly", "definitions"})
# Draft-07 keywords fastjsonschema handles inside another keyword's code rather than in its keyword table.
FAST_INSIDE = frozenset({"$ref", "additionalItems", "then", "else"})
# Where draft-07 has subschemas: one schema, a list of schemas, or a mapping of names to schemas.
ONE, LIST, NAMED = ("additionalItems", "additionalProperties", "contains", "propertyNames", "if", "then", "else",
                    "not"), ("allOf", "anyOf", "oneOf"), ("properties", "patternProperties", "definitions")


def _keywords(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """(keyword, where) for every keyword of the schema `node` and of its subschemas."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        yield key, where
        if key in ONE:
            yield from _keywords(value, f"{where}/{key}")
        elif key in LIST or (key == "items" and isinstance(value, list)):
            for i, sub in enumerate(value):
                yield from _keywords(sub, f"{where}/{key}/{i}")
        elif key == "items":
            yield from _keywords(value, f"{where}/items")
        elif key in NAMED or key == "dependencies":
            for name, sub in value.items():
                yield from _keywords(sub, f"{where}/{key}/{name}")


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_schema_declares_draft_07_and_is_valid_in_it(kind: str) -> None:
    document = schema.schema(kind)
    assert document["$schema"] == schema.DRAFT
    assert document["$id"] == f"{kind}.schema.json"  # relative: resolved against wherever it is published
    assert validator_for(document) is Draft7Validator
    assert isinstance(schema._validator(kind), Draft7Validator)
    Draft7Validator.check_schema(document)


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schemas_use_only_keywords_both_libraries_implement(kind: str) -> None:
    fast = set(fastjsonschema.draft07.CodeGeneratorDraft07({})._json_keywords_to_function) | FAST_INSIDE
    known = (fast & set(Draft7Validator.VALIDATORS)) | ANNOTATIONS
    unknown = sorted({f"{key} at {where}" for key, where in _keywords(schema.schema(kind), "#") if key not in known})
    assert unknown == [], "keywords one of the libraries ignores (a later draft's?): " + ", ".join(unknown)


def _kind(relative: Path) -> str | None:
    """The kind of a source file from its place in a docs folder, as the loader reads them."""
    parts = relative.parts
    if len(parts) == 2 and parts[0] in ("personas", "journeys", "groups") and relative.suffix == ".md":
        return parts[0].removesuffix("s")
    if len(parts) == 3 and parts[0] == "rounds":
        return "round" if parts[2] == "index.md" else "observation" if relative.suffix in (".yml", ".yaml") else None
    if len(parts) == 2 and parts[0] == "opportunities" and relative.suffix in (".yml", ".yaml"):
        return "opportunities"
    return None


def _data(path: Path) -> Any:
    """The file's data the way the loader reads it (front matter for a page); None when it is not YAML."""
    try:
        text = decode(path.read_bytes())
        if path.suffix == ".md":
            front, _, _ = split_front_matter(text)
            return None if front is None else parse(front, first_line=2).data
        return parse(text).data
    except YamlProblem:
        return None


def _sources(docs: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(docs.rglob("*")):
        if path.is_file() and (kind := _kind(path.relative_to(docs))) is not None:
            yield kind, path


def _corpus() -> list[tuple[str, Path]]:
    return [source for case in sorted(CORPUS.iterdir()) if case.is_dir() for source in _sources(case)]


def _fast_valid(kind: str, data: Any) -> bool:
    try:
        schema._fast_check(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _verdicts(kind: str, data: Any) -> tuple[bool, bool]:
    """(fastjsonschema's, jsonschema's) verdict: True for valid."""
    return _fast_valid(kind, data), schema._validator(kind).is_valid(data)


def _disagreements(sources: list[tuple[str, Path]]) -> tuple[list[str], int, int]:
    """Files on which the libraries disagree, and how many files were compared and refused."""
    disagree, compared, refused = [], 0, 0
    for kind, path in sources:
        data = _data(path)
        if data is None:
            continue
        fast, slow = _verdicts(kind, data)
        compared, refused = compared + 1, refused + (not slow)
        if fast != slow:
            disagree.append(f"{path.relative_to(ROOT)} ({kind}): fastjsonschema {fast}, jsonschema {slow}")
    return disagree, compared, refused


def test_both_libraries_agree_on_every_file_of_the_bad_files_corpus() -> None:
    disagree, compared, refused = _disagreements(_corpus())
    assert disagree == []
    assert compared >= 60 and refused >= 40, (compared, refused)  # the comparison covers refusals too


def test_both_libraries_agree_on_every_file_of_the_example() -> None:
    disagree, compared, refused = _disagreements(list(_sources(EXAMPLE)))
    assert disagree == []
    assert compared >= 25 and refused == 0, (compared, refused)


def test_the_example_has_a_file_of_every_kind() -> None:
    # So that every schema is compared on the example's files and edited systematically below.
    assert sorted(kind for kind, _ in _one_per_kind()) == sorted(schema.KINDS)


# Values put in place of each value of a valid file: every JSON type, edges of ids, dates, ranges and text.
ODD_VALUES: tuple[Any, ...] = (None, True, False, 0, 1, -3, 7, 1.5, 1.0, math.inf, math.nan, "", "x", "Not An Id",
                               "form\n", "2026-13-99", "2026-01-01", "../outside.png", [], [None], ["a", "a"], {},
                               {"x": 1}, {"id": "a"})


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict | list):
        for key, value in (data.items() if isinstance(data, dict) else enumerate(data)):
            yield from _paths(value, path + (key,))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _edits(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(what was changed, the changed data) for systematic edits of one valid file's data."""
    for path in list(_paths(data))[1:]:
        for value in ODD_VALUES:
            edited = copy.deepcopy(data)
            _at(edited, path[:-1])[path[-1]] = value
            yield f"{path} = {value!r}", edited
        parent = _at(data, path[:-1])
        if isinstance(parent, dict):
            edited = copy.deepcopy(data)
            del _at(edited, path[:-1])[path[-1]]
            yield f"without {path}", edited
    for path in _paths(data):
        node = _at(data, path)
        if isinstance(node, dict):
            edited = copy.deepcopy(data)
            _at(edited, path)["unknown-key"] = 1
            yield f"{path} + unknown key", edited
        elif isinstance(node, list) and node:
            edited = copy.deepcopy(data)
            _at(edited, path).append(copy.deepcopy(node[0]))
            yield f"{path} + a repeated item", edited


def _one_per_kind() -> list[tuple[str, Path]]:
    chosen: dict[str, Path] = {}
    for kind, path in _sources(EXAMPLE):
        chosen.setdefault(kind, path)
    return sorted(chosen.items())


@pytest.mark.parametrize(("kind", "path"), _one_per_kind(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_both_libraries_agree_on_systematic_edits_of_an_example_file(kind: str, path: Path) -> None:
    data = _data(path)
    assert isinstance(data, dict) and all(_verdicts(kind, data))
    disagree, refused, total = [], 0, 0
    for change, edited in _edits(data):
        fast, slow = _verdicts(kind, edited)
        total, refused = total + 1, refused + (not slow)
        if fast != slow:
            disagree.append(f"{change}: fastjsonschema {fast}, jsonschema {slow}")
    assert disagree == [], f"{len(disagree)} of {total} edits: " + "; ".join(disagree[:10])
    assert refused >= total // 3, (refused, total)

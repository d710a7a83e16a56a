"""The JSON Schema files are the one source of truth for the file format; this module applies them.

The schemas are written in JSON Schema draft-07, the newest draft that both libraries used here implement:
fastjsonschema (drafts 4 to 7) checks every file, jsonschema's Draft7Validator explains the files it refuses.
A keyword of a later draft would be ignored by fastjsonschema and let invalid files pass, so the schemas use
none (site_tests/test_schema_drafts.py checks that, and that both libraries agree on every sample file)."""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from ..locales.plural import count as plural
from .problems import lookalike, odd_character
from .yamlsource import DATE, AmbiguousText, Document, Mark, Path_

KINDS = ("journey", "persona", "group", "round", "observation", "opportunities")
# The draft every schema file declares in `$schema`.
DRAFT = "http://json-schema.org/draft-07/schema#"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "nothing",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of source file, as shipped in the package."""
    text = resources.files(__package__).joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


@cache
def _validator(kind: str) -> Draft7Validator:
    return Draft7Validator(_python_patterns(schema(kind)))


def _python_patterns(node: Any) -> Any:
    """The schema with each pattern ending in `\\Z` instead of `$`. Patterns are ECMA-262 regexes, where `$` is the
    end of the text; in Python's `re` it also matches before a final newline, so an id 'form\\n' would pass
    (fastjsonschema makes the same change)."""
    if isinstance(node, list):
        return [_python_patterns(item) for item in node]
    if not isinstance(node, dict):
        return node
    fixed = {key: _python_patterns(value) for key, value in node.items()}
    pattern = fixed.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
        fixed["pattern"] = pattern[:-1] + "\\Z"
    return fixed


def field_name(path: Path_) -> str:
    """A readable field path, e.g. `touchpoints[2].stage`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe(value: Any, mark: Mark | None) -> str:
    """What was found, explaining YAML 1.1's silent conversions of unquoted words."""
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        shown = json.dumps(value)
        kind = "true/false" if isinstance(value, bool) else "nothing" if value is None else "a number"
        if mark is not None and mark.text is not None and mark.text != shown:
            return f"`{mark.text}`, which YAML reads as {kind} ({shown}); put it in quotes if you meant text"
        return f"{kind} ({shown})" if value is not None else "nothing (an empty value)"
    if isinstance(value, str):
        return f"'{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


@cache
def _fast_check(kind: str) -> Callable[[Any], Any]:
    # fastjsonschema compiles the schema to Python and checks a valid file about twenty times faster than
    # jsonschema (validating a 500-journey, 12-round site: 0.5 s instead of 4.4 s); jsonschema then explains
    # the rare invalid file. Both read the schema as draft-07 (its `$schema`); no defaults are filled in, no
    # formats checked, so both libraries accept exactly the same documents.
    check: Callable[[Any], Any] = fastjsonschema.compile(schema(kind), use_default=False, use_formats=False)
    return check


# Fields that hold a day: an unquoted date is what they want.
DATE_FIELDS = frozenset({"start", "end", "date", "due"})


def _ambiguous(data: Any, path: Path_, doc: Document,
               skip: frozenset[Path_] = frozenset()) -> Iterator[tuple[Mark, str]]:
    """Unquoted values this reader keeps as text that other YAML readers turn into dates or numbers."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _ambiguous(value, path + (key,), doc, skip)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _ambiguous(value, path + (i,), doc, skip)
    elif isinstance(data, AmbiguousText):
        if path in skip or (data.reading == DATE and path and path[-1] in DATE_FIELDS):
            return
        yield doc.mark(path), (f"{field_name(path)}: expected text, found `{data}`, which {data.reading}; "
                               f"put it in quotes if you meant text")


def validate(kind: str, doc: Document) -> Iterator[tuple[Mark, str]]:
    """Yield (position, message) for every way the document breaks its kind's schema."""
    try:
        _fast_check(kind)(doc.data)
        errors = []
    except fastjsonschema.JsonSchemaException as fast:
        errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
        if not errors:  # the libraries disagree (they should not): the file is still refused, in fastjsonschema's words
            where: Path_ = tuple(getattr(fast, "path", ["data"])[1:])
            yield doc.mark(where), f"{field_name(where)}: {str(getattr(fast, 'message', fast)).split(' ', 1)[-1]}"
    # Where the schema already objects to a value (a number field, say), its own message says more.
    wrong = frozenset(tuple(e.absolute_path) for e in errors)
    yield from _ambiguous(doc.data, (), doc, wrong)
    yield from _not_finite(doc.data, (), doc, wrong)
    for error in errors:
        yield from _explain(error, doc)


def _not_finite(data: Any, path: Path_, doc: Document, skip: frozenset[Path_]) -> Iterator[tuple[Mark, str]]:
    """Numbers YAML reads as infinite or not a number (`.inf`, `.nan`): no scale, chart or JSON export holds them."""
    if isinstance(data, dict | list):
        for key, value in (data.items() if isinstance(data, dict) else enumerate(data)):
            yield from _not_finite(value, path + (key,), doc, skip)
    elif isinstance(data, float) and not math.isfinite(data) and path not in skip:
        mark = doc.mark(path)
        reading = "not a number" if math.isnan(data) else "infinity"
        shown = mark.text if mark.text is not None else json.dumps(data)
        yield mark, f"{field_name(path)}: expected a number, found `{shown}`, which YAML reads as {reading}; " \
                    f"write a number"


def _ids_in(data: Any, path: Path_, doc: Document) -> Iterator[tuple[str, str]]:
    """Every id this file gives (values of `id` keys), with the line it is on."""
    if isinstance(data, dict | list):
        for key, value in (data.items() if isinstance(data, dict) else enumerate(data)):
            if key == "id" and isinstance(value, str):
                yield value, f"line {doc.mark(path + (key,)).line}"
            yield from _ids_in(value, path + (key,), doc)


def _not_an_id(error: ValidationError, doc: Document, path: Path_, value: str) -> Iterator[tuple[Mark, str]]:
    """An id that breaks the id pattern, saying which character is not ASCII and which id it passes for."""
    where = field_name(path)
    if "propertyNames" in error.relative_schema_path:  # a key of the mapping at `path`
        others = {key[-1]: f"line {doc.keys[key].line}" for key in doc.keys.raw
                  if len(key) == len(path) + 1 and key[:-1] == path and isinstance(key[-1], str)}
        note = odd_character(value) + _which(lookalike(value, others))
        yield doc.keys.get(path + (value,), doc.mark(path)), \
            f"{where}: key '{_short(value)}' is not an id (lowercase letters, digits and hyphens){note}"
        return
    others = {other: line for other, line in _ids_in(doc.data, (), doc)}
    note = odd_character(value) + _which(lookalike(value, others))
    yield doc.mark(path), f"{where}: expected an id of lowercase letters, digits and hyphens, found " \
                          f"{describe(value, doc.values.get(path))}{note}"


def _which(clause: str) -> str:
    return f", which {clause}" if clause else ""


def _not_a_language(value: Any, found: str) -> str:
    """What a `lang` tag must look like; a locale spelled with an underscore (en_US) gets its BCP 47 spelling."""
    hint = f"; did you mean '{value.replace('_', '-')}'?" if isinstance(value, str) and "_" in value else ""
    return f"expected a BCP 47 language tag such as 'hu', 'bg', 'ru', 'en' or 'pt-BR' (letters, parts joined by " \
           f"hyphens), found {found}{hint}"


def _explain(error: ValidationError, doc: Document) -> Iterator[tuple[Mark, str]]:
    path: Path_ = tuple(error.absolute_path)
    where = field_name(path)
    value = error.instance
    mark = doc.mark(path)
    found = describe(value, doc.values.get(path))
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    rule: Any = error.validator_value
    if error.validator == "additionalProperties" and isinstance(value, dict):
        known = list(sub.get("properties", {}))
        for key in value:
            if key in known:
                continue
            hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            advice = f"did you mean '{hint[0]}'?" if hint else f"known keys: {', '.join(known)}"
            key_mark = doc.keys.get(path + (key,), mark)
            yield key_mark, f"unknown key '{key}' in {where}; {advice}"
    elif error.validator == "required":  # one error per missing key
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield mark, f"{where}: missing required key '{missing}'"
    elif error.validator == "type":
        expected = rule
        names = [_TYPE_NAMES.get(str(t), str(t)) for t in (expected if isinstance(expected, list) else [expected])]
        if expected == "string" and isinstance(value, int | float) and "quotes" not in found:
            found += "; put it in quotes to keep it as text"
        yield mark, f"{where}: expected {' or '.join(names)}, found {found}"
    elif error.validator == "enum":
        options = [str(o) for o in rule]
        hint = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5) if isinstance(value, str) else []
        advice = f"; did you mean '{hint[0]}'?" if hint else ""
        yield mark, f"{where}: expected one of {', '.join(repr(o) for o in options)}, found {found}{advice}"
    elif error.validator == "pattern" and "a-z0-9" in str(rule) and isinstance(value, str):
        yield from _not_an_id(error, doc, path, value)
    elif error.validator == "pattern" and path[-1:] == ("lang",):
        yield mark, f"{where}: {_not_a_language(value, found)}"
    elif error.validator == "pattern":
        what = "a date YYYY-MM-DD" if "\\d{4}" in str(rule) else "a local path inside the site"
        yield mark, f"{where}: expected {what}, found {found}"
    elif error.validator == "propertyNames":
        yield mark, f"{where}: key {found} is not an id (lowercase letters, digits and hyphens)"
    elif error.validator == "minItems":
        count = len(value) if isinstance(value, list) else value
        yield mark, f"{where}: expected at least {plural(rule, 'item', 'items')}, found {count}"
    elif error.validator in ("minimum", "maximum"):
        kind = "a whole number" if sub.get("type") == "integer" else "a number"
        low, high = sub.get("minimum"), sub.get("maximum")
        bounds = f"from {low} to {high}" if low is not None and high is not None else (
            f"of at least {low}" if low is not None else f"of at most {high}")
        yield mark, f"{where}: expected {kind} {bounds}, found {value}"
    elif error.validator == "minLength":
        yield mark, f"{where}: expected non-empty text, found an empty value"
    elif error.validator == "uniqueItems":
        yield mark, f"{where}: expected every item once, found repeated items"
    else:
        yield mark, f"{where}: {error.message}"

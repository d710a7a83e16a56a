"""Safe YAML reading that remembers where every key and value came from.

PyYAML's safe composer gives nodes with marks; we build plain Python values from them ourselves so that
each value keeps its line and column, duplicate keys are caught instead of silently overwritten, and
dates stay text (the schema decides what a field means, not YAML 1.1's guesses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, overload

import yaml

Path_ = tuple[str | int, ...]

# YAML aliases can expand a few lines into billions of nodes; stop long before memory suffers.
MAX_NODES = 200_000
# A journey file nests five levels deep. libyaml composes nested collections recursively in C and crashes the
# process at some ten thousand levels, so deeper files are turned away before they reach it.
MAX_DEPTH = 100
# Every nesting level needs a '[', '{', '-', '?' or a new line; files with fewer of them than this cannot be too
# deep, and only the others pay for counting levels event by event.
_SCAN_DEPTH_ABOVE = 1000
_MERGE = "tag:yaml.org,2002:merge"

# libyaml's parser is ten times faster than the pure-Python one and gives the same nodes and marks.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Control characters no text of ours may hold: C0 but tab and line feed, a carriage return that does not end a
# line (CRLF), DEL and C1. YAML refuses most of them written as they are, but takes them as escapes in double quotes
# ("\0", "\x85", "\N") and takes NEL as a line break.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Mark:
    """Where a value starts; `text` is the source of a plain scalar, to explain YAML's conversions."""

    line: int
    col: int
    text: str | None = None


class MarkTable:
    """Positions by path. A file has a position per value but few are ever shown, so the table keeps
    PyYAML's own marks and makes a `Mark` only when one is asked for (this halves the reading time)."""

    def __init__(self, offset: int = 0):
        self.offset = offset
        # Path -> ((line, column) from 0, the plain scalar's text or None)
        self.raw: dict[Path_, tuple[tuple[int, int], str | None]] = {}

    def __contains__(self, path: object) -> bool:
        return path in self.raw

    def __getitem__(self, path: Path_) -> Mark:
        (line, column), text = self.raw[path]
        return Mark(line + 1 + self.offset, column + 1, text)

    @overload
    def get(self, path: Path_) -> Mark | None: ...

    @overload
    def get(self, path: Path_, default: Mark) -> Mark: ...

    def get(self, path: Path_, default: Mark | None = None) -> Mark | None:
        """The position at `path`, or `default`."""
        return self[path] if path in self.raw else default


@dataclass
class Document:
    """A parsed YAML mapping with the position of every value and every key."""

    data: Any
    values: MarkTable = field(default_factory=MarkTable)
    keys: MarkTable = field(default_factory=MarkTable)

    def mark(self, path: Path_) -> Mark:
        """Position of the value at `path`, or of its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values[path] if path in self.values else Mark(1, 1)


class YamlProblem(Exception):
    """A YAML text that cannot be read; line and column count from 1."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown page into (front matter, body, line of the body). None when there is none."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---") and text[3:4] in ("\n", "\r", " ", "\t"):
            raise YamlProblem(1, 1, "front matter opened with '---' is never closed: add a line '---' after it")
        return None, text, 1
    body_line = text[: match.end()].count("\n") + 1
    return match.group(1) or "", text[match.end() :], body_line


_SAVE_AS_UTF8 = ("save it as UTF-8 (Notepad: Save as, Encoding UTF-8; VS Code: click the encoding in the status bar, "
                 "Save with Encoding, UTF-8)")
_CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>)(?:[ \t].*)?$", re.MULTILINE)


def decode(raw: bytes) -> str:
    """UTF-8 text (a BOM is allowed) with LF line ends. Text in another encoding, with old Mac line ends (CR only)
    or with git's conflict markers becomes a YamlProblem at its line and column that names the cause and the fix."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise YamlProblem(1, 1, f"the file is UTF-16 text, not UTF-8; {_SAVE_AS_UTF8}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x}): it looks like {_legacy(raw)}; " \
                  f"{_SAVE_AS_UTF8}"
        raise YamlProblem(line, col, message) from None
    if "\r" in text and "\n" not in text:
        raise YamlProblem(1, 1, "the lines of this file end with CR only (the line ends of classic Mac OS), so it "
                                "reads as one line; save it with LF (Linux, macOS) or CRLF (Windows) line ends")
    text = text.replace("\r\n", "\n")
    if (marker := _CONFLICT.search(text)) is not None:
        line = text.count("\n", 0, marker.start()) + 1
        raise YamlProblem(line, 1, f"a git merge conflict was left here: the lines {marker.group(1)}, ======= and "
                                   f"{'>>>>>>>' if marker.group(1) == '<<<<<<<' else '<<<<<<<'} mark two versions "
                                   f"of the same lines; keep the one you want, delete the three marker lines, and "
                                   f"check again")
    return text


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: text where every other byte of the start is a zero byte."""
    head = raw[:400]
    return len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4


def _legacy(raw: bytes) -> str:
    """Which 8-bit Windows code page a text that is not UTF-8 most likely is. Cyrillic words are runs of bytes
    above 0x7f (every letter is one); in Western and Central European text such bytes mostly stand alone."""
    high = [i for i, byte in enumerate(raw) if byte > 0x7F]
    paired = sum(1 for i in high if (i + 1 < len(raw) and raw[i + 1] > 0x7F) or (i > 0 and raw[i - 1] > 0x7F))
    if paired * 2 > len(high) and all(byte >= 0xC0 or byte in (0xA8, 0xB8) for byte in raw if byte > 0x7F):
        return "Windows-1251 (Cyrillic)"
    return "Windows-1252 or Windows-1250 (Western or Central European)"


def parse(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document whose first line is line `first_line` of its file."""
    offset = first_line - 1
    try:
        if sum(map(text.count, "[{-?\n")) > _SCAN_DEPTH_ABOVE:
            _check_depth(text, offset)
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.reader.ReaderError as err:
        raise _unreadable_character(text, err, offset) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + offset if mark else first_line
        col = mark.column + 1 if mark else 1
        problem = err.problem or "invalid YAML"
        lines = text.split("\n")
        bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if "\t" in bad_line[: (mark.column + 1) if mark else 0] or "'\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation; use spaces)"
        elif "another document" in problem:
            problem = "a second document starts here, but a file holds one; remove this '---' line"
        raise YamlProblem(line, col, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as err:
        raise YamlProblem(first_line, 1, f"YAML syntax: {str(err).splitlines()[0]}") from None
    doc = Document(data=None, values=MarkTable(offset), keys=MarkTable(offset))
    if node is None:
        doc.data = {}
        doc.values.raw[()] = ((0, 0), None)
        return doc
    builder = _Builder(doc, offset)
    doc.data = builder.build(node, ())
    return doc


def _check_depth(text: str, offset: int) -> None:
    """Refuse a text nested deeper than MAX_DEPTH, counting levels in libyaml's event stream (no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent):
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark, offset)
                depth += isinstance(event, yaml.CollectionStartEvent)
    except yaml.MarkedYAMLError as err:
        # Newer libyaml scans ahead of its events and refuses deep flow nesting itself: the same problem, in our words.
        if err.problem_mark is not None and "nesting depth" in (err.problem or ""):
            raise _too_deep(err.problem_mark, offset) from None
        raise


def _too_deep(mark: Any, offset: int) -> YamlProblem:
    return YamlProblem(mark.line + 1 + offset, mark.column + 1,
                       f"values nested more than {MAX_DEPTH} levels deep; simplify the file")


def _unreadable_character(text: str, err: yaml.reader.ReaderError, offset: int) -> YamlProblem:
    """A character YAML does not allow in a file (a control character, say), at its line and column."""
    if _FAST_LOADER is yaml.SafeLoader:  # the pure-Python reader counts the position in characters
        before = text[: err.position]
    else:  # libyaml in UTF-8 bytes
        before = text.encode("utf-8")[: err.position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
    if CONTROL.match(chr(code)):  # refused as an escape too (see control_problem)
        return YamlProblem(line + offset, col, f"YAML syntax: found the character U+{code:04X}, but {err.reason}; "
                                               f"remove it")
    escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return YamlProblem(line + offset, col, f"YAML syntax: found the character U+{code:04X}, but {err.reason}; remove "
                                           f"it, or write it as {escape} inside double quotes")


def field_name(path: Path_) -> str:
    """A path as messages name a field: `touchpoints.form.feedback[0].text`, `(top level)`."""
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    return name or "(top level)"


def control_problem(text: str, what: str) -> str | None:
    """What is wrong with a text holding a control character, or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group()[0])
    escape = f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
    return (f"{what}: expected text without control characters (tab and line breaks are fine), found {escape} "
            f"(U+{code:04X}) at character {found.start() + 1}; remove it")


class AmbiguousText(str):
    """An unquoted value that this reader keeps as text but other YAML readers do not: a date, or a number in
    YAML 1.2 (which editors' language servers use). `reading` says what they make of it."""

    reading: str

    def __new__(cls, text: str, reading: str) -> AmbiguousText:
        value = super().__new__(cls, text)
        value.reading = reading
        return value


DATE = "YAML reads as a date"
NUMBER = "YAML 1.2 (editors and most other tools) reads as a number"
# Numbers in YAML 1.2's core schema that YAML 1.1 (this reader) takes as text, e.g. 1e3, 0o17, +12.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|[-+]?\.(inf|Inf|INF)")


# The tags whose values become Python values, and what each is, for when an explicit tag does not fit its value.
_CONSTRUCTED = {"tag:yaml.org,2002:null": "nothing (null)", "tag:yaml.org,2002:bool": "true or false",
                "tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number"}


# PyYAML's converter of the scalars a tag asks for, one for every file: a loader per file kept each file's nodes
# in a cycle the collector had to find.
_CONVERTER = yaml.constructor.SafeConstructor()


def _convert(node: yaml.ScalarNode) -> Any:
    try:
        return _CONVERTER.construct_object(node)
    finally:  # it remembers what it made, to share repeated nodes; ours are never repeated
        _CONVERTER.constructed_objects.clear()
        _CONVERTER.recursive_objects.clear()
        _CONVERTER.state_generators.clear()


class _Builder:
    def __init__(self, doc: Document, offset: int):
        self.doc, self.offset, self.count = doc, offset, 0

    def _mark(self, node: yaml.Node, text: str | None = None) -> Mark:
        return Mark(node.start_mark.line + 1 + self.offset, node.start_mark.column + 1, text)

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1  # counted inline, not through _spend: this runs for every value of every file
        if self.count > MAX_NODES:
            raise self._bomb(node)
        if len(path) > MAX_DEPTH:
            raise _too_deep(node.start_mark, self.offset)
        if isinstance(node, yaml.MappingNode):
            self.doc.values.raw[path] = ((node.start_mark.line, node.start_mark.column), None)
            result: dict[str, Any] = {}
            for key_node, value_node in self._pairs(node):
                key = self._scalar_key(key_node)
                if key in result:
                    mark = self._mark(key_node)
                    first = self.doc.keys[path + (key,)]
                    raise YamlProblem(
                        mark.line, mark.col, f"duplicate key '{key}' (first at line {first.line}); keep only one"
                    )
                if (problem := control_problem(key, f"key in {field_name(path)}")) is not None:
                    mark = self._mark(key_node)
                    raise YamlProblem(mark.line, mark.col, problem)
                self.doc.keys.raw[path + (key,)] = ((key_node.start_mark.line, key_node.start_mark.column), None)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            self.doc.values.raw[path] = ((node.start_mark.line, node.start_mark.column), None)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        plain = not node.style  # the C parser says '' where the Python one says None
        self.doc.values.raw[path] = ((node.start_mark.line, node.start_mark.column),
                                     node.value if plain else None)
        value = self._scalar(node)
        if isinstance(value, str) and CONTROL.search(value) is not None:
            mark = self._mark(node)
            raise YamlProblem(mark.line, mark.col, str(control_problem(value, field_name(path))))
        return value

    def _bomb(self, node: yaml.Node) -> YamlProblem:
        mark = self._mark(node)
        return YamlProblem(mark.line, mark.col, f"more than {MAX_NODES} values (an alias bomb?); simplify the file")

    def _pairs(self, node: yaml.MappingNode, merging: tuple[yaml.Node, ...] = ()) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key/value pairs of a mapping with YAML merge keys (`<<: *base`) expanded: the mapping's own keys
        win over merged ones, earlier merged mappings over later ones. Merging counts against MAX_NODES, so
        mappings merged into each other over and over cannot grow without end."""
        own = [(key, value) for key, value in node.value if key.tag != _MERGE]
        if len(own) == len(node.value):
            return own
        taken = {self._scalar_key(key) for key, _ in own}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            if key.tag != _MERGE:
                continue
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                mark = self._mark(source)
                if not isinstance(source, yaml.MappingNode):
                    raise YamlProblem(mark.line, mark.col, "`<<` merges a mapping (such as `<<: *base`) or a list of "
                                                           "mappings into this one, found something else")
                if any(source is outer for outer in merging + (node,)):
                    raise YamlProblem(mark.line, mark.col, "`<<` merges a mapping into itself; merge another one")
                for pair in self._pairs(source, merging + (node,)):
                    self.count += 1
                    if self.count > MAX_NODES:
                        raise self._bomb(pair[0])
                    if (name := self._scalar_key(pair[0])) not in taken:
                        taken.add(name)
                        merged.append(pair)
        return merged + own

    def _scalar_key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            mark = self._mark(node)
            raise YamlProblem(mark.line, mark.col, "a key must be plain text, not a list or mapping")
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text: the schema checks their form, and nothing turns them into datetimes. Where text
            # was meant, the schema check says that other readers see a date.
            return AmbiguousText(node.value, DATE)
        if tag in _CONSTRUCTED:
            try:
                return _convert(node)
            except Exception:  # PyYAML's converters fail in many ways on a tag that does not fit: `!!int x`, `!!int`
                mark = self._mark(node)
                raise YamlProblem(mark.line, mark.col, f"`{node.value}` is not {_CONSTRUCTED[tag]}, but a tag "
                                                       f"says it is; remove the tag") from None
        if tag == "tag:yaml.org,2002:value":  # a lone `=`: YAML 1.1 gives it a tag nothing uses; it is text
            return str(node.value)
        if tag == "tag:yaml.org,2002:str":
            if not node.style and _YAML12_NUMBER.fullmatch(node.value):
                return AmbiguousText(node.value, NUMBER)
            return str(node.value)
        mark = self._mark(node)
        raise YamlProblem(mark.line, mark.col, f"unsupported YAML tag {tag!r}; write plain text instead")

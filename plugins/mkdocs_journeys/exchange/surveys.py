"""Survey answers from a CSV file into a round's observations: a KPI and feedback entries per touchpoint.

`journeys import survey` is a thin front over `import_survey`. The CSV is read as spreadsheets and survey
tools write it in our users' locales (comma, semicolon or tab; UTF-8 with or without BOM, Windows-1250 or
Windows-1251). Any bad row refuses the whole import unless asked to skip it. The observation file is
edited with ruamel.yaml's round-trip mode and only the changed lines are spliced into the original text,
so comments, quoting and layout stay as they were. After writing, the whole project is validated again;
a problem puts the original bytes back.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import hashlib
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelYAMLError
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from ..adapter.config import read_options
from ..format.loader import OBSERVATION_SUFFIXES, ROUNDS_DIR
from ..format.options import OptionError
from ..format.problems import display_path
from ..format.project import load_project
from ..model import KPI_SCALES, Catalog, Journey, Touchpoint

KINDS = ("csat", "nps", "ces", "custom")
DEFAULT_NAME = "survey"
# The scale of a KPI kind when a hand-written KPI leaves min and max out (as the schema describes).
_SCHEMA = "plugins/mkdocs_journeys/schemas/observation.schema.json"
_MODELINE = "# yaml-language-server: $schema="
_DELIMITERS = (",", ";", "\t")
_FALLBACK_ENCODINGS = ("cp1250", "cp1251")
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                   "cp1250": "Windows-1250", "cp1251": "Windows-1251"}

_SCALE = re.compile(r"^\s*([+-]?\d+)\s*(?:\.\.|-|–)\s*([+-]?\d+)\s*$")
_SCORE = re.compile(r"^([+-]?\d+)(?:[.,]0*)?$")
_FRACTION = re.compile(r"^[+-]?\d*[.,]\d+$")
# A date, optionally followed by a time of day (survey tools stamp answers), which is dropped.
_STAMP = re.compile(r"^(.*?)(?:[ T]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?$")
_DATE_FORMATS = (
    (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")),
    (re.compile(r"^(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4})\.?$")),
    (re.compile(r"^(?P<y>\d{4})\.\s*(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?$")),
    (re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")),
)
_DATE_HELP = "a date as YYYY-MM-DD, DD.MM.YYYY, YYYY.MM.DD. or DD/MM/YYYY"
_WORD = re.compile(r"[^\W\d_]{2,}")
_KEY_COMMENT = re.compile(r"^(\s*[\w-]+:) {3,}(#)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SurveyError(Exception):
    """The import cannot go on; `lines` are printed to stderr, `code` is the exit code."""

    def __init__(self, *lines: str, code: int = 1):
        super().__init__(lines[0] if lines else "")
        self.lines, self.code = list(lines), code


# ---------------------------------------------------------------------------------------------- reading


def parse_scale(text: str) -> tuple[int, int]:
    """`1-5`, `0-10`, `-2-2` (also `1..5`): the lowest and highest answer. ValueError explains a bad one."""
    match = _SCALE.match(text)
    if match is None:
        raise ValueError(f"expected MIN-MAX in whole numbers, e.g. 1-5, 0-10 or -2-2, found '{text}'")
    low, high = int(match[1]), int(match[2])
    if low >= high:
        raise ValueError(f"expected MIN lower than MAX, found '{text}'")
    if high - low > 100:
        raise ValueError(f"expected at most 101 answer values (a count is kept for each), found '{text}'")
    return low, high


def parse_score(cell: str, low: int, high: int) -> int:
    """A whole number on the scale ('4', '4.0', '4,0'); ValueError says what was expected and found."""
    text = cell.strip().replace("\u2212", "-")
    expected = f"score: expected a whole number from {low} to {high}"
    if not text:
        raise ValueError(f"{expected}, found an empty cell")
    match = _SCORE.match(text)
    if match is None:
        what = ", which is not a whole number" if _FRACTION.match(text) else ""
        raise ValueError(f"{expected}, found '{cell.strip()}'{what}")
    value = int(match[1])
    if not low <= value <= high:
        raise ValueError(f"{expected} (--scale {low}-{high}), found {value}")
    return value


def parse_date(cell: str) -> str:
    """YYYY-MM-DD from the accepted forms (a time of day after it is dropped); empty stays empty."""
    text = cell.strip()
    if not text:
        return ""
    match = _STAMP.match(text)
    day_text = match[1].strip() if match else text
    for form in _DATE_FORMATS:
        found = form.match(day_text)
        if found is None:
            continue
        try:
            return date(int(found["y"]), int(found["m"]), int(found["d"])).isoformat()
        except ValueError:
            raise ValueError(f"date: expected a real day, found '{text}'") from None
    raise ValueError(f"date: expected {_DATE_HELP}, found '{text}'")


def _implausible(text: str) -> int:
    """Words that a wrong single-byte code page would produce.

    Windows-1251 read as Windows-1250 gives words made only of accented Latin letters ('Îöĺíęŕ'); Windows-1250
    read as Windows-1251 gives Cyrillic letters inside Latin words ('Ьgyintйzйs'). Real text has neither.
    """
    bad = 0
    for word in _WORD.findall(text):
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in word)
        ascii_ = sum(c.isascii() for c in word)
        accented = len(word) - cyrillic - ascii_
        if cyrillic and (ascii_ or accented):
            bad += 1
        elif accented and not ascii_ and not cyrillic:
            bad += 1
    return bad


def decode_survey(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    UTF-8 (a BOM is allowed) first; otherwise Windows-1250 or Windows-1251, whichever reads as plausible
    words. `encoding` skips the guess.
    """
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise SurveyError(f"1: error: --encoding: no encoding '{encoding}' (e.g. utf-8, cp1250, cp1251)",
                              code=2) from None
        except UnicodeDecodeError as err:
            raise SurveyError(f"{_line_of(raw, err.start)}: error: not {encoding} text (byte "
                              f"0x{raw[err.start]:02x})") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-16"), "utf-16"
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            at = err.start + len(codecs.BOM_UTF8)
            raise SurveyError(f"{_line_of(raw, at)}: error: the file starts with a UTF-8 BOM but is not UTF-8 "
                              f"(byte 0x{raw[at]:02x}); save it as UTF-8 again") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    readings = {}
    for name in _FALLBACK_ENCODINGS:
        with contextlib.suppress(UnicodeDecodeError):
            readings[name] = raw.decode(name)
    if not readings:
        raise SurveyError(f"{_line_of(raw, first_bad)}: error: the file is not UTF-8, Windows-1250 or "
                          f"Windows-1251 text; save it as UTF-8 CSV, or name its encoding with --encoding")
    best = min(readings, key=lambda name: (_implausible(readings[name]), _FALLBACK_ENCODINGS.index(name)))
    return readings[best], best


def _line_of(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _loose(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def find_column(header: list[str], name: str, option: str) -> int:
    """Index of a column: the exact name, else case and whitespace ignored. SurveyError when not one."""
    for same in (lambda h: h == name, lambda h: _loose(h) == _loose(name)):
        hits = [i for i, h in enumerate(header) if same(h)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise SurveyError(f"1: error: {option} '{name}' matches {len(hits)} columns (numbers "
                              f"{', '.join(str(i + 1) for i in hits)}); rename one of them in the header")
    shown = ", ".join(f"'{h}'" for h in header) or "none"
    hint = difflib.get_close_matches(_loose(name), [_loose(h) for h in header], n=1, cutoff=0.6)
    suggestion = f"; did you mean '{header[[_loose(h) for h in header].index(hint[0])]}'?" if hint else ""
    raise SurveyError(f"1: error: {option}: no column '{name}' in the header row; the columns are: {shown}"
                      f"{suggestion}")


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Every record with the physical line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return found
        except csv.Error as err:
            raise SurveyError(f"{start}: error: cannot read this CSV record: {err}") from None
        found.append((start, fields))


def sniff_delimiter(text: str, wanted: list[str]) -> str:
    """Comma, semicolon or tab: the one whose header row holds the most of the wanted columns."""
    def score(delimiter: str) -> tuple[int, int, int]:
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        names = {_loose(h) for h in first}
        return sum(_loose(w) in names for w in wanted), len(first), -_DELIMITERS.index(delimiter)
    return max(_DELIMITERS, key=score)


@dataclass
class Answer:
    """One usable row."""

    line: int
    touchpoint: str
    score: int
    comment: str = ""
    date: str = ""


@dataclass
class SurveyFile:
    """What a CSV file holds: usable answers and bad rows (line, problems)."""

    name: str
    sha256: str
    encoding: str
    delimiter: str
    answers: list[Answer] = field(default_factory=list)
    bad: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class Columns:
    """Column names as given on the command line."""

    touchpoint: str
    score: str
    comment: str | None = None
    date: str | None = None


class TouchpointMatcher:
    """Finds a touchpoint of a journey, in one round, by its id or title (case and spacing ignored)."""

    def __init__(self, catalog: Catalog, journey: Journey, round_id: str):
        self.journey, self.round_id = journey, round_id
        self.active = [tp for tp in journey.touchpoints if catalog.is_active(tp, round_id)]
        self.gone = [tp for tp in journey.touchpoints if tp not in self.active]

    @staticmethod
    def _find(value: str, touchpoints: list[Touchpoint]) -> list[Touchpoint]:
        for same in (lambda tp: tp.id == value.strip(), lambda tp: _loose(tp.id) == _loose(value),
                     lambda tp: _loose(tp.title) == _loose(value)):
            hits = [tp for tp in touchpoints if same(tp)]
            if hits:
                return hits
        return []

    def match(self, value: str) -> str:
        """The touchpoint id; ValueError says what was expected and found."""
        expected = (f"touchpoint: expected the id or title of a touchpoint of journey '{self.journey.id}' in round "
                    f"'{self.round_id}'")
        if not value.strip():
            raise ValueError(f"{expected}, found an empty cell")
        hits = self._find(value, self.active)
        if len(hits) == 1:
            return hits[0].id
        if hits:
            raise ValueError(f"{expected}, found '{value.strip()}', the title of {len(hits)} touchpoints ("
                             f"{', '.join(tp.id for tp in hits)}); use the id instead")
        gone = self._find(value, self.gone)
        if gone:
            tp = gone[0]
            bound = ", ".join(f"{key}: {getattr(tp, key)}" for key in ("since", "retired") if getattr(tp, key))
            raise ValueError(f"{expected}, found '{value.strip()}', touchpoint '{tp.id}', which does not exist in "
                             f"round '{self.round_id}' ({bound})")
        names = {_loose(name): name for tp in self.active for name in (tp.title, tp.id)}
        hint = difflib.get_close_matches(_loose(value), list(names), n=1, cutoff=0.6)
        known = f"did you mean '{names[hint[0]]}'?" if hint else "known: " + ", ".join(
            f"{tp.id} ({tp.title})" for tp in self.active)
        raise ValueError(f"{expected}, found '{value.strip()}'; {known}")


def read_survey(path: Path, raw: bytes, columns: Columns, scale: tuple[int, int], matcher: TouchpointMatcher,
                encoding: str | None = None) -> SurveyFile:
    """Decode, split and check every row. Problems of the file as a whole raise SurveyError."""
    text, used = decode_survey(raw, encoding)
    wanted = [c for c in (columns.touchpoint, columns.score, columns.comment, columns.date) if c]
    delimiter = sniff_delimiter(text, wanted)
    records = _records(text, delimiter)
    if not records:
        raise SurveyError("1: error: the file is empty; expected a header row with the column names")
    (_, header), rows = records[0], records[1:]
    tp_col = find_column(header, columns.touchpoint, "--touchpoint-column")
    score_col = find_column(header, columns.score, "--score-column")
    comment_col = find_column(header, columns.comment, "--comment-column") if columns.comment else None
    date_col = find_column(header, columns.date, "--date-column") if columns.date else None
    normalised = raw.replace(b"\r\n", b"\n")
    survey = SurveyFile(path.name, hashlib.sha256(normalised).hexdigest(), used, delimiter)
    for line, fields in rows:
        if not any(f.strip() for f in fields):
            continue  # blank lines, and the empty rows spreadsheets leave (';;;')

        cells = [fields[i] if i is not None and i < len(fields) else "" for i in (tp_col, score_col, date_col)]
        problems: list[str] = []
        answer = Answer(line, "", 0, _clean(fields[comment_col]) if comment_col is not None and comment_col < len(
            fields) else "")
        try:
            answer.touchpoint = matcher.match(cells[0])
        except ValueError as err:
            problems.append(str(err))
        try:
            answer.score = parse_score(cells[1], *scale)
        except ValueError as err:
            problems.append(str(err))
        try:
            answer.date = parse_date(cells[2])
        except ValueError as err:
            problems.append(str(err))
        if problems:
            survey.bad.append((line, problems))
        else:
            survey.answers.append(answer)
    return survey


def _clean(text: str) -> str:
    """A comment as one YAML can hold: newlines as \\n, no control characters, no surrounding space."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


# ----------------------------------------------------------------------------------------------- the KPI


@dataclass(frozen=True)
class Indicator:
    """The KPI an import writes: kind, name, and the answer scale."""

    kind: str
    name: str
    low: int
    high: int

    @classmethod
    def choose(cls, kind: str | None, name: str | None, scale: tuple[int, int]) -> Indicator:
        """Defaults: CSAT for a 1-5 scale, otherwise a custom KPI named 'survey'. NPS needs 0-10."""
        kind = kind or ("csat" if scale == (1, 5) else "custom")
        if kind == "nps" and scale != (0, 10):
            raise SurveyError(f"error: --kpi nps: expected --scale 0-10 (NPS counts 9-10 as promoters and 0-6 as "
                              f"detractors), found {scale[0]}-{scale[1]}", code=2)
        return cls(kind, name or (DEFAULT_NAME if kind == "custom" else ""), *scale)

    @property
    def bounds(self) -> tuple[int, int]:
        """min and max of the KPI's value: the answer scale, or -100..100 for NPS."""
        return (-100, 100) if self.kind == "nps" else (self.low, self.high)

    @property
    def label(self) -> str:
        return f"{self.kind} '{self.name}'" if self.name else self.kind

    def value(self, counts: dict[int, int]) -> float:
        """The mean answer, rounded to 2 decimals; for NPS % promoters minus % detractors."""
        n = sum(counts.values())
        if self.kind == "nps":
            promoters = sum(c for v, c in counts.items() if v >= 9)
            detractors = sum(c for v, c in counts.items() if v <= 6)
            return round(100 * (promoters - detractors) / n, 2)
        return round(sum(v * c for v, c in counts.items()) / n, 2)

    def matches(self, kpi: Any) -> bool:
        """Whether an existing KPI entry is this indicator (same kind and name)."""
        return isinstance(kpi, dict) and kpi.get("kind") == self.kind and (kpi.get("name") or "") == self.name

    def counts_of(self, kpi: dict[str, Any]) -> dict[int, int] | None:
        """The distribution of an existing KPI when it can take more answers of this survey, else None."""
        low, high = KPI_SCALES.get(self.kind, (None, None))
        if (kpi.get("min", low), kpi.get("max", high)) != self.bounds:
            return None
        dist = kpi.get("distribution")
        if not isinstance(dist, dict):
            return None
        counts: dict[int, int] = {}
        for key, count in dist.items():
            try:
                value = int(str(key))
            except ValueError:
                return None
            if not self.low <= value <= self.high or not isinstance(count, int) or count < 0:
                return None
            counts[value] = counts.get(value, 0) + count
        return counts


@dataclass
class Outcome:
    """What happened at one touchpoint."""

    touchpoint: str
    action: str  # added, merged, replaced, skipped
    n: int = 0
    value: float = 0.0
    comments: int = 0
    detail: str = ""


def _flow(items: dict[str, Any]) -> CommentedMap:
    node = CommentedMap(items)
    node.fa.set_flow_style()
    return node


_RESOLVER = yaml.resolver.Resolver()


def _text(value: str) -> Any:
    """A string that PyYAML (YAML 1.1, which `journeys check` reads with) reads back as the same string."""
    if "\n" in value:
        return LiteralScalarString(value)
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return SingleQuotedScalarString(value)
    return value


def _distribution(ind: Indicator, counts: dict[int, int]) -> CommentedMap:
    return _flow({str(v): counts.get(v, 0) for v in range(ind.low, ind.high + 1)})


def _new_kpi(ind: Indicator, counts: dict[int, int], source: CommentedMap) -> CommentedMap:
    kpi = CommentedMap()
    kpi["kind"] = ind.kind
    if ind.name:
        kpi["name"] = _text(ind.name)
    kpi["value"] = ind.value(counts)
    kpi["min"], kpi["max"] = ind.bounds
    kpi["n"] = sum(counts.values())
    kpi["distribution"] = _distribution(ind, counts)
    kpi["sources"] = CommentedSeq([source])
    return kpi


def _feedback(answer: Answer, file_name: str) -> CommentedMap:
    entry = CommentedMap()
    entry["method"] = "survey"
    if answer.date:
        entry["date"] = SingleQuotedScalarString(answer.date)
    entry["text"] = _text(answer.comment)
    entry["evidence"] = "observed"
    entry["source"] = _text(file_name)
    return entry


def _ensure(parent: CommentedMap, key: str) -> Any:
    """parent[key], created when missing; in block style unless its parent is written in flow style."""
    if parent.get(key) is None:
        parent[key] = CommentedSeq() if key in ("kpis", "feedback", "sources") else CommentedMap()
    node = parent[key]
    if not parent.fa.flow_style() and getattr(node, "fa", None) is not None and node.fa.flow_style():
        node.fa.set_block_style()
    return node


def apply_survey(doc: CommentedMap, survey: SurveyFile, ind: Indicator, journey: Journey,
                 replace: bool) -> tuple[list[Outcome], list[str]]:
    """Write the survey into an observation document; returns what happened and conflicts (nothing applied)."""
    by_tp: dict[str, list[Answer]] = {}
    for answer in survey.answers:
        by_tp.setdefault(answer.touchpoint, []).append(answer)
    order = [tp.id for tp in journey.touchpoints]
    plans: list[tuple[str, Any, int | None, Outcome]] = []  # touchpoint, KPI to extend or replace, its index
    conflicts: list[str] = []
    existing_tps = doc.get("touchpoints") or {}
    for tp_id in sorted(by_tp, key=order.index):
        entry = existing_tps.get(tp_id) or {}
        kpis = entry.get("kpis") or []
        target = next((i for i, k in enumerate(kpis) if ind.matches(k)), None)
        seen_in = [k for k in kpis if isinstance(k, dict) and any(
            isinstance(s, dict) and s.get("sha256") == survey.sha256 for s in k.get("sources") or [])]
        elsewhere = [k for k in seen_in if target is None or k is not kpis[target]]
        # --replace may import a file again into its own KPI; another KPI holding it would count it twice.
        if elsewhere or (seen_in and not replace):
            held = (elsewhere or seen_in)[0]
            as_ = f"{held.get('kind')} '{held['name']}'" if held.get("name") else str(held.get("kind"))
            plans.append((tp_id, None, None, Outcome(tp_id, "skipped", detail=(
                f"{survey.name} (sha256 {survey.sha256[:12]}...) was already imported here as {as_}"))))
            continue
        if target is not None and not replace and ind.counts_of(kpis[target]) is None:
            conflicts.append(
                f"error: touchpoint '{tp_id}' already has a {ind.label} KPI that cannot take these answers (it has "
                f"no distribution, or another scale than {ind.low}-{ind.high}); pass --replace to replace it, or "
                f"--kpi-name NAME to keep both")
            continue
        action = "added" if target is None else ("replaced" if replace else "merged")
        plans.append((tp_id, kpis[target] if target is not None else None, target, Outcome(tp_id, action)))
    if conflicts:
        return [], conflicts
    outcomes = []
    for tp_id, old, index, outcome in plans:
        outcomes.append(outcome)
        if outcome.action == "skipped":
            continue
        answers = by_tp[tp_id]
        counts = dict(Counter(a.score for a in answers))
        source = _flow({"file": _text(survey.name), "sha256": _text(survey.sha256), "n": len(answers)})
        tps = _ensure(doc, "touchpoints")
        if tp_id not in tps:
            later = [i for i, key in enumerate(tps) if key in order and order.index(key) > order.index(tp_id)]
            tps.insert(later[0] if later else len(tps), tp_id, CommentedMap())
        entry = _ensure(tps, tp_id)
        kpis = _ensure(entry, "kpis")
        if outcome.action == "merged":
            earlier = ind.counts_of(old) or {}
            total = {v: earlier.get(v, 0) + counts.get(v, 0) for v in sorted(set(earlier) | set(counts))}
            dist = old.get("distribution")
            if isinstance(dist, CommentedMap) and list(dist) == [str(v) for v in range(ind.low, ind.high + 1)]:
                for v in range(ind.low, ind.high + 1):
                    dist[str(v)] = total.get(v, 0)
            else:
                old["distribution"] = _distribution(ind, total)
            old["value"], old["n"] = ind.value(total), sum(total.values())
            _ensure(old, "sources").append(source)
            outcome.detail = f"with {len(old['sources']) - 1} earlier file(s)"
            counts = total
        elif outcome.action == "replaced":
            replaced = {s.get("file") for s in old.get("sources") or [] if isinstance(s, dict)}
            feedback = entry.get("feedback") or []
            removed = [i for i, fb in enumerate(feedback) if isinstance(fb, dict) and fb.get("source") in replaced]
            for i in reversed(removed):
                del feedback[i]
            kpis[index] = _new_kpi(ind, counts, source)
            files = ", ".join(sorted(map(str, replaced))) or "no file"
            outcome.detail = f"{len(removed)} comment(s) of {files} removed"
        else:
            kpis.append(_new_kpi(ind, counts, source))
        comments = [a for a in answers if a.comment]
        if comments:
            feedback = _ensure(entry, "feedback")
            feedback.extend(_feedback(a, survey.name) for a in comments)
        elif "feedback" in entry and not entry["feedback"]:
            del entry["feedback"]
        outcome.n, outcome.value, outcome.comments = sum(counts.values()), ind.value(counts), len(comments)
    return outcomes, []


# ----------------------------------------------------------------------------------------------- writing


def _yaml(text: str) -> YAML:
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


def _dump(rt: YAML, data: Any) -> str:
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


def _same_data(one: str, other: str) -> bool:
    try:
        return bool(yaml.safe_load(one) == yaml.safe_load(other))
    except yaml.YAMLError:
        return False


def _modeline(docs_dir: Path, target: Path) -> str:
    """The schema comment of the other observation files (same depth), else one to the package's schema."""
    for path in sorted((docs_dir / ROUNDS_DIR).glob("*/*")):
        if path.suffix in OBSERVATION_SUFFIXES and path != target:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                first = path.read_text("utf-8-sig").split("\n", 1)[0].rstrip("\r")
                if first.startswith(_MODELINE):
                    return first
    schema = Path(__file__).resolve().parent.parent / "format" / "schemas" / "observation.schema.json"
    try:
        return _MODELINE + Path(os.path.relpath(schema, target.parent.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return _MODELINE + schema.as_uri()


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Write through a hidden temporary file in the same folder, then rename it over `path`."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# ------------------------------------------------------------------------------------------ the command


@dataclass
class SurveyRequest:
    """The options of `journeys import survey`."""

    file: Path
    journey: str
    round: str
    columns: Columns
    scale: tuple[int, int]
    kpi: str | None = None
    kpi_name: str | None = None
    skip_invalid: bool = False
    replace: bool = False
    encoding: str | None = None


def _observation_path(docs_dir: Path, round_id: str, journey_id: str) -> Path:
    folder = docs_dir / ROUNDS_DIR / round_id
    for suffix in OBSERVATION_SUFFIXES:
        if (folder / f"{journey_id}{suffix}").is_file():
            return folder / f"{journey_id}{suffix}"
    return folder / f"{journey_id}{OBSERVATION_SUFFIXES[0]}"


def _describe(outcome: Outcome, ind: Indicator, journey: Journey) -> str:
    title = next(tp.title for tp in journey.touchpoints if tp.id == outcome.touchpoint)
    head = f"  {outcome.touchpoint} ({title}): "
    if outcome.action == "skipped":
        return head + f"skipped: {outcome.detail}"
    low, high = ind.bounds
    measure = "NPS" if ind.kind == "nps" else "mean"
    detail = f" {outcome.detail}" if outcome.action == "merged" else (
        f" ({outcome.detail})" if outcome.detail else "")
    return (head + f"{outcome.action} {ind.label}{detail}: n {outcome.n}, {measure} {outcome.value:g} on "
            f"{low}..{high}, {outcome.comments} comment(s) added")


def import_survey(config_file: Path, request: SurveyRequest, out: Callable[[str], None],
                  err: Callable[[str], None]) -> int:
    """Run the import; prints a summary to `out` and problems to `err`; returns the exit code."""
    try:
        return _import(config_file, request, out, err)
    except SurveyError as failure:
        for line in failure.lines:
            err(line)
        return failure.code


def _import(config_file: Path, request: SurveyRequest, out: Callable[[str], None],
            err: Callable[[str], None]) -> int:
    shown_csv = str(request.file)
    ind = Indicator.choose(request.kpi, request.kpi_name, request.scale)
    try:
        options = read_options(config_file)
        options.emotion_scale()
    except OptionError as failure:
        raise SurveyError(f"error: {failure}", code=2) from None
    if not options.docs_dir.is_dir():
        raise SurveyError(f"error: {config_file}: docs_dir '{options.docs_dir}' is not a folder", code=2)
    catalog, problems = load_project(options)
    if problems:
        raise SurveyError(*map(str, problems), f"{len(problems)} problem(s) found. Fix them before importing: "
                                               f"the import validates the project after writing.")
    journey = catalog.journeys.get(request.journey)
    if journey is None:
        hint = difflib.get_close_matches(request.journey, sorted(catalog.journeys), n=1)
        raise SurveyError(f"error: --journey: no journey '{request.journey}' (expected a file journeys/"
                          f"{request.journey}.md); " + (f"did you mean '{hint[0]}'?" if hint else
                                                         f"known: {', '.join(sorted(catalog.journeys)) or 'none'}"))
    if request.round not in {r.id for r in catalog.rounds}:
        known = [r.id for r in catalog.rounds]
        hint = difflib.get_close_matches(request.round, known, n=1)
        raise SurveyError(f"error: --round: no round '{request.round}' (expected a folder rounds/{request.round}/ "
                          f"with an index.md); " + (f"did you mean '{hint[0]}'?" if hint else
                                                    f"known: {', '.join(known) or 'none'}"))
    if catalog.round(request.round).status == "closed":
        raise SurveyError(f"error: --round: round '{request.round}' is closed, and a closed round keeps its "
                          f"history; reopen it first (`journeys round reopen {request.round}`, or status: open "
                          f"in {catalog.round(request.round).source})")
    try:
        raw = request.file.read_bytes()
    except OSError as failure:
        raise SurveyError(f"error: {shown_csv}: cannot read the file: {failure.strerror}") from None
    try:
        survey = read_survey(request.file, raw, request.columns, request.scale,
                             TouchpointMatcher(catalog, journey, request.round), request.encoding)
    except SurveyError as failure:
        raise SurveyError(*(f"{shown_csv}:{line}" for line in failure.lines), code=failure.code) from None

    kind = "warning: skipped" if request.skip_invalid else "error"
    for line, found in survey.bad:
        err(f"{shown_csv}:{line}: {kind}: {'; '.join(found)}")
    rows = len(survey.answers) + len(survey.bad)
    if not rows:
        raise SurveyError(f"{shown_csv}:2: error: no answers below the header row; nothing to import")
    if survey.bad and not request.skip_invalid:
        raise SurveyError(f"{shown_csv}: {len(survey.bad)} bad row(s) of {rows}; nothing was imported. Fix them, "
                          f"or pass --skip-invalid to import the other rows.")
    encoding = _ENCODING_NAMES.get(survey.encoding, survey.encoding)
    delimiter = {"\t": "tab"}.get(survey.delimiter, f"'{survey.delimiter}'")
    out(f"{shown_csv}: {len(survey.answers)} answer(s) in {rows} row(s), {len(survey.bad)} skipped "
        f"(read as {encoding}, delimiter {delimiter}); {ind.label} on {ind.low}..{ind.high}")
    if not survey.answers:
        out("No rows left to import; nothing changed.")
        return 0

    target = _observation_path(options.docs_dir, request.round, journey.id)
    shown = display_path(target)
    original_bytes = target.read_bytes() if target.exists() else None
    if original_bytes is None:
        text = f"{_modeline(options.docs_dir, target)}\ntouchpoints: {{}}\n"
        bom, newline = "", "\n"
    else:
        text = original_bytes.decode("utf-8")  # the project validated: it is UTF-8
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        newline = "\r\n" if "\r\n" in text else "\n"
        text = text[len(bom):].replace("\r\n", "\n")
    rt = _yaml(text)
    try:
        doc = rt.load(text)
    except RuamelYAMLError as failure:
        raise SurveyError(f"error: {shown}: cannot edit this file: {failure}") from None
    before = _dump(rt, doc)
    outcomes, conflicts = apply_survey(doc, survey, ind, journey, request.replace)
    if conflicts:
        raise SurveyError(*conflicts, "Nothing was imported.")
    for outcome in outcomes:
        out(_describe(outcome, ind, journey))
    if all(o.action == "skipped" for o in outcomes):
        out(f"Nothing changed: {shown} already holds these answers.")
        return 0
    after = _dump(rt, doc)
    spliced = splice(text, before, after)
    new_text = spliced if spliced is not None and _same_data(spliced, after) else after
    data = (bom + new_text.replace("\n", newline)).encode("utf-8")

    try:
        _write_atomic(target, data, _file_mode(target))
    except OSError as failure:
        raise SurveyError(f"error: {shown}: cannot write the file: {failure.strerror}; nothing changed") from None
    try:
        _, problems = load_project(read_options(config_file))
    except BaseException:
        _restore(target, original_bytes)
        raise
    if problems:
        _restore(target, original_bytes)
        raise SurveyError(*map(str, problems), f"The import would leave {len(problems)} problem(s); it was undone "
                                               f"and {shown} is as it was.")
    out(f"Wrote {shown}.")
    return 0


def _restore(path: Path, original: bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    else:
        _write_atomic(path, original, _file_mode(path))

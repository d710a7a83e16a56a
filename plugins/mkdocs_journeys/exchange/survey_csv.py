"""Reading survey answers from CSV as spreadsheets and survey tools write it in our users' locales: comma,
semicolon or tab; UTF-8 with or without BOM, Windows-1250 or Windows-1251; scores, dates and comments per row."""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Catalog, Journey, Touchpoint

_DELIMITERS = (",", ";", "\t")
_FALLBACK_ENCODINGS = ("cp1250", "cp1251")
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
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

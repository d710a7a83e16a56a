"""Survey answers from a CSV file into a round's observations: a KPI and feedback entries per touchpoint.

`journeys import survey` is a thin front over `import_survey`. The CSV is read as spreadsheets and survey
tools write it in our users' locales (comma, semicolon or tab; UTF-8 with or without BOM, Windows-1250 or
Windows-1251). Any bad row refuses the whole import unless asked to skip it. The observation file is
edited with ruamel.yaml's round-trip mode and only the changed lines are spliced into the original text,
so comments, quoting and layout stay as they were. After writing, the whole project is validated again;
a problem puts the original bytes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.error import YAMLError as RuamelYAMLError

from ..format.options import OptionError, Options, OptionsReader
from ..format.problems import display_path
from ..format.project import NotFound, find_journey, find_round, load_project
from ..format.staging import StagedWrite, StagingError
from ..layout import OBSERVATION_SUFFIXES, ROUNDS_DIR
from ..locales.plural import count
from ..model import Catalog, Journey
from .survey_csv import ENCODING_NAMES, Columns, SurveyError, SurveyFile, TouchpointMatcher, read_survey
from .survey_kpi import Indicator, Outcome, apply_survey
from .yamledit import dump, modeline, round_trip, same_data, splice


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
            f"{low}..{high}, {count(outcome.comments, 'comment', 'comments')} added")


def import_survey(config_file: Path, request: SurveyRequest, out: Callable[[str], None],
                  err: Callable[[str], None], read_options: OptionsReader) -> int:
    """Run the import; prints a summary to `out` and problems to `err`; returns the exit code."""
    try:
        return _import(config_file, request, out, err, read_options)
    except SurveyError as failure:
        for line in failure.lines:
            err(line)
        return failure.code


def _project(config_file: Path, request: SurveyRequest, read_options: OptionsReader
             ) -> tuple[Options, Catalog, Journey]:
    """The valid project, the journey and the open round the answers go to; SurveyError otherwise."""
    try:
        options = read_options(config_file)
        options.emotion_scale()
    except OptionError as failure:
        raise SurveyError(f"error: {failure}", code=2) from None
    if not options.docs_dir.is_dir():
        raise SurveyError(f"error: {config_file}: docs_dir '{options.docs_dir}' is not a folder", code=2)
    catalog, problems = load_project(options)
    if problems:
        them = "it" if len(problems) == 1 else "them"
        raise SurveyError(*map(str, problems), f"{count(len(problems), 'problem', 'problems')} found. Fix {them} "
                                               f"before importing: "
                                               f"the import validates the project after writing.")
    try:
        journey = find_journey(catalog, request.journey)
        find_round(catalog, request.round)
    except NotFound as missing:
        raise SurveyError(f"error: {missing}") from None
    if catalog.round(request.round).status == "closed":
        raise SurveyError(f"error: --round: round '{request.round}' is closed, and a closed round keeps its "
                          f"history; reopen it first (`journeys round reopen {request.round}`, or status: open "
                          f"in {catalog.round(request.round).source})")
    return options, catalog, journey


def _survey(request: SurveyRequest, catalog: Catalog, journey: Journey, ind: Indicator,
            out: Callable[[str], None], err: Callable[[str], None]) -> SurveyFile:
    """The answers of the CSV file, with its bad rows reported; SurveyError when they stop the import."""
    shown_csv = str(request.file)
    try:
        raw = request.file.read_bytes()
    except OSError as failure:
        raise SurveyError(f"error: {shown_csv}: cannot read the file: {failure.strerror}", code=2) from None
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
        fix = "Fix it" if len(survey.bad) == 1 else "Fix them"
        raise SurveyError(f"{shown_csv}: {count(len(survey.bad), 'bad row', 'bad rows')} of {rows}; nothing was "
                          f"imported. {fix}, or pass --skip-invalid to import the other rows.")
    encoding = ENCODING_NAMES.get(survey.encoding, survey.encoding)
    delimiter = {"\t": "tab"}.get(survey.delimiter, f"'{survey.delimiter}'")
    out(f"{shown_csv}: {count(len(survey.answers), 'answer', 'answers')} in {count(rows, 'row', 'rows')}, "
        f"{len(survey.bad)} skipped "
        f"(read as {encoding}, delimiter {delimiter}); {ind.label} on {ind.low}..{ind.high}")
    return survey


def _import(config_file: Path, request: SurveyRequest, out: Callable[[str], None],
            err: Callable[[str], None], read_options: OptionsReader) -> int:
    ind = Indicator.choose(request.kpi, request.kpi_name, request.scale)
    options, catalog, journey = _project(config_file, request, read_options)
    survey = _survey(request, catalog, journey, ind, out, err)
    if not survey.answers:
        out("No rows left to import; nothing changed.")
        return 0

    target = _observation_path(options.docs_dir, request.round, journey.id)
    shown = display_path(target)
    original_bytes = target.read_bytes() if target.exists() else None
    if original_bytes is None:
        text = f"{modeline(options.docs_dir, target)}\ntouchpoints: {{}}\n"
        bom, newline = "", "\n"
    else:
        text = original_bytes.decode("utf-8")  # the project validated: it is UTF-8
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        newline = "\r\n" if "\r\n" in text else "\n"
        text = text[len(bom):].replace("\r\n", "\n")
    rt = round_trip(text)
    try:
        doc = rt.load(text)
    except RuamelYAMLError as failure:
        raise SurveyError(f"error: {shown}: cannot edit this file: {failure}") from None
    before = dump(rt, doc)
    outcomes, conflicts = apply_survey(doc, survey, ind, journey, request.replace)
    if conflicts:
        raise SurveyError(*conflicts, "Nothing was imported.")
    for outcome in outcomes:
        out(_describe(outcome, ind, journey))
    if all(o.action == "skipped" for o in outcomes):
        out(f"Nothing changed: {shown} already holds these answers.")
        return 0
    after = dump(rt, doc)
    spliced = splice(text, before, after)
    new_text = spliced if spliced is not None and same_data(spliced, after) else after
    data = (bom + new_text.replace("\n", newline)).encode("utf-8")

    staged = StagedWrite(options)
    try:
        staged.replace(target, data)
    except StagingError as failure:
        raise SurveyError(f"error: {failure}", code=failure.code) from None
    problems = staged.commit(before=[])
    if problems:
        raise SurveyError(*map(str, problems), f"The import would leave {count(len(problems), 'problem', 'problems')}"
                                               f"; it was undone and {shown} is as it was.")
    out(f"Wrote {shown}.")
    return 0

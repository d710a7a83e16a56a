"""Mermaid user-journey diagrams: find them in Markdown, read them, write them, and turn them into our model.

Mermaid scores a task from 1 (lowest) to 5 (highest); the site's emotion scale is mapped onto that range linearly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from slugify import slugify

from ..model import Journey, Observation, Scale, Stage, Touchpoint, TouchpointResult

LOWEST, HIGHEST = 1, 5
# Fence openers: ``` or ~~~ (CommonMark) and ::: (some Markdown dialects), with `mermaid` or `journey` as info.
# Any fence opening a block, and one whose info string names a diagram (```mermaid, ```journey, ::: mermaid).
_ANY_FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,}|:{3,})")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,}|:{3,})\s*\{?\s*\.?(?P<info>mermaid|journey)\b[^\n]*$")
_TASK = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?P<score>[^:]*?)\s*(?::\s*(?P<actors>.*?))?\s*$")
# Characters that would end a task name or a directive in Mermaid, and the look-alikes written instead.
_EXPORT_SAFE = str.maketrans({":": "꞉", ";": ",", "#": "＃", "\n": " ", "\r": " ", "%": "％"})


@dataclass
class Task:
    """One task of a diagram: a touchpoint with its score (1..5, None when not scored) and actors."""

    name: str
    score: int | None
    actors: list[str]
    line: int


@dataclass
class Section:
    """A section of a diagram: a stage with its tasks in order."""

    name: str
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Diagram:
    """A parsed `journey` diagram; `line` is where it starts in its file."""

    line: int
    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        """Every task in order."""
        return [task for section in self.sections for task in section.tasks]

    @property
    def actors(self) -> list[str]:
        """Every actor in order of first appearance."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            seen.update(dict.fromkeys(task.actors))
        return list(seen)


@dataclass
class Note:
    """A warning or an error at a line of the source."""

    line: int
    message: str


@dataclass
class Block:
    """Where a diagram sits in a Markdown file: its lines (0-based, end exclusive, fences included)."""

    start: int
    end: int
    body: list[str]
    body_line: int  # 1-based line of the first body line


def find_blocks(text: str, bare: bool = True) -> list[Block]:
    """Every fenced block in a Markdown text that holds a journey diagram, at any indentation (in a list, an
    admonition or a content tab), but not inside another fenced block (a code sample that shows one); with `bare`,
    the whole text when it is one diagram without a fence (a .mmd file)."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        opener = _ANY_FENCE.match(lines[i])
        if not opener:
            i += 1
            continue
        mark = opener["mark"]
        closing = re.compile(rf"^\s*{re.escape(mark[0])}{{{len(mark)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), len(lines))
        body = lines[i + 1:end]
        info = _FENCE.match(lines[i])
        if info and (info["info"] == "journey" or _first_statement(body) == "journey"):
            blocks.append(Block(i, min(end + 1, len(lines)), body, i + 2))
        i = end + 1
    if bare and not blocks and _first_statement(lines) == "journey":
        blocks.append(Block(0, len(lines), lines, 1))
    return blocks


def is_journey(lines: list[str]) -> bool:
    """Whether a Mermaid diagram's text is a `journey` diagram (its first statement, comments aside)."""
    return _first_statement(lines) == "journey"


def _first_statement(lines: list[str]) -> str:
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return stripped.split()[0]
    return ""


def parse(body: list[str], first_line: int) -> tuple[Diagram, list[Note], list[Note]]:
    """Read one diagram; returns it with warnings and errors, each at a 1-based line of the file."""
    diagram = Diagram(first_line)
    warnings: list[Note] = []
    errors: list[Note] = []
    in_descr = False
    descr: list[str] = []
    for offset, raw in enumerate(body):
        number = first_line + offset
        line = raw.strip()
        if in_descr:
            if line.endswith("}"):
                descr.append(line[:-1].strip())
                diagram.acc_descr = " ".join(x for x in descr if x)
                in_descr = False
            else:
                descr.append(line)
            continue
        if not line or line.startswith("%%"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "journey" and not rest.strip():
            continue
        if keyword == "title":
            diagram.title = rest.strip()
        elif keyword.startswith("accTitle"):
            diagram.acc_title = line.split(":", 1)[1].strip() if ":" in line else ""
        elif keyword.startswith("accDescr"):
            if ":" in line and "{" not in line.split(":", 1)[0]:
                diagram.acc_descr = line.split(":", 1)[1].strip()
            elif "{" in line:
                descr = [line.split("{", 1)[1].rstrip("}").strip()]
                in_descr = not line.rstrip().endswith("}")
                if not in_descr:
                    diagram.acc_descr = descr[0]
        elif keyword == "section":
            diagram.sections.append(Section(rest.strip() or f"Section {len(diagram.sections) + 1}"))
        else:
            task = _task(line, number, warnings, errors)
            if task is not None:
                if not diagram.sections:
                    diagram.sections.append(Section(""))  # tasks before the first section
                diagram.sections[-1].tasks.append(task)
    if in_descr:
        errors.append(Note(first_line, "accDescr { ... }: the closing } is missing"))
    if not diagram.tasks and not errors:
        errors.append(Note(first_line, "the journey diagram has no task (expected lines like "
                                       "`Find the form: 3: Anna`)"))
    return diagram, warnings, errors


def _task(line: str, number: int, warnings: list[Note], errors: list[Note]) -> Task | None:
    match = _TASK.match(line)
    if not match:
        errors.append(Note(number, f"expected a task `name: score: actors`, `section name` or `title text`, "
                                   f"found `{line}`"))
        return None
    text = match["score"].strip()
    score: int | None = None
    if text and text.upper() != "X":
        try:
            value = float(text)
        except ValueError:
            errors.append(Note(number, f"task '{match['name']}': expected a score from {LOWEST} to {HIGHEST}, "
                                       f"X or nothing, found `{text}`"))
            return None
        score = round(value)
        if score != value:
            warnings.append(Note(number, f"task '{match['name']}': score {text} rounded to {score}"))
        if not LOWEST <= score <= HIGHEST:
            clamped = min(max(score, LOWEST), HIGHEST)
            warnings.append(Note(number, f"task '{match['name']}': score {text} is outside {LOWEST}..{HIGHEST}; "
                                         f"clamped to {clamped}"))
            score = clamped
    actors = [a.strip() for a in (match["actors"] or "").split(",") if a.strip()]
    return Task(match["name"].strip(), score, actors, number)


def to_scale(score: int | None, scale: Scale) -> int | None:
    """A Mermaid score (1..5) on the site's emotion scale."""
    if score is None:
        return None
    low, high = scale.points[0].value, scale.points[-1].value
    return low + round((score - LOWEST) * (high - low) / (HIGHEST - LOWEST))


def from_scale(value: int | None, scale: Scale) -> int | None:
    """An emotion of the site's scale as a Mermaid score (1..5)."""
    if value is None:
        return None
    low, high = scale.points[0].value, scale.points[-1].value
    return LOWEST + round((value - low) * (HIGHEST - LOWEST) / (high - low))


def make_id(text: str, taken: set[str], fallback: str) -> str:
    """A valid id from a title, transliterated to Latin letters, unique among `taken`."""
    base = slugify(text, max_length=60, word_boundary=True) or fallback
    if not base[0].isalnum():
        base = fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def to_model(diagram: Diagram, journey_id: str, scale: Scale, persona_ids: dict[str, str],
             default_stage: str = "Journey") -> tuple[Journey, Observation]:
    """The diagram as a journey and the round's observation; `persona_ids` maps actor names to persona ids."""
    stage_ids: set[str] = set()
    tp_ids: set[str] = set()
    stages, touchpoints, results = [], [], {}
    for section in diagram.sections:
        title = section.name or diagram.title or default_stage
        stage = Stage(make_id(title, stage_ids, "stage"), title)
        stages.append(stage)
        for task in section.tasks:
            tp = Touchpoint(make_id(task.name, tp_ids, "touchpoint"), task.name, stage.id)
            touchpoints.append(tp)
            results[tp.id] = TouchpointResult(emotion=to_scale(task.score, scale))
    personas = list(dict.fromkeys(persona_ids[a] for a in diagram.actors if a in persona_ids))
    title = diagram.title or diagram.acc_title or journey_id
    journey = Journey(id=journey_id, title=title, service=title, source="", personas=personas, stages=stages,
                      touchpoints=touchpoints)
    return journey, Observation(journey=journey_id, round="", source="", results=results)


def _safe(text: str) -> str:
    return " ".join(text.translate(_EXPORT_SAFE).split())


def export(journey: Journey, observation: Observation | None, scale: Scale, actor_names: dict[str, str]) -> str:
    """The journey as a Mermaid `journey` diagram; touchpoints without a score get `X`. Characters that would
    break the diagram (`:` `;` `#` `%` and line breaks) are written as look-alikes."""
    lines = ["journey", f"  title {_safe(journey.title)}"]
    everyone = [actor_names[p] for p in journey.personas if p in actor_names]
    for stage in journey.stages:
        lines.append(f"  section {_safe(stage.title)}")
        for tp in journey.touchpoints_of(stage.id):
            result = observation.result(tp.id) if observation else None
            score = from_scale(result.emotion if result else None, scale)
            scored = [actor_names[p] for p in (result.emotions if result else {}) if p in actor_names]
            actors = ", ".join(_safe(a).replace(",", " ") for a in (scored or everyone))
            shown = "X" if score is None else str(score)
            lines.append(f"    {_safe(tp.title)}: {shown}" + (f": {actors}" if actors else ""))
    return "\n".join(lines) + "\n"

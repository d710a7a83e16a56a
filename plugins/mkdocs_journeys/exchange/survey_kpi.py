"""A survey's answers as a KPI and feedback entries of a touchpoint, applied to an observation file's YAML."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from ..locales import plural
from ..model import KPI_SCALES, Journey
from .survey_csv import Answer, SurveyError, SurveyFile

KINDS = ("csat", "nps", "ces", "custom")
DEFAULT_NAME = "survey"


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


# What the import does at one touchpoint: the touchpoint, the KPI it extends or replaces and its index, the outcome.
_Step = tuple[str, Any, int | None, Outcome]


def _plan(doc: CommentedMap, survey: SurveyFile, ind: Indicator, order: list[str], touchpoints: list[str],
          replace: bool) -> tuple[list[_Step], list[str]]:
    """What to do at each touchpoint, and the conflicts that stop the whole import."""
    steps: list[_Step] = []
    conflicts: list[str] = []
    existing_tps = doc.get("touchpoints") or {}
    for tp_id in sorted(touchpoints, key=order.index):
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
            steps.append((tp_id, None, None, Outcome(tp_id, "skipped", detail=(
                f"{survey.name} (sha256 {survey.sha256[:12]}...) was already imported here as {as_}"))))
            continue
        if target is not None and not replace and ind.counts_of(kpis[target]) is None:
            conflicts.append(
                f"error: touchpoint '{tp_id}' already has a {ind.label} KPI that cannot take these answers (it has "
                f"no distribution, or another scale than {ind.low}-{ind.high}); pass --replace to replace it, or "
                f"--kpi-name NAME to keep both")
            continue
        action = "added" if target is None else ("replaced" if replace else "merged")
        steps.append((tp_id, kpis[target] if target is not None else None, target, Outcome(tp_id, action)))
    return steps, conflicts


def _merge(old: Any, ind: Indicator, counts: dict[int, int], source: CommentedMap, outcome: Outcome
           ) -> dict[int, int]:
    """Add the answers to a KPI that has a distribution on the same scale; the merged counts."""
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
    outcome.detail = f"with {plural.count(len(old['sources']) - 1, 'earlier file', 'earlier files')}"
    return total


def _replace(entry: Any, kpis: Any, index: int | None, old: Any, ind: Indicator, counts: dict[int, int],
             source: CommentedMap, outcome: Outcome) -> None:
    """Put a new KPI in the old one's place and drop the comments the old one's files brought."""
    replaced = {s.get("file") for s in old.get("sources") or [] if isinstance(s, dict)}
    feedback = entry.get("feedback") or []
    removed = [i for i, fb in enumerate(feedback) if isinstance(fb, dict) and fb.get("source") in replaced]
    for i in reversed(removed):
        del feedback[i]
    kpis[index] = _new_kpi(ind, counts, source)
    files = ", ".join(sorted(map(str, replaced))) or "no file"
    outcome.detail = f"{plural.count(len(removed), 'comment', 'comments')} of {files} removed"


def _entry(doc: CommentedMap, tp_id: str, order: list[str]) -> Any:
    """The touchpoint's mapping in the observation, added in journey order when missing."""
    tps = _ensure(doc, "touchpoints")
    if tp_id not in tps:
        later = [i for i, key in enumerate(tps) if key in order and order.index(key) > order.index(tp_id)]
        tps.insert(later[0] if later else len(tps), tp_id, CommentedMap())
    return _ensure(tps, tp_id)


def apply_survey(doc: CommentedMap, survey: SurveyFile, ind: Indicator, journey: Journey,
                 replace: bool) -> tuple[list[Outcome], list[str]]:
    """Write the survey into an observation document; returns what happened and conflicts (nothing applied)."""
    by_tp: dict[str, list[Answer]] = {}
    for answer in survey.answers:
        by_tp.setdefault(answer.touchpoint, []).append(answer)
    order = [tp.id for tp in journey.touchpoints]
    steps, conflicts = _plan(doc, survey, ind, order, list(by_tp), replace)
    if conflicts:
        return [], conflicts
    outcomes = []
    for tp_id, old, index, outcome in steps:
        outcomes.append(outcome)
        if outcome.action == "skipped":
            continue
        answers = by_tp[tp_id]
        counts = dict(Counter(a.score for a in answers))
        source = _flow({"file": _text(survey.name), "sha256": _text(survey.sha256), "n": len(answers)})
        entry = _entry(doc, tp_id, order)
        kpis = _ensure(entry, "kpis")
        if outcome.action == "merged":
            counts = _merge(old, ind, counts, source, outcome)
        elif outcome.action == "replaced":
            _replace(entry, kpis, index, old, ind, counts, source, outcome)
        else:
            kpis.append(_new_kpi(ind, counts, source))
        comments = [a for a in answers if a.comment]
        if comments:
            _ensure(entry, "feedback").extend(_feedback(a, survey.name) for a in comments)
        elif "feedback" in entry and not entry["feedback"]:
            del entry["feedback"]
        outcome.n, outcome.value, outcome.comments = sum(counts.values()), ind.value(counts), len(comments)
    return outcomes, []

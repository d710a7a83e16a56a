"""The change summary of `journeys diff` as Markdown for a pull-request comment."""

from __future__ import annotations

import re
from typing import Any

from ..format.problems import visible
from ..locales.plural import count
from .diff import changed

MAX_TEXT = 160
# GitHub refuses comments over 65,536 characters; a longer summary is cut at a line and says so.
MAX_COMMENT = 60_000
# Characters that Markdown would read as markup in the middle of a line or a table cell (values never start a
# line here); < > & become entities, so no HTML gets through.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SCALAR = (str, int, float, bool, type(None))
# An item whose file fails validation at HEAD is not read, so it cannot be compared; it is not gone either.
INVALID = "not compared, its file has problems (see Validation)"


def text(value: Any) -> str:
    """A contributor's value as inert Markdown: one line, shortened, markup characters escaped, HTML as entities."""
    if value is None or value == "":
        return "—"
    shown = visible(" ".join(str(value).split()))
    if len(shown) > MAX_TEXT:
        shown = shown[:MAX_TEXT - 1] + "…"
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", shown)


def code(value: Any, cell: bool = False) -> str:
    """Ids, paths and revisions as a code span: nothing inside is markup and a backtick cannot end it early; in a
    table cell a `|` is escaped, since tables split cells before they read code spans."""
    shown = visible(" ".join(str(value).split())).replace("`", "'")
    return "`" + (shown.replace("|", "\\|") if cell else shown) + "`"


def _pair(pair: list[Any]) -> str:
    return f"{text(pair[0])} → {text(pair[1])}"


def _label(item: Any) -> str:
    return code(item["id"]) if isinstance(item, dict) and "id" in item else text(item)


def _field(key: str, old: Any, new: Any) -> str:
    """One changed field: old → new for a value, the items added and removed for a list."""
    if isinstance(old, _SCALAR) and isinstance(new, _SCALAR):
        return f"{code(key)}: {_pair([old, new])}"
    if isinstance(old, list) and isinstance(new, list):
        added = [_label(i) for i in new if i not in old]
        removed = [_label(i) for i in old if i not in new]
        edited = [a for a in added if a in removed]
        parts = [f"+{a}" for a in added if a not in edited] + [f"−{r}" for r in removed if r not in edited]
        parts += [f"{e} edited" for e in edited]
        return f"{code(key)}: {', '.join(parts) or 'new order'}"
    if key == "votes" and isinstance(old, dict) and isinstance(new, dict):
        return (f"votes: quick win {old.get('quick_win')} → {new.get('quick_win')}, important {old.get('important')}"
                f" → {new.get('important')}")
    return code(key)


def _touchpoints(detail: dict[str, Any]) -> str:
    tps = [f"+{code(t)}" for t in detail["added"]] + [f"−{code(t)}" for t in detail["removed"]]
    tps += [f"{code(t)} ({'; '.join(_field(k, *v) for k, v in fields.items())})"
            for t, fields in detail["changed"].items()]
    tps += [f"{code(t)} moved" for t in detail.get("moved", [])]
    return f"touchpoints: {', '.join(tps)}"


def _group(lines: list[str], title: str, group: dict[str, Any], names: dict[str, str] | None = None) -> None:
    if not any(group.values()):
        return
    lines.append(f"### {title}\n")

    def name(item_id: str) -> str:
        return f"{code(item_id)} ({text(names[item_id])})" if names and item_id in names else code(item_id)

    lines += [f"- added: {name(i)}" for i in group["added"]]
    lines += [f"- removed: {name(i)}" for i in group["removed"]]
    lines += [f"- {INVALID}: {name(i)}" for i in group.get("invalid", [])]
    for item, fields in group["changed"].items():
        parts = [_touchpoints(v) if k == "touchpoints" and isinstance(v, dict) else _field(k, *v)
                 for k, v in fields.items()]
        lines.append(f"- changed: {name(item)}: " + "; ".join(parts))
    lines.append("")


def _kpi(value: dict[str, Any] | None) -> str:
    if value is None:
        return "—"
    extra = f" (n={value['n']})" if value.get("n") is not None else ""
    target = f", target {value['target']:g}" if value.get("target") is not None else ""
    return f"{value['value']:g}{extra}{target}"


def _entry(entry: dict[str, Any]) -> str:
    """A public feedback entry; an edited one with what changed, old → new."""
    edits = entry.get("changes", {})
    shown = "; ".join(_field(k, *v) for k, v in edits.items()) if "text" in edits else text(entry["text"])
    if edits and "text" not in edits:
        shown += " (" + "; ".join(_field(k, *v) for k, v in edits.items()) + ")"
    return f"{text(entry['method'])}, {text(entry['date'])}: {shown}"


def _feedback_rows(cell: str, feedback: dict[str, list[dict[str, Any]]]) -> list[str]:
    rows = []
    for verb in ("added", "removed", "changed"):
        entries = feedback.get(verb, [])
        for entry in (e for e in entries if not e.get("private")):
            rows.append(f"| {cell} | feedback {verb} | {_entry(entry)} |")
        private = sum(1 for e in entries if e.get("private"))
        if private:
            rows.append(f"| {cell} | feedback {verb} | {private} private entr{'y' if private == 1 else 'ies'} "
                        f"(not shown) |")
    return rows


def _touchpoint_rows(tp: str, change: dict[str, Any]) -> list[str]:
    cell = code(tp, cell=True)
    rows = []
    if "emotion" in change:
        rows.append(f"| {cell} | score | {_pair(change['emotion'])} |")
    for persona, pair in change.get("persona_emotions", {}).items():
        rows.append(f"| {cell} | score of {code(persona, cell=True)} | {_pair(pair)} |")
    for kpi, pair in change.get("kpis", {}).items():
        kind, _, name = kpi.partition(":")  # a custom KPI's name is free text, not an id
        label = f"KPI {code(kind, cell=True)}" + (f" {text(name)}" if name else "")
        rows.append(f"| {cell} | {label} | {_kpi(pair[0])} → {_kpi(pair[1])} |")
    if "notes" in change:
        rows.append(f"| {cell} | notes | {_pair(change['notes'])} |")
    for key, label in (("works", "what works"), ("change", "must change")):
        for verb in ("added", "removed"):
            rows += [f"| {cell} | {label} {verb} | {text(item)} |" for item in change.get(key, {}).get(verb, [])]
    return rows + _feedback_rows(cell, change.get("feedback", {}))


def _observations(lines: list[str], summary: dict[str, Any]) -> None:
    titles = summary["journey_titles"]
    lines.append("### Observations\n")
    for key, found in summary["observations"].items():
        round_id, journey = key.split("/", 1)
        title = f" ({text(titles[journey])})" if journey in titles else ""
        status = INVALID if found["status"] == "invalid" else found["status"]
        lines.append(f"#### {code(journey)}{title} in round {code(round_id)}: {status}")
        for field_name in ("summary", "service_stage"):
            if field_name in found:
                lines.append(f"- {field_name.replace('_', ' ')}: {_pair(found[field_name])}")
        rows = [row for tp, change in found.get("touchpoints", {}).items() for row in _touchpoint_rows(tp, change)]
        if rows:
            lines += ["", "| touchpoint | what | old → new |", "| --- | --- | --- |", *rows]
        lines.append("")


def _opportunities(lines: list[str], opportunities: dict[str, Any]) -> None:
    lines.append("### Opportunities\n")
    for journey, detail in opportunities.items():
        for item in detail["added"]:
            votes = item["votes"]
            owner = f", owner {text(item['owner'])}" if item["owner"] else ""
            lines.append(f"- {code(journey)}: added {code(item['id'])} at {code(item['touchpoint'])}: "
                         f"{text(item['idea'])} ({text(item['status'])}, votes: quick win {votes['quick_win']}, "
                         f"important {votes['important']}{owner})")
        lines += [f"- {code(journey)}: removed {code(i)}" for i in detail["removed"]]
        lines += [f"- {code(journey)}: {INVALID} {code(i)}" for i in detail.get("invalid", [])]
        for item, fields in detail["changed"].items():
            lines.append(f"- {code(journey)}: changed {code(item)}: "
                         + "; ".join(_field(k, *v) for k, v in fields.items()))
    lines.append("")


def _validation(lines: list[str], summary: dict[str, Any]) -> None:
    problems, head, base = summary["problems"], code(summary["head"]), code(summary["base"])
    lines.append("### Validation\n")
    if not problems["head"]:
        lines.append(f"No problem found at {head}"
                     + (f" ({problems['base_count']} at {base})." if problems["base_count"] else "."))
        return
    new = sum(1 for p in problems["head"] if not p["at_base"])
    lines.append(f"{count(len(problems['head']), 'problem', 'problems')} at {head}, {new} of them new "
                 f"({problems['base_count']} at {base}):\n")
    lines += [f"- {code(p['path'])}:{p['line']}:{p['col']}: {text(p['message'])}"
              f"{' (also at ' + base + ')' if p['at_base'] else ''}" for p in problems["head"]]


def _cut(lines: list[str]) -> str:
    out: list[str] = []
    size = 0
    for line in lines:
        size += len(line) + 1
        if size > MAX_COMMENT:
            out.append(f"\n… {count(len(lines) - len(out), 'more line', 'more lines')} left out to fit a comment; "
                       f"`journeys diff --format json` gives everything.")
            break
        out.append(line)
    return "\n".join(out) + "\n"


def markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown for a pull-request comment."""
    lines = [f"## Journey changes: {code(summary['base'])} → {code(summary['head'])}\n"]
    if not changed(summary):
        lines.append("No change to journeys, personas, rounds, observations or opportunities.\n")
    _group(lines, "Journeys", summary["journeys"], summary["journey_titles"])
    _group(lines, "Personas", summary["personas"])
    _group(lines, "Rounds", summary["rounds"])
    if summary["observations"]:
        _observations(lines, summary)
    if summary["opportunities"]:
        _opportunities(lines, summary["opportunities"])
    _validation(lines, summary)
    return _cut(lines)

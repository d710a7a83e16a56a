"""The change summary of `journeys diff` as Markdown for a pull-request comment."""

from __future__ import annotations

import re
from typing import Any

from .diff import is_empty

MAX_TEXT = 160
# Characters that Markdown would read as markup in the middle of a line or a table cell (values never start a
# line here); < > & become entities, so no HTML gets through.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def text(value: Any) -> str:
    """A contributor's value as inert Markdown: one line, shortened, markup characters escaped, HTML as entities."""
    if value is None or value == "":
        return "—"
    shown = " ".join(str(value).split())
    if len(shown) > MAX_TEXT:
        shown = shown[:MAX_TEXT - 1] + "…"
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", shown)


def _code(value: str) -> str:
    """Ids, paths and revisions as code: nothing inside a code span is markup; a backtick cannot end it early."""
    return "`" + " ".join(str(value).split()).replace("`", "'") + "`"


def _pair(pair: list[Any]) -> str:
    return f"{text(pair[0])} → {text(pair[1])}"


def _kpi(value: dict[str, Any] | None) -> str:
    if value is None:
        return "—"
    extra = f" (n={value['n']})" if value.get("n") is not None else ""
    return f"{value['value']:g}{extra}"


def _group(lines: list[str], title: str, group: dict[str, Any], names: dict[str, str] | None = None) -> None:
    if not (group["added"] or group["removed"] or group["changed"]):
        return
    lines.append(f"### {title}\n")

    def name(item_id: str) -> str:
        return f"{_code(item_id)} ({text(names[item_id])})" if names and item_id in names else _code(item_id)

    lines += [f"- added: {name(i)}" for i in group["added"]]
    lines += [f"- removed: {name(i)}" for i in group["removed"]]
    for item, fields in group["changed"].items():
        parts = []
        for key, value in fields.items():
            if key == "touchpoints" and isinstance(value, dict):
                tps = [f"+{_code(t)}" for t in value["added"]] + [f"−{_code(t)}" for t in value["removed"]]
                tps += [f"{_code(t)} ({', '.join(_code(f) for f in f_)})" for t, f_ in value["changed"].items()]
                if value.get("reordered"):
                    tps.append("new order")
                parts.append(f"touchpoints: {', '.join(tps)}")
            elif isinstance(value[0], str | int | float | type(None)) and isinstance(value[1], str | int | float |
                                                                                     type(None)):
                parts.append(f"{_code(key)}: {_pair(value)}")
            else:
                parts.append(_code(key))
        lines.append(f"- changed: {name(item)}: " + "; ".join(parts))
    lines.append("")


def _touchpoint_rows(tp: str, change: dict[str, Any]) -> list[str]:
    rows = []
    if "emotion" in change:
        rows.append(f"| {_code(tp)} | score | {_pair(change['emotion'])} |")
    for persona, pair in change.get("persona_emotions", {}).items():
        rows.append(f"| {_code(tp)} | score of {_code(persona)} | {_pair(pair)} |")
    for kpi, pair in change.get("kpis", {}).items():
        rows.append(f"| {_code(tp)} | KPI {_code(kpi)} | {_kpi(pair[0])} → {_kpi(pair[1])} |")
    if "notes" in change:
        rows.append(f"| {_code(tp)} | notes | {_pair(change['notes'])} |")
    for key, label in (("works", "what works"), ("change", "must change")):
        for item in change.get(key, {}).get("added", []):
            rows.append(f"| {_code(tp)} | {label} added | {text(item)} |")
        for item in change.get(key, {}).get("removed", []):
            rows.append(f"| {_code(tp)} | {label} removed | {text(item)} |")
    for verb in ("added", "removed"):
        entries = change.get("feedback", {}).get(verb, [])
        private = sum(1 for e in entries if e.get("private"))
        for entry in entries:
            if not entry.get("private"):
                rows.append(f"| {_code(tp)} | feedback {verb} | {text(entry['method'])}, {text(entry['date'])}: "
                            f"{text(entry['text'])} |")
        if private:
            rows.append(f"| {_code(tp)} | feedback {verb} | {private} private entr{'y' if private == 1 else 'ies'} "
                        f"(not shown) |")
    return rows


def markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown for a pull-request comment."""
    lines = [f"## Journey changes: {_code(summary['base'])} → {_code(summary['head'])}\n"]
    if is_empty(summary):
        lines.append("No change to journeys, personas, rounds, observations or opportunities, and no problem found.")
        return "\n".join(lines) + "\n"
    titles = summary["journey_titles"]
    _group(lines, "Journeys", summary["journeys"], titles)
    _group(lines, "Personas", summary["personas"])
    _group(lines, "Rounds", summary["rounds"])
    if summary["observations"]:
        lines.append("### Observations\n")
        for key, found in summary["observations"].items():
            round_id, journey = key.split("/", 1)
            title = f" ({text(titles[journey])})" if journey in titles else ""
            lines.append(f"#### {_code(journey)}{title} in round {_code(round_id)}: {found['status']}")
            for field_name in ("summary", "service_stage"):
                if field_name in found:
                    lines.append(f"- {field_name.replace('_', ' ')}: {_pair(found[field_name])}")
            rows = [row for tp, change in found.get("touchpoints", {}).items() for row in _touchpoint_rows(tp, change)]
            if rows:
                lines += ["", "| touchpoint | what | old → new |", "| --- | --- | --- |", *rows]
            lines.append("")
    if summary["opportunities"]:
        lines.append("### Opportunities\n")
        for journey, detail in summary["opportunities"].items():
            lines += [f"- {_code(journey)}: added {_code(i)}" for i in detail["added"]]
            lines += [f"- {_code(journey)}: removed {_code(i)}" for i in detail["removed"]]
            for item, fields in detail["changed"].items():
                parts = [f"{_code(k)}: {_pair(v)}" if k != "votes" else
                         f"votes: quick win {v[0]['quick_win']} → {v[1]['quick_win']}, important "
                         f"{v[0]['important']} → {v[1]['important']}" for k, v in fields.items()]
                lines.append(f"- {_code(journey)}: changed {_code(item)}: " + "; ".join(parts))
        lines.append("")
    problems = summary["problems"]
    lines.append("### Validation\n")
    if problems["head"]:
        lines.append(f"{len(problems['head'])} problem(s) at {_code(summary['head'])} "
                     f"({problems['base_count']} at {_code(summary['base'])}):\n")
        lines += [f"- {_code(p['path'])}:{p['line']}:{p['col']}: {text(p['message'])}" for p in problems["head"]]
    else:
        lines.append(f"No problem found at {_code(summary['head'])}"
                     + (f" (there were {problems['base_count']} at {_code(summary['base'])})."
                        if problems["base_count"] else "."))
    return "\n".join(lines) + "\n"

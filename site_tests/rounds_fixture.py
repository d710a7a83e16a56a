"""A fixture repository with three rounds and two journeys, for the tests of rounds side by side.

Laptop request: `approval` is retired in r3, `chat` exists since r2. Scores per round (r1, r2, r3):

    laptop  form      -1  +1  +1        museum  ticket   0  +2  +1
            approval  -2  -1   .                entry   +1  +1  -1
            chat       .   0  +2                exhibit +1  -1  +1
            handover  +2  +1  -1

Round titles are "Round 1" .. "Round 3".
"""

from __future__ import annotations

from pathlib import Path

from conftest import PERSONA, ROUND, FixtureSite

LAPTOP = """\
---
title: Laptop request
service: IT service desk
personas: [anna]
stages:
  - {id: ask, title: Ask}
  - {id: receive, title: Receive}
touchpoints:
  - {id: form, title: Request form, stage: ask}
  - {id: approval, title: Manager approval, stage: ask, retired: r3}
  - {id: chat, title: Live chat, stage: ask, since: r2}
  - {id: handover, title: Handover, stage: receive}
---
"""

MUSEUM = """\
---
title: Museum visit
service: City museum
personas: [anna]
stages:
  - {id: before, title: Before}
  - {id: during, title: During}
touchpoints:
  - {id: ticket, title: Ticket, stage: before}
  - {id: entry, title: Entry, stage: during}
  - {id: exhibit, title: Exhibit, stage: during}
---
"""

LAPTOP_SCORES = {
    "r1": {"form": (-1, "Hard to find"), "approval": (-2, "Waited a week"), "handover": (2, "")},
    "r2": {"form": (1, "New portal form"), "approval": (-1, "Reminder helps"), "chat": (0, "Pilot only"),
           "handover": (1, "")},
    "r3": {"form": (1, ""), "chat": (2, "Chat answers fast"), "handover": (-1, "Handover slot missed")},
}
MUSEUM_SCORES = {
    "r1": {"ticket": (0, ""), "entry": (1, ""), "exhibit": (1, "")},
    "r2": {"ticket": (2, "Online tickets"), "entry": (1, ""), "exhibit": (-1, "Closed rooms")},
    "r3": {"ticket": (1, ""), "entry": (-1, "Queue at the door"), "exhibit": (1, "")},
}


def observation(scores: dict[str, tuple[int, str]], summary: str = "") -> str:
    """An observation file with these (emotion, notes) per touchpoint."""
    lines = [f"summary: {summary}"] if summary else []
    lines.append("touchpoints:")
    for tp, (emotion, notes) in scores.items():
        lines.append(f"  {tp}: {{emotion: {emotion}" + (f", notes: {notes}" if notes else "") + "}")
    return "\n".join(lines) + "\n"


def three_rounds(root: Path, round_id: str | None = None) -> FixtureSite:
    """The fixture repository, showing `round_id` (the newest when None)."""
    options = f":\n      round: {round_id}" if round_id else ""
    site = FixtureSite(root, plugin_options=options)
    site.write("personas/anna.md", PERSONA)
    site.write("journeys/laptop.md", LAPTOP)
    site.write("journeys/museum.md", MUSEUM)
    for n in (1, 2, 3):
        site.write(f"rounds/r{n}/index.md", ROUND.format(n=n, status="closed" if n < 3 else "open"))
        site.write(f"rounds/r{n}/laptop.yml", observation(LAPTOP_SCORES[f"r{n}"], f"Laptop summary {n}"))
        site.write(f"rounds/r{n}/museum.yml", observation(MUSEUM_SCORES[f"r{n}"]))
    return site

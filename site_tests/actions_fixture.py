"""A fixture repository with findings and opportunities, for the tests of feedback, action plans and privacy.

Two personas (anna, bob) travel the laptop journey; anna alone the museum journey. Rounds r1, r2 (closed) and r3
(open). Laptop scores (r1, r2, r3): form -1 +1 +1, approval -2 -1 +1, handover +2 +1 +2; museum: ticket 0 +1 +1,
entry +1 -1 +2, exhibit +1 +1 +1.

Opportunities and the action plan of r3 (votes quick win / important, total):

    1  museum/m1  ticket    6/1 = 7  quick win
    2  laptop/a   form      5/1 = 6  quick win (laptop before museum, form before handover)
    3  laptop/c   handover  3/3 = 6  quick win (as many quick-win votes as important ones)
    4  laptop/b   approval  2/6 = 8  important, done in r2 (found in r1)
    5  museum/m2  entry     1/4 = 5  important, done in r3 (found in r2): in progress in the site of r2
    6  laptop/e   form      0/2 = 2  important, found in r3: absent from the site of r2
    7  laptop/d   handover  0/0      not voted yet
"""

from __future__ import annotations

from pathlib import Path

from conftest import PERSONA, ROUND, FixtureSite
from rounds_fixture import MUSEUM

PRIVATE = "PRIVATE-NOTE-7f3a9c: the caller named a colleague"

BOB = """\
---
name: Bob Sample
role: Intern
---
"""

LAPTOP = """\
---
title: Laptop request
service: IT service desk
personas: [anna, bob]
stages:
  - {id: ask, title: Ask}
  - {id: receive, title: Receive}
touchpoints:
  - {id: form, title: Request form, stage: ask}
  - {id: approval, title: Manager approval, stage: ask}
  - {id: handover, title: Handover, stage: receive}
---
"""

LAPTOP_R1 = """\
touchpoints:
  form: {emotion: -1}
  approval:
    emotion: -2
    kpis: [{kind: csat, value: 2.8, n: 40, target: 4}]
  handover: {emotion: 2}
"""

LAPTOP_R2 = """\
touchpoints:
  form: {emotion: 1}
  approval: {emotion: -1}
  handover: {emotion: 1}
"""

LAPTOP_R3 = f"""\
summary: Findings of the third round.
service_stage: growth
photos:
  - {{file: board.svg, caption: The board in week 3}}
touchpoints:
  form:
    emotion: 1
    emotions: {{anna: 2, bob: 0}}
    works: [Fields are prefilled]
    change: [Too many mandatory fields]
    feedback:
      - {{method: interview, text: Interview finding about the form, evidence: assumed, persona: bob}}
      - {{method: observation, date: '2026-03-02', text: First observation at the form, persona: anna}}
      - {{method: observation, text: Second observation at the form}}
      - {{method: survey, text: '{PRIVATE}', private: true}}
  approval:
    emotion: 1
    emotions: {{anna: 1, bob: -2}}
    kpis: [{{kind: csat, value: 4.2, n: 55, target: 4}}]
    feedback:
      - {{method: survey, text: Managers approve within a day now}}
  handover:
    emotion: 2
    kpis:
      - {{kind: nps, value: 35, n: 80, target: 40}}
      - {{kind: custom, name: Minutes waited, value: 12, min: 60, max: 0, target: 15}}
"""

MUSEUM_SCORES = {"r1": (0, 1, 1), "r2": (1, -1, 1), "r3": (1, 2, 1)}

OPPORTUNITIES_LAPTOP = """\
opportunities:
  - {id: a, touchpoint: form, pain_point: Form too long, idea: Prefill the form, votes: {quick_win: 5, important: 1},
     effort: 1, impact: 4, owner: Service desk, status: planned, due: '2026-09-30', found_in: r1}
  - {id: b, touchpoint: approval, pain_point: Approval takes a week, idea: Remind managers after a day,
     to_be: Approved within a day, votes: {quick_win: 2, important: 6}, effort: 2, impact: 5, owner: Procurement,
     status: done, found_in: r1, done_in: r2}
  - {id: c, touchpoint: handover, pain_point: No slot offered, idea: Offer two handover slots,
     votes: {quick_win: 3, important: 3}, effort: 1, impact: 4, status: in-progress, found_in: r2}
  - {id: d, touchpoint: handover, pain_point: Old laptop left behind, idea: Collect the old laptop, found_in: r2}
  - {id: e, touchpoint: form, pain_point: Nobody knows the portal, idea: Link the portal in the intranet,
     votes: {important: 2}, effort: 4, impact: 2, found_in: r3}
"""

OPPORTUNITIES_MUSEUM = """\
opportunities:
  - {id: m1, touchpoint: ticket, pain_point: Payment fails on phones, idea: New payment provider,
     votes: {quick_win: 6, important: 1}, effort: 4, impact: 5, found_in: r1}
  - {id: m2, touchpoint: entry, pain_point: Scanners are slow, idea: Replace the scanners,
     votes: {quick_win: 1, important: 4}, effort: 5, impact: 3, status: done, found_in: r2, done_in: r3}
"""

BOARD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>\n'


def museum(round_id: str) -> str:
    """The museum's observation file of a round."""
    ticket, entry, exhibit = MUSEUM_SCORES[round_id]
    return f"touchpoints:\n  ticket: {{emotion: {ticket}}}\n  entry: {{emotion: {entry}}}\n" \
           f"  exhibit: {{emotion: {exhibit}}}\n"


def actions_site(root: Path, round_id: str | None = None, language: str = "en") -> FixtureSite:
    """The fixture repository, showing `round_id` (the newest when None)."""
    site = FixtureSite(root, language=language, plugin_options=f":\n      round: {round_id}" if round_id else "")
    site.write("personas/anna.md", PERSONA)
    site.write("personas/bob.md", BOB)
    site.write("journeys/laptop.md", LAPTOP)
    site.write("journeys/museum.md", MUSEUM)
    for n, laptop in ((1, LAPTOP_R1), (2, LAPTOP_R2), (3, LAPTOP_R3)):
        site.write(f"rounds/r{n}/index.md", ROUND.format(n=n, status="closed" if n < 3 else "open"))
        site.write(f"rounds/r{n}/laptop.yml", laptop)
        site.write(f"rounds/r{n}/museum.yml", museum(f"r{n}"))
    site.write("rounds/r3/board.svg", BOARD_SVG)
    site.write("opportunities/laptop.yml", OPPORTUNITIES_LAPTOP)
    site.write("opportunities/museum.yml", OPPORTUNITIES_MUSEUM)
    return site

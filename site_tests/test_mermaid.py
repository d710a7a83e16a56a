"""Mermaid journey diagrams: `journeys import mermaid`, `journeys export mermaid`, and ```journey blocks in pages."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PAYLOAD, FixtureSite, assert_escaped
from mkdocs_journeys.format.mermaid import find_blocks, from_scale, parse, to_scale
from mkdocs_journeys.model import Scale, ScalePoint

DEFAULT = Scale(tuple(ScalePoint(v, str(v)) for v in range(-2, 3)))

REAL_WORLD = """\
# Our clinic

Some text first.

```mermaid
%% drawn in the workshop
journey
    accTitle: Визит в поликлинику
    accDescr {
      Как пациент проходит
      приём
    }
    title   Визит в поликлинику
    Записаться онлайн: 3: Ольга Иванова
    section Приём
      Регистратура  :  1 : Ольга Иванова, Медсестра
      Ожидание: X
\tОплата:
      Врач: 7: Ольга Иванова
```

::: mermaid
journey
  title Second one
  section Éjszakai ügyelet
    Érkezés: 5
:::
"""


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_parser_reads_what_real_diagrams_contain() -> None:
    blocks = find_blocks(REAL_WORLD)
    assert [b.body_line for b in blocks] == [6, 23]
    diagram, warnings, errors = parse(blocks[0].body, blocks[0].body_line)
    assert errors == []
    assert diagram.title == "Визит в поликлинику" and diagram.acc_title == "Визит в поликлинику"
    assert diagram.acc_descr == "Как пациент проходит приём"
    assert [s.name for s in diagram.sections] == ["", "Приём"]  # a task before the first section
    assert [(t.name, t.score, t.actors, t.line) for t in diagram.tasks] == [
        ("Записаться онлайн", 3, ["Ольга Иванова"], 14),
        ("Регистратура", 1, ["Ольга Иванова", "Медсестра"], 16),
        ("Ожидание", None, [], 17),
        ("Оплата", None, [], 18),
        ("Врач", 5, ["Ольга Иванова"], 19),
    ]
    assert [(w.line, w.message) for w in warnings] == [(19, "task 'Врач': score 7 is outside 1..5; clamped to 5")]
    second, _, errors = parse(blocks[1].body, blocks[1].body_line)
    assert errors == [] and second.sections[0].name == "Éjszakai ügyelet"


def test_bare_diagram_and_fence_kinds() -> None:
    assert len(find_blocks("journey\n  title T\n  A: 3\n")) == 1
    assert len(find_blocks("journey\n  A: 3\n", bare=False)) == 0
    assert len(find_blocks("```journey\ntitle T\nA: 3\n```\n")) == 1
    assert len(find_blocks("~~~mermaid\njourney\nA: 3\n~~~\n")) == 1
    assert find_blocks("```mermaid\ngraph TD\nA-->B\n```\n") == []


@pytest.mark.parametrize(("line", "message"), [
    ("Step: abc", "task 'Step': expected a score from 1 to 5, X or nothing, found `abc`"),
    ("just words", "expected a task `name: score: actors`"),
])
def test_parse_errors_name_the_line(line: str, message: str) -> None:
    _, _, errors = parse(["journey", "  title T", "  " + line], 10)
    assert [(e.line, e.message[:len(message)]) for e in errors] == [(12, message)]


def test_scores_map_onto_the_scale_and_back() -> None:
    assert [to_scale(s, DEFAULT) for s in (1, 2, 3, 4, 5, None)] == [-2, -1, 0, 1, 2, None]
    assert [from_scale(v, DEFAULT) for v in (-2, -1, 0, 1, 2, None)] == [1, 2, 3, 4, 5, None]
    seven = Scale(tuple(ScalePoint(v, str(v)) for v in range(1, 8)))
    assert [to_scale(s, seven) for s in (1, 3, 5)] == [1, 4, 7]


def test_import_writes_valid_files_and_never_overwrites(standard_site: FixtureSite) -> None:
    site = standard_site
    source = site.write("workshop.md", REAL_WORLD, docs=False)
    made = site.journeys("import", "mermaid", str(source))
    assert made.returncode == 0, made.stderr
    assert "workshop.md:19: warning: task 'Врач': score 7 is outside 1..5; clamped to 5" in made.stderr
    assert "Created docs/journeys/vizit-v-polikliniku.md" in made.stdout
    assert "Created docs/rounds/r2/vizit-v-polikliniku.yml" in made.stdout  # the newest open round
    check = site.journeys("check")
    assert check.returncode == 0, check.stderr
    exported = json.loads(site.journeys("export", "json").stdout)
    visit = next(j for j in exported["journeys"] if j["id"] == "vizit-v-polikliniku")
    assert [t["title"] for t in visit["touchpoints"]] == ["Записаться онлайн", "Регистратура", "Ожидание", "Оплата",
                                                         "Врач"]
    assert [s["title"] for s in visit["stages"]] == ["Визит в поликлинику", "Приём"]
    scores = {k: v["emotion"] for k, v in visit["rounds"]["r2"]["touchpoints"].items()}
    assert scores == {"zapisatsia-onlain": 0, "registratura": -2, "vrach": 2}
    names = {p["name"] for p in exported["personas"]}
    assert {"Ольга Иванова", "Медсестра", "Customer"} <= names
    before = _tree(site.root)
    again = site.journeys("import", "mermaid", str(source))
    assert again.returncode == 1 and "already exists; it was left as it was" in again.stderr
    assert "nothing was written" in again.stderr and "Traceback" not in again.stderr
    assert _tree(site.root) == before


def test_errors_write_nothing(standard_site: FixtureSite) -> None:
    site = standard_site
    source = site.write("bad.md", "```journey\ntitle T\nStep: abc\n```\n", docs=False)
    before = _tree(site.root)
    result = site.journeys("import", "mermaid", str(source))
    assert result.returncode == 1
    assert "bad.md:3: error: task 'Step': expected a score from 1 to 5" in result.stderr
    assert _tree(site.root) == before
    closed = site.journeys("import", "mermaid", str(site.write("ok.md", "journey\nA: 3\n", docs=False)), "--round",
                           "r1")
    assert closed.returncode == 1 and "round 'r1' is closed" in closed.stderr


def test_stdin_and_export_round_trip(standard_site: FixtureSite, tmp_path_factory: pytest.TempPathFactory) -> None:
    exported = standard_site.journeys("export", "mermaid", "laptop", "--round", "r1")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.splitlines()[:3] == ["journey", "  title Laptop request", "  section Ask"]
    assert "    Request form: 2: Anna Test" in exported.stdout  # -1 on -2..+2 is 2 on 1..5
    # Importing the diagram into a fresh site gives the same touchpoints, stages and scores.
    fresh = FixtureSite(tmp_path_factory.mktemp("fresh"))
    fresh.write("personas/anna.md", "---\nname: Anna Test\nrole: Someone\n---\n")
    fresh.write("rounds/q/index.md",
                "---\ntitle: Q\nperiod: {start: '2026-01-01', end: '2026-03-31'}\nstatus: open\n---\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "import", "mermaid", "-", "--id", "laptop"],
                            input=exported.stdout, cwd=fresh.root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    original = json.loads(standard_site.journeys("export", "json").stdout)["journeys"][0]
    copy = json.loads(fresh.journeys("export", "json").stdout)["journeys"][0]
    assert [(t["title"], t["stage"]) for t in copy["touchpoints"]] == \
        [(t["title"], t["stage"]) for t in original["touchpoints"]]
    assert [s["title"] for s in copy["stages"]] == [s["title"] for s in original["stages"]]
    assert copy["personas"] == ["anna"]  # the actor is the persona that was there already

    def scores(journey: dict, round_id: str) -> dict[str, int]:
        titles = {t["id"]: t["title"] for t in journey["touchpoints"]}
        return {titles[k]: v["emotion"] for k, v in journey["rounds"][round_id]["touchpoints"].items()}

    assert scores(copy, "q") == scores(original, "r1") == {"Request form": -1, "Manager approval": -2, "Handover": 2}


def test_a_journey_block_in_a_page_renders_chart_and_table(standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("notes.md", f"""\
        # Notes

        ```journey
        title Quick {PAYLOAD} visit
        section Start
          Arrive: 4: Ann
          Wait {PAYLOAD}: 2
        section End
          Leave: X
        ```

        ```mermaid
        journey
          Second: 5
        ```
        """)
    built = site.build()
    assert built.code == 0, built.output
    html = built.page("notes")
    assert 'data-journeys-chart="journeys-chart-mermaid-1"' in html
    assert 'data-journeys-chart="journeys-chart-mermaid-2"' in html
    rows = re.findall(r'<tr data-touchpoint="([^"]+)">', html)
    assert rows[:3] == ["arrive", "wait-script-script-alert-x-script-img-src-x-onerror-alert-1", "leave"]
    spec = json.loads(re.search(r'<script type="application/json" id="journeys-chart-mermaid-1">(.*?)</script>',
                                html, re.S).group(1))
    assert PAYLOAD in spec["description"]  # the inline JSON parses back to the very text
    assert_escaped(built, ("notes",))


def test_a_broken_block_stays_code_and_fails_strict(standard_site: FixtureSite) -> None:
    standard_site.write("notes.md", "---\ntitle: Notes\n---\n# Notes\n\n```journey\ntitle T\nStep: abc\n```\n")
    built = standard_site.build()
    assert built.code != 0
    assert "notes.md:8:1: warning: journey diagram: task 'Step': expected a score" in built.output
    loose = standard_site.build(strict=False)
    assert loose.code == 0 and "Step: abc" in loose.page("notes")

"""`journeys diff BASE [HEAD]`: a change summary of a pull request, from the model at two git revisions."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from actions_fixture import PRIVATE, actions_site
from conftest import PAYLOAD, FixtureSite


def git(site: FixtureSite, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=site.root,
                   check=True, capture_output=True)


def commit(site: FixtureSite, message: str) -> None:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> FixtureSite:
    site = actions_site(tmp_path)
    git(site, "init", "-q", "-b", "main")
    commit(site, "base")
    return site


def edit(site: FixtureSite, path: str, old: str, new: str) -> None:
    file = site.docs / path
    text = file.read_text("utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_json_names_personas_kpis_and_feedback(repo: FixtureSite) -> None:
    edit(repo, "rounds/r3/laptop.yml", "kind: csat, value: 4.2, n: 55", "kind: csat, value: 3.9, n: 61")
    edit(repo, "rounds/r3/laptop.yml", "emotions: {anna: 1, bob: -2}", "emotions: {anna: 1, bob: 0}")
    edit(repo, "rounds/r3/laptop.yml", "text: Managers approve within a day now",
         "text: Managers approve within an hour now")
    repo.write("personas/carl.md", "---\nname: Carl New\nrole: Tester\n---\n")
    commit(repo, "head")
    result = repo.journeys("diff", "HEAD~1", "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["personas"]["added"] == ["carl"]
    assert summary["base"] == "HEAD~1" and summary["head"] == "HEAD"
    approval = summary["observations"]["r3/laptop"]["touchpoints"]["approval"]
    assert approval["kpis"]["csat"] == [{"value": 4.2, "n": 55, "target": 4, "min": 1, "max": 5},
                                        {"value": 3.9, "n": 61, "target": 4, "min": 1, "max": 5}]
    assert approval["persona_emotions"] == {"bob": [-2, 0]}
    assert [f["text"] for f in approval["feedback"]["added"]] == ["Managers approve within an hour now"]
    assert [f["text"] for f in approval["feedback"]["removed"]] == ["Managers approve within a day now"]
    assert "emotion" not in approval
    assert summary["problems"] == {"head": [], "base_count": 0}
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "| `approval` | KPI `csat` | 4.2 (n=55) → 3.9 (n=61) |" in out
    assert "| `approval` | score of `bob` | -2 → 0 |" in out
    assert "- added: `carl`" in out


def test_markdown_lists_old_and_new_values(repo: FixtureSite) -> None:
    path = "rounds/r3/museum.yml"
    text = (repo.docs / path).read_text("utf-8")
    # Change one score, whatever the fixture's exact layout is: the first `emotion: <n>` of the file.
    match = re.search(r"emotion: (-?\d)", text)
    assert match
    old = int(match.group(1))
    new = -2 if old != -2 else 2
    repo.write(path, text[:match.start()] + f"emotion: {new}" + text[match.end():])
    edit(repo, "opportunities/laptop.yml", "owner: Service desk", "owner: Hardware team")
    commit(repo, "head")
    result = repo.journeys("diff", "main~1", "main")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Journey changes: `main~1` → `main`")
    assert "#### `museum` (" in out and "in round `r3`: changed" in out
    assert f"| score | {old} → {new} |" in out
    assert "changed `a`: `owner`: Service desk → Hardware team" in out
    assert "No problem found at `main`." in out


def test_feedback_added_is_shown_private_only_counted(repo: FixtureSite) -> None:
    summary_before = repo.journeys("diff", "HEAD", "--format", "json")
    assert json.loads(summary_before.stdout)["observations"] == {}
    # Removing round r3's laptop file removes its feedback; the private note in it is counted, never printed.
    laptop = (repo.docs / "rounds/r3/laptop.yml").read_text("utf-8")
    assert PRIVATE in laptop or PRIVATE in (repo.docs / "rounds/r2/laptop.yml").read_text("utf-8")
    for n in (2, 3):
        (repo.docs / f"rounds/r{n}/laptop.yml").unlink()
    commit(repo, "drop laptop observations")
    result = repo.journeys("diff", "HEAD~1")
    assert result.returncode == 0, result.stderr
    assert PRIVATE not in result.stdout
    assert "private entr" in result.stdout and "(not shown)" in result.stdout
    assert "in round `r3`: removed" in result.stdout
    data = repo.journeys("diff", "HEAD~1", "--format", "json").stdout
    assert PRIVATE not in data


def test_untrusted_text_stays_inert(repo: FixtureSite) -> None:
    hostile = PAYLOAD + " | `code` *bold* [link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    edit(repo, "journeys/laptop.md", "title: Laptop request", "title: " + json.dumps(hostile))
    commit(repo, "hostile title")
    out = repo.journeys("diff", "HEAD~1").stdout
    line = next(row for row in out.splitlines() if row.startswith("- changed: `laptop`"))
    assert "<img" not in out and "<script" not in out.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in line
    assert "\\| \\`code\\` \\*bold\\* \\[link\\]" in line


def test_problems_at_head_are_listed(repo: FixtureSite) -> None:
    repo.write("rounds/r3/museum.yml", "touchpoints:\n  ticket: {emotion: 7}\n")
    commit(repo, "broken")
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "1 problem(s) at `HEAD` (0 at `HEAD~1`):" in out
    assert "- `docs/rounds/r3/museum.yml`:2:" in out


def test_nothing_changed(repo: FixtureSite) -> None:
    result = repo.journeys("diff", "HEAD", "HEAD")
    assert result.returncode == 0
    assert "No change to journeys, personas, rounds, observations or opportunities" in result.stdout


def test_the_working_tree_is_not_touched(repo: FixtureSite) -> None:
    repo.write("personas/draft.md", "uncommitted")
    before = sorted(p.relative_to(repo.root).as_posix() for p in repo.root.rglob("*") if ".git" not in p.parts)
    assert repo.journeys("diff", "HEAD").returncode == 0
    after = sorted(p.relative_to(repo.root).as_posix() for p in repo.root.rglob("*") if ".git" not in p.parts)
    assert before == after and (repo.docs / "personas/draft.md").read_text() == "uncommitted"


def test_bad_revision_and_no_repository(repo: FixtureSite, tmp_path_factory: pytest.TempPathFactory) -> None:
    result = repo.journeys("diff", "no-such-branch")
    assert result.returncode == 2 and "unknown revision 'no-such-branch'" in result.stderr
    assert "Traceback" not in result.stderr
    outside = FixtureSite(tmp_path_factory.mktemp("plain")).standard()
    result = outside.journeys("diff", "HEAD")
    assert result.returncode == 2 and "not inside a git repository" in result.stderr

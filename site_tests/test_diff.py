"""`journeys diff BASE [HEAD]`: a change summary of a pull request, from the model at two git revisions."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from actions_fixture import PRIVATE, actions_site
from conftest import PAYLOAD, FixtureSite
from mkdocs_journeys.exchange.diff_render import MAX_COMMENT, markdown

# The payload of the issue: it closes a script, opens an element with a handler and ends a table cell.
HOSTILE = "</script><img src=x onerror=alert(1)>| `code` *bold* [link](javascript:alert(1))"


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


def cells(row: str) -> list[str]:
    """The cells of a GitHub table row: split at every `|` that no backslash escapes."""
    return re.split(r"(?<!\\)\|", row.strip().strip("|"))


def test_json_names_personas_kpis_and_feedback(repo: FixtureSite) -> None:
    edit(repo, "rounds/r3/laptop.yml", "kind: csat, value: 4.2, n: 55", "kind: csat, value: 3.9, n: 61")
    edit(repo, "rounds/r3/laptop.yml", "emotions: {anna: 1, bob: -2}", "emotions: {anna: 1, bob: 0}")
    edit(repo, "rounds/r3/laptop.yml", "text: Managers approve within a day now",
         "text: Managers approve within an hour now")
    edit(repo, "rounds/r3/laptop.yml", "text: Interview finding about the form, evidence: assumed",
         "text: Interview finding about the form, evidence: observed")
    edit(repo, "rounds/r3/laptop.yml", "  handover:\n    emotion: 2\n",
         "  handover:\n    emotion: 2\n    feedback:\n      - {method: forum, text: Handover slot was kept}\n")
    repo.write("personas/carl.md", "---\nname: Carl New\nrole: Tester\n---\n")
    commit(repo, "head")
    result = repo.journeys("diff", "HEAD~1", "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {"base", "head", "journeys", "journey_titles", "personas", "rounds", "observations",
                            "opportunities", "problems"}
    assert summary["base"] == "HEAD~1" and summary["head"] == "HEAD"
    assert summary["personas"] == {"added": ["carl"], "removed": [], "invalid": [], "changed": {}}
    assert list(summary["observations"]) == ["r3/laptop"]
    touchpoints = summary["observations"]["r3/laptop"]["touchpoints"]
    approval = touchpoints["approval"]
    assert approval["kpis"]["csat"] == [{"value": 4.2, "n": 55, "target": 4, "min": 1, "max": 5},
                                        {"value": 3.9, "n": 61, "target": 4, "min": 1, "max": 5}]
    assert approval["persona_emotions"] == {"bob": [-2, 0]}
    assert "emotion" not in approval
    # An entry whose text was edited is one changed entry, not one removed and one added.
    (edited,) = approval["feedback"]["changed"]
    assert edited["changes"] == {"text": ["Managers approve within a day now", "Managers approve within an hour now"]}
    assert approval["feedback"]["added"] == approval["feedback"]["removed"] == []
    (evidence,) = touchpoints["form"]["feedback"]["changed"]
    assert evidence["changes"] == {"evidence": ["assumed", "observed"]}
    assert [f["text"] for f in touchpoints["handover"]["feedback"]["added"]] == ["Handover slot was kept"]
    assert summary["problems"] == {"head": [], "base_count": 0}

    out = repo.journeys("diff", "HEAD~1").stdout
    assert "| `approval` | KPI `csat` | 4.2 (n=55), target 4 → 3.9 (n=61), target 4 |" in out
    assert "| `approval` | score of `bob` | -2 → 0 |" in out
    assert ("| `approval` | feedback changed | survey, —: `text`: Managers approve within a day now → "
            "Managers approve within an hour now |") in out
    assert "| `form` | feedback changed | interview, —: Interview finding about the form (`evidence`: assumed → " \
           "observed) |" in out
    assert "| `handover` | feedback added | forum, —: Handover slot was kept |" in out
    assert "### Personas\n\n- added: `carl`" in out


def test_scores_journeys_and_opportunities_old_and_new(repo: FixtureSite) -> None:
    path = "rounds/r3/museum.yml"
    text = (repo.docs / path).read_text("utf-8")
    # Change one score, whatever the fixture's exact layout is: the first `emotion: <n>` of the file.
    match = re.search(r"emotion: (-?\d)", text)
    assert match
    old = int(match.group(1))
    new = -2 if old != -2 else 2
    repo.write(path, text[:match.start()] + f"emotion: {new}" + text[match.end():])
    edit(repo, "opportunities/laptop.yml", "owner: Service desk, status: planned",
         "owner: Hardware team, status: in-progress")
    edit(repo, "opportunities/laptop.yml", "votes: {quick_win: 3, important: 3}", "votes: {quick_win: 4, important: 3}")
    edit(repo, "opportunities/museum.yml", "opportunities:\n", "opportunities:\n  - {id: m3, touchpoint: exhibit, "
         "pain_point: No seats, idea: Benches in every room, status: planned, votes: {quick_win: 2}, "
         "owner: Facilities, found_in: r3}\n")
    # The handover moves before the approval, the form gets a new title, a touchpoint is added.
    edit(repo, "journeys/laptop.md", "  - {id: form, title: Request form, stage: ask}\n"
         "  - {id: approval, title: Manager approval, stage: ask}\n"
         "  - {id: handover, title: Handover, stage: receive}\n",
         "  - {id: form, title: Laptop form, stage: ask}\n  - {id: handover, title: Handover, stage: ask}\n"
         "  - {id: approval, title: Manager approval, stage: ask}\n"
         "  - {id: survey, title: Follow-up survey, stage: receive}\n")
    commit(repo, "head")
    result = repo.journeys("diff", "main~1", "main")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Journey changes: `main~1` → `main`")
    assert "#### `museum` (" in out and "in round `r3`: changed" in out
    assert f"| score | {old} → {new} |" in out
    changed_a = next(line for line in out.splitlines() if "changed `a`" in line)
    assert "`owner`: Service desk → Hardware team" in changed_a and "`status`: planned → in-progress" in changed_a
    assert "- `laptop`: changed `c`: votes: quick win 3 → 4, important 3 → 3" in out
    assert ("- `museum`: added `m3` at `exhibit`: Benches in every room (planned, votes: quick win 2, important 0, "
            "owner Facilities)") in out
    journey = next(line for line in out.splitlines() if line.startswith("- changed: `laptop`"))
    assert "+`survey`" in journey and "`form` (`title`: Request form → Laptop form)" in journey
    assert "`handover` (`stage`: receive → ask)" in journey and "`handover` moved" in journey
    assert "`approval` moved" not in journey
    assert "No problem found at `main`." in out
    data = json.loads(repo.journeys("diff", "main~1", "main", "--format", "json").stdout)
    assert data["journeys"]["changed"]["laptop"]["touchpoints"]["moved"] == ["handover"]
    assert data["opportunities"]["museum"]["added"][0]["votes"] == {"quick_win": 2, "important": 0}


def test_private_feedback_is_counted_never_printed(repo: FixtureSite) -> None:
    edit(repo, "rounds/r3/laptop.yml", PRIVATE, PRIVATE + " (edited)")
    commit(repo, "edit the private note")
    for fmt in ("markdown", "json"):
        result = repo.journeys("diff", "HEAD~1", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert PRIVATE not in result.stdout
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "| `form` | feedback changed | 1 private entry (not shown) |" in out
    # Removing the round's files removes the private note with them: counted, still not quoted.
    for n in (2, 3):
        (repo.docs / f"rounds/r{n}/laptop.yml").unlink()
    commit(repo, "drop laptop observations")
    result = repo.journeys("diff", "HEAD~1")
    assert PRIVATE not in result.stdout
    assert "in round `r3`: removed" in result.stdout
    assert "| `form` | feedback removed | 1 private entry (not shown) |" in result.stdout
    assert PRIVATE not in repo.journeys("diff", "HEAD~1", "--format", "json").stdout


def test_untrusted_text_stays_inert(repo: FixtureSite) -> None:
    edit(repo, "journeys/laptop.md", "title: Laptop request", "title: " + json.dumps(PAYLOAD + HOSTILE))
    edit(repo, "rounds/r3/laptop.yml", "text: Managers approve within a day now", "text: " + json.dumps(HOSTILE))
    edit(repo, "rounds/r3/laptop.yml", "name: Minutes waited", "name: " + json.dumps("Min|`wait`<b>"))
    edit(repo, "rounds/r3/laptop.yml", "  handover:\n    emotion: 2\n",
         "  handover:\n    emotion: 2\n    notes: " + json.dumps("line one\n## line two |") + "\n")
    commit(repo, "hostile text")
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "<" not in out and "&lt;/script&gt;&lt;script&gt;" in out
    line = next(row for row in out.splitlines() if row.startswith("- changed: `laptop`"))
    assert "&lt;img src=x onerror=alert(1)&gt;\\| \\`code\\` \\*bold\\* \\[link\\]" in line
    # Every row of the observations table keeps its three cells, whatever the text holds.
    rows = [row for row in out.splitlines() if row.startswith("| `")]
    assert len(rows) >= 3 and all(len(cells(row)) == 3 for row in rows)
    assert "| `handover` | KPI `custom` Min\\|\\`wait\\`&lt;b&gt; | — → 12, target 15 |" in rows
    assert "| `handover` | KPI `custom` Minutes waited | 12, target 15 → — |" in rows
    assert "| `handover` | notes | — → line one ## line two \\| |" in out
    assert not any(row.startswith("## line two") for row in out.splitlines())


def test_problems_at_head_say_whether_base_had_them(repo: FixtureSite) -> None:
    repo.write("rounds/r3/museum.yml", "touchpoints:\n  ticket: {emotion: 7}\n")
    commit(repo, "broken")
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "1 problem at `HEAD`, 1 of them new (0 at `HEAD~1`):" in out
    assert re.search(r"^- `docs/rounds/r3/museum\.yml`:2:\d+: .*found 7$", out, re.M)
    # The broken file is not read, but its findings are not gone: it is not reported as removed.
    assert "#### `museum` (Museum visit) in round `r3`: not compared, its file has problems (see Validation)" in out
    assert "removed" not in out
    edit(repo, "personas/bob.md", "role: Intern", "role: Trainee")
    commit(repo, "unrelated")
    out = repo.journeys("diff", "HEAD~1").stdout
    assert "1 problem at `HEAD`, 0 of them new (1 at `HEAD~1`):" in out
    assert "found 7 (also at `HEAD~1`)" in out


def test_nothing_changed(repo: FixtureSite) -> None:
    result = repo.journeys("diff", "HEAD", "HEAD")
    assert result.returncode == 0
    assert result.stdout == ("## Journey changes: `HEAD` → `HEAD`\n\nNo change to journeys, personas, rounds, "
                             "observations or opportunities.\n\n### Validation\n\nNo problem found at `HEAD`.\n")


def test_worktree_compares_uncommitted_files_without_writing(repo: FixtureSite) -> None:
    repo.write("personas/draft.md", "---\nname: Draft\nrole: Not committed yet\n---\n")
    edit(repo, "rounds/r3/laptop.yml", "kind: csat, value: 4.2", "kind: csat, value: 4.4")
    before = {p: p.stat().st_mtime_ns for p in repo.root.rglob("*") if ".git" not in p.parts}
    result = repo.journeys("diff", "HEAD", "--worktree")
    assert result.returncode == 0, result.stderr
    assert "`HEAD` → `working tree`" in result.stdout and "- added: `draft`" in result.stdout
    assert "4.2 (n=55), target 4 → 4.4 (n=55), target 4" in result.stdout
    # Comparing two revisions ignores what is not committed; neither way writes into the working tree.
    assert "draft" not in repo.journeys("diff", "HEAD", "HEAD").stdout
    assert {p: p.stat().st_mtime_ns for p in repo.root.rglob("*") if ".git" not in p.parts} == before
    both = repo.journeys("diff", "HEAD", "HEAD", "--worktree")
    assert both.returncode == 2 and "either HEAD or --worktree" in both.stderr


def test_symlink_out_of_the_repository_is_not_followed(repo: FixtureSite) -> None:
    os.symlink("/etc/passwd", repo.docs / "personas" / "outside.md")
    commit(repo, "a link that leaves the repository")
    result = repo.journeys("diff", "HEAD~1")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "root:" not in result.stdout


def test_bad_revision_and_no_repository(repo: FixtureSite, tmp_path_factory: pytest.TempPathFactory) -> None:
    result = repo.journeys("diff", "no-such-branch")
    assert result.returncode == 2 and "unknown revision 'no-such-branch'" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert repo.journeys("diff", "HEAD", "nope~3").returncode == 2
    outside = FixtureSite(tmp_path_factory.mktemp("plain")).standard()
    result = outside.journeys("diff", "HEAD")
    assert result.returncode == 2 and "not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_summary_is_cut_to_fit_a_comment() -> None:
    many = [f"persona-{i:05d}" for i in range(5000)]
    empty = {"added": [], "removed": [], "invalid": [], "changed": {}}
    summary = {"base": "a", "head": "b", "journeys": empty, "journey_titles": {}, "rounds": empty,
               "personas": {**empty, "added": many}, "observations": {}, "opportunities": {},
               "problems": {"head": [], "base_count": 0}}
    out = markdown(summary)
    assert len(out) <= MAX_COMMENT + 200
    assert "- added: `persona-00000`" in out and "persona-04999" not in out
    assert out.rstrip().endswith("`journeys diff --format json` gives everything.")

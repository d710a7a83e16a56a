"""`journeys new`: every kind of file starts valid and commented, lands where the site finds it, and an existing
file is never overwritten."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import FixtureSite
from mkdocs_journeys.exchange.scaffold import Request, render, round_period, target


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_files_are_valid_and_build(standard_site: FixtureSite) -> None:
    site = standard_site
    assert site.journeys("new", "persona", "bela", "--title", "Béla <b>Kiss</b>", "--role", "Clerk").returncode == 0
    made = site.journeys("new", "journey", "returns", "--persona", "bela", "--persona", "anna",
                         "--title", "Returning a <script>laptop</script>")
    assert made.returncode == 0, made.stderr
    assert "docs/journeys/returns.md" in made.stdout
    made = site.journeys("new", "round", "2026-q3")
    assert made.returncode == 0, made.stderr
    journey = (site.docs / "journeys/returns.md").read_text("utf-8")
    # Commented, so a contributor who is not a developer knows what each field is for.
    assert journey.count("\n# ") >= 8
    check = site.journeys("check")
    assert check.returncode == 0, check.stderr
    assert "2 journeys, 2 personas, 3 rounds" in check.stdout
    built = site.build()
    assert built.code == 0, built.output
    page = built.page("journeys/returns")
    assert "Returning a &lt;script&gt;laptop&lt;/script&gt;" in page and "<script>laptop" not in page
    assert "First contact" in page
    assert "Béla &lt;b&gt;Kiss&lt;/b&gt;" in built.page("personas/bela")
    assert "2026-07-01" in built.page("rounds/2026-q3")


def test_never_overwrites(standard_site: FixtureSite) -> None:
    site = standard_site
    before = _tree(site.root)
    for args in (("journey", "laptop", "--persona", "anna"), ("persona", "anna"), ("round", "r1")):
        result = site.journeys("new", *args)
        assert result.returncode == 1
        assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert _tree(site.root) == before


# A request that cannot be met as given is a usage error (2); one the project's files stop is 1.
@pytest.mark.parametrize(("args", "message", "code"), [
    (("journey", "Bad_Id"), "id 'Bad_Id': expected lowercase letters", 2),
    (("journey", "other"), "a journey needs at least one persona", 2),
    (("journey", "other", "--persona", "nobody"), "--persona: no persona 'nobody'", 2),
    (("round", "autumn"), "give --start and --end", 2),
    (("round", "autumn", "--start", "2026-10-01", "--end", "31.10.2026"), "--end: expected a date YYYY-MM-DD", 2),
    (("round", "2026-13"), "give --start and --end", 2),
    (("observation", "nope"), "JOURNEY: no journey 'nope' (expected a file journeys/nope.md); known: laptop", 2),
    (("observation", "laptop", "--round", "r9"), "--round: no round 'r9'", 2),
    (("observation", "laptop", "--round", "r1"), "--round: round 'r1' is closed; reopen it", 1),
    (("observation", "laptop"), "docs/rounds/r2/laptop.yml already exists; it was left as it was", 1),
])
def test_refuses_with_a_reason_and_writes_nothing(standard_site: FixtureSite, args: tuple[str, ...],
                                                  message: str, code: int) -> None:
    site = standard_site
    site.write("personas/bela.md", "---\nname: Béla\nrole: Clerk\n---\n")
    before = _tree(site.root)
    result = site.journeys("new", *args)
    assert result.returncode == code and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(site.root) == before


def test_only_persona_is_the_default(standard_site: FixtureSite) -> None:
    assert standard_site.journeys("new", "journey", "other").returncode == 0
    assert "personas: [anna]" in (standard_site.docs / "journeys/other.md").read_text("utf-8")


def test_invalid_result_is_rolled_back(standard_site: FixtureSite) -> None:
    # A round whose end comes before its start is caught by the same validation as every other file.
    site = standard_site
    before = _tree(site.root)
    result = site.journeys("new", "round", "backwards", "--start", "2026-10-31", "--end", "2026-10-01")
    assert result.returncode == 1
    assert "rounds/backwards/index.md" in result.stderr and "not written" in result.stderr
    assert _tree(site.root) == before


@pytest.mark.parametrize(("round_id", "expected"), [
    ("2026-q4", ("2026 Q4", "2026-10-01", "2026-12-31")),
    ("2028-q1", ("2028 Q1", "2028-01-01", "2028-03-31")),
    ("2026-h1", ("2026 H1", "2026-01-01", "2026-06-30")),
    ("2024-02", ("2024-02", "2024-02-01", "2024-02-29")),
    ("2027", ("2027", "2027-01-01", "2027-12-31")),
    ("2026-q5", None),
    ("spring", None),
])
def test_round_period_from_id(round_id: str, expected: tuple[str, str, str] | None) -> None:
    assert round_period(round_id) == expected


MODELINE = "# yaml-language-server: $schema="


def test_modeline_points_at_the_project_schemas_folder(tmp_path: Path) -> None:
    # Relative to the file, into <project>/.schemas/ (what `journeys schemas` writes): the same on every machine,
    # never into a virtual environment or site-packages.
    project = tmp_path / "project"
    docs = project / "docs"
    for kind in ("journey", "persona", "round"):
        path = target(docs, kind, "example-new")
        request = Request(kind=kind, id="example-new", personas=["anna"], start="2026-01-01", end="2026-01-31")
        first = render(request, path, project).splitlines()[1]
        relative = first.removeprefix(MODELINE)
        assert relative != first and not relative.startswith(("/", "file:")) and ".venv" not in relative
        assert (path.parent / relative).resolve() == (project / f".schemas/{kind}.schema.json").resolve()


def _modelines(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".yml") and path.is_file():
            line = next((li for li in path.read_text("utf-8").splitlines()[:2] if li.startswith(MODELINE)), None)
            if line is not None:
                found[path.relative_to(root).as_posix()] = line.removeprefix(MODELINE)
    return found


def test_every_writer_follows_the_one_rule(standard_site: FixtureSite) -> None:
    # Scaffolds, the Mermaid import and the survey import all write the schema line of schemafiles.modeline.
    site = standard_site
    assert site.journeys("new", "observation", "laptop", "--round", "r3").returncode == 2
    site.write("rounds/r3/index.md", "---\ntitle: R3\nperiod: {start: '2026-03-01', end: '2026-03-28'}\n"
                                     "status: open\n---\n")
    assert site.journeys("new", "observation", "laptop").returncode == 0
    assert site.journeys("new", "persona", "bela").returncode == 0
    site.write("workshop.md", "```mermaid\njourney\n  title Returns\n  section Ask\n    Form: 3: Anna Test\n```\n",
               docs=False)
    made = site.journeys("import", "mermaid", "workshop.md")
    assert made.returncode == 0, made.stderr
    (site.root / "answers.csv").write_text("step,score\nform,4\n", "utf-8")
    (site.docs / "rounds/r3/laptop.yml").unlink()
    imported = site.journeys("import", "survey", "answers.csv", "--journey", "laptop", "--round", "r3",
                             "--touchpoint-column", "step", "--score-column", "score", "--scale", "1-5")
    assert imported.returncode == 0, imported.stderr
    lines = _modelines(site.docs)
    assert {"personas/bela.md", "journeys/returns.md", "rounds/r3/returns.yml", "rounds/r3/laptop.yml"} <= set(lines)
    for name, address in lines.items():
        assert (site.docs / name).parent.joinpath(address).resolve().parent == (site.root / ".schemas").resolve()
    journey = (site.docs / "journeys/returns.md").read_text("utf-8")
    assert "Imported from a Mermaid diagram in workshop.md." in journey and str(site.root) not in journey


def test_a_new_observation_lists_every_touchpoint_commented(standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("rounds/r3/index.md", "---\ntitle: R3\nperiod: {start: '2026-03-01', end: '2026-03-28'}\n"
                                     "status: open\n---\n")
    made = site.journeys("new", "observation", "laptop")
    assert made.returncode == 0 and "docs/rounds/r3/laptop.yml" in made.stdout, made.stderr
    text = (site.docs / "rounds/r3/laptop.yml").read_text("utf-8")
    for touchpoint in ("form", "approval", "handover"):
        assert f"\n  {touchpoint}: {{}}\n" in text
    assert "# Manager approval (stage: Ask)" in text and "    # emotion: 0" in text and "    # notes:" in text
    # Filled in as the comments say, it is a valid round file.
    filled = text.replace("  form: {}\n    # emotion: 0", "  form:\n    emotion: 2")
    (site.docs / "rounds/r3/laptop.yml").write_text(filled, "utf-8")
    check = site.journeys("check")
    assert check.returncode == 0 and "3 rounds, 3 observation files" in check.stdout, check.stderr
    assert site.build().code == 0

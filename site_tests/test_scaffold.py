"""`journeys new`: every kind of file starts valid and commented, lands where the site finds it, and an existing
file is never overwritten."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import REPO, FixtureSite
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


@pytest.mark.parametrize(("args", "message"), [
    (("journey", "Bad_Id"), "id 'Bad_Id': expected lowercase letters"),
    (("journey", "other"), "a journey needs at least one persona"),
    (("journey", "other", "--persona", "nobody"), "--persona: no persona 'nobody'"),
    (("round", "autumn"), "give --start and --end"),
    (("round", "autumn", "--start", "2026-10-01", "--end", "31.10.2026"), "--end: expected a date YYYY-MM-DD"),
    (("round", "2026-13"), "give --start and --end"),
])
def test_refuses_with_a_reason_and_writes_nothing(standard_site: FixtureSite, args: tuple[str, ...],
                                                  message: str) -> None:
    site = standard_site
    site.write("personas/bela.md", "---\nname: Béla\nrole: Clerk\n---\n")
    before = _tree(site.root)
    result = site.journeys("new", *args)
    assert result.returncode == 1 and message in result.stderr, result.stderr
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


def test_modeline_points_at_the_schema_inside_the_repository() -> None:
    docs = REPO / "journeys"
    for kind in ("journey", "persona", "round"):
        path = target(docs, kind, "example-new")
        request = Request(kind=kind, id="example-new", personas=["anna"], start="2026-01-01", end="2026-01-31")
        first = render(request, path, REPO).splitlines()[1]
        relative = first.removeprefix("# yaml-language-server: $schema=")
        assert relative != first
        assert (path.parent / relative).resolve() == REPO / f"plugins/mkdocs_journeys/format/schemas/{kind}.schema.json"

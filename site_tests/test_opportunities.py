"""Opportunities: validation of what they refer to, the ranked action plan as of a round, the priority matrix,
the touchpoint development plan and "Did it help?"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from actions_fixture import actions_site
from conftest import REPO, Built, FixtureSite, build_rounds
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.views import actions
from test_compare import mark_layer, mark_rows, specs
from test_validation import problems


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The actions fixture built as the site of r1, r2 and r3."""
    return build_rounds(tmp_path_factory, actions_site, ("r1", "r2", "r3"))


def plan(html: str) -> list[str]:
    """The action plan's opportunities as journey/id, in the order of the table."""
    return re.findall(r'<tr id="[^"]+" data-opportunity="([a-z0-9/-]+)" data-rank="\d+">', html)


def statuses(html: str) -> dict[str, str]:
    """The status of every opportunity of the action plan."""
    rows = re.findall(r'<tr id="[^"]+" data-opportunity="([a-z0-9/-]+)" data-rank="\d+">(.*?)</tr>', html, re.DOTALL)
    return {key: re.findall(r'data-status="([a-z-]+)"', row)[0] for key, row in rows}


# ---- validation -----------------------------------------------------------------------------------------

BAD = """\
opportunities:
  - {id: a, touchpoint: from, pain_point: P, idea: I, found_in: r1}
  - {id: a, touchpoint: form, pain_point: P, idea: I, found_in: r22}
  - {id: b, touchpoint: form, pain_point: P, idea: I, found_in: r2, done_in: r1, status: done}
  - {id: c, touchpoint: form, pain_point: P, idea: I, found_in: r1, status: done}
  - {id: d, touchpoint: form, pain_point: P, idea: I, found_in: r1, done_in: r2, status: planned}
  - {id: e, touchpoint: form, pain_point: P, idea: I, found_in: r1, due: '2026-13-01'}
  - {id: f, touchpoint: form, pain_point: P, idea: I, found_in: r1, done_in: r7, status: done}
"""


def test_opportunities_that_refer_to_nothing_are_errors_at_their_line(standard_site: FixtureSite) -> None:
    standard_site.write("opportunities/laptp.yml", "opportunities: []\n")
    standard_site.write("opportunities/laptop.yml", BAD)
    where = "docs/opportunities/laptop.yml"
    assert problems(standard_site) == [
        f"{where}:2:25: error: opportunities[0].touchpoint: no touchpoint 'from' in journey 'laptop'; did you "
        "mean 'form'?",
        f"{where}:3:10: error: opportunities[1].id: 'a' is used twice (first at opportunities[0]); ids must be "
        "unique within a journey's opportunities",
        f"{where}:3:65: error: opportunities[1].found_in: no round 'r22' (expected a folder rounds/r22/ with an "
        "index.md); did you mean 'r2'?",
        f"{where}:4:78: error: opportunities[2].done_in: expected a round on or after found_in 'r2', found 'r1', "
        "an earlier round (rounds are ordered by their period)",
        f"{where}:5:77: error: opportunities[3].status: 'done' needs `done_in`, the round in which it was done, "
        "found none",
        f"{where}:6:78: error: opportunities[4].done_in: only an opportunity with status 'done' has a round it "
        "was done in, found status 'planned'; set status: done or remove done_in",
        f"{where}:7:74: error: opportunities[5].due: expected a real date YYYY-MM-DD, found '2026-13-01'",
        f"{where}:8:78: error: opportunities[6].done_in: no round 'r7' (expected a folder rounds/r7/ with an "
        "index.md); known: r1, r2",
        "docs/opportunities/laptp.yml:1:1: error: no journey 'laptp' for these opportunities (the file name must "
        "be a journey id); did you mean 'laptop'?",
    ]


def test_schema_limits_of_votes_effort_and_impact(standard_site: FixtureSite) -> None:
    standard_site.write("opportunities/laptop.yml", "opportunities:\n  - {id: g, touchpoint: form, pain_point: P, "
                                                    "idea: I, found_in: r1, effort: 7, votes: {quick_win: -1}}\n")
    assert problems(standard_site) == [
        "docs/opportunities/laptop.yml:2:77: error: opportunities[0].effort: expected a whole number from 1 to 5, "
        "found 7",
        "docs/opportunities/laptop.yml:2:99: error: opportunities[0].votes.quick_win: expected a whole number of "
        "at least 0, found -1",
    ]


# ---- the action plan ------------------------------------------------------------------------------------

def test_action_plan_ranks_open_work_first_then_quick_wins_important_results_and_the_unvoted(
        sites: dict[str, Built]) -> None:
    html = sites["r3"].page("action-plan")
    # Open work first: m1 has the most votes among quick wins; a and c tie at 6 and go by journey, then
    # touchpoint order; c is a quick win with as many quick-win votes as important ones; e is an important result;
    # d has no votes at all. b and m2 are done by r3: they come last, folded away, still ranked and counted.
    assert plan(html) == ["museum/m1", "laptop/a", "laptop/c", "laptop/e", "laptop/d", "laptop/b", "museum/m2"]
    assert re.findall(r'<tbody data-nomination="([a-z-]+)">', html) == ["quick-win", "important", "unvoted"]
    assert re.findall(r'data-rank="(\d+)"', html) == [str(n) for n in range(1, 8)]
    open_part, closed_part = html.split('<details class="journeys-plan-closed">')
    assert 'data-status="done"' not in open_part.split('id="ranking"')[1]
    assert re.findall(r'<tr id="[^"]+" data-opportunity="([a-z0-9/-]+)"', closed_part.split("</details>")[0]) == [
        "laptop/b", "museum/m2"]
    assert "<summary>Done and dropped (2)</summary>" in closed_part
    summary = re.search(r'<ul class="journeys-plan-summary" data-open="(\d+)" data-closed="(\d+)"', html)
    assert summary is not None and summary.groups() == ("5", "2")
    # The priority matrix comes before the long table.
    assert html.index('id="priority-matrix"') < html.index('id="ranking"') < html.index("<table>")
    row = re.search(r'<tr id="opportunity-laptop-b" data-opportunity="laptop/b".*?</tr>', html, re.DOTALL)
    assert row is not None
    for text in ("Remind managers after a day", "Approval takes a week", "To-be: Approved within a day",
                 'data-quick-win="2" data-important="6">2 / 6<', ">2 / 5<", "Procurement", "Manager approval",
                 '<a class="journeys-plan-where" href="../journeys/laptop/">Laptop request</a>'):
        assert text in row.group(0), text
    assert "<h1>Action plan</h1>" in html and "<title>Action plan - Fixture</title>" in html
    # In the navigation, next to the home page.
    assert re.search(r'href="action-plan/"[^>]*>\s*(<span[^>]*>\s*)?Action plan', sites["r3"].page("."))


def test_action_plan_shows_the_world_as_of_its_round(sites: dict[str, Built]) -> None:
    r3, r2, r1 = (statuses(sites[r].page("action-plan")) for r in ("r3", "r2", "r1"))
    assert r3["museum/m2"] == "done" and r3["laptop/b"] == "done"
    # e was found in r3; m2, done in r3, was still in progress in r2; b was done in r2.
    # b, done in r2, comes after the open work there.
    assert plan(sites["r2"].page("action-plan")) == ["museum/m1", "laptop/a", "laptop/c", "museum/m2", "laptop/d",
                                                     "laptop/b"]
    assert r2["museum/m2"] == "in-progress" and r2["laptop/b"] == "done"
    assert plan(sites["r1"].page("action-plan")) == ["museum/m1", "laptop/a", "laptop/b"]
    assert r1["laptop/b"] == "in-progress" and "in progress" in sites["r1"].page("action-plan")


def test_opportunities_files_stay_out_of_the_site(sites: dict[str, Built]) -> None:
    assert not (sites["r3"].site / "opportunities").exists()
    assert not list(sites["r3"].site.rglob("*.yml"))


def test_a_site_without_opportunities_has_no_action_plan(standard_site: FixtureSite) -> None:
    built = standard_site.build()
    assert built.code == 0, built.output
    assert not (built.site / "action-plan").exists() and "Action plan" not in built.page(".")


def test_priority_matrix_places_each_opportunity_by_effort_and_impact(sites: dict[str, Built]) -> None:
    spec = specs(sites["r3"].page("action-plan"))["journeys-chart-matrix"]
    rows = mark_rows(spec, "circle")
    assert [(row["rank"], row["effort"], row["impact"], row["journey"]) for row in rows] == [
        (1, 4, 5, "museum"), (2, 1, 4, "laptop"), (3, 1, 4, "laptop"), (4, 4, 2, "laptop"), (6, 2, 5, "laptop"),
        (7, 5, 3, "museum")]  # d (5) has neither effort nor impact; b and m2, done, rank after the open work
    assert rows[0]["idea"] == "New payment provider" and rows[0]["journey_title"] == "Museum visit"
    # Two opportunities on one cell are set apart, side by side in it (offsets in pixels).
    assert (rows[1]["x"], rows[1]["y"]) == (rows[2]["x"], rows[2]["y"]) == (1, 4)
    assert (rows[1]["dx"], rows[1]["dy"]) != (rows[2]["dx"], rows[2]["dy"])
    tooltip = {t["field"] for t in mark_layer(spec, "circle")["encoding"]["tooltip"]}
    assert {"idea", "journey_title", "touchpoint", "effort", "impact", "votes", "status"} <= tooltip
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert [(list(r["encoding"])[0], r["data"]["values"]) for r in rules] == [("x", [{"at": 3}]),
                                                                                ("y", [{"at": 3}])]
    corners = [" ".join(row["name"]) for layer in spec["layer"] if layer["mark"]["type"] == "text" and "data" in layer
               and "values" in layer["data"] and "name" in layer["data"]["values"][0]
               for row in layer["data"]["values"]]
    # The quadrant is not called a quick win: on this page that is a nomination of the vote.
    assert corners == ["Low effort, high impact", "Fill-ins", "Major projects", "Thankless tasks"]


def test_every_dot_of_the_matrix_links_to_its_row(sites: dict[str, Built]) -> None:
    # Open and closed work alike: each dot's link names a row of the action plan on the same page, and each row
    # that has effort and impact has its dot.
    for round_id in ("r1", "r2", "r3"):
        html = sites["r3"].page("action-plan") if round_id == "r3" else sites[round_id].page("action-plan")
        rows = mark_rows(specs(html)["journeys-chart-matrix"], "circle")
        ids = re.findall(r'<tr id="([^"]+)" data-opportunity="([a-z0-9/-]+)"', html)
        assert len({i for i, _ in ids}) == len(ids), "row ids are unique"
        assert {row["href"] for row in rows} <= {"#" + i for i, _ in ids}, round_id
        assert all(i == "opportunity-" + key.replace("/", "-") for i, key in ids)
        assert len(rows) == len({row["href"] for row in rows})


def test_development_plan_lists_opportunities_per_touchpoint(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("journeys/laptop")
    section = html[html.index('id="development-plan"'):]
    assert re.findall(r'<tbody data-touchpoint="([a-z]+)">', section) == ["form", "approval", "handover"]
    assert re.findall(r'<tr data-opportunity="([a-z])">', section) == ["a", "e", "b", "c", "d"]
    row = re.search(r'<tr data-opportunity="a">(.*?)</tr>', section, re.DOTALL)
    assert row is not None
    for text in ("Prefill the form", "Form too long", 'data-status="planned">planned<', "Service desk",
                 "2026-09-30"):
        assert text in row.group(1), text
    assert "Approved within a day" in section
    assert 'href="#development-plan"' in html  # in the table of contents
    assert 'id="development-plan"' not in sites["r3"].page("journeys/museum").split('id="touchpoints"')[0]


# ---- did it help? ---------------------------------------------------------------------------------------

def outcome(html: str, opportunity: str) -> str:
    """The row of an opportunity in "Did it help?"."""
    found = re.search(rf'<tr data-opportunity="{opportunity}"[^>]*>(.*?)</tr>', html[html.index('id="did-it-help"'):],
                      re.DOTALL)
    assert found, opportunity
    return " ".join(found.group(1).split())


def test_did_it_help_compares_before_and_after(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("action-plan")
    b = outcome(html, "b")
    # Done in r2: the round before is r1 (-2), the latest round r3 (+1).
    assert 'data-before="-2" data-after="1"' in b
    assert "-2 <span class=\"journeys-muted\">(Round 1)</span> → +1" in b and "▲&#8239;+3" in b
    assert "up 3 from Round 1" in b
    assert 'data-kpi="csat" data-before="2.8" data-after="4.2"' in b and "better" in b
    m2 = outcome(html, "m2")
    # Found and done in r3's predecessor and r3: r2 (-1) against r3 (+2).
    assert 'data-before="-1" data-after="2"' in m2
    # Only done opportunities, in action-plan order.
    section = html[html.index('id="did-it-help"'):]
    assert re.findall(r'<tr data-opportunity="([a-z0-9]+)"', section) == ["b", "m2"]
    # The comparison page of a journey shows its own.
    compare = sites["r3"].page("compare/laptop")
    assert re.findall(r'<tr data-opportunity="([a-z0-9]+)"', compare[compare.index('id="did-it-help"'):]) == ["b"]
    assert "No opportunity was done up to round Round 1." in sites["r1"].page("action-plan")


def test_did_it_help_as_of_an_older_round(sites: dict[str, Built]) -> None:
    html = sites["r2"].page("action-plan")
    section = html[html.index('id="did-it-help"'):]
    assert re.findall(r'<tr data-opportunity="([a-z0-9]+)"', section) == ["b"]
    assert 'data-before="-2" data-after="-1"' in outcome(html, "b")


def test_outcomes_without_a_later_measure_say_so(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    (site.docs / "rounds/r3/laptop.yml").write_text("touchpoints:\n  form: {emotion: 1}\n")
    catalog, found = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert found == []
    [b, _] = actions.outcomes(catalog, "r3")
    # approval was scored in r2, after it was done: r1 -2 against r2 -1.
    assert b.emotion is not None and (b.emotion.since.id, b.emotion.until.id) == ("r1", "r2")
    assert b.kpis == []  # r2 and r3 measured no CSAT
    (site.docs / "rounds/r2/laptop.yml").write_text("touchpoints:\n  form: {emotion: 1}\n")
    catalog, _ = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert actions.outcomes(catalog, "r3", "laptop")[0].emotion is None


# ---- the example ----------------------------------------------------------------------------------------

def test_example_has_opportunities_for_every_journey_and_a_fix_that_helped() -> None:
    options = Options(docs_dir=REPO / "journeys")
    catalog, found = load_catalog(options.docs_dir, options.emotion_scale())
    assert found == []
    assert set(catalog.opportunities) == set(catalog.journeys)
    for items in catalog.opportunities.values():
        assert any(o.votes.quick_win for o in items) and any(o.votes.important for o in items)
        assert all(o.owner for o in items)
    helped = [o for o in actions.outcomes(catalog, "2026-q3")
              if o.item.opportunity.done_in == "2026-q2" and o.emotion and o.emotion.delta > 0]
    assert helped and all(o.emotion and o.emotion.until.id == "2026-q3" for o in helped)

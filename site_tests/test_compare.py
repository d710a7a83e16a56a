"""Rounds side by side in built fixture sites: the site of round R shows the world as of R and compares R
with the rounds before it only (journey pages, comparison pages, round overviews, the home page's trend)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import PAYLOAD, Built, assert_escaped, build_rounds, drawn
from mkdocs_journeys.charts.heatmap import unpacked
from rounds_fixture import three_rounds


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The fixture built three times, as the site of r1, of r2 and of r3."""
    return build_rounds(tmp_path_factory, three_rounds, ("r1", "r2", "r3"))


def specs(html: str) -> dict[str, dict[str, Any]]:
    """Every inline chart spec of a page by its script id, parsed the way the browser will."""
    return {m[0]: json.loads(m[1]) for m in re.findall(
        r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.DOTALL)}


def mark_rows(spec: dict[str, Any], mark: str) -> list[dict[str, Any]]:
    """The data rows of the first layer drawing `mark`, at any depth of layering."""
    for layer in spec.get("layer", []):
        if "layer" in layer:
            if rows := mark_rows({**layer, "datasets": spec.get("datasets", {})}, mark):
                return rows
            continue
        kind = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if kind == mark:
            data = layer.get("data") or spec["data"]
            return list(data["values"]) if "values" in data else list(spec["datasets"][data["name"]])
    return []


def mark_layer(spec: dict[str, Any], mark: str) -> dict[str, Any]:
    """The first layer drawing `mark`, at any depth of layering."""
    for layer in spec.get("layer", []):
        if "layer" in layer:
            try:
                return mark_layer(layer, mark)
            except LookupError:
                continue
        elif (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark:
            return dict(layer)
    raise LookupError(mark)


def _all_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every inline data row of a spec, at any depth."""
    rows = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += _all_rows(layer)
    return rows


def table_rows(html: str) -> list[str]:
    """The touchpoint ids of the table rows, in order."""
    return re.findall(r'<tr data-touchpoint="([a-z0-9-]+)">', html)


def cell(html: str, touchpoint: str, round_id: str | None) -> str:
    """A cell of the comparison table: the touchpoint's row, the round's column (None: the last column)."""
    row = re.search(rf'<tr data-touchpoint="{touchpoint}"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert row, touchpoint
    if round_id is None:
        found = re.search(r'<td class="journeys-overall">(.*?)</td>', row.group(1), re.DOTALL)
    else:
        found = re.search(rf'<td [^>]*data-round="{round_id}"[^>]*>(.*?)</td>', row.group(1), re.DOTALL)
    assert found, (touchpoint, round_id)
    return " ".join(found.group(1).split())


def hidden(fragment: str) -> list[str]:
    """The screen-reader-only sentences in an HTML fragment."""
    return re.findall(r'<span class="journeys-visually-hidden">(.*?)</span>', fragment)


# ---- the world as of a round ----------------------------------------------------------------------------

@pytest.mark.parametrize(("round_id", "expected"), [
    ("r1", ["form", "approval", "handover"]),
    ("r2", ["form", "approval", "chat", "handover"]),
    ("r3", ["form", "chat", "handover"]),
])
def test_journey_page_shows_the_touchpoints_of_its_round(sites: dict[str, Built], round_id: str,
                                                         expected: list[str]) -> None:
    html = sites[round_id].page("journeys/laptop")
    assert table_rows(html) == expected
    curve = specs(html)["journeys-chart-curve"]
    titles = {"form": "Request form", "approval": "Manager approval", "chat": "Live chat", "handover": "Handover"}
    assert [row["touchpoint"] for row in mark_rows(curve, "point")] == [titles[t] for t in expected]
    # The comparison page is reached from under the curve.
    assert '<p class="journeys-compare-link"><a href="../../compare/laptop/">Compare rounds</a> ' \
           '<span class="journeys-wall-link"><a href="../../wall/laptop/">Wall map (A3)</a></span></p>' in html


@pytest.mark.parametrize(("round_id", "rounds"), [("r1", ["r1"]), ("r2", ["r1", "r2"]),
                                                  ("r3", ["r1", "r2", "r3"])])
def test_a_site_lists_only_rounds_up_to_its_own(sites: dict[str, Built], round_id: str, rounds: list[str]) -> None:
    built = sites[round_id]
    assert sorted(p.name for p in (built.site / "rounds").iterdir()) == rounds
    # The nav's Rounds section ends at R (navigation.prune: the first round's page shows its siblings).
    assert sorted(set(re.findall(r'href="\.\./(r\d)/"', built.page("rounds/r1")))) == rounds[1:]
    assert re.findall(r'<th scope="col" data-round="(r\d)">', built.page(".")) == rounds


def test_comparison_pages_are_generated_titled_and_kept_out_of_the_nav(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("compare/laptop")
    assert "<title>Laptop request — Rounds side by side - Fixture</title>" in html
    assert "<h1>Laptop request — Rounds side by side</h1>" in html
    assert sites["r3"].page("compare/museum")
    assert 'href="compare/' not in sites["r3"].page(".")


# ---- the comparison page --------------------------------------------------------------------------------

@pytest.mark.parametrize(("round_id", "rounds"), [("r1", ["r1"]), ("r2", ["r1", "r2"]),
                                                  ("r3", ["r1", "r2", "r3"])])
def test_overlaid_curves_have_every_round_up_to_r_and_emphasise_r(sites: dict[str, Built], round_id: str,
                                                                   rounds: list[str]) -> None:
    html = sites[round_id].page("compare/laptop")
    assert 'data-journeys-chart="journeys-chart-compare"' in html and "<noscript>" in html
    spec = specs(html)["journeys-chart-compare"]
    points = mark_rows(spec, "point")
    assert sorted({row["round"] for row in points}) == rounds
    # The newest round's points are the larger ones (the browser works out which round is the newest's).
    drawn_points = drawn(spec, "journeys_rounds")
    assert {p["description"].split(",")[0] for p in drawn_points if p["size"] == 110} == {f"Round {round_id[1:]}"}
    line = mark_layer(spec, "line")["encoding"]
    assert line["strokeWidth"]["scale"] == {"domain": ["earlier", "newest"], "range": [2, 3.5]}
    assert line["opacity"]["scale"]["range"][0] < line["opacity"]["scale"]["range"][1] == 1
    colour = mark_layer(spec, "point")["encoding"]["color"]
    assert colour["scale"]["domain"] == rounds and len(set(colour["scale"]["range"])) == len(rounds)
    # Lines that coincide stay apart: each round has its own dash pattern and point shape, the newest solid.
    dashes = line["strokeDash"]["scale"]["range"]
    shapes = mark_layer(spec, "point")["encoding"]["shape"]["scale"]["range"]
    assert len({json.dumps(d) for d in dashes}) == len(set(shapes)) == len(rounds) and dashes[-1] == [1, 0]
    assert {t["field"] for t in mark_layer(spec, "point")["encoding"]["tooltip"]} == {
        "round_title", "touchpoint", "score", "notes"}


def test_each_rounds_curve_is_its_own_journey_pages_retired_touchpoints_included(sites: dict[str, Built]) -> None:
    spec = specs(sites["r3"].page("compare/laptop"))["journeys-chart-compare"]
    # A round's point names its touchpoint by position: the column the axis names.
    axis = mark_layer(spec, "line")["encoding"]["x"]["axis"]
    literal = re.search(r"(\[.*\])\[datum\.value\]", axis["labelExpr"])
    assert literal
    names = json.loads(literal.group(1))
    points = [{**row, "touchpoint": names[row["position"]]} for row in mark_rows(spec, "point")]
    scored = [(row["round"], row["touchpoint"], row["emotion"]) for row in points if row["emotion"] is not None]
    assert scored == [("r1", "Request form", -1), ("r1", "Manager approval", -2), ("r1", "Handover", 2),
                      ("r2", "Request form", 1), ("r2", "Manager approval", -1), ("r2", "Live chat", 0),
                      ("r2", "Handover", 1),
                      ("r3", "Request form", 1), ("r3", "Live chat", 2), ("r3", "Handover", -1)]
    for round_id in ("r1", "r2", "r3"):
        own = mark_rows(specs(sites[round_id].page("journeys/laptop"))["journeys-chart-curve"], "point")
        assert [(r["touchpoint"], r["emotion"]) for r in own] == [
            (r["touchpoint"], r["emotion"]) for r in points if r["round"] == round_id and r["active"]], round_id
    # A touchpoint not yet part of the journey (chat in r1) or retired (approval in r3) is a gap in that round's
    # line, not a straight line across its column: the round has a point there without a score, and the line
    # breaks at points without one.
    absent = [(row["round"], row["touchpoint"], row["emotion"]) for row in points if not row["active"]]
    assert absent == [("r1", "Live chat", None), ("r3", "Manager approval", None)]
    # Their rounds have no point there: what the reader points at are the rounds' scores, each saying its round.
    said = [p["description"] for p in drawn(spec, "journeys_rounds")]
    assert len(said) == len(scored) and said[0] == "Round 1, Request form: -1 Negative. Hard to find" and \
        not any(s.startswith(("Round 1, Live chat", "Round 3, Manager approval")) for s in said)
    assert mark_layer(spec, "line")["mark"]["invalid"] == "break-paths-filter-domains"
    assert mark_layer(spec, "point")["transform"] == [{"filter": "isValid(datum.emotion)"}]
    # The retired touchpoint keeps its column, named on the axis and marked inside the plot.
    axis = mark_layer(spec, "line")["encoding"]["x"]["axis"]
    literal = re.search(r"(\[.*\])\[datum\.value\]", axis["labelExpr"])
    assert literal and json.loads(literal.group(1)) == ["Request form", "Manager approval", "Live chat", "Handover"]
    assert "indexof([1], datum.value)" in axis["labelOpacity"]["condition"]["test"]
    assert [row for row in _all_rows(spec) if "note" in row] == [{"position": 1, "note": "retired in Round 3"}]
    assert next(r for r in points if r["round"] == "r3" and r["touchpoint"] == "Live chat")["notes"] == \
        "Chat answers fast"


def test_score_table_shows_changes_with_arrows_and_words(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("compare/laptop")
    assert table_rows(html) == ["form", "chat", "handover"]
    # The retired touchpoint keeps its row, greyed and marked, with the scores of the rounds that had it.
    assert re.findall(r'<tr data-touchpoint="([a-z]+)" data-retired="(r\d)" class="journeys-retired">', html) == [
        ("approval", "r3")]
    assert "(retired in Round 3)" in html
    assert cell(html, "approval", "r1").startswith("-2") and cell(html, "approval", "r2").startswith("-1")
    assert hidden(cell(html, "approval", "r3")) == ["not part of the journey in this round"]
    assert re.findall(r'<th scope="col" data-round="(r\d)">', html) == ["r1", "r2", "r3"]
    assert cell(html, "form", "r1").startswith("-1") and "journeys-delta" not in cell(html, "form", "r1")
    up = cell(html, "form", "r2")
    assert up.startswith("+1") and "journeys-delta--up" in up and "▲&#8239;+2" in up
    assert hidden(up) == ["up 2 from Round 1"]
    same = cell(html, "form", "r3")
    assert "journeys-delta--same" in same and "=&#8239;0" in same and hidden(same) == ["unchanged from Round 2"]
    down = cell(html, "handover", "r3")
    assert down.startswith("-1") and "▼&#8239;-2" in down and hidden(down) == ["down 2 from Round 2"]
    # A touchpoint added in r2 was not part of the journey in r1, and its first score is r2's.
    assert hidden(cell(html, "chat", "r1")) == ["not part of the journey in this round"]
    assert hidden(cell(html, "chat", "r2")) == []
    assert hidden(cell(html, "form", None)) == ["up 2 from Round 1"]
    assert hidden(cell(html, "chat", None)) == ["up 2 from Round 2"]
    assert "▼&#8239;-3" in cell(html, "handover", None) and hidden(cell(html, "handover", None)) == [
        "down 3 from Round 1"]
    # The words are for screen readers only; the arrows are hidden from them.
    assert '<span aria-hidden="true">▲&#8239;+2</span>' in up
    css = (sites["r3"].site / "assets/journeys/journeys.css").read_text()
    assert ".journeys-visually-hidden {" in css and "clip" in css


def test_touchpoints_that_appeared_and_disappeared(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("compare/laptop")
    assert re.findall(r'<li data-(appeared|disappeared)="([a-z]+)">', html) == [("appeared", "chat"),
                                                                               ("disappeared", "approval")]
    assert "Appeared: Live chat" in html and "Disappeared: Manager approval" in html
    assert "(compared with Round 2)" in html
    r2 = sites["r2"].page("compare/laptop")
    assert re.findall(r'<li data-(appeared|disappeared)="([a-z]+)">', r2) == [("appeared", "chat")]
    assert "No touchpoint appeared or disappeared up to round Round 3." in sites["r3"].page("compare/museum")


def notes_row(html: str, touchpoint: str) -> str:
    """The row of a touchpoint in the notes table."""
    row = re.search(rf'<tr data-notes-touchpoint="{touchpoint}"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert row, touchpoint
    return row.group(1)


def shown_notes(row: str) -> list[tuple[str, str]]:
    """(side, round) of the notes a row shows without JavaScript."""
    found = []
    for side, body in re.findall(r'<td data-side="(left|right)">(.*?)</td>', row, re.DOTALL):
        found += [(side, r) for r, off in re.findall(r'<div class="journeys-pair__note" data-round="(r\d)"[^>]*?'
                                                     r'( hidden)?>', body) if not off]
    return found


def test_notes_are_one_table_aligned_by_touchpoint_with_the_change_inline(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("compare/laptop")
    # A row per touchpoint, the retired one too; without JavaScript the newest round and the one before.
    assert re.findall(r'<tr data-notes-touchpoint="([a-z]+)"', html) == ["form", "approval", "chat", "handover"]
    for tp in ("form", "approval", "chat", "handover"):
        assert shown_notes(notes_row(html, tp)) == [("left", "r2"), ("right", "r3")], tp
    handover = notes_row(html, "handover")
    assert "Handover slot missed" in handover and "▼&#8239;-2" in handover and hidden(handover) == [
        "down 2 from Round 2"]
    assert "Reminder helps" in notes_row(html, "approval") and "(retired in Round 3)" in notes_row(html, "approval")
    assert "not part of the journey in this round" in notes_row(html, "approval")
    assert "Laptop summary 3" in html and "Chat answers fast" in html
    # Pickers appear only when the script runs; each is labelled, starts at its column's round and does not offer
    # the other's: a round is never compared with itself.
    assert html.count('<p class="journeys-pair__picker" data-side=') == 2
    assert len(re.findall(r" hidden>\s*<label", html)) == 2
    assert '<label for="journeys-pick-left">Round on the left</label>' in html
    assert '<label for="journeys-pick-right">Round on the right</label>' in html
    for side, expected in (("left", [("r1", "", ""), ("r2", " selected", ""), ("r3", "", " disabled")]),
                           ("right", [("r1", "", ""), ("r2", "", " disabled"), ("r3", " selected", "")])):
        select = re.search(rf'<select id="journeys-pick-{side}"[^>]*>(.*?)</select>', html, re.DOTALL)
        assert select and re.findall(r'<option value="(r\d)"( selected)?( disabled)?>', select.group(1)) == expected
    script = (sites["r3"].site / "assets/journeys/journeys.js").read_text()
    assert "data-journeys-pick" in script and 'closest("[hidden]")' in script


def test_comparison_page_of_the_first_round(sites: dict[str, Built]) -> None:
    html = sites["r1"].page("compare/laptop")
    assert re.findall(r'<th scope="col" data-round="(r\d)">', html) == ["r1"]
    assert "journeys-pair__picker" not in html and "journeys-delta" not in html
    assert "Only one round has observations for this journey so far" in html


# ---- the round overview ---------------------------------------------------------------------------------

def changes(html: str, key: str) -> list[tuple[str, str]]:
    """(journey, touchpoint) of the improvements or declines table, in order."""
    table = re.search(rf'data-changes="{key}"[^>]*>(.*?)</table>', html, re.DOTALL)
    assert table, key
    return re.findall(r'<tr data-journey="([a-z]+)" data-touchpoint="([a-z]+)">', table.group(1))


def heat_cells(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every cell of the round heatmap: the rows of each journey's strip, in order."""
    return [row for strip in spec["vconcat"] for row in strip["data"]["values"]]


def heat_layer(strip: dict[str, Any], mark: str) -> dict[str, Any]:
    """The layer of a heatmap strip drawing its cells (`rect`) or their scores (`text`)."""
    return next(u for u in strip["layer"] if u["mark"]["type"] == mark and "tooltip" in u["encoding"])


def test_round_overview_heatmap_has_every_journeys_scores(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("rounds/r3")
    spec = unpacked(specs(html)["journeys-chart-heatmap"])
    rows = [(r["position"], r["touchpoint"], r["emotion"]) for r in heat_cells(spec)]
    assert rows == [(1, "Request form", 1), (2, "Live chat", 2), (3, "Handover", -1), (1, "Ticket", 1),
                    (2, "Entry", -1), (3, "Exhibit", 1)]
    # Each strip's cells are its journey's, and print their scores.
    journeys = [next(t["calculate"] for t in s["transform"] if t["as"] == "journey") for s in spec["vconcat"]]
    assert journeys == ['"laptop"', '"museum"']
    assert [t["text"] for i in (0, 1) for t in drawn(spec, f"concat_{i}_layer_3")] == ["+1", "+2", "-1", "+1", "-1",
                                                                                      "+1"]
    # A strip per journey, titled with it; its columns are named by its own touchpoints (the axis under them).
    assert [s["title"]["text"] for s in spec["vconcat"]] == [["Laptop request"], ["Museum visit"]]
    first = spec["vconcat"][0]
    axis = next(u["encoding"]["x"]["axis"] for u in first["layer"] if u["encoding"]["x"].get("axis"))
    assert all(title in axis["labelExpr"] for title in ("Request form", "Live chat", "Handover"))
    # The score is printed in each cell, so the chart does not depend on colour alone.
    assert heat_layer(first, "text")["encoding"]["text"]["field"] == "score"
    # A diverging scale around the middle of the emotion scale; unscored cells are grey.
    colour = heat_layer(first, "rect")["encoding"]["color"]["condition"]
    assert colour["field"] == "emotion" and colour["scale"]["domain"] == [-2, 0, 2]
    assert len(set(colour["scale"]["range"])) == 3
    assert {t["field"] for t in heat_layer(first, "rect")["encoding"]["tooltip"]} >= {
        "journey_title", "stage", "touchpoint", "label"}


def test_round_overview_ranks_improvements_and_declines(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("rounds/r3")
    assert changes(html, "improvements") == [("laptop", "chat"), ("museum", "exhibit")]
    assert changes(html, "declines") == [("laptop", "handover"), ("museum", "entry"), ("museum", "ticket")]
    declines = re.search(r'data-changes="declines"[^>]*>(.*?)</table>', html, re.DOTALL)
    assert declines and hidden(declines.group(1)) == ["down 2 from Round 2", "down 2 from Round 2",
                                                      "down 1 from Round 2"]
    assert "+1 → -1" in " ".join(declines.group(1).split())


def test_overview_of_an_older_round_shows_that_rounds_data(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("rounds/r2")
    assert changes(html, "improvements") == [("laptop", "form"), ("museum", "ticket"), ("laptop", "approval")]
    assert changes(html, "declines") == [("museum", "exhibit"), ("laptop", "handover")]
    strip = next(s for s in specs(html)["journeys-chart-heatmap"]["vconcat"] if s["description"] == "Laptop request")
    laptop = [r["touchpoint"] for r in strip["data"]["values"]]
    assert laptop == ["Request form", "Manager approval", "Live chat", "Handover"]
    first = sites["r3"].page("rounds/r1")
    assert first.count("Round 1 is the first round: there is nothing to compare it with.") == 2
    assert "data-changes=" not in first


# ---- the home page --------------------------------------------------------------------------------------

def test_home_shows_each_groups_trend_up_to_r(sites: dict[str, Built]) -> None:
    # The home page lists groups (here one made from each journey's service), each with its journeys' mean.
    html = sites["r3"].page(".")
    laptop = re.search(r'<tr data-group="it-service-desk">(.*?)</tr>', html, re.DOTALL)
    museum = re.search(r'<tr data-group="city-museum">(.*?)</tr>', html, re.DOTALL)
    assert laptop and museum
    assert re.findall(r'data-round="(r\d)" data-average="([-0-9.]+)"', laptop.group(1)) == [
        ("r1", "-0.33"), ("r2", "0.25"), ("r3", "0.67")]
    assert hidden(laptop.group(1)) == ["up 0.58 from Round 1", "up 0.42 from Round 2"]
    assert "▲&#8239;+0.58" in laptop.group(1)
    assert hidden(museum.group(1)) == ["unchanged from Round 1", "down 0.34 from Round 2"]
    spec = specs(html)["journeys-chart-trend"]
    points = [(r["journey"], r["round"], r["average"]) for r in mark_rows(spec, "point")]
    assert points == [("city-museum", "r1", 0.67), ("city-museum", "r2", 0.67), ("city-museum", "r3", 0.33),
                      ("it-service-desk", "r1", -0.33), ("it-service-desk", "r2", 0.25),
                      ("it-service-desk", "r3", 0.67)]
    assert html.index('id="journeys-chart-trend"') < html.index('<tr data-group="it-service-desk">')
    older = sites["r2"].page(".")
    assert [r["round"] for r in mark_rows(specs(older)["journeys-chart-trend"], "point")] == ["r1", "r2"] * 2
    assert "journeys-chart-trend" not in sites["r1"].page(".")


def test_a_group_page_shows_each_journeys_trend_up_to_r(sites: dict[str, Built]) -> None:
    html = sites["r3"].page("groups/it-service-desk")
    laptop = re.search(r'<tr data-journey="laptop"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert laptop
    assert re.findall(r'data-round="(r\d)" data-average="([-0-9.]+)"', laptop.group(1)) == [
        ("r1", "-0.33"), ("r2", "0.25"), ("r3", "0.67")]
    assert hidden(laptop.group(1)) == ["up 0.58 from Round 1", "up 0.42 from Round 2"]
    spec = specs(html)["journeys-chart-trend"]
    assert [(r["journey"], r["round"]) for r in mark_rows(spec, "point")] == [("laptop", f"r{n}") for n in (1, 2, 3)]
    assert "journeys-chart-trend" not in sites["r1"].page("groups/it-service-desk")


def test_contributor_text_is_escaped_on_the_new_pages(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)
    journey = site.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text().replace("title: Live chat", f"title: '{PAYLOAD}'")
                       .replace("title: Laptop request", f"title: '{PAYLOAD}'"))
    site.write("rounds/r3/laptop.yml",
               f"summary: '{PAYLOAD}'\ntouchpoints:\n  chat: {{emotion: 2, notes: '{PAYLOAD}'}}\n")
    round3 = site.docs / "rounds/r3/index.md"
    round3.write_text(round3.read_text().replace("title: Round 3", f"title: '{PAYLOAD}'"))
    built = site.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("compare/laptop", "rounds/r3", ".", "journeys/laptop"))
    compare = built.page("compare/laptop")
    spec = specs(compare)["journeys-chart-compare"]
    assert PAYLOAD in json.dumps(spec, ensure_ascii=False).replace('\\"', '"')

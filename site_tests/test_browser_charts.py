"""The charts of the example in Chromium: pointing at or focusing the lowest point of a curve shows what customers
said there (not a KPI's tooltip), heatmap cells lead to their touchpoint, and the comparison page keeps retired
touchpoints and never compares a round with itself."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from mkdocs_journeys.charts.common import score_text
from mkdocs_journeys.charts.heatmap import unpacked

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import TOOLTIP, base_url, browser, only_local, page, site, wait_for_chart  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

LAPTOP = "/2026-q3/journeys/laptop-request/"
COMPARE = "/2026-q3/compare/laptop-request/"
# The curve's points: the last layer of the chart, named so.
POINTS = '[data-journeys-chart="journeys-chart-curve"] svg .journeys_points_0_marks path'


def lowest(view: Page) -> tuple[int, dict[str, object]]:
    """The index among the drawn points and the data row of the curve's lowest point."""
    spec = json.loads(view.locator('script[id="journeys-chart-curve"]').text_content() or "{}")
    rows = [row for row in _rows(spec) if "extreme" in row and row["emotion"] is not None]
    index = min(range(len(rows)), key=lambda i: rows[i]["emotion"])
    # The score in words, as the browser works it out from the row, with the scale's word (the emotion axis's).
    line = next(layer for layer in _units(spec) if layer["mark"]["type"] == "line")
    words = json.loads(line["encoding"]["y"]["axis"]["labelExpr"].removesuffix("[datum.value]"))
    return index, {**rows[index], "score": score_text(rows[index]["emotion"], words[str(rows[index]["emotion"])])}


def test_pointing_at_the_lowest_point_shows_its_notes(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base_url + LAPTOP)
    charts = page.locator("[data-journeys-chart]").evaluate_all("els => els.map(e => e.dataset.journeysChart)")
    assert (problem := wait_for_chart(page, charts.index("journeys-chart-curve"))) is None, problem
    index, row = lowest(page)
    assert row["extreme"] == "dip" and row["notes"], row
    point = page.locator(POINTS).nth(index)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    # The point's own tooltip (a KPI bar at the same touchpoint lies in its own panel, under the curve).
    expect(tooltip).to_contain_text(str(row["notes"]))
    expect(tooltip).to_contain_text(str(row["score"]))
    # Screen readers hear the touchpoint, the score and the notes, not field names.
    label = point.get_attribute("aria-label") or ""
    assert label.startswith(f"{row['touchpoint']}: {row['score']}") and str(row["notes"]) in label, label
    # The keyboard reaches the same point, and focusing it shows the same tooltip.
    page.mouse.move(1, 1)
    expect(tooltip).to_be_hidden()
    point.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(str(row["notes"]))


def test_a_heatmap_cell_leads_to_its_touchpoint_on_the_journey_page(page: Page, base_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base_url + "/2026-q3/rounds/2026-q3/")
    assert (problem := wait_for_chart(page, 0)) is None, problem
    cell = page.locator('[data-journeys-chart="journeys-chart-heatmap"] svg .mark-rect path[aria-label]').first
    spec = json.loads(page.locator('script[id="journeys-chart-heatmap"]').text_content() or "{}")
    first = _heat_cell(spec["vconcat"][0])
    assert cell.get_attribute("aria-label") == \
        f"{first['journey_title']}, {first['stage']}, {first['touchpoint']}: {first['score']} {first['label']}"
    # The cell's score is printed over it and links to the same place: the reader clicks wherever.
    cell.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = cell.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/journeys/[a-z0-9-]+/#touchpoint-[a-z0-9-]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f'[id="{anchor}"]').count() == 1, f"{page.url}: no element with id {anchor}"
    assert page.url.endswith(str(first["href"]).removeprefix("../.."))
    assert str(first["touchpoint"]) in page.locator(f'[id="{anchor}"]').inner_text()


def test_retired_touchpoints_stay_on_the_comparison_page(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + COMPARE)
    assert (problem := wait_for_chart(page, 0)) is None, problem
    # The score table and the notes keep the retired touchpoint, marked with the round that retired it.
    for row in (page.locator('.journeys-scores tr[data-retired="2026-q3"]'),
                page.locator('.journeys-pair__table tr[data-retired="2026-q3"]')):
        expect(row).to_have_count(1)
        expect(row).to_contain_text("retired in 2026 Q3")
    # The chart says so too, and the older round's line has as many points as that round's own journey page.
    chart = page.locator('[data-journeys-chart="journeys-chart-compare"]')
    expect(chart.locator("svg text", has_text="retired in 2026 Q3")).to_have_count(1)
    spec = json.loads(page.locator('script[id="journeys-chart-compare"]').text_content() or "{}")
    # The comparison's rows name their touchpoint by position, the column the axis names.
    names = _axis_titles(next(layer for layer in _units(spec) if layer["encoding"]["x"].get("axis")))
    compared = [{**r, "touchpoint": names[r["position"]]} for r in _rows(spec)
                if r.get("round") == "2026-q2" and r.get("emotion") is not None]
    page.goto(base_url + "/2026-q2/journeys/laptop-request/")
    own = json.loads(page.locator('script[id="journeys-chart-curve"]').text_content() or "{}")
    scored = [r for r in _rows(own) if "extreme" in r and r["emotion"] is not None]
    assert [(r["touchpoint"], r["emotion"]) for r in compared] == [(r["touchpoint"], r["emotion"]) for r in scored]


def test_the_two_pickers_never_show_the_same_round(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + COMPARE)
    left, right = page.locator("#journeys-pick-left"), page.locator("#journeys-pick-right")
    left.wait_for(state="visible")
    rounds = left.locator("option").evaluate_all("options => options.map(o => o.value)")
    for side, other in ((left, right), (right, left)):
        for round_id in rounds:
            if side.locator(f'option[value="{round_id}"]').is_disabled():
                assert other.input_value() == round_id
                continue
            side.select_option(round_id)
            assert other.input_value() != round_id
            assert other.locator(f'option[value="{round_id}"]').is_disabled()
            assert other.locator("option:not([disabled])").count() == len(rounds) - 1
    # Keyboard: arrow keys skip the round the other column shows.
    left.select_option(rounds[0])
    right.select_option(rounds[1])
    right.focus()
    page.keyboard.press("ArrowUp")
    assert right.input_value() == rounds[1]  # rounds[0] is the left's: there is nothing above to move to


ROUND = "/2026-q3/rounds/2026-q3/"
PLAN = "/2026-q3/action-plan/"
LAPTOP_SIZE, PHONE_SIZE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}


def _spec(view: Page, chart_id: str) -> dict[str, object]:
    return json.loads(view.locator(f'script[id="{chart_id}"]').text_content() or "{}")


def _drawn_chart(view: Page, chart_id: str) -> None:
    charts = view.locator("[data-journeys-chart]").evaluate_all("els => els.map(e => e.dataset.journeysChart)")
    assert (problem := wait_for_chart(view, charts.index(chart_id))) is None, problem


def test_heatmap_columns_are_named_by_each_journeys_stages_and_touchpoints(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    for size in (LAPTOP_SIZE, PHONE_SIZE):
        page.set_viewport_size(size)
        page.goto(base_url + ROUND)
        _drawn_chart(page, "journeys-chart-heatmap")
        canvas = page.locator('[data-journeys-chart="journeys-chart-heatmap"]')
        # Multi-line names are one text of several lines: compared without spaces.
        texts = {re.sub(r"\s+", "", t) for t in canvas.locator("svg text").all_text_contents()}
        spec = unpacked(_spec(page, "journeys-chart-heatmap"))  # type: ignore[arg-type]
        strips = spec["vconcat"]
        assert len(strips) >= 4
        for strip in strips:
            rows = [r for r in _all_rows(strip) if "tp" in r]
            stages = [band for name in {u["data"]["name"] for u in strip["layer"] if "name" in u.get("data", {})}
                      for band in spec["datasets"][name]]  # type: ignore[index]
            assert rows and stages
            missing = [r["touchpoint"] for r in rows if re.sub(r"\s+", "", str(r["touchpoint"])) not in texts]
            missing += [b["stage"] for b in stages if re.sub(r"\s+", "", "".join(b["lines"])) not in texts]  # type: ignore[arg-type]
            assert not missing, f"{strip['title']}: not named on the chart: {missing}"  # type: ignore[index]
        # On a laptop the strips fit their box; on a phone the chart scrolls inside it and says so.
        if size == LAPTOP_SIZE:
            assert canvas.get_attribute("data-scroll") == "none"
        else:
            assert canvas.get_attribute("data-scroll") == "more"
            expect(page.locator(".journeys-chart__more").first).to_be_visible()
            assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
    # Pointing at a cell names its journey, stage and touchpoint.
    page.set_viewport_size(LAPTOP_SIZE)
    page.goto(base_url + ROUND)
    _drawn_chart(page, "journeys-chart-heatmap")
    first = _heat_cell(_spec(page, "journeys-chart-heatmap")["vconcat"][0])  # type: ignore[index]
    cell = page.locator('[data-journeys-chart="journeys-chart-heatmap"] svg .mark-rect path[aria-label]').first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    for text in (first["journey_title"], first["stage"], first["touchpoint"]):
        expect(tooltip).to_contain_text(str(text))


MATRIX_DOTS = """() => {
  const svg = document.querySelector('[data-journeys-chart="journeys-chart-matrix"] svg');
  const dots = [...svg.querySelectorAll('.mark-symbol path[aria-label]')].map(p => {
    const b = p.getBoundingClientRect();
    return {label: p.getAttribute('aria-label'), x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2};
  });
  const lines = [...svg.querySelectorAll('.mark-rule.role-mark line')].map(l => l.getBoundingClientRect());
  const vertical = lines.find(b => b.width < 2), horizontal = lines.find(b => b.height < 2);
  return {dots, x: vertical.x + vertical.width / 2, y: horizontal.y + horizontal.height / 2};
}"""


def test_matrix_dots_never_overlap_nor_cross_a_quadrant_line(page: Page, base_url: str) -> None:  # noqa: F811
    for size in (LAPTOP_SIZE, PHONE_SIZE):
        page.set_viewport_size(size)
        page.goto(base_url + PLAN)
        _drawn_chart(page, "journeys-chart-matrix")
        found = page.evaluate(MATRIX_DOTS)
        rows = {str(r["description"]): r for r in _all_rows(_spec(page, "journeys-chart-matrix")) if "href" in r}
        dots = found["dots"]
        assert len(dots) == len(rows) > 20
        for i, a in enumerate(dots):
            for b in dots[i + 1:]:
                gap = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
                assert gap >= a["r"] + b["r"] - 0.5, f"{size}: {a['label']} overlaps {b['label']}"
        for dot in dots:
            row = rows[dot["label"]]
            for value, centre, line, sign in ((row["effort"], dot["x"], found["x"], 1),
                                              (row["impact"], dot["y"], found["y"], -1)):
                side = (centre - line) * sign
                if value == 3:
                    if not (row["effort"] == row["impact"] == 3 and sign == 1):
                        assert abs(side) < dot["r"], f"{size}: {dot['label']} is off its line"
                else:
                    assert side * (int(value) - 3) > 0 and abs(side) >= dot["r"] - 0.5, \
                        f"{size}: {dot['label']} crosses a quadrant line"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]


def test_every_matrix_dot_lands_on_its_row(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.set_viewport_size(LAPTOP_SIZE)
    page.goto(base_url + PLAN)
    _drawn_chart(page, "journeys-chart-matrix")
    rows = [r for r in _all_rows(_spec(page, "journeys-chart-matrix")) if "href" in r]
    for row in rows:
        target = page.locator(f'[id="{str(row["href"]).removeprefix("#")}"]')
        expect(target).to_have_count(1)
        expect(target).to_contain_text(str(row["idea"]))
    # A done opportunity's row is folded away: following its dot opens the fold and shows the row.
    done = next(r for r in rows if r["status"] == "done")
    dot = page.locator('[data-journeys-chart="journeys-chart-matrix"] svg .mark-symbol path[aria-label]').nth(
        rows.index(done))
    dot.scroll_into_view_if_needed()
    box = dot.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(re.escape(str(done["href"])) + "$"))
    row = page.locator(f'[id="{str(done["href"]).removeprefix("#")}"]')
    expect(row).to_be_visible()
    expect(row).to_be_in_viewport()


def test_a_rounds_line_breaks_where_a_touchpoint_was_not_part_of_the_journey(page: Page, base_url: str) -> None:  # noqa: F811
    # On the laptop request's comparison, one touchpoint is retired in 2026 Q3 and one new since: every round's line
    # has a gap (a second subpath) instead of a straight line across the column.
    page.goto(base_url + COMPARE)
    assert (problem := wait_for_chart(page, 0)) is None, problem
    paths = page.locator('[data-journeys-chart="journeys-chart-compare"] svg .mark-line path').evaluate_all(
        "els => els.map(e => (e.getAttribute('d').match(/M/g) || []).length)")
    assert len(paths) == 3 and all(moves >= 2 for moves in paths), paths


def _rows(spec: dict[str, object]) -> list[dict[str, object]]:
    """Every data row of a spec, at any depth, each once: inline in a layer, or in the spec's datasets (data that
    several layers draw)."""
    shared = spec.get("datasets")
    named = [row for rows in shared.values() for row in rows] if isinstance(shared, dict) else []
    found = {json.dumps(row, sort_keys=True): row for row in named + _all_rows(spec)}
    return list(found.values())


def _units(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every unit layer of a spec (one that draws a mark), at any depth of layering."""
    return [unit for layer in spec.get("layer", []) for unit in (_units(layer) if "layer" in layer else [layer])]


def _axis_titles(layer: dict[str, Any]) -> list[str]:
    """The touchpoints' titles an x axis looks its labels up in."""
    literal = re.search(r"(\[.*\])\[datum\.value\]", layer["encoding"]["x"]["axis"]["labelExpr"])
    assert literal
    return list(json.loads(literal.group(1)))


def _heat_cell(strip: dict[str, Any]) -> dict[str, Any]:
    """The first cell of a heatmap strip with what the browser works out from its row: the strip's journey, the
    cell's link, its score and its label (each a string or a JSON lookup in the strip's transform)."""
    row = next(r for r in _all_rows(strip) if "tp" in r)
    found: dict[str, Any] = dict(row)
    for step in strip["transform"]:
        expression = step["calculate"]
        if step["as"] == "href":
            found["href"] = json.loads(expression.removesuffix(" + datum.tp")) + row["tp"]
        elif step["as"] == "label":
            found["label"] = json.loads(expression.removesuffix("[datum.emotion] || ''")).get(str(row["emotion"]), "")
        elif step["as"] != "score":
            found[step["as"]] = json.loads(expression)
    emotion = row["emotion"]
    found["score"] = "–" if emotion is None else f"{emotion:+d}" if emotion else "0"
    return found


def _all_rows(spec: dict[str, object]) -> list[dict[str, object]]:
    data = spec.get("data")
    rows = list(data.get("values", [])) if isinstance(data, dict) else []
    for layer in spec.get("layer", []) if isinstance(spec.get("layer"), list) else []:  # type: ignore[union-attr]
        rows += _all_rows(layer)
    return rows

"""Every chart offers its data and a static picture: the buttons under a drawn chart download CSV, SVG and PNG,
with the mouse and with the keyboard, and contributors' text stays data in the CSV."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import PAYLOAD, FixtureSite, layer_data

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import (  # noqa: F401
    base_url,
    browser,
    only_local,
    page,
    served,
    site,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Download, Locator, Page

JOURNEY = "/2026-q3/journeys/laptop-request/"
SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _save(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def _toolbar(view: Page, chart_id: str) -> Locator:
    """The download buttons of one chart, once it is drawn."""
    view.wait_for_selector(f"[data-journeys-chart={chart_id}][data-drawn=yes]")
    return view.locator(f"figure:has([data-journeys-chart={chart_id}]) .journeys-chart__downloads")


def _spec(view: Page, chart_id: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(view.locator(f"script#{chart_id}").text_content() or "")
    return spec


def _download(view: Page, button: Locator) -> tuple[str, bytes]:
    with view.expect_download() as info:
        button.click()
    return info.value.suggested_filename, _save(info.value)


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a byte-order mark, so Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg"
    # A name wrapped into lines is one text of several tspans.
    return [" ".join(el.itertext()) if len(el) else el.text or "" for el in root.iter(f"{SVG_NS}text")]


def _drawn(title: str, texts: list[str]) -> bool:
    """A title is drawn whole, or cut short with an ellipsis where the axis has no room."""
    return title in texts or any(t.endswith("…") and title.startswith(t[:-1]) for t in texts)


def test_each_chart_downloads_its_data_svg_and_png(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + JOURNEY)
    bar = _toolbar(page, "journeys-chart-curve")
    buttons = bar.locator("button")
    assert buttons.all_inner_texts() == ["Data (CSV)", "SVG image", "PNG image"]
    assert bar.get_attribute("role") == "group" and bar.get_attribute("aria-label") == "Download this chart"
    files = dict(_download(page, buttons.nth(i)) for i in range(3))
    stem = "2026-q3-journeys-laptop-request-curve"
    assert sorted(files) == [f"{stem}.csv", f"{stem}.png", f"{stem}.svg"]

    points = layer_data(_spec(page, "journeys-chart-curve"), "point")
    rows = _csv(files[f"{stem}.csv"])
    curve = [r for r in rows if r["emotion"] and not r.get("persona")]
    assert [(r["touchpoint"], r["emotion"]) for r in curve] == \
        [(p["touchpoint"], str(p["emotion"])) for p in points if p["emotion"] is not None]
    assert "zero" not in rows[0], "helper data without a tooltip (the zero line) is not the chart's data"

    texts = _svg_texts(files[f"{stem}.svg"])
    missing = [p["touchpoint"] for p in points if not _drawn(p["touchpoint"], texts)]
    assert not missing, f"touchpoint titles missing from the SVG: {missing}"
    assert files[f"{stem}.png"].startswith(PNG_SIGNATURE) and len(files[f"{stem}.png"]) > 5000


@pytest.mark.parametrize(("path", "chart_id", "field"), [
    ("/2026-q3/", "journeys-chart-trend", "average"),
    ("/2026-q3/rounds/2026-q3/", "journeys-chart-heatmap", "emotion"),
    ("/2026-q3/compare/museum-visit/", "journeys-chart-compare", "round"),
    ("/2026-q3/action-plan/", "journeys-chart-matrix", "idea"),
])
def test_every_kind_of_chart_offers_its_rows(page: Page, base_url: str, path: str, chart_id: str,  # noqa: F811
                                             field: str) -> None:
    page.goto(base_url + path)
    name, data = _download(page, _toolbar(page, chart_id).locator("button").first)
    assert name == path.strip("/").replace("/", "-") + "-" + chart_id.removeprefix("journeys-chart-") + ".csv"
    rows = [r for r in _csv(data) if r.get(field)]
    assert rows, f"no row with {field!r} in the CSV of {chart_id}"
    if chart_id == "journeys-chart-matrix":
        # The quadrant names are helper text, not opportunities.
        assert all(r["idea"] for r in _csv(data)), "every row of the matrix's CSV is an opportunity"


def test_downloads_work_from_the_keyboard(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + JOURNEY)
    buttons = _toolbar(page, "journeys-chart-curve").locator("button")
    for index, suffix in enumerate((".csv", ".svg", ".png")):
        buttons.nth(index).focus()
        assert page.evaluate("document.activeElement.classList.contains('journeys-chart__download')")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        assert info.value.suggested_filename.endswith(suffix)
    # Tab moves from one button to the next, as for any button.
    buttons.first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "SVG image"


def test_without_javascript_no_dead_buttons(browser: Browser, base_url: str) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        view = context.new_page()
        view.route("**/*", only_local)
        view.goto(base_url + JOURNEY)
        bar = view.locator(".journeys-chart__downloads").first
        assert bar.get_attribute("hidden") is not None and bar.is_hidden()
        assert view.locator(".journeys-chart__download").count() == 0
    finally:
        context.close()


FORMULA = '=HYPERLINK("http://x","a, b")'
NOTES = 'He said "wait",\nthen left ' + PAYLOAD


@pytest.fixture
def hostile_url(tmp_path: Path) -> Iterator[str]:
    """A fixture site whose touchpoint title is a spreadsheet formula and whose notes hold quotes, a comma, a
    line break and markup, built and served from 127.0.0.1."""
    fixture = FixtureSite(tmp_path).standard()
    journey = fixture.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text("utf-8").replace("title: Request form", f"title: {json.dumps(FORMULA)}"),
                       "utf-8")
    fixture.write("rounds/r2/laptop.yml", f"""\
        touchpoints:
          form: {{emotion: 1, notes: {json.dumps(NOTES)}}}
          approval: {{emotion: -2, notes: '@SUM(1)'}}
          handover: {{emotion: 2}}
        """)
    built = fixture.build()
    assert built.code == 0, built.output
    with served(built.site) as url:
        yield url


def test_contributor_text_stays_data_in_the_csv(page: Page, hostile_url: str) -> None:  # noqa: F811
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(hostile_url + "/journeys/laptop/")
    name, data = _download(page, _toolbar(page, "journeys-chart-curve").locator("button").first)
    assert name == "journeys-laptop-curve.csv"
    text = data.decode("utf-8-sig")
    rows = [r for r in _csv(data) if r["emotion"]]
    form = next(r for r in rows if r["position"] == "0")
    assert form["touchpoint"] == "'" + FORMULA, "a formula gets a leading apostrophe"
    assert form["notes"] == NOTES, "quotes, the comma, the line break and the markup survive as text"
    assert '"He said ""wait"",\nthen left' in text, "the cell is quoted and its quotes doubled"
    approval = next(r for r in rows if r["position"] == "1")
    assert (approval["notes"], approval["emotion"]) == ("'@SUM(1)", "-2"), "negative numbers stay numbers"
    assert not dialogs and page.locator("img[src=x]").count() == 0

"""Every chart offers its data and a static picture: the buttons under a drawn chart download CSV, SVG and PNG,
with the mouse and with the keyboard."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import base_url, browser, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Download, Page

JOURNEY = "/2026-q3/journeys/laptop-request/"


def _save(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def test_each_chart_downloads_its_data_svg_and_png(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + JOURNEY)
    page.wait_for_selector("[data-journeys-chart][data-drawn=yes]")
    bar = page.locator("#journeys-chart-curve ~ .journeys-chart__downloads, "
                       "figure:has([data-journeys-chart=journeys-chart-curve]) .journeys-chart__downloads").first
    buttons = bar.locator("button")
    assert buttons.all_inner_texts() == ["Data (CSV)", "SVG image", "PNG image"]
    assert bar.get_attribute("aria-label") == "Download this chart"
    files = {}
    for i in range(3):
        with page.expect_download() as info:
            buttons.nth(i).click()
        files[info.value.suggested_filename] = _save(info.value)
    names = sorted(files)
    assert names == ["2026-q3-journeys-laptop-request-curve.csv", "2026-q3-journeys-laptop-request-curve.png",
                     "2026-q3-journeys-laptop-request-curve.svg"]
    rows = list(csv.DictReader(io.StringIO(files[names[0]].decode("utf-8-sig"))))
    touchpoints = {r["touchpoint"] for r in rows if r.get("touchpoint")}
    assert {"Igény bejelentése e-mailben", "Automatikus visszaigazolás"} <= touchpoints
    assert {r["emotion"] for r in rows if r.get("emotion")} <= {"-2", "-1", "0", "1", "2"}
    svg = ET.fromstring(files[names[2]])
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Igénylés" in files[names[2]].decode("utf-8")  # the stage band's label is drawn
    assert files[names[1]].startswith(b"\x89PNG\r\n\x1a\n") and len(files[names[1]]) > 5000


def test_downloads_work_from_the_keyboard(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + JOURNEY)
    page.wait_for_selector("[data-journeys-chart][data-drawn=yes]")
    button = page.locator(".journeys-chart__download").first
    button.focus()
    assert page.evaluate("document.activeElement.textContent") == "Data (CSV)"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")


def test_without_javascript_no_dead_buttons(browser, base_url: str) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        view = context.new_page()
        view.route("**/*", only_local)
        view.goto(base_url + JOURNEY)
        assert view.locator(".journeys-chart__downloads").first.is_hidden()
        assert view.locator(".journeys-chart__download").count() == 0
    finally:
        context.close()

"""A journey of 2,000 touchpoints builds, and its curve stays readable: a fixed step per touchpoint inside a figure
that scrolls sideways (and can be reached from the keyboard to scroll), with the table as the full record."""

from __future__ import annotations

import functools
import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import PERSONA, ROUND, Built, FixtureSite
from mkdocs_journeys.charts.common import LONG_JOURNEY, LONG_STEP
from test_browser import LOCAL_HOST, QuietHandler, QuietServer, browser, only_local  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser

COUNT = 2000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = FixtureSite(tmp_path_factory.mktemp("long"))
    site.write("personas/anna.md", PERSONA)
    stages = "\n".join(f"  - {{id: s{n}, title: Stage {n}}}" for n in range(4))
    touchpoints = "\n".join(f"  - {{id: t{n:04d}, title: Step {n}, stage: s{n * 4 // COUNT}}}" for n in range(COUNT))
    site.write("journeys/long.md", f"---\ntitle: Long\nservice: Many steps\npersonas: [anna]\nstages:\n{stages}\n"
                                   f"touchpoints:\n{touchpoints}\n---\n")
    site.write("rounds/r1/index.md", ROUND.format(n=1, status="open"))
    scores = "\n".join(f"  t{n:04d}: {{emotion: {n % 5 - 2}}}" for n in range(COUNT))
    site.write("rounds/r1/long.yml", f"touchpoints:\n{scores}\n")
    result = site.build()
    assert result.code == 0, result.output
    return result


def test_the_curve_gets_a_step_per_touchpoint(built: Built) -> None:
    html = built.page("journeys/long")
    spec = json.loads(re.search(r'<script type="application/json" id="journeys-chart-curve">(.*?)</script>', html,
                                re.S).group(1))
    assert COUNT > LONG_JOURNEY and spec["width"] == COUNT * LONG_STEP
    assert html.count('<tr data-touchpoint="t') == COUNT  # the table holds every touchpoint


def test_short_journeys_fill_the_page(tmp_path: Path) -> None:
    built = FixtureSite(tmp_path).standard().build()
    html = built.page("journeys/laptop")
    spec = json.loads(re.search(r'id="journeys-chart-curve">(.*?)</script>', html, re.S).group(1))
    assert spec["width"] == "container"


def test_the_long_curve_scrolls_and_takes_the_keyboard(built: Built, browser: Browser) -> None:  # noqa: F811
    server = QuietServer((LOCAL_HOST, 0), functools.partial(QuietHandler, directory=str(built.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/*", only_local)
        page.goto(f"http://{LOCAL_HOST}:{server.server_address[1]}/journeys/long/")
        canvas = page.locator('[data-journeys-chart="journeys-chart-curve"]')
        page.wait_for_selector('[data-journeys-chart="journeys-chart-curve"][data-drawn=yes]', timeout=60_000)
        widths = canvas.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert widths[0] > 10 * widths[1]
        assert canvas.get_attribute("tabindex") == "0"
        canvas.focus()
        assert page.evaluate("document.activeElement.getAttribute('data-journeys-chart')") == "journeys-chart-curve"
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        # Scrolling may be animated: wait until the figure has moved.
        moved = "document.querySelector('[data-journeys-chart=\"journeys-chart-curve\"]').scrollLeft > 0"
        page.wait_for_function(moved, timeout=5_000)
    finally:
        context.close()
        server.shutdown()
        server.server_close()

"""Accessibility: axe-core runs in Chromium on every kind of page of the example (home, group, journey, comparison,
persona, round overview, feedback map, action plan, wall map, and pages of earlier rounds), in the light and the
dark colour scheme, and finds no serious or critical violation. Charts carry a description and a data table;
colour is never the only signal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import CHART, TIMEOUT_MS, base_url, browser, built_site, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# One page of every kind, in the newest round and in the first one (fewer touchpoints, no action plan yet).
PAGES = {
    "home": "/2026-q3/",
    "group": "/2026-q3/groups/public-services/",
    "journey": "/2026-q3/journeys/laptop-request/",
    "journey, first round": "/2026-q1/journeys/online-purchase/",
    "comparison": "/2026-q3/compare/clinic-visit/",
    "persona": "/2026-q3/personas/sam-carter/",
    "round overview": "/2026-q3/rounds/2026-q3/",
    "feedback map": "/2026-q3/feedback/museum-visit/",
    "action plan": "/2026-q3/action-plan/",
    "wall map": "/2026-q3/wall/laptop-request/",
}
BLOCKING = ("serious", "critical")


def _axe(view: Page) -> list[dict[str, Any]]:
    """Violations axe-core finds on the page as it is now (its script comes with the test extras)."""
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    view.evaluate(script)
    result = view.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _settle(view: Page) -> None:
    """Wait until every chart of the page has been drawn (or failed), so axe sees the finished page."""
    view.wait_for_function(
        f"Array.from(document.querySelectorAll('{CHART}')).every(el => "
        "el.closest('[hidden]') || ['yes', 'failed'].includes(el.getAttribute('data-drawn')))")


# The reader's system setting, which the example's palette follows: Material's default and slate schemes.
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_or_critical_violations(browser: Browser, base_url: str, kind: str,  # noqa: F811
                                           scheme: str) -> None:
    path = PAGES[kind]
    assert (built_site().site / path.strip("/") / "index.html").is_file(), f"the example has no {kind} page {path}"
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    try:
        view = context.new_page()
        view.goto(base_url + path)
        _settle(view)
        assert view.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        blocking = [v for v in _axe(view) if v["impact"] in BLOCKING]
    finally:
        context.close()
    report = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
               "where": [n["target"] for n in v["nodes"][:5]]} for v in blocking]
    assert not blocking, json.dumps(report, indent=2, ensure_ascii=False)


def test_axe_finds_what_it_should(page: Page, base_url: str) -> None:  # noqa: F811
    # The check above cannot pass vacuously: a control without a name on the same page is reported.
    page.goto(base_url + PAGES["journey"])
    _settle(page)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<button></button>')")
    assert "button-name" in {v["id"] for v in _axe(page) if v["impact"] in BLOCKING}


def test_every_chart_has_a_description_and_its_data_as_a_table(page: Page, base_url: str) -> None:  # noqa: F811
    for kind in ("journey", "comparison", "round overview", "action plan", "group"):
        page.goto(base_url + PAGES[kind])
        _settle(page)
        charts = page.locator("figure.journeys-chart")
        assert charts.count() > 0, kind
        for i in range(charts.count()):
            figure = charts.nth(i)
            canvas = figure.locator("[data-journeys-chart]")
            # Our markup says img; vega-embed, once drawn, names the container a graphics document.
            assert canvas.get_attribute("role") in ("img", "graphics-document")
            assert len(canvas.get_attribute("aria-label") or "") > 20
            assert len(figure.locator("figcaption").inner_text()) > 20
        # The numbers behind the charts are in tables with captions on the same page.
        assert page.locator("table caption").count() > 0, kind


def test_changes_are_told_by_arrows_and_text_not_by_colour_alone(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + PAGES["comparison"])
    deltas = page.locator(".journeys-delta")
    assert deltas.count() > 0
    for i in range(min(deltas.count(), 20)):
        text = deltas.nth(i).inner_text() + (deltas.nth(i).get_attribute("aria-label") or "")
        accessible = deltas.nth(i).evaluate("el => el.textContent")
        assert any(mark in text + accessible for mark in ("↑", "↓", "→", "=", "up", "down", "unchanged")), accessible

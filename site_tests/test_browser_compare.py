"""The comparison page of the example in Chromium: the round pickers switch the notes columns, with the mouse
and the keyboard, and without JavaScript the default pair (newest round and the one before) is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import base_url, browser, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

# `journeys build` writes every round into its own folder.
COMPARE = "/2026-q3/compare/laptop-request/"


def panel(view: Page, side: str, round_id: str) -> Locator:
    """The heading of a round's notes in the left or right column of the notes table."""
    return view.locator(f'.journeys-pair__table thead th[data-side="{side}"] [data-round="{round_id}"]')


def test_pickers_switch_the_rounds_side_by_side(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + COMPARE)
    left, right = page.locator("#journeys-pick-left"), page.locator("#journeys-pick-right")
    expect(left).to_be_visible()
    expect(page.get_by_label("Round on the left")).to_have_value("2026-q2")
    expect(right).to_have_value("2026-q3")
    left.select_option("2026-q1")
    expect(panel(page, "left", "2026-q1")).to_be_visible()
    expect(panel(page, "left", "2026-q2")).to_be_hidden()
    expect(panel(page, "right", "2026-q3")).to_be_visible()
    # Every row shows the chosen rounds' notes, and the change between them.
    row = page.locator('tr[data-notes-touchpoint="vezetoi-jovahagyas"]')
    expect(row.locator('[data-side="left"] [data-round="2026-q1"]')).to_be_visible()
    expect(row.locator('[data-side="left"] [data-round="2026-q2"]')).to_be_hidden()
    expect(row.locator(".journeys-visually-hidden")).to_have_text("up 2 from 2026 Q1")
    # Keyboard: a focused drop-down changes its round with the arrow keys.
    right.focus()
    page.keyboard.press("ArrowUp")
    expect(right).to_have_value("2026-q2")
    expect(panel(page, "right", "2026-q2")).to_be_visible()
    expect(panel(page, "right", "2026-q3")).to_be_hidden()
    expect(row.locator(".journeys-visually-hidden")).to_have_text("up 1 from 2026 Q1")


def test_without_javascript_the_default_pair_is_shown(browser: Browser, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(base_url + COMPARE)
        expect(page.locator(".journeys-pair__picker")).to_have_count(2)
        expect(page.locator(".journeys-pair__picker").first).to_be_hidden()
        expect(panel(page, "left", "2026-q2")).to_be_visible()
        expect(panel(page, "right", "2026-q3")).to_be_visible()
        for side, round_id in (("left", "2026-q1"), ("left", "2026-q3"), ("right", "2026-q1"), ("right", "2026-q2")):
            expect(panel(page, side, round_id)).to_be_hidden()
        expect(page.locator(".journeys-scores table")).to_be_visible()
    finally:
        context.close()


def test_the_site_of_an_older_round_compares_only_up_to_it(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + "/2026-q2/compare/laptop-request/")
    expect(page.locator("#journeys-pick-right option")).to_have_text(["2026 Q1", "2026 Q2"])
    expect(panel(page, "left", "2026-q1")).to_be_visible()
    expect(panel(page, "right", "2026-q2")).to_be_visible()


def test_the_comparison_chart_draws_a_curve_for_every_round(page: Page, base_url: str) -> None:  # noqa: F811
    """One drawn line per round up to the site's round, and a legend entry for each."""
    from playwright.sync_api import expect
    from test_browser import wait_for_chart

    for site_round, rounds in (("2026-q3", 3), ("2026-q2", 2)):
        page.goto(f"{base_url}/{site_round}/compare/laptop-request/")
        assert (problem := wait_for_chart(page, 0)) is None, problem
        chart = page.locator("[data-journeys-chart]").first
        expect(chart.locator(".mark-line path")).to_have_count(rounds)
        expect(chart.locator(".role-legend-label text")).to_have_count(rounds)

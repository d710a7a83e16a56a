"""Nothing cut off (issue 12.3): every page of every round of the example in Chromium, on a laptop (1440x900) and a
phone (390x844). On the phone no page scrolls sideways as a whole; on the laptop no table is wider than the content
column, unless it sits in a box that scrolls sideways and shows the shadow that says more follows. One browser
context per viewport, one load per page."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import CHART, TIMEOUT_MS, base_url, browser, built_site, only_local, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

LAPTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# Every disclosure opened first (a reader may open them); then each visible table of the content, and the box that
# scrolls it sideways if there is one, with its shadow cue (a radial gradient at the edge, see journeys.css).
MEASURE = """() => {
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const tables = [...document.querySelectorAll('.md-content table')].filter(t => t.checkVisibility());
  const wide = [];
  for (const table of tables) {
    const right = table.getBoundingClientRect().right;
    if (right <= column.right + 1) continue;
    let box = table.parentElement;
    while (box && !(getComputedStyle(box).overflowX === 'auto' && box.scrollWidth > box.clientWidth + 1)) {
      box = box.parentElement;
    }
    const cue = box !== null && box.checkVisibility()
      && getComputedStyle(box).backgroundImage.includes('radial-gradient')
      && box.getBoundingClientRect().right <= column.right + 1;
    const name = (table.caption || {}).textContent || table.className || 'table';
    if (!cue) wide.push(`${name}: right edge ${Math.round(right)} past the column's ${Math.round(column.right)}`);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth, tables: tables.length, wide};
}"""


def pages() -> list[str]:
    """Every page of every round (latest/, a copy of the newest round, and the redirect at the top left out)."""
    return [path for path in built_site().pages() if path != "/"]


def _settle(page: Page) -> None:
    page.wait_for_function(
        f"Array.from(document.querySelectorAll('{CHART}')).every(el => "
        "el.closest('[hidden]') || ['yes', 'failed'].includes(el.getAttribute('data-drawn')))")


@pytest.fixture(scope="module")
def laptop(browser: Browser) -> Iterator[Page]:  # noqa: F811
    """One page at 1440x900 for the whole module; requests to other hosts are aborted."""
    with _viewport(browser, LAPTOP) as page:
        yield page


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:  # noqa: F811
    """One page at 390x844 for the whole module."""
    with _viewport(browser, PHONE) as page:
        yield page


@contextlib.contextmanager
def _viewport(browser: Browser, size: dict[str, int]) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport=size)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    try:
        yield context.new_page()
    finally:
        context.close()


def _measure(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    _settle(page)
    found: dict[str, Any] = page.evaluate(MEASURE)
    return found


def test_every_round_has_pages_to_measure(site: Any) -> None:  # noqa: F811
    found = pages()
    # Three rounds of journeys, comparisons, feedback maps, wall maps, personas, overviews and action plans.
    assert len(found) > 50, found
    assert {p.split("/")[1] for p in found} >= {"2026-q1", "2026-q2", "2026-q3"}


def test_no_page_scrolls_sideways_on_a_phone(phone: Page, base_url: str) -> None:  # noqa: F811
    problems = []
    for path in pages():
        found = _measure(phone, base_url + path)
        if found["scrollWidth"] > found["innerWidth"]:
            problems.append(f"{path}: the page is {found['scrollWidth']} px wide in a {found['innerWidth']} px screen")
    assert not problems, "\n".join(problems)


def test_no_table_is_wider_than_the_content_column_on_a_laptop(laptop: Page, base_url: str) -> None:  # noqa: F811
    problems, tables = [], 0
    for path in pages():
        found = _measure(laptop, base_url + path)
        tables += found["tables"]
        problems += [f"{path}: {text}" for text in found["wide"]]
        if found["scrollWidth"] > found["innerWidth"]:
            problems.append(f"{path}: the page scrolls sideways ({found['scrollWidth']} px)")
    assert tables > 50, "the check measured almost no table"
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_table_that_sticks_out(laptop: Page, base_url: str) -> None:  # noqa: F811
    # The two checks above cannot pass vacuously: a wide table outside any scrolling box is reported, and the page
    # then scrolls sideways.
    laptop.goto(base_url + "/2026-q3/")
    laptop.evaluate("document.querySelector('.md-content__inner').insertAdjacentHTML('beforeend', "
                    "'<table class=\"planted\"><caption>planted</caption>"
                    "<tr><td style=\"min-width: 2000px\">x</td></tr></table>')")
    found = laptop.evaluate(MEASURE)
    assert any(text.startswith("planted") for text in found["wide"]), found
    assert found["scrollWidth"] > found["innerWidth"]


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_action_plan_shows_status_and_due_date_without_scrolling(browser: Browser, base_url: str,  # noqa: F811
                                                                    size: dict[str, int]) -> None:
    with _viewport(browser, size) as page:
        page.goto(base_url + "/2026-q3/action-plan/")
        row = page.locator(".journeys-plan tr[data-opportunity]").first
        status = row.locator("[data-status]")
        due = row.locator("td").nth(4)
        edge = page.evaluate("document.querySelector('.md-content__inner').getBoundingClientRect().right")
        for cell in (status, due):
            box = cell.bounding_box()
            assert box is not None and box["width"] > 0
            assert box["x"] + box["width"] <= min(edge, size["width"]) + 1, (size, box, edge)
        # Open work first; the done and dropped opportunities are folded away, with their number.
        assert page.locator(".journeys-plan-closed").count() == 1
        assert not page.locator(".journeys-plan-closed").evaluate("d => d.open")
        assert page.locator('.journeys-plan-closed [data-status="done"]').count() > 0
        assert page.locator('.journeys-action-plan > .journeys-plan [data-status="done"]').count() == 0


def test_the_feedback_board_says_how_many_columns_follow(laptop: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    laptop.goto(base_url + "/2026-q3/feedback/museum-visit/")
    columns = laptop.locator(".journeys-board__column").count()
    hint = laptop.locator(".journeys-board__hint")
    expect(hint).to_have_attribute("data-columns", str(columns))
    expect(hint).to_contain_text(f"{columns} touchpoints")
    board = laptop.locator(".journeys-board")
    assert board.evaluate("el => el.scrollWidth > el.clientWidth"), "the board fits: nothing to hint at"
    expect(laptop.locator(".journeys-board__more")).to_be_visible()
    assert "radial-gradient" in board.evaluate("el => getComputedStyle(el).backgroundImage")
    expect(laptop.locator(".journeys-board__column").last.locator("h4")).to_contain_text(f"{columns} of {columns}")

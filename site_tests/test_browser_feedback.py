"""The feedback map of the example in Chromium: the wide board scrolls sideways with the keyboard, and the
round's board photo loads from the site itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import base_url, browser, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

BOARD = "/2026-q3/feedback/museum-visit/"


def test_the_board_scrolls_sideways_from_the_keyboard(page: Page, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(base_url + BOARD)
    board = page.locator(".journeys-board")
    expect(board).to_have_attribute("tabindex", "0")
    assert board.evaluate("el => el.scrollWidth > el.clientWidth"), "the board is not wider than the page"
    # Tab from the link just before the board reaches it; the arrow keys then scroll it.
    page.locator(".journeys-compare__back a").focus()
    page.keyboard.press("Tab")
    expect(board).to_be_focused()
    assert board.evaluate("el => el.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=board.element_handle())
    for _ in range(200):  # far enough to bring the last column in
        if board.evaluate("el => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1"):
            break
        page.keyboard.press("ArrowRight")
    expect(page.locator(".journeys-board__column").last).to_be_in_viewport()


def test_the_board_photo_loads_from_the_site(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(base_url + BOARD)
    photo = page.locator(".journeys-photo img")
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    assert photo.get_attribute("alt"), "the photo has no alternative text"
    assert photo.evaluate("img => new URL(img.src).hostname") == "127.0.0.1"

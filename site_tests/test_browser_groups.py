"""Groups in Chromium: the example's group page, and the museum visit with its child journey linked at the step it
details, render on a laptop (1440x900) and a phone (390x844) without scrolling sideways, with the links in view of
a reader who scrolls the journey map to that step; axe-core finds no serious or critical violation on the group
pages and the child journey, in the light and the dark scheme."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import TIMEOUT_MS, base_url, browser, only_local, site  # noqa: F401
from test_browser_a11y import BLOCKING, SCHEMES, _axe, _settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser

VIEWPORTS = {"laptop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
NEWEST = "/2026-q3"

OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_group_page_and_the_parent_and_child_journeys_fit(browser: Browser, base_url: str,  # noqa: F811
                                                               viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{NEWEST}/groups/public-services/")
        rows = page.locator("tr[data-journey]")
        assert rows.count() == 3
        # Two services in the group: each journey names its own under its title.
        assert page.locator("tr[data-journey] .journeys-service").count() == 3
        child = page.locator('tr[data-journey="museum-exhibition"]')
        assert child.get_attribute("data-depth") == "1" and child.get_attribute("data-parent") == "museum-visit"
        # The child sits indented under its parent.
        indent = page.evaluate("""() => ['museum-visit', 'museum-exhibition'].map(id =>
            parseFloat(getComputedStyle(document.querySelector(`tr[data-journey="${id}"] th`)).paddingLeft))""")
        assert indent[1] > indent[0]
        scroll, inner = page.evaluate(OVERFLOW)
        assert scroll <= inner, f"group page scrolls sideways at {viewport}: {scroll} > {inner}"

        page.goto(f"{base_url}{NEWEST}/journeys/museum-visit/")
        link = page.locator('#touchpoint-izlozba a[data-child="museum-exhibition"]')
        link.scroll_into_view_if_needed()
        assert link.is_visible() and "Detailed in" in link.inner_text()
        scroll, inner = page.evaluate(OVERFLOW)
        assert scroll <= inner, f"parent journey scrolls sideways at {viewport}: {scroll} > {inner}"
        link.click()
        page.wait_for_url(f"**{NEWEST}/journeys/museum-exhibition/")
        back = page.locator("a[data-step-link]")
        assert back.is_visible() and back.get_attribute("href") == "../museum-visit/#touchpoint-izlozba"
        scroll, inner = page.evaluate(OVERFLOW)
        assert scroll <= inner, f"child journey scrolls sideways at {viewport}: {scroll} > {inner}"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_group_pages_and_the_child_journey_pass_axe(browser: Browser, base_url: str, scheme: str) -> None:  # noqa: F811
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    found = {}
    try:
        view = context.new_page()
        for path in ("groups/public-services/", "groups/hearthware-online-shop/", "journeys/museum-exhibition/"):
            view.goto(f"{base_url}{NEWEST}/{path}")
            _settle(view)
            blocking = [{"rule": v["id"], "impact": v["impact"], "where": [n["target"] for n in v["nodes"][:5]]}
                        for v in _axe(view) if v["impact"] in BLOCKING]
            if blocking:
                found[path] = blocking
    finally:
        context.close()
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)

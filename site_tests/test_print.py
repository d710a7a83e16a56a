"""Print: a wall map per journey per round (stages, touchpoints, curve, top feedback and opportunities) that prints
on one A3 landscape sheet, and a print stylesheet that sends only the content of any page to paper."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from actions_fixture import PRIVATE, actions_site
from conftest import PAYLOAD, Built, assert_escaped

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import base_url, browser, built_site, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

A3_LANDSCAPE = (1190.55, 841.89)  # points


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Built:
    fixture_site = actions_site(tmp_path_factory.mktemp("wall"))
    config = fixture_site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    built = fixture_site.build()
    assert built.code == 0, built.output
    return built


def _card(html: str, touchpoint: str) -> str:
    found = re.search(rf'<article class="journeys-wall__card" data-touchpoint="{touchpoint}">(.*?)</article>', html,
                      re.S)
    assert found, touchpoint
    return " ".join(found.group(1).split())


def test_wall_map_holds_stages_touchpoints_scores_feedback_and_ideas(fixture: Built) -> None:
    html = fixture.page("wall/laptop")
    assert "<h1>Laptop request</h1>" in html
    assert re.findall(r'<section class="journeys-wall__stage" data-stage="([a-z]+)"', html) == ["ask", "receive"]
    assert re.findall(r'data-touchpoint="([a-z]+)">', html)[:3] == ["form", "approval", "handover"]
    assert 'data-journeys-chart="journeys-chart-wall"' in html
    form = _card(html, "form")
    assert "+1 Positive" in form
    # Observed feedback before assumed, at most two entries; the private one never.
    assert "First observation at the form" in form and "Interview finding about the form" not in form
    assert "Too many mandatory fields" in form
    assert "Prefill the form" in form  # an open opportunity at the touchpoint
    assert PRIVATE not in html
    assert "Round 3" in html and "2026-03-01 – 2026-03-28" in html


def test_wall_maps_exist_per_journey_linked_and_left_out_of_search(fixture: Built) -> None:
    for journey in ("laptop", "museum"):
        assert (fixture.site / "wall" / journey / "index.html").is_file()
        assert f'<a href="../../wall/{journey}/">Wall map (A3)</a>' in fixture.page(f"journeys/{journey}")
    index = (fixture.site / "search/search_index.json").read_text("utf-8").replace(" ", "")
    assert '"location":"journeys/laptop/' in index and '"location":"wall/' not in index


def test_wall_map_escapes_contributor_text(tmp_path: Path) -> None:
    repo = actions_site(tmp_path)
    laptop = repo.docs / "journeys/laptop.md"
    laptop.write_text(laptop.read_text("utf-8").replace("title: Laptop request", f"title: '{PAYLOAD}'"), "utf-8")
    built = repo.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("wall/laptop",))


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of every page of a PDF that Chromium wrote (uncompressed page objects)."""
    count = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    boxes = [tuple(float(x) for x in box.split()[2:4]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert count >= 1 and boxes
    return [boxes[0]] * count if len(set(boxes)) == 1 else boxes[:count]  # type: ignore[misc]


def test_every_wall_map_of_every_round_prints_on_one_a3_landscape_sheet(page: Page, base_url: str) -> None:  # noqa: F811
    walls = sorted(p.parent.relative_to(built_site().site).as_posix()
                   for p in built_site().site.glob("*/wall/*/index.html") if not p.is_relative_to(
                       built_site().site / "latest"))
    assert len(walls) == 12  # 4 journeys x 3 rounds
    for wall in walls:
        page.goto(f"{base_url}/{wall}/")
        page.wait_for_selector("[data-journeys-chart][data-drawn=yes]")
        sheets = _pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
        assert len(sheets) == 1, f"{wall}: {len(sheets)} pages"
        width, height = sheets[0]
        assert abs(width - A3_LANDSCAPE[0]) < 2 and abs(height - A3_LANDSCAPE[1]) < 2, (wall, sheets[0])


def test_print_sends_only_the_content_to_paper(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(f"{base_url}/2026-q3/journeys/laptop-request/")
    page.wait_for_selector("[data-journeys-chart][data-drawn=yes]")
    assert page.locator(".md-header").is_visible() and page.locator(".journeys-chart__downloads").first.is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".journeys-chart__downloads",
                   ".md-content__button", ".journeys-sources"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".journeys-touchpoints table").is_visible()
    assert page.locator("figure.journeys-chart svg").first.is_visible()
    # An ordinary page keeps the printer's own paper: the A3 rule belongs to wall maps only.
    width, _ = _pdf_pages(page.pdf())[0]
    assert width < 700

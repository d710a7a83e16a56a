"""Print: a wall map per journey per round (stages, touchpoints, curve, top feedback and opportunities) that prints
on one A3 landscape sheet, and a print stylesheet that sends only the content of any page to paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from actions_fixture import PRIVATE, actions_site
from conftest import PAYLOAD, Built, FixtureSite, assert_escaped

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import (  # noqa: F401
    POINTS,
    base_url,
    browser,
    built_site,
    example_catalog,
    only_local,
    page,
    served,
    site,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

A3_LANDSCAPE = (1190.55, 841.89)  # points
DRAWN = "[data-journeys-chart][data-drawn=yes]"


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
    assert "IT service desk" in html and "Anna Test, Bob Sample" in html
    assert re.findall(r'<section class="journeys-wall__stage" data-stage="([a-z]+)"', html) == ["ask", "receive"]
    assert re.findall(r'data-touchpoint="([a-z]+)">', html)[:3] == ["form", "approval", "handover"]
    assert 'data-journeys-chart="journeys-chart-wall"' in html
    form = _card(html, "form")
    assert "+1 Positive" in form
    # Observed feedback before assumed, at most two entries; the private one never.
    assert "First observation at the form" in form and "Second observation at the form" in form
    assert "Interview finding about the form" not in form
    assert "Fields are prefilled" in form and "Too many mandatory fields" in form
    # Open opportunities of the touchpoint, ranked as in the action plan; a done one is left out.
    assert form.index("Prefill the form") < form.index("Link the portal in the intranet")
    assert "Remind managers after a day" not in _card(html, "approval")
    assert "+1 Positive" in _card(html, "approval")
    assert PRIVATE not in html
    assert "Round 3" in html and "2026-03-01 – 2026-03-28" in html
    assert '<footer class="journeys-wall__footer">Fixture · Laptop request · Round 3</footer>' in html
    assert "Round: Round 3 (2026-03-01 – 2026-03-28)" in html
    # Three short cards: the largest of the three text sizes.
    assert 'data-density="roomy"' in html


def test_wall_maps_exist_per_journey_linked_and_left_out_of_search(fixture: Built) -> None:
    for journey in ("laptop", "museum"):
        assert (fixture.site / "wall" / journey / "index.html").is_file()
        assert f'<a href="../../wall/{journey}/">Wall map (A3)</a>' in fixture.page(f"journeys/{journey}")
    index = (fixture.site / "search/search_index.json").read_text("utf-8").replace(" ", "")
    assert '"location":"journeys/laptop/' in index and '"location":"wall/' not in index
    # Not in the navigation of any page.
    assert "wall/" not in re.sub(r"<article.*?</article>", "", fixture.page("journeys/laptop"), flags=re.S)


def test_wall_map_of_an_earlier_round_shows_that_round(tmp_path: Path) -> None:
    built = actions_site(tmp_path, "r2").build()
    assert built.code == 0, built.output
    html = built.page("wall/laptop")
    assert "Round 2" in html and "Round 3" not in html
    # Found in r3: not yet on the wall of r2. Done in r3 (in progress as of r2): still an open idea.
    assert "Link the portal in the intranet" not in html
    assert "Replace the scanners" in built.page("wall/museum")


def test_wall_map_escapes_contributor_text(tmp_path: Path) -> None:
    repo = actions_site(tmp_path)
    for path, old in (("journeys/laptop.md", "title: Laptop request"), ("journeys/laptop.md", "title: Ask"),
                      ("journeys/laptop.md", "title: Request form"),
                      ("rounds/r3/laptop.yml", "text: First observation at the form"),
                      ("rounds/r3/laptop.yml", "works: [Fields are prefilled]"),
                      ("opportunities/laptop.yml", "idea: Prefill the form")):
        file = repo.docs / path
        key = old.split(":")[0]
        new = f"{key}: [{PAYLOAD!r}]" if old.startswith("works") else f"{key}: '{PAYLOAD}'"
        assert old in file.read_text("utf-8"), old
        file.write_text(file.read_text("utf-8").replace(old, new, 1), "utf-8")
    built = repo.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("wall/laptop",))
    # Each text is there, as text: the title, the stage, the touchpoint, the feedback, what works and the idea.
    html = built.page("wall/laptop")
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 6


LONG_TEXT = ("Customers waited at the counter while the clerk searched three systems for the order, and several said "
             "they would rather order by phone next time because nobody could tell them when it would arrive.")


def long_journey(root: Path) -> FixtureSite:
    """A journey of twelve touchpoints in four stages, each with long feedback, findings and an idea."""
    repo = FixtureSite(root).standard()
    stages = ["discover", "order", "wait", "receive"]
    touchpoints = "".join(f"  - {{id: tp{i}, title: Touchpoint number {i} of the long journey, "
                          f"stage: {stages[i // 3]}}}\n" for i in range(12))
    repo.write("journeys/long.md", "---\ntitle: Long journey\nservice: Shop\npersonas: [anna]\nstages:\n"
               + "".join(f"  - {{id: {s}, title: Stage {s}}}\n" for s in stages) + f"touchpoints:\n{touchpoints}---\n")
    results = "".join(
        f"  tp{i}:\n    emotion: {i % 5 - 2}\n    works: ['{LONG_TEXT[:110]}']\n    change: ['{LONG_TEXT[:120]}']\n"
        f"    feedback:\n      - {{method: observation, text: '{LONG_TEXT} ({i})'}}\n"
        f"      - {{method: interview, text: '{LONG_TEXT}'}}\n" for i in range(12))
    repo.write("rounds/r2/long.yml", f"touchpoints:\n{results}")
    repo.write("opportunities/long.yml", "opportunities:\n" + "".join(
        f"  - {{id: o{i}, touchpoint: tp{i}, pain_point: Waiting, idea: '{LONG_TEXT[:90]}', found_in: r2}}\n"
        for i in range(12)))
    return repo


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = long_journey(tmp_path_factory.mktemp("long")).build()
    assert built.code == 0, built.output
    return built


def test_a_long_journey_gets_shortened_texts_and_smaller_type(long_site: Built) -> None:
    html = long_site.page("wall/long")
    assert 'data-density="dense"' in html
    card = _card(html, "tp3")
    # Feedback longer than a card can hold ends in an ellipsis after a whole word; the full text is not there.
    assert LONG_TEXT not in card
    shortened = re.findall(r"<li>([^<]*…)</li>", card)
    assert len(shortened) == 2 and all(LONG_TEXT.startswith(text[:-1]) for text in shortened), shortened


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of every page of a PDF that Chromium wrote (uncompressed page objects)."""
    count = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    boxes = [tuple(float(x) for x in box.split()[2:4]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert count >= 1 and boxes
    return [boxes[0]] * count if len(set(boxes)) == 1 else boxes[:count]  # type: ignore[misc]


def _assert_one_a3_sheet(view: Page, name: str) -> None:
    sheets = _pdf_pages(view.pdf(prefer_css_page_size=True, print_background=True))
    assert len(sheets) == 1, f"{name}: {len(sheets)} pages"
    width, height = sheets[0]
    assert abs(width - A3_LANDSCAPE[0]) < 2 and abs(height - A3_LANDSCAPE[1]) < 2, (name, sheets[0])


def test_every_wall_map_of_every_round_prints_on_one_a3_landscape_sheet(page: Page, base_url: str) -> None:  # noqa: F811
    root = built_site().site
    walls = sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/wall/*/index.html")
                   if not p.is_relative_to(root / "latest"))
    # A wall map per journey per round, observed in that round or not (the example has both).
    catalog = example_catalog()
    assert walls == sorted(f"{r.id}/wall/{j}" for r in catalog.rounds for j in catalog.journeys)
    assert any(catalog.observation(j, r.id) is None for r in catalog.rounds for j in catalog.journeys)
    for wall in walls:
        page.goto(f"{base_url}/{wall}/")
        page.wait_for_selector(DRAWN)
        _assert_one_a3_sheet(page, wall)


@pytest.fixture
def long_url(long_site: Built) -> Iterator[str]:
    with served(long_site.site) as url:
        yield url


def test_a_long_busy_journey_still_prints_on_one_sheet(page: Page, long_url: str) -> None:  # noqa: F811
    page.goto(f"{long_url}/wall/long/")
    page.wait_for_selector(DRAWN)
    _assert_one_a3_sheet(page, "wall/long")


def test_each_point_of_the_curve_stands_over_its_card(page: Page, base_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(f"{base_url}/2026-q3/wall/clinic-visit/")
    page.wait_for_selector(DRAWN)
    for media in ("screen", "print"):
        page.emulate_media(media=media)  # type: ignore[arg-type]
        points = [page.locator(POINTS).nth(i).bounding_box() for i in range(page.locator(POINTS).count())]
        cards = [page.locator(".journeys-wall__card").nth(i).bounding_box()
                 for i in range(page.locator(".journeys-wall__card").count())]
        assert len(points) == len(cards) == 11, (media, len(points), len(cards))
        for i, (point, card) in enumerate(zip(points, cards, strict=True)):
            assert point and card
            middle, over = point["x"] + point["width"] / 2, card["x"] + card["width"] / 2
            assert abs(middle - over) < 3, (media, i, middle, over)
            assert point["y"] < card["y"]


def test_print_sends_only_the_content_to_paper(page: Page, base_url: str) -> None:  # noqa: F811
    page.goto(f"{base_url}/2026-q3/journeys/laptop-request/")
    page.wait_for_selector(DRAWN)
    for shown in (".md-header", ".md-sidebar--primary", ".md-footer", ".journeys-chart__downloads",
                  ".md-content__button", ".journeys-sources", ".journeys-compare-link"):
        assert page.locator(shown).first.is_visible(), shown
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
                   ".journeys-chart__downloads", ".md-content__button", ".journeys-sources",
                   ".journeys-compare-link"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".journeys-touchpoints table").is_visible()
    assert page.locator("figure.journeys-chart svg").first.is_visible()
    assert page.locator("figure.journeys-chart figcaption").first.is_visible()
    # Black on white, and nothing runs off the paper's width.
    colour = page.locator(".md-typeset").first.evaluate("el => getComputedStyle(el).color")
    assert colour == "rgb(0, 0, 0)", colour
    page.set_viewport_size({"width": 700, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 700
    # An ordinary page keeps the printer's own paper: the A3 sheet belongs to wall maps only.
    width, _ = _pdf_pages(page.pdf())[0]
    assert width < 700

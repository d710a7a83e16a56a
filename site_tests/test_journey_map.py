"""The journey map at the top of a journey page (views/journeymap.py, render/templates/journey_map.html): its data,
its HTML on a fixture site, escaping, and its layout in Chromium on the example site; and the persona cards."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import PAYLOAD, Built, FixtureSite, assert_escaped
from mkdocs_journeys.format.loader import load_catalog, without_private
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.model import Catalog
from mkdocs_journeys.render.renderer import Renderer
from mkdocs_journeys.views import comparison, journeymap, wallmap
from test_browser import base_url, browser, built_site, only_local, site  # noqa: F401
from test_input_safety import PNG

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parent.parent
NEWEST = "2026-q3"
EXAMPLE_JOURNEYS = ("laptop-request", "museum-visit", "clinic-visit", "online-purchase")


def _catalog(docs: Path) -> Catalog:
    catalog, problems = load_catalog(docs, Options(docs_dir=docs).emotion_scale())
    assert [p for p in problems if p.severity == "error"] == [], [str(p) for p in problems]
    return without_private(catalog)


@pytest.fixture(scope="module")
def example() -> Catalog:
    return _catalog(REPO / "journeys")


def _map(catalog: Catalog, journey_id: str, round_id: str) -> journeymap.JourneyMap:
    shown = comparison.journey_as_of(catalog, catalog.journeys[journey_id], round_id)
    return journeymap.journey_map(catalog, shown, catalog.round(round_id))


# Pure data: views/journeymap.py

def test_columns_follow_the_journey_and_stages_group_them(example: Catalog) -> None:
    found = _map(example, "laptop-request", NEWEST)
    shown = comparison.journey_as_of(example, example.journeys["laptop-request"], NEWEST)
    assert [c.touchpoint.id for c in found.columns] == [tp.id for tp in shown.touchpoints]
    assert [g.stage.id for g in found.stages] == [s.id for s in shown.stages]
    for group in found.stages:
        assert {c.touchpoint.stage for c in group.columns} == {group.stage.id}
    # Retired in the newest round: not on its map; added in it: there.
    ids = [c.touchpoint.id for c in found.columns]
    assert "igenyek-egyeztetese" not in ids and "igenyurlap" in ids


def test_every_lane_with_data_is_there_in_order(example: Catalog) -> None:
    assert _map(example, "laptop-request", NEWEST).lanes == list(journeymap.LANES)


def test_lanes_without_data_are_left_out(standard_site: FixtureSite) -> None:
    catalog = _catalog(standard_site.docs)
    found = journeymap.journey_map(catalog, catalog.journeys["laptop"], catalog.round("r2"))
    # The fixture journey has a customer action and a channel at one touchpoint, scores, and nothing else.
    assert found.lanes == ["customer", "channel", "emotion"]
    unscored = journeymap.journey_map(catalog, catalog.journeys["laptop"], None)
    assert unscored.lanes == ["customer", "channel"]


def test_the_curve_joins_scored_neighbours_and_leaves_gaps() -> None:
    catalog = Catalog(scale=Options(docs_dir=Path(".")).emotion_scale())
    points = [_point(i, e) for i, e in enumerate([2, -2, None, 0])]
    found = journeymap.curve(catalog.scale, points)
    assert [c.middle for c in found] == [0.0, 100.0, None, 50.0]
    assert found[0].left is None and found[0].right == 50.0 and found[1].left == 50.0
    # No line into or out of an unscored touchpoint.
    assert found[1].right is None and found[2].left is None and found[2].right is None and found[3].left is None


def _point(position: int, emotion: int | None) -> journeymap.CurvePoint:
    return journeymap.CurvePoint(position, f"t{position}", "T", "s", "S", emotion, "", "", False)


@pytest.mark.parametrize(("channel", "icons"), [
    ("e-mail", ["email"]), ("имейл", ["email"]), ("SMS и личный кабинет", ["sms", "web"]),
    ("live chat, e-mail, phone", ["chat", "email", "phone"]), ("лично", ["person"]), ("személyesen", ["person"]),
    ("на място", ["person"]), ("mobile app", ["app"]), ("portál", ["web"]), ("SMS, courier", ["sms", "delivery"]),
    ("carrier pigeon", ["other"]), ("", []),
])
def test_channels_get_icons_in_the_order_of_their_words(channel: str, icons: list[str]) -> None:
    assert journeymap.channel_icons(channel) == icons


def test_the_wall_map_and_the_journey_map_share_their_columns(example: Catalog) -> None:
    for journey_id in EXAMPLE_JOURNEYS:
        found = _map(example, journey_id, NEWEST)
        shown = comparison.journey_as_of(example, example.journeys[journey_id], NEWEST)
        wall = wallmap.columns(example, shown, example.round(NEWEST))
        assert [(c.stage.id, [card.point for card in c.cards]) for c in wall] == \
            [(g.stage.id, [column.point for column in g.columns]) for g in found.stages]


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_initials_on_discs_with_enough_contrast() -> None:
    assert journeymap.initials("Kovács Eszter") == "KE"
    assert journeymap.initials("Мария Петрова") == "МП"
    assert journeymap.initials("sam  de la carter") == "SC"
    assert journeymap.initials("Ő") == "Ő" and journeymap.initials("  ") == "?"
    for colour in journeymap.AVATAR_COLOURS:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour
    assert journeymap.avatar_colour("anna") == journeymap.avatar_colour("anna")


def test_a_persona_s_own_emotion_per_journey_and_round(example: Catalog) -> None:
    found = journeymap.persona_emotions(example, "nikolay-stoyanov", NEWEST)
    assert [j.id for j, _ in found] == ["museum-exhibition", "museum-visit"]
    # The child journey of the museum visit heard him apart in its second round only, at two touchpoints.
    child = found[0][1]
    assert [s.scored for s in child] == [0, 0, 2] and child[-1].average == 0
    scores = found[1][1]
    assert [s.round.id for s in scores] == ["2026-q1", "2026-q2", NEWEST]
    assert scores[0].average is None and scores[0].scored == 0
    assert scores[-1].scored == 8 and scores[-1].average == 0.38  # 3 over 8 touchpoints
    assert journeymap.persona_emotions(example, "eszter-kovacs", NEWEST) == []


# HTML

def _section(html: str) -> str:
    start = html.index('<div class="journeys-map-wrap"')
    return html[start:html.index('<p class="journeys-compare-link">', start)]


def _lane(html: str, lane: str) -> list[str]:
    """The text and markup of a lane's cells, white space collapsed."""
    section = _section(html)
    row = section[section.index(f'data-lane="{lane}"'):]
    row = row[:row.index('data-lane="', 1)] if 'data-lane="' in row[1:] else row
    return [" ".join(cell.split()) for cell in row.split('<div role="cell">')[1:]]


def test_the_example_map_shows_every_lane_in_words(example: Catalog) -> None:
    renderer = Renderer(example, example.round(NEWEST), "en", [])
    html = renderer.journey(example.journeys["laptop-request"], "", lambda kind, item: f"../{kind}/{item}/")
    section = _section(html)
    titles = re.findall(r'data-map-touchpoint="([a-z-]+)"', section)
    assert titles[:3] == ["igeny-bejelentese", "visszaigazolas", "igenyurlap"] and len(titles) == 10
    kpis = {tp: re.sub(r"<[^>]+>", "", cell) for tp, cell in zip(titles, _lane(html, "kpis"), strict=True)}
    # Each KPI with its name, value, n and target, met or not in words.
    assert "CSAT" in kpis["laptop-atvetele"] and "4.7" in kpis["laptop-atvetele"]
    assert "n = 38" in kpis["laptop-atvetele"] and "Target 4.5" in kpis["laptop-atvetele"]
    assert "target met" in kpis["laptop-atvetele"] and "target not met" not in kpis["laptop-atvetele"]
    assert "target not met" in kpis["utankovetes"] and "Napok az igényléstől az átadásig" in kpis["beszerzes-varakozas"]
    emotion = dict(zip(titles, _lane(html, "emotion"), strict=True))
    assert "-1 Negative" in emotion["utankovetes"] and "kérdőív érkezik" in emotion["utankovetes"]
    assert "Kategóriák szerinti szűrés" in dict(zip(titles, _lane(html, "pain"), strict=True))["szoftvervalasztas"]
    ideas = " ".join(_lane(html, "ideas"))
    assert re.search(r'data-status="(proposed|planned|in-progress|done|dropped)"', ideas)
    channels = dict(zip(titles, _lane(html, "channel"), strict=True))
    assert "journeys-map__icon--email" in channels["igeny-bejelentese"] and "e-mail" in channels["igeny-bejelentese"]
    # The line of visibility sits over the back stage, under the front stage.
    backstage = section[section.index('data-lane="backstage"'):]
    assert section.index('data-lane="frontstage"') < section.index('data-lane="backstage"')
    assert backstage.index("line of visibility") < backstage.index('role="cell"')
    # The map comes before the curve and the table, which keeps its rows behind a disclosure.
    assert html.index('id="journey-map"') < html.index('data-journeys-chart="journeys-chart-curve"')
    details = html[html.index('<details class="journeys-table-details">'):]
    assert details.index("<summary>") < details.index('<tr data-touchpoint="igeny-bejelentese">') < \
        details.index("</details>")


@pytest.fixture(scope="module")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    repo = FixtureSite(tmp_path_factory.mktemp("map")).standard()
    (repo.docs / "personas").mkdir(exist_ok=True)
    (repo.docs / "personas/bob.png").write_bytes(PNG)
    repo.write("personas/bob.md", "---\nname: Bob Sample\nrole: Intern\npicture: personas/bob.png\n---\n")
    journey = repo.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text().replace("personas: [anna]", "personas: [anna, bob]"))
    built = repo.build()
    assert built.code == 0, built.output
    return built


def test_the_fixture_page_has_the_map_cards_and_the_table(fixture_built: Built) -> None:
    html = fixture_built.page("journeys/laptop")
    section = _section(html)
    # Material's table of contents leads to the map first, like the page.
    toc = re.findall(r'<a href="#([\w-]+)" class="md-nav__link">', html)
    assert toc[:3] == ["journey-map", "emotion-curve", "touchpoints"], toc
    assert re.findall(r'data-lane="(\w+)"', section) == ["customer", "channel", "emotion"]
    assert 'role="region"' in section and 'tabindex="0"' in section
    assert 'aria-label="Journey map: Laptop request"' in section
    assert re.findall(r'data-map-stage="(\w+)" style="grid-column: span (\d)"', section) == [("ask", "2"),
                                                                                               ("receive", "1")]
    # Three columns: the hint names the ones that follow at every narrower width.
    assert "3 touchpoints in 2 stages" in section and "2 more →" in section and "1 more →" in section
    assert re.findall(r'<tr data-touchpoint="([a-z]+)">', html) == ["form", "approval", "handover"]
    # Persona cards: initials on a disc for Anna, Bob's picture, each linking to the persona.
    anna = re.search(r'data-persona-card="anna">(.*?)</div>', html, re.S)
    assert anna and 'aria-hidden="true">AT</span>' in anna.group(1)
    assert '<a href="../../personas/anna/">Anna Test</a>' in anna.group(1)
    bob = re.search(r'data-persona-card="bob">(.*?)</div>', html, re.S)
    assert bob and '<img class="journeys-avatar journeys-avatar--picture" src="../../personas/bob.png" alt=""' in \
        bob.group(1)
    persona = fixture_built.page("personas/anna")
    assert 'data-persona-card="anna"' in persona and "<a href" not in persona.split('data-persona-card="anna"')[1][:300]


def test_contributor_text_in_the_map_and_cards_stays_text(tmp_path: Path) -> None:
    repo = FixtureSite(tmp_path).standard()
    journey = repo.docs / "journeys/laptop.md"
    text = journey.read_text().replace("channel: portal, customer: Fills the form",
                                       f"channel: '{PAYLOAD}', customer: '{PAYLOAD}', frontstage: '{PAYLOAD}', "
                                       f"backstage: '{PAYLOAD}', support: '{PAYLOAD}'")
    journey.write_text(text.replace("title: Ask", f"title: '{PAYLOAD}'"))
    persona = repo.docs / "personas/anna.md"
    persona.write_text(persona.read_text().replace("Anna Test", f"'{PAYLOAD}'").replace("Project manager",
                                                                                         f"'{PAYLOAD}'"))
    repo.write("rounds/r2/laptop.yml", f"""\
        touchpoints:
          form:
            emotion: 1
            notes: '{PAYLOAD}'
            change: ['{PAYLOAD}']
            kpis: [{{kind: custom, name: '{PAYLOAD}', value: 3, min: 1, max: 5, target: 4}}]
          approval: {{emotion: -2}}
        """)
    repo.write("opportunities/laptop.yml", f"""\
        opportunities:
          - {{id: a, touchpoint: form, pain_point: '{PAYLOAD}', idea: '{PAYLOAD}', found_in: r2}}
        """)
    built = repo.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("journeys/laptop", "personas/anna", "wall/laptop"))
    section = _section(built.page("journeys/laptop"))
    # Channel, customer, front stage, back stage, support, stage, notes, change, KPI name, idea: all there as text.
    assert section.count("&lt;img src=x onerror=alert(1)&gt;") >= 10
    assert "<img" not in section and "<script" not in section


# Chromium, on the example site

def _open(browser: Browser, url: str, width: int, height: int) -> Page:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("journey", EXAMPLE_JOURNEYS)
def test_touchpoint_titles_run_left_to_right_within_two_screens(browser: Browser, base_url: str,  # noqa: F811
                                                                journey: str) -> None:
    page = _open(browser, f"{base_url}/{NEWEST}/journeys/{journey}/", 1440, 900)
    try:
        titles = page.locator(".journeys-map__tp")
        count = titles.count()
        assert count >= 5
        boxes = [titles.nth(i).bounding_box() for i in range(count)]
        assert all(boxes)
        tops = {round(box["y"]) for box in boxes if box}
        assert len(tops) == 1, f"{journey}: titles on more than one row: {tops}"
        lefts = [box["x"] for box in boxes if box]
        assert lefts == sorted(lefts) and len(set(lefts)) == count
        assert tops.pop() < 2 * 900, f"{journey}: the map's titles start below the first two screens"
        # The titles in view are whole: at least two columns fit, none is cut by the box's left edge.
        region = page.locator(".journeys-map").bounding_box()
        assert region and sum(1 for b in boxes if b and b["x"] + b["width"] <= region["x"] + region["width"]) >= 2
    finally:
        page.context.close()


@pytest.mark.parametrize("journey", EXAMPLE_JOURNEYS)
def test_on_a_phone_the_map_scrolls_inside_itself(browser: Browser, base_url: str, journey: str) -> None:  # noqa: F811
    page = _open(browser, f"{base_url}/{NEWEST}/journeys/{journey}/", 390, 844)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        region = page.locator(".journeys-map")
        scroll, client = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert scroll > client
        # The cue: how many columns follow, in words.
        more = page.locator(".journeys-map__more:visible")
        assert more.count() == 1 and re.fullmatch(r"\d+ more →", more.inner_text().strip())
    finally:
        page.context.close()


def test_lane_names_stay_in_view_and_the_keyboard_scrolls(browser: Browser, base_url: str) -> None:  # noqa: F811
    page = _open(browser, f"{base_url}/{NEWEST}/journeys/clinic-visit/", 1440, 900)
    try:
        region = page.locator(".journeys-map")
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        region.scroll_into_view_if_needed()
        region.focus()
        assert page.evaluate("document.activeElement.classList.contains('journeys-map')")
        for _ in range(6):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("document.querySelector('.journeys-map').scrollLeft > 0", timeout=5_000)
        region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        box = region.bounding_box()
        heads = page.locator(".journeys-map__head")
        assert box and heads.count() >= 5
        for i in range(heads.count()):
            head = heads.nth(i).bounding_box()
            assert head and abs(head["x"] - box["x"] - 1) < 2, (i, head, box)
        # Scrolled to the end: the last column is whole inside the box.
        last = page.locator(".journeys-map__tp").last.bounding_box()
        assert last and last["x"] + last["width"] <= box["x"] + box["width"] + 1
    finally:
        page.context.close()

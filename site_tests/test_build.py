"""Fixture sites built with MkDocs: the generated pages, embedded specs, assets, escaping, languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import PAYLOAD, FixtureSite, assert_escaped, layer_data


def chart_specs(html: str) -> list[dict]:  # type: ignore[type-arg]
    """Every inline chart spec of a page, parsed the way the browser will."""
    return [json.loads(m) for m in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html,
                                              re.DOTALL)]


def test_journey_page_has_header_curve_table_and_body(standard_site: FixtureSite) -> None:
    built = standard_site.build()
    assert built.code == 0, built.output
    html = built.page("journeys/laptop")
    for text in ("IT service desk", "Get a laptop ready to use", "Clear delivery date", "Ready on day one",
                 "Service desk, Hardware", "Service desk lead", "Round 2"):
        assert text in html
    assert '<a href="../../personas/anna/">Anna Test</a>' in html
    # The table groups touchpoints under their stage, in journey order, with the round's scores.
    stages = re.findall(r'<tbody data-stage="([a-z]+)">', html)
    assert stages == ["ask", "receive"]
    rows = re.findall(r'<tr data-touchpoint="([a-z]+)">', html)
    assert rows == ["form", "approval", "handover"]
    assert "+1 Positive" in html and "-2 Very negative" in html and "Waited a week" in html
    assert "communication missing" in html
    assert html.index('id="emotion-curve"') < html.index('id="touchpoints"') < html.index('id="background"')
    [spec] = chart_specs(html)
    emotions = [row["emotion"] for row in layer_data(spec, "point")]
    assert emotions == [1, -2, 2]
    assert "<noscript>" in html and "The chart needs JavaScript" in html


def test_site_round_comes_from_the_round_option(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path, plugin_options=":\n      round: r1").standard()
    built = site.build()
    assert built.code == 0, built.output
    [spec] = chart_specs(built.page("journeys/laptop"))
    emotions = [row["emotion"] for row in layer_data(spec, "point")]
    assert emotions == [-1, -2, 2]
    bad = FixtureSite(tmp_path / "bad", plugin_options=":\n      round: r7").standard().build()
    assert bad.code == 1 and "no round 'r7'" in bad.output and "known: r1, r2" in bad.output


def test_persona_home_and_round_pages(standard_site: FixtureSite) -> None:
    built = standard_site.build()
    persona = built.page("personas/anna")
    assert "<h1>Anna Test</h1>" in persona and "Project manager" in persona and "I just want to work." in persona
    assert '<a href="../../journeys/laptop/">Laptop request</a>' in persona
    home = built.page(".")
    # The home page lists groups: here the one made from the journey's service.
    assert '<a href="groups/it-service-desk/">IT service desk</a>' in home
    assert "+0.33" in home  # (1 - 2 + 2) / 3 in the newest round
    round1 = built.page("rounds/r1")
    assert "-0.33" in round1 and "closed" in round1 and "2026-01-01" in round1
    assert "open (in progress)" in built.page("rounds/r2")


def test_nav_is_generated_and_observation_files_never_reach_the_site(standard_site: FixtureSite) -> None:
    built = standard_site.build()
    home = built.page(".")
    for section in ("Journeys", "Personas", "Rounds"):
        assert f">{section}<" in home or f"{section}\n" in home
    assert not list(built.site.rglob("*.yml"))
    assert (built.site / "assets/journeys/vega.js").stat().st_size > 100_000
    assert json.loads((built.site / "schemas/journey.schema.json").read_text())["title"].startswith("mkdocs-journeys")


def test_no_request_leaves_the_site(standard_site: FixtureSite) -> None:
    built = standard_site.build()
    for page in built.site.rglob("*.html"):
        html = page.read_text("utf-8")
        external = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="((?:https?:)?//[^"]+)"', html)
        assert external == [], f"{page}: {external}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_contributor_text_is_escaped_everywhere(standard_site: FixtureSite) -> None:
    persona = standard_site.docs / "personas/anna.md"
    persona.write_text(persona.read_text().replace("Anna Test", f"'{PAYLOAD}'"))
    journey = standard_site.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text().replace("title: Request form", f"title: '{PAYLOAD}'")
                       .replace("title: Laptop request", f"title: '{PAYLOAD}'").replace("Ask}", f"'{PAYLOAD}'}}"))
    standard_site.write("rounds/r2/laptop.yml", f"touchpoints:\n  form: {{emotion: 1, notes: '{PAYLOAD}'}}\n")
    built = standard_site.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("journeys/laptop", "personas/anna", ".", "rounds/r2"))
    [spec] = chart_specs(built.page("journeys/laptop"))
    assert PAYLOAD in json.dumps(spec, ensure_ascii=False).replace('\\"', '"')  # intact as data


def test_labels_follow_theme_language(tmp_path: Path) -> None:
    built = FixtureSite(tmp_path, language="hu").standard().build()
    html = built.page("journeys/laptop")
    assert "Érzelmi görbe" in html and "Érintkezési pontok" in html and "Nagyon negatív" in html
    assert ">Ügyfélutak<" in built.page(".") or "Ügyfélutak\n" in built.page(".")


def test_templates_can_be_overridden_from_the_theme_folder(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: theme\n"))
    site.write("theme/journeys/persona.html", "<p class=custom>{{ persona.name }} overridden</p>", docs=False)
    built = site.build()
    assert built.code == 0, built.output
    assert "<p class=custom>Anna Test overridden</p>" in built.page("personas/anna")

"""Findings of a round: validation of what they refer to, KPI scales, the journey page's findings, the curve's
persona and KPI series, and the feedback map (the round's digital board)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from actions_fixture import actions_site
from conftest import PAYLOAD, Built, FixtureSite, assert_escaped
from mkdocs_journeys.charts.specs import emotion_curve_spec
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.model import Journey, Kpi, Observation, Stage, Touchpoint, TouchpointResult
from mkdocs_journeys.views.analysis import emotion_curve, kpi_points, persona_curves
from test_compare import mark_rows, specs
from test_validation import problems

WORDS = {"persona": "Persona", "kpi": "KPI", "kpi_axis": "KPI axis", "kpi_value": "Value", "kpi_n": "Answers",
         "kpi_target": "Target", "kpi_met": "met", "kpi_missed": "not met", "kpi_no_target": "none"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The actions fixture built as the site of r3."""
    built = actions_site(tmp_path_factory.mktemp("feedback")).build()
    assert built.code == 0, built.output
    return built


# ---- validation -----------------------------------------------------------------------------------------

FINDINGS = """\
touchpoints:
  form:
    emotion: 1
    emotions: {anna: 1, bob: 2, anne: 0, anna-x: 9}
    feedback:
      - {method: survey, text: Hi, persona: bob, date: '2026-02-30'}
      - {method: survey, text: Ho, persona: ana}
  approval:
    kpis:
      - {kind: custom, value: 3}
      - {kind: csat, value: 7}
      - {kind: custom, name: X, value: 1, min: 2, max: 2}
      - {kind: nps, value: 10, target: 300}
      - {kind: custom, name: Y, value: 1, min: 0}
photos:
  - {file: missing.jpg}
  - {file: ../r1/index.md}
"""


def test_findings_that_refer_to_nothing_are_errors_at_their_line(standard_site: FixtureSite) -> None:
    standard_site.write("personas/bob.md", "---\nname: Bob\nrole: Intern\n---\n")
    standard_site.write("rounds/r2/laptop.yml", FINDINGS)
    standard_site.write("rounds/r2/missing.png", "a photo")
    lines = problems(standard_site)
    where = "docs/rounds/r2/laptop.yml"
    expected = [
        f"{where}:4:25: error: touchpoints.form.emotions.bob: persona 'bob' does not travel journey 'laptop' "
        "(its personas: anna); add 'bob' to the journey's personas or name one of them",
        f"{where}:4:33: error: touchpoints.form.emotions.anne: no persona 'anne' (expected a file "
        "personas/anne.md); did you mean 'anna'?",
        f"{where}:4:50: error: touchpoints.form.emotions.anna-x: expected a whole number from -2 to 2, found 9",
        f"{where}:6:45: error: touchpoints.form.feedback[0].persona: persona 'bob' does not travel journey "
        "'laptop' (its personas: anna); add 'bob' to the journey's personas or name one of them",
        f"{where}:6:56: error: touchpoints.form.feedback[0].date: expected a real date YYYY-MM-DD, found "
        "'2026-02-30'",
        f"{where}:7:45: error: touchpoints.form.feedback[1].persona: no persona 'ana' (expected a file "
        "personas/ana.md); did you mean 'anna'?",
        f"{where}:10:9: error: touchpoints.approval.kpis[0]: a custom KPI needs `name`, `min`, `max`",
        f"{where}:11:29: error: touchpoints.approval.kpis[1].value: expected a number from 1 to 5 (the scale of "
        "CSAT), found 7",
        f"{where}:12:56: error: touchpoints.approval.kpis[2].max: expected a value other than min (2), found 2",
        f"{where}:13:40: error: touchpoints.approval.kpis[3].target: expected a number from -100 to 100 (the "
        "scale of NPS), found 300",
        f"{where}:14:9: error: touchpoints.approval.kpis[4]: a custom KPI needs `max`",
        f"{where}:16:12: error: photos[0].file: no file 'missing.jpg' in the round's folder r2/ (put the photo "
        "next to this file); did you mean 'missing.png'?",
        f"{where}:17:12: error: photos[1].file: expected a file inside the round's folder r2/, found "
        "'../r1/index.md', which lies outside it",
    ]
    for line in expected:
        assert any(found.startswith(line) for found in lines), f"{line}\nnot in:\n" + "\n".join(lines)
    assert len(lines) == len(expected) + 1  # anna-x is also not a persona of the journey


def test_photos_must_be_local_paths(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r2/laptop.yml", "touchpoints: {}\nphotos:\n  - {file: 'https://x.org/a.jpg'}\n")
    assert problems(standard_site) == [
        "docs/rounds/r2/laptop.yml:3:12: error: photos[0].file: expected a local path inside the site, found "
        "'https://x.org/a.jpg'"]


def test_kpi_scales_default_by_kind_and_custom_ones_are_kept(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path).standard()
    site.write("rounds/r2/laptop.yml", """\
        touchpoints:
          form:
            kpis:
              - {kind: csat, value: 4.2}
              - {kind: nps, value: -12, n: 80}
              - {kind: ces, value: 5, target: 6}
              - {kind: custom, name: Minutes waited, value: 12, min: 60, max: 0, target: 15}
              - {kind: csat, name: Hotline CSAT, value: 8, min: 0, max: 10}
        """)
    catalog, found = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert found == []
    observation = catalog.observation("laptop", "r2")
    assert observation is not None
    kpis = observation.result("form").kpis
    assert [(k.label, k.min, k.max) for k in kpis] == [
        ("CSAT", 1, 5), ("NPS", -100, 100), ("CES", 1, 7), ("Minutes waited", 60, 0), ("Hotline CSAT", 0, 10)]
    assert kpis[1].n == 80 and kpis[0].n is None
    # Targets count on the scale's direction: 12 minutes is better than the target of 15, a CES of 5 is not 6.
    assert [k.met for k in kpis] == [None, None, False, True, None]
    assert kpis[3].share() == pytest.approx(0.8)


# ---- the journey page -----------------------------------------------------------------------------------

def findings_row(html: str, touchpoint: str) -> str:
    """The findings row under a touchpoint of the journey page's table."""
    found = re.search(rf'<tr class="journeys-findings-row" data-findings="{touchpoint}">(.*?)</tr>', html, re.DOTALL)
    assert found, touchpoint
    return " ".join(found.group(1).split())


def test_journey_page_shows_findings_kpis_and_service_stage(site: Built) -> None:
    html = site.page("journeys/laptop")
    form = findings_row(html, "form")
    assert "What works" in form and "Fields are prefilled" in form
    assert "Must change" in form and "Too many mandatory fields" in form
    # The private entry is not counted: four entries, one private.
    assert 'data-feedback="3"' in form and 'href="../../feedback/laptop/#tp-form">Feedback: 3</a>' in form
    approval = findings_row(html, "approval")
    assert "<strong>CSAT</strong>" in approval and 'data-n="55"' in approval and "(1–5)" in approval
    assert "Target 4: " in approval and "target met" in approval and "✓" in approval
    handover = findings_row(html, "handover")
    assert "<strong>NPS</strong>" in handover and "target not met" in handover and "(-100–100)" in handover
    assert "Minutes waited" in handover and "(60–0)" in handover
    assert re.findall(r'<tr class="journeys-findings-row" data-findings="([a-z]+)">', html) == [
        "form", "approval", "handover"]
    assert '<dd data-service-stage="growth">growth</dd>' in html
    # Each persona's score stands under the overall one.
    assert re.findall(r'data-persona="(\w+)">([^<]+): ', html)[:2] == [("anna", "Anna Test"), ("bob", "Bob Sample")]
    assert '<a href="../../feedback/laptop/">Feedback map</a>' in html


def test_curve_draws_a_line_per_persona_with_a_legend(site: Built) -> None:
    spec = specs(site.page("journeys/laptop"))["journeys-chart-curve"]
    rows = mark_rows(spec, "text")  # the bands' stage names come first...
    assert {row.get("stage") for row in rows} == {"Ask", "Receive"}
    curve = spec["layer"][0]
    # The personas' dashed lines lie above the overall line and below its points.
    kinds = [layer["mark"]["type"] if "mark" in layer else "personas" for layer in curve["layer"]]
    assert kinds[-3:] == ["line", "personas", "point"]
    personas = curve["layer"][-2]
    assert personas["layer"][0]["encoding"]["strokeDash"]["field"] == "series"
    scored = [(row["persona"], row["touchpoint"], row["emotion"]) for row in personas["data"]["values"]]
    assert scored == [("Anna Test", "Request form", 2), ("Anna Test", "Manager approval", 1),
                      ("Anna Test", "Handover", None), ("Bob Sample", "Request form", 0),
                      ("Bob Sample", "Manager approval", -2), ("Bob Sample", "Handover", None)]
    legend = personas["layer"][0]["encoding"]["color"]["legend"]
    assert json.loads(legend["labelExpr"].removesuffix("[datum.value]")) == {"0": "Anna Test", "1": "Bob Sample"}
    assert personas["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["0", "1"]
    # The overall curve is still there, its points the only symbols of the chart.
    points = mark_rows(spec, "point")
    assert [row["emotion"] for row in points] == [1, 1, 2]


def kpi_group(spec: dict[str, Any]) -> dict[str, Any]:
    """The KPI layers of a curve: the second top-level layer."""
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    return dict(spec["layer"][1])


def test_kpis_are_a_second_series_with_targets_and_answers(site: Built) -> None:
    spec = specs(site.page("journeys/laptop"))["journeys-chart-curve"]
    group = kpi_group(spec)
    bars, ticks = group["layer"]
    assert bars["mark"]["type"] == "bar" and ticks["mark"]["type"] == "tick"
    assert bars["encoding"]["y"]["axis"]["orient"] == "right"
    assert bars["encoding"]["y"]["axis"]["values"] == [0, 0.5, 1]  # its own panel, 0 to 100 % of each scale
    assert ticks["encoding"]["y"]["field"] == "target_share"
    rows = group["data"]["values"]
    assert [(row["kpi"], row["share"], row["target_share"], row["n"]) for row in rows] == [
        ("CSAT", 0.8, 0.75, "55"), ("NPS", 0.675, 0.7, "80"), ("Minutes waited", 0.8, 0.75, "–")]
    assert [row["value"] for row in rows] == ["4.2 (1–5)", "35 (-100–100)", "12 (60–0)"]
    assert rows[1]["target"] == "40 · target not met" and rows[0]["target"] == "4 · target met"
    # Several KPIs at one touchpoint stand side by side around its position.
    assert rows[0]["x"] == 1 and rows[1]["x"] < 2 < rows[2]["x"]
    fields = {t["field"] for t in bars["encoding"]["tooltip"]}
    assert fields == {"kpi", "touchpoint", "value", "n", "target"}


def test_curves_without_personas_or_kpis_keep_their_shape() -> None:
    journey = Journey(id="j", title="J", service="S", source="j.md", personas=["p"], stages=[Stage("a", "A")],
                      touchpoints=[Touchpoint("t1", "One", "a"), Touchpoint("t2", "Two", "a")])
    scale = Options(docs_dir=Path(".")).emotion_scale()
    plain = Observation("j", "r", "r.yml", results={"t1": TouchpointResult(1), "t2": TouchpointResult(-1)})
    spec = emotion_curve_spec(emotion_curve(journey, plain, scale), scale, "d", "E", "T", "N", [], [], WORDS)
    assert "resolve" in spec and spec["resolve"]["scale"] == {"color": "independent", "shape": "independent"}
    assert all("layer" not in layer for layer in spec["layer"])
    # The same shape with personas named differently: each chart keeps its own legend.
    results = {"t1": TouchpointResult(1, emotions={"p": 2}, kpis=[Kpi("ces", 6, 1, 7, target=5)])}
    both = Observation("j", "r", "r.yml", results=results)
    texts = {}
    for name in ("First name", "Second name"):
        curves = [(name, curve) for _, curve in persona_curves(journey, both, scale)]
        filled = emotion_curve_spec(emotion_curve(journey, both, scale), scale, "d", "E", "T", "N", curves,
                                    kpi_points(journey, both), WORDS)
        assert kpi_group(filled)["data"]["values"][0]["target"] == "5 · met"
        texts[name] = json.dumps(filled, ensure_ascii=False)
    assert "First name" in texts["First name"] and "Second name" not in texts["First name"]
    assert "Second name" in texts["Second name"] and "First name" not in texts["Second name"]


# ---- the feedback map -----------------------------------------------------------------------------------

def column(html: str, touchpoint: str) -> str:
    """A touchpoint's column of the board."""
    found = re.search(rf'<section class="journeys-board__column" id="tp-{touchpoint}".*?</section>', html, re.DOTALL)
    assert found, touchpoint
    return found.group(0)


def test_feedback_map_has_a_column_per_touchpoint_and_cards_by_method(site: Built) -> None:
    html = site.page("feedback/laptop")
    assert "<h1>Laptop request — feedback map</h1>" in html
    assert re.findall(r'<section class="journeys-board__stage" data-stage="(\w+)"', html) == ["ask", "receive"]
    assert re.findall(r'class="journeys-board__column" id="tp-(\w+)"', html) == ["form", "approval", "handover"]
    form = column(html, "form")
    # Grouped by method in the schema's order (observation before interview), whatever the file's order.
    assert re.findall(r'data-method="([a-z-]+)"', form) == ["observation", "interview"]
    cards = re.findall(r'<p class="journeys-card__text">(.*?)</p>', form)
    assert cards == ["First observation at the form", "Second observation at the form",
                     "Interview finding about the form"]
    assert 'data-evidence="assumed"' in form and ">assumed</span>" in form and ">observed</span>" in form
    assert '<time datetime="2026-03-02">2026-03-02</time>' in form
    assert '<a href="../../personas/bob/">Bob Sample</a>' in form
    assert "Fields are prefilled" in form and "Too many mandatory fields" in form
    assert re.findall(r'data-method="([a-z-]+)"', column(html, "approval")) == ["survey"]
    assert "No feedback at this touchpoint." in column(html, "handover")
    # The board scrolls sideways and takes the keyboard focus to do so.
    assert re.search(r'<div class="journeys-board" role="region" tabindex="0" aria-label="[^"]+">', html)


def test_feedback_map_shows_the_board_photo_of_the_round(site: Built) -> None:
    html = site.page("feedback/laptop")
    assert '<img src="../../rounds/r3/board.svg" alt="The board in week 3" loading="lazy">' in html
    assert (site.site / "rounds/r3/board.svg").read_text().startswith("<svg")
    # Only journeys whose round found something get a board, and it stays out of the navigation.
    assert not (site.site / "feedback/museum").exists()
    assert 'href="feedback/' not in site.page(".")
    assert "Feedback map" not in site.page("journeys/museum")


def test_older_rounds_have_no_board_and_no_photo(tmp_path: Path) -> None:
    built = actions_site(tmp_path, "r2").build()
    assert built.code == 0, built.output
    assert not (built.site / "feedback").exists()
    assert not (built.site / "rounds/r3").exists()


# ---- languages and escaping -----------------------------------------------------------------------------



@pytest.mark.parametrize(("language", "words"), [
    ("bg", ["— карта на обратната връзка", "Какво работи", "предположение", "Интервю"]),
    ("hu", ["— visszajelzési térkép", "Ami működik", "feltételezés", "Interjú"]),
    ("ru", ["— карта обратной связи", "Что работает", "предположение", "Интервью"]),
])
def test_board_labels_follow_the_language(tmp_path: Path, language: str, words: list[str]) -> None:
    built = actions_site(tmp_path, language=language).build()
    assert built.code == 0, built.output
    html = built.page("feedback/laptop")
    for word in words:
        assert word in html, word
    assert "What works" not in html and "assumed<" not in html
    plan = built.page("action-plan")
    quick, title = {"bg": ("Бързи победи", "План за действие"), "hu": ("Gyors győzelmek", "Akcióterv"),
                    "ru": ("Быстрые победы", "План мероприятий")}[language]
    assert quick in plan and f"<h1>{title}</h1>" in plan and "Quick wins" not in plan


def test_findings_and_opportunities_are_escaped(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    for path in ("rounds/r3/laptop.yml", "opportunities/laptop.yml"):
        source = site.docs / path
        text = source.read_text().replace("Interview finding about the form", f"'{PAYLOAD}'")
        text = text.replace("The board in week 3", f"'{PAYLOAD}'").replace("Fields are prefilled", f"'{PAYLOAD}'")
        text = text.replace("Minutes waited", f"'{PAYLOAD}'").replace("idea: Prefill the form", f"idea: '{PAYLOAD}'")
        source.write_text(text)
    built = site.build()
    assert built.code == 0, built.output
    assert_escaped(built, ("journeys/laptop", "feedback/laptop", "action-plan", "compare/laptop"))
    assert "&lt;/script&gt;&lt;script&gt;alert" in built.page("feedback/laptop")
    matrix = specs(built.page("action-plan"))["journeys-chart-matrix"]
    assert PAYLOAD in [row["idea"] for row in mark_rows(matrix, "circle")]
    curve = specs(built.page("journeys/laptop"))["journeys-chart-curve"]
    assert PAYLOAD in [row["kpi"] for row in kpi_group(curve)["data"]["values"]]

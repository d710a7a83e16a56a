"""HTML fragments of the plugin's pages, from Jinja templates a site can override in `theme/journeys/`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from . import analysis, charts, comparison
from .charts import mood
from .i18n import labels
from .model import Catalog, Journey, Persona, Round

# Resolves (kind, id) to a URL relative to the page being rendered; kind is journey, persona or file.
Linker = Callable[[str, str], str]

# Generated pages that put a journey's rounds side by side: compare/<journey id>.md.
COMPARE_DIR = "compare"


def compare_page(journey_id: str) -> str:
    """The source path of a journey's comparison page inside the docs folder."""
    return f"{COMPARE_DIR}/{journey_id}.md"


class Renderer:
    """Renders the plugin's fragments for the round a site shows."""

    def __init__(self, catalog: Catalog, round_: Round | None, language: str, overrides: list[Path]):
        self.catalog, self.round, self.t = catalog, round_, labels(language)
        loaders: list[Any] = [FileSystemLoader(str(d / "journeys")) for d in overrides]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, PackageLoader("mkdocs_journeys", "templates")]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        )
        self.env.globals["mood"] = mood

    def sections(self, kind: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Headings a page kind adds before and after the author's body, as (anchor id, title)."""
        if kind == "journey":
            return [("emotion-curve", self.t["emotion_curve"]), ("touchpoints", self.t["touchpoints"])], []
        if kind == "persona":
            return [("journeys", self.t["persona_journeys"])], []
        if kind == "compare":
            return [("curves", self.t["curves_by_round"]), ("scores", self.t["scores_by_round"]),
                    ("added-removed", self.t["added_removed"]), ("notes", self.t["notes_side_by_side"])], []
        if kind == "round":
            return [], [("overview", self.t["round_overview"]), ("improvements", self.t["improvements"]),
                        ("declines", self.t["declines"]), ("journeys", self.t["round_journeys"])]
        return [], [("journeys", self.t["journeys"])]

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(t=self.t, round=self.round, **context)

    def _observation(self, journey_id: str) -> Any:
        return self.catalog.observation(journey_id, self.round.id) if self.round else None

    def journey(self, journey: Journey, body: str, link: Linker) -> str:
        """The journey page: header, emotion curve, touchpoint table, the author's body."""
        observation = self._observation(journey.id)
        # The site of a round shows the journey as it was then: touchpoints added later are left out.
        journey = comparison.journey_as_of(self.catalog, journey, self.round.id if self.round else None)
        points = analysis.emotion_curve(journey, observation, self.catalog.scale)
        round_title = self.round.title if self.round else ""
        caption = self.t["chart_caption"].format(round=round_title)
        spec = charts.emotion_curve_spec(points, self.catalog.scale, f"{journey.title}. {caption}",
                                         self.t["emotion"], self.t["touchpoint"], self.t["notes"])
        personas = [{"name": self.catalog.personas[p].name, "url": link("persona", p)} for p in journey.personas]
        points_by_id = {p.touchpoint: {**p.__dict__, "mood": mood(p.emotion)} for p in points}
        return self._render(
            "journey.html", journey=journey, body=body, personas=personas, observation=observation,
            spec=spec, caption=caption, points_by_id=points_by_id,
            average=analysis.average_emotion(observation),
            no_data=self.t["no_data"].format(round=round_title),
            compare_url=link("file", compare_page(journey.id)),
        )

    def compare_title(self, journey: Journey) -> str:
        """The title of a journey's comparison page."""
        return f"{journey.title} — {self.t['rounds_side_by_side']}"

    def compare(self, journey: Journey, body: str, link: Linker) -> str:
        """A journey's rounds up to the site's round side by side: overlaid curves, scores with their changes,
        touchpoints added and removed, and two rounds' notes next to each other."""
        round_id = self.round.id if self.round else None
        rounds = comparison.compared_rounds(self.catalog, journey.id, round_id) if round_id else []
        histories = comparison.touchpoint_histories(self.catalog, journey, round_id) if round_id else []
        shown = comparison.journey_as_of(self.catalog, journey, round_id)
        spec, caption = None, ""
        if rounds:
            newest = rounds[-1]
            points = analysis.emotion_curve(shown, self.catalog.observation(journey.id, newest.id),
                                            self.catalog.scale)
            caption = self.t["overlay_caption"].format(round=newest.title)
            spec = charts.rounds_overlay_spec(points, histories, rounds, self.catalog.scale,
                                              f"{journey.title}. {caption}", self.t)
        panels = []
        for i, round_ in enumerate(rounds):
            observation = self.catalog.observation(journey.id, round_.id)
            items = [(h.touchpoint, h.cells[i]) for h in histories
                     if h.cells[i].emotion is not None or h.cells[i].notes]
            panels.append({"round": round_, "summary": observation.summary if observation else "", "items": items})
        return self._render(
            "compare.html", journey=shown, journey_url=link("journey", journey.id), rounds=rounds, spec=spec,
            caption=caption, histories={h.touchpoint.id: h for h in histories},
            membership=comparison.membership_changes(self.catalog, journey, round_id) if round_id else [],
            panels=panels, pair=[r.id for r in rounds[-2:]], body=body,
            no_data=self.t["compare_no_data"].format(round=self.round.title if self.round else ""),
        )

    def persona(self, persona: Persona, body: str, link: Linker) -> str:
        """The persona page: profile, the persona's journeys, the author's body."""
        journeys = [{"title": j.title, "service": j.service, "url": link("journey", j.id)}
                    for j in self.catalog.journeys_of_persona(persona.id)]
        picture = link("file", persona.picture) if persona.picture else ""
        return self._render("persona.html", persona=persona, journeys=journeys, body=body, picture_url=picture)

    def _journey_rows(self, round_: Round | None, link: Linker, trend: bool = False) -> list[dict[str, Any]]:
        rows = []
        for journey in self.catalog.journeys.values():
            observation = self.catalog.observation(journey.id, round_.id) if round_ else None
            average = analysis.average_emotion(observation)
            rows.append({
                "id": journey.id, "title": journey.title, "service": journey.service,
                "url": link("journey", journey.id), "average": average,
                "mood": mood(None if average is None else round(average)),
                "scored": sum(r.emotion is not None for r in observation.results.values()) if observation else 0,
                "personas": [self.catalog.personas[p].name for p in journey.personas],
                "trend": comparison.average_trend(self.catalog, journey, round_.id) if trend and round_ else [],
            })
        return rows

    def home(self, body: str, link: Linker) -> str:
        """The home page: the author's introduction, every journey's trend chart and averages per round."""
        rows = self._journey_rows(self.round, link, trend=True)
        trend_rounds = self.catalog.rounds_up_to(self.round.id) if self.round else []
        spec, caption = None, ""
        if len(trend_rounds) > 1 and self.catalog.journeys:
            journeys = list(self.catalog.journeys.values())
            caption = self.t["trend_caption"].format(round=trend_rounds[-1].title)
            spec = charts.trend_spec(journeys, {row["id"]: row["trend"] for row in rows}, self.catalog.scale,
                                     caption, self.t)
        return self._render("home.html", body=body, rows=rows, trend_rounds=trend_rounds, spec=spec,
                            caption=caption)

    def round_page(self, round_: Round, body: str, link: Linker) -> str:
        """A round's overview: period, status, methods, the author's body, a heatmap of every journey's
        touchpoints, the biggest improvements and declines since the round before, the journeys' averages."""
        journeys = list(self.catalog.journeys.values())
        histories = {j.id: comparison.touchpoint_histories(self.catalog, j, round_.id) for j in journeys}
        cells = {j.id: [(h.touchpoint, next((c for c in h.cells if c.round.id == round_.id), None))
                        for h in histories[j.id]] for j in journeys}
        spec, caption = None, self.t["heatmap_caption"].format(round=round_.title)
        if any(cell is not None and cell.emotion is not None for row in cells.values() for _, cell in row):
            spec = charts.heatmap_spec(journeys, histories, round_.id, self.catalog.scale, caption, self.t)
        position = self.catalog.round_position(round_.id)
        improved, declined = comparison.biggest_changes(self.catalog, round_.id)
        links = {j.id: link("journey", j.id) for j in journeys}
        return self.env.get_template("round.html").render(
            t=self.t, round=round_, body=body, rows=self._journey_rows(round_, link), trend_rounds=[],
            spec=spec, caption=caption, journeys=journeys, cells=cells, links=links,
            previous=self.catalog.rounds[position - 1] if position > 0 else None,
            improved=improved, declined=declined,
            first_round=self.t["first_round"].format(round=round_.title),
        )


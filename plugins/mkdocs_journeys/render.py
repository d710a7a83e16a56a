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

from . import analysis, charts
from .charts import mood
from .i18n import labels
from .model import Catalog, Journey, Persona, Round

# Resolves (kind, id) to a URL relative to the page being rendered; kind is journey, persona or file.
Linker = Callable[[str, str], str]


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

    def sections(self, kind: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Headings a page kind adds before and after the author's body, as (anchor id, title)."""
        if kind == "journey":
            return [("emotion-curve", self.t["emotion_curve"]), ("touchpoints", self.t["touchpoints"])], []
        if kind == "persona":
            return [("journeys", self.t["persona_journeys"])], []
        return [], [("journeys", self.t["round_journeys" if kind == "round" else "journeys"])]

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(t=self.t, round=self.round, **context)

    def _observation(self, journey_id: str) -> Any:
        return self.catalog.observation(journey_id, self.round.id) if self.round else None

    def journey(self, journey: Journey, body: str, link: Linker) -> str:
        """The journey page: header, emotion curve, touchpoint table, the author's body."""
        observation = self._observation(journey.id)
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
        )

    def persona(self, persona: Persona, body: str, link: Linker) -> str:
        """The persona page: profile, the persona's journeys, the author's body."""
        journeys = [{"title": j.title, "service": j.service, "url": link("journey", j.id)}
                    for j in self.catalog.journeys_of_persona(persona.id)]
        picture = link("file", persona.picture) if persona.picture else ""
        return self._render("persona.html", persona=persona, journeys=journeys, body=body, picture_url=picture)

    def _journey_rows(self, round_: Round | None, link: Linker) -> list[dict[str, Any]]:
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
            })
        return rows

    def home(self, body: str, link: Linker) -> str:
        """The home page: the author's introduction and every journey's average emotion."""
        return self._render("home.html", body=body, rows=self._journey_rows(self.round, link))

    def round_page(self, round_: Round, body: str, link: Linker) -> str:
        """A round's page: period, status, methods, the author's body and the journeys' averages."""
        return self.env.get_template("round.html").render(
            t=self.t, round=round_, body=body, rows=self._journey_rows(round_, link))


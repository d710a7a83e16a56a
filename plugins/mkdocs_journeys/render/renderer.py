"""HTML fragments of the plugin's pages, from Jinja templates a site can override in `theme/journeys/`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from ..charts import plan as plan_charts
from ..charts import specs as charts
from ..charts.specs import mood, number
from ..format import mermaid
from ..layout import compare_page, feedback_page, group_page, wall_page
from ..locales.labels import labels
from ..model import Catalog, Group, Journey, Persona, Round
from ..views import actions, analysis, comparison, groups, journeymap, wallmap
from ..views.comparison import TouchpointHistory

# Resolves (kind, id) to a URL relative to the page being rendered; kind is journey, persona or file.
Linker = Callable[[str, str], str]
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


class _Unindented(PackageLoader):
    """Our templates without the indentation of their lines, which would otherwise be written out thousands of
    times on a large site's pages. A line break between two tags still reads as a space, so pages look the same
    (none of our templates holds preformatted text). A site's own templates in `theme/journeys/` stay as written."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        return _INDENT.sub("", source), filename, uptodate


class Renderer:
    """Renders the plugin's fragments for the round a site shows."""

    def __init__(self, catalog: Catalog, round_: Round | None, language: str, overrides: list[Path]):
        self.catalog, self.round, self.t = catalog, round_, labels(language)
        loaders: list[Any] = [FileSystemLoader(str(d / "journeys")) for d in overrides]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, _Unindented("mkdocs_journeys.render", "templates")]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        )
        # Inline chart specs as compact JSON: no indentation, no spaces after separators, and letters as they are
        # rather than \u escapes (tojson still escapes <, >, & and ' for the page).
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"),
                                                  "ensure_ascii": False}
        self.env.globals["mood"] = mood
        self.env.globals["number"] = number
        self.env.globals["round_titles"] = {r.id: r.title for r in catalog.rounds}
        self.env.globals["downloads"] = {k: self.t[k] for k in ("downloads", "download_data", "download_svg",
                                                                  "download_png")}

    @property
    def round_id(self) -> str | None:
        """The id of the round the site shows."""
        return self.round.id if self.round else None

    def feedback_pages(self) -> list[str]:
        """The journeys whose round found something to pin on a feedback board: they get a feedback map."""
        return [jid for jid in self.catalog.journeys if analysis.has_board(self._observation(jid))]

    def has_action_plan(self) -> bool:
        """Whether any opportunity was found up to the round: then the site has an action plan."""
        return self.round is not None and bool(actions.action_plan(self.catalog, self.round.id))

    def wall_title(self, journey: Journey) -> str:
        """The title of a journey's wall map."""
        return self.t["wall_map_title"].format(journey=journey.title)

    def wall_map(self, journey: Journey, site_name: str) -> str:
        """The journey of the site's round on one A3 landscape sheet."""
        assert self.round is not None
        shown = comparison.journey_as_of(self.catalog, journey, self.round.id)
        observation = self._observation(journey.id)
        points = analysis.emotion_curve(shown, observation, self.catalog.scale)
        caption = self.t["chart_caption"].format(round=self.round.title)
        spec = charts.emotion_curve_spec(points, self.catalog.scale, f"{journey.title}. {caption}", self.t["emotion"],
                                         self.t["touchpoint"], self.t["notes"], words=self.t)
        columns = wallmap.columns(self.catalog, shown, self.round)
        return self._render("wallmap.html", journey=shown, spec=wallmap.poster_curve(spec), caption=caption,
                            site_name=site_name, personas=[self.catalog.personas[p].name for p in journey.personas],
                            columns=columns, total=len(points), density=wallmap.density(columns), bands=charts.BANDS)

    def mermaid_block(self, diagram: mermaid.Diagram, index: int) -> str:
        """A journey diagram written in a page, as our emotion curve and a table."""
        journey, observation = mermaid.to_model(diagram, f"mermaid-{index}", self.catalog.scale, {},
                                                default_stage=self.t["journey"])
        scale = self.catalog.scale
        points = analysis.emotion_curve(journey, observation, scale)
        title = diagram.title or diagram.acc_title
        caption = " ".join(x for x in (diagram.acc_descr, self.t["mermaid_caption"]) if x)
        spec = charts.emotion_curve_spec(points, scale, f"{title}. {caption}" if title else caption, self.t["emotion"],
                                         self.t["touchpoint"], self.t["notes"], words=self.t)
        tasks = diagram.tasks
        rows = [{"id": p.touchpoint, "title": p.title, "stage": p.stage_title, "emotion": p.emotion, "label": p.label,
                 "actors": task.actors} for p, task in zip(points, tasks, strict=True)]
        return self._render("mermaid.html", index=index, title=title, chart_id=f"journeys-chart-mermaid-{index}",
                            spec=spec, caption=caption, rows=rows)

    def sources(self, files: list[dict[str, str | None]]) -> str:
        """The list of a page's source files, each with its view and edit links."""
        return self._render("sources.html", files=files)

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(t=self.t, round=self.round, **context)

    def _observation(self, journey_id: str) -> Any:
        return self.catalog.observation(journey_id, self.round.id) if self.round else None

    def journey(self, journey: Journey, body: str, link: Linker) -> str:
        """The journey page: header, emotion curve, touchpoint table, the author's body."""
        observation = self._observation(journey.id)
        # The site of a round shows the journey as it was then: touchpoints added later are left out.
        journey = comparison.journey_as_of(self.catalog, journey, self.round.id if self.round else None)
        scale = self.catalog.scale
        points = analysis.emotion_curve(journey, observation, scale)
        round_title = self.round.title if self.round else ""
        names = {p: self.catalog.personas[p].name for p in journey.personas}
        curves = [(names[p], curve) for p, curve in analysis.persona_curves(journey, observation, scale)]
        kpis = analysis.kpi_points(journey, observation)
        caption = " ".join([self.t["chart_caption"].format(round=round_title)]
                           + ([self.t["chart_personas"]] if curves else []) + ([self.t["chart_kpis"]] if kpis else []))
        spec = charts.emotion_curve_spec(points, scale, f"{journey.title}. {caption}", self.t["emotion"],
                                         self.t["touchpoint"], self.t["notes"], curves, kpis, self.t)
        personas = [self._persona_card(self.catalog.personas[p], link) for p in journey.personas]
        points_by_id = {p.touchpoint: {**p.__dict__, "mood": mood(p.emotion)} for p in points}
        full = self.catalog.journeys[journey.id]
        return self._render(
            "journey.html", **self._hierarchy(full, journey, link),
            journey=journey, body=body, personas=personas, observation=observation,
            spec=spec, caption=caption, points_by_id=points_by_id, names=names,
            average=analysis.average_emotion(observation),
            no_data=self.t["no_data"].format(round=round_title),
            compare_url=link("file", compare_page(journey.id)),
            feedback_url=link("file", feedback_page(journey.id)) if analysis.has_board(observation) else "",
            wall_url=link("file", wall_page(journey.id)) if self.round else "",
            plan=actions.development_plan(self.catalog, full, self.round.id) if self.round else [],
            jmap=journeymap.journey_map(self.catalog, journey, self.round),
        )

    def _hierarchy(self, journey: Journey, shown: Journey, link: Linker) -> dict[str, Any]:
        """A journey page's place among the others: its group, the journey it details (and the step), and the
        journeys that detail it, by the step they expand (`shown` holds the steps of the round)."""
        group = self.catalog.groups.get(journey.group)
        above = groups.parent_step(self.catalog, journey, self.round_id)
        parent = None
        if above is not None:
            url = link("journey", above[0].id)
            parent = {"title": above[0].title, "url": url, "step": above[1].title if above[1] else "",
                      "step_url": f"{url}#touchpoint-{above[1].id}" if above[1] else ""}
        below = {step: [{"id": j.id, "title": j.title, "url": link("journey", j.id)} for j in found]
                 for step, found in groups.child_journeys(self.catalog, journey, shown.touchpoints).items()}
        return {"group": {"title": group.title, "url": link("file", group_page(group.id))} if group else None,
                "parent": parent, "details": below, "children": below.get("", [])}

    def group_page(self, group: Group, body: str, link: Linker) -> str:
        """A group's page: the author's introduction, its journeys' averages per round as a chart and a table,
        child journeys under their parent."""
        found = groups.entries(self.catalog, group, self.round_id)
        trend_rounds = self.catalog.rounds_up_to(self.round.id) if self.round else []
        rows = [{"id": e.journey.id, "title": e.journey.title, "service": e.journey.service, "depth": e.depth,
                 "url": link("journey", e.journey.id), "trend": e.trend,
                 "parent": {"id": e.parent.id, "title": e.parent.title, "url": link("journey", e.parent.id)}
                 if e.parent else None,
                 "personas": [self.catalog.personas[p].name for p in e.journey.personas]} for e in found]
        spec, caption = None, ""
        if len(trend_rounds) > 1 and found:
            caption = self.t["group_trend_caption"].format(round=trend_rounds[-1].title)
            spec = charts.trend_spec([e.journey for e in found], {e.journey.id: e.trend for e in found},
                                     self.catalog.scale, caption, self.t)
        return self._render("group.html", group=group, body=body, rows=rows, trend_rounds=trend_rounds, spec=spec,
                            caption=caption, several_services=len({row["service"] for row in rows}) > 1)

    def feedback_title(self, journey: Journey) -> str:
        """The title of a journey's feedback map."""
        return self.t["feedback_map_title"].format(journey=journey.title)

    def feedback_map(self, journey: Journey, body: str, link: Linker) -> str:
        """The round's digital board of a journey: a column per touchpoint grouped by stage, feedback cards by
        method, what works and what must change, and the photos of the physical board."""
        observation = self._observation(journey.id)
        shown = comparison.journey_as_of(self.catalog, journey, self.round_id)
        round_id = self.round_id or ""
        photos = [{"url": link("file", f"rounds/{round_id}/{photo.file}"), "caption": photo.caption}
                  for photo in (observation.photos if observation else [])]
        return self._render(
            "feedback.html", journey=shown, journey_url=link("journey", journey.id), observation=observation,
            board=analysis.feedback_board(shown, observation, self.catalog.scale), photos=photos, body=body,
            names={p.id: p.name for p in self.catalog.personas.values()},
            persona_urls={p: link("persona", p) for p in journey.personas},
        )

    def action_plan(self, body: str, link: Linker) -> str:
        """Every journey's opportunities up to the round, ranked, on a priority matrix, and whether the done
        ones helped."""
        round_id = self.round_id
        items = actions.action_plan(self.catalog, round_id) if round_id else []
        spec, caption = None, self.t["matrix_caption"]
        journeys = [(j.id, j.title) for j in self.catalog.journeys.values()]
        if any(p.opportunity.effort is not None and p.opportunity.impact is not None for p in items):
            spec = plan_charts.priority_matrix_spec(items, journeys, caption, self.t)
        return self._render(
            "action_plan.html", items=items, spec=spec, caption=caption, body=body,
            nominations=actions.NOMINATIONS, closed=actions.CLOSED,
            outcomes=actions.outcomes(self.catalog, round_id) if round_id else [],
            links={jid: link("journey", jid) for jid, _ in journeys}, show_journey=True,
        )

    def compare_title(self, journey: Journey) -> str:
        """The title of a journey's comparison page."""
        return f"{journey.title} — {self.t['rounds_side_by_side']}"

    def compare(self, journey: Journey, body: str, link: Linker) -> str:
        """A journey's rounds up to the site's round side by side: overlaid curves, scores with their changes,
        touchpoints added and removed, and two rounds' notes in one table aligned by touchpoint. Touchpoints
        retired up to the round stay, greyed, in the rounds that had them."""
        round_id = self.round.id if self.round else None
        rounds = comparison.compared_rounds(self.catalog, journey.id, round_id) if round_id else []
        histories = comparison.comparison_histories(self.catalog, journey, round_id) if round_id else []
        shown = comparison.compared_journey(self.catalog, journey, round_id) if round_id else journey
        spec, caption = None, ""
        if rounds:
            caption = self.t["overlay_caption"].format(round=rounds[-1].title)
            spec = charts.rounds_overlay_spec(histories, rounds, self.catalog.scale, f"{journey.title}. {caption}",
                                              self.t)
        summaries = {}
        for round_ in rounds:
            observation = self.catalog.observation(journey.id, round_.id)
            summaries[round_.id] = observation.summary if observation else ""
        pair = [r.id for r in rounds[-2:]]
        return self._render(
            "compare.html", journey=shown, journey_url=link("journey", journey.id), rounds=rounds, spec=spec,
            caption=caption, histories={h.touchpoint.id: h for h in histories},
            membership=comparison.membership_changes(self.catalog, journey, round_id) if round_id else [],
            summaries=summaries, pair=pair, changes=comparison.pair_changes(histories, rounds, pair), body=body,
            no_data=self.t["compare_no_data"].format(round=self.round.title if self.round else ""),
            outcomes=actions.outcomes(self.catalog, round_id, journey.id) if round_id else [],
            links={journey.id: link("journey", journey.id)}, show_journey=False,
        )

    def persona(self, persona: Persona, body: str, link: Linker) -> str:
        """The persona page: card, profile, the persona's journeys and own emotion per journey and round, the
        author's body."""
        journeys = [{"title": j.title, "service": j.service, "url": link("journey", j.id)}
                    for j in self.catalog.journeys_of_persona(persona.id)]
        emotions = journeymap.persona_emotions(self.catalog, persona.id, self.round.id) if self.round else []
        return self._render("persona.html", persona=persona, journeys=journeys, body=body,
                            card={**self._persona_card(persona, link), "url": ""}, emotions=emotions,
                            urls={j.id: link("journey", j.id) for j, _ in emotions})

    def _persona_card(self, persona: Persona, link: Linker) -> dict[str, str]:
        """What a persona's card shows: name, role, picture or initials on a coloured disc, the persona page."""
        return {"id": persona.id, "name": persona.name, "role": persona.role, "url": link("persona", persona.id),
                "picture": link("file", persona.picture) if persona.picture else "",
                "initials": journeymap.initials(persona.name), "colour": journeymap.avatar_colour(persona.id)}

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
        """The home page: the author's introduction, then the groups (not every journey: a page of 500 journeys
        weighed most of a megabyte) with their average per round as a chart and a table, each linking its page."""
        found = groups.summaries(self.catalog, self.round_id)
        trend_rounds = self.catalog.rounds_up_to(self.round.id) if self.round else []
        rows = [{"id": s.group.id, "title": s.group.title, "url": link("file", group_page(s.group.id)),
                 "count": len(s.group.journeys), "trend": s.trend} for s in found]
        spec, caption = None, ""
        if len(trend_rounds) > 1 and found:
            caption = self.t["groups_trend_caption"].format(round=trend_rounds[-1].title)
            # The chart reads an id and a title of each line: a group has both.
            spec = charts.trend_spec(cast(list[Journey], [s.group for s in found]),
                                     {s.group.id: s.trend for s in found}, self.catalog.scale, caption,
                                     {**self.t, "journey": self.t["group"]})
        return self._render("home.html", body=body, rows=rows, trend_rounds=trend_rounds, spec=spec,
                            caption=caption)

    def _round_cells(self, round_: Round) -> tuple[dict[str, list[TouchpointHistory]], dict[str, list[Any]]]:
        """Per journey, its touchpoints' histories as of the round (the round's cell only), and (touchpoint, cell)
        pairs. Worked out for this round alone: every round's at once held hundreds of MB in a 12-round build."""
        histories = {j.id: comparison.latest_cells(self.catalog, j, round_.id) for j in self.catalog.journeys.values()}
        cells = {jid: [(h.touchpoint, next((c for c in h.cells if c.round.id == round_.id), None)) for h in found]
                 for jid, found in histories.items()}
        return histories, cells

    def round_page(self, round_: Round, body: str, link: Linker) -> str:
        """A round's overview: period, status, methods, the author's body, a heatmap of every journey's
        touchpoints, the biggest improvements and declines since the round before, the journeys' averages."""
        journeys = list(self.catalog.journeys.values())
        histories, cells = self._round_cells(round_)
        spec, caption = None, self.t["heatmap_caption"].format(round=round_.title)
        links = {j.id: link("journey", j.id) for j in journeys}
        if any(cell is not None and cell.emotion is not None for row in cells.values() for _, cell in row):
            spec = charts.heatmap_spec(journeys, histories, round_.id, self.catalog.scale, caption, self.t, links)
        position = self.catalog.round_position(round_.id)
        improved, declined = comparison.biggest_changes(self.catalog, round_.id, histories=histories)
        return self.env.get_template("round.html").render(
            t=self.t, round=round_, body=body, rows=self._journey_rows(round_, link), trend_rounds=[],
            spec=spec, caption=caption, journeys=journeys, stages=_stage_groups(histories, round_.id), links=links,
            previous=self.catalog.rounds[position - 1] if position > 0 else None,
            improved=improved, declined=declined,
            first_round=self.t["first_round"].format(round=round_.title),
        )


def _stage_groups(histories: dict[str, list[TouchpointHistory]], round_id: str) -> dict[str, list[dict[str, Any]]]:
    """Per journey id, its touchpoints in the round grouped by stage, in journey order: the stage's id and title,
    the column of its first touchpoint on the heatmap (from 1), and its (touchpoint, cell) pairs, the cell the
    round's own (None when the round did not score it)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for journey_id, found in histories.items():
        parts: list[dict[str, Any]] = []
        for h in found:
            if not parts or parts[-1]["id"] != h.touchpoint.stage:
                parts.append({"id": h.touchpoint.stage, "title": h.stage_title, "start": h.position + 1,
                              "cells": []})
            parts[-1]["cells"].append((h.touchpoint, next((c for c in h.cells if c.round.id == round_id), None)))
        groups[journey_id] = parts
    return groups

"""The kinds of page the plugin fills: one object per kind knows its path, title, sections, content, sources and
the front matter it sets. The adapter asks the registry; a new kind of page is one class here and its template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..layout import (
    ACTION_PLAN_PAGE,
    COMPARE_DIR,
    FEEDBACK_DIR,
    GROUPS_DIR,
    JOURNEYS_DIR,
    PERSONAS_DIR,
    ROUNDS_DIR,
    WALL_DIR,
    compare_page,
    feedback_page,
    group_page,
    wall_page,
)
from ..model import Catalog
from ..views import actions
from ..views.inputs import Inputs, persona_inputs, round_inputs
from .pagekind import Page, PageKind, Sections
from .renderer import Linker, Renderer


def _in_folder(src_uri: str, folder: str) -> str | None:
    """The file's stem when `src_uri` is a Markdown file directly in `folder`."""
    parts = src_uri.split("/")
    if len(parts) == 2 and parts[0] == folder and parts[1].endswith(".md"):
        return parts[1][:-3]
    return None


def _opportunity_files(catalog: Catalog, journey_ids: list[str]) -> list[str]:
    return [items[0].source for jid in journey_ids if (items := catalog.opportunities.get(jid))]


def _journey_sources(catalog: Catalog, item: str, round_id: str | None, observations: bool = True) -> list[str]:
    """The journey's file, its observation in the round (when asked for) and its opportunities."""
    found = [catalog.journeys[item].source]
    observation = catalog.observation(item, round_id) if round_id and observations else None
    if observation is not None:
        found.append(observation.source)
    return found + _opportunity_files(catalog, [item])


class JourneyPage(PageKind):
    """A journey in the site's round: its curve, touchpoints, findings and development plan."""

    name = "journey"
    shows = "journey"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, JOURNEYS_DIR)
        return stem if stem in catalog.journeys else None

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.catalog.journeys[item].title

    def sections(self, renderer: Renderer, item: str) -> Sections:
        t, catalog, round_ = renderer.t, renderer.catalog, renderer.round
        found = [("journey-map", t["journey_map"]), ("emotion-curve", t["emotion_curve"]),
                 ("touchpoints", t["touchpoints"])]
        if round_ and actions.development_plan(catalog, catalog.journeys[item], round_.id):
            found.append(("development-plan", t["development_plan"]))
        return found, []

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.journey(renderer.catalog.journeys[item], body, link)

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return Inputs(journeys=[item])

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return _journey_sources(catalog, item, round_id)


class PersonaPage(PageKind):
    """A persona's profile and the journeys they travel."""

    name = "persona"
    shows = "persona"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, PERSONAS_DIR)
        return stem if stem in catalog.personas else None

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.catalog.personas[item].name

    def sections(self, renderer: Renderer, item: str) -> Sections:
        return [("journeys", renderer.t["persona_journeys"])], []

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.persona(renderer.catalog.personas[item], body, link)

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return persona_inputs(catalog, item)

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return [catalog.personas[item].source]


class RoundPage(PageKind):
    """A round's overview: heatmap, biggest changes, every journey's average."""

    name = "round"
    shows = "round"
    # The heatmap and the changes repeat what the journey pages say; search keeps the author's own text.
    late = "generated"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        parts = src_uri.split("/")
        if len(parts) == 3 and parts[0] == ROUNDS_DIR and parts[2] == "index.md":
            return parts[1] if any(r.id == parts[1] for r in catalog.rounds) else None
        return None

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.catalog.round(item).title

    def sections(self, renderer: Renderer, item: str) -> Sections:
        t = renderer.t
        return [], [("overview", t["round_overview"]), ("improvements", t["improvements"]),
                    ("declines", t["declines"]), ("journeys", t["round_journeys"])]

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.round_page(renderer.catalog.round(item), body, link)

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return [catalog.round(item).source] + [o.source for (_, rid), o in catalog.observations.items() if rid == item]

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return round_inputs(catalog, item)


class ComparePage(PageKind):
    """A journey's rounds side by side, up to the site's round."""

    name = "compare"
    shows = "journey"
    # It repeats notes and scores that the journey pages of each round hold: search leads readers there.
    meta: ClassVar[dict[str, Any]] = {"search": {"exclude": True}}
    late = "page"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, COMPARE_DIR)
        return stem if stem in catalog.journeys else None

    def generated(self, renderer: Renderer) -> list[str]:
        return list(renderer.catalog.journeys)

    def path(self, item: str) -> str:
        return compare_page(item)

    def edit_source(self, catalog: Catalog, item: str, round_id: str | None) -> str | None:
        return catalog.journeys[item].source

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.compare_title(renderer.catalog.journeys[item])

    def sections(self, renderer: Renderer, item: str) -> Sections:
        t = renderer.t
        return [("curves", t["curves_by_round"]), ("scores", t["scores_by_round"]),
                ("added-removed", t["added_removed"]), ("notes", t["notes_side_by_side"]),
                ("did-it-help", t["did_it_help"])], []

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.compare(renderer.catalog.journeys[item], body, link)

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return Inputs(journeys=[item])

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        found = [catalog.journeys[item].source]
        for round_ in catalog.rounds_up_to(round_id) if round_id else []:
            earlier = catalog.observation(item, round_.id)
            if earlier is not None:
                found.append(earlier.source)
        return found + _opportunity_files(catalog, [item])


class FeedbackPage(PageKind):
    """The round's feedback board of a journey: findings and feedback per touchpoint, photos of the board."""

    name = "feedback"
    shows = "journey"
    # A wide board: Material's table of contents gives its width to the content.
    meta: ClassVar[dict[str, Any]] = {"hide": ["toc"]}

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, FEEDBACK_DIR)
        return stem if stem in catalog.journeys else None

    def generated(self, renderer: Renderer) -> list[str]:
        return renderer.feedback_pages()

    def path(self, item: str) -> str:
        return feedback_page(item)

    def edit_source(self, catalog: Catalog, item: str, round_id: str | None) -> str | None:
        observation = catalog.observation(item, round_id) if round_id else None
        return observation.source if observation else None

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.feedback_title(renderer.catalog.journeys[item])

    def sections(self, renderer: Renderer, item: str) -> Sections:
        observation = renderer.catalog.observation(item, renderer.round.id) if renderer.round else None
        photos = [("photos", renderer.t["board_photos"])] if observation and observation.photos else []
        return [("board", renderer.t["board"]), *photos], []

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.feedback_map(renderer.catalog.journeys[item], body, link)

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return Inputs(journeys=[item])

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        observation = catalog.observation(item, round_id) if round_id else None
        return [observation.source] if observation else []


class WallPage(PageKind):
    """A journey of the round on one A3 landscape sheet, to print for workshops."""

    name = "wall"
    shows = "journey"
    # A poster: the whole width for its columns, on screen as on paper; search leads to the journey page.
    meta: ClassVar[dict[str, Any]] = {"search": {"exclude": True}, "hide": ["toc", "navigation"]}
    late = "page"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, WALL_DIR)
        return stem if stem in catalog.journeys else None

    def generated(self, renderer: Renderer) -> list[str]:
        return list(renderer.catalog.journeys) if renderer.round else []

    def path(self, item: str) -> str:
        return wall_page(item)

    def edit_source(self, catalog: Catalog, item: str, round_id: str | None) -> str | None:
        return catalog.journeys[item].source

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.wall_title(renderer.catalog.journeys[item])

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.wall_map(renderer.catalog.journeys[item], site_name)

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        return Inputs(journeys=[item])

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return _journey_sources(catalog, item, round_id)


class ActionPlanPage(PageKind):
    """Every opportunity found up to the round, ranked, with the priority matrix and whether done work helped."""

    name = "action-plan"
    meta: ClassVar[dict[str, Any]] = {"hide": ["toc"]}
    in_nav = True

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        return "" if src_uri == ACTION_PLAN_PAGE else None

    def generated(self, renderer: Renderer) -> list[str]:
        return [""] if renderer.has_action_plan() else []

    def path(self, item: str) -> str:
        return ACTION_PLAN_PAGE

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return authored or renderer.t["action_plan"]

    def sections(self, renderer: Renderer, item: str) -> Sections:
        t = renderer.t
        return [], [("ranking", t["ranking"]), ("priority-matrix", t["priority_matrix"]),
                    ("did-it-help", t["did_it_help"])]

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.action_plan(body, link)

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return _opportunity_files(catalog, list(catalog.journeys))


class GroupPage(PageKind):
    """A group of journeys: the author's introduction (groups/<id>.md), its journeys' averages and trend, child
    journeys under their parent. A group made from a service has no file: the plugin adds its page."""

    name = "group"
    shows = "group"
    in_nav = True
    # The table repeats the journeys' titles and averages: search keeps the author's introduction.
    late = "generated"

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        stem = _in_folder(src_uri, GROUPS_DIR)
        return stem if stem in catalog.groups else None

    def generated(self, renderer: Renderer) -> list[str]:
        return [group.id for group in renderer.catalog.groups.values() if not group.source]

    def path(self, item: str) -> str:
        return group_page(item)

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return renderer.catalog.groups[item].title

    def sections(self, renderer: Renderer, item: str) -> Sections:
        return [], [("journeys", renderer.t["group_journeys"])]

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.group_page(renderer.catalog.groups[item], body, link)

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        return [catalog.groups[item].source] if catalog.groups[item].source else []

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        group = catalog.groups[item]
        parents = [catalog.journeys.get(catalog.journeys[jid].parent) for jid in group.journeys]
        return Inputs([group, [(p.id, p.title) for p in parents if p is not None]], list(group.journeys))


class HomePage(PageKind):
    """The home page: the author's introduction, the journey groups with their trend, each linking its page."""

    name = "home"
    in_nav = True

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        return "" if src_uri == "index.md" else None

    def generated(self, renderer: Renderer) -> list[str]:
        return [""]

    def path(self, item: str) -> str:
        return "index.md"

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        return authored or renderer.t["home"]

    def sections(self, renderer: Renderer, item: str) -> Sections:
        return [], [("groups", renderer.t["groups"])]

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        return renderer.home(body, link)


@dataclass
class Registry:
    """The page kinds of a site, in the order the plugin adds their generated pages (which is the order of the
    search index)."""

    kinds: list[PageKind] = field(default_factory=lambda: [
        ComparePage(), FeedbackPage(), WallPage(), ActionPlanPage(), HomePage(), GroupPage(), JourneyPage(),
        PersonaPage(), RoundPage()])

    def page(self, catalog: Catalog, src_uri: str) -> Page | None:
        """The kind of page at `src_uri` and what it shows; None for a page the plugin leaves alone."""
        for kind in self.kinds:
            item = kind.item(catalog, src_uri)
            if item is not None:
                return Page(kind, item)
        return None


PAGES = Registry()

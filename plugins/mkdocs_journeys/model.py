"""The validated model of a journey repository: plain dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScalePoint:
    """One value of the emotion scale and what it means."""

    value: int
    label: str


@dataclass(frozen=True)
class Scale:
    """The emotion scale, lowest value first (default -2..+2)."""

    points: tuple[ScalePoint, ...]

    @property
    def lowest(self) -> int:
        return self.points[0].value

    @property
    def highest(self) -> int:
        return self.points[-1].value

    def label(self, value: int | None) -> str:
        """The label of a value, or an empty text for no value."""
        for point in self.points:
            if point.value == value:
                return point.label
        return ""


@dataclass
class Persona:
    """Who travels a journey."""

    id: str
    name: str
    role: str
    source: str
    channels: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    expectations: list[str] = field(default_factory=list)
    frustrations: list[str] = field(default_factory=list)
    quote: str = ""
    picture: str = ""
    # The language of its text, a BCP 47 tag (hu, bg, pt-BR); empty: the site's language (theme.language).
    lang: str = ""


@dataclass
class Stage:
    """A stage of a journey, e.g. before the visit."""

    id: str
    title: str
    description: str = ""


@dataclass
class Touchpoint:
    """A moment where the customer meets the service; `id` is stable across rounds."""

    id: str
    title: str
    stage: str
    zone: str = ""
    element: str = ""
    channel: str = ""
    customer: str = ""
    frontstage: str = ""
    backstage: str = ""
    support: str = ""
    owner: str = ""
    gap: bool = False
    # Round ids: the touchpoint exists from `since` on and no longer from `retired` on; empty means unbounded.
    since: str = ""
    retired: str = ""


@dataclass
class Journey:
    """One service seen through one or more personas."""

    id: str
    title: str
    service: str
    source: str
    personas: list[str]
    stages: list[Stage]
    touchpoints: list[Touchpoint]
    goal: str = ""
    expectations: list[str] = field(default_factory=list)
    desired_experience: str = ""
    teams: list[str] = field(default_factory=list)
    owner: str = ""
    state: str = "as-is"
    # The language of its text, a BCP 47 tag (hu, bg, pt-BR); empty: the site's language (theme.language).
    lang: str = ""
    # The id of its group: as written, and once loaded the group it falls in (named, else its service's).
    group: str = ""
    # The id of the journey this one details, and the touchpoint of that journey it details (both optional).
    parent: str = ""
    expands: str = ""

    def touchpoints_of(self, stage_id: str) -> list[Touchpoint]:
        """The touchpoints of one stage, in journey order."""
        return [tp for tp in self.touchpoints if tp.stage == stage_id]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id."""
        return next(s for s in self.stages if s.id == stage_id)


@dataclass
class Group:
    """Journeys the organisation sees together: a service line, a business unit. Declared by a page
    groups/<id>.md, or made from a service that no declared group lists (then without a source)."""

    id: str
    title: str
    source: str = ""
    # The services whose journeys fall in this group unless they name another.
    services: list[str] = field(default_factory=list)
    # The language of its text, a BCP 47 tag (hu, bg, pt-BR); empty: the site's language (theme.language).
    lang: str = ""
    # The ids of its journeys, by title.
    journeys: list[str] = field(default_factory=list)


@dataclass
class Round:
    """One monitoring cycle; rounds are the versions of the site."""

    id: str
    title: str
    start: str
    end: str
    status: str
    source: str
    methods: list[str] = field(default_factory=list)
    # The language of its text, a BCP 47 tag (hu, bg, pt-BR); empty: the site's language (theme.language).
    lang: str = ""


# The scale of each kind of KPI when the file gives none; a custom KPI must give its own.
KPI_SCALES: dict[str, tuple[float, float]] = {"csat": (1, 5), "nps": (-100, 100), "ces": (1, 7)}

# How findings are gathered, in the order the feedback map groups them (the schema's order).
METHODS = ("observation", "informal-conversation", "social-media", "forum", "interview", "survey", "other")


def format_number(value: float) -> str:
    """A KPI value as people write it: at most two decimals, no trailing zeros, never an exponent."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class Feedback:
    """One finding at a touchpoint: what a customer said or did, or what the team assumes."""

    method: str
    text: str
    date: str = ""
    evidence: str = "observed"
    persona: str = ""
    private: bool = False
    source: str = ""


@dataclass
class KpiSource:
    """A file a survey import read into a KPI, so that importing it twice never counts twice."""

    file: str
    sha256: str
    n: int | None = None


@dataclass
class Kpi:
    """A measured indicator on its own scale. `min` is the worst end and `max` the best (min > max when
    less is better, e.g. minutes waited)."""

    kind: str
    value: float
    min: float
    max: float
    name: str = ""
    n: int | None = None
    target: float | None = None
    distribution: dict[str, int] = field(default_factory=dict)
    sources: list[KpiSource] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The indicator's name: its own, else CSAT, NPS or CES."""
        return self.name or self.kind.upper()

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the same indicator in another round: kind and name."""
        return self.kind, self.name

    def share(self, value: float | None = None) -> float:
        """Where a value (default: the KPI's own) lies between the worst (0) and the best (1) end of its scale."""
        return ((self.value if value is None else value) - self.min) / (self.max - self.min)

    @property
    def met(self) -> bool | None:
        """Whether the value reaches the target (None without a target)."""
        return None if self.target is None else self.share() >= self.share(self.target)


@dataclass
class TouchpointResult:
    """What one round found at one touchpoint."""

    emotion: int | None = None
    notes: str = ""
    # Emotion per persona id, when the round heard several personas.
    emotions: dict[str, int] = field(default_factory=dict)
    works: list[str] = field(default_factory=list)
    change: list[str] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)


@dataclass
class Photo:
    """A photo of the physical board, a file inside the round's folder."""

    file: str
    caption: str = ""


@dataclass
class Observation:
    """What one round found for one journey."""

    journey: str
    round: str
    source: str
    summary: str = ""
    results: dict[str, TouchpointResult] = field(default_factory=dict)
    service_stage: str = ""
    photos: list[Photo] = field(default_factory=list)

    def result(self, touchpoint_id: str) -> TouchpointResult:
        """The result at a touchpoint; empty when the round did not score it."""
        found = self.results.get(touchpoint_id)
        # Made only when missing: building an empty result for every lookup cost seconds on large sites.
        return found if found is not None else TouchpointResult()


@dataclass
class Votes:
    """Votes an opportunity got in the two nominations."""

    quick_win: int = 0
    important: int = 0

    @property
    def total(self) -> int:
        """Both nominations together."""
        return self.quick_win + self.important


@dataclass
class Opportunity:
    """A pain point and an idea at a touchpoint, the votes it got and what became of it."""

    id: str
    journey: str
    touchpoint: str
    pain_point: str
    idea: str
    found_in: str
    source: str
    to_be: str = ""
    votes: Votes = field(default_factory=Votes)
    effort: int | None = None
    impact: int | None = None
    owner: str = ""
    status: str = "proposed"
    due: str = ""
    done_in: str = ""


@dataclass
class Catalog:
    """Everything in a repository: rounds in chronological order, personas, journeys, observations."""

    scale: Scale
    rounds: list[Round] = field(default_factory=list)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    observations: dict[tuple[str, str], Observation] = field(default_factory=dict)
    # Per journey id, in the order of its opportunities file.
    opportunities: dict[str, list[Opportunity]] = field(default_factory=dict)
    # By title; every journey is in exactly one (Journey.group).
    groups: dict[str, Group] = field(default_factory=dict)
    # Round id -> position, rebuilt whenever it disagrees with `rounds`: every page asks, many times per touchpoint.
    _positions: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def round(self, round_id: str) -> Round:
        """The round with this id."""
        return next(r for r in self.rounds if r.id == round_id)

    def round_position(self, round_id: str) -> int:
        """Where a round stands in chronological order (0 for the oldest)."""
        position = self._positions.get(round_id)
        if position is None or position >= len(self.rounds) or self.rounds[position].id != round_id:
            self._positions = {r.id: i for i, r in enumerate(self.rounds)}
            position = self._positions.get(round_id)
            if position is None:
                raise KeyError(f"no round '{round_id}'")
        return position

    def rounds_up_to(self, round_id: str) -> list[Round]:
        """The rounds from the oldest up to and including this one, in chronological order."""
        return self.rounds[:self.round_position(round_id) + 1]

    def is_active(self, touchpoint: Touchpoint, round_id: str) -> bool:
        """Whether a touchpoint exists in a round: `since` is unset or not later, `retired` unset or later."""
        here = self.round_position(round_id)
        if touchpoint.since and self.round_position(touchpoint.since) > here:
            return False
        return not (touchpoint.retired and self.round_position(touchpoint.retired) <= here)

    def observation(self, journey_id: str, round_id: str) -> Observation | None:
        """The observation of a journey in a round, if the round has one."""
        return self.observations.get((journey_id, round_id))

    def language(self, what: str, item_id: str) -> str:
        """The language a journey, persona, group or round (`what`) declares; empty for the site's language, or for
        anything else (a site-wide page)."""
        if what == "journey":
            return self.journeys[item_id].lang
        if what == "persona":
            return self.personas[item_id].lang
        if what == "group":
            return self.groups[item_id].lang
        return self.round(item_id).lang if what == "round" else ""

    def journeys_of_persona(self, persona_id: str) -> list[Journey]:
        """Journeys that a persona travels."""
        return [j for j in self.journeys.values() if persona_id in j.personas]

    def children(self, journey_id: str) -> list[Journey]:
        """The journeys that name this one as their parent, in catalog order."""
        return [j for j in self.journeys.values() if j.parent == journey_id]

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

    def touchpoints_of(self, stage_id: str) -> list[Touchpoint]:
        """The touchpoints of one stage, in journey order."""
        return [tp for tp in self.touchpoints if tp.stage == stage_id]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id."""
        return next(s for s in self.stages if s.id == stage_id)


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


@dataclass
class TouchpointResult:
    """What one round found at one touchpoint."""

    emotion: int | None = None
    notes: str = ""


@dataclass
class Observation:
    """What one round found for one journey."""

    journey: str
    round: str
    source: str
    summary: str = ""
    results: dict[str, TouchpointResult] = field(default_factory=dict)

    def result(self, touchpoint_id: str) -> TouchpointResult:
        """The result at a touchpoint; empty when the round did not score it."""
        return self.results.get(touchpoint_id, TouchpointResult())


@dataclass
class Catalog:
    """Everything in a repository: rounds in chronological order, personas, journeys, observations."""

    scale: Scale
    rounds: list[Round] = field(default_factory=list)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    observations: dict[tuple[str, str], Observation] = field(default_factory=dict)

    def round(self, round_id: str) -> Round:
        """The round with this id."""
        return next(r for r in self.rounds if r.id == round_id)

    def round_position(self, round_id: str) -> int:
        """Where a round stands in chronological order (0 for the oldest)."""
        return next(i for i, r in enumerate(self.rounds) if r.id == round_id)

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

    def journeys_of_persona(self, persona_id: str) -> list[Journey]:
        """Journeys that a persona travels."""
        return [j for j in self.journeys.values() if persona_id in j.personas]

"""The journey map of a journey in a round: stages as column groups, a column per touchpoint in journey order, and the
lanes under them (what the customer does, channel, front and back stage, the emotion curve with the round's notes,
pain points, ideas, KPIs). The journey page draws it on screen and the A3 wall map prints its columns: one layout.

Also the persona cards' avatars and a persona's own emotion per journey and round."""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass, field

from ..model import Catalog, Journey, Observation, Round, Scale, Stage, Touchpoint, TouchpointResult
from . import actions, analysis
from .actions import PlannedOpportunity
from .analysis import CurvePoint

# The lanes in the order they are drawn; a lane without data in the journey and round is left out.
LANES = ("customer", "channel", "frontstage", "backstage", "emotion", "pain", "ideas", "kpis")

# Channel words in the languages our users write in (matched in lower case, anywhere in the channel's text) and the
# icon each stands for; a channel that matches none gets the generic icon.
CHANNEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("mail", "имейл", "почт", "levél", "е-поща")),
    ("sms", ("sms", "смс", "viber", "вайбър", "вайбер", "whatsapp", "messenger", "üzenet")),
    ("chat", ("chat", "чат", "csevegő")),
    ("phone", ("phone", "telefon", "телефон", "call", "hívás", "звон", "обажда")),
    ("app", ("app", "alkalmazás", "приложен")),
    ("social", ("social", "социал", "соц", "facebook", "фейсбук", "forum", "форум", "review", "отзыв", "közösségi")),
    ("delivery", ("courier", "куриер", "курьер", "delivery", "доставк", "futár", "posta")),
    ("web", ("web", "portal", "portál", "портал", "site", "сайт", "кабинет", "online", "онлайн", "shop", "search",
             "internet", "интернет", "honlap", "kiosk", "киоск")),
    ("person", ("person", "személyes", "лично", "на място", "на месте", "очно", "desk", "counter", "pult", "office",
                "iroda", "front", "visit", "гише", "стойк", "регистратур", "helyszín", "in store", "store")),
)
MAX_ICONS = 3

# Avatar discs: dark enough for white initials at 4.5:1 or more (WCAG AA) in either colour scheme.
AVATAR_COLOURS = ("#1f5f99", "#8a3b12", "#2e6b30", "#6a3d9a", "#7a2848", "#245f66", "#5b4a0f", "#4a4f8a")


@dataclass(frozen=True)
class Curve:
    """Where the emotion line crosses a column, in percent of the lane's height from the top: at its left edge (half
    way to the previous point), its middle (the point) and its right edge. None where the line has a gap."""

    left: float | None
    middle: float | None
    right: float | None


@dataclass
class MapColumn:
    """One touchpoint on the map: its point of the curve, channel icons, the round's result and its opportunities."""

    touchpoint: Touchpoint
    point: CurvePoint
    icons: list[str]
    curve: Curve
    result: TouchpointResult
    planned: list[PlannedOpportunity] = field(default_factory=list)


@dataclass
class StageGroup:
    """A stage and its touchpoints' columns."""

    stage: Stage
    columns: list[MapColumn]


@dataclass
class JourneyMap:
    """The map: stage groups in journey order and the lanes that have something to show."""

    stages: list[StageGroup]
    lanes: list[str]
    # Height of the neutral line and of the scale's ends in percent from the top, and the ends' labels.
    zero: float
    top: str
    bottom: str

    @property
    def columns(self) -> list[MapColumn]:
        """Every column, in journey order."""
        return [column for group in self.stages for column in group.columns]


def channel_icons(channel: str) -> list[str]:
    """The icons of a channel's text, in the order its words come (at most MAX_ICONS); 'other' when none fits."""
    text = channel.lower()
    found = []
    for icon, words in CHANNEL_WORDS:
        places = [i for word in words if (i := text.find(word)) >= 0]
        if places:
            found.append((min(places), icon))
    icons = [icon for _, icon in sorted(found)][:MAX_ICONS]
    return icons or (["other"] if channel.strip() else [])


def height(scale: Scale, emotion: int | None) -> float | None:
    """Where a score lies on the lane, in percent from the top (the best score at the top)."""
    if emotion is None:
        return None
    span = scale.highest - scale.lowest
    return round(100 * (scale.highest - emotion) / span, 2) if span else 50.0


def curve(scale: Scale, points: list[CurvePoint]) -> list[Curve]:
    """The line's crossings of each column: a segment joins two neighbouring scored points; an unscored touchpoint
    leaves a gap on both sides."""
    heights = [height(scale, p.emotion) for p in points]

    def half(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round((a + b) / 2, 2)

    return [Curve(half(heights[i - 1], y) if i > 0 else None, y,
                  half(y, heights[i + 1]) if i + 1 < len(heights) else None) for i, y in enumerate(heights)]


def journey_map(catalog: Catalog, journey: Journey, round_: Round | None) -> JourneyMap:
    """The map of a journey (as of the round: `journey` holds the touchpoints the round has) in the round."""
    observation = catalog.observation(journey.id, round_.id) if round_ else None
    points = analysis.emotion_curve(journey, observation, catalog.scale)
    crossings = dict(zip((p.touchpoint for p in points), curve(catalog.scale, points), strict=True))
    plan = (actions.development_plan(catalog, catalog.journeys[journey.id], round_.id)
            if round_ and journey.id in catalog.journeys else [])
    planned = {tp.id: found for tp, found in plan}
    by_id = {p.touchpoint: p for p in points}
    stages = []
    for stage in journey.stages:
        columns = [MapColumn(tp, by_id[tp.id], channel_icons(tp.channel), crossings[tp.id], _result(observation, tp),
                             planned.get(tp.id, [])) for tp in journey.touchpoints_of(stage.id)]
        # A stage without touchpoints in this round has no column.
        if columns:
            stages.append(StageGroup(stage, columns))
    scale = catalog.scale
    zero = height(scale, 0) if scale.lowest <= 0 <= scale.highest else None
    found = JourneyMap(stages, [], 50.0 if zero is None else zero, scale.points[-1].label, scale.points[0].label)
    found.lanes = [lane for lane in LANES if any(_has(lane, column) for column in found.columns)]
    return found


def _result(observation: Observation | None, touchpoint: Touchpoint) -> TouchpointResult:
    return observation.result(touchpoint.id) if observation else TouchpointResult()


def _has(lane: str, column: MapColumn) -> bool:
    """Whether a column has something for a lane."""
    tp, result = column.touchpoint, column.result
    return bool({
        "customer": tp.customer, "channel": tp.channel, "frontstage": tp.frontstage,
        "backstage": tp.backstage or tp.support, "emotion": result.emotion is not None or result.notes,
        "pain": result.change, "ideas": column.planned, "kpis": result.kpis,
    }[lane])


# The persona cards.

def initials(name: str) -> str:
    """The first letters of a name's first and last words, upper case ('Eszter Kovács' -> 'EK'); '?' for none."""
    words = [w for w in name.split() if any(c.isalnum() for c in w)]
    letters = [next(c for c in w if c.isalnum()) for w in (words[:1] + words[1:][-1:])]
    text = unicodedata.normalize("NFC", "".join(letters).upper())
    return text or "?"


def avatar_colour(persona_id: str) -> str:
    """A colour for a persona's initials disc, the same on every page and every build."""
    return AVATAR_COLOURS[zlib.crc32(persona_id.encode("utf-8")) % len(AVATAR_COLOURS)]


@dataclass(frozen=True)
class PersonaScore:
    """A persona's own scores of a journey in one round: their mean and how many touchpoints they scored."""

    round: Round
    average: float | None
    scored: int


def persona_emotions(catalog: Catalog, persona_id: str, round_id: str) -> list[tuple[Journey, list[PersonaScore]]]:
    """Per journey of the persona, the persona's own scores (`emotions`) in every round up to the round; journeys
    that no round scored for the persona are left out."""
    found = []
    for journey in catalog.journeys_of_persona(persona_id):
        scores = []
        for round_ in catalog.rounds_up_to(round_id):
            observation = catalog.observation(journey.id, round_.id)
            values = [r.emotions[persona_id] for r in (observation.results.values() if observation else [])
                      if persona_id in r.emotions]
            scores.append(PersonaScore(round_, round(sum(values) / len(values), 2) if values else None, len(values)))
        if any(s.scored for s in scores):
            found.append((journey, scores))
    return found

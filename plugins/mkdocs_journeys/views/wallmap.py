"""The A3 wall map of a journey in a round: stages side by side with their touchpoints, scores, the strongest
feedback and the leading opportunities, for workshops in front of a printed board."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..model import Catalog, Journey, Round, Stage
from . import journeymap
from .analysis import CurvePoint

# What fits one touchpoint's card on an A3 sheet next to a dozen others; longer texts end in "…" (the feedback map
# and the journey page have them whole).
MAX_FEEDBACK, MAX_FINDINGS, MAX_OPPORTUNITIES, MAX_CHARS = 2, 2, 2, 160
# The curve's drawing size in pixels; the page stretches it to the width of the cards, so only the ratio matters.
CURVE_WIDTH, CURVE_HEIGHT = 1200, 180
# A card's height grows with its characters and with the number of columns sharing the sheet's width. Measured on
# A3: up to COMPACT_LOAD (the busiest card's characters x touchpoints) fits in the largest text, up to DENSE_LOAD in
# the middle size; past either column count the text gets smaller too, to keep words whole in narrow columns.
COMPACT_LOAD, DENSE_LOAD = 5000, 6300
COMPACT_COLUMNS, DENSE_COLUMNS = 13, 17


@dataclass
class Card:
    """One touchpoint on the wall map."""

    point: CurvePoint
    feedback: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    change: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)


@dataclass
class Column:
    """A stage and its touchpoints' cards."""

    stage: Stage
    cards: list[Card]


def columns(catalog: Catalog, journey: Journey, round_: Round) -> list[Column]:
    """The stages of the journey as of the round, each with the cards of its touchpoints in order: the journey map's
    columns (views.journeymap), shortened to fit the sheet. `catalog` must be the public view (private feedback
    already left out)."""
    found: list[Column] = []
    for group in journeymap.journey_map(catalog, journey, round_).stages:
        cards = []
        for column in group.columns:
            result = column.result
            # Observed evidence first: it is what the team saw, not what it guessed.
            ranked = sorted(result.feedback, key=lambda f: f.evidence != "observed")
            open_items = [p for p in column.planned if p.status not in ("done", "dropped")]
            cards.append(Card(column.point, feedback=[_short(f.text) for f in ranked[:MAX_FEEDBACK]],
                              works=[_short(text) for text in result.works[:MAX_FINDINGS]],
                              change=[_short(text) for text in result.change[:MAX_FINDINGS]],
                              opportunities=[_short(p.opportunity.idea) for p in open_items[:MAX_OPPORTUNITIES]]))
        found.append(Column(group.stage, cards))
    return found


def _short(text: str) -> str:
    """The text, or its first words up to MAX_CHARS followed by an ellipsis."""
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS].rsplit(" ", 1)[0] or text[:MAX_CHARS]
    return cut.rstrip(" ,;:.") + "…"


def density(columns: list[Column]) -> str:
    """roomy, compact or dense: how small the sheet's text must be for the busiest card and the number of columns to
    fit on one A3 sheet."""
    cards = [card for column in columns for card in column.cards]
    text = max((len(card.point.title) + sum(map(len, card.feedback + card.works + card.change + card.opportunities))
                for card in cards), default=0)
    load = text * len(cards)
    if load > DENSE_LOAD or len(cards) > DENSE_COLUMNS:
        return "dense"
    return "compact" if load > COMPACT_LOAD or len(cards) > COMPACT_COLUMNS else "roomy"


def poster_curve(spec: dict[str, Any]) -> dict[str, Any]:
    """The journey page's emotion curve made to sit over the cards: a fixed size that the page stretches to the cards'
    width, no padding, no touchpoint labels (the cards below name them) and the scale's labels inside the plot. Then
    each touchpoint's point is drawn over the middle of its card, at any width, on screen and on paper."""
    poster = {**copy.deepcopy(spec), "width": CURVE_WIDTH, "height": CURVE_HEIGHT, "padding": 0,
              "autosize": {"type": "none"}}
    _inner_axes(poster)
    return poster


def _inner_axes(node: dict[str, Any]) -> None:
    encoding = node.get("encoding", {})
    # An invisible axis rather than none: Vega-Lite fails on layers that mix `axis: null` with inherited axes.
    if isinstance(encoding.get("x"), dict) and "axis" in encoding["x"]:
        encoding["x"] = {**encoding["x"], "axis": {"labels": False, "ticks": False, "domain": False, "grid": False,
                                                   "title": None}}
    # The scale's words inside the plot, over the stage bands (zindex), where the cards' margin leaves them room.
    if isinstance(encoding.get("y"), dict) and isinstance(encoding["y"].get("axis"), dict):
        encoding["y"] = {**encoding["y"], "axis": {
            **encoding["y"]["axis"], "title": None, "domain": False, "ticks": False, "labelAlign": "left",
            "labelBaseline": "bottom", "labelPadding": -4, "labelFontSize": 9, "labelColor": "#444444",
            "gridColor": "#c8ccd4", "grid": True, "zindex": 1}}
    for layer in node.get("layer", []):
        _inner_axes(layer)

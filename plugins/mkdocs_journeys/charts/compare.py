"""The emotion curves of a journey's rounds over one another, on the comparison page."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import altair as alt

from ..model import Round, Scale
from ..views.comparison import Cell, TouchpointHistory
from .common import (
    DESCRIPTION,
    PALETTE,
    X_LABELS,
    curve_frame,
    fill,
    lookup,
    stage_bands,
    width_of,
    x_labels,
)
from .curve import BREAK, SCORE, label_of

# Each round has a dash pattern and a point shape of its own as well as a colour, so lines that coincide stay
# apart; the newest round is the solid line with round points.
DASHES = [[6, 3], [2, 3], [10, 3, 2, 3], [12, 4], [1, 3], [4, 2, 1, 2]]
SHAPES = ["square", "diamond", "triangle-up", "cross", "triangle-down", "triangle-left"]
HEIGHT = 340


def _round_scales(ids: list[str]) -> tuple[list[str], list[list[int]], list[str]]:
    """Colour, dash and shape of each round, oldest first; the newest solid and round."""
    earlier = len(ids) - 1
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(ids))]
    dashes = [DASHES[i % len(DASHES)] for i in range(earlier)] + [[1, 0]]
    shapes = [SHAPES[i % len(SHAPES)] for i in range(earlier)] + ["circle"]
    return colours, dashes, shapes


# The title and stage of each touchpoint by its position, filled in per page (once per column, not per round and
# column).
_TITLES, _STAGES = "@@journeys:titles@@", "@@journeys:stages@@"


def _derived(rounds: tuple[tuple[str, str], ...], not_active: str, scale: Scale) -> dict[str, str]:
    """What a point's row does not carry, worked out in the browser from what it does: its touchpoint's title and
    stage, its round's title, whether it is the newest round's, the scale's word for its score, its score in words
    (or that the touchpoint was not part of the journey then), and the sentence a screen reader says for it."""
    newest = json.dumps(rounds[-1][0] if rounds else "")
    return {
        "touchpoint": _TITLES,
        "stage": _STAGES,
        "round_title": f"{json.dumps(dict(rounds))}[datum.round]",
        "emphasis": f"datum.round === {newest} ? 'newest' : 'earlier'",
        "label": f"datum.active ? {label_of(scale)} : ''",
        "score": f"datum.active ? ({SCORE}) : {json.dumps(not_active)}",
        "description": "datum.round_title + ', ' + datum.touchpoint + ': ' + datum.score + "
                       "(datum.notes ? '. ' + datum.notes : '')",
    }


@lru_cache(maxsize=256)
def _overlay_skeleton(count: int, scale: Scale, rounds: tuple[tuple[str, str], ...],
                      words: tuple[str, str, str, str, str], retired: tuple[int, ...], stage_lines: int) -> str:
    emotion, round_word, touchpoint_word, notes_word, not_active = words
    # Retired touchpoints' names are greyed (and say since when, in their label).
    greyed = {"condition": {"test": f"indexof({json.dumps(list(retired))}, datum.value) >= 0", "value": 0.55},
              "value": 1} if retired else None
    frame = curve_frame(count, scale, emotion, stage_lines, label_opacity=greyed)
    ids = [round_id for round_id, _ in rounds]
    colours, dashes, shapes = _round_scales(ids)
    # One legend: each round's colour and dash as a stroke (the points' shapes repeat them on the curve).
    legend = alt.Legend(orient="bottom", labelExpr=lookup(dict(rounds)), symbolType="stroke", symbolStrokeWidth=2.5,
                        symbolSize=400, labelLimit=0)
    colour = alt.Color("round:N", sort=ids, title=round_word, scale=alt.Scale(domain=ids, range=colours),
                       legend=legend)
    emphasis = ["earlier", "newest"]
    x = alt.X("position:Q", scale=frame.x_scale, axis=frame.x_axis)
    y = alt.Y("emotion:Q", scale=frame.y_scale, axis=frame.y_axis)
    base = alt.Chart().encode(x=x, y=y, color=colour)
    dash = alt.StrokeDash("round:N", sort=ids, title=round_word, scale=alt.Scale(domain=ids, range=dashes),
                          legend=legend)
    lines = base.mark_line(invalid=BREAK, aria=False).encode(
        detail="round:N", strokeDash=dash,
        strokeWidth=alt.StrokeWidth("emphasis:N", scale=alt.Scale(domain=emphasis, range=[2, 3.5]), legend=None),
        opacity=alt.Opacity("emphasis:N", scale=alt.Scale(domain=emphasis, range=[0.8, 1]), legend=None),
    )
    tooltip = [alt.Tooltip("round_title:N", title=round_word), alt.Tooltip("touchpoint:N", title=touchpoint_word),
               alt.Tooltip("score:N", title=emotion), alt.Tooltip("notes:N", title=notes_word)]
    dots = alt.Chart(name="journeys_rounds").mark_point(filled=True, opacity=1).encode(
        # The axes are the lines' (and the bands'): the dots share their scales and take them.
        x=alt.X("position:Q", scale=frame.x_scale), y=alt.Y("emotion:Q", scale=frame.y_scale),
        shape=alt.Shape("round:N", sort=ids, title=round_word, scale=alt.Scale(domain=ids, range=shapes),
                        legend=None),
        size=alt.Size("emphasis:N", scale=alt.Scale(domain=emphasis, range=[60, 110]), legend=None),
        # The lines' legend (colour and dash in one) is the only one.
        color=alt.Color("round:N", sort=ids, scale=alt.Scale(domain=ids, range=colours), legend=None),
        tooltip=tooltip, description="description:N",
    ).transform_filter("isValid(datum.emotion)")
    # Rounds share one colour, dash and shape scale (one legend); the stage bands keep their own colours.
    width, usermeta = width_of(count)
    # Retired touchpoints say so inside the plot, upright over their greyed column name.
    notes = [alt.Chart(alt.Data(name="retired")).mark_text(angle=270, align="left", baseline="middle", fontSize=10,
                                                          color="#595959", aria=False).encode(
        x=alt.X("position:Q", scale=frame.x_scale), y=alt.value(HEIGHT - 6), text="note:N",
    )] if retired else []
    # The rounds' rows, shared by lines and dots, with what the browser works out from them.
    curves = alt.layer(lines, dots, data=alt.Data(name="points"))
    for field, expression in _derived(rounds, not_active, scale).items():
        curves = curves.transform_calculate(**{field: expression})
    chart = alt.layer(*frame.layers, *notes, curves).resolve_scale(
        color="independent", strokeDash="independent", shape="independent").properties(
        width=width, height=HEIGHT, description=DESCRIPTION, usermeta=usermeta,
    ).configure_view(stroke=None)
    return json.dumps(chart.to_dict(validate=False))


def _point(h: TouchpointHistory, cell: Cell) -> dict[str, Any]:
    """A round's point at a touchpoint (the rest is worked out in the browser, see `_derived`). A touchpoint not part
    of the journey in that round (not yet, or retired) has no score there, so the round's line breaks at it rather
    than running straight across its column."""
    return {
        "round": cell.round.id, "position": h.position, "emotion": cell.emotion if cell.active else None,
        "notes": cell.notes if cell.active else "",
        "active": cell.active,
    }


def rounds_overlay_spec(histories: list[TouchpointHistory], rounds: list[Round], scale: Scale, description: str,
                        words: dict[str, str]) -> dict[str, Any]:
    """The emotion curves of several rounds over one another, one colour, dash and shape per round.

    `histories` fix the touchpoints and stage bands: every touchpoint of any compared round, retired ones too, so
    each round's line is the curve of that round's own journey page. A touchpoint not yet (or no longer) part of
    the journey in a round, like a touchpoint the round did not score, is a gap in its line. `words` holds the
    localised titles (emotion, round, touchpoint, notes, retired_in, not_active).
    """
    # Round by round, so the newest round is drawn last and lies on top of the older curves.
    rows = [_point(h, cell) for r in rounds for h in histories for cell in h.cells if cell.round.id == r.id]
    retired = [{"position": h.position, "note": words["retired_in"].format(round=h.retired.title)}
               for h in histories if h.retired]
    bands = stage_bands([(h.position, h.stage_title) for h in histories])
    skeleton = _overlay_skeleton(len(histories), scale, tuple((r.id, r.title) for r in rounds),
                                 (words["emotion"], words["round"], words["touchpoint"], words["notes"],
                                  words.get("not_active", "")),
                                 tuple(h.position for h in histories if h.retired),
                                 max((len(b["lines"]) for b in bands), default=1))
    titles = [h.touchpoint.title for h in histories]
    by_position = {_TITLES: titles, _STAGES: [h.stage_title for h in histories]}
    return fill(skeleton, {X_LABELS: x_labels(titles), DESCRIPTION: description,
                           **{token: f"{json.dumps(found)}[datum.position]" for token, found in by_position.items()}},
                {"points": rows, "bands": bands, "retired": retired})

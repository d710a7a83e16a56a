"""What the charts share: colours, safe label lookups, whole names wrapped into lines, cached skeletons filled with a
page's texts and rows, and the frame of every curve (touchpoints across, stages as bands, the emotion scale up)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import altair as alt

from ..model import Scale

# Distinguishable for the common forms of colour blindness (ColorBrewer-like blue/orange).
NEGATIVE, NEUTRAL, POSITIVE = "#d95f02", "#7f7f7f", "#1f78b4"
BANDS = ["#f3f5f9", "#e4e9f1"]
EMPTY = "#e6e6e6"
# Okabe and Ito's categorical palette, safe for the common colour blindnesses; yellow last (weak on white).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]

# Tokens in cached skeletons, replaced by each page's texts; they cannot occur in real labels.
X_LABELS, DESCRIPTION = "@@journeys:x-labels@@", "@@journeys:description@@"
# Touchpoint names are slanted and whole: up to LONG_JOURNEY touchpoints they are wrapped into lines of
# LABEL_CHARS characters, and each touchpoint gets at least STEP pixels (a narrower screen scrolls the chart
# sideways inside its box, see journeys.js); past that, one line each and LONG_STEP pixels per touchpoint.
LABEL_CHARS, STEP = 22, 48
LONG_JOURNEY, LONG_STEP = 40, 18
# The room the axes and legend take beside the touchpoints, in pixels.
MARGINS = 120
# Roughly the width of a character of a bold stage name, for wrapping it inside its band.
STAGE_CHAR = 7.0


def lookup(mapping: list[Any] | dict[str, Any]) -> str:
    """A Vega expression that looks a tick value up in a literal; json.dumps makes every text a safe literal."""
    return f"{json.dumps(mapping, ensure_ascii=True)}[datum.value]"


def wrap(text: str, width: int, hyphenate: bool = False) -> list[str]:
    """The text in lines of about `width` characters, broken between words: nothing is cut off. `hyphenate`: a
    word longer than a line is split over lines, each part but the last ending in a hyphen."""
    words: list[str] = []
    for word in text.split():
        while hyphenate and len(word) > width >= 4:
            words.append(word[:width - 1] + "-")
            word = word[width - 1:]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def fill(skeleton: str, texts: dict[str, str], data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A page's spec from a cached skeleton: its texts in place of the tokens, its rows in place of the
    skeleton's named data (see `inline`)."""
    for token, text in texts.items():
        skeleton = skeleton.replace(json.dumps(token), json.dumps(text))
    return inline(json.loads(skeleton), data)


def inline(spec: dict[str, Any], data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Put rows in place of named data. Data drawn by one layer goes inline in it; data that several layers draw
    (the curve's line and its points, the stage bands and their names) goes once in the spec's `datasets`, which
    those layers name. Altair never sees the rows: copying and checking thousands of them costs more than building
    the chart."""
    uses: dict[str, int] = {}
    _count_names(spec, uses)
    shared = {name for name, count in uses.items() if count > 1 and name in data}
    _inline(spec, data, shared)
    if shared:
        spec["datasets"] = {name: data[name] for name in sorted(shared)}
    return spec


def _count_names(spec: dict[str, Any], uses: dict[str, int]) -> None:
    name = spec.get("data", {}).get("name")
    if name is not None:
        uses[name] = uses.get(name, 0) + 1
    for layer in spec.get("layer", []):
        _count_names(layer, uses)


def _inline(spec: dict[str, Any], data: dict[str, list[dict[str, Any]]], shared: set[str]) -> None:
    name = spec.get("data", {}).get("name")
    if name in data and name not in shared:
        spec["data"] = {"values": data[name]}
    for layer in spec.get("layer", []):
        _inline(layer, data, shared)


def mood(emotion: int | None) -> str:
    """negative, neutral or positive, for colours and shapes."""
    if emotion is None or emotion == 0:
        return "neutral"
    return "positive" if emotion > 0 else "negative"


def score_text(emotion: int | None, label: str) -> str:
    """`+2 Very positive`, `0 Neutral`, or the label alone when there is no score."""
    if emotion is None:
        return label
    return f"{emotion:+d} {label}".strip() if emotion else f"0 {label}".strip()


def stage_bands(stages: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """One shaded band per run of touchpoints of the same stage: (position, stage title) in order. Each band's
    whole name comes in lines that fit its width (a touchpoint is at least STEP pixels wide)."""
    step = STEP if len(stages) <= LONG_JOURNEY else LONG_STEP
    bands: list[dict[str, Any]] = []
    for position, stage in stages:
        if bands and bands[-1]["stage"] == stage and bands[-1]["end"] == position - 0.5:
            bands[-1]["end"] = position + 0.5
        else:
            bands.append({"stage": stage, "start": position - 0.5, "end": position + 0.5, "band": len(bands) % 2})
    for band in bands:
        band["middle"] = (band["start"] + band["end"]) / 2
        chars = int((band["end"] - band["start"]) * step / STAGE_CHAR)
        band["lines"] = wrap(band["stage"], max(chars, 4), hyphenate=True)
    return bands


def x_labels(titles: list[str]) -> str:
    """The expression of the touchpoints' whole names on the axis: looked up in a JSON literal of the titles, and
    (unless the journey is long) broken between words into lines of about LABEL_CHARS characters, by Vega."""
    found = lookup(titles)
    if len(titles) > LONG_JOURNEY:
        return found
    pattern = json.dumps(f"(.{{1,{LABEL_CHARS}}})(\\s+|$)")
    return f'split(trim(replace({found}, regexp({pattern}, "g"), "$1\\n")), "\\n")'


def width_of(count: int) -> tuple[Any, dict[str, Any]]:
    """The chart's width and its usermeta: the container's width with a minimum the script keeps (the chart scrolls
    sideways inside its box below it), or a fixed width per touchpoint for a long journey."""
    if count > LONG_JOURNEY:
        return count * LONG_STEP, {}
    return "container", {"journeys": {"minWidth": count * STEP + MARGINS, "plotWidth": count * STEP}}


@dataclass(frozen=True)
class CurveFrame:
    """What every curve chart shares: scales and axes over the touchpoints, stage bands, the zero line."""

    x_scale: alt.Scale
    x_axis: alt.Axis
    y_scale: alt.Scale
    y_axis: alt.Axis
    layers: list[Any]


def curve_frame(count: int, scale: Scale, axis_title: str, stage_lines: int = 1,
                y_range: list[float] | None = None, label_opacity: Any = None) -> CurveFrame:
    """Axes over `count` touchpoints (labels from the token), bands from the dataset 'bands' with their stage names
    at the top in up to `stage_lines` lines. `y_range`: the pixels the emotion scale spans (all of the height when
    None)."""
    top = scale.highest + 0.3 + 0.28 * max(stage_lines, 1)
    y_scale = alt.Scale(domain=[scale.lowest - 0.3, top], nice=False, zero=False, range=y_range or alt.Undefined)
    x_scale = alt.Scale(domain=[-0.5, max(count - 0.5, 0.5)], nice=False, zero=False)
    extra = {"labelOpacity": label_opacity} if label_opacity is not None else {}
    x_axis = alt.Axis(values=list(range(count)), labelExpr=X_LABELS, labelAngle=-40, labelAlign="right",
                      labelBaseline="top", labelLimit=0, labelOverlap=False, labelLineHeight=11, title=None,
                      grid=False, **extra)
    y_axis = alt.Axis(values=[pt.value for pt in scale.points], title=axis_title,
                      labelExpr=lookup({str(pt.value): pt.label for pt in scale.points}))
    band_data = alt.Data(name="bands")
    bands = alt.Chart(band_data).mark_rect(opacity=1, aria=False).encode(
        x=alt.X("start:Q", scale=x_scale, axis=x_axis), x2="end:Q",
        color=alt.Color("band:N", scale=alt.Scale(domain=[0, 1], range=BANDS), legend=None),
        tooltip=alt.value(None),
    )
    # Each stage's whole name at the top of its band, in lines that fit the band.
    stage_names = alt.Chart(band_data).mark_text(fontWeight="bold", baseline="top", lineHeight=13, aria=False,
                                                 limit=0).encode(x="middle:Q", y=alt.value(4), text="lines:N")
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(strokeDash=[4, 4], color="#666", aria=False).encode(
        y=alt.Y("zero:Q", scale=y_scale, axis=y_axis),
    ) if scale.lowest < 0 < scale.highest else None
    return CurveFrame(x_scale, x_axis, y_scale, y_axis, [bands, stage_names] + ([zero] if zero is not None else []))

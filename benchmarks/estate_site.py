"""The large estate of `estate.py`: a synthetic project whose journeys come in groups, the edits an author makes
to it, how a served page shows that an edit arrived, and the weight of a built round.

Every GROUP_SIZE journeys share a `service` ("Service line 07"); a journey that names no group falls in the
implicit group of its service, so the navigation nests by group without new fields.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pages import make_content, write_plugin_site
from resources import edit_open_round

GROUP_SIZE = 25
EDITED_JOURNEY, EDITED_PERSONA, EDITED_TOUCHPOINT = "journey-0001", "persona-1", "tp-01"
KB, MB = 1000, 1000**2


def write_estate(site: Path, journeys: int, touchpoints: int, rounds: int) -> None:
    """pages.py's synthetic project (front matter, Markdown bodies, a score file per round and journey) with
    the journeys grouped by service, GROUP_SIZE to a service line."""
    content = make_content(journeys, touchpoints, rounds)
    for index, journey in enumerate(content.journeys.values()):
        journey["service"] = f"Service line {index // GROUP_SIZE + 1:02d}"
    write_plugin_site(site, content)


def journey_source(site: Path) -> Path:
    return site / "docs" / "journeys" / f"{EDITED_JOURNEY}.md"


def persona_source(site: Path) -> Path:
    return site / "docs" / "personas" / f"{EDITED_PERSONA}.md"


# ---- edits -----------------------------------------------------------------------------------------------

def edit_score(site: Path, rounds: int) -> int:
    """Move the first score of the edited journey's file in the open round one step; the new score."""
    edit_open_round(site, rounds)
    observation = site / "docs" / "rounds" / f"r{rounds}" / f"{EDITED_JOURNEY}.yml"
    found = re.search(r"emotion: (-?\d)", observation.read_text("utf-8"))
    assert found is not None, f"no score in {observation}"
    return int(found.group(1))


def edit_body(page: Path, token: str) -> None:
    """Put a sentence holding `token` at the start of the page's Markdown body (after its front matter)."""
    text = page.read_text("utf-8")
    head, separator, body = text.partition("\n---\n")
    if not separator:
        raise ValueError(f"{page}: no front matter to keep")
    page.write_text(f"{head}{separator}\n{token} opens this paragraph. {body.lstrip()}", "utf-8")


# ---- what a served page shows ----------------------------------------------------------------------------

def score_shown(html: str, touchpoint: str = EDITED_TOUCHPOINT) -> int | None:
    """The score a journey page's touchpoint table shows for `touchpoint` (None when the row is not there)."""
    row = re.search(rf'<tr data-touchpoint="{re.escape(touchpoint)}">(.*?)</tr>', html, re.S)
    cell = row and re.search(r'class="journeys-emotion[^"]*">\s*([+-]?\d+)', row.group(1))
    return int(cell.group(1)) if cell else None


# ---- weights of a built round ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Weights:
    """Sizes in one built round: pages and search index in KB, the whole round in MB, and its HTML pages."""

    journey_kb: float
    compare_kb: float
    home_kb: float
    search_kb: float
    round_mb: float
    pages: int


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes of every file under `folder` (links followed: what a copy of the round holds) and its HTML pages."""
    total = pages = 0
    for where, _, names in os.walk(folder, followlinks=True):
        for name in names:
            total += os.stat(os.path.join(where, name)).st_size
            pages += name.endswith(".html")
    return total, pages


def round_weights(round_dir: Path) -> Weights:
    """The weights of a journey page, its comparison page, the home page and the search index of a round."""
    round_dir = round_dir.resolve()

    def size(relative: str) -> float:
        path = round_dir / relative
        if not path.is_file():
            raise FileNotFoundError(f"{path} was not built")
        return path.stat().st_size / KB

    total, pages = tree_size(round_dir)
    return Weights(size(f"journeys/{EDITED_JOURNEY}/index.html"), size(f"compare/{EDITED_JOURNEY}/index.html"),
                   size("index.html"), size("search/search_index.json"), total / MB, pages)

"""Every path and id rule of a journeys project and its site, in one place.

Sources live in the docs folder (`journeys/` in the example); the plugin adds generated pages next to them; the
command line keeps its cache and lock next to mkdocs.yml. Nothing here reads or writes a file.
"""

from __future__ import annotations

import re

# Ids of journeys, personas, rounds, touchpoints and stages: plain ASCII, so that they read the same everywhere
# and make safe file names and URLs.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Where each kind of source lives inside the docs folder.
JOURNEYS_DIR, PERSONAS_DIR, ROUNDS_DIR = "journeys", "personas", "rounds"
OPPORTUNITIES_DIR = "opportunities"
# Observation and opportunities files: data, never copied to the site.
OBSERVATION_SUFFIXES = (".yml", ".yaml")

# Generated pages: a journey's rounds side by side, its feedback board, its A3 wall map; the action plan.
COMPARE_DIR, FEEDBACK_DIR, WALL_DIR = "compare", "feedback", "wall"
ACTION_PLAN_PAGE = "action-plan.md"

# Next to mkdocs.yml: the lock of closed rounds, and the cache of built rounds.
LOCK_FILE = "journeys.lock"
CACHE_DIR = ".journeys-cache"

# The alias of the newest round in the multi-round site (site/latest/, versions.json).
LATEST = "latest"


def compare_page(journey_id: str) -> str:
    """The source path of a journey's comparison page inside the docs folder."""
    return f"{COMPARE_DIR}/{journey_id}.md"


def feedback_page(journey_id: str) -> str:
    """The source path of a journey's feedback map inside the docs folder."""
    return f"{FEEDBACK_DIR}/{journey_id}.md"


def wall_page(journey_id: str) -> str:
    """The source path of a journey's wall map inside the docs folder."""
    return f"{WALL_DIR}/{journey_id}.md"

"""Every path and id rule of a journeys project and its site, in one place.

Sources live in the docs folder (`journeys/` in the example); the plugin adds generated pages next to them; the
command line keeps its cache and lock next to mkdocs.yml. Nothing here reads or writes a file.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

# Ids of journeys, personas, rounds, touchpoints and stages: plain ASCII, so that they read the same everywhere
# and make safe file names and URLs.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Where each kind of source lives inside the docs folder.
JOURNEYS_DIR, PERSONAS_DIR, ROUNDS_DIR = "journeys", "personas", "rounds"
# Groups of journeys (a service line, a business unit): one page each, groups/<id>.md.
GROUPS_DIR = "groups"
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


def group_page(group_id: str) -> str:
    """The source path of a group's page inside the docs folder (the author's, or one the plugin adds for a group
    made from a service)."""
    return f"{GROUPS_DIR}/{group_id}.md"


def service_group_id(service: str, taken: set[str]) -> str:
    """The id of the group made from a service no declared group lists: the service's name in lowercase ASCII
    letters, digits and hyphens ('IT Service Desk' -> 'it-service-desk'). A name with no such letters
    (Cyrillic, say), or one whose id is taken, gets a short checksum of the name ('service-1a2b3c')."""
    ascii_text = unicodedata.normalize("NFKD", service).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-")
    if slug and slug not in taken:
        return slug
    return f"{slug or 'service'}-{zlib.crc32(service.encode('utf-8')):08x}"

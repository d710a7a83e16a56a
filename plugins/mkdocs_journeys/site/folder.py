"""Which folder a site may be built into, which entries of it a build owns, and how an OS error is told.

Used by `journeys build` and by the MkDocs plugin alike; no MkDocs here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

# The file in the site folder that lists what `journeys build` wrote there.
MARKER = ".published-by-journeys.json"
# The hidden folder in the site folder that holds the published rounds and the generation links (see publish.py).
STORE = ".journeys-site"
# Names a build may write: round ids, and these.
_ROUND_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_FIXED_NAMES = frozenset({"latest", "versions.json", "index.html", MARKER, STORE})


def site_folder_problem(site_dir: Path, docs_dir: Path, project_root: Path, cache_dir: Path | None = None,
                        home: Path | None = None) -> str | None:
    """Why a site may not be built into `site_dir`, in one line, or None when it may.

    Building a site empties or replaces its folder, so that folder may not be the docs folder, contain it or lie
    inside it, be the project folder (the folder of mkdocs.yml) or contain it, be the home folder, or lie inside
    the build cache. Paths are compared resolved, so `.`, `..` and symbolic links change nothing."""
    site, docs, root = site_dir.resolve(), docs_dir.resolve(), project_root.resolve()
    home = (home or Path.home()).resolve()
    advice = "choose a folder of its own, such as site"
    if site == docs:
        return f"the site folder {site_dir} is the docs folder: building there would delete the sources; {advice}"
    if docs in site.parents:
        return f"the site folder {site_dir} lies inside the docs folder {docs_dir}; {advice}"
    if site == root:
        return f"the site folder {site_dir} is the project folder (where mkdocs.yml is); {advice}"
    if site in root.parents:
        return f"the site folder {site_dir} contains the project folder {project_root}; {advice}"
    if site in docs.parents:
        return f"the site folder {site_dir} contains the docs folder {docs_dir}; {advice}"
    if site == home:
        return f"the site folder {site_dir} is the home folder; {advice}"
    if cache_dir is not None:
        cache = cache_dir.resolve()
        if site == cache or cache in site.parents:
            return f"the site folder {site_dir} lies inside the build cache {cache_dir}; {advice}"
    if site.exists() and not site.is_dir():
        return f"the site folder {site_dir} is a file, not a folder"
    return None


def ours(name: str) -> bool:
    """Whether a build could have written an entry of this name into a site folder."""
    return name in _FIXED_NAMES or _ROUND_NAME.fullmatch(name) is not None


def owned(site_dir: Path) -> set[str]:
    """The entries of a site folder that a build wrote: those its marker lists, if they look like ours (so a
    committed or edited marker can never hand over `.git` or `CNAME`)."""
    try:
        data = json.loads((site_dir / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    names = data.get("written") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return set()
    return {name for name in names if isinstance(name, str) and ours(name)}


def marker_text(names: list[str]) -> str:
    """The marker that lists what a build wrote."""
    return json.dumps({"written_by": "journeys build (mkdocs-journeys); the entries it may replace or remove",
                       "written": sorted({*names, MARKER})}, indent=1) + "\n"


def cause(err: OSError) -> str:
    """What went wrong, in the system's words: `No space left on device`."""
    return os.strerror(err.errno) if err.errno else (err.strerror or str(err))


def os_failure(err: OSError, what: str) -> str:
    """One line for an OS error while writing `what` (a folder, named as the user knows it)."""
    where = f" ({err.filename})" if err.filename else ""
    return f"cannot write {what}: {cause(err)}{where}"

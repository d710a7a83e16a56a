"""Beyond MkDocs 1.6: the example builds with ProperDocs (the maintained fork that loads `mkdocs.plugins` entry
points). That only the adapter imports the engine is held by test_architecture.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

ENGINES = ("mkdocs", "properdocs")


def test_example_builds_with_properdocs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    journey = (site / "journeys/laptop-request/index.html").read_text("utf-8")
    assert 'data-journeys-chart="journeys-chart-curve"' in journey and 'data-touchpoint="igenyurlap"' in journey
    for page in ("compare/laptop-request", "feedback/laptop-request", "action-plan", "personas/eszter-kovacs",
                 "rounds/2026-q3"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "assets/journeys/vega.js").stat().st_size > 100_000

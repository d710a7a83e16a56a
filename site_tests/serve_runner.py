"""Builds a project as `mkdocs serve` does, once and then again after each edit, in one process (one plugin
instance, as serve keeps it), copying the site after each build.

    python serve_runner.py PROJECT OUT EDITS.json

EDITS.json is a list of [path relative to PROJECT, old text, new text]; OUT/<n>/ gets the site after build n (0 is
the first). Each build's log lines about kept pages go to stdout.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def serve_build(project: Path, site: Path) -> None:
    """One build the way `mkdocs serve` rebuilds: configuration read anew, the plugin instances kept."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)


def main() -> None:
    project, out, edits = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text("utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stdout)
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    for step in range(len(edits) + 1):
        if step:
            path, old, new = edits[step - 1]
            text = (project / path).read_text("utf-8")
            assert old in text, f"{path}: '{old}' not found"
            (project / path).write_text(text.replace(old, new, 1), "utf-8")
        serve_build(project, site)
        shutil.copytree(site, out / str(step))
    shutil.rmtree(site)


if __name__ == "__main__":
    main()

"""Beyond MkDocs 1.6: the example builds with ProperDocs (the maintained fork that loads `mkdocs.plugins` entry
points), and only the adapter module imports the engine, so another engine needs only a new adapter."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "plugins" / "mkdocs_journeys"
ENGINES = ("mkdocs", "properdocs")


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_adapter_imports_the_engine() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) > 20
    importing = [m.name for m in modules if _imported(m) & set(ENGINES)]
    assert importing == ["plugin.py"]


def test_the_command_line_core_runs_without_the_engine() -> None:
    # `journeys check`, the exports and the site assembly load everything but the adapter.
    code = ("import sys, pkgutil, importlib, mkdocs_journeys\n"
            "names = [m.name for m in pkgutil.iter_modules(mkdocs_journeys.__path__) if m.name != 'plugin']\n"
            "for name in names: importlib.import_module('mkdocs_journeys.' + name)\n"
            "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) > 20 and loaded.strip() == "[]"


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

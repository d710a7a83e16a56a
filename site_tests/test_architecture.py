"""The house: layers that import only downwards, only the adapter knows the engine, and small modules and
functions (see ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "plugins" / "mkdocs_journeys"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_import_contracts_hold() -> None:
    # import-linter reads the contracts from pyproject.toml: the layer order, and that only the adapter imports
    # MkDocs, ProperDocs or Material.
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_every_part_of_the_package_is_in_a_layer() -> None:
    # A new folder or top-level module outside the contract could import anything; it must be named in a layer.
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    named = {name.strip().removeprefix("mkdocs_journeys.") for entry in layers for name in entry.split("|")}
    parts = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | \
        {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert parts == named


def test_the_core_imports_without_the_engine() -> None:
    # `journeys check`, the exports and the site assembly load everything but the adapter and the command line.
    code = ("import sys, pkgutil, importlib, mkdocs_journeys\n"
            "names = [m.name for m in pkgutil.walk_packages(mkdocs_journeys.__path__, 'mkdocs_journeys.')\n"
            "         if not m.name.startswith(('mkdocs_journeys.adapter', 'mkdocs_journeys.cli'))]\n"
            "for name in names: importlib.import_module(name)\n"
            "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in "
            "('mkdocs', 'properdocs', 'material')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) > 30 and loaded.strip() == "[]"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {m.relative_to(PACKAGE).as_posix(): n for m in _modules()
            if (n := len(m.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_60_lines() -> None:
    long = []
    for module in _modules():
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{module.relative_to(PACKAGE).as_posix()}:{node.lineno} {node.name} ({length})")
    assert long == []

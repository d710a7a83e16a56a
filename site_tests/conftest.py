"""Fixture sites written into tmp_path, and a helper that builds them with MkDocs in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# The hidden folder of a `journeys build` site that holds the published rounds behind the site's links.
SITE_STORE = ".journeys-site"


def site_files(folder: Path) -> list[Path]:
    """Every file of a built site as a reader sees it: through the links of a `journeys build` site (its round
    folders are links, which Path.rglob does not follow), without the hidden store behind them."""
    found = []
    for top, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != SITE_STORE)
        found.extend(Path(top) / name for name in sorted(names))
    return found

MKDOCS_YML = """\
site_name: Fixture
docs_dir: docs
theme:
  name: material
  font: false
  language: {language}
  features: [navigation.prune]
plugins:
  - journeys{plugin_options}
"""

PERSONA = """\
---
name: Anna Test
role: Project manager
channels: [e-mail, phone]
goals: [Get a working laptop]
quote: I just want to work.
---
Anna works in sales.
"""

JOURNEY = """\
---
title: Laptop request
service: IT service desk
personas: [anna]
goal: Get a laptop ready to use
expectations: [Clear delivery date]
desired_experience: Ready on day one
teams: [Service desk, Hardware]
owner: Service desk lead
stages:
  - {id: ask, title: Ask}
  - {id: receive, title: Receive}
touchpoints:
  - {id: form, title: Request form, stage: ask, channel: portal, customer: Fills the form}
  - {id: approval, title: Manager approval, stage: ask, gap: true}
  - {id: handover, title: Handover, stage: receive, zone: Desk, element: Counter}
---
## Background

The body of the journey.
"""

ROUND = """\
---
title: Round {n}
period: {{start: '2026-0{n}-01', end: '2026-0{n}-28'}}
status: {status}
---
Round {n} text.
"""

OBSERVATION = """\
touchpoints:
  form: {emotion: 1, notes: Easy to find}
  approval: {emotion: -2, notes: Waited a week}
  handover: {emotion: 2}
"""


@dataclass
class Built:
    """The result of one build: exit code, output, and the site folder."""

    code: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. 'journeys/laptop/'."""
        return (self.site / path / "index.html").read_text("utf-8")


class FixtureSite:
    """A small journey repository in a temporary folder."""

    def __init__(self, root: Path, language: str = "en", plugin_options: str = ""):
        self.root = root
        self.docs = root / "docs"
        self.write("mkdocs.yml", MKDOCS_YML.format(language=language, plugin_options=plugin_options), docs=False)

    def write(self, path: str, text: str, docs: bool = True) -> Path:
        """Write a file (relative to docs/ unless docs=False)."""
        target = (self.docs if docs else self.root) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), "utf-8")
        return target

    def standard(self) -> FixtureSite:
        """One persona, one journey, two rounds (the first closed) with scores."""
        self.write("personas/anna.md", PERSONA)
        self.write("journeys/laptop.md", JOURNEY)
        for n, status in ((1, "closed"), (2, "open")):
            self.write(f"rounds/r{n}/index.md", ROUND.format(n=n, status=status))
        self.write("rounds/r1/laptop.yml", OBSERVATION.replace("emotion: 1,", "emotion: -1,"))
        self.write("rounds/r2/laptop.yml", OBSERVATION)
        return self

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a command of the venv in the fixture folder."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run([sys.executable, "-m", *args], cwd=self.root, capture_output=True, text=True,
                              env=env, check=False)

    def build(self, strict: bool = True) -> Built:
        """Build the site with MkDocs."""
        result = self.run("mkdocs", "build", *(["--strict"] if strict else []))
        return Built(result.returncode, result.stdout + result.stderr, self.root / "site")

    def journeys(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the `journeys` command line."""
        return self.run("mkdocs_journeys.cli", *args)


@pytest.fixture
def fixture_site(tmp_path: Path) -> FixtureSite:
    """An empty fixture site (mkdocs.yml only)."""
    return FixtureSite(tmp_path)


@pytest.fixture
def standard_site(tmp_path: Path) -> FixtureSite:
    """A fixture site with one persona, one journey and two rounds."""
    return FixtureSite(tmp_path).standard()


def _layers(spec: dict[str, Any], data: dict[str, Any] | None = None) -> list[tuple[dict[str, Any], Any]]:
    """Every leaf layer of a spec with the data it draws (its own or inherited), depth first."""
    found = []
    for layer in spec.get("layer", []):
        inherited = layer.get("data", data)
        found += _layers(layer, inherited) if "layer" in layer else [(layer, inherited)]
    return found


def layer_data(spec: dict[str, Any], mark: str) -> list[dict[str, Any]]:
    """The inline data of the first layer drawing `mark` (nested layers included)."""
    data = next(d for lyr, d in _layers(spec, spec.get("data"))
                if (lyr["mark"]["type"] if isinstance(lyr["mark"], dict) else lyr["mark"]) == mark)
    return list(data["values"] if "values" in data else spec["datasets"][data["name"]])


def drawn(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The items of the mark a spec names `name`, as Vega draws them (vl-convert's scene graph, no browser): each with
    its shape, fill and `description`, the sentence a screen reader says, worked out from the row as in a page."""
    import vl_convert

    def marks(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, list):
            return [item for child in node for item in marks(child)]
        if not isinstance(node, dict):
            return []
        # Altair numbers a name given inside a nested layer: journeys_rounds_4.
        if node.get("role") == "mark" and re.fullmatch(rf"{name}(_\d+)?_marks", str(node.get("name"))):
            return list(node.get("items", []))
        return [item for child in node.values() for item in marks(child)]

    return marks(vl_convert.vegalite_to_scenegraph(spec))


# A title, note or label that would run a script if any page printed it unescaped.
PAYLOAD = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def assert_escaped(built: Built, pages: tuple[str, ...]) -> None:
    """PAYLOAD appears on none of the pages as markup, and no script element is closed early."""
    for page in pages:
        html = built.page(page)
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert html.count("</script>") == html.count("<script"), page


def build_rounds(factory: pytest.TempPathFactory, make_site: Any, rounds: tuple[str, ...]) -> dict[str, Built]:
    """A fixture site built once per round, as the site of that round: {round id: build}."""
    built = {}
    for round_id in rounds:
        result = make_site(factory.mktemp(round_id), round_id).build()
        assert result.code == 0, result.output
        built[round_id] = result
    return built

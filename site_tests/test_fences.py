"""Journey diagrams are found by the Markdown parser (SuperFences), in the plugin and in the engine-neutral
Markdown extension: code samples stay code, diagrams nested in admonitions, tabs and lists are drawn."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import FixtureSite

DIAGRAM = "```journey\ntitle Visit\nsection Start\n  Arrive: 4: Ann\n  Wait: 2\n```"
NESTED_YML = """\
site_name: Fixture
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - journeys
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
"""


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else line for line in text.splitlines())


def _charts(html: str) -> list[str]:
    return re.findall(r'data-journeys-chart="(journeys-chart-mermaid-\d+)"', html)


def test_code_samples_stay_code_and_nested_diagrams_are_drawn(standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("mkdocs.yml", NESTED_YML, docs=False)
    sample = "````markdown\nA sample of a diagram:\n\n```mermaid\njourney\n  Shown as code: 3\n```\n````"
    other = "```mermaid\nflowchart LR\n  A --> B\n```"
    page = "\n\n".join([
        "# Notes", sample,
        "!!! note \"In an admonition\"\n\n" + _indent(DIAGRAM),
        "=== \"Tab one\"\n\n" + _indent(DIAGRAM.replace("Visit", "Tabbed")),
        "- In a list:\n\n" + _indent(DIAGRAM.replace("Visit", "Listed")),
        other,
    ])
    site.write("notes.md", page + "\n")
    built = site.build()
    assert built.code == 0, built.output
    html = built.page("notes")
    # Three diagrams drawn (admonition, tab, list); the sample stays a code block with its text.
    assert _charts(html) == ["journeys-chart-mermaid-1", "journeys-chart-mermaid-2", "journeys-chart-mermaid-3"]
    assert "Shown as code: 3" in html and "journeys-chart-mermaid-4" not in html
    assert re.search(r'<div class="admonition note">.*?data-journeys-chart="journeys-chart-mermaid-1"', html, re.S)
    assert re.search(r'class="tabbed-block">.*?data-journeys-chart="journeys-chart-mermaid-2"', html, re.S)
    # A mermaid diagram that is not a journey goes to the site's own mermaid fence, as before.
    assert '<pre class="mermaid"><code>flowchart LR' in html


def test_a_broken_nested_block_is_reported_at_its_line(standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("mkdocs.yml", NESTED_YML, docs=False)
    site.write("notes.md", "# Notes\n\n!!! note\n\n    ```journey\n    title T\n    Step: abc\n    ```\n")
    built = site.build()
    assert built.code != 0
    assert "notes.md:7:1: warning: journey diagram: task 'Step': expected a score" in built.output
    # Reported once, by the check of the sources, not again while the page is drawn.
    assert built.output.count("journey diagram:") == 1
    loose = site.build(strict=False)
    assert loose.code == 0 and "Step: abc" in loose.page("notes") and not _charts(loose.page("notes"))


def test_the_markdown_extension_draws_journeys_in_plain_python_markdown() -> None:
    # Registered as `journeys` in the markdown.extensions entry points: no MkDocs, no project.
    html = markdown.markdown(f"# Title\n\n{DIAGRAM}\n\n```python\nprint(1)\n```\n", extensions=["journeys"],
                             extension_configs={"journeys": {"language": "hu"}})
    assert _charts(html) == ["journeys-chart-mermaid-1"]
    assert '<tr data-touchpoint="arrive">' in html and "print" in html
    assert "Érzelem" in html or "érzelem" in html  # labels in the language given


def test_the_extension_loads_without_the_engine() -> None:
    code = ("import sys, markdown; markdown.markdown('x', extensions=['journeys']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'properdocs')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_zensical_site_draws_journey_blocks(tmp_path: Path) -> None:
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if zensical is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zensical is a test dependency and must be installed in CI")
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Journeys in Zensical\n\n{DIAGRAM}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Zensical test\nmarkdown_extensions:\n  - journeys\n", "utf-8")
    result = subprocess.run([zensical, "build"], cwd=tmp_path, capture_output=True, text=True, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert _charts(html) == ["journeys-chart-mermaid-1"] and '<tr data-touchpoint="arrive">' in html

"""```journey blocks, and ```mermaid blocks that hold a journey diagram, drawn as our emotion curve and a table.

The blocks are found by the Markdown parser (pymdownx.superfences), not by a search of the page's text: a code
sample that shows a ```mermaid block stays code, and a diagram inside an admonition, a content tab or a list is
drawn like any other. Both the MkDocs plugin and the engine-neutral Markdown extension (markdown_ext) use this.
It knows Python-Markdown and SuperFences, never MkDocs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from ..format import mermaid
from ..render.renderer import Renderer

# The fences we draw: ```journey always, ```mermaid when the diagram is a `journey`.
JOURNEY, MERMAID = "journey", "mermaid"
# Before SuperFences (priority 25) reads the page: our fences join whichever SuperFences the page is parsed with.
_PRIORITY = 100
_PLACEHOLDER = re.compile(r'<div data-journeys-mermaid="(\d+)"></div>')


@dataclass
class JourneyFences:
    """Draws journey diagrams for one site (its scale and labels, through `renderer`)."""

    renderer: Callable[[], Renderer | None]
    # Blocks drawn on the page being converted, to number their charts.
    count: int = 0
    # With a prefix, a drawn diagram is held here and the page gets a placeholder `<div data-journeys-mermaid=
    # "<prefix><n>">` instead, for the plugin to put in after it cleaned the author's HTML (sanitize).
    prefix: str = ""
    held: dict[str, str] = field(default_factory=dict)

    def format(self, fallback: dict[str, Any], src: str = "", language: str = "", **kwargs: Any) -> str | None:
        """The block as our chart and table; the fence SuperFences would have used otherwise for a mermaid diagram
        that is not a journey, and for a journey diagram with errors (it stays code, and is reported)."""
        lines = src.splitlines()
        renderer = self.renderer()
        if renderer is None or (language == MERMAID and not mermaid.is_journey(lines)):
            return _fall_back(fallback, src, language, kwargs)
        # Problems were reported with the sources' others (load_project), at their lines in the page.
        diagram, _, errors = mermaid.parse(lines, 1)
        if errors:
            return _fall_back(fallback, src, language, kwargs)
        self.count += 1
        drawn = renderer.mermaid_block(diagram, self.count)
        if not self.prefix:
            return drawn
        key = f"{self.prefix}{self.count}"
        self.held[key] = drawn
        return f'<div data-journeys-mermaid="{key}"></div>'

    def fill(self, html: str) -> str:
        """Put the diagrams held for a page into its placeholders (only those this build made)."""
        held, self.held = self.held, {}
        return _PLACEHOLDER.sub(lambda m: held.get(m[1], m[0]), html)


def _fall_back(entry: dict[str, Any], src: str, language: str, kwargs: dict[str, Any]) -> str | None:
    formatter = entry.get("formatter")
    if formatter is None:
        return f'<pre><code class="language-{html.escape(language)}">{html.escape(src)}</code></pre>'
    result: str | None = formatter(src=src, language=language, **kwargs)
    return result


class _Attach(Preprocessor):
    """Adds our fences to the SuperFences extension in charge of the page, once, before it reads the page."""

    def __init__(self, md: Markdown, fences: JourneyFences) -> None:
        super().__init__(md)
        self.fences = fences

    def run(self, lines: list[str]) -> list[str]:
        self.fences.count = 0
        superfences = getattr(self.md.preprocessors[_SUPERFENCES], "extension", None) \
            if _SUPERFENCES in self.md.preprocessors else None
        if superfences is None or not hasattr(superfences, "superfences"):
            raise RuntimeError("pymdownx.superfences is not in charge of fenced code: journey diagrams need it "
                               "(list pymdownx.superfences under markdown_extensions, and not fenced_code)")
        entries: list[dict[str, Any]] = superfences.superfences
        if any(entry.get("journeys") for entry in entries):
            return lines
        for name in (JOURNEY, MERMAID):
            shadowed = next((e for e in reversed(entries) if e["test"](name)), entries[0])
            entries.append({
                "name": name, "journeys": True, "test": lambda language, name=name: language == name,
                "formatter": lambda shadowed=shadowed, **kwargs: self.fences.format(shadowed, **kwargs),
                "validator": shadowed["validator"], "reset": None,
            })
        return lines


# The name under which SuperFences (and Python-Markdown's fenced_code) register their reader of fenced blocks.
_SUPERFENCES = "fenced_code_block"


def attach(md: Markdown, fences: JourneyFences) -> None:
    """Make `md` draw journey diagrams with `fences`; loads SuperFences when it does not read fenced code yet (it
    takes over from Python-Markdown's fenced_code, which MkDocs always loads)."""
    reader = md.preprocessors[_SUPERFENCES] if _SUPERFENCES in md.preprocessors else None
    if not hasattr(getattr(reader, "extension", None), "superfences"):
        md.registerExtensions(["pymdownx.superfences"], {})
    md.preprocessors.register(_Attach(md, fences), "journeys_fences", _PRIORITY)

"""`markdown_extensions: [journeys]`: journey diagrams drawn in any Python-Markdown site (MkDocs without our
plugin, Zensical, a script of your own). Registered as `journeys` in the `markdown.extensions` entry points.

Without the plugin there is no project to read: diagrams use the default emotion scale (-2..+2), labelled in the
language given (en, bg, hu, ru). The site still needs our assets (vega.js, journeys.js, journeys.css) for the
charts to draw; without them the tables show the same numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from ..format.options import Options
from ..model import Catalog
from ..render.renderer import Renderer
from .fences import JourneyFences, attach


class JourneysExtension(Extension):
    """Draws ```journey blocks and ```mermaid journey diagrams as an emotion curve and a table."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"language": ["en", "language of the labels: en, bg, hu or ru"]}
        self.fences: JourneyFences | None = kwargs.pop("fences", None)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        attach(md, self.fences or JourneyFences(_standalone_renderer(str(self.getConfig("language")))))


def _standalone_renderer(language: str) -> Any:
    options = Options(docs_dir=Path("."), language=language)
    renderer = Renderer(Catalog(scale=options.emotion_scale()), None, language, [])
    return lambda: renderer


def for_plugin(fences: JourneyFences) -> JourneysExtension:
    """The extension as the MkDocs plugin adds it: the site's renderer (its scale and labels), problems reported,
    diagrams held for the plugin to put in."""
    return JourneysExtension(fences=fences)


def makeExtension(**kwargs: Any) -> JourneysExtension:  # noqa: N802 (Python-Markdown's name)
    """Python-Markdown's entry point for `journeys`."""
    return JourneysExtension(**kwargs)

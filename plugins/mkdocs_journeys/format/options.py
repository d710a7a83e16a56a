"""The plugin's options, shared by the MkDocs adapter and the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..locales.labels import labels
from ..model import Scale, ScalePoint

# Reads a site's options from its MkDocs configuration file; the adapter provides it, so that the exchange
# commands that load a project (diff, survey import) read mkdocs.yml exactly as MkDocs does.
OptionsReader = Callable[[Path], "Options"]


class OptionError(ValueError):
    """An option in mkdocs.yml has a wrong value."""


@dataclass
class Options:
    """Everything the core needs to know about a site."""

    docs_dir: Path
    language: str = "en"
    scale: list[dict[str, Any]] | None = None
    round: str | None = None
    overrides: list[Path] = field(default_factory=list)
    # The lock file of closed rounds, next to mkdocs.yml; None skips the check (unit tests of the core).
    lock_file: Path | None = None
    site_dir: Path = Path("site")
    # Raw HTML in Markdown bodies: active HTML (script, event handlers, javascript: links, iframes...) is a warning
    # unless the site trusts its authors (allow_raw_html) or cleans the bodies at build (sanitize).
    allow_raw_html: bool = False
    sanitize: bool = False
    # The folder of mkdocs.yml: no file from outside it reaches the site. None: the docs folder's parent.
    project_root: Path | None = None

    @property
    def root(self) -> Path:
        """The project folder, where mkdocs.yml is."""
        return self.project_root if self.project_root is not None else self.docs_dir.parent

    def emotion_scale(self) -> Scale:
        """The configured scale, or -2..+2 with labels in the site's language."""
        if not self.scale:
            words = labels(self.language)
            return Scale(tuple(ScalePoint(v, words[f"scale_{v}"]) for v in range(-2, 3)))
        points = []
        for i, item in enumerate(self.scale):
            if not isinstance(item, dict) or set(item) != {"value", "label"}:
                raise OptionError(f"plugins.journeys.scale[{i}]: expected {{value: <whole number>, label: <text>}}, "
                                  f"found {item!r}")
            value, label = item["value"], item["label"]
            if not isinstance(value, int) or isinstance(value, bool) or not isinstance(label, str):
                raise OptionError(f"plugins.journeys.scale[{i}]: expected a whole number and a text label, "
                                  f"found {value!r} and {label!r}")
            points.append(ScalePoint(value, label))
        values = [p.value for p in points]
        if len(points) < 2 or values != list(range(values[0], values[0] + len(values))):
            raise OptionError(f"plugins.journeys.scale: expected consecutive whole numbers from lowest to highest, "
                              f"found {values}")
        return Scale(tuple(points))

"""The site navigation of pages that are not in it, rendered once and reused.

The theme renders the whole navigation on every page. A site of 500 journeys has some 1,000 generated pages
outside the navigation (comparisons, wall maps): for each of them the navigation has no active item and differs
from page to page only in its relative links. So the first such page renders it and records every address the
`url` filter turned into a relative link; a later page reuses that HTML when each recorded address gives the
same relative link from it too, and renders (and records) its own otherwise. The output is the same bytes as
rendering every time. A site whose own theme overrides `partials/nav.html` keeps its template and no cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# The theme's own templates, as they are behind ours: our partials/nav.html includes the theme's one from here.
THEME_PREFIX = "journeys-theme"
# How many renderings to keep: one per kind of relative position (folder depth) is typical.
KEEP = 8

UrlFilter = Callable[[Any, str], str]


@dataclass
class _Rendering:
    """One rendered navigation and the relative links its `url` filter produced."""

    links: list[tuple[str, str]]
    html: str


@dataclass
class NavCache:
    """Renderings of the navigation for pages outside it, for the build of one site."""

    url: UrlFilter
    renderings: list[_Rendering] = field(default_factory=list)
    recording: list[tuple[str, str]] | None = None
    # The navigation last seen and the ids of its pages.
    _in_nav: tuple[int, set[int]] = field(default_factory=lambda: (0, set()))
    hits: int = 0

    def install(self, env: Environment, theme_dirs: list[str]) -> None:
        """Let templates reach the theme's own templates behind ours, and route the `url` filter through here."""
        assert env.loader is not None
        env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(theme_dirs)})])
        env.filters["url"] = self._url_filter
        env.globals["journeys_nav"] = self

    @pass_context
    def _url_filter(self, context: Context, value: str) -> str:
        link = self.url(context, value)
        if self.recording is not None:
            self.recording.append((str(value), link))
        return link

    def _outside_nav(self, context: Context) -> bool:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None:
            return False
        if self._in_nav[0] != id(nav):
            self._in_nav = (id(nav), {id(p) for p in nav.pages})
        return id(page) not in self._in_nav[1]

    @pass_context
    def lookup(self, context: Context) -> Markup | None:
        """The navigation for this page when an earlier rendering fits it; otherwise start recording one."""
        self.recording = None
        if not self._outside_nav(context):
            return None
        for index, rendering in enumerate(self.renderings):
            if all(self.url(context, value) == link for value, link in rendering.links):
                self.renderings.insert(0, self.renderings.pop(index))
                self.hits += 1
                return Markup(rendering.html)
        self.recording = []
        return None

    def store(self, html: str) -> Markup:
        """Keep a navigation just rendered (when lookup started recording it) and hand it back to the page."""
        if self.recording is not None:
            self.renderings.insert(0, _Rendering(self.recording, str(html)))
            del self.renderings[KEEP:]
            self.recording = None
        return Markup(html)


class NavMeta(dict[str, Any]):
    """Front matter that answers Material's per-navigation-item questions as plain attributes.

    Material renders the whole navigation on every page and asks each item's `meta` for `icon`, `subtitle`
    and `status`. On a plain dict Jinja answers each question through two caught exceptions; with every
    page's front matter filled in, that grew into a quarter of the build time of a 500-journey site. The
    keys stay ordinary dict keys, so Material and other plugins read them as before.
    """

    @property
    def icon(self) -> Any:
        return self.get("icon")

    @property
    def subtitle(self) -> Any:
        return self.get("subtitle")

    @property
    def status(self) -> Any:
        return self.get("status")

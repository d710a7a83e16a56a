"""The base of the page kinds (see pages.py): what a page shows, and what each kind of page answers for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Catalog
from ..views.inputs import Inputs
from .renderer import Linker, Renderer

# Headings a page adds before and after the author's body, as (anchor id, title).
Sections = tuple[list[tuple[str, str]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Page:
    """What a page shows: its kind and the id of the journey, persona, group or round (empty for site-wide pages)."""

    kind: PageKind
    item: str


class PageKind:
    """One kind of page. Subclasses answer for their kind; the defaults suit a page the author writes."""

    name: ClassVar[str]
    # Front matter the page gets: e.g. left out of search, or without Material's table of contents.
    meta: ClassVar[dict[str, Any]] = {}
    # Rendered when the page is written rather than when MkDocs reads it (see the adapter's deferred content):
    # "page" for the whole page (search sees none of it), "generated" for what the plugin adds (search sees the
    # author's body), "" for neither.
    late: ClassVar[str] = ""
    # Whether a generated page of this kind appears in the navigation.
    in_nav: ClassVar[bool] = False
    # What the page's item is: "journey", "persona", "group" or "round"; the page's content is in that item's language
    # (Catalog.language). Empty for site-wide pages, which are in the site's language.
    shows: ClassVar[str] = ""

    def item(self, catalog: Catalog, src_uri: str) -> str | None:
        """The id a page at `src_uri` (relative to the docs folder) shows, when it is a page of this kind."""
        return None

    def generated(self, renderer: Renderer) -> list[str]:
        """The ids of the pages of this kind the plugin adds to the site of the renderer's round."""
        return []

    def path(self, item: str) -> str:
        """The source path of the page for `item` inside the docs folder."""
        raise NotImplementedError(self.name)

    def edit_source(self, catalog: Catalog, item: str, round_id: str | None) -> str | None:
        """The source file Material's view and edit actions open for a generated page."""
        return None

    def title(self, renderer: Renderer, item: str, authored: str) -> str:
        """The page's title; `authored` is the title in the page's own front matter, if any."""
        return authored

    def sections(self, renderer: Renderer, item: str) -> Sections:
        """The headings the page adds, for Material's table of contents."""
        return [], []

    def content(self, renderer: Renderer, item: str, body: str, link: Linker, site_name: str) -> str:
        """The page's HTML around the author's `body`."""
        raise NotImplementedError(self.name)

    def sources(self, catalog: Catalog, item: str, round_id: str | None) -> list[str]:
        """Display paths of the files whose data the page shows, main file first."""
        return []

    def inputs(self, catalog: Catalog, item: str) -> Inputs | None:
        """What the page is made of besides its own file and what every page shows (views/inputs.py); None for a
        page that draws on the whole site and is always rendered again."""
        return None

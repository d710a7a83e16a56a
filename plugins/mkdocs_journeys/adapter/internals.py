"""Every reach into an internal of MkDocs or Material, in one place, each checked by site_tests/test_internals.py.

These are not public APIs: a new release may change them. Each use here is small, says why it is needed, and has a
test that fails loudly (with the name of the internal) when the internal moves, instead of a site that quietly
comes out different.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from collections.abc import Callable
from importlib import resources
from typing import Any

# MkDocs' own writer of one page (mkdocs.commands.build._build_page): a helper process that writes a share of a
# round's pages calls it, so each page is written exactly as MkDocs would write it.
BUILD_PAGE_PARAMETERS = ("page", "config", "doc_files", "nav", "env", "dirty", "excluded")


def build_page() -> Callable[..., None]:
    """MkDocs' private page writer; raises RuntimeError when it is gone or takes other parameters."""
    from mkdocs.commands import build

    writer = getattr(build, "_build_page", None)
    if writer is None or tuple(inspect.signature(writer).parameters) != BUILD_PAGE_PARAMETERS:
        raise RuntimeError("mkdocs.commands.build._build_page changed: writing pages in helper processes needs "
                           "a new adapter (run journeys build -j 1 meanwhile)")
    return writer  # type: ignore[no-any-return]


# What MkDocs logs for a page whose template renders nothing. Pages written by a helper render nothing in the main
# process, so the main process drops exactly these lines.
PAGE_SKIPPED = "Page skipped: '{}'. Generated empty output."
BUILD_LOGGER = "mkdocs.commands.build"


def page_skipped(src_uri: str) -> str:
    """The line MkDocs logs when it writes nothing for a page."""
    return PAGE_SKIPPED.format(src_uri)


class Unsaid(logging.Filter):
    """Drops the log messages given."""

    def __init__(self, messages: set[str]) -> None:
        super().__init__()
        self.messages = messages

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages


# Material's templates our overrides replace or wrap, with the digests of the versions they were checked against
# (the oldest supported, 9.5.0, and the newest tested, 9.8.2). When an installed Material has another version of one
# of them, test_internals names it: check the override against the new original, then add its digest here.
#   partials/javascripts/outdated.html: replaced by ours (Material's throws on a relative base_url).
#   partials/nav.html: included by ours, which renders it once for all pages outside the navigation (navcache).
#   partials/source.html: replaced by a plain link (Material's asks GitHub's API from the reader's browser).
#   main.html: ours extends base.html for the outdated banner, in Material's main.html's place.
#   partials/content.html: included by ours, which puts the page's declared lang on the <h1> Material writes.
MATERIAL_TEMPLATES = {
    "partials/javascripts/outdated.html": {
        "feb2b14656cc53114b3e928dbaa0968a9d6e567d8ca4063860f792ab207c4178",
        "13165dec361fce13130f73f747aab982f7e1979608c061e5953b10286abc7447",
    },
    "partials/nav.html": {
        "d31694795fb18aab2721c77856535aa6b14e751b722f0e98b390ceec05ed74d9",
        "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f",
    },
    "partials/source.html": {"6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"},
    "partials/content.html": {
        "3b93804422d99820ceffef665c72c8814fabb978a6a175acdb5bd197ebe2e7ed",
        "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    },
    "main.html": {"9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0"},
}


def material_template(name: str) -> bytes:
    """The bytes of one of Material's own templates, as installed."""
    return resources.files("material").joinpath("templates", name).read_bytes()


def material_digest(name: str) -> str:
    """The SHA-256 of one of Material's own templates, as installed."""
    return hashlib.sha256(material_template(name)).hexdigest()


def url_filter(env: Any) -> Callable[[Any, str], str]:
    """MkDocs' `url` template filter, which the navigation cache wraps to record the links it makes."""
    found = env.filters.get("url")
    if found is None or not getattr(found, "jinja_pass_arg", None):
        raise RuntimeError("MkDocs' `url` template filter changed: it no longer takes the template context")
    return found  # type: ignore[no-any-return]


# Material's search plugin keeps the index it is building as a list of entries (material.plugins.search.plugin:
# SearchIndex.entries), one dict per section of a page. A page kept from the previous build (reuse.py) is not parsed
# again: its entries of then are put back into this list.
SEARCH_PLUGINS = ("material/search", "search")


def search_entries(config: Any) -> list[dict[str, Any]] | None:
    """The entries of the search index being built; None when the site has no search or not Material's."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None:
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            return entries if type(plugin).__module__.startswith("material.") and isinstance(entries, list) else None
    return None


def has_search(config: Any) -> bool:
    """Whether the site has a search plugin."""
    return any(name in config.plugins for name in SEARCH_PLUGINS)


# MkDocs converts each page's Markdown with a Markdown instance of its own, made with every extension of the site
# (mkdocs.structure.pages.Page.render). A page kept from the previous build (reuse.py) has an empty source, and
# making those instances was a tenth of a rebuild at 500 journeys: a kept page gets what converting nothing gives,
# without converting. test_internals compares the page's attributes with MkDocs' own render of an empty source.
def render_nothing(page: Any) -> None:
    """From now on, MkDocs' render of this page sets what rendering an empty source sets, and converts nothing."""
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        if pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render

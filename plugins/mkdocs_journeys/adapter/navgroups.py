"""The navigation's journeys nested by group: one section per group (the group's title) in the section that holds
the journey pages, the group's page first, then its journeys by title.

Material renders the navigation on every page. With `navigation.prune`, a section the page is not in becomes a
single link, so a journey page carries the other groups as one link each and its own group's journeys: a flat
section of 500 journeys, which pruning cannot fold, was four fifths of every page. The group page comes first
rather than as the section's index page (`navigation.indexes`): only a file named index.md is one, and moving the
author's groups/<id>.md would break their links to it.
"""

from __future__ import annotations

from html import escape

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..layout import JOURNEYS_DIR, group_page
from ..model import Catalog


def nest_by_group(nav: Navigation, files: Files, catalog: Catalog) -> None:
    """Nest the journey pages of `nav` by group, when they all sit directly in one section (as in the navigation
    MkDocs makes from the folders, or a section of an explicit `nav` that lists them); otherwise leave it as it
    is. Group pages move there from wherever they were (MkDocs puts them in a section of their own)."""
    journeys = {f"{JOURNEYS_DIR}/{jid}.md": jid for jid in catalog.journeys}
    holders = {id(item.parent): item.parent for item in _walk(nav.items)
               if isinstance(item, Page) and item.file.src_uri in journeys}
    if not catalog.groups or len(holders) != 1:
        return
    [holder] = holders.values()
    if not isinstance(holder, Section):
        return
    pages = {src: file.page for src in [*journeys, *(group_page(g) for g in catalog.groups)]
             if (file := files.get_file_from_path(src)) is not None and isinstance(file.page, Page)}
    grouped = {id(page) for page in pages.values()}
    # Where the journeys began, counted in the items that stay.
    start = next((i for i, item in enumerate(holder.children) if id(item) in grouped), len(holder.children))
    first = sum(id(item) not in grouped for item in holder.children[:start])
    nav.items[:] = _without(nav.items, grouped, id(holder))
    sections: list[StructureItem] = []
    for group in catalog.groups.values():
        found = [pages.get(group_page(group.id)), *(pages.get(f"{JOURNEYS_DIR}/{jid}.md") for jid in group.journeys)]
        section = Section(escape(group.title, quote=False), [page for page in found if page is not None])
        for child in section.children:
            child.parent = section
        section.parent = holder
        sections.append(section)
    kept = list(holder.children)
    holder.children[:] = [*kept[:first], *sections, *kept[first:]]
    nav.pages[:] = [item for item in _walk(nav.items) if isinstance(item, Page)]
    for i, page in enumerate(nav.pages):
        page.previous_page = nav.pages[i - 1] if i else None
        page.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None


def _walk(items: list[StructureItem]) -> list[StructureItem]:
    """Every item of a navigation tree, depth first, in order."""
    found: list[StructureItem] = []
    for item in items:
        found.append(item)
        if isinstance(item, Section):
            found += _walk(item.children)
    return found


def _without(items: list[StructureItem], moved: set[int], holder: int) -> list[StructureItem]:
    """The items without the moved pages, at any depth; a section left empty goes too, but for the holder."""
    kept: list[StructureItem] = []
    for item in items:
        if id(item) in moved:
            continue
        if isinstance(item, Section):
            item.children[:] = _without(item.children, moved, holder)
            if not item.children and id(item) != holder:
                continue
        kept.append(item)
    return kept

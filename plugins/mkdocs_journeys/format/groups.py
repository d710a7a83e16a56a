"""Groups and the hierarchy of journeys: the group pages (groups/<id>.md), which group each journey falls in, and
the checks of `group`, `parent` and `expands` in the journeys' front matter.

A journey falls in the group it names; else in the declared group whose `services` list names its service; else
in a group made from its service (layout.service_group_id). A journey's `parent` names the journey it details and
`expands` the parent's touchpoint it details."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from ..layout import GROUPS_DIR, service_group_id
from ..model import Catalog, Group, Journey
from .crosschecks import Located, Reporter
from .problems import did_you_mean

Broken = set[tuple[str, str]]


class Reader(Reporter, Protocol):
    """The loader's reader: it also parses and schema-checks a file."""

    def read(self, path: Path, kind: str) -> Located | None:
        """The parsed file; None (with its problems recorded) when it cannot be used."""


def read_groups(reader: Reader, broken: Broken) -> list[tuple[Group, Located]]:
    """Every group page of the docs folder with its parsed front matter; a page with problems is left out (and
    marked broken, so that journeys naming it are not reported again)."""
    declared = []
    for path in sorted((reader.docs_dir / GROUPS_DIR).glob("*.md")):
        src = reader.read(path, "group")
        if src is None:
            broken.add(("group", path.stem))
            continue
        data = src.doc.data
        declared.append((Group(id=path.stem, title=str(data["title"]), source=src.shown,
                               services=[str(s) for s in data.get("services", [])], lang=str(data.get("lang", ""))),
                         src))
    return declared


def place_journeys(catalog: Catalog, declared: list[tuple[Group, Located]], journeys: Sequence[Located],
                   reader: Reader, broken: Broken, partial: dict[str, Journey]) -> None:
    """Check every journey's group, parent and expands, and put every journey of the catalog in its group
    (Catalog.groups, by title; Journey.group the group's id). `journeys` are the sources of the catalog's
    journeys; `partial`, journeys that are not whole (still checked against)."""
    owners = _service_owners(declared, catalog, reader)
    groups = {group.id: group for group, _ in declared}
    for src in journeys:
        journey = catalog.journeys[src.path.stem]
        if journey.group and journey.group not in groups:
            if ("group", journey.group) not in broken:
                reader.problem(src.shown, src.doc.mark(("group",)),
                               f"group: no group '{journey.group}' (expected a file {GROUPS_DIR}/{journey.group}.md)"
                               + did_you_mean(journey.group, sorted(groups)))
            journey.group = ""
        _check_parent(journey, src, catalog, reader, broken, partial)
    _check_cycles(catalog, {src.path.stem: src for src in journeys}, reader)
    taken = set(groups) | {item for kind, item in broken if kind == "group"}
    made: dict[str, Group] = {}
    orphans = {j.service for j in catalog.journeys.values() if j.group not in groups and j.service not in owners}
    for service in sorted(orphans):
        made[service] = Group(id=service_group_id(service, taken), title=service, services=[service])
        taken.add(made[service].id)
    for journey in catalog.journeys.values():
        group = groups.get(journey.group) or groups.get(owners.get(journey.service, "")) or made[journey.service]
        journey.group = group.id
        group.journeys.append(journey.id)
    found = [*groups.values(), *made.values()]
    for group in found:
        group.journeys.sort(key=lambda jid: (catalog.journeys[jid].title.casefold(), jid))
    catalog.groups = {g.id: g for g in sorted(found, key=lambda g: (g.title.casefold(), g.id))}


def _service_owners(declared: list[tuple[Group, Located]], catalog: Catalog, reader: Reader) -> dict[str, str]:
    """Service -> the id of the group that lists it. A service listed by a second group is an error there; one
    that no journey has is a warning (a misspelt service would leave its journeys out of the group)."""
    owners: dict[str, tuple[Group, Located, int]] = {}
    services = sorted({j.service for j in catalog.journeys.values()})
    for group, src in declared:
        for i, service in enumerate(group.services):
            mark = src.doc.mark(("services", i))
            if service in owners:
                other, where, index = owners[service]
                reader.problem(src.shown, mark,
                               f"services[{i}]: expected a service no other group lists, found '{service}', which "
                               f"group '{other.id}' lists too ({where.shown}, line "
                               f"{where.doc.mark(('services', index)).line}); a service's journeys fall in one "
                               f"group: remove it from one list, or name the group in the journeys' `group`")
            else:
                owners[service] = (group, src, i)
                if service not in services:
                    reader.warn(src.shown, mark, f"services[{i}]: expected the service of a journey, found "
                                                 f"'{service}', which no journey has"
                                                 + did_you_mean(service, services))
    return {service: group.id for service, (group, _, _) in owners.items()}


def _check_parent(journey: Journey, src: Located, catalog: Catalog, reader: Reader, broken: Broken,
                  partial: dict[str, Journey]) -> None:
    """The parent is a known journey and `expands` one of its touchpoints; a wrong reference is reported and
    dropped, so that the catalog holds no dangling link."""
    if journey.expands and not journey.parent:
        reader.problem(src.shown, src.doc.mark(("expands",)),
                       f"expands: expected `parent` next to it, naming the journey whose touchpoint "
                       f"'{journey.expands}' this journey details; found no parent")
        journey.expands = ""
    if not journey.parent:
        return
    parent = catalog.journeys.get(journey.parent) or partial.get(journey.parent)
    if parent is None and ("journey", journey.parent) not in broken:
        reader.problem(src.shown, src.doc.mark(("parent",)),
                       f"parent: no journey '{journey.parent}' (expected a file journeys/{journey.parent}.md)"
                       + did_you_mean(journey.parent, sorted(catalog.journeys)))
    ids = [tp.id for tp in parent.touchpoints] if parent is not None else []
    if parent is not None and journey.expands and journey.expands not in ids:
        reader.problem(src.shown, src.doc.mark(("expands",)),
                       f"expands: no touchpoint '{journey.expands}' in journey '{parent.id}', the parent "
                       f"({parent.source})" + did_you_mean(journey.expands, ids))
        journey.expands = ""
    if journey.parent not in catalog.journeys:
        journey.parent = journey.expands = ""


def _check_cycles(catalog: Catalog, sources: dict[str, Located], reader: Reader) -> None:
    """A journey may not be its own parent, nor its own ancestor: each journey of a cycle is an error at its
    `parent`, and the cycle is cut there."""
    looped = []
    for journey in catalog.journeys.values():
        chain, current = [journey.id], journey.parent
        while current and current in catalog.journeys and current not in chain:
            chain.append(current)
            current = catalog.journeys[current].parent
        if current != journey.id:
            continue
        looped.append(journey)
        src = sources[journey.id]
        mark = src.doc.mark(("parent",))
        if len(chain) == 1:
            reader.problem(src.shown, mark, f"parent: expected another journey, found '{journey.id}', this journey "
                                            f"itself; a journey cannot detail itself")
        else:
            path = " → ".join([*chain, journey.id])
            reader.problem(src.shown, mark, f"parent: expected a journey that is not below this one, found "
                                            f"'{journey.parent}', whose parents lead back here ({path}); remove "
                                            f"one `parent` of the cycle")
    for journey in looped:
        journey.parent = journey.expands = ""

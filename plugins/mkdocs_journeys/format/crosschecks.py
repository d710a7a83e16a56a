"""Checks that look at more than one value or file: one data file per journey, rounds that overlap, journeys
with the same title, and a persona's picture as the build will look it up."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from ..model import Round
from .images import image_problem
from .problems import display_path
from .yamlsource import Document, Mark


class Reporter(Protocol):
    """What the loader's reader offers these checks."""

    @property
    def docs_dir(self) -> Path:
        """The docs folder."""

    def refused(self, path: Path) -> bool:
        """Whether the walk of the sources refused the file (a link that leaves the project, say)."""

    def problem(self, shown: str, mark: Mark, message: str) -> None:
        """Record an error."""

    def warn(self, shown: str, mark: Mark, message: str) -> None:
        """Record a warning."""


class Located(Protocol):
    """A parsed source: where it is, and its front matter with positions."""

    path: Path
    shown: str
    doc: Document


def one_file_each(paths: list[Path], what: str, reader: Reporter) -> list[Path]:
    """The data files of a folder, one per journey: `laptop.yml` next to `laptop.yaml` is an error at each, and
    neither is read (which one is meant cannot be told)."""
    stems: dict[str, list[Path]] = {}
    for path in paths:
        stems.setdefault(path.stem, []).append(path)
    for stem, same in stems.items():
        for path in same[1:] if len(same) > 1 else []:
            names = " and ".join(display_path(p) for p in same)
            reader.problem(display_path(path), Mark(1, 1), f"expected one file for {what.format(stem)}, found "
                                                           f"two: {names}; keep one of them and delete the other")
    return [path for path in paths if len(stems[path.stem]) == 1]


def overlaps(rounds: list[Round], sources: Mapping[str, Located], reader: Reporter) -> None:
    """A warning for each round whose period overlaps an earlier one's: rounds are ordered by their periods, and
    a finding dated in both could belong to either."""
    for i, later in enumerate(rounds):
        for earlier in rounds[:i]:
            if later.start <= earlier.end and earlier.start <= later.end:
                src = sources[later.id]
                reader.warn(src.shown, src.doc.mark(("period", "start")),
                            f"period: expected a period after the other rounds', found {later.start}..{later.end}, "
                            f"which overlaps round '{earlier.id}' ({earlier.start}..{earlier.end}, {earlier.source}); "
                            f"move the start after {earlier.end} or end '{earlier.id}' earlier")


def same_titles(journeys: Sequence[Located], reader: Reporter) -> None:
    """A warning for each journey whose title is another's (case and outer spaces aside): readers cannot tell
    them apart in the navigation, the search results or the charts."""
    first: dict[str, Located] = {}
    for src in journeys:
        title = str(src.doc.data["title"])
        key = title.strip().casefold()
        if key in first:
            other = first[key]
            reader.warn(src.shown, src.doc.mark(("title",)),
                        f"title: expected a title of its own, found '{title}', which journey '{other.path.stem}' "
                        f"({other.shown}, line {other.doc.mark(('title',)).line}) has too; give one of them "
                        f"another title")
        first.setdefault(key, src)


def picture_problem(picture: str, src: Located, reader: Reporter) -> None:
    """A persona's picture is a file of the site, named by its path in the docs folder as the build looks it up:
    no '..', no hidden or excluded folder, and an image by its content."""
    mark = src.doc.mark(("picture",))
    parts = [part for part in picture.split("/") if part not in ("", ".")]
    if picture.startswith("/") or ".." in parts or not parts:
        reader.problem(src.shown, mark, f"picture: expected a path inside the docs folder, from the docs folder "
                                        f"(e.g. personas/anna.jpg), found '{picture}', which leaves it; put the "
                                        f"picture into the docs folder")
        return
    if any(part.startswith(".") for part in parts) or parts[0] == "templates":
        reader.problem(src.shown, mark, f"picture: expected a file the site publishes, found '{picture}', in a "
                                        f"hidden folder or in templates/, which MkDocs leaves out; move the picture")
        return
    path = reader.docs_dir / posixpath.join(*parts)
    if reader.refused(path):
        return  # the walk reported the link
    try:
        inside = reader.docs_dir.resolve() in path.resolve().parents
        exists = path.is_file()
    except (OSError, RuntimeError, ValueError) as err:  # a loop of links, a NUL character
        reason = "a loop of symbolic links" if isinstance(err, RuntimeError) else getattr(err, "strerror", None) or err
        reader.problem(src.shown, mark, f"picture: expected the path of a file in the docs folder, found "
                                        f"'{picture}', which cannot name a file ({reason})")
        return
    if not inside:
        reader.problem(src.shown, mark, f"picture: expected a file inside the docs folder, found '{picture}', "
                                        f"which leads outside it; put the picture into the docs folder")
    elif not exists:
        reader.problem(src.shown, mark, f"picture: no file '{picture}' in the docs folder (the path is read from "
                                        f"the docs folder, e.g. personas/anna.jpg)")
    elif (problem := image_problem(path)) is not None:
        reader.problem(src.shown, mark, f"picture: {problem}")

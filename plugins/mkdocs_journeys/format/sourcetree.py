"""What MkDocs would read from the docs folder and the theme's custom_dir, checked before it reads anything.

MkDocs follows symbolic links and copies what they point at into the site, so a link to a file outside the project
would publish it, and a link to a folder that contains it sends MkDocs round in circles until it fails with a
traceback (after it has emptied the site folder). The walk here follows no link: it looks at each one, and at the
folders a link inside the project leads to, as MkDocs would reach them. It also hands over the Markdown pages, whose
journey diagrams `journeys check` reads as the build does.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import mermaid
from .problems import Problem, display_path, warning
from .yamlsource import YamlProblem, decode, split_front_matter


@dataclass
class _Link:
    path: Path  # where the link is, as found
    parent: str  # the real folder it sits in
    target: str  # the real path it leads to


@dataclass
class Tree:
    """What the walk found: problems, links whose files must not be read, and the Markdown pages."""

    problems: list[Problem] = field(default_factory=list)
    refused: set[Path] = field(default_factory=set)
    pages: list[Path] = field(default_factory=list)

    def is_refused(self, path: Path) -> bool:
        """Whether `path` is, or lies under, a link that is refused."""
        return bool(self.refused) and (path in self.refused or any(p in self.refused for p in path.parents))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk(docs_dir: Path, overrides: list[Path], project_root: Path) -> Tree:
    """Check every symbolic link under the docs folder and the theme overrides, without following any."""
    tree = Tree()
    root = os.path.realpath(project_root)
    folders: list[_Link] = []
    seen: set[str] = set()  # links by real location, each reported once
    walked: list[str] = []  # real folders already walked
    todo: list[tuple[Path, bool]] = [(docs_dir, True)] + [(folder, False) for folder in overrides]
    while todo:
        top, pages = todo.pop(0)
        real_top = os.path.realpath(top)
        if os.path.islink(top) and _look_at(top, root, tree) is None:
            continue
        if not os.path.isdir(top) or any(_inside(real_top, done) for done in walked):
            continue
        walked.append(real_top)
        for folder, dirs, files in os.walk(top, followlinks=False):
            dirs.sort()
            here = Path(folder)
            for name in sorted(dirs + files):
                path = here / name
                if not os.path.islink(path):
                    if pages and name in files and name.endswith(".md"):
                        tree.pages.append(path)
                    continue
                location = os.path.join(os.path.realpath(folder), name)
                if location in seen:
                    continue
                seen.add(location)
                link = _look_at(path, root, tree)
                if link is None:
                    continue
                if os.path.isdir(link.target):
                    folders.append(link)
                    todo.append((Path(link.target), pages))
                elif pages and name.endswith(".md"):
                    tree.pages.append(path)
    _loops(folders, root, tree)
    return tree


def _look_at(path: Path, root: str, tree: Tree) -> _Link | None:
    """One link: a problem when it dangles, loops or leaves the project; else where it leads."""
    shown = display_path(path)
    try:
        text = os.readlink(path)
        target = os.path.realpath(path, strict=True)
    except OSError as err:
        tree.refused.add(path)
        written = os.readlink(path) if os.path.islink(path) else "?"
        if err.errno == errno.ELOOP:
            message = (f"expected a symbolic link that ends at a file or folder, found a link to '{written}' that "
                       f"leads back to itself (a loop of links); remove the link")
        else:
            message = (f"expected a symbolic link to an existing file or folder, found a link to '{written}', which "
                       f"does not exist ({err.strerror}); fix the link or remove it")
        tree.problems.append(Problem(shown, 1, 1, message))
        return None
    if not _inside(target, root):
        tree.refused.add(path)
        tree.problems.append(Problem(shown, 1, 1, (
            f"expected a file or folder inside the project folder (where mkdocs.yml is), found a symbolic link to "
            f"'{text}', outside it: the site would publish a file from elsewhere; copy the file into the project, or "
            f"remove the link")))
        return None
    return _Link(path, os.path.realpath(path.parent), target)


def _loops(folders: list[_Link], root: str, tree: Tree) -> None:
    """Links to folders from which links lead back to where they are: MkDocs would follow them without end."""
    # From link a one reaches link b when b lies in the folder a leads to.
    reach = {i: [j for j, b in enumerate(folders) if _inside(b.parent, a.target)] for i, a in enumerate(folders)}
    for i, link in enumerate(folders):
        stack, visited = list(reach[i]), set()
        while stack and i not in visited:
            j = stack.pop()
            if j not in visited:
                visited.add(j)
                stack.extend(reach[j])
        if i not in visited:
            continue
        tree.refused.add(link.path)
        shown = os.path.relpath(link.target, root).replace(os.sep, "/")
        how = ("a folder that contains the link" if _inside(link.parent, link.target)
               else "a folder from which links lead back here")
        tree.problems.append(Problem(display_path(link.path), 1, 1, (
            f"expected a symbolic link to a folder that does not contain it, found a link to '{shown}', {how}: "
            f"following it never ends; remove the link")))


@dataclass(frozen=True)
class PageBody:
    """A Markdown page's body, read once for every check of it, with the line it starts at in the file."""

    path: Path
    body: str
    first_line: int


def page_bodies(pages: list[Path]) -> list[PageBody]:
    """The bodies of the Markdown pages; a page that cannot be read is left to the loader (its own files) and to
    MkDocs (the rest), which say why."""
    bodies = []
    for path in pages:
        try:
            _, body, first_line = split_front_matter(decode(path.read_bytes()))
        except (OSError, YamlProblem):
            continue
        bodies.append(PageBody(path, body, first_line))
    return bodies


def diagram_problems(pages: list[PageBody]) -> list[Problem]:
    """The build's warnings about journey diagrams in Markdown pages (```journey and ```mermaid journey blocks),
    at the lines of the pages: the build warns and shows a broken diagram as a code block."""
    problems: list[Problem] = []
    for page in pages:
        for block in mermaid.find_blocks(page.body, bare=False):
            _, warnings, errors = mermaid.parse(block.body, block.body_line + page.first_line - 1)
            for note in warnings + errors:
                fix = "; until it is fixed the page shows the diagram as a code block" if note in errors else ""
                problems.append(warning(display_path(page.path), note.line, 1,
                                        f"journey diagram: {note.message}{fix}"))
    return problems

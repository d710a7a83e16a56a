"""Which source files a page's data comes from, and their view and edit addresses in the site's repository."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin


@dataclass(frozen=True)
class Repository:
    """Where the sources can be read and edited: MkDocs' repo_url, edit_uri and edit_uri_template."""

    repo_url: str | None
    edit_uri: str | None
    edit_uri_template: str | None = None

    def edit_url(self, src_uri: str) -> str | None:
        """The address that opens `src_uri` (relative to the docs folder) in the repository's editor, as MkDocs
        computes a page's edit_url; None when the site names no repository."""
        if self.edit_uri_template:
            path = self.edit_uri_template.format(path=src_uri, path_noext=posixpath.splitext(src_uri)[0])
        elif self.edit_uri:
            path = (self.edit_uri if self.edit_uri.endswith("/") else self.edit_uri + "/") + src_uri
        else:
            return None
        base = self.repo_url or ""
        if base and not base.endswith("/") and not path.startswith(("?", "#")):
            base += "/"
        return urljoin(base, path)


def view_url(edit_url: str) -> str | None:
    """The address that shows the file instead of editing it, on hosts whose edit addresses have an `edit`
    segment (GitHub, GitLab, Gitea and Forgejo use `blob` or `src` for viewing); None when unknown."""
    for edit, view in (("/edit/", "/blob/"), ("/_edit/", "/src/branch/")):
        if edit in edit_url:
            return edit_url.replace(edit, view, 1)
    return None


def docs_relative(source: str, docs_dir: Path) -> str:
    """A source's path relative to the docs folder, with forward slashes, as MkDocs' src_uri."""
    return Path(os.path.relpath(Path(source).resolve(), docs_dir.resolve())).as_posix()

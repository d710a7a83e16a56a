"""Pages kept from the previous build of the same round: the author's loop (issue 15).

A page of a kind that says what it is made of (PageKind.inputs) gets a key: a digest of those inputs, of its own
Markdown, and of everything every page shows (the site's key: the engine, mkdocs.yml, the theme's own folder, the
rounds and scale, the navigation, the set of pages). When the previous build wrote the page under the same key,
this build copies that output instead of rendering it, and hands Material's search the entries the page had.

MkDocs still reads every page (titles, links, anchors stay checked); only the expensive parts are skipped: our
content, the theme's template and the search plugin's parsing. It is used where the page's whole output comes from
this plugin and MkDocs: beside no plugin other than search (see JourneysPlugin.late), with Material's search.
`mkdocs serve` keeps the previous build in memory and its output in a folder of its own; `journeys build` keeps
them in the round's cache entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..model import Catalog
from ..render.pages import PAGES
from ..render.renderer import Renderer
from ..site.build import engine_fingerprint
from ..views.inputs import Inputs, journey_inputs, site_inputs
from .internals import BUILD_LOGGER, Unsaid, has_search, page_skipped, search_entries

# The template of a kept page: MkDocs renders this instead of the theme's, and on_post_page puts the kept output in.
KEPT_TEMPLATE = "journeys-kept.html"
KEPT_OUTPUT = ""
# In a round's cache entry: each page's key and search entries.
RECORD_FILE = "pages.json"


@dataclass
class Record:
    """One page as the build wrote it: its key and the search entries it gave."""

    key: str
    entries: list[dict[str, Any]] = field(default_factory=list)


def digest(*parts: Any) -> str:
    """A digest of the parts' text (repr: model objects are plain dataclasses, their repr is their content)."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(repr(part).encode("utf-8", "surrogatepass"))
        sha.update(b"\0")
    return sha.hexdigest()


def nav_signature(items: list[Any], title: Any) -> list[Any]:
    """The navigation as every page renders it: sections, links and pages in order, each page by its source and the
    title `title(page)` gives it (MkDocs knows the titles of the author's pages only after reading them)."""
    found: list[Any] = []
    for item in items:
        children = getattr(item, "children", None)
        if item.is_section:
            found.append(("section", item.title, nav_signature(children or [], title)))
        elif item.is_page:
            found.append(("page", item.file.src_uri, title(item)))
        else:
            found.append(("link", item.title, item.url))
    return found


def site_key(config: MkDocsConfig, nav: Navigation | None, files: Files, renderer: Renderer,
             options: dict[str, Any]) -> str:
    """What every page of the round shows: the engine, mkdocs.yml, the theme's own folder, the plugin's options,
    the round, its rounds and scale, the pages, and the navigation with its titles."""
    assert nav is not None

    def title(page: Page) -> Any:
        shown = PAGES.page(renderer.catalog, page.file.src_uri)
        if shown is not None and shown.kind.inputs(renderer.catalog, shown.item) is not None:
            return shown.kind.title(renderer, shown.item, "")
        return page.file.content_bytes

    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    theme = sorted((p.relative_to(custom).as_posix(), p.read_bytes()) for p in custom.rglob("*") if p.is_file()) \
        if custom is not None and custom.is_dir() else []
    config_file = Path(config.config_file_path or "mkdocs.yml")
    return digest(engine_fingerprint(), config_file.read_bytes() if config_file.is_file() else b"", theme,
                  os.environ.get("SOURCE_DATE_EPOCH"), sorted(f.src_uri for f in files.documentation_pages()),
                  nav_signature(nav.items, title), options, renderer.round_id, site_inputs(renderer.catalog))


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once for a `mkdocs serve` session, not again at every rebuild (Jinja's
    bytecode cache; a template that changed has another checksum and is compiled anew)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def can_keep(config: MkDocsConfig) -> bool:
    """Whether kept pages can have their search entries back: the site has Material's search, or none."""
    return search_entries(config) is not None or not has_search(config)


def read_records(path: Path) -> dict[str, Record]:
    """The records of a previous build, from its cache entry; none when there are none or they do not read."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return {src: Record(str(r["key"]), list(r["entries"])) for src, r in data.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_records(path: Path, records: dict[str, Record]) -> None:
    """Save this build's records next to its site in the cache entry."""
    data = {src: {"key": r.key, "entries": r.entries} for src, r in sorted(records.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


@dataclass
class PageReuse:
    """The pages of one build that are kept from the previous one, and the records this build leaves."""

    # The previous build: each page's record, and the folder its output is in.
    previous: dict[str, Record] = field(default_factory=dict)
    folder: Path | None = None
    # This build.
    site_key: str = ""
    records: dict[str, Record] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    _journeys: dict[str, str] = field(default_factory=dict)
    # Digests of the catalog's objects by identity, for one build (the catalog lives as long).
    _digests: dict[int, str] = field(default_factory=dict)
    _indexed: int = 0
    # A folder this object made for `mkdocs serve` (see stash), removed when the build ends.
    _stash: Path | None = None
    quiet: Unsaid | None = None

    def start(self, site_key: str) -> None:
        """A new build with this site key."""
        self.site_key, self.records, self.kept, self._journeys, self._indexed = site_key, {}, set(), {}, 0
        self._digests = {}

    def key(self, catalog: Catalog, kind: str, item: str, inputs: Inputs, source: bytes) -> str:
        """The key of one page; `source` is its own file."""
        journeys = []
        for journey_id in inputs.journeys:
            if journey_id not in self._journeys:
                self._journeys[journey_id] = digest(self._of(journey_inputs(catalog, journey_id)))
            journeys.append(self._journeys[journey_id])
        return digest(self.site_key, kind, item, self._of(inputs.objects), journeys, hashlib.sha256(source).digest())

    def _of(self, part: Any) -> Any:
        """A part of a page's inputs with each model object in it as its digest, taken once per build: a journey's
        data is part of several pages, an observation of several overviews."""
        if is_dataclass(part) and not isinstance(part, type):
            found = self._digests.get(id(part))
            if found is None:
                found = self._digests[id(part)] = digest(part)
            return found
        if isinstance(part, (list, tuple)):
            return [self._of(p) for p in part]
        return part

    def choose(self, files: Files, renderer: Renderer) -> None:
        """Decide which pages are kept. A kept page's source is set to nothing (File.content_string): MkDocs reads
        no front matter and converts no Markdown for it; its title comes from the catalog as always."""
        for file in files.documentation_pages():
            shown = PAGES.page(renderer.catalog, file.src_uri)
            inputs = shown.kind.inputs(renderer.catalog, shown.item) if shown is not None else None
            if shown is None or inputs is None:
                continue
            key = self.key(renderer.catalog, shown.kind.name, shown.item, inputs, file.content_bytes)
            if self.keep(file.src_uri, file.dest_uri, key):
                file.content_string = ""
        # MkDocs says of each page whose template renders nothing that it skipped it: these are put back.
        self.quiet = Unsaid({page_skipped(src) for src in self.kept})
        logging.getLogger(BUILD_LOGGER).addFilter(self.quiet)

    def keep(self, src_uri: str, dest_uri: str, key: str) -> bool:
        """Whether the page is kept: the previous build wrote it under this key, and its output is there."""
        self.records[src_uri] = Record(key)
        before = self.previous.get(src_uri)
        if before is None or before.key != key or self.folder is None or not (self.folder / dest_uri).is_file():
            return False
        self.kept.add(src_uri)
        return True

    def indexed(self, src_uri: str, entries: list[dict[str, Any]] | None) -> None:
        """After search indexed a page: a kept page's entries go in; a rendered page's new entries are recorded."""
        if entries is None:
            return
        record = self.records.get(src_uri)
        if record is not None and src_uri in self.kept:
            record.entries = self.previous[src_uri].entries
            entries.extend(record.entries)
        elif record is not None:
            record.entries = entries[self._indexed:]
        self._indexed = len(entries)

    def put_back(self, dest_uri: str, site_dir: Path) -> None:
        """Move a kept page's output from the previous build into this one (it is written, not copied: the
        previous build's folder is this object's stash or a cache entry set aside, both dropped after the build)."""
        assert self.folder is not None
        target = site_dir / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.folder / dest_uri, target)

    def finish(self) -> None:
        """The build is written: its records become the previous ones; a stash made for serve goes."""
        self.previous = self.records
        self._drop_stash()
        self._speak()

    def _speak(self) -> None:
        if self.quiet is not None:
            logging.getLogger(BUILD_LOGGER).removeFilter(self.quiet)
            self.quiet = None

    def stash(self, site_dir: Path) -> None:
        """Under `mkdocs serve`: move the previous build's output out of the site folder, which MkDocs is about to
        empty, into a folder of our own next to it. Only from the temporary folder serve builds into: the stash is
        removed after the build, and nothing in a folder of the user's may go with it."""
        self._drop_stash()
        self.folder = None
        temporary = Path(tempfile.gettempdir()).resolve()
        if not self.previous or not site_dir.is_dir() or site_dir.resolve().parent != temporary:
            return
        self._stash = Path(tempfile.mkdtemp(prefix="journeys-previous-", dir=site_dir.parent))
        for entry in site_dir.iterdir():
            entry.rename(self._stash / entry.name)
        self.folder = self._stash

    def fail(self) -> None:
        """A build failed: nothing is known of what it wrote, the next one starts afresh."""
        self.previous, self.kept = {}, set()
        self._drop_stash()
        self._speak()

    def _drop_stash(self) -> None:
        # Removed beside the next steps, not before them: deleting thousands of folders can take seconds.
        if self._stash is not None:
            threading.Thread(target=shutil.rmtree, args=(self._stash,), kwargs={"ignore_errors": True}).start()
            self._stash = None

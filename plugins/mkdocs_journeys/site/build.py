"""`journeys build`: every round into its own folder of one site, atomically, rebuilding only what changed.

The engine that renders one round is passed in (the MkDocs adapter provides it), so this module stays free
of MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import multiprocessing
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from ..format.lock import file_digest
from ..layout import CACHE_DIR, LATEST, ROUNDS_DIR
from ..model import Catalog, Round
from .discard import TRASH, discard, empty_trash
from .folder import os_failure, site_folder_problem
from .publish import Entry, SiteConflict, publish, refuse_conflicts
from .versions import redirect_page, to_json, versions_for

if sys.platform != "win32":
    import fcntl

# Renders one round into a folder with up to so many processes, keeping what it can of the previous build of the
# round when there is one: (round id, output folder, processes, previous build or None) -> None; raises BuildError
# on failure. A previous build is a folder with the round's site in `site/` and its page records (PAGE_RECORDS).
RoundBuilder = Callable[[str, Path, int, Path | None], None]
PAGE_RECORDS = "pages.json"

_ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "altair", "vl-convert-python", "jinja2", "markdown",
                    "pymdown-extensions", "mkdocs-journeys")


class BuildError(Exception):
    """A round failed to build, or the site could not be written; the message says which and why."""


class BuildEnvironmentError(BuildError):
    """The build cannot run here and now, whatever the content: the site folder is one it must not write into, the
    system refused a write (a full disk, no permission), or another build is running. Exit code 2."""


class BuildBusy(BuildEnvironmentError):
    """Another build of the same project is running."""


@dataclass
class BuildReport:
    """What a build did: rounds built and rounds reused from the cache."""

    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    # Each round's digest (see round_digest).
    digests: dict[str, str] = field(default_factory=dict)


def _files_under(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@functools.cache
def engine_fingerprint() -> str:
    """Digest of our own code and the versions of the packages that shape the output: once per process, as the code
    running is the code imported when it started (under `mkdocs serve` too, whatever changes on disk)."""
    digest = hashlib.sha256()
    for path in _files_under(Path(__file__).parent.parent):
        digest.update(path.relative_to(Path(__file__).parent.parent).as_posix().encode() + file_digest(path).encode())
    for name in _ENGINE_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def round_inputs(catalog: Catalog, round_: Round, docs_dir: Path, sources: SourceDigests | None = None) -> list[Path]:
    """The source files the site of a round depends on: everything but the folders of later rounds.
    `sources`, when given, has the files under docs_dir listed already."""
    later = {r.id for r in catalog.rounds[catalog.rounds.index(round_) + 1:]}
    sources = sources or SourceDigests(docs_dir)
    return [p for p, folder in sources.files.items() if folder not in later]


def _round_folder(path: Path, docs_dir: Path) -> str | None:
    """The round whose folder holds a file (rounds/<round id>/...), if any."""
    parts = path.relative_to(docs_dir).parts
    return parts[1] if parts[0] == ROUNDS_DIR and len(parts) > 2 else None


def source_date_epoch(round_: Round) -> str:
    """SOURCE_DATE_EPOCH when the user set none: the round's last day, so the same sources give the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    end = datetime.fromisoformat(round_.end).replace(tzinfo=UTC)
    return str(int(end.timestamp()))


class SourceDigests:
    """The files under docs_dir and each file's digest, read once for all the rounds of a build."""

    def __init__(self, docs_dir: Path) -> None:
        # Each file and the round whose folder holds it.
        self.files = {p: _round_folder(p, docs_dir) for p in _files_under(docs_dir)}
        self._digests: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        """The digest of one file."""
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        return self._digests[path]


def cache_key() -> bytes:
    """This machine's secret for the digests of built rounds, kept in the user's cache folder, not the project's.

    A digest anyone can compute would let a pull request that adds a `.journeys-cache/` of its own have its
    pages published as a round that did not change; signed with a key that never leaves the machine, a cache
    made elsewhere matches nothing and every round is built. Without a writable cache folder, every build
    gets a key of its own (and builds every round).
    """
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(home) / "mkdocs-journeys" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(key)
    except OSError:
        pass
    return key


def round_digest(catalog: Catalog, round_: Round, docs_dir: Path, config_file: Path, extra: list[Path],
                 engine: str, sources: SourceDigests | None = None, key: bytes = b"") -> str:
    """Digest of everything a round's site is made from: its data, the code, the theme, the config; signed with
    `key` (see cache_key)."""
    sources = sources or SourceDigests(docs_dir)
    digest = hmac.new(key, f"{engine}\n{round_.id}\n{source_date_epoch(round_)}\n".encode(), hashlib.sha256)
    inputs = round_inputs(catalog, round_, docs_dir, sources)
    project = os.path.abspath(config_file.parent)
    for path in [config_file, *inputs] + [p for d in extra for p in _files_under(d)]:
        # Named from the project's folder: `-f mkdocs.yml` and `-f /abs/path/mkdocs.yml` give the same digest.
        name = Path(os.path.relpath(path, project)).as_posix()
        digest.update(f"{name}\n{sources(path)}\n".encode())
    return digest.hexdigest()


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


# The builder of the running `journeys build`, for worker processes: forked workers inherit it, so neither the
# catalog nor the builder has to be pickled.
_BUILDER: RoundBuilder | None = None


def _build_one(round_id: str, out: str, epoch: str, previous: str | None) -> None:
    assert _BUILDER is not None
    with _environment("SOURCE_DATE_EPOCH", epoch):
        _BUILDER(round_id, Path(out), 1, Path(previous) if previous else None)


def _build_all(todo: list[tuple[Round, Path, Path | None]], build_round: RoundBuilder, jobs: int) -> None:
    """Build the rounds that changed, in `jobs` worker processes when there are several (MkDocs builds one
    round on one core)."""
    global _BUILDER
    workers = min(jobs, len(todo))
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            # A single round to build (an edit in the open round) shares its pages out over the spare cores.
            processes = jobs if len(todo) == 1 and "fork" in multiprocessing.get_all_start_methods() else 1
            for round_, out, previous in todo:
                with _environment("SOURCE_DATE_EPOCH", source_date_epoch(round_)):
                    build_round(round_.id, out, processes, previous)
            return
        _BUILDER = build_round
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # The newest round is built first: with the most pages, it decides when the build ends.
            futures = [pool.submit(_build_one, r.id, str(out), source_date_epoch(r), str(prev) if prev else None)
                       for r, out, prev in reversed(todo)]
            for future in futures:
                future.result()
    finally:
        _BUILDER = None


def read_memo_folder(config_file: Path) -> Path:
    """Where `journeys build` keeps the source files it read (format/readmemo.py): in the build cache."""
    return config_file.parent / CACHE_DIR / "read-memo"


# In each round's folder of the cache: its digest and a manifest of its files, signed together.
_CACHE_ENTRY = "entry.json"
_LOCK = "build.lock"


def _make_cache(cache: Path) -> None:
    """The cache folder, with a .gitignore of `*` inside: it is never committed, wherever it lives and whatever
    the project's own .gitignore says."""
    cache.mkdir(exist_ok=True)
    ignore, text = cache / ".gitignore", "# Made by journeys build: the build cache is never committed.\n*\n"
    if not ignore.is_file() or "*" not in ignore.read_text("utf-8", "replace").split("\n"):
        # Written whole or not at all: an empty file left by a full disk would let the cache be committed.
        staged = ignore.with_name(".gitignore.tmp")
        staged.write_text(text, "utf-8")
        staged.replace(ignore)


def _manifest(folder: Path) -> list[list[object]]:
    """Every file under a folder: relative path, size and change time (a partial or damaged copy differs)."""
    found: list[list[object]] = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            stat = os.lstat(path)
            found.append([Path(os.path.relpath(path, folder)).as_posix(), stat.st_size, stat.st_mtime_ns])
    return found


def _signature(key: bytes, digest: str, manifest: list[list[object]], records: str) -> str:
    text = json.dumps([digest, manifest, records], separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _records_digest(cached: Path) -> str:
    path = cached / PAGE_RECORDS
    return file_digest(path) if path.is_file() else ""


def _store(cached: Path, digest: str, key: bytes) -> None:
    """Record a built round in the cache: its digest, its files and its page records, under one signature."""
    manifest, records = _manifest(cached / "site"), _records_digest(cached)
    (cached / _CACHE_ENTRY).write_text(json.dumps({"digest": digest, "files": manifest, "records": records,
                                                   "signature": _signature(key, digest, manifest, records)}))


def _whole(cached: Path, key: bytes, digest: str | None = None) -> bool:
    """Whether the cache holds a round built here, whole (of this very digest, when given): the signature is this
    machine's, and every file is there with the size and change time it had when it was built (none more, none
    less), the page records too."""
    try:
        entry = json.loads((cached / _CACHE_ENTRY).read_text("utf-8"))
        if not isinstance(entry, dict) or not (cached / "site").is_dir():
            return False
        files, recorded = entry.get("files"), str(entry.get("digest"))
        if not isinstance(files, list) or (digest is not None and recorded != digest):
            return False
        records = _records_digest(cached)
        return (hmac.compare_digest(str(entry.get("signature")), _signature(key, recorded, files, records))
                and files == _manifest(cached / "site"))
    except (OSError, ValueError, TypeError):
        return False


def _set_aside(cached: Path, key: bytes) -> Path | None:
    """The previous build of a round that changed, moved aside for the new build to keep what did not change;
    None when there is none, or it is not whole."""
    previous = cached.with_name(cached.name + ".previous")
    discard(previous, cached.parent / TRASH)
    if not _whole(cached, key):
        return None
    cached.rename(previous)
    return previous


@contextmanager
def _one_build_at_a_time(cache: Path, project: Path) -> Iterator[None]:
    """Hold an exclusive lock on the project's cache; another build running stops this one at once."""
    if sys.platform == "win32":
        yield
        return
    fd = os.open(cache / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another journeys build of {project} is running; wait until it has finished, then "
                            "build again") from None
        yield
    finally:
        os.close(fd)


def build_site(catalog: Catalog, docs_dir: Path, config_file: Path, theme_dirs: list[Path], site_dir: Path,
               build_round: RoundBuilder, in_progress: str, jobs: int = 1, overwrite: bool = False) -> BuildReport:
    """Build every round into `site_dir/<round>/`, the newest also into `latest/`, plus versions.json and a
    root redirect; rounds whose inputs changed are built by up to `jobs` processes at once. The previous site
    stays untouched until everything succeeded; entries of the site folder a build did not write are kept (and
    refused where a build must write, unless `overwrite`). One build of a project runs at a time."""
    if not catalog.rounds:
        raise ValueError("there are no rounds to build: add rounds/<id>/index.md")
    cache = config_file.parent / CACHE_DIR
    problem = site_folder_problem(site_dir, docs_dir, config_file.parent, cache)
    if problem:
        raise BuildEnvironmentError(problem)
    files = {"versions.json": to_json(versions_for(catalog.rounds, in_progress)),
             "index.html": redirect_page(f"{LATEST}/")}
    names = {r.id for r in catalog.rounds} | {LATEST} | set(files)
    try:
        if not overwrite:
            refuse_conflicts(site_dir, names)
        _make_cache(cache)
        with _one_build_at_a_time(cache, config_file.parent.resolve()):
            report = _build_into_cache(catalog, docs_dir, config_file, theme_dirs, cache, build_round, jobs)
            entries = {r.id: Entry(cache / r.id / "site", report.digests[r.id]) for r in catalog.rounds}
            entries[LATEST] = entries[catalog.rounds[-1].id]
            try:
                publish(site_dir, entries, files, cache, overwrite)
            except OSError as err:
                raise BuildEnvironmentError(os_failure(err, f"the site folder {site_dir}")) from None
    except SiteConflict as err:
        raise BuildError(str(err)) from None
    except OSError as err:
        raise BuildEnvironmentError(os_failure(err, f"the build cache {cache}")) from None
    return report


def _build_into_cache(catalog: Catalog, docs_dir: Path, config_file: Path, theme_dirs: list[Path], cache: Path,
                      build_round: RoundBuilder, jobs: int) -> BuildReport:
    """Build the rounds whose cache entry is not this very round, whole; the rest are reused."""
    engine = engine_fingerprint()
    report = BuildReport()
    todo: list[tuple[Round, Path, Path | None]] = []
    sources, key = SourceDigests(docs_dir), cache_key()
    try:
        for round_ in catalog.rounds:
            digest = report.digests[round_.id] = round_digest(catalog, round_, docs_dir, config_file, theme_dirs,
                                                              engine, sources, key)
            cached = cache / round_.id
            if _whole(cached, key, digest):
                report.reused.append(round_.id)
            else:
                previous = _set_aside(cached, key)
                discard(cached, cache / TRASH)
                todo.append((round_, cached / "site", previous))
                report.built.append(round_.id)
        _build_all(todo, build_round, jobs)
        for round_, _, _ in todo:
            _store(cache / round_.id, report.digests[round_.id], key)
    finally:
        for _, _, previous in todo:
            if previous is not None:
                discard(previous, cache / TRASH)
        empty_trash(cache / TRASH)
    return report

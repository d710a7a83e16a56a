"""The MkDocs adapter: the only module that imports mkdocs. It hands pages to the core and back."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from ..format import activehtml, mermaid
from ..format.loader import (
    JOURNEYS_DIR,
    OBSERVATION_SUFFIXES,
    OPPORTUNITIES_DIR,
    PERSONAS_DIR,
    ROUNDS_DIR,
    without_private,
)
from ..format.lock import LOCK_FILE
from ..format.options import OptionError, Options
from ..format.problems import errors
from ..format.project import load_project
from ..model import Catalog, Round
from ..render import assets
from ..render.renderer import ACTION_PLAN_PAGE, COMPARE_DIR, FEEDBACK_DIR, Renderer, compare_page, feedback_page
from ..site.build import BuildError
from ..site.folder import os_failure, site_folder_problem
from ..site.versions import LATEST, write_sitemap
from ..views.analysis import current_round
from ..views.sources import Repository, docs_relative, page_sources, view_url
from ..views.wallmap import WALL_DIR, wall_page
from .navcache import NavCache
from .workshare import DONE, FAILED, WARNED, Helpers, share_out

log = get_plugin_logger(__name__)
# Pages that search leaves out get their content when they are written, not when MkDocs reads every page first.
_LATE_KINDS = ("compare", "wall")
# Plugins known to look at no page's content and to keep no state from page to page while pages are written:
# only beside these does content come late, and may pages be shared out to helper processes.
_ALONGSIDE = {"search", "material/search", "journeys"}
# A page another process writes renders this empty template here, and MkDocs writes nothing for it.
_WRITTEN_ELSEWHERE = "journeys-written-elsewhere.html"


class _Unsaid(logging.Filter):
    """Drops the log messages given."""

    def __init__(self, messages: set[str]) -> None:
        super().__init__()
        self.messages = messages

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages


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


class JourneysConfig(Config):
    """Options under `plugins: - journeys:` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    # The round this build shows; takes !ENV, e.g. `round: !ENV JOURNEYS_ROUND`. Newest when unset.
    round = c.Optional(c.Type(str))
    # Emotion scale as a list of {value, label}, lowest first. Default -2..+2 in the site's language.
    scale = c.Optional(c.Type(list))
    # Language of the plugin's labels; theme.language when unset.
    language = c.Optional(c.Type(str))
    # Active HTML in Markdown bodies (script, event handlers, javascript: links, iframes...) is a warning unless
    # the site trusts every author (allow_raw_html) or cleans the bodies' HTML at build (sanitize).
    allow_raw_html = c.Type(bool, default=False)
    sanitize = c.Type(bool, default=False)


class JourneysPlugin(BasePlugin[JourneysConfig]):
    """Generates journey, persona, round and home pages from the journey sources."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.renderer: Renderer | None = None
        self.page_urls: list[str] = []
        # `journeys build` validates once and hands the catalog to every round it builds.
        self.validated: Catalog | None = None
        # Journey diagrams taken out of each page's Markdown, by page source, until its HTML is ready.
        self.diagrams: dict[str, dict[str, mermaid.Diagram]] = {}
        self.repository = Repository(None, None)
        self.docs_dir = Path("docs")
        self.site_name = ""
        # Content held back until the page is written (see _later), by page source.
        self.deferred: dict[str, Callable[[], str]] = {}
        # `journeys build` lets a round's pages be written by this many processes when it has cores to spare.
        self.page_processes = 1
        self.helpers = Helpers()
        self.nav: Navigation | None = None
        self.nav_cache: NavCache | None = None
        # Whether content may come late (see _ALONGSIDE); decided from the site's plugins.
        self.late = False
        self.nonce = secrets.token_hex(16)
        self.quiet: _Unsaid | None = None
        self.shared_at = 0.0

    # Validation runs here, before MkDocs cleans the site directory, so bad input never leaves a
    # half-written or emptied site behind.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        # Before MkDocs empties the site folder: never the docs or project folder, never the home folder.
        refused = site_folder_problem(Path(config.site_dir), Path(config.docs_dir),
                                      Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        if refused:
            raise PluginError(refused)
        language = self.config.language or config.theme.get("language") or "en"
        custom_dir = config.theme.custom_dir
        options = Options(docs_dir=Path(config.docs_dir), language=language, scale=self.config.scale,
                          round=self.config.round or None, overrides=[Path(custom_dir)] if custom_dir else [],
                          allow_raw_html=self.config.allow_raw_html, sanitize=self.config.sanitize,
                          lock_file=Path(config.config_file_path or "mkdocs.yml").parent / LOCK_FILE,
                          project_root=Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        try:
            options.emotion_scale()
            catalog, problems = (self.validated, []) if self.validated else load_project(options)
        except OptionError as err:
            raise PluginError(str(err)) from None
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        # MkDocs stops a strict build for warnings only after it has emptied the site folder: stop here instead.
        if errors(problems) or (problems and config.strict):
            raise PluginError(f"{len(problems)} problem(s) in the journey sources; see the lines above")
        round_ = current_round(catalog, options.round)
        if options.round and round_ is None:
            known = ", ".join(r.id for r in catalog.rounds) or "none"
            raise PluginError(f"plugins.journeys.round: no round '{options.round}' (known rounds: {known})")
        # Pages are rendered from a view without private feedback: it never reaches a page or the search index.
        catalog = without_private(catalog)
        self.catalog, self.renderer = catalog, Renderer(catalog, round_, language, options.overrides)
        self.repository = Repository(config.repo_url, config.edit_uri, config.edit_uri_template)
        self.site_name = config.site_name
        self.late = set(config.plugins) <= _ALONGSIDE
        self.docs_dir = options.docs_dir
        # Our main.html (the outdated-round banner) comes after the site's own custom_dir, before Material.
        config.theme.dirs.insert(1 if custom_dir else 0, str(Path(__file__).parent / "overrides"))
        config.extra_css = [*assets.STYLES, *config.extra_css]
        for script in assets.SCRIPTS:
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        # Observation and opportunities files are data, not pages; research notes in them must never be copied
        # to the site. Board photos next to them are ordinary static files and stay.
        for file in list(files):
            if file.src_uri.startswith((f"{ROUNDS_DIR}/", f"{OPPORTUNITIES_DIR}/")) and \
                    file.src_uri.endswith(OBSERVATION_SUFFIXES):
                files.remove(file)
        if self.catalog is not None and self.renderer is not None:
            # The site of a round shows the world as of that round: the pages of later rounds are left out.
            shown = self.renderer.round
            later = self.catalog.rounds[self.catalog.round_position(shown.id) + 1:] if shown else []
            for file in list(files):
                if any(file.src_uri.startswith(f"{ROUNDS_DIR}/{r.id}/") for r in later):
                    files.remove(file)
            # Each journey's rounds side by side; the journey page links to it, the nav stays short.
            for journey_id in self.catalog.journeys:
                if files.get_file_from_path(compare_page(journey_id)) is None:
                    generated = File.generated(config, compare_page(journey_id), content="",
                                               inclusion=InclusionLevel.NOT_IN_NAV)
                    # Material's view and edit actions open the journey the comparison is made of.
                    generated.edit_uri = docs_relative(self.catalog.journeys[journey_id].source, self.docs_dir)
                    files.append(generated)
            # The round's feedback board of each journey that has one, linked from the journey page.
            for journey_id in self.renderer.feedback_pages():
                if files.get_file_from_path(feedback_page(journey_id)) is None:
                    generated = File.generated(config, feedback_page(journey_id), content="",
                                               inclusion=InclusionLevel.NOT_IN_NAV)
                    observation = self.catalog.observation(journey_id, shown.id) if shown else None
                    generated.edit_uri = docs_relative(observation.source, self.docs_dir) if observation else None
                    files.append(generated)
            # A wall map per journey of the round, to print on A3 for workshops; linked from the journey page.
            for journey_id in self.catalog.journeys if shown else []:
                if files.get_file_from_path(wall_page(journey_id)) is None:
                    generated = File.generated(config, wall_page(journey_id), content="",
                                               inclusion=InclusionLevel.NOT_IN_NAV)
                    generated.edit_uri = docs_relative(self.catalog.journeys[journey_id].source, self.docs_dir)
                    files.append(generated)
            if self.renderer.has_action_plan() and files.get_file_from_path(ACTION_PLAN_PAGE) is None:
                files.append(File.generated(config, ACTION_PLAN_PAGE, content=""))
        if files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", content=""))
        for path, content in assets.site_assets().items():
            files.append(File.generated(config, path, content=content))
        return files

    # Last, so that pages shared out to helper processes see the environment every plugin prepared.
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.renderer is not None:
            t = self.renderer.t
            env.globals["journeys_outdated"] = {"text": t["outdated"], "link": t["outdated_link"]}
        self.page_urls = sorted(f.url for f in files.documentation_pages())
        # Our partials/nav.html renders the theme's navigation once for all pages outside it (see navcache).
        ours, dirs = str(Path(__file__).parent / "overrides"), list(config.theme.dirs)
        if self.config.enabled and ours in dirs:
            self.nav_cache = NavCache(env.filters["url"])
            self.nav_cache.install(env, dirs[dirs.index(ours) + 1:])
        if self.config.enabled and self.page_processes > 1 and self.nav is not None and self.late:
            self._share_pages(env, config, files, self.nav)
        return env

    def _share_pages(self, env: Environment, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Fork helpers that write a share of the pages each; here those pages render an empty template, which
        MkDocs does not write, while search still indexes them."""
        # MkDocs' own page writer, so that a helper writes each page exactly as MkDocs would.
        from mkdocs.commands.build import _build_page
        from mkdocs.utils import CountHandler

        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)

        def write(share: Sequence[File]) -> int:
            warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(warnings)
            started = time.monotonic()
            try:
                for file in share:
                    assert file.page is not None
                    _build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
            except Exception as err:  # MkDocs has logged which page; say why in the helper's words too
                log.error(f"writing pages in a helper process failed: {err}")
                return FAILED
            log.debug(f"a helper process wrote {len(share)} page(s) in {time.monotonic() - started:.1f} s")
            return WARNED if warnings.get_counts() else DONE

        log.info(f"{self.page_processes} processes write the pages of this round")
        mine, self.helpers = share_out(pages, self.page_processes, write)
        self.shared_at = time.monotonic()
        assert env.loader is not None
        env.loader = ChoiceLoader([env.loader, DictLoader({_WRITTEN_ELSEWHERE: ""})])
        kept = {id(file) for file in mine}
        elsewhere = set()
        for file in pages:
            if id(file) not in kept and file.page is not None:
                file.page.meta["template"] = _WRITTEN_ELSEWHERE
                elsewhere.add(f"Page skipped: '{file.src_uri}'. Generated empty output.")
        # MkDocs reports each page it writes nothing for; these are written, by a helper.
        self.quiet = _Unsaid(elsewhere)
        logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    def on_build_error(self, *, error: Exception) -> None:
        self.helpers.stop()
        self._speak()

    def _speak(self) -> None:
        if self.quiet is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)
            self.quiet = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._speak()
        if self.helpers.pids:
            log.debug(f"this process wrote its pages and indexed all in {time.monotonic() - self.shared_at:.1f} s")
        codes = self.helpers.wait()
        if any(code not in (DONE, WARNED) for code in codes):
            raise PluginError("a helper process could not write its pages; see the messages above")
        if WARNED in codes:
            log.warning("the helper processes that wrote pages logged warnings; see the messages above")
        if self.nav_cache is not None:
            log.debug(f"the navigation of {self.nav_cache.hits} page(s) outside it was rendered once and reused")
        # Material's version selector finds the same page in another round through that round's sitemap,
        # which MkDocs leaves without addresses when site_url is unset. Any absolute origin will do: the
        # selector only compares paths, and the placeholder is never requested.
        if self.config.enabled and not config.site_url:
            write_sitemap(Path(config.site_dir), self.page_urls)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        if not self.config.enabled or self.renderer is None or self.catalog is None:
            return nav
        # MkDocs names sections after folders; show the words of the site's language and round titles.
        titles = {JOURNEYS_DIR: "journeys", PERSONAS_DIR: "personas", ROUNDS_DIR: "rounds"}
        for item in nav.items:
            folder = item.title.lower() if isinstance(item, Section) and item.title else ""
            if folder not in titles:
                continue
            item.title = self.renderer.t[titles[folder]]
            if folder != ROUNDS_DIR:
                continue
            rounds = {f"{ROUNDS_DIR}/{r.id}/index.md": r.title for r in self.catalog.rounds}
            for child in item.children:
                pages = child.children if isinstance(child, Section) else []
                index = next((p.file.src_uri for p in pages if isinstance(p, Page) and p.file.src_uri in rounds), "")
                if index:
                    child.title = escape(rounds[index], quote=False)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and self.renderer is not None:
            markdown = self._take_diagrams(markdown, page)
        kind, item_id = self._kind(page)
        if kind is None or self.catalog is None or self.renderer is None:
            return markdown
        # Material prints page titles unescaped (MkDocs' Jinja has no autoescape), so the title we hand
        # over is already HTML-escaped: a contributor's text can never become markup in <title> or the nav.
        page.meta = NavMeta(page.meta)
        page.meta["title"] = escape(self._title(kind, item_id, page), quote=False)
        if kind in ("compare", "wall"):
            # A comparison page repeats notes and scores that the journey pages of each round already hold;
            # search leads readers to those pages instead, and the index stays lean.
            page.meta["search"] = {"exclude": True}
        if kind in ("feedback", "action-plan"):
            # Wide boards and tables: Material's table of contents gives its width to the content.
            page.meta.setdefault("hide", ["toc"])
        if kind == "wall":
            # A poster: the whole width for its columns, on screen as on paper.
            page.meta.setdefault("hide", ["toc", "navigation"])
        return markdown

    def _take_diagrams(self, markdown: str, page: Page) -> str:
        """Swap each ```journey block (or ```mermaid block holding a journey diagram) for a placeholder that
        on_page_content fills with our chart and table. A diagram with errors stays a code block, with a warning."""
        blocks = mermaid.find_blocks(markdown, bare=False)
        if not blocks:
            return markdown
        source = page.file.content_string if not page.file.generated_by else markdown
        offset = max(source.count("\n") - markdown.count("\n"), 0)  # the front matter's lines
        lines = markdown.splitlines()
        found: dict[str, mermaid.Diagram] = {}
        for index, block in reversed(list(enumerate(blocks, start=1))):
            diagram, warnings, errors = mermaid.parse(block.body, block.body_line + offset)
            for note in warnings + errors:
                log.warning(f"{page.file.src_uri}:{note.line}: journey diagram: {note.message}")
            if errors:
                continue
            found[str(index)] = diagram
            lines[block.start:block.end] = ["", f'<div data-journeys-mermaid="{index}"></div>', ""]
        self.diagrams[page.file.src_uri] = found
        return "\n".join(lines) + "\n"

    def _fill_diagrams(self, html: str, page: Page) -> str:
        found = self.diagrams.pop(page.file.src_uri, {})
        if not found or self.renderer is None:
            return html
        renderer = self.renderer
        return re.sub(r'<div data-journeys-mermaid="(\d+)"></div>',
                      lambda m: renderer.mermaid_block(found[m[1]], int(m[1])) if m[1] in found else m[0], html)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and self.config.sanitize:
            # The author's HTML alone, before the plugin adds its own (diagrams, charts, tables) around it.
            html = activehtml.clean(html)
        html = self._fill_diagrams(html, page)
        kind, item_id = self._kind(page)
        if kind is None or self.catalog is None or self.renderer is None:
            return html

        def link(target: str, target_id: str) -> str:
            src = {"journey": f"{JOURNEYS_DIR}/{target_id}.md", "persona": f"{PERSONAS_DIR}/{target_id}.md",
                   "file": target_id}[target]
            file = files.get_file_from_path(src)
            if file is None:
                log.warning(f"{page.file.src_uri}: links to '{src}', which is not in the site")
                return ""
            return get_relative_url(file.url, page.url)

        # The headings we add belong in Material's table of contents next to the author's own.
        before, after = self.renderer.sections(kind, item_id)
        page.toc.items = [AnchorLink(escape(title, quote=False), anchor, 2) for anchor, title in before] + \
            page.toc.items + [AnchorLink(escape(title, quote=False), anchor, 2) for anchor, title in after]
        if kind in _LATE_KINDS and self.late:
            return self._later(page, lambda: self._content(kind, item_id, html, link) + self._sources(kind, item_id))
        if kind == "round" and self.late:
            return self._round(self.catalog.round(item_id), html, link, page)
        return self._content(kind, item_id, html, link) + self._sources(kind, item_id)

    def _round(self, round_: Round, html: str, link: Any, page: Page) -> str:
        """A round's overview, rendered when the page is written; until then it holds the author's body alone,
        which is what search indexes of it. The rest (heatmap, its table, the biggest changes) repeats what the
        journey pages say, and working it out for a dozen rounds of 500 journeys was the largest part of what
        MkDocs does on one core before it writes pages in several."""
        assert self.renderer is not None
        renderer = self.renderer
        return self._later(page, lambda: renderer.round_page(round_, html, link) + self._sources("round", round_.id),
                           html)

    def _later(self, page: Page, content: Callable[[], str], searched: str = "") -> str:
        """A page whose content comes when it is written: MkDocs reads every page before it writes any, and holding
        a 500-journey round's comparison pages took hundreds of MB. Until then the page holds `searched` between
        two placeholders, HTML comments with a per-build nonce that no contributor can guess."""
        self.deferred[page.file.src_uri] = content
        start, end = self._markers()
        return f"{start}{searched}{end}"

    def _markers(self) -> tuple[str, str]:
        return f"<!--journeys-deferred-{self.nonce}-->", f"<!--journeys-deferred-end-{self.nonce}-->"

    # First, so that no other plugin sees a page before its held-back parts are in.
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        deferred = self.deferred.pop(page.file.src_uri, None)
        start, end = self._markers()
        if deferred is None or start not in output or end not in output:
            return output
        before, rest = output.split(start, 1)
        return before + deferred() + rest.split(end, 1)[1]

    def _content(self, kind: str, item_id: str, html: str, link: Any) -> str:
        """The page as the core renders it for its kind."""
        assert self.catalog is not None and self.renderer is not None
        if kind == "journey":
            return self.renderer.journey(self.catalog.journeys[item_id], html, link)
        if kind == "persona":
            return self.renderer.persona(self.catalog.personas[item_id], html, link)
        if kind == "round":
            return self.renderer.round_page(self.catalog.round(item_id), html, link)
        if kind == "compare":
            return self.renderer.compare(self.catalog.journeys[item_id], html, link)
        if kind == "feedback":
            return self.renderer.feedback_map(self.catalog.journeys[item_id], html, link)
        if kind == "wall":
            return self.renderer.wall_map(self.catalog.journeys[item_id], self.site_name)
        if kind == "action-plan":
            return self.renderer.action_plan(html, link)
        return self.renderer.home(html, link)

    def _sources(self, kind: str, item_id: str) -> str:
        """Links to the files the page's data comes from, when the site names its repository (repo_url and
        edit_uri): Material's view and edit actions cover one file, a journey page draws on several."""
        assert self.catalog is not None and self.renderer is not None
        files = []
        for source in page_sources(self.catalog, kind, item_id, self.renderer.round_id):
            path = docs_relative(source, self.docs_dir)
            edit = self.repository.edit_url(path)
            if edit is None:
                return ""
            files.append({"path": path, "edit": edit, "view": view_url(edit)})
        return self.renderer.sources(files) if files else ""

    def _title(self, kind: str, item_id: str, page: Page) -> str:
        """The page title from the model: a journey's title, a persona's name, a round's title."""
        assert self.catalog is not None and self.renderer is not None
        if kind == "journey":
            return self.catalog.journeys[item_id].title
        if kind == "persona":
            return self.catalog.personas[item_id].name
        if kind == "round":
            return self.catalog.round(item_id).title
        if kind == "compare":
            return self.renderer.compare_title(self.catalog.journeys[item_id])
        if kind == "feedback":
            return self.renderer.feedback_title(self.catalog.journeys[item_id])
        if kind == "wall":
            return self.renderer.wall_title(self.catalog.journeys[item_id])
        if kind == "action-plan":
            return str(page.meta.get("title") or self.renderer.t["action_plan"])
        return str(page.meta.get("title") or self.renderer.t["home"])

    def _kind(self, page: Page) -> tuple[str | None, str]:
        """Which kind of generated page this is, and the id of what it shows."""
        if not self.config.enabled or self.catalog is None:
            return None, ""
        parts = page.file.src_uri.split("/")
        stem = Path(parts[-1]).stem
        if page.file.src_uri == "index.md":
            return "home", ""
        if len(parts) == 2 and parts[0] == JOURNEYS_DIR and stem in self.catalog.journeys:
            return "journey", stem
        if len(parts) == 2 and parts[0] == PERSONAS_DIR and stem in self.catalog.personas:
            return "persona", stem
        if len(parts) == 2 and parts[0] == COMPARE_DIR and parts[1].endswith(".md") and stem in self.catalog.journeys:
            return "compare", stem
        if len(parts) == 2 and parts[0] == FEEDBACK_DIR and parts[1].endswith(".md") and stem in self.catalog.journeys:
            return "feedback", stem
        if len(parts) == 2 and parts[0] == WALL_DIR and parts[1].endswith(".md") and stem in self.catalog.journeys:
            return "wall", stem
        if page.file.src_uri == ACTION_PLAN_PAGE:
            return "action-plan", ""
        if len(parts) == 3 and parts[0] == ROUNDS_DIR and parts[2] == "index.md":
            if any(r.id == parts[1] for r in self.catalog.rounds):
                return "round", parts[1]
        return None, ""


def build_round(config_file: Path, round_id: str, site_dir: Path, strict: bool = False,
                catalog: Catalog | None = None, processes: int = 1) -> None:
    """Build the site of one round with MkDocs, as a version: Material's version selector is switched on.
    `catalog`, when given, is the project as the caller just loaded and validated it; `processes` may write
    the round's pages at once."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        overrides: dict[str, Any] = {"strict": True} if strict else {}
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
        plugin = config.plugins.get("journeys")
        if not isinstance(plugin, JourneysPlugin):
            raise BuildError(f"{config_file}: the 'journeys' plugin is not listed under plugins")
        plugin.config.round = round_id
        plugin.validated = catalog
        plugin.page_processes = processes
        version = config.extra.get("version") or {}
        config.extra["version"] = {"provider": "mike", "default": LATEST, **version}
        build(config)
    except MkDocsException as err:
        raise BuildError(f"round '{round_id}': {err}") from None
    except OSError as err:  # a full disk, say
        raise BuildError(f"round '{round_id}': {os_failure(err, f'the build cache {site_dir}')}") from None
    except Exception as err:  # a template of the site's theme, say: MkDocs has logged the page, say what went wrong
        raise BuildError(f"round '{round_id}': {type(err).__name__}: {err}") from None


def show_build_log(verbose: bool) -> None:
    """Print MkDocs' messages during `journeys build`: warnings and errors, or everything when verbose."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)

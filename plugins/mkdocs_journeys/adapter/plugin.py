"""The MkDocs plugin: hands MkDocs' pages to the core and back. Page kinds live in render/pages.py; the reaches
into MkDocs' internals in internals.py; page sharing in share.py; the round build in build.py."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from html import escape
from pathlib import Path

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
from mkdocs.utils.templates import TemplateContext

from ..format import activehtml
from ..format.loader import without_private
from ..format.options import OptionError
from ..format.problems import errors
from ..format.project import NotFound, find_round, load_project
from ..format.readmemo import ReadMemo
from ..layout import JOURNEYS_DIR, OBSERVATION_SUFFIXES, OPPORTUNITIES_DIR, PERSONAS_DIR, ROUNDS_DIR
from ..locales.plural import count
from ..model import Catalog
from ..render import assets
from ..render.compact import without_indentation
from ..render.pages import PAGES
from ..render.pages import Page as Shown
from ..render.renderer import Renderer
from ..site.folder import site_folder_problem
from ..site.versions import write_sitemap
from ..views.analysis import current_round
from ..views.sources import Repository, docs_relative, view_url
from .collector import RebuildCollector
from .config import options_of
from .fences import JourneyFences
from .internals import render_nothing, search_entries, url_filter
from .markdown_ext import for_plugin
from .navcache import NavCache, NavMeta
from .navgroups import nest_by_group
from .reuse import KEPT_OUTPUT, KEPT_TEMPLATE, CompiledTemplates, PageReuse, can_keep, site_key, write_records
from .share import SharedPages
from .workshare import DONE, WARNED

log = get_plugin_logger(__name__)
# Plugins known to look at no page's content and to keep no state from page to page while pages are written:
# only beside these does content come late, and may pages be shared out to helper processes.
_ALONGSIDE = {"search", "material/search", "journeys"}


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
        self.repository = Repository(None, None)
        self.docs_dir = Path("docs")
        self.site_name = ""
        # Content held back until the page is written (see _later), by page source.
        self.deferred: dict[str, Callable[[], str]] = {}
        # `journeys build` lets a round's pages be written by this many processes when it has cores to spare.
        self.page_processes = 1
        self.shared = SharedPages()
        self.nav: Navigation | None = None
        self.nav_cache: NavCache | None = None
        # Whether content may come late (see _ALONGSIDE); decided from the site's plugins.
        self.late = False
        self.nonce = secrets.token_hex(16)
        self.fences: JourneyFences | None = None
        # MkDocs' command (build, serve, gh-deploy); `journeys build` runs none of them.
        self.command = "build"
        # Pages kept from the previous build (mkdocs serve, journeys build); `reusing` when this build may keep any.
        self.reuse = PageReuse()
        # Under `mkdocs serve`, files read and templates compiled stay for the next rebuild.
        self.read_memo, self.compiled = ReadMemo(), CompiledTemplates()
        self.reusing = False
        # Full collections wait while a rebuild that keeps pages runs (collector.py).
        self.collector = RebuildCollector()
        # Where `journeys build` wants this build's page records (see reuse.py).
        self.records_out: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Pages whose inputs did not change are kept from the previous build (reuse.py), beside no plugin that could
        # change a page's output, under `mkdocs serve` (its output moves aside before MkDocs empties the folder) or
        # `journeys build` (which hands over the previous build of the round).
        self.reusing = self.config.enabled and self.catalog is not None and self.late and can_keep(config) and \
            (self.command == "serve" or self.records_out is not None)
        if self.reusing and self.command == "serve":
            self.reuse.stash(Path(config.site_dir))

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
        options = options_of(config, self.config)
        if self.reuse.previous:
            self.collector.pause()
        try:
            options.emotion_scale()
            catalog, problems = (self.validated, []) if self.validated else \
                load_project(options, pause_collector=self.command != "serve",
                             memo=self.read_memo if self.command == "serve" else None)
        except OptionError as err:
            raise PluginError(str(err)) from None
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        # MkDocs stops a strict build for warnings only after it has emptied the site folder: stop here instead.
        if errors(problems) or (problems and config.strict):
            found = count(len(problems), "problem", "problems")
            raise PluginError(f"{found} in the journey sources; see the lines above")
        try:
            round_ = find_round(catalog, options.round, "plugins.journeys.round") if options.round else \
                current_round(catalog, None)
        except NotFound as err:
            raise PluginError(str(err)) from None
        # Pages are rendered from a view without private feedback: it never reaches a page or the search index.
        catalog = without_private(catalog)
        self.catalog, self.renderer = catalog, Renderer(catalog, round_, options.language, options.overrides)
        self.repository = Repository(config.repo_url, config.edit_uri, config.edit_uri_template)
        self.site_name = config.site_name
        self.late = set(config.plugins) <= _ALONGSIDE
        self.docs_dir = options.docs_dir
        # Our main.html (the outdated-round banner) comes after the site's own custom_dir, before Material.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(Path(__file__).parent / "overrides"))
        config.extra_css = [*assets.STYLES, *config.extra_css]
        # Journey diagrams in any page are drawn by our Markdown extension, with this site's scale and labels; they
        # are put in after the author's HTML was cleaned (sanitize), behind placeholders no author can guess. Their
        # problems were reported with the others by load_project, at the lines of the page.
        self.fences = JourneyFences(lambda: self.renderer, prefix=str(secrets.randbelow(10**12)))
        config.markdown_extensions.append(for_plugin(self.fences))  # type: ignore[arg-type]
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
            self._generate(files, config)
        elif files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", content=""))
        for path, content in assets.site_assets().items():
            files.append(File.generated(config, path, content=content))
        return files

    def _generate(self, files: Files, config: MkDocsConfig) -> None:
        """Add the pages each page kind generates for the round (comparisons, feedback maps, wall maps, the action
        plan, a home page), unless the author wrote that page."""
        assert self.catalog is not None and self.renderer is not None
        for kind in PAGES.kinds:
            for item in kind.generated(self.renderer):
                path = kind.path(item)
                if files.get_file_from_path(path) is not None:
                    continue
                inclusion = InclusionLevel.UNDEFINED if kind.in_nav else InclusionLevel.NOT_IN_NAV
                generated = File.generated(config, path, content="", inclusion=inclusion)
                if not kind.in_nav:
                    # Material's view and edit actions open the file the page is made of.
                    source = kind.edit_source(self.catalog, item, self.renderer.round_id)
                    generated.edit_uri = docs_relative(source, self.docs_dir) if source else None
                files.append(generated)

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
            self.nav_cache = NavCache(url_filter(env))
            self.nav_cache.install(env, dirs[dirs.index(ours) + 1:])
        if self.command == "serve":
            env.bytecode_cache = self.compiled
        if self.reuse.kept:
            assert env.loader is not None
            env.loader = ChoiceLoader([env.loader, DictLoader({KEPT_TEMPLATE: KEPT_OUTPUT})])
        elif self.config.enabled and self.page_processes > 1 and self.nav is not None and self.late:
            self.shared.share(self.page_processes, env, config, files, self.nav)
        return env

    # After the search plugin's: a kept page's search entries go back in, a written page's are recorded.
    @event_priority(-50)
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if self.reusing:
            self.reuse.indexed(page.file.src_uri, search_entries(config))
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.shared.stop()
        self.reuse.fail()
        self.collector.resume()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        codes = self.shared.finish()
        if any(code not in (DONE, WARNED) for code in codes):
            raise PluginError("a helper process could not write its pages; see the messages above")
        if WARNED in codes:
            log.warning("the helper processes that wrote pages logged warnings; see the messages above")
        if self.nav_cache is not None:
            pages = count(self.nav_cache.hits, "page", "pages")
            log.debug(f"the navigation of {pages} outside it was rendered once and reused")
        # Material's version selector finds the same page in another round through that round's sitemap,
        # which MkDocs leaves without addresses when site_url is unset. Any absolute origin will do: the
        # selector only compares paths, and the placeholder is never requested.
        if self.config.enabled and not config.site_url:
            write_sitemap(Path(config.site_dir), self.page_urls)
        if self.reusing:
            pages = count(len(self.reuse.records), "page", "pages")
            log.info(f"{len(self.reuse.kept)} of {pages} kept from the previous build")
            if self.records_out is not None:
                write_records(self.records_out, self.reuse.records)
            self.reuse.finish()
        self.collector.resume()

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
        nest_by_group(nav, files, self.catalog)
        if self.reusing:  # which pages are kept from the previous build (reuse.py)
            self.reuse.start(site_key(config, nav, files, self.renderer, dict(self.config)))
            self.reuse.choose(files, self.renderer)
        if not self.reuse.kept:  # a rebuild of every page collects as any build does
            self.collector.resume(collect=False)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        shown = self._shown(page)
        if shown is None or self.renderer is None:
            return markdown
        # Material prints page titles unescaped (MkDocs' Jinja has no autoescape), so the title we hand
        # over is already HTML-escaped: a contributor's text can never become markup in <title> or the nav.
        page.meta = NavMeta(page.meta)
        authored = str(page.meta.get("title") or "")
        page.meta["title"] = escape(shown.kind.title(self.renderer, shown.item, authored), quote=False)
        # The language it declares, from the catalog: a page kept from the previous build has no front matter read.
        if lang := self.renderer.catalog.language(shown.kind.shows, shown.item):
            page.meta["lang"] = lang
        for key, value in shown.kind.meta.items():
            if key == "search":
                page.meta[key] = value
            else:
                page.meta.setdefault(key, value)
        if page.file.src_uri in self.reuse.kept:
            # Its output and search entries come from the previous build (on_page_context, on_post_page).
            page.meta["template"] = KEPT_TEMPLATE
            page.meta["search"] = {"exclude": True}
            render_nothing(page)  # its source is empty: MkDocs has nothing to convert
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and self.config.sanitize:
            # The author's HTML alone, before the plugin adds its own (diagrams, charts, tables) around it.
            html = activehtml.clean(html)
        if self.fences is not None:
            html = self.fences.fill(html)
        shown = self._shown(page)
        if shown is None or self.renderer is None or page.file.src_uri in self.reuse.kept:
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
        before, after = shown.kind.sections(self.renderer, shown.item)
        page.toc.items = [AnchorLink(escape(title, quote=False), anchor, 2) for anchor, title in before] + \
            page.toc.items + [AnchorLink(escape(title, quote=False), anchor, 2) for anchor, title in after]
        renderer, site_name = self.renderer, self.site_name

        def content() -> str:
            return shown.kind.content(renderer, shown.item, html, link, site_name) + self._sources(shown)

        # The author's body stays searchable when only the generated part comes late.
        filled = self._later(page, content, html if shown.kind.late == "generated" else "") \
            if self.late and shown.kind.late else content()
        # In the language of what the page shows (`lang` in its journey's, persona's or round's front matter), else
        # the site's: hyphenation and screen readers follow it. The page's <html lang> is always the site's.
        lang = renderer.catalog.language(shown.kind.shows, shown.item) or config.theme.get("language") or "en"
        return f'<div lang="{escape(lang)}">{filled}</div>'

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
        if page.file.src_uri in self.reuse.kept:
            self.reuse.put_back(page.file.dest_uri, Path(config.site_dir))
            return ""
        deferred = self.deferred.pop(page.file.src_uri, None)
        start, end = self._markers()
        if deferred is not None and start in output and end in output:
            before, rest = output.split(start, 1)
            output = before + deferred() + rest.split(end, 1)[1]
        return without_indentation(output) if self.config.enabled else output

    def _sources(self, shown: Shown) -> str:
        """Links to the files the page's data comes from, when the site names its repository (repo_url and
        edit_uri): Material's view and edit actions cover one file, a journey page draws on several."""
        assert self.catalog is not None and self.renderer is not None
        files = []
        for source in shown.kind.sources(self.catalog, shown.item, self.renderer.round_id):
            path = docs_relative(source, self.docs_dir)
            edit = self.repository.edit_url(path)
            if edit is None:
                return ""
            files.append({"path": path, "edit": edit, "view": view_url(edit)})
        return self.renderer.sources(files) if files else ""

    def _shown(self, page: Page) -> Shown | None:
        """Which kind of page this is and what it shows; None for pages the plugin leaves alone."""
        if not self.config.enabled or self.catalog is None:
            return None
        return PAGES.page(self.catalog, page.file.src_uri)

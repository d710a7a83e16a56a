"""A round's pages written by several processes (see workshare): the MkDocs side of it."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import CountHandler

from ..locales.plural import count
from .internals import BUILD_LOGGER, Unsaid, build_page, page_skipped
from .workshare import DONE, FAILED, WARNED, Helpers, share_out

log = get_plugin_logger(__name__)
# A page another process writes renders this empty template here, and MkDocs writes nothing for it.
WRITTEN_ELSEWHERE = "journeys-written-elsewhere.html"


class SharedPages:
    """The helpers that write a share of one round's pages, and the log lines the main process leaves unsaid."""

    def __init__(self) -> None:
        self.helpers = Helpers()
        self.quiet: Unsaid | None = None
        self.started = 0.0

    def share(self, processes: int, env: Environment, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Fork helpers that write a share of the pages each; here those pages render an empty template, which
        MkDocs does not write, while search still indexes them."""
        write_page = build_page()
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)

        def write(share: Sequence[File]) -> int:
            warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(warnings)
            started = time.monotonic()
            try:
                for file in share:
                    assert file.page is not None
                    write_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
            except Exception as err:  # MkDocs has logged which page; say why in the helper's words too
                log.error(f"writing pages in a helper process failed: {err}")
                return FAILED
            written = count(len(share), "page", "pages")
            log.debug(f"a helper process wrote {written} in {time.monotonic() - started:.1f} s")
            return WARNED if warnings.get_counts() else DONE

        log.info(f"{processes} processes write the pages of this round")
        mine, self.helpers = share_out(pages, processes, write)
        self.started = time.monotonic()
        assert env.loader is not None
        env.loader = ChoiceLoader([env.loader, DictLoader({WRITTEN_ELSEWHERE: ""})])
        kept = {id(file) for file in mine}
        elsewhere = set()
        for file in pages:
            if id(file) not in kept and file.page is not None:
                file.page.meta["template"] = WRITTEN_ELSEWHERE
                elsewhere.add(page_skipped(file.src_uri))
        # MkDocs reports each page it writes nothing for; these are written, by a helper.
        self.quiet = Unsaid(elsewhere)
        logging.getLogger(BUILD_LOGGER).addFilter(self.quiet)

    def speak(self) -> None:
        """Let MkDocs' page messages through again."""
        if self.quiet is not None:
            logging.getLogger(BUILD_LOGGER).removeFilter(self.quiet)
            self.quiet = None

    def stop(self) -> None:
        """End the helpers of a failed build."""
        self.helpers.stop()
        self.speak()

    def finish(self) -> list[int]:
        """Wait for the helpers; their exit codes."""
        self.speak()
        if self.helpers.pids:
            log.debug(f"this process wrote its pages and indexed all in {time.monotonic() - self.started:.1f} s")
        return self.helpers.wait()

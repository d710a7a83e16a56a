"""One round's site built by MkDocs, for `journeys build` (which assembles the rounds into one site)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..layout import LATEST
from ..model import Catalog
from ..site.build import PAGE_RECORDS, BuildEnvironmentError, BuildError
from ..site.folder import os_failure
from .reuse import read_records


def build_round(config_file: Path, round_id: str, site_dir: Path, strict: bool = False,
                catalog: Catalog | None = None, processes: int = 1, previous: Path | None = None) -> None:
    """Build the site of one round with MkDocs, as a version: Material's version selector is switched on.
    `catalog`, when given, is the project as the caller just loaded and validated it; `processes` may write
    the round's pages at once; `previous`, a previous build of the round (site/ and its page records), from which
    the pages whose inputs did not change are kept. The page records of this build go next to `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import JourneysPlugin

    try:
        overrides: dict[str, Any] = {"strict": True} if strict else {}
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
        plugin = config.plugins.get("journeys")
        if not isinstance(plugin, JourneysPlugin):
            raise BuildError(f"{config_file}: the 'journeys' plugin is not listed under plugins")
        plugin.config.round = round_id
        plugin.validated = catalog
        plugin.page_processes = processes
        plugin.records_out = site_dir.parent / PAGE_RECORDS
        # MkDocs keeps one plugin instance per process (it has on_startup): a worker that built another round
        # before this one must not take that round's build for this one's previous.
        plugin.reuse.previous = read_records(previous / PAGE_RECORDS) if previous is not None else {}
        plugin.reuse.folder = previous / "site" if previous is not None else None
        version = config.extra.get("version") or {}
        config.extra["version"] = {"provider": "mike", "default": LATEST, **version}
        build(config)
    except MkDocsException as err:
        raise BuildError(f"round '{round_id}': {err}") from None
    except OSError as err:  # a full disk, say
        raise BuildEnvironmentError(f"round '{round_id}': {os_failure(err, f'the build cache {site_dir}')}") from None
    except Exception as err:  # a template of the site's theme, say: MkDocs has logged the page, say what went wrong
        raise BuildError(f"round '{round_id}': {type(err).__name__}: {err}") from None


def show_build_log(verbose: bool) -> None:
    """Print MkDocs' messages during `journeys build`: warnings and errors, or everything when verbose."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)

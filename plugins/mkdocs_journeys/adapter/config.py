"""mkdocs.yml as MkDocs itself reads it, turned into the core's Options: the command line and the plugin share it,
so they can never disagree (plugins as a list or a mapping, INHERIT, !ENV, !relative)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..format.options import OptionError, Options
from ..layout import LOCK_FILE


def options_of(config: MkDocsConfig, plugin: Any) -> Options:
    """The core's options from MkDocs' validated configuration and the journeys plugin's own (its `config`)."""
    custom_dir = config.theme.custom_dir
    return Options(
        docs_dir=Path(config.docs_dir),
        language=plugin.language or config.theme.get("language") or "en",
        scale=plugin.scale,
        round=plugin.round or None,
        overrides=[Path(custom_dir)] if custom_dir else [],
        lock_file=Path(config.config_file_path or "mkdocs.yml").parent / LOCK_FILE,
        site_dir=Path(config.site_dir),
        allow_raw_html=plugin.allow_raw_html,
        sanitize=plugin.sanitize,
        project_root=Path(config.config_file_path or "mkdocs.yml").resolve().parent,
    )


def read_options(config_file: Path) -> Options:
    """Options of the journeys plugin as configured in `config_file`, read by MkDocs' own loader."""
    if not config_file.is_file():
        raise OptionError(f"{config_file}: no such file; give the MkDocs configuration with -f")
    # MkDocs reports each bad setting through its logger before it gives up; say them on the command line too.
    logger = logging.getLogger("mkdocs.config")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file))
    except MkDocsException as err:
        details = "; ".join(handler.messages) or str(err)
        raise OptionError(f"{config_file}: {details}") from None
    except OSError as err:
        raise OptionError(f"{config_file}: cannot read the MkDocs configuration: {err.strerror}") from None
    finally:
        logger.removeHandler(handler)
    plugin = config.plugins.get("journeys")
    if plugin is None:
        raise OptionError(f"{config_file}: the 'journeys' plugin is not listed under plugins")
    return options_of(config, plugin.config)


class _Collect(logging.Handler):
    """Keeps MkDocs' configuration errors, to print them as one message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

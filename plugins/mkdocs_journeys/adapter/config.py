"""mkdocs.yml as MkDocs itself reads it, turned into the core's Options: the command line and the plugin share it,
so they can never disagree (plugins as a list or a mapping, INHERIT, !ENV, !relative)."""

from __future__ import annotations

import logging
import re
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
        raise OptionError(_located(config_file, handler.messages or [str(err)])) from None
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


def project_options(config_file: Path) -> Options:
    """The options of a project as the command line needs them: mkdocs.yml read by MkDocs, a valid emotion scale,
    an existing docs folder. OptionError otherwise, at the line of mkdocs.yml that says so, with the fix."""
    options = read_options(config_file)
    try:
        options.emotion_scale()
    except OptionError as err:
        raise OptionError(_located(config_file, [str(err)])) from None
    if not options.docs_dir.is_dir():  # MkDocs checks it too; a folder removed since is said the same way
        raise OptionError(_located(config_file, [f"Config value 'docs_dir': The path '{options.docs_dir}' isn't an "
                                                 f"existing directory."]))
    return options


# MkDocs names a setting as "Config value 'docs_dir': ..." or "Plugin 'journeys' option 'scale': ..."; ours are
# named as "plugins.journeys.scale[1]: ...".
_OPTION = re.compile(r"Plugin 'journeys' option '(?P<name>\w+)'|plugins\.journeys\.(?P<ours>\w+)")
_SETTING = re.compile(r"Config value '(?P<key>\w+)'")


def _located(config_file: Path, messages: list[str]) -> str:
    """The messages as `mkdocs.yml:LINE: message`, each at the line of the setting it names, with the fix."""
    try:
        lines = config_file.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    located = []
    for message in messages:
        option, found, line = _OPTION.search(message), _SETTING.search(message), 0
        if option:
            name = option["name"] or option["ours"]
            line = _line_of(lines, name, top=False)
            if name == "scale":
                message = message.rstrip(".") + ("; write the scale as a list of consecutive whole numbers with "
                                                 "labels, lowest first, e.g. [{value: 1, label: Poor}, {value: 2, "
                                                 "label: Good}]")
        elif found:
            line = _line_of(lines, found["key"], top=True)
            if found["key"] == "docs_dir":
                message += (" Create the folder (journeys init makes a starter project), or correct docs_dir" if
                            line else " docs_dir is not set, so MkDocs looks for a folder 'docs' next to "
                                      "mkdocs.yml: create it, or set docs_dir")
        located.append(f"{config_file}:{line or 1}: {message}")
    return "; ".join(located)


def _line_of(lines: list[str], key: str, top: bool) -> int:
    """The line (from 1) where `key:` is set, at the top level or under the journeys plugin; 0 when not found."""
    indent = "" if top else r"[ \t]+"
    pattern = re.compile(rf"^{indent}{re.escape(key)}[ \t]*:")
    start = 0 if top else next((n for n, text in enumerate(lines) if re.match(r"^\s*-?\s*journeys\s*:", text)), 0)
    return next((n + 1 for n, text in enumerate(lines[start:], start) if pattern.match(text)), 0)

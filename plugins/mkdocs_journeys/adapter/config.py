"""Read the plugin's options from mkdocs.yml without MkDocs, for the command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..format.lock import LOCK_FILE
from ..format.options import OptionError, Options


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' !ENV and Python tags; resolve !ENV and ignore the rest."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
        loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else (names[0], None)
    for name in variables:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", _ignore)


def read_options(config_file: Path) -> Options:
    """Options of the journeys plugin as configured in `config_file`."""
    try:
        raw = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as err:
        raise OptionError(f"{config_file}: cannot read the MkDocs configuration: {err}") from None
    base = config_file.parent
    theme = raw.get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    plugin: dict[str, Any] = {}
    for entry in raw.get("plugins") or []:
        if entry == "journeys":
            break
        if isinstance(entry, dict) and "journeys" in entry:
            plugin = entry["journeys"] or {}
            break
    else:
        raise OptionError(f"{config_file}: the 'journeys' plugin is not listed under plugins")
    custom = theme.get("custom_dir")
    switches = {}
    for name in ("allow_raw_html", "sanitize"):  # as MkDocs reads them: unset or null is false
        value = plugin.get(name)
        value = False if value is None else value
        if not isinstance(value, bool):
            raise OptionError(f"plugins.journeys.{name}: expected true or false, found {value!r}")
        switches[name] = value
    return Options(
        docs_dir=base / raw.get("docs_dir", "docs"),
        language=plugin.get("language") or theme.get("language") or "en",
        scale=plugin.get("scale"),
        round=plugin.get("round"),
        overrides=[base / custom] if custom else [],
        lock_file=base / LOCK_FILE,
        site_dir=base / raw.get("site_dir", "site"),
        allow_raw_html=switches["allow_raw_html"],
        sanitize=switches["sanitize"],
        project_root=base,
    )

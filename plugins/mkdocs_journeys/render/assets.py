"""Static assets the plugin adds to a site: the Vega bundle, our script and styles, the schemas."""

from __future__ import annotations

import os
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from ..format.schema import KINDS

ASSET_DIR = "assets/journeys"
SCRIPTS = (f"{ASSET_DIR}/vega.js", f"{ASSET_DIR}/journeys.js")
STYLES = (f"{ASSET_DIR}/journeys.css", f"{ASSET_DIR}/map.css")


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, from the vl-convert package (no CDN, nothing committed).

    Bundling takes about two seconds, so the result is kept in the user's cache folder per vl-convert version.
    """
    version = metadata.version("vl-convert-python")
    cached = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mkdocs-journeys" / f"vega-{version}.js"
    try:
        return cached.read_text("utf-8")
    except OSError:
        pass
    import vl_convert

    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(bundle, "utf-8")
        partial.replace(cached)
    except OSError:
        pass  # a read-only home only costs time
    return bundle


def site_assets() -> dict[str, str]:
    """Every asset as {path inside the site: text}; the schemas are published for editors."""
    package = resources.files(__package__)
    files = {
        SCRIPTS[0]: vega_bundle(),
        SCRIPTS[1]: package.joinpath("static", "journeys.js").read_text("utf-8"),
        STYLES[0]: package.joinpath("static", "journeys.css").read_text("utf-8"),
        STYLES[1]: package.joinpath("static", "map.css").read_text("utf-8"),
    }
    schemas = resources.files("mkdocs_journeys.format").joinpath("schemas")
    for kind in KINDS:
        files[f"schemas/{kind}.schema.json"] = schemas.joinpath(f"{kind}.schema.json").read_text("utf-8")
    return files

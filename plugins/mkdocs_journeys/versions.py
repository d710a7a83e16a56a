"""Rounds as site versions: `versions.json` in the format of Material's version selector (as mike writes it)."""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from .model import Round

LATEST = "latest"


@dataclass
class Version:
    """One entry of versions.json."""

    version: str
    title: str
    aliases: list[str] = field(default_factory=list)


def versions_for(rounds: list[Round], in_progress: str) -> list[Version]:
    """Newest round first; the newest carries the `latest` alias; open rounds are marked in progress."""
    result = []
    for position, round_ in enumerate(reversed(rounds)):
        title = f"{round_.title} ({in_progress})" if round_.status == "open" else round_.title
        result.append(Version(round_.id, title, [LATEST] if position == 0 else []))
    return result


def to_json(versions: list[Version]) -> str:
    """versions.json text."""
    return json.dumps([asdict(v) for v in versions], ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> list[Version]:
    """Read versions.json text."""
    return [Version(str(v["version"]), str(v["title"]), [str(a) for a in v.get("aliases", [])])
            for v in json.loads(text)]


def redirect_page(target: str) -> str:
    """A root index.html that sends the reader to `target` (a relative URL), with a link for no-refresh readers."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        f"<script>location.replace(\"{target}\" + location.hash);</script>\n</head>\n"
        f"<body><p><a href=\"{target}\">Go to the newest round</a></p></body>\n</html>\n"
    )


# Reserved top-level domain: never resolves, so the placeholder can never cause a request.
SITEMAP_ORIGIN = "https://journeys.invalid/"


def write_sitemap(site_dir: Path, page_urls: list[str]) -> None:
    """sitemap.xml (and .gz) with absolute addresses under a placeholder origin, for the version selector."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(SITEMAP_ORIGIN + url)}</loc></url>" for url in page_urls]
    text = "\n".join(lines + ["</urlset>", ""]).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(text)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))

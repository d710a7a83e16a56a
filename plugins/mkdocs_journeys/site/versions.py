"""Rounds as site versions: `versions.json` in the format of Material's version selector (as mike writes it).

Material's selector builds its menu with a JSX helper that appends string children with `innerHTML`: the title of
every entry (in the menu, and in the button for the current round) is read as HTML. A round title comes from a
contributor's front matter, so versions.json holds it HTML-escaped (`&`, `<`, `>`, `"`, `'` as entities): the
selector then shows the very text and creates no element. `version` and `aliases` are not escaped, since the
selector builds addresses from them and compares them with the page's path: a version is a round id, which the
loader only accepts as a plain ASCII slug (`loader.ID`, the round's folder name), and the only alias is `latest`;
`to_json` refuses anything else rather than write it.
"""

from __future__ import annotations

import gzip
import html
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ..layout import ID, LATEST
from ..model import Round


@dataclass
class Version:
    """One entry of versions.json; `title` is plain text (escaped only in the file)."""

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
    """versions.json text, titles HTML-escaped for Material's selector, which inserts them as HTML."""
    entries = []
    for v in versions:
        for name in (v.version, *v.aliases):
            if not ID.fullmatch(name):
                raise ValueError(f"versions.json: {name!r} is not a plain id (lowercase letters, digits, hyphens)")
        entries.append({**asdict(v), "title": html.escape(v.title, quote=True)})
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


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

"""Every internal link and anchor of the built example resolves, in every round: LinkChecker crawls the site as a
reader's browser gets it, from a local server, starting at each round and at the root redirect."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser import QuietHandler, built_site, served

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
# Internal links only; anchors checked; no rate limit against our own server (it answers with the header
# LinkChecker asks for before it lifts its limit of ten requests a second).
CONFIG = """\
[checking]
maxrequestspersecond=1000
threads=4
[filtering]
checkextern=0
internlinks=^http://127\\.0\\.0\\.1:
[AnchorCheck]
[output]
status=0
"""


class CrawlableHandler(QuietHandler):
    """Serves the site and tells LinkChecker that this server takes requests at full speed."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")
        super().end_headers()

def _check(config: Path, *urls: str, depth: int | None = None) -> subprocess.CompletedProcess[str]:
    assert LINKCHECKER.is_file(), "LinkChecker is in the test extra: pip install -e '.[test]'"
    args = [str(LINKCHECKER), "--config", str(config), "--no-status", *(["-r", str(depth)] if depth else []), *urls]
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("linkchecker") / "linkcheckerrc"
    path.write_text(CONFIG, "utf-8")
    return path


@pytest.fixture(scope="module")
def site_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built example, so one page can be broken on purpose."""
    built = built_site()
    assert built.returncode == 0, built.stderr
    copy = tmp_path_factory.mktemp("links") / "site"
    shutil.copytree(built.site, copy)
    return copy


def test_every_internal_link_and_anchor_of_every_round_resolves(config: Path) -> None:
    built = built_site()
    assert built.returncode == 0, built.stderr
    rounds = sorted(p.name for p in built.site.iterdir() if (p / "index.html").is_file())
    assert len(rounds) >= 4  # three rounds and latest/
    with served(built.site, CrawlableHandler) as base:
        result = _check(config, f"{base}/", *(f"{base}/{name}/" for name in rounds))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout and "0 warnings found" in result.stdout


def test_the_checker_finds_a_broken_link_and_a_missing_anchor(config: Path, site_copy: Path) -> None:
    page = site_copy / "2026-q2/journeys/laptop-request/index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</article>", '<a href="../../gone/">a</a><a href="#no-such-anchor">b</a>'
                                                 '<a href="../museum-visit/#touchpoints">c</a></article>', 1), "utf-8")
    with served(site_copy, CrawlableHandler) as base:
        result = _check(config, f"{base}/2026-q2/journeys/laptop-request/", depth=1)
    assert result.returncode == 1
    assert "/2026-q2/gone/" in result.stdout and "404" in result.stdout
    report = " ".join(result.stdout.split())  # the report wraps long lines
    assert "Anchor `no-such-anchor' (decoded: `no-such-anchor') not found" in report
    assert "1 warning found. 1 error found." in report  # the anchor that exists on the other page is fine

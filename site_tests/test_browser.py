"""The example site in a real browser (Debian's Chromium through Playwright).

Every page of the repository's own site is served from 127.0.0.1 and visited: no request may leave the
machine, the console must stay free of errors, and every chart must be drawn by vega-embed. Two more tests
hover a point of a journey's emotion curve (the tooltip names the touchpoint) and load a journey page with
JavaScript switched off (the <noscript> note and the touchpoint table are still there).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest
from conftest import layer_data, site_files

if TYPE_CHECKING:
    from mkdocs_journeys.model import Catalog
    from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request, Route

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CHART = "[data-journeys-chart]"
POINTS = ".journeys-chart svg .mark-symbol path"
TOOLTIP = "#vg-tooltip-element"
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class BuiltSite:
    """The outcome of `mkdocs build` on the repository's example site."""

    returncode: int
    stdout: str
    stderr: str
    site: Path

    def pages(self) -> list[str]:
        """The URL path of every HTML page ('/', '/journeys/x/', ...), 404.html left out."""
        if self.returncode != 0:
            return []
        paths = []
        for file in (f for f in site_files(self.site) if f.suffix == ".html"):
            relative = file.relative_to(self.site).as_posix()
            # latest/ is a byte-for-byte copy of the newest round; 404 pages are not linked.
            if relative.endswith("404.html") or relative.startswith("latest/"):
                continue
            paths.append("/" + relative.removesuffix("index.html"))
        return paths

    def html(self, page_path: str) -> str:
        """The built HTML of a page given by its URL path."""
        file = self.site / page_path.lstrip("/")
        return (file / "index.html" if page_path.endswith("/") else file).read_text("utf-8")


@functools.cache
def built_site() -> BuiltSite:
    """Build every round of the example once, as `make site` does (the page list is needed at collection
    time); removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="journeys-browser-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    site = root / "site"
    command = [sys.executable, "-m", "mkdocs_journeys.cli", "-f", str(REPO / "mkdocs.yml"), "build", "--strict",
               "-d", str(site)]
    result = subprocess.run(
        command,
        cwd=REPO, capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return BuiltSite(result.returncode, result.stdout, result.stderr, site)


def page_ids() -> list[str]:
    """The pages to visit; a single placeholder when the build failed, so the failure is reported."""
    return built_site().pages() or ["<no pages: build failed>"]


def is_journey(page_path: str) -> bool:
    """Journey pages live under /<round>/journeys/."""
    return re.match(r"^/[^/]+/journeys/[^/]+/$", page_path) is not None


@functools.cache
def example_catalog() -> Catalog:
    """The example's validated model, read from its sources."""
    from mkdocs_journeys.format.loader import load_catalog
    from mkdocs_journeys.format.options import Options

    options = Options(docs_dir=REPO / "journeys")
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale())
    assert problems == [], problems
    return catalog


def observed(page_path: str) -> bool:
    """Whether the round of a journey page (/<round>/journeys/<id>/) observed that journey. A journey exists in
    every round; in a round without its observation file its page says so instead of drawing a curve."""
    round_id, _, journey_id = page_path.strip("/").split("/")
    return example_catalog().observation(journey_id, round_id) is not None


def unavailable(reason: str) -> NoReturn:
    """Skip when the browser cannot run here, but fail in CI, where it must."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}. CI=true: the browser tests must run; Chromium must be installed by .ci/run "
                    "(and Playwright by the test extras).", pytrace=False)
    pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's signature
        """Say nothing."""


class QuietServer(ThreadingHTTPServer):
    """A threading server that ignores connections the browser drops."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore dropped connections; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A folder served from 127.0.0.1 on a free port by a background thread; its base address."""
    server = QuietServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name=f"journeys-{directory.name}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Watch:
    """What a page did: every request URL, console errors and uncaught exceptions."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Watch:
        """Start listening to a page."""
        page.on("request", self.on_request)
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        return self

    def on_request(self, request: Request) -> None:
        """Record a request."""
        self.requests.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        """Record a console message of type error, with where it came from."""
        if message.type == "error":
            where = message.location
            self.console_errors.append(f"{message.text} ({where.get('url')}:{where.get('lineNumber')})")

    def on_page_error(self, error: Error) -> None:
        """Record an uncaught exception."""
        self.page_errors.append(f"{error.name}: {error.message}")

    def external_requests(self) -> list[str]:
        """Requests to any host but the local server (data: and blob: URLs stay in the page)."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != LOCAL_HOST]


def only_local(route: Route) -> None:
    """Let requests to the local server through; abort the rest (they are still recorded and reported)."""
    if urlsplit(route.request.url).hostname == LOCAL_HOST:
        route.continue_()
    else:
        route.abort()


def wait_for_chart(page: Page, index: int) -> str | None:
    """Wait until the index-th chart is drawn; a description of the problem if it is not."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    chart = page.locator(CHART).nth(index)
    name = chart.get_attribute("data-journeys-chart")
    try:
        page.wait_for_function("el => ['yes', 'failed'].includes(el.getAttribute('data-drawn'))",
                               arg=chart.element_handle(), timeout=TIMEOUT_MS)
    except PlaywrightTimeoutError:
        state = chart.get_attribute("data-drawn")
        return f"chart {name!r} not drawn within {TIMEOUT_MS / 1000:.0f} s (data-drawn={state!r})"
    state = chart.get_attribute("data-drawn")
    if state != "yes":
        return f"chart {name!r}: data-drawn={state!r}: {chart.inner_text()[:500]}"
    if chart.locator("svg").count() == 0:
        return f"chart {name!r}: data-drawn='yes' but no <svg> inside"
    return None


def point_titles(spec: dict[str, Any]) -> list[str]:
    """The touchpoint titles of the curve's points, in drawing order (unscored touchpoints have no point)."""
    return [row["touchpoint"] for row in layer_data(spec, "point") if row.get("emotion") is not None]


@pytest.fixture(scope="module")
def site() -> Path:
    """The built example site (the build must succeed)."""
    built = built_site()
    assert built.returncode == 0, f"journeys build --strict failed:\n{built.stderr}\n{built.stdout}"
    return built.site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The site served from 127.0.0.1 on a free port by a background thread."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched through Playwright (skipped where unavailable, except in CI)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        unavailable(f"Playwright cannot be imported ({exc}); install the extras: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} does not exist; install Debian's Chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own context; requests to other hosts are aborted."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def journey_path(site: Path) -> str:
    """The first journey page of the site whose round observed the journey (it draws a curve)."""
    journeys = [path for path in built_site().pages() if is_journey(path) and observed(path)]
    assert journeys, "the example site has no journey page"
    return journeys[0]


def test_the_site_has_journey_pages_and_charts(site: Path) -> None:
    """The page test below cannot pass vacuously: there are journey pages, and pages with charts."""
    built = built_site()
    pages = built.pages()
    assert any(is_journey(path) for path in pages), pages
    with_charts = [path for path in pages if "data-journeys-chart=" in built.html(path)]
    assert with_charts, "no page of the example site has a chart"


@pytest.mark.parametrize("page_path", page_ids())
def test_page_stays_local_has_no_errors_and_draws_charts(page: Page, base_url: str, page_path: str) -> None:
    """No request to another host, no console error or uncaught exception, every chart drawn as SVG."""
    watch = Watch().attach(page)
    response = page.goto(base_url + page_path)
    assert response is not None and response.ok, f"{page_path}: HTTP {response.status if response else None}"
    problems = []
    count = page.locator(CHART).count()
    curves = page.locator('[data-journeys-chart="journeys-chart-curve"]').count()
    if is_journey(page_path) and observed(page_path) and curves != 1:
        problems.append(f"a journey page has exactly one emotion curve, found {curves}")
    if is_journey(page_path) and not observed(page_path):
        # Not observed in this round: no curve, and the curve's section says why.
        if curves != 0:
            problems.append(f"a journey page of a round without its observation has no curve, found {curves}")
        if not page.locator("#emotion-curve + p.journeys-nodata").is_visible():
            problems.append("a journey page of a round without its observation says so under 'Emotion curve'")
    problems += [problem for index in range(count) if (problem := wait_for_chart(page, index))]
    # Late requests (the search index, fonts, ...) and their errors come in after the charts.
    page.wait_for_load_state("networkidle")
    problems += [f"request to another host: {url}" for url in watch.external_requests()]
    problems += [f"console error: {text}" for text in watch.console_errors]
    problems += [f"page error: {text}" for text in watch.page_errors]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


def test_hovering_a_point_shows_its_touchpoint_tooltip(page: Page, base_url: str, journey_path: str) -> None:
    """vega-tooltip shows the hovered point's touchpoint title (first and last point)."""
    from playwright.sync_api import expect

    page.goto(base_url + journey_path)
    assert page.locator(CHART).count() == 1
    assert (problem := wait_for_chart(page, 0)) is None, problem
    chart_id = page.locator(CHART).get_attribute("data-journeys-chart")
    titles = point_titles(json.loads(page.locator(f'script[id="{chart_id}"]').text_content() or "{}"))
    points = page.locator(POINTS)
    assert titles and points.count() == len(titles), (titles, points.count())
    tooltip = page.locator(TOOLTIP)
    for index in sorted({0, len(titles) - 1}):
        page.mouse.move(1, 1)
        points.nth(index).scroll_into_view_if_needed()
        box = points.nth(index).bounding_box()
        assert box is not None, f"point {index} has no box"
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text(titles[index])


def test_without_javascript_a_journey_page_shows_the_note_and_the_table(
        browser: Browser, base_url: str, journey_path: str) -> None:
    """JavaScript off: the <noscript> note replaces the chart, and the touchpoint table is all there."""
    from playwright.sync_api import expect

    source = built_site().html(journey_path)
    match = re.search(r'<p class="journeys-chart__nojs">(.*?)</p>', source, re.DOTALL)
    assert match, f"{journey_path}: no <noscript> note in the HTML"
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(base_url + journey_path)
        note = page.locator(".journeys-chart__nojs")
        expect(note).to_have_count(1)
        expect(note).to_be_visible()
        expect(note).to_have_text(html.unescape(match.group(1)).strip())
        expect(page.locator(f"{CHART} svg")).to_have_count(0)
        table = page.locator(".journeys-touchpoints table")
        expect(table).to_be_visible()
        rows = table.locator("tr[data-touchpoint]")
        assert rows.count() >= 1, f"{journey_path}: the touchpoint table has no rows"
        for index in range(rows.count()):
            expect(rows.nth(index).locator(".journeys-tp-title")).to_be_visible()
    finally:
        context.close()


def test_version_selector_lists_rounds_and_switching_keeps_the_journey(page: Page, base_url: str,
                                                                       journey_path: str) -> None:
    """Material's selector shows every round; choosing another lands on the same journey there."""
    from playwright.sync_api import expect

    versions = json.loads((built_site().site / "versions.json").read_text("utf-8"))
    oldest, newest = versions[-1]["version"], versions[0]["version"]
    journey = journey_path.split("/", 2)[2]  # 'journeys/<id>/' without the round
    page.goto(f"{base_url}/{oldest}/{journey}")
    links = page.locator(".md-version__link")
    expect(links).to_have_count(len(versions))
    assert [links.nth(i).inner_text().strip() for i in range(len(versions))] == [v["title"] for v in versions]
    assert "in progress" in versions[0]["title"]
    expect(page.locator("[data-md-component=outdated]")).to_be_visible()
    page.focus(".md-version__current")
    page.locator(".md-version__link", has_text=versions[0]["title"]).click()
    page.wait_for_url(f"{base_url}/{newest}/{journey}")
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()
    # And back to an older round, still on the same journey.
    page.focus(".md-version__current")
    page.locator(".md-version__link", has_text=versions[1]["title"]).click()
    page.wait_for_url(f"{base_url}/{versions[1]['version']}/{journey}")

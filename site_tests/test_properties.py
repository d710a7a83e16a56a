"""Property-based tests: arbitrary Unicode and HTML/JavaScript payloads in every text field of every kind of
source file come out of every kind of page only as text: no element or attribute of theirs in the HTML, inline
JSON that parses back to the very string, CSV and JSON exports that keep it as data. A few examples also go
through a real build in Chromium, which must run none of their script."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_journeys.export import catalog_to_json
from mkdocs_journeys.loader import load_catalog, without_private
from mkdocs_journeys.model import Catalog
from mkdocs_journeys.options import Options
from mkdocs_journeys.render import Renderer
from mkdocs_journeys.tidy import to_csv
from mkdocs_journeys.wallmap import WALL_DIR
from test_browser import browser  # noqa: F401 - the Chromium fixture of the browser tests

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAYLOADS = [
    "</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "{% raw %}",
    "javascript:alert(1)", "]]>", "</style><style>*{display:none}</style>", "\u2028\u2029", "-->", "<!--",
    "' onmouseover='alert(1)", "&lt;b&gt;", "<svg onload=alert(1)>", "=cmd|' /C calc'!A0", "`${alert(1)}`",
]
# Any character YAML can carry in a double-quoted string (no surrogates, no NUL), right-to-left and combining
# marks and emoji included.
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00\ufeff")
TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(CHARS, min_size=1, max_size=30),
    st.tuples(st.text(CHARS, max_size=10), st.sampled_from(PAYLOADS), st.text(CHARS, max_size=10)).map("".join),
).filter(lambda s: s.strip() != "")


def _front_matter(data: dict[str, Any], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def write_site(docs: Path, t: list[str]) -> None:
    """A site whose every text field holds one of the generated texts `t` (cycled)."""
    it = iter(t * 40)

    def text() -> str:
        return next(it)

    (docs / "personas").mkdir(parents=True)
    (docs / "personas/anna.md").write_text(_front_matter({
        "name": text(), "role": text(), "channels": [text()], "goals": [text()], "expectations": [text()],
        "frustrations": [text()], "quote": text()}), "utf-8")
    (docs / "journeys").mkdir()
    (docs / "journeys/laptop.md").write_text(_front_matter({
        "title": text(), "service": text(), "personas": ["anna"], "goal": text(), "expectations": [text()],
        "desired_experience": text(), "teams": [text()], "owner": text(),
        "stages": [{"id": "ask", "title": text(), "description": text()}, {"id": "get", "title": text()}],
        "touchpoints": [
            {"id": "form", "title": text(), "stage": "ask", "zone": text(), "element": text(), "channel": text(),
             "customer": text(), "frontstage": text(), "backstage": text(), "support": text(), "owner": text()},
            {"id": "handover", "title": text(), "stage": "get"},
        ]}), "utf-8")
    for n, status in ((1, "closed"), (2, "open")):
        (docs / f"rounds/r{n}").mkdir(parents=True)
        (docs / f"rounds/r{n}/index.md").write_text(_front_matter({
            "title": text(), "period": {"start": f"2026-0{n}-01", "end": f"2026-0{n}-28"}, "status": status}),
            "utf-8")
        (docs / f"rounds/r{n}/laptop.yml").write_text(yaml.safe_dump({
            "summary": text(),
            "touchpoints": {
                "form": {"emotion": n - 2, "notes": text(), "emotions": {"anna": 1}, "works": [text()],
                         "change": [text()],
                         "feedback": [{"method": "interview", "text": text(), "persona": "anna"},
                                      {"method": "survey", "text": text(), "private": True}],
                         "kpis": [{"kind": "custom", "name": text(), "value": 3, "min": 1, "max": 5}]},
                "handover": {"emotion": 2 - n, "notes": text()},
            }}, allow_unicode=True, sort_keys=False), "utf-8")
    (docs / "opportunities").mkdir()
    (docs / "opportunities/laptop.yml").write_text(yaml.safe_dump({"opportunities": [
        {"id": "a", "touchpoint": "form", "pain_point": text(), "idea": text(), "to_be": text(), "owner": text(),
         "found_in": "r1", "votes": {"quick_win": 2, "important": 1}}]}, allow_unicode=True), "utf-8")


class _Markup(HTMLParser):
    """Every element and attribute of a page, and the text of its inline JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json.append(data)


def assert_inert(html: str, styles: int = 0) -> None:
    """No element or attribute came from a contributor's text (`styles`: our own style elements on the page);
    inline JSON parses."""
    markup = _Markup()
    markup.feed(html)
    assert sum(1 for tag, _ in markup.tags if tag == "style") == styles
    for tag, attrs in markup.tags:
        assert tag not in ("img", "svg", "iframe"), (tag, attrs)
        assert tag != "script" or attrs.get("type") == "application/json", attrs
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), attrs
    for block in markup.json:
        json.loads(block)


def _load(docs: Path) -> Catalog:
    catalog, problems = load_catalog(docs, Options(docs_dir=docs).emotion_scale())
    assert problems == [], [str(p) for p in problems]
    return catalog


def _pages(catalog: Catalog) -> dict[str, str]:
    public = without_private(catalog)
    renderer = Renderer(public, public.rounds[-1], "en", [])
    journey, persona = public.journeys["laptop"], public.personas["anna"]

    def link(kind: str, target: str) -> str:
        return f"../{kind}/{target}/"

    return {
        "journey": renderer.journey(journey, "", link), "persona": renderer.persona(persona, "", link),
        "round": renderer.round_page(public.rounds[-1], "", link), "compare": renderer.compare(journey, "", link),
        "feedback": renderer.feedback_map(journey, "", link), "action-plan": renderer.action_plan("", link),
        "home": renderer.home("", link), WALL_DIR: renderer.wall_map(journey, "Site"),
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(TEXT, min_size=5, max_size=12))
def test_every_text_field_is_inert_on_every_kind_of_page(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        write_site(docs, texts)
        catalog = _load(docs)
        pages = _pages(catalog)
        for kind, html in pages.items():
            assert_inert(html, styles=1 if kind == WALL_DIR else 0)  # the wall map sets its sheet size
        # The journey's title reaches the chart's description through the inline JSON unchanged.
        title = catalog.journeys["laptop"].title
        markup = _Markup()
        markup.feed(pages["journey"])
        assert any(title in json.loads(block).get("description", "") for block in markup.json)
        # Exports keep the texts as data.
        exported = json.loads(json.dumps(catalog_to_json(catalog)))
        assert exported["journeys"][0]["title"] == title
        rows = list(csv.DictReader(io.StringIO(to_csv(catalog))))
        shown = rows[0]["journey_title"]
        assert shown in (title, "'" + title)


BROWSER_KINDS = ("journeys/laptop/", "personas/anna/", "rounds/r2/", "compare/laptop/", "feedback/laptop/",
                 "action-plan/", "wall/laptop/", "")


@settings(max_examples=3, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PAYLOADS), min_size=5, max_size=8))
def test_a_built_site_runs_no_script_from_contributors(browser: Browser, texts: list[str]) -> None:  # noqa: F811
    import functools
    import subprocess
    import sys
    import threading

    from test_browser import LOCAL_HOST, QuietHandler, QuietServer, only_local

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root / "docs", texts)
        (root / "mkdocs.yml").write_text("site_name: Properties\ndocs_dir: docs\ntheme:\n  name: material\n"
                                         "  font: false\nplugins:\n  - search\n  - journeys\n", "utf-8")
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                               text=True, check=False)
        assert built.returncode == 0, built.stdout + built.stderr
        index = json.loads((root / "site/search/search_index.json").read_text("utf-8"))
        assert all("<script" not in doc["title"] for doc in index["docs"])
        server = QuietServer((LOCAL_HOST, 0), functools.partial(QuietHandler, directory=str(root / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route("**/*", only_local)
            fired: list[str] = []
            page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
            for kind in BROWSER_KINDS:
                page.goto(f"http://{LOCAL_HOST}:{server.server_address[1]}/{kind}")
                page.wait_for_load_state("networkidle")
                assert page.locator("img[src=x], svg[onload]").count() == 0, kind
            assert fired == []
        finally:
            context.close()
            server.shutdown()
            server.server_close()

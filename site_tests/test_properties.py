"""Property-based tests: arbitrary Unicode and HTML/JavaScript payloads in every text field of every kind of
source file come back from the reader unchanged and come out of every kind of page only as text: the pages have
the very elements and attributes they have for harmless text, inline JSON parses back to the very strings, and
CSV and JSON exports keep them as data. A few examples also go through a real build, whose search index must
hold them escaped, and through Chromium, which must run none of their script."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs_journeys.exchange.export import catalog_to_json
from mkdocs_journeys.exchange.tidy import FORMULA_START, to_csv
from mkdocs_journeys.format.loader import load_catalog, without_private
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.layout import WALL_DIR
from mkdocs_journeys.model import Catalog
from mkdocs_journeys.render.renderer import Renderer
from test_browser import browser  # noqa: F401 - the Chromium fixture of the browser tests

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAYLOADS = [
    "</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "{% raw %}",
    "javascript:alert(1)", "]]>", "</style><style>*{display:none}</style>", "\u2028\u2029", "-->", "<!--",
    "' onmouseover='alert(1)", "&lt;b&gt;", "<svg onload=alert(1)>", "=cmd|' /C calc'!A0", "`${alert(1)}`",
    '"]; alert(1); ["', "\\u003c/script\\u003e", "\u202eevil",
]
# Any character the reader takes in a text (no surrogates), right-to-left and combining marks and emoji included.
# Not the control characters it refuses (C0 but tab and line feed, a lone CR, DEL, C1: test_bad_files has them).
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="".join(
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0D, 0x20), *range(0x7F, 0xA0)]) + "\ufeff")
TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(CHARS, min_size=1, max_size=30),
    st.tuples(st.text(CHARS, max_size=10), st.sampled_from(PAYLOADS), st.text(CHARS, max_size=10)).map("".join),
).filter(lambda s: s.strip() != "")


def _front_matter(data: dict[str, Any], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


class Texts:
    """Hands out the generated texts in turn and remembers which field got which."""

    def __init__(self, pool: list[str]):
        self._pool = itertools.cycle(pool)
        self.given: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        """The next text, recorded as the value of `field`."""
        self.given[field] = next(self._pool)
        return self.given[field]


def write_site(docs: Path, pool: list[str]) -> dict[str, str]:
    """A site whose every text field holds one of the texts of `pool` (in turn); returns {field: text}."""
    t = Texts(pool)
    (docs / "personas").mkdir(parents=True)
    (docs / "personas/anna.md").write_text(_front_matter({
        "name": t("persona.name"), "role": t("persona.role"), "channels": [t("persona.channels")],
        "goals": [t("persona.goals")], "expectations": [t("persona.expectations")],
        "frustrations": [t("persona.frustrations")], "quote": t("persona.quote")}), "utf-8")
    form = {"id": "form", "title": t("form.title"), "stage": "ask"}
    form |= {key: t(f"form.{key}") for key in ("zone", "element", "channel", "customer", "frontstage", "backstage",
                                               "support", "owner")}
    (docs / "journeys").mkdir()
    (docs / "journeys/laptop.md").write_text(_front_matter({
        "title": t("journey.title"), "service": t("journey.service"), "personas": ["anna"], "goal": t("journey.goal"),
        "expectations": [t("journey.expectations")], "desired_experience": t("journey.desired_experience"),
        "teams": [t("journey.teams")], "owner": t("journey.owner"),
        "stages": [{"id": "ask", "title": t("ask.title"), "description": t("ask.description")},
                   {"id": "get", "title": t("get.title")}],
        "touchpoints": [form, {"id": "handover", "title": t("handover.title"), "stage": "get"}]}), "utf-8")
    for n, status in ((1, "closed"), (2, "open")):
        (docs / f"rounds/r{n}").mkdir(parents=True)
        (docs / f"rounds/r{n}/index.md").write_text(_front_matter({
            "title": t(f"r{n}.title"), "period": {"start": f"2026-0{n}-01", "end": f"2026-0{n}-28"},
            "status": status}), "utf-8")
        (docs / f"rounds/r{n}/laptop.yml").write_text(_yaml({
            "summary": t(f"r{n}.summary"),
            "touchpoints": {
                "form": {"emotion": n - 2, "notes": t(f"r{n}.notes"), "emotions": {"anna": 1},
                         "works": [t(f"r{n}.works")], "change": [t(f"r{n}.change")],
                         "feedback": [{"method": "interview", "text": t(f"r{n}.feedback"), "persona": "anna"},
                                      {"method": "survey", "text": t(f"r{n}.private"), "private": True}],
                         "kpis": [{"kind": "custom", "name": t(f"r{n}.kpi"), "value": 3, "min": 1, "max": 5}]},
                "handover": {"emotion": 2 - n, "notes": t(f"r{n}.handover.notes")},
            }}), "utf-8")
    (docs / "opportunities").mkdir()
    (docs / "opportunities/laptop.yml").write_text(_yaml({"opportunities": [
        {"id": "a", "touchpoint": "form", "pain_point": t("opportunity.pain_point"), "idea": t("opportunity.idea"),
         "to_be": t("opportunity.to_be"), "owner": t("opportunity.owner"), "found_in": "r1",
         "votes": {"quick_win": 2, "important": 1}}]}), "utf-8")
    return t.given


def _model_texts(catalog: Catalog) -> dict[str, str]:
    """Every text field of the loaded model, keyed as write_site keys them."""
    persona, journey = catalog.personas["anna"], catalog.journeys["laptop"]
    form, handover = journey.touchpoints
    ask, get = journey.stages
    found: dict[str, str] = {f"persona.{key}": getattr(persona, key) for key in ("name", "role", "quote")}
    found |= {f"persona.{key}": getattr(persona, key)[0] for key in ("channels", "goals", "expectations",
                                                                    "frustrations")}
    found |= {f"journey.{key}": getattr(journey, key) for key in ("title", "service", "goal", "desired_experience",
                                                                 "owner")}
    found |= {"journey.expectations": journey.expectations[0], "journey.teams": journey.teams[0],
              "ask.title": ask.title, "ask.description": ask.description, "get.title": get.title,
              "handover.title": handover.title, "form.title": form.title}
    found |= {f"form.{key}": getattr(form, key) for key in ("zone", "element", "channel", "customer", "frontstage",
                                                            "backstage", "support", "owner")}
    for rnd in catalog.rounds:
        observation = catalog.observations[("laptop", rnd.id)]
        result = observation.results["form"]
        found |= {f"{rnd.id}.title": rnd.title, f"{rnd.id}.summary": observation.summary,
                  f"{rnd.id}.notes": result.notes, f"{rnd.id}.works": result.works[0],
                  f"{rnd.id}.change": result.change[0], f"{rnd.id}.feedback": result.feedback[0].text,
                  f"{rnd.id}.private": result.feedback[1].text, f"{rnd.id}.kpi": result.kpis[0].name,
                  f"{rnd.id}.handover.notes": observation.results["handover"].notes}
    opportunity = catalog.opportunities["laptop"][0]
    found |= {f"opportunity.{key}": getattr(opportunity, key) for key in ("pain_point", "idea", "to_be", "owner")}
    return found


class _Markup(HTMLParser):
    """Every element and attribute of a page, and the text of its inline JSON."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json: list[str] = []
        self._in_json = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json.append(data)

    def shape(self) -> Counter[tuple[str, tuple[str, ...]]]:
        """How many elements of each tag with each set of attribute names the page has."""
        return Counter((tag, tuple(sorted(attrs))) for tag, attrs in self.tags)


def assert_inert(html: str) -> None:
    """No element or attribute that runs script, whatever the text; inline JSON parses."""
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    markup = _Markup(html)
    for tag, attrs in markup.tags:
        assert tag not in ("img", "svg", "iframe"), (tag, attrs)
        assert tag != "script" or attrs.get("type") == "application/json", attrs
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), attrs
    for block in markup.json:
        json.loads(block)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


# Axis labels are looked up in the chart by a Vega expression that holds them as a JSON literal.
LOOKUP = re.compile(r"(?P<literal>[\[{].*)\[datum\.value\]", re.DOTALL)


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


def _as_cell(original: str) -> Callable[[str], bool]:
    """Whether a CSV cell holds `original` as text (a leading apostrophe keeps a formula-like text inert)."""
    return lambda cell: cell == original or (original.startswith(FORMULA_START) and cell == "'" + original)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target])  # shrinking a page render is slow
@given(texts=st.lists(TEXT, min_size=5, max_size=12))
@example(texts=PAYLOADS)
def test_every_text_field_is_kept_and_inert_on_every_kind_of_page(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        given = write_site(Path(tmp, "payload"), texts)
        catalog = _load(Path(tmp, "payload"))
        write_site(Path(tmp, "plain"), [f"Text {n}" for n in range(len(texts))])
        plain = _pages(_load(Path(tmp, "plain")))
    # YAML and the reader keep every text exactly: nothing stripped, folded or normalised.
    assert _model_texts(catalog) == given
    pages = _pages(catalog)
    for kind, html in pages.items():
        assert_inert(html)
        # The same elements and attributes as with harmless text: nothing in the texts became markup.
        assert _Markup(html).shape() == _Markup(plain[kind]).shape(), kind
    if any("{{7*7}}" in text for text in texts):  # no template ever evaluates a contributor's text
        assert any("{{7*7}}" in html for html in pages.values())
    # The chart data holds the texts as the very strings, and axis-label lookups as JSON literals of them.
    chart = [s for block in _Markup(pages["journey"]).json for s in _strings(json.loads(block))]
    journey = catalog.journeys["laptop"]
    assert {tp.title for tp in journey.touchpoints} <= set(chart)
    assert any(journey.title in s for s in chart)
    lookups = [json.loads(m["literal"]) for s in chart if (m := LOOKUP.fullmatch(s))]
    labels = set(given.values()) | {point.label for point in catalog.scale.points}
    assert lookups and all(set(_strings(lookup)) <= labels for lookup in lookups)
    # Exports keep the texts as data.
    exported = json.loads(json.dumps(catalog_to_json(catalog)))
    assert exported["journeys"][0]["title"] == given["journey.title"]
    assert exported["personas"][0]["quote"] == given["persona.quote"]
    assert [tp["title"] for tp in exported["journeys"][0]["touchpoints"]] == [given["form.title"],
                                                                            given["handover.title"]]
    form = exported["journeys"][0]["rounds"]["r2"]["touchpoints"]["form"]
    assert [f["text"] for f in form["feedback"]] == [given["r2.feedback"]]  # the private one is left out
    assert exported["journeys"][0]["opportunities"][0]["idea"] == given["opportunity.idea"]
    rows = list(csv.DictReader(io.StringIO(to_csv(catalog), newline="")))
    assert rows and all(_as_cell(given["journey.title"])(row["journey_title"]) for row in rows)
    titles = {given["form.title"], given["handover.title"]}
    assert all(any(_as_cell(title)(row["touchpoint_title"]) for title in titles) for row in rows)
    kpi_rows = [row for row in rows if row["measure"] == "kpi_custom"]
    assert [row["round"] for row in kpi_rows] == ["r1", "r2"]
    assert all(_as_cell(given[f"{row['round']}.kpi"])(row["kpi_name"]) for row in kpi_rows)


BROWSER_KINDS = ("journeys/laptop/", "personas/anna/", "rounds/r2/", "compare/laptop/", "feedback/laptop/",
                 "action-plan/", "wall/laptop/", "")
# Records every call of a function that opens a dialog, before any script of the page runs.
HOOK = """
window.__journeysFired = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__journeysFired.push(name + "(" + args.join(",") + ")"); };
}
"""
INJECTED = "img[src=x], svg[onload], [onmouseover], [onerror]"


def _assert_search_index_escaped(site: Path, given: dict[str, str]) -> None:
    """Material's search shows titles and texts from the index as HTML: contributors' text must be escaped
    there, and must read back as the same text once unescaped."""
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            markup = _Markup(doc[key])
            assert all(tag in ("p", "ul", "ol", "li", "code", "pre", "em", "strong", "a") for tag, _ in markup.tags), \
                (doc["location"], doc[key][:300])
            assert not any(name.startswith("on") for _, attrs in markup.tags for name in attrs), doc["location"]
    titles = {doc["location"]: _Text(doc["title"]).text for doc in index["docs"]}
    assert titles["personas/anna/"].split() == given["persona.name"].split()  # the index trims white space


class _Text(HTMLParser):
    """The text of an HTML fragment, entities decoded."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_data(self, data: str) -> None:
        self.text += data


def _search(page: Page, query: str) -> None:
    """Type a query into Material's search box and wait for its results (which show the indexed texts)."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item")


# Builds are slow: every payload once (the explicit example), then one random mix.
@settings(max_examples=1, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.sampled_from(PAYLOADS), min_size=5, max_size=8))
@example(texts=PAYLOADS)
def test_a_built_site_runs_no_script_from_contributors(browser: Browser, texts: list[str]) -> None:  # noqa: F811
    import functools
    import subprocess
    import sys
    import threading

    from test_browser import LOCAL_HOST, QuietHandler, QuietServer, only_local

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        given = write_site(root / "docs", texts)
        (root / "mkdocs.yml").write_text("site_name: Properties\ndocs_dir: docs\ntheme:\n  name: material\n"
                                         "  font: false\nplugins:\n  - search\n  - journeys\n", "utf-8")
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                               text=True, check=False)
        assert built.returncode == 0, built.stdout + built.stderr
        _assert_search_index_escaped(root / "site", given)
        server = QuietServer((LOCAL_HOST, 0), functools.partial(QuietHandler, directory=str(root / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        context = browser.new_context()
        try:
            context.add_init_script(HOOK)
            page = context.new_page()
            page.route("**/*", only_local)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for kind in BROWSER_KINDS:
                page.goto(f"http://{LOCAL_HOST}:{server.server_address[1]}/{kind}")
                page.wait_for_load_state("networkidle")
                if kind == "":  # Material's search results show the indexed texts as HTML
                    _search(page, "touchpoint")
                    _search(page, "round")
                assert page.locator(INJECTED).count() == 0, kind
                assert page.evaluate("window.__journeysFired") == [], kind
            assert dialogs == []
        finally:
            context.close()
            server.shutdown()
            server.server_close()

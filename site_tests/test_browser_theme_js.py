"""What Material's own JavaScript builds from contributors' text: the version selector (from versions.json), the
search results (from search/search_index.json) and the outdated banner.

The selector appends every title with `innerHTML`, so versions.json holds titles HTML-escaped; a unit test checks
that each title reads back as the very text, and a property test builds multi-round sites with `journeys build`
whose round titles, round bodies, journey title, persona name and findings carry HTML/JavaScript payloads, then
opens every page of every round in Chromium, opens the selector, searches for the payloads' words and views an
older round (outdated banner shown): no dialog, no element from a payload, and the selector shows the literal
titles. Round `methods` are a fixed list of names and `period` holds dates, so neither can carry a payload.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from conftest import JOURNEY, OBSERVATION, PAYLOAD, PERSONA, FixtureSite
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs_journeys.layout import LATEST
from mkdocs_journeys.locales.labels import labels
from mkdocs_journeys.model import Round
from mkdocs_journeys.site.versions import to_json, versions_for
from test_browser import browser, only_local, served  # noqa: F401 - the Chromium fixture of the browser tests
from test_properties import HOOK, PAYLOADS, TEXT, _Markup, _Text

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

IN_PROGRESS = labels("en")["in_progress"]
# The payload of issue 11: it marks the page when it runs, and its own element carries a marker attribute.
MARKED = '2026 Q3 <img src=x onerror="document.body.dataset.pwned=1"><b data-pwned=1>bold</b>'
ALL_PAYLOADS = [*PAYLOADS, PAYLOAD, MARKED]
# Text around the payloads: letters, digits, punctuation, symbols and spaces of any script (no control or line
# breaking characters, which a title may not be made of and which innerText would fold).
AROUND = st.text(st.characters(categories=("L", "M", "N", "P", "S"), include_characters=" "), max_size=8)
FIELD = st.one_of(st.sampled_from(ALL_PAYLOADS),
                  st.tuples(AROUND, st.sampled_from(ALL_PAYLOADS), AROUND).map("".join))


def _round(n: int, title: str, status: str = "closed") -> Round:
    return Round(f"r{n}", title, f"2026-0{n}-01", f"2026-0{n}-28", status, f"rounds/r{n}/index.md")


@settings(max_examples=60, deadline=None, database=None)
@given(titles=st.lists(TEXT, min_size=1, max_size=4))
@example(titles=ALL_PAYLOADS)
def test_versions_json_titles_are_escaped_text_that_decodes_to_the_very_title(titles: list[str]) -> None:
    rounds = [_round(n + 1, title, "open" if n == len(titles) - 1 else "closed") for n, title in enumerate(titles)]
    text = to_json(versions_for(rounds, IN_PROGRESS))
    entries = json.loads(text)
    assert [e["version"] for e in entries] == [r.id for r in reversed(rounds)]
    assert entries[0]["aliases"] == [LATEST]
    for entry, round_ in zip(entries, reversed(rounds), strict=True):
        shown = entry["title"]
        assert not set("<>\"'") & set(shown), shown  # no markup and no attribute can start or end
        assert re.fullmatch(r"([^&]|&(amp|lt|gt|quot|#x27);)*", shown, re.DOTALL), shown
        markup = _Markup(f"<button>{shown}</button>")
        assert [tag for tag, _ in markup.tags] == ["button"]  # what innerHTML builds: the button and text only
        expected = f"{round_.title} ({IN_PROGRESS})" if round_.status == "open" else round_.title
        assert _Text(shown).text == html.unescape(shown) == expected


def test_versions_json_refuses_a_version_or_alias_that_is_not_a_plain_id() -> None:
    import pytest

    for bad in ('r1"><img src=x>', "../r1", "R1", "r1/"):
        with pytest.raises(ValueError, match="not a plain id"):
            to_json(versions_for([Round(bad, "t", "2026-01-01", "2026-01-28", "open", "x")], IN_PROGRESS))


def _front_matter(data: dict[str, object], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def _body(text: str) -> str:
    """A round body that holds `text` as text: a paragraph with the markup characters written as entities, and
    an indented code block with it as it is (raw HTML in a body is the body author's markup, not text)."""
    one_line = " ".join(text.split())
    return f"Round notes {html.escape(one_line)}\n\n" + "".join(f"    {line}\n" for line in text.split("\n")) + "\n"


def _write_site(root: Path, fields: list[str]) -> dict[str, str]:
    """Two rounds (r1 closed, r2 open) whose every free text carries a payload; {field: text}."""
    pool = iter(fields * 8)
    given = {name: next(pool) for name in ("r1.title", "r2.title", "r1.body", "r2.body", "journey.title",
                                           "persona.name", "r1.summary", "r2.summary")}
    site = FixtureSite(root)
    site.write("mkdocs.yml", "site_name: Theme JS\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
                             "plugins:\n  - search\n  - journeys\n", docs=False)
    persona = yaml.safe_load(PERSONA.split("---")[1]) | {"name": given["persona.name"]}
    site.write("personas/anna.md", _front_matter(persona, PERSONA.split("---", 2)[2]))
    journey = yaml.safe_load(JOURNEY.split("---")[1]) | {"title": given["journey.title"]}
    site.write("journeys/laptop.md", _front_matter(journey, JOURNEY.split("---", 2)[2]))
    for n, status in ((1, "closed"), (2, "open")):
        given[f"r{n}.title"] = title = f"Round {n} {given[f'r{n}.title']}"
        round_: dict[str, object] = {"title": title, "status": status, "methods": ["interview", "survey"],
                                     "period": {"start": f"2026-0{n}-01", "end": f"2026-0{n}-28"}}
        (site.docs / f"rounds/r{n}").mkdir(parents=True)
        (site.docs / f"rounds/r{n}/index.md").write_text(_front_matter(round_, _body(given[f"r{n}.body"])), "utf-8")
        observation = yaml.safe_load(OBSERVATION) | {"summary": given[f"r{n}.summary"]}
        site.write(f"rounds/r{n}/laptop.yml", yaml.safe_dump(observation, allow_unicode=True, sort_keys=False))
    result = site.journeys("build")
    assert result.returncode == 0, result.stdout + result.stderr
    return given


# Everything a payload could have made in the page: its elements, its marker attribute, its handler's mark.
FOUND = """() => {
  const found = [];
  for (const el of document.querySelectorAll(
      "img[src=x], svg[onload], [onmouseover], [onerror], [data-pwned], b, iframe, object, embed"))
    found.push(el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll("script:not([src]), style"))
    if (/alert|display:\\s*none\\}/.test(el.textContent) && el.type !== "application/json")
      found.push(el.outerHTML.slice(0, 120));
  const made = /^(DIV|BUTTON|SPAN|UL|OL|LI|A|ARTICLE|H1|H2|P|MARK|DEL|DETAILS|SUMMARY|NAV|CODE|PRE|EM|STRONG)$/;
  for (const el of document.querySelectorAll(".md-version *, .md-search-result *"))
    if (!made.test(el.tagName))
      found.push("in the selector or search results: " + el.outerHTML.slice(0, 120));
  if (document.body.dataset.pwned !== undefined) found.push("document.body.dataset.pwned set");
  return found.concat(window.__journeysFired);
}"""


def _shown(text: str) -> str:
    """What innerText shows of a text: runs of ASCII white space folded, ends trimmed."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def _search(page: Page, query: str) -> None:
    """Type a query into Material's search and wait until it has answered (results or 'no matching')."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(query)
    page.wait_for_function("q => document.querySelector('input.md-search__input').value === q && "
                           "/matching/i.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)


def _words(texts: list[str]) -> list[str]:
    """Words of the payloads that search can look for."""
    found = {word for text in texts for word in re.findall(r"[A-Za-z]{4,}", text)}
    return sorted(found)[:3]


def _pages(site: Path) -> list[str]:
    """Every page of every round, and the newest round's home under latest/ (the rest of latest/ is a copy)."""
    rounds = [json_entry["version"] for json_entry in json.loads((site / "versions.json").read_text("utf-8"))]
    found = ["/" + p.relative_to(site).as_posix().removesuffix("index.html")
             for r in rounds for p in sorted((site / r).rglob("index.html"))]
    return [*found, f"/{LATEST}/"]


# Each example builds a site: the explicit one (every payload), then two random mixes; no shrinking.
@settings(max_examples=2, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(fields=st.lists(FIELD, min_size=3, max_size=8))
@example(fields=ALL_PAYLOADS)
def test_theme_scripts_show_round_fields_as_text(browser: Browser, fields: list[str]) -> None:  # noqa: F811
    from playwright.sync_api import expect

    with tempfile.TemporaryDirectory() as tmp:
        given = _write_site(Path(tmp), fields)
        site = Path(tmp) / "site"
        titles = {"r1": given["r1.title"], "r2": f"{given['r2.title']} ({IN_PROGRESS})"}
        pages = _pages(site)
        assert len(pages) >= 12, pages
        context = browser.new_context()
        context.add_init_script(HOOK)
        context.route("**/*", only_local)
        context.set_default_timeout(15_000)
        dialogs: list[str] = []
        try:
            page = context.new_page()

            def dismiss(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", dismiss)
            with served(site) as base:
                for path in pages:
                    current = "r2" if path.startswith(f"/{LATEST}/") else path.split("/")[1]
                    page.goto(base + path, wait_until="domcontentloaded")
                    selector = page.locator(".md-version__current")
                    expect(selector).to_have_count(1)
                    page.hover(".md-version")
                    links = page.locator(".md-version__link")
                    expect(links.first).to_be_visible()
                    assert _shown(selector.inner_text()) == _shown(titles[current]), path
                    assert [_shown(t) for t in links.all_inner_texts()] == [_shown(titles["r2"]),
                                                                            _shown(titles["r1"])], path
                    banner = page.locator("[data-md-component=outdated]")
                    if current == "r1":  # an older round: the banner shows
                        expect(banner).to_be_visible()
                    else:
                        expect(banner).to_be_hidden()
                    if path in ("/r1/", "/r2/"):  # Material's search shows the indexed titles and texts as HTML
                        for query in ["Round", *_words(fields)]:
                            _search(page, query)
                            assert page.evaluate(FOUND) == [], (path, query)
                        page.keyboard.press("Escape")
                    assert page.evaluate(FOUND) == [], path
            assert dialogs == []
        finally:
            context.close()

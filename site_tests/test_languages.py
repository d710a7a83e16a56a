"""Content languages (issue 12.5): a journey, persona or round declares its language (`lang`, a BCP 47 tag), its
pages' content carries it, and search finds words of every language of the example.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import JOURNEY, PERSONA, ROUND, FixtureSite
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from test_browser import TIMEOUT_MS, built_site, only_local, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The browser fixture of the browser suite: one Chromium for this module too.
from test_browser import browser  # noqa: F401 - a pytest fixture, used by name

GOOD_TAGS = ["hu", "bg", "ru", "en", "pt-BR", "sr-Latn", "zh-Hant-TW", "es-419", "de-CH-1996", "HU"]
BAD_TAGS = {
    "en_US": "found 'en_US'; did you mean 'en-US'?",
    "english": "found 'english'",
    "h": "found 'h'",
    "hu-": "found 'hu-'",
    "hu hu": "found 'hu hu'",
}
TAG_MESSAGE = "lang: expected a BCP 47 language tag such as 'hu', 'bg', 'ru', 'en' or 'pt-BR'"


def _with_lang(text: str, first_key: str, lang: str) -> str:
    """A source's front matter with `lang:` on the line after its `first_key` line."""
    return re.sub(rf"^({first_key}: .*)$", rf"\1\nlang: {lang}", text, count=1, flags=re.M)


def _errors(site: FixtureSite) -> list[str]:
    """The errors of a fixture site's sources as `file:line:col: message`, file relative to the docs folder."""
    _, problems = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    return [f"{Path(p.path).resolve().relative_to(site.docs.resolve()).as_posix()}:{p.line}:{p.col}: {p.message}"
            for p in problems if p.is_error]


@pytest.mark.parametrize("tag", GOOD_TAGS)
def test_a_language_tag_is_read_into_journey_persona_and_round(standard_site: FixtureSite, tag: str) -> None:
    standard_site.write("journeys/laptop.md", _with_lang(JOURNEY, "title", tag))
    standard_site.write("personas/anna.md", _with_lang(PERSONA, "name", tag))
    standard_site.write("rounds/r2/index.md", _with_lang(ROUND.format(n=2, status="open"), "title", tag))
    catalog, problems = load_catalog(standard_site.docs, Options(docs_dir=standard_site.docs).emotion_scale())
    assert problems == []
    assert catalog.journeys["laptop"].lang == catalog.personas["anna"].lang == catalog.round("r2").lang == tag
    assert catalog.language("journey", "laptop") == catalog.language("round", "r2") == tag
    assert catalog.language("", "") == ""


def test_without_a_language_tag_everything_is_in_the_sites_language(standard_site: FixtureSite) -> None:
    catalog, problems = load_catalog(standard_site.docs, Options(docs_dir=standard_site.docs).emotion_scale())
    assert problems == []
    # Empty: the site's language (theme.language), which the adapter fills in.
    assert catalog.journeys["laptop"].lang == catalog.personas["anna"].lang == catalog.round("r1").lang == ""


@pytest.mark.parametrize(("tag", "found"), BAD_TAGS.items())
@pytest.mark.parametrize(("path", "first_key", "line"), [
    ("journeys/laptop.md", "title", 3), ("personas/anna.md", "name", 3), ("rounds/r2/index.md", "title", 3)])
def test_a_bad_language_tag_is_an_error_at_its_line(standard_site: FixtureSite, tag: str, found: str, path: str,
                                                    first_key: str, line: int) -> None:
    original = (standard_site.docs / path).read_text("utf-8")
    standard_site.write(path, _with_lang(original, first_key, tag))
    errors = _errors(standard_site)
    assert errors == [f"{path}:{line}:7: {TAG_MESSAGE} (letters, parts joined by hyphens), {found}"], errors


def test_a_language_yaml_reads_as_no_text_says_to_quote_it(standard_site: FixtureSite) -> None:
    # Norwegian's tag is YAML 1.1's false when unquoted.
    standard_site.write("journeys/laptop.md", _with_lang(JOURNEY, "title", "no"))
    assert _errors(standard_site) == ["journeys/laptop.md:3:7: lang: expected text, found `no`, which YAML reads as "
                                      "true/false (false); put it in quotes if you meant text"]
    standard_site.write("journeys/laptop.md", _with_lang(JOURNEY, "title", "'no'"))
    assert _errors(standard_site) == []


def test_pages_carry_their_language_and_the_sites_by_default(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path, language="de").standard()
    site.write("journeys/laptop.md", _with_lang(JOURNEY, "title", "hu"))
    built = site.build()
    assert built.code == 0, built.output
    for page in ("journeys/laptop", "compare/laptop", "wall/laptop"):
        assert '<div lang="hu">' in built.page(page), page
    # Undeclared: the site's language (theme.language), also on the site-wide pages.
    for page in ("personas/anna", "rounds/r2", ""):
        html = built.page(page) if page else (built.site / "index.html").read_text("utf-8")
        assert '<div lang="de">' in html and 'lang="hu"' not in html, page


def _content(html: str) -> str:
    """What Material's content column holds: the article after its title."""
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    return article.split("</article>", 1)[0]


def test_the_hungarian_journey_page_content_is_marked_hungarian() -> None:
    built = built_site()
    assert built.returncode == 0, built.stderr
    paths = [p for p in built.pages() if re.fullmatch(r"/[^/]+/journeys/laptop-request/", p)]
    assert paths, "the example has no Hungarian journey page"
    for path in paths:
        content = _content(built.html(path))
        # One element holds the whole content the plugin rendered: the journey map, the curve, the touchpoints.
        wrapper = re.search(r'<div lang="hu">(.*)</div>\s*(?:<form class="md-feedback"|$)', content, re.S)
        assert wrapper is not None, path
        assert "Új laptop igénylése" in wrapper.group(1) or "laptop" in wrapper.group(1), path
    expected = {"journeys/clinic-visit": "ru", "journeys/museum-visit": "bg", "journeys/online-purchase": "en",
                "wall/laptop-request": "hu", "compare/museum-visit": "bg", "feedback/clinic-visit": "ru",
                "personas/eszter-kovacs": "hu", "personas/maria-petrova": "bg", "personas/olga-ivanova": "ru"}
    newest = paths[-1].split("/")[1]
    for page, lang in expected.items():
        assert f'<div lang="{lang}">' in _content(built.html(f"/{newest}/{page}/")), page


# A word of each language of the example, and the journey search must find for it.
SEARCHED = {"Запись": "clinic-visit", "опашката": "museum-visit", "гардероб": "museum-visit",
            "átadáskor": "laptop-request", "Садовая": "clinic-visit"}


def test_search_finds_a_russian_a_bulgarian_and_a_hungarian_word(browser: Browser) -> None:  # noqa: F811
    built = built_site()
    assert built.returncode == 0, built.stderr
    newest = [p for p in built.pages() if re.fullmatch(r"/[^/]+/", p)][-1]  # the newest round's home page
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        with served(built.site) as url:
            for word, journey in SEARCHED.items():
                page.goto(url + newest)
                assert journey in _search(page, word), word
    finally:
        context.close()


def _search(page: Page, word: str) -> list[str]:
    """The journeys among Material's search results for a word typed into its search field."""
    field = page.locator("input.md-search__input")
    field.click()
    field.type(word)
    # Material reads the field when a key is released; Playwright types letters outside the US keyboard layout
    # (Cyrillic, ő) without key events, which no reader's keyboard does. A key release, as any keyboard sends.
    field.press("End")
    page.wait_for_selector(".md-search-result__item")
    found = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    return sorted({m.group(1) for href in found if (m := re.search(r"/journeys/([a-z0-9-]+)/", href))})

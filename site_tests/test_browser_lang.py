"""The language a journey, persona or round declares marks more than its content (issue 12.5): the page's title (its
h1, and the title in the header), and its entry in the navigation of every page, so screen readers and hyphenation
follow it there too. A page that mixes languages in its title (a comparison: the journey's title and the site's
words) keeps the site's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

# The fixtures of the browser tests: the example site built once, served from 127.0.0.1, and Chromium.
from test_browser import base_url, browser, built_site, only_local, page, site  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The example's journeys and personas and the languages they declare (the site's is en).
DECLARED = {"/2026-q3/journeys/clinic-visit/": "ru", "/2026-q3/journeys/laptop-request/": "hu",
            "/2026-q3/journeys/museum-visit/": "bg", "/2026-q3/personas/olga-ivanova/": "ru",
            "/2026-q1/personas/eszter-kovacs/": "hu"}


def test_the_title_of_a_page_carries_its_declared_language(site: object) -> None:  # noqa: F811
    built = built_site()
    for path, lang in DECLARED.items():
        h1 = re.search(r"<h1[^>]*>", built.html(path))
        assert h1 and h1.group(0) == f'<h1 lang="{lang}">', (path, h1)
    # The site's own language is not repeated; in a title that adds the site's words to a journey's title, only the
    # journey's title takes its language.
    assert "<h1>Buying homeware online</h1>" in built.html("/2026-q3/journeys/online-purchase/")
    assert '<h1><span lang="ru">Визит в клинику: от записи до результатов</span> — Rounds side by side</h1>' in \
        built.html("/2026-q3/compare/clinic-visit/")
    assert '<h1><span lang="hu">Új laptop igénylése</span> — feedback map</h1>' in \
        built.html("/2026-q3/feedback/laptop-request/")


def test_navigation_entries_and_the_header_carry_the_language(page: Page, base_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base_url + "/2026-q3/journeys/clinic-visit/")
    page.wait_for_function("document.querySelector('a.md-nav__link[lang]') !== null")
    marked = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('a.md-nav__link[lang]')]
        .map(a => [new URL(a.href).pathname, a.lang]))""")
    assert marked["/2026-q3/journeys/clinic-visit/"] == "ru"
    assert {marked[p] for p in ("/2026-q3/personas/olga-ivanova/", "/2026-q3/personas/maria-petrova/")} == {"ru", "bg"}
    # Entries in the site's language stay unmarked, and so do links to the headings of a page.
    assert "/2026-q3/personas/sam-carter/" not in marked and "/2026-q3/" not in marked
    assert page.locator('a.md-nav__link[lang][href^="#"]').count() == 0
    assert page.locator('[data-md-component="header-topic"] .md-ellipsis').get_attribute("lang") == "ru"
    # Another round's site, another kind of page: a persona's.
    page.goto(base_url + "/2026-q1/personas/eszter-kovacs/")
    page.wait_for_function("document.querySelector('a.md-nav__link[lang]') !== null")
    assert page.locator('a.md-nav__link[lang="hu"]', has_text="Kovács Eszter").count() >= 1

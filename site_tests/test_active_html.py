"""Active HTML in Markdown bodies: found with its line and column, a warning in `journeys check` and builds unless
the site opts in (allow_raw_html), and cleaned away at build with `sanitize: true`."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import FixtureSite
from mkdocs_journeys.adapter.config import read_options
from mkdocs_journeys.format.activehtml import clean, find, mask_code, page_problems
from mkdocs_journeys.format.options import OptionError
from mkdocs_journeys.format.sourcetree import page_bodies
from test_browser import browser, only_local, served  # noqa: F401 - the Chromium fixture of the browser tests

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def _positions(body: str, first_line: int = 1) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in find(body, first_line)]


@pytest.mark.parametrize(("body", "position", "words"), [
    ("<script>alert(1)</script>", (1, 1), "<script> runs script"),
    ("Text <script src=x.js></script>", (1, 6), "<script>"),
    ("a\n  <iframe src=https://e.org></iframe>", (2, 3), "<iframe> embeds another page"),
    ("<frame src=x>", (1, 1), "<frame>"),
    ("x <object data=x.swf></object>", (1, 3), "<object>"),
    ("<embed src=x.swf>", (1, 1), "<embed>"),
    ("<base href=https://e.org/>", (1, 1), "<base> changes where"),
    ("<form action=https://e.org><input name=p></form>", (1, 1), "<form> sends what readers type"),
    ('<link rel="stylesheet" href="https://e.org/x.css">', (1, 1), "<link>"),
    ('<meta http-equiv="refresh" content="0; url=https://e.org">', (1, 1), "<meta http-equiv>"),
    ("<style>@import 'https://e.org/x.css';</style>", (1, 1), "<style> loads a style sheet"),
    ("<style>\np { background: url(//e.org/x.png) }\n</style>", (1, 1), "<style> loads"),
    ('<img src="pic.png" onerror="alert(1)">', (1, 20), "the onerror= attribute of <img> runs script"),
    ('<img src=x\n     ONLOAD=alert(1)>', (2, 6), "the onload= attribute of <img>"),
    ("<svg onload=alert(1)>", (1, 6), "the onload= attribute of <svg>"),
    ('<a href="javascript:alert(1)">x</a>', (1, 4), "a 'javascript:' address in the href= attribute of <a>"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', (1, 4), "'javascript:'"),
    ('<a href="java&#115;cript:alert(1)">x</a>', (1, 4), "'javascript:'"),
    ('<a href="java\tscript:alert(1)">x</a>', (1, 4), "'javascript:'"),
    ('<a href="vbscript:msgbox(1)">x</a>', (1, 4), "'vbscript:'"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', (1, 6), "a 'data:' address in the src= attribute"),
    ('<form><button formaction="javascript:alert(1)">go</button></form>', (1, 15), "formaction="),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', (1, 9), "xlink:href="),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', (1, 9), "the srcdoc= attribute"),
    ('<div style="background: url(https://e.org/track.png)">x</div>', (1, 6), "the style= attribute of <div> loads"),
    ('<div data-journeys-chart="journeys-chart-1">x</div>', (1, 6), "read by the site's chart script"),
    ("See [here](javascript:alert(1)).", (1, 12), "a Markdown link or image to a 'javascript:' address"),
    ("See [here]( <javascript:alert(1)> ).", (1, 14), "'javascript:'"),
    ("![pic](data:image/svg+xml;base64,PHN2Zz4=)", (1, 8), "a Markdown link or image to a 'data:' address"),
    ("Text [x][r].\n\n[r]: javascript:alert(1)", (3, 6), "a Markdown link or image to a 'javascript:' address"),
    ("[r]:\n   vbscript:msgbox(1)", (2, 4), "'vbscript:'"),
])
def test_each_construct_is_found_at_its_line_and_column(body: str, position: tuple[int, int], words: str) -> None:
    found = find(body)
    assert any((f.line, f.col) == position and words in f.message for f in found), found


def test_positions_count_from_the_first_line_of_the_body() -> None:
    assert _positions("ok\n<script></script>", first_line=7) == [(8, 1)]
    assert _positions("<iframe srcdoc=x onload=y>", first_line=3) == [(3, 1), (3, 9), (3, 18)]


@pytest.mark.parametrize("body", [
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    "~~~~\n<iframe src=x></iframe>\n```\nstill code\n~~~~",
    "- item\n\n    ```html\n    <script>alert(1)</script>\n    ```",
    "Use `<script>` or ``<a href=\"javascript:x\">`` in text.",
    "A span over two lines: `<img src=x\nonerror=alert(1)>` ends here.",
    "<!-- <script>alert(1)</script> -->",
    "<details><summary>More</summary>\n\nText\n</details>",
    '<span class="journeys-note" title="Hi" aria-label="x" data-note="1">x</span>',
    '<img src="pic.png" alt="A picture" width="200"> <a href="https://example.org/">out</a> '
    '<a href="../other/">in</a> <a href="mailto:a@example.org">mail</a> <a href="#top">top</a>',
    "[a](https://example.org/) ![b](pic.png) [c](other.md#x) [d]: data.md\n[^1]: javascript: is a language",
    "Words such as ondemand= or one= outside a tag are text.",
    "<style>p { color: red; background: url(pic.png) }</style>",
    "A < B and C > D, x<y, 3 << 4, <3.",
])
def test_code_samples_and_harmless_html_are_not_found(body: str) -> None:
    assert find(body) == []


def test_what_is_not_code_is_found() -> None:
    # Indented code is not recognised: four spaces also continue a list item, where HTML is live.
    assert _positions("Text\n\n    <script>alert(1)</script>") == [(3, 5)]
    # An unclosed fence is text to Python-Markdown, so its HTML is live.
    assert _positions("```\n<script>alert(1)</script>") == [(2, 1)]
    # Backticks in a raw HTML block are not a code span: Python-Markdown keeps the block as written.
    assert _positions("<div>\n`<script>alert(1)</script>`\n</div>") == [(2, 2)]
    # An escaped backtick opens no code span.
    assert _positions("\\`<script>alert(1)</script>`") == [(1, 3)]


def test_masking_keeps_length_and_lines() -> None:
    body = "a `<b>`\n```\n<script>\n```\nc"
    masked = mask_code(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert "<b>" not in masked and "<script>" not in masked and masked.startswith("a ") and masked.endswith("c")


def test_page_problems_are_warnings_at_file_positions(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    # A byte order mark and Windows line ends change no position.
    page.write_bytes("\ufeff---\r\ntitle: T\r\n---\r\nText <img src=x onerror=alert(1)>\r\n<script>x</script>\r\n"
                     .encode("utf-8"))
    [first, second] = page_problems(page_bodies([page]))
    assert first.severity == "warning" and (first.line, first.col) == (4, 17)
    assert "active HTML: the onerror= attribute of <img> runs script in readers' browsers" in first.message
    assert "allow_raw_html: true" in first.message and "sanitize: true" in first.message
    assert (second.line, second.col) == (5, 1) and str(second).endswith(second.message)
    assert ":5:1: warning: active HTML: <script> runs script" in str(second)


def test_clean_removes_active_html_and_keeps_markdown_output() -> None:
    html = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<p>x <script>alert(1)</script><img src="pic.png" alt="p" onerror="alert(1)">'
            '<a href="javascript:alert(1)">j</a><a href="../b/">b</a><a href="https://e.org/">e</a></p>'
            '<iframe src="https://e.org"></iframe><form action="x"><button formaction="y">z</button></form>'
            '<table><thead><tr><th style="text-align: left;">h</th></tr></thead><tbody><tr><td>1</td></tr></tbody>'
            '</table><div class="admonition note"><p class="admonition-title">Note</p></div>'
            '<details class="tip" open><summary>S</summary><p>d</p></details>'
            '<div data-journeys-mermaid="1"></div><div data-journeys-chart="c" data-tabs="1:2" aria-label="l">t</div>'
            '<div class="highlight"><pre><span></span><code><span class="k">def</span></code></pre></div>'
            '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled checked> t</li></ul>'
            '<style>p{}</style><base href="https://e.org/"><object data="x"></object>')
    out = clean(html)
    for gone in ("<script", "alert", "onerror", "javascript", "<iframe", "<form", "formaction", "<style", "<base",
                 "<object", "data-journeys-chart"):
        assert gone not in out, gone
    for kept in ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>',
                 '<img src="pic.png" alt="p">', '<a href="../b/">b</a>', '<a href="https://e.org/">e</a>',
                 '<th style="text-align:left">h</th>', '<div class="admonition note">',
                 '<details class="tip" open="">', '<div data-journeys-mermaid="1"></div>',
                 '<div aria-label="l" data-tabs="1:2">t</div>', '<span class="k">def</span>',
                 '<input type="checkbox" disabled="" checked="">'):
        assert kept in out, kept


class _Elements(HTMLParser):
    """The tags and attribute names of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


HOSTILE_JOURNEY_BODY = """\
## Background

The body of the journey.
<script>document.body.dataset.pwned = 1</script>
"""

HOSTILE_PAGE = """\
# About

| Column | Other |
|--------|-------|
| cell   | more  |

!!! note "Heads up"
    An admonition.

See [the journey](journeys/laptop.md) and <img src="x" onerror="document.body.dataset.pwned=2">
[click](javascript:document.body.dataset.pwned=3)
"""


def _hostile(site: FixtureSite) -> FixtureSite:
    journey = (site.docs / "journeys/laptop.md").read_text("utf-8")
    site.write("journeys/laptop.md",
               journey.replace("## Background\n\nThe body of the journey.\n", HOSTILE_JOURNEY_BODY))
    site.write("about.md", HOSTILE_PAGE)
    return site


def _site(tmp_path: Path, options: str = "") -> FixtureSite:
    site = FixtureSite(tmp_path, plugin_options=f":\n      {options}" if options else "")
    with (site.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions:\n  - admonition\n  - tables\n")
    return _hostile(site.standard())


def test_check_warns_with_file_positions_and_strict_fails(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = site.journeys("check")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "docs/about.md:10:56: warning: active HTML: the onerror= attribute of <img> runs script in readers' " \
           "browsers; remove it" in result.stderr
    assert any(line.startswith("docs/about.md:11:9: warning: active HTML: a Markdown link or image to a "
                               "'javascript:' address") for line in lines), lines
    # The journey's front matter ends on line 20: its body's <script> is on line 24 of the file.
    front = (site.docs / "journeys/laptop.md").read_text("utf-8").split("\n").index("<script>document.body."
                                                                                    "dataset.pwned = 1</script>") + 1
    assert f"docs/journeys/laptop.md:{front}:1: warning: active HTML: <script> runs script" in result.stderr
    assert "3 warnings" in result.stderr and "OK: 1 journey," in result.stdout
    strict = site.journeys("check", "--strict")
    assert strict.returncode == 1 and "3 problems found." in strict.stderr
    github = site.journeys("check", "--format", "github").stdout.splitlines()
    assert any(g.startswith("::warning file=docs/about.md,line=10,col=56,title=journeys::active HTML") for g in github)
    assert len(github) == 3 and all(g.startswith("::warning ") for g in github)


def test_strict_build_fails_and_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    built = site.build()
    assert built.code == 1
    assert "docs/about.md:10:56: warning: active HTML: the onerror= attribute" in built.output
    assert not built.site.exists()
    # A build that is not strict warns and goes on, as MkDocs does with its own warnings.
    lenient = site.build(strict=False)
    assert lenient.code == 0 and "active HTML" in lenient.output


def test_allow_raw_html_silences_the_warnings(tmp_path: Path) -> None:
    site = _site(tmp_path, "allow_raw_html: true")
    check = site.journeys("check", "--strict")
    assert check.returncode == 0 and "active HTML" not in check.stderr, check.stderr
    built = site.build()
    assert built.code == 0, built.output
    # As authored: the site trusts its authors.
    assert "<script>document.body.dataset.pwned = 1</script>" in built.page("journeys/laptop")


def test_sanitize_cleans_bodies_and_keeps_markdown(tmp_path: Path) -> None:
    site = _site(tmp_path, "sanitize: true")
    site.write("notes.md", "# Notes\n\n```journey\ntitle Quick\nsection Start\n  Arrive: 4: Ann\n```\n")
    check = site.journeys("check", "--strict")
    assert check.returncode == 0 and "active HTML" not in check.stderr, check.stderr
    built = site.build()
    assert built.code == 0, built.output
    for page in ("about", "journeys/laptop", "notes", "."):
        html = built.page(page)
        elements = _elements(html)
        assert "pwned" not in html, page
        assert not [a for a in elements.attributes if re.fullmatch(r"on[a-z]+", a)], page
        assert not [s for s in elements.scripts if "pwned" in s], page
    about = built.page("about")
    assert "<table>" in about and "<td>cell</td>" in about
    assert '<div class="admonition note">' in about and "An admonition." in about
    assert '<a href="../journeys/laptop/">the journey</a>' in about
    assert '<img src="x">' in about and ">click</a>" in about
    journey = built.page("journeys/laptop")
    assert 'id="background"' in journey and "The body of the journey." in journey
    assert "data-journeys-chart=" in journey  # the plugin's own chart is not the author's HTML
    # The journey diagram's placeholder survives the cleaning and becomes the plugin's chart and table.
    assert 'data-journeys-chart="journeys-chart-mermaid-1"' in built.page("notes")


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False), ("null", False), ("", False)])
def test_both_fronts_read_the_options_alike(tmp_path: Path, value: str, expected: bool) -> None:
    site = FixtureSite(tmp_path, plugin_options=f":\n      allow_raw_html: {value}\n      sanitize: {value}")
    site.standard().write("about.md", "<script>x</script>\n")
    options = read_options(site.root / "mkdocs.yml")
    assert options.allow_raw_html is expected and options.sanitize is expected
    assert (site.journeys("check", "--strict").returncode == 0) is expected
    assert (site.build().code == 0) is expected


def test_a_value_that_is_not_a_switch_is_refused_by_both_fronts(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path, plugin_options=":\n      sanitize: 'on please'").standard()
    with pytest.raises(OptionError, match=r"sanitize.*Expected type: <class 'bool'>"):
        read_options(site.root / "mkdocs.yml")
    assert site.journeys("check").returncode == 2
    built = site.build()
    assert built.code == 1 and "sanitize" in built.output


def test_the_example_has_no_active_html() -> None:
    repo = Path(__file__).resolve().parent.parent
    from mkdocs_journeys.format.sourcetree import walk

    tree = walk(repo / "journeys", [repo / "theme"], repo)
    assert tree.pages and page_problems(page_bodies(tree.pages)) == []


def test_an_author_element_with_a_chart_id_does_not_become_the_chart(
        tmp_path: Path, browser: Browser) -> None:  # noqa: F811
    # An element of the body that carries the id of the plugin's chart spec comes first in the page; the chart
    # script reads the spec next to its chart, never whatever element has that id.
    site = _site(tmp_path, "sanitize: true")
    decoy = json.dumps({"mark": "text", "data": {"values": [{"t": "AUTHOR SPEC"}]},
                        "encoding": {"text": {"field": "t"}}})
    site.write("notes.md", f'# Notes\n\n<p id="journeys-chart-mermaid-1">{html.escape(decoy, quote=False)}</p>\n\n'
                           "```journey\ntitle Quick\nsection Start\n  Arrive: 4: Ann\n  Leave: 2: Ann\n```\n")
    built = site.build()
    assert built.code == 0, built.output
    assert 'id="journeys-chart-mermaid-1">{' in built.page("notes")
    context = browser.new_context()
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        with served(built.site) as url:
            page.goto(f"{url}/notes/")
            page.wait_for_function("() => document.querySelector('[data-journeys-chart]')"
                                   ".getAttribute('data-drawn') === 'yes'", timeout=20_000)
            chart = page.locator("[data-journeys-chart]").first.inner_html()
    finally:
        context.close()
    assert "AUTHOR SPEC" not in chart and "<svg" in chart

"""Active HTML in the Markdown bodies of pages: found for `journeys check`, or cleaned away at build.

MkDocs renders the raw HTML of a Markdown body as written, so an author's `<script>`, `onerror=` handler or
`javascript:` link runs in every reader's browser. `find` reports each such construct with its line and column;
`clean` removes them from a page's HTML (the `sanitize: true` option) and keeps what Markdown, the extensions
Material documents and pymdownx render.

What is reported:
- elements that run script or load other documents or code: `<script>`, `<iframe>`, `<frame>`, `<frameset>`,
  `<object>`, `<embed>`, `<applet>`, `<base>`, `<form>`, `<link>`, `<meta http-equiv=...>` (a refresh sends readers
  elsewhere), and `<style>` blocks that `@import` a style sheet or use `url(...)` with an address outside the site;
- attributes: every event handler (`on...=`), `srcdoc=`, the plugin's own `data-journeys-*` attributes (its chart
  script reads them), `style=` with `url(...)` outside the site, and `javascript:`, `vbscript:` or `data:` addresses
  in `href`, `src`, `action`, `formaction`, `xlink:href` and the other attributes that hold an address;
- Markdown links, images and reference definitions to `javascript:`, `vbscript:` or `data:` addresses.

Code is not reported: fenced code blocks (``` or ~~~) and code spans (`...`) are masked first. Indented code
blocks are not recognised (four spaces also continue a list item, whose HTML is live): a sample of HTML is shown in
a fenced block or a code span. Code spans inside a raw HTML block (a block-level tag at the start of a line, as
Python-Markdown reads it) are not code either, and are looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import nh3

from .problems import Problem, display_path, warning
from .sourcetree import PageBody

_HOW_TO = ("remove it, or show it as code in backticks or a fenced block; a site whose authors are all trusted "
           "sets allow_raw_html: true under the journeys plugin in mkdocs.yml, or sanitize: true to clean "
           "bodies at build (which turns this check off)")

_ELEMENTS = {
    "script": "runs script in readers' browsers",
    "iframe": "embeds another page, whose script runs, in this one",
    "frame": "embeds another page, whose script runs, in this one",
    "frameset": "replaces the page with frames of other pages",
    "object": "loads a plugin or another page, which may run script",
    "embed": "loads a plugin or another page, which may run script",
    "applet": "loads a Java applet",
    "base": "changes where every relative link and script of the page leads",
    "form": "sends what readers type to an address of the author's choosing",
    "link": "loads a style sheet or other file into every reader's browser",
}
# Attributes that hold an address (lower case, as HTMLParser reports them).
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
                   "codebase", "dynsrc", "lowsrc", "ping", "manifest", "icon", "srcset"}
_SCHEMES = ("javascript:", "vbscript:", "data:")
# What browsers leave out of an address before they read its scheme: ASCII tabs and line breaks anywhere,
# spaces and controls at the start.
_IGNORED_IN_URL = str.maketrans("", "", "\t\n\r")
# url(...) or @import to somewhere outside the site: a scheme or a protocol-relative address.
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//|\\)", re.IGNORECASE)
# Python-Markdown's block-level elements: one at the start of a line opens a raw HTML block.
_BLOCK_LEVEL = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
                "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main",
                "menu", "nav", "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt",
                "group", "html", "iframe", "li", "legend", "math", "map", "noscript", "output", "object", "option",
                "progress", "script", "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr",
                "video", "center"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_FENCE_OPEN = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
# [text](address ...) and ![alt](address ...); the address may be written in <...>.
_INLINE_LINK = re.compile(r"\]\(\s*<?")
# [label]: address (not a footnote, [^1]: ...).
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\n?[ \t]*<?", re.MULTILINE)


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of active HTML; line and column count from 1 in the text scanned (plus its first line)."""

    line: int
    col: int
    message: str


def find(body: str, first_line: int = 1) -> list[Finding]:
    """Every piece of active HTML in a Markdown body whose first line is line `first_line` of its file."""
    masked = mask_code(body)
    scanner = _Scanner(masked, first_line)
    scanner.feed(masked)
    scanner.close()
    found = scanner.found + _markdown_links(masked, first_line)
    return sorted(set(found))


def page_problems(pages: list[PageBody]) -> list[Problem]:
    """A warning for each piece of active HTML in the bodies of the Markdown pages."""
    return [warning(display_path(page.path), found.line, found.col, f"active HTML: {found.message}; {_HOW_TO}")
            for page in pages for found in find(page.body, page.first_line)]


def mask_code(body: str) -> str:
    """The body with fenced code blocks and code spans outside raw HTML blocks blanked out: the same length,
    line breaks kept, so positions in it are positions in the body."""
    text = _mask_fences(body)
    raw = _raw_blocks(text)

    def blank(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in raw):
            return match.group(0)
        return _blank(match.group(0))

    return _CODE_SPAN.sub(blank, text)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_fences(body: str) -> str:
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if opening is None or (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            i += 1
            continue
        fence = opening.group(1)
        closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), None)
        if end is None:  # Python-Markdown reads an unclosed fence as text, its HTML included
            i += 1
            continue
        for j in range(i, end + 1):
            lines[j] = _blank(lines[j])
        i = end + 1
    return "\n".join(lines)


class _Offsets:
    """Offsets in a text from HTMLParser's (line, column) positions."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col


class _RawBlocks(HTMLParser):
    """Where Python-Markdown keeps HTML as written: from a block-level tag at the start of a line to its end tag."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.offsets = text, _Offsets(text)
        self.blocks: list[tuple[int, int]] = []
        self.open: tuple[str, int, int] | None = None  # tag, depth, start offset

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.offsets.at(*self.getpos())
        if self.open is not None:
            if tag == self.open[0] and tag not in _VOID:
                self.open = (tag, self.open[1] + 1, self.open[2])
            return
        line_start = self.text.rfind("\n", 0, start) + 1
        if tag in _BLOCK_LEVEL and start - line_start <= 3 and not self.text[line_start:start].strip():
            if tag in _VOID:
                return
            self.open = (tag, 1, start)

    def handle_endtag(self, tag: str) -> None:
        if self.open is None or tag != self.open[0]:
            return
        if self.open[1] > 1:
            self.open = (tag, self.open[1] - 1, self.open[2])
            return
        self.blocks.append((self.open[2], self.offsets.at(*self.getpos())))
        self.open = None


def _raw_blocks(text: str) -> list[tuple[int, int]]:
    parser = _RawBlocks(text)
    parser.feed(text)
    parser.close()
    if parser.open is not None:
        parser.blocks.append((parser.open[2], len(text)))
    return parser.blocks


def _scheme(value: str) -> str | None:
    """The dangerous scheme an address starts with, as a browser reads it (character references decoded)."""
    address = unescape(value).translate(_IGNORED_IN_URL).lstrip("".join(map(chr, range(0x21)))).lower()
    return next((s for s in _SCHEMES if address.startswith(s)), None)


def _why_scheme(scheme: str) -> str:
    if scheme == "data:":
        return "can hold a whole page with script; save the content as a file in the docs folder and link to it"
    return "runs script when a reader follows it"


class _Scanner(HTMLParser):
    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[Finding] = []
        self.style_at: tuple[int, int] | None = None  # where an open <style> element starts

    def _add(self, line: int, col: int, message: str) -> None:
        self.found.append(Finding(self.first_line + line - 1, col + 1, message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if tag in _ELEMENTS:
            self._add(line, col, f"<{tag}> {_ELEMENTS[tag]}")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self._add(line, col, "<meta http-equiv> can send readers to another address (refresh) or set cookies")
        if tag == "style":
            self.style_at = (line, col)
        raw = self.get_starttag_text() or ""
        for name, value in attrs:
            where = self._attribute(raw, name, line, col)
            if name.startswith("on") and name[2:].isalpha():
                self._add(*where, f"the {name}= attribute of <{tag}> runs script in readers' browsers")
            elif name == "srcdoc":
                self._add(*where, f"the srcdoc= attribute of <{tag}> holds a whole page, script included")
            elif name.startswith("data-journeys-"):
                self._add(*where, f"the {name}= attribute of <{tag}> is read by the site's chart script")
            elif name == "style" and value and _EXTERNAL_CSS.search(value):
                self._add(*where, f"the style= attribute of <{tag}> loads a file from another address")
            elif name in _URL_ATTRIBUTES and value:
                scheme = _scheme(value)
                if scheme:
                    self._add(*where, f"a '{scheme}' address in the {name}= attribute of <{tag}> "
                                      f"{_why_scheme(scheme)}")

    def handle_data(self, data: str) -> None:
        if self.style_at is not None and _EXTERNAL_CSS.search(data):
            self._add(*self.style_at, "<style> loads a style sheet or file from another address, and styles the "
                                      "whole page")
            self.style_at = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.style_at = None

    @staticmethod
    def _attribute(raw: str, name: str, line: int, col: int) -> tuple[int, int]:
        """Line and column (from 0) of attribute `name` in the start tag `raw` that starts at (line, col)."""
        match = re.search(rf"(?<=[\s\"'/]){re.escape(name)}(?=[\s=/>]|$)", raw, re.IGNORECASE)
        if match is None:
            return line, col
        before = raw[: match.start()]
        breaks = before.count("\n")
        return (line + breaks, match.start() - before.rfind("\n") - 1) if breaks else (line, col + match.start())


def _markdown_links(text: str, first_line: int) -> list[Finding]:
    found = []
    offsets = [m.end() for m in _INLINE_LINK.finditer(text)] + [m.end() for m in _REFERENCE.finditer(text)]
    for start in offsets:
        address = re.match(r"[^\s>)]*", text[start:])
        scheme = _scheme(address.group(0)) if address else None
        if scheme is None:
            continue
        line = text.count("\n", 0, start)
        col = start - (text.rfind("\n", 0, start) + 1)
        found.append(Finding(first_line + line, col + 1, f"a Markdown link or image to a '{scheme}' address "
                                                         f"{_why_scheme(scheme)}"))
    return found


# What `clean` keeps: Python-Markdown's output and what Material's and pymdownx's extensions render (admonitions,
# details, tabs, task lists, footnotes, code highlighting, emoji and icons as inline SVG).
_TAGS = set(nh3.ALLOWED_TAGS) | {"tfoot", "input", "label", "svg", "path", "g", "circle", "rect", "line", "polyline",
                                 "polygon", "ellipse", "title"}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
for _tag, _names in {
    "*": {"class", "id", "title", "lang", "dir", "role", "tabindex"},
    "a": {"name"},
    "img": {"loading", "title"},
    "th": {"style"},
    "td": {"style"},
    "details": {"open"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "ol": {"type"},
    "li": {"value"},
    "svg": {"xmlns", "viewBox", "width", "height", "fill", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule", "stroke", "stroke-width", "transform"},
    "g": {"fill", "stroke", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "polyline": {"points", "fill", "stroke"},
    "polygon": {"points", "fill", "stroke"},
    "ellipse": {"cx", "cy", "rx", "ry", "fill", "stroke"},
}.items():
    _ATTRIBUTES.setdefault(_tag, set()).update(_names)
_PLACEHOLDER = re.compile(r"\d+")


def _keep(tag: str, name: str, value: str) -> str | None:
    """The plugin's own data-journeys-* attributes are the plugin's: only the journey-diagram placeholder that
    it put into the Markdown stays."""
    if name.startswith("data-journeys-"):
        return value if tag == "div" and name == "data-journeys-mermaid" and _PLACEHOLDER.fullmatch(value) else None
    if tag == "input" and name == "type" and value not in ("checkbox", "radio"):
        return None
    return value


def clean(html: str) -> str:
    """The HTML of a Markdown body without script, event handlers, embedded documents, forms, style sheets and
    addresses other than relative, http(s), mailto and tel ones; ordinary Markdown output stays."""
    return nh3.clean(html, tags=_TAGS, clean_content_tags={"script", "style"}, attributes=_ATTRIBUTES,
                     attribute_filter=_keep, generic_attribute_prefixes={"data-", "aria-"}, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"}, filter_style_properties={"text-align"})

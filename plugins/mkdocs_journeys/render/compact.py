"""The indentation of a page's HTML, left out: the theme's frame (header, navigation, footer) is indented line by
line, a sixth of a journey page on a 500-journey site. A run of white space between tags reads as one space
however long it is, so dropping the spaces after a line break changes nothing a reader sees; text where white
space counts (pre, code, kbd, textarea, script) is left exactly as it is."""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|code|kbd|textarea|script)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def without_indentation(html: str) -> str:
    """The page with each line break's following spaces, tabs and blank lines left out, outside the elements
    whose white space counts."""
    parts = _KEPT.split(html)
    # split gives: text, (whole kept element, its tag name), text, ...
    found = []
    for index in range(0, len(parts), 3):
        found.append(_INDENT.sub("\n", parts[index]))
        if index + 1 < len(parts):
            found.append(parts[index + 1])
    return "".join(found)

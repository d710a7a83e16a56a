"""A page's indentation is left out where white space does not count (render/compact.py), kept where it does."""

from __future__ import annotations

from mkdocs_journeys.render.compact import without_indentation


def test_indentation_and_blank_lines_between_tags_go() -> None:
    html = "<nav>\n      <ul>\n\n        <li><a href='x'>Journeys</a></li>\n      </ul>\n    </nav>"
    assert without_indentation(html) == "<nav>\n<ul>\n<li><a href='x'>Journeys</a></li>\n</ul>\n</nav>"


def test_white_space_that_counts_stays_as_written() -> None:
    kept = ["<pre><code>def f():\n    return 1\n</code></pre>", "<code>a\n    b</code>", "<kbd>\n  Ctrl</kbd>",
            "<textarea>\n  typed\n</textarea>", '<script type="application/json">{\n  "a": 1\n}</script>']
    for element in kept:
        assert element in without_indentation(f"<div>\n    {element}\n    <p>\n      text</p>\n</div>")
    assert without_indentation("<div>\n    <p>\n      text</p>\n</div>") == "<div>\n<p>\ntext</p>\n</div>"

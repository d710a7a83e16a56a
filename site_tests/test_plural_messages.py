"""Counted words take their form (issue 14.4): no message of the package says "file(s)"; counts go through
locales.plural.count, which knows the forms of every language of the site."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mkdocs_journeys.locales.plural import Counted, count

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "mkdocs_journeys"
# A word with its plural ending in brackets: "file(s)", "entry(ies)", "match(es)".
BRACKETED = re.compile(r"[A-Za-z]\((?:s|es|ies)\)")
# Messages with "(s)" in files of other owners, each to be rewritten with count() and then taken off this list:
# (file inside the package, the word as it stands).
PENDING: set[tuple[str, str]] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: prose about the code, not messages."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _bracketed_plurals() -> set[tuple[str, str]]:
    """Every "word(s)" in a string of the package's code (docstrings aside) and in its templates."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                for match in BRACKETED.finditer(node.value):
                    start = node.value.rfind(" ", 0, match.start()) + 1
                    found.add((path.relative_to(PACKAGE).as_posix(), node.value[start:match.end()]))
    for path in sorted(PACKAGE.rglob("*.html")):
        for match in BRACKETED.finditer(path.read_text("utf-8")):
            found.add((path.relative_to(PACKAGE).as_posix(), match.group()))
    return found


def test_no_message_says_word_s() -> None:
    found = _bracketed_plurals()
    assert sorted(found - PENDING) == [], "say the count with locales.plural.count(n, 'file', 'files')"


def test_the_scan_finds_a_bracketed_plural() -> None:
    tree = ast.parse('"""A docstring about file(s)."""\nmessage = f"locked {n} file(s)"\n')
    skip = _docstrings(tree)
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and id(n) not in skip]
    assert [m.group() for t in texts for m in BRACKETED.finditer(t)] == ["e(s)"]


def test_counts_in_the_messages_that_had_brackets() -> None:
    from mkdocs_journeys.exchange.diff_render import _cut

    assert count(1, "file", "files") == "1 file" and count(3, "file", "files") == "3 files"
    assert "… 3 more lines left out to fit a comment" in _cut(["x" * 70_000, "y", "z"])
    assert "… 1 more line left out" in _cut(["x" * 10, "x" * 70_000])


def test_counted_labels_of_the_site_take_the_form_of_their_number() -> None:
    from mkdocs_journeys.locales.labels import labels

    en, bg = labels("en"), labels("bg")
    assert en["map_hint"].format(touchpoints=1, stages=1) == "1 touchpoint in 1 stage, left to right."
    assert en["map_hint"].format(touchpoints=7, stages=3) == "7 touchpoints in 3 stages, left to right."
    assert en["board_count"].format(n=1, stages=1) == "1 touchpoint in 1 stage"
    assert [en["persona_scored"].format(n=n) for n in (1, 4)] == ["(1 touchpoint)", "(4 touchpoints)"]
    assert bg["map_hint"].format(touchpoints=1, stages=1) == "1 точка на контакт в 1 етап, отляво надясно."
    assert bg["map_hint"].format(touchpoints=5, stages=2) == "5 точки на контакт в 2 етапа, отляво надясно."
    assert [bg["persona_scored"].format(n=n) for n in (1, 3)] == ["(1 точка на контакт)", "(3 точки на контакт)"]
    # Every label with a counted word is filled by Counted; a plain string would show the braces.
    for language in ("en", "bg", "hu", "ru"):
        for key, text in labels(language).items():
            if re.search(r"\{\w+\|", text):
                assert isinstance(text, Counted), (language, key)
                assert "|" not in text.format(**dict.fromkeys(re.findall(r"\{(\w+)", text), 2)), (language, key)


def test_counted_in_russian_and_through_pickle() -> None:
    import pickle

    word = Counted("{n} {n|путь|пути|путей}", "ru")
    assert [word.format(n=n) for n in (1, 3, 5, 11, 21)] == ["1 путь", "3 пути", "5 путей", "11 путей", "21 путь"]
    again = pickle.loads(pickle.dumps(word))
    assert isinstance(again, Counted) and again.language == "ru" and again.format(n=2) == "2 пути"

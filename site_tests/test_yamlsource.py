"""Reading YAML with positions: every problem names its line and column and says what to do."""

from __future__ import annotations

import pytest
from mkdocs_journeys.format.yamlsource import YamlProblem, decode, parse, split_front_matter


def test_values_and_keys_remember_line_and_column() -> None:
    doc = parse("title: A\nstages:\n  - id: x\n    title: X\n", first_line=2)
    assert doc.data == {"title": "A", "stages": [{"id": "x", "title": "X"}]}
    assert (doc.values[("stages", 0, "title")].line, doc.values[("stages", 0, "title")].col) == (5, 12)
    assert doc.keys[("stages",)].line == 3


def test_duplicate_key_is_an_error_not_an_overwrite() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: A\nservice: B\ntitle: C\n")
    assert (err.value.line, err.value.col) == (3, 1)
    assert "duplicate key 'title' (first at line 1)" in err.value.message


def test_dates_stay_text_and_booleans_keep_their_source() -> None:
    doc = parse("start: 2026-01-01\nanswer: no\n")
    assert doc.data == {"start": "2026-01-01", "answer": False}
    assert doc.values[("answer",)].text == "no"


def test_tab_indentation_is_explained() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("a:\n\t- b\n")
    assert err.value.line == 2
    assert "tabs" in err.value.message


def test_alias_bomb_stops_early() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 10) + "]")
    with pytest.raises(YamlProblem) as err:
        parse("\n".join(lines))
    assert "alias bomb" in err.value.message


def test_front_matter_split_and_unclosed_front_matter() -> None:
    front, body, body_line = split_front_matter("---\ntitle: A\n---\n# Body\n")
    assert (front, body, body_line) == ("title: A\n", "# Body\n", 4)
    assert split_front_matter("# No front matter\n")[0] is None
    with pytest.raises(YamlProblem, match="never closed"):
        split_front_matter("---\ntitle: A\n# Body\n")


def test_decode_accepts_bom_and_crlf_and_rejects_other_encodings() -> None:
    assert decode("\ufefftitle: A\r\n".encode()) == "title: A\n"
    with pytest.raises(YamlProblem) as err:
        decode("title: ok\nname: K\xf6rte\n".encode("cp1250"))
    assert (err.value.line, err.value.col) == (2, 8)
    assert "not UTF-8" in err.value.message

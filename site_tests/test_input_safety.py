"""No file from outside the project reaches the site, and `journeys check` refuses what a build would refuse.

Symbolic links cannot be committed safely as corpus folders, so their cases are made here in tmp_path: a link
that leaves the project, loops or dangles is an error naming the link and its target, in `journeys check` and
before `mkdocs build --strict` touches site/. Warnings (overlapping rounds, journeys with the same title, broken
journey diagrams in any page) are printed by check, which exits 0 unless --strict, and stop a strict build before
it writes anything. The image and control-character cases are in the malformed corpus (bad_files/).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, FixtureSite, site_files
from mkdocs_journeys.format.images import image_problem
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.format.project import load_project

SECRET = "runner-secret-4f1c"
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?" \
      b"\0\x05\xfe\x02\xfe\xa75\x81\x84\0\0\0\0IEND\xaeB`\x82"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the project, holding what a CI runner keeps there."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secrets.env").write_text(f"TOKEN={SECRET}\n", "utf-8")
    (folder / "face.png").write_bytes(PNG)
    return folder


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path / "project").standard()


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def _link(target: str | Path, at: Path) -> Path:
    at.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, at)
    return at


def _refused_before_writing(site: FixtureSite, message: str) -> None:
    """`mkdocs build --strict` and a plain build stop in on_config, with the message and no traceback; a site
    built before is untouched."""
    (site.root / "site").mkdir(exist_ok=True)
    (site.root / "site" / "earlier.html").write_text("earlier build", "utf-8")
    for strict in (True, False):
        built = site.build(strict=strict)
        assert built.code != 0, built.output
        assert message in built.output
        assert "Traceback" not in built.output
        assert [p.name for p in (site.root / "site").iterdir()] == ["earlier.html"]


@pytest.mark.parametrize("where", ["personas/eve.md", "assets/notes.txt", "rounds/r2/laptop.yaml", "images"])
def test_a_link_out_of_the_project_is_an_error_naming_link_and_target(site: FixtureSite, outside: Path,
                                                                       where: str) -> None:
    target = outside if where == "images" else outside / "secrets.env"
    _link(target, site.docs / where)
    result = site.journeys("check")
    assert result.returncode == 1
    assert _errors(result) == [
        f"docs/{where}:1:1: error: expected a file or folder inside the project folder (where mkdocs.yml is), found "
        f"a symbolic link to '{target}', outside it: the site would publish a file from elsewhere; copy the file "
        f"into the project, or remove the link"]
    # The file behind the link is never read, so nothing of it shows in a message either.
    assert SECRET not in result.stdout + result.stderr
    _refused_before_writing(site, f"docs/{where}:1:1: error: expected a file or folder inside the project folder")
    assert not any(SECRET in p.read_text("utf-8", "replace") for p in site_files(site.root / "site"))


def test_a_link_to_a_folder_of_the_project_is_followed_as_mkdocs_would(site: FixtureSite, outside: Path) -> None:
    # Inside the project a link is fine; the folder it leads to is looked at too.
    shared = site.root / "shared"
    (shared / "logos").mkdir(parents=True)
    (shared / "logos" / "logo.png").write_bytes(PNG)
    _link("../shared", site.docs / "shared")
    assert site.journeys("check").returncode == 0
    _link(outside / "secrets.env", shared / "logos" / "token.txt")
    result = site.journeys("check")
    assert _errors(result) == [
        f"shared/logos/token.txt:1:1: error: expected a file or folder inside the project folder (where mkdocs.yml "
        f"is), found a symbolic link to '{outside / 'secrets.env'}', outside it: the site would publish a file from "
        f"elsewhere; copy the file into the project, or remove the link"]


def test_a_link_in_the_theme_overrides_is_checked_too(site: FixtureSite, outside: Path) -> None:
    site.write("mkdocs.yml", (site.root / "mkdocs.yml").read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: theme\n"), docs=False)
    (site.root / "theme").mkdir()
    _link(outside / "secrets.env", site.root / "theme" / "extra.js")
    result = site.journeys("check")
    assert result.returncode == 1
    assert [e.split(": error: ")[0] for e in _errors(result)] == ["theme/extra.js:1:1"]


def test_a_directory_link_to_its_own_ancestor_is_an_error_not_a_traceback(site: FixtureSite) -> None:
    # `ln -s .. journeys/rounds/2026-q3/again`: MkDocs follows it round and round until it fails.
    _link("..", site.docs / "rounds" / "r2" / "again")
    result = site.journeys("check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = ("docs/rounds/r2/again:1:1: error: expected a symbolic link to a folder that does not contain it, "
                "found a link to 'docs/rounds', a folder that contains the link: following it never ends; remove "
                "the link")
    assert _errors(result) == [expected]
    _refused_before_writing(site, expected)


def test_links_that_lead_to_each_other_are_a_loop(site: FixtureSite) -> None:
    (site.docs / "a").mkdir()
    (site.docs / "b").mkdir()
    _link("../b", site.docs / "a" / "to-b")
    _link("../a", site.docs / "b" / "to-a")
    result = site.journeys("check")
    assert sorted(e.split(": error: ")[0] for e in _errors(result)) == ["docs/a/to-b:1:1", "docs/b/to-a:1:1"]
    assert all("a folder from which links lead back here: following it never ends" in e for e in _errors(result))


@pytest.mark.parametrize("target, says", [
    ("self.md", "found a link to 'self.md' that leads back to itself (a loop of links); remove the link"),
    ("missing.md", "found a link to 'missing.md', which does not exist (No such file or directory)"),
])
def test_a_link_that_loops_or_dangles_is_an_error(site: FixtureSite, target: str, says: str) -> None:
    _link(target, site.docs / "self.md")
    result = site.journeys("check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [error] = _errors(result)
    assert error.startswith("docs/self.md:1:1: error: expected a symbolic link") and says in error


def test_a_photo_or_picture_behind_a_link(site: FixtureSite, outside: Path) -> None:
    _link(outside / "face.png", site.docs / "personas" / "anna.png")
    site.write("personas/anna.md", (site.docs / "personas/anna.md").read_text("utf-8").replace(
        "quote:", "picture: personas/anna.png\nquote:"))
    _link("board.png", site.docs / "rounds" / "r2" / "board.png")  # a loop
    site.write("rounds/r2/laptop.yml", "photos: [{file: board.png}]\n" + (site.docs / "rounds/r2/laptop.yml")
               .read_text("utf-8"))
    result = site.journeys("check")
    assert "Traceback" not in result.stderr
    found = {e.split(": error: ")[0]: e.split(": error: ")[1] for e in _errors(result)}
    assert found["docs/personas/anna.png:1:1"].startswith("expected a file or folder inside the project folder")
    assert found["docs/rounds/r2/board.png:1:1"].startswith("expected a symbolic link that ends at a file")
    assert found["docs/rounds/r2/laptop.yml:1:17"].startswith("photos[0].file: expected the name of a file in the "
                                                             "round's folder r2/")


def test_a_picture_linked_from_elsewhere_in_the_project_is_outside_the_docs_folder(site: FixtureSite) -> None:
    (site.root / "assets").mkdir()
    (site.root / "assets" / "anna.png").write_bytes(PNG)
    _link("../../assets/anna.png", site.docs / "personas" / "anna.png")
    site.write("personas/anna.md", (site.docs / "personas/anna.md").read_text("utf-8").replace(
        "quote:", "picture: personas/anna.png\nquote:"))
    assert _errors(site.journeys("check")) == [
        "docs/personas/anna.md:6:10: error: picture: expected a file inside the docs folder, found "
        "'personas/anna.png', which leads outside it; put the picture into the docs folder"]
    (site.docs / "personas" / "anna.png").unlink()
    (site.docs / "personas" / "anna.png").write_bytes(PNG)
    assert site.journeys("check").returncode == 0
    built = site.build()
    assert built.code == 0, built.output
    assert (built.site / "personas" / "anna.png").read_bytes() == PNG


# Warnings: check prints them and passes; --strict fails; a strict build stops before it writes site/.

def _warned(site: FixtureSite, expected: str) -> None:
    result = site.journeys("check")
    assert result.returncode == 0, result.stderr
    assert expected in result.stderr.splitlines(), result.stderr
    assert "1 warning; it fails strict builds" in result.stderr
    strict = site.journeys("check", "--strict")
    assert strict.returncode == 1 and expected in strict.stderr.splitlines()
    built = site.build(strict=True)
    assert built.code != 0 and expected.split(": warning: ")[1] in built.output
    assert "Traceback" not in built.output
    assert not built.site.exists()


def test_overlapping_rounds_are_a_warning_naming_both(site: FixtureSite) -> None:
    site.write("rounds/r2/index.md", "---\ntitle: Round 2\nperiod: {start: '2026-01-20', end: '2026-02-28'}\n"
                                     "status: open\n---\n")
    _warned(site, "docs/rounds/r2/index.md:3:17: warning: period: expected a period after the other rounds', found "
                  "2026-01-20..2026-02-28, which overlaps round 'r1' (2026-01-01..2026-01-28, "
                  "docs/rounds/r1/index.md); move the start after 2026-01-28 or end 'r1' earlier")


def test_rounds_that_only_touch_do_not_overlap(site: FixtureSite) -> None:
    site.write("rounds/r2/index.md", "---\ntitle: Round 2\nperiod: {start: '2026-01-29', end: '2026-02-28'}\n"
                                     "status: open\n---\n")
    result = site.journeys("check", "--strict")
    assert result.returncode == 0, result.stderr


def test_two_journeys_with_the_same_title_are_a_warning_naming_both(site: FixtureSite) -> None:
    journey = (site.docs / "journeys/laptop.md").read_text("utf-8")
    site.write("journeys/phone.md", journey.replace("title: Laptop request", "title: '  laptop REQUEST '"))
    _warned(site, "docs/journeys/phone.md:2:8: warning: title: expected a title of its own, found '  laptop REQUEST "
                  "', which journey 'laptop' (docs/journeys/laptop.md, line 2) has too; give one of them another "
                  "title")


BROKEN_DIAGRAM = """\
Notes on the round.

```mermaid
journey
  title Laptop
  section Ask
    Request form: five: Anna
```
"""


@pytest.mark.parametrize("page", ["rounds/r2/index.md", "journeys/laptop.md", "personas/anna.md", "notes/other.md"])
def test_a_broken_journey_diagram_in_any_page_is_a_warning_at_its_line(site: FixtureSite, page: str) -> None:
    path = site.docs / page
    text = path.read_text("utf-8") if path.exists() else ""
    site.write(page, text + BROKEN_DIAGRAM)
    line = len(text.splitlines()) + 7
    _warned(site, f"docs/{page}:{line}:1: warning: journey diagram: task 'Request form': expected a score from 1 "
                  f"to 5, X or nothing, found `five`; until it is fixed the page shows the diagram as a code block")


def test_the_example_passes_strict_check_without_warnings() -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "check", "--strict"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_the_loader_reads_nothing_it_is_told_to_refuse(site: FixtureSite) -> None:
    # load_project hands the walk's verdict to the loader: a refused file is not read, so not reported either.
    options = Options(docs_dir=site.docs, project_root=site.root)
    _link("/nonexistent/persona.md", site.docs / "personas" / "ghost.md")
    _, problems = load_project(options)
    assert [(Path(p.path).name, p.message.split(",")[0]) for p in problems] == [
        ("ghost.md", "expected a symbolic link to an existing file or folder")]
    _, unguarded = load_catalog(site.docs, options.emotion_scale())
    assert any(re.search("cannot read the file", p.message) for p in unguarded)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("inner, says", [
    ("<script>alert(1)</script>", "<script> element (line 1 of p.svg) runs script"),
    ('<rect onclick="alert(1)"/>', "<rect onclick> attribute (line 1 of p.svg) is an event handler"),
    ('<a href=" javascript:alert(1)"><text>x</text></a>', "<a href> attribute (line 1 of p.svg) holds a javascript:"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "<set to> attribute (line 1 of p.svg) holds a"),
    ('<use xlink:href="other.svg#a"/>', "<use xlink:href> attribute (line 1 of p.svg) refers to 'other.svg#a'"),
    ('<image href="data:image/png;base64,AAAA"/>', "<image href> attribute (line 1 of p.svg) refers to 'data:"),
    ('<rect style="fill: URL(https://x.example/a)"/>', "<rect style> attribute (line 1 of p.svg) loads a style"),
    ("<style><![CDATA[@import 'x.css';]]></style>", "<style> element (line 1 of p.svg) loads a style"),
    ("<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'/></foreignObject>", "<foreignObject> element"),
])
def test_an_svg_with_script_or_outside_references_is_refused(tmp_path: Path, inner: str, says: str) -> None:
    path = tmp_path / "p.svg"
    path.write_text(SVG.format(inner), "utf-8")
    assert says in str(image_problem(path))


@pytest.mark.parametrize("inner", [
    "", '<defs><linearGradient id="g"/></defs><rect style="fill: url(#g)"/><use href="#g"/>',
    "<style>rect { fill: url('#g') }</style><text>on javascript and @ signs as words</text>",
])
def test_a_plain_svg_and_the_example_board_are_images(tmp_path: Path, inner: str) -> None:
    path = tmp_path / "p.svg"
    path.write_text(SVG.format(inner), "utf-8")
    assert image_problem(path) is None
    assert image_problem(REPO / "journeys/rounds/2026-q3/board-museum-visit.svg") is None


@pytest.mark.parametrize("data, name, says", [
    (PNG, "p.png", None), (b"\xff\xd8\xff\xe0\0\x10JFIF", "p.jpeg", None), (b"GIF89a\1\0\1\0", "p.gif", None),
    (b"RIFF\0\0\0\0WEBPVP8 ", "p.webp", None), (b"\0\0\0\x1cftypavif", "p.avif", None),
    (b"%PDF-1.7", "p.png", "found a PDF document"), (b"<html><script>1</script>", "p.png", "found an HTML page"),
    (b"\0\1\2\3", "p.jpg", "found binary data of an unknown type"), (PNG, "p.svg", "found a PNG image named 'p.svg'"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "p.png", "found a SVG image named 'p.png'"),
])
def test_images_are_told_by_their_content(tmp_path: Path, data: bytes, name: str, says: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    problem = image_problem(path)
    assert problem is None if says is None else says in str(problem), problem

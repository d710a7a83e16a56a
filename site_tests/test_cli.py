"""The `journeys` command line behaves the same everywhere: --version, -f before or after the subcommand, one exit
code convention (0 done, 1 content, 2 usage or environment), help with a description and examples, counted words
in the right form; `journeys init` and `journeys schemas`; `journeys check` reports everything in one pass."""

from __future__ import annotations

import argparse
import fcntl
import json
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from conftest import FixtureSite
from mkdocs_journeys.cli import parser
from mkdocs_journeys.format.schema import KINDS
from mkdocs_journeys.locales.plural import count


def _leaves(top: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every subcommand that runs something, with its words: (('export', 'csv'), parser) ..."""
    found = []
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(((*path, name), sub))
                found += _leaves(sub, (*path, name))
    return found


LEAVES = [words for words, sub in _leaves(parser()) if sub.get_default("run") is not None]
# The least each subcommand needs to parse, after its words.
ARGUMENTS = {("init",): [], ("check",): [], ("build",): [], ("new",): ["persona", "x"], ("round",): ["close", "r2"],
             ("import", "survey"): ["a.csv", "--journey", "j", "--round", "r", "--touchpoint-column", "t",
                                    "--score-column", "s", "--scale", "1-5"],
             ("import", "mermaid"): ["a.md"], ("export", "json"): [], ("export", "csv"): [],
             ("export", "mermaid"): ["laptop"], ("diff",): ["HEAD"], ("schemas",): []}


def test_every_subcommand_is_covered() -> None:
    assert sorted(LEAVES) == sorted(ARGUMENTS)


def test_version(standard_site: FixtureSite) -> None:
    result = standard_site.journeys("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"journeys {metadata.version('mkdocs-journeys')}"


@pytest.mark.parametrize("words", sorted(ARGUMENTS))
def test_config_file_before_or_after_the_subcommand(words: tuple[str, ...]) -> None:
    rest = ARGUMENTS[words]
    assert parser().parse_args([*words, *rest]).config_file == Path("mkdocs.yml")
    assert parser().parse_args(["-f", "a/mkdocs.yml", *words, *rest]).config_file == Path("a/mkdocs.yml")
    assert parser().parse_args([*words, *rest, "-f", "b/mkdocs.yml"]).config_file == Path("b/mkdocs.yml")
    assert parser().parse_args(["-f", "a/mkdocs.yml", *words, "--config-file", "b/mkdocs.yml", *rest]).config_file \
        == Path("b/mkdocs.yml")


def test_config_file_after_the_subcommand_is_used(standard_site: FixtureSite, tmp_path: Path) -> None:
    elsewhere = FixtureSite(tmp_path / "elsewhere")
    result = elsewhere.journeys("check", "-f", str(standard_site.root / "mkdocs.yml"))
    assert result.returncode == 0 and "OK: 1 journey, 1 persona, 2 rounds" in result.stdout, result.stderr


@pytest.mark.parametrize("words", sorted(ARGUMENTS) + [()])
def test_help_has_a_description_and_examples(words: tuple[str, ...]) -> None:
    found = parser() if not words else dict(_leaves(parser()))[words]
    text = found.format_help()
    assert found.description and len(found.description) > 30, words
    examples = text.split("examples:\n", 1)[1]
    assert examples.startswith("  journeys "), text


def test_the_exit_codes_are_documented_in_help() -> None:
    text = parser().format_help()
    assert "exit codes: 0 done; 1 problems in the content" in text and "2 the command cannot run" in text
    flat = " ".join(text.split())
    assert "another build running, a site folder a build must not write into, a full disk" in flat


def _breaks(site: FixtureSite) -> None:
    site.write("rounds/r2/laptop.yml", "touchpoints:\n  nope: {emotion: 1}\n")


def _busy(site: FixtureSite) -> None:
    """Another build holds the project's build lock (for as long as the fixture site lives)."""
    (site.root / ".journeys-cache").mkdir()
    held = (site.root / ".journeys-cache/build.lock").open("w")
    fcntl.flock(held, fcntl.LOCK_EX)
    site.held = held  # type: ignore[attr-defined]


# (subcommand, what to do before, arguments, exit code): every subcommand done, refused for its content, refused
# as given.
CASES: list[tuple[str, Any, tuple[str, ...], int]] = [
    ("check", None, ("check",), 0),
    ("check", _breaks, ("check",), 1),
    ("check", None, ("check", "-f", "nowhere.yml"), 2),
    ("check", None, ("check", "--format", "nope"), 2),
    ("build", _breaks, ("build",), 1),
    ("build", None, ("build", "-f", "nowhere.yml"), 2),
    ("build", None, ("build", "-j", "0"), 2),
    ("build", _busy, ("build",), 2),  # another build running
    ("build", None, ("build", "-d", "docs"), 2),  # a site folder it must not write into
    ("new", None, ("new", "persona", "bela"), 0),
    ("new", None, ("new", "persona", "anna"), 1),
    ("new", None, ("new", "journey", "x", "--persona", "nobody"), 2),
    ("round", None, ("round", "close", "r2"), 0),
    ("round", _breaks, ("round", "close", "r2"), 1),
    ("round", None, ("round", "reopen", "r1"), 1),
    ("round", None, ("round", "close", "nope"), 2),
    ("round", None, ("round", "reopen", "nope"), 2),
    ("import survey", None, ("import", "survey", "a.csv", "--journey", "laptop", "--round", "r2",
                             "--touchpoint-column", "step", "--score-column", "score", "--scale", "1-5"), 0),
    ("import survey", None, ("import", "survey", "a.csv", "--journey", "laptop", "--round", "r2",
                             "--touchpoint-column", "step", "--score-column", "nope", "--scale", "1-5"), 1),
    ("import survey", None, ("import", "survey", "a.csv", "--journey", "laptops", "--round", "r2",
                             "--touchpoint-column", "step", "--score-column", "score", "--scale", "1-5"), 2),
    ("import survey", None, ("import", "survey", "a.csv", "--journey", "laptop", "--round", "r9",
                             "--touchpoint-column", "step", "--score-column", "score", "--scale", "1-5"), 2),
    ("import survey", None, ("import", "survey", "missing.csv", "--journey", "laptop", "--round", "r2",
                             "--touchpoint-column", "step", "--score-column", "score", "--scale", "1-5"), 2),
    ("import mermaid", None, ("import", "mermaid", "w.md"), 0),
    ("import mermaid", None, ("import", "mermaid", "w.md", "--round", "r1"), 1),
    ("import mermaid", None, ("import", "mermaid", "w.md", "--round", "r9"), 2),
    ("import mermaid", None, ("import", "mermaid", "missing.md"), 2),  # an input file that cannot be read
    ("export json", None, ("export", "json"), 0),
    ("export json", _breaks, ("export", "json"), 1),
    ("export json", None, ("export", "json", "-f", "nowhere.yml"), 2),
    ("export csv", None, ("export", "csv", "-o", "out.csv"), 0),
    ("export csv", None, ("export", "csv", "-o", "a.csv"), 1),
    ("export csv", None, ("export", "csv", "--round", "r9"), 2),
    ("export mermaid", None, ("export", "mermaid", "laptop"), 0),
    ("export mermaid", _breaks, ("export", "mermaid", "laptop"), 1),
    ("export mermaid", None, ("export", "mermaid", "nope"), 2),
    ("diff", None, ("diff", "HEAD"), 2),  # not a git repository; diff reports content, it is never refused for it
    ("schemas", None, ("schemas",), 0),
    ("schemas", None, ("schemas", "a.csv"), 2),  # a file where the folder should be
    ("init", None, ("init", "fresh"), 0),
    ("init", None, ("init",), 1),  # mkdocs.yml exists
    ("init", None, ("init", "a.csv"), 2),
    ("any", None, ("frobnicate",), 2),
]


@pytest.mark.parametrize(("name", "prepare", "args", "code"), CASES,
                         ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_exit_codes(standard_site: FixtureSite, name: str, prepare: Any, args: tuple[str, ...], code: int) -> None:
    site = standard_site
    (site.root / "a.csv").write_text("step,score\nform,4\n", "utf-8")
    diagram = "```mermaid\njourney\n  title Returns\n  section Ask\n    Form: 3: Anna Test\n```\n"
    (site.root / "w.md").write_text(diagram, "utf-8")
    if prepare is not None:
        prepare(site)
    result = site.journeys(*args)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_build_exit_code_0_and_what_a_failed_build_says(standard_site: FixtureSite, tmp_path: Path) -> None:
    built = standard_site.journeys("build", "-j", "1")
    assert built.returncode == 0 and "Built 2 rounds (r1, r2)" in built.stdout, built.stderr
    again = standard_site.journeys("build", "-j", "1")
    assert "Built 0 rounds (none), reused 2 unchanged (r1, r2)" in again.stdout
    # No rounds and no site: the message does not claim a previous site.
    empty = FixtureSite(tmp_path / "empty")
    empty.write("personas/anna.md", "---\nname: Anna\nrole: Clerk\n---\n")
    result = empty.journeys("build")
    assert result.returncode == 1 and "Nothing was written to site." in result.stderr
    assert "previous site" not in result.stderr


def test_counted_words_take_the_right_form(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  nope: {emotion: 1}\n")
    result = standard_site.journeys("check")
    assert result.stderr.splitlines()[-1] == "1 problem found."
    standard_site.write("rounds/r1/laptop.yml", "touchpoints:\n  nope: {emotion: 1}\n")
    assert standard_site.journeys("check").stderr.splitlines()[-1] == "2 problems found."
    assert [count(n, "journey", "journeys") for n in (0, 1, 2, 21)] == ["0 journeys", "1 journey", "2 journeys",
                                                                        "21 journeys"]
    forms = {"few": "пути", "many": "путей"}
    assert [count(n, "путь", "путей", "ru", **forms) for n in (1, 2, 5, 11, 21, 22, 25, 111, 112)] == [
        "1 путь", "2 пути", "5 путей", "11 путей", "21 путь", "22 пути", "25 путей", "111 путей", "112 путей"]
    assert [count(n, "kör", "kör", "hu") for n in (1, 3)] == ["1 kör", "3 kör"]
    assert [count(n, "кръг", "кръга", "bg") for n in (1, 3)] == ["1 кръг", "3 кръга"]


def test_check_reports_every_file_in_one_pass(standard_site: FixtureSite) -> None:
    # A wrong persona in the journey no longer hides the problems of its round and opportunities files.
    site = standard_site
    site.write("journeys/laptop.md", (site.docs / "journeys/laptop.md").read_text("utf-8").replace("[anna]", "[anne]"))
    site.write("rounds/r2/laptop.yml", "touchpoints:\n  from: {emotion: 1}\n  handover: {emotion: 9}\n")
    site.write("opportunities/laptop.yml", "opportunities:\n  - {id: faster, touchpoint: nope, pain_point: Slow, "
                                           "idea: Faster, found_in: r2}\n")
    result = site.journeys("check")
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1
    assert any(e.startswith("docs/journeys/laptop.md:4:12: error: personas[0]: no persona 'anne'") for e in errors)
    assert any(e.startswith("docs/rounds/r2/laptop.yml:2:3: error: touchpoints.from: no touchpoint 'from'")
               for e in errors), result.stderr
    assert any(e.startswith("docs/rounds/r2/laptop.yml:3:23: error: touchpoints.handover.emotion") for e in errors)
    assert any(e.startswith("docs/opportunities/laptop.yml:") and "nope" in e for e in errors), result.stderr
    assert "not checked" not in result.stderr


def test_check_says_what_it_could_not_check(standard_site: FixtureSite) -> None:
    # A journey whose stages are wrong has no touchpoints to check against: its round files are named as skipped.
    site = standard_site
    site.write("journeys/laptop.md", (site.docs / "journeys/laptop.md").read_text("utf-8")
               .replace("stage: receive", "stage: recieve"))
    result = site.journeys("check")
    assert result.returncode == 1
    for round_id in ("r1", "r2"):
        assert (f"docs/rounds/{round_id}/laptop.yml:1:1: warning: not checked against journey 'laptop': its own "
                f"file has problems (journeys/laptop.md); fix them and check again") in result.stderr


def test_mkdocs_yml_problems_name_their_line(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path, plugin_options=":\n      scale: [{value: 1, label: Bad}, {value: 3, label: Good}]")
    site.standard()
    result = site.journeys("check")
    assert result.returncode == 2
    assert "error: mkdocs.yml:10: plugins.journeys.scale: expected consecutive whole numbers" in result.stderr
    assert "write the scale as a list of consecutive whole numbers" in result.stderr
    shutil.rmtree(site.docs)
    result = site.journeys("check")
    assert result.returncode == 2 and "error: mkdocs.yml:2: Config value 'docs_dir'" in result.stderr
    assert "Create the folder" in result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_then_check_and_build(fixture_site: FixtureSite, tmp_path: Path) -> None:
    project = tmp_path / "my-journeys"
    made = fixture_site.journeys("init", str(project))
    assert made.returncode == 0, made.stderr
    site = FixtureSite.__new__(FixtureSite)
    site.root, site.docs = project, project / "docs"
    check = site.journeys("check")
    assert check.returncode == 0 and "OK: 1 journey, 1 persona, 1 round, 1 observation file." in check.stdout
    built = site.journeys("build", "-j", "1")
    assert built.returncode == 0, built.stderr
    assert (project / "site/latest/index.html").is_file()
    assert (project / ".journeys-cache/.gitignore").read_text("utf-8").splitlines()[-1] == "*"
    ignored = (project / ".gitignore").read_text("utf-8").splitlines()
    assert "site/" in ignored and ".journeys-cache/" in ignored
    config = (project / "mkdocs.yml").read_text("utf-8")
    for setting in ("name: material", "font: false", "navigation.prune", "- search", "- journeys", "strict: true"):
        assert setting in config
    assert config.count("\n#") + config.count("\n  #") >= 6  # commented
    assert sorted(p.name for p in (project / ".schemas").glob("*.schema.json")) == sorted(
        f"{kind}.schema.json" for kind in KINDS)
    for name, text in _tree(project / "docs").items():
        first = text.decode("utf-8").split("\n---\n")[0]
        assert ".venv" not in first and "site-packages" not in first and "file:" not in first, name


def test_init_never_overwrites(tmp_path: Path, fixture_site: FixtureSite) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p/.gitignore").write_text("node_modules/\nsite\n", "utf-8")
    assert fixture_site.journeys("init", str(tmp_path / "p")).returncode == 0
    assert (tmp_path / "p/.gitignore").read_text("utf-8").splitlines()[:2] == ["node_modules/", "site"]
    lines = (tmp_path / "p/.gitignore").read_text("utf-8").splitlines()
    assert "site/" not in lines and ".journeys-cache/" in lines  # `site` covers site/
    before = _tree(tmp_path / "p")
    (tmp_path / "q/docs/personas").mkdir(parents=True)
    (tmp_path / "q/docs/personas/customer.md").write_text("mine", "utf-8")
    again = fixture_site.journeys("init", str(tmp_path / "q"))
    assert again.returncode == 1 and "docs/personas/customer.md already exists" in again.stderr
    assert "nothing was written" in again.stderr
    assert _tree(tmp_path / "q") == {"docs/personas/customer.md": b"mine"}
    assert fixture_site.journeys("init", str(tmp_path / "p")).returncode == 1
    assert _tree(tmp_path / "p") == before


def test_schemas_update_only_what_they_wrote(standard_site: FixtureSite) -> None:
    site = standard_site
    made = site.journeys("schemas")
    assert made.returncode == 0 and ".schemas/journey.schema.json: created" in made.stdout
    folder = site.root / ".schemas"
    assert json.loads((folder / "journey.schema.json").read_text("utf-8"))["$id"] == "journey.schema.json"
    assert "journey.schema.json: up to date" in site.journeys("schemas").stdout
    # A schema of an older version that this command wrote is updated; one changed by hand is left and named.
    record = json.loads((folder / ".written-by-journeys.json").read_text("utf-8"))
    (folder / "persona.schema.json").write_text("{}", "utf-8")
    record["persona.schema.json"] = __import__("hashlib").sha256(b"{}").hexdigest()
    (folder / ".written-by-journeys.json").write_text(json.dumps(record), "utf-8")
    (folder / "round.schema.json").write_text('{"mine": true}', "utf-8")
    result = site.journeys("schemas")
    assert result.returncode == 1
    assert ".schemas/persona.schema.json: updated" in result.stdout
    assert ".schemas/round.schema.json: changed since journeys schemas wrote it" in result.stdout
    assert (folder / "round.schema.json").read_text("utf-8") == '{"mine": true}'
    other = site.journeys("schemas", "elsewhere")
    assert other.returncode == 0 and "elsewhere/observation.schema.json: created" in other.stdout


def test_the_help_of_the_installed_command(standard_site: FixtureSite) -> None:
    journeys = shutil.which("journeys") or str(Path(__import__("sys").executable).with_name("journeys"))
    result = subprocess.run([journeys, "new", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "journeys new observation laptop-request" in result.stdout

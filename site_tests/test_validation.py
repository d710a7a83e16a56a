"""`journeys check`: every problem in one pass as path:line:col, exit 1 on errors, 0 when clean."""

from __future__ import annotations

from conftest import FixtureSite


def problems(site: FixtureSite) -> list[str]:
    """The problem lines `journeys check` prints; asserts it exits 1 without a traceback."""
    result = site.journeys("check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_clean_tree_passes(standard_site: FixtureSite) -> None:
    result = standard_site.journeys("check")
    assert result.returncode == 0, result.stderr
    assert "1 journey, 1 persona, 2 rounds, 2 observation files" in result.stdout


def test_unknown_key_suggests_the_nearest_known_key(standard_site: FixtureSite) -> None:
    path = standard_site.docs / "journeys/laptop.md"
    path.write_text(path.read_text().replace("touchpoints:", "touchponts:"))
    lines = problems(standard_site)
    assert any(line.startswith("docs/journeys/laptop.md:13:1: error: unknown key 'touchponts'")
               and "did you mean 'touchpoints'?" in line for line in lines), lines


def test_every_problem_in_one_pass_with_expected_and_found(standard_site: FixtureSite) -> None:
    standard_site.write("personas/bob.md", "---\nname: Bob\nrole: 12\nchannels: yes\n---\n")
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 7}\n  frm: {emotion: 1}\n")
    standard_site.write("rounds/r1/index.md",
                        "---\ntitle: R1\nperiod: {start: '2026-02-30', end: '2026-01-01'}"
                                              "\nstatus: opened\n---\n")
    lines = problems(standard_site)
    expected = [
        "docs/personas/bob.md:3:7: error: role: expected text, found a number (12); "
        "put it in quotes to keep it as text",
        "docs/personas/bob.md:4:11: error: channels: expected a list, found `yes`, which YAML reads as "
        "true/false (true); put it in quotes if you meant text",
        "docs/rounds/r1/index.md:4:9: error: status: expected one of 'open', 'closed', found 'opened'; "
        "did you mean 'open'?",
        "docs/rounds/r2/laptop.yml:2:19: error: touchpoints.form.emotion: expected a whole number from -2 to 2, "
        "found 7",
        "docs/rounds/r2/laptop.yml:3:3: error: touchpoints.frm: no touchpoint 'frm' in journey 'laptop'; "
        "did you mean 'form'?",
    ]
    for line in expected:
        assert line in lines, "\n".join(lines)


def test_unresolved_references_are_errors(standard_site: FixtureSite) -> None:
    path = standard_site.docs / "journeys/laptop.md"
    path.write_text(path.read_text().replace("personas: [anna]", "personas: [ana]")
                    .replace("stage: receive,", "stage: recieve,"))
    standard_site.write("rounds/r1/laptops.yml", "touchpoints: {}\n")
    standard_site.write("rounds/q9/oops.txt", "a photo would go here")
    lines = "\n".join(problems(standard_site))
    assert "docs/journeys/laptop.md:4:12: error: personas[0]: no persona 'ana'" in lines
    assert "did you mean 'anna'?" in lines
    assert "touchpoints[2].stage: no stage 'recieve' in this journey; did you mean 'receive'?" in lines
    assert "docs/rounds/r1/laptops.yml:1:1: error: no journey 'laptops'" in lines
    assert "docs/rounds/q9:1:1: error: round folder 'q9' has no index.md" in lines


def test_yaml_syntax_and_front_matter_problems(standard_site: FixtureSite) -> None:
    standard_site.write("personas/eve.md", "---\nname: Eve\nrole: [unclosed\n---\n")
    standard_site.write("personas/zed.md", "# Zed has no front matter\n")
    standard_site.write("personas/dup.md", "---\nname: A\nrole: B\nname: C\n---\n")
    lines = "\n".join(problems(standard_site))
    assert "docs/personas/eve.md:4:1: error: YAML syntax:" in lines
    assert "docs/personas/zed.md:1:1: error: expected YAML front matter" in lines
    assert "docs/personas/dup.md:4:1: error: duplicate key 'name' (first at line 2)" in lines


def test_missing_required_key_and_bad_ids(standard_site: FixtureSite) -> None:
    standard_site.write("personas/Bad_Name.md", "---\nname: X\nrole: Y\n---\n")
    path = standard_site.docs / "journeys/laptop.md"
    path.write_text(path.read_text().replace("service: IT service desk\n", ""))
    lines = "\n".join(problems(standard_site))
    assert "docs/journeys/laptop.md:2:1: error: (top level): missing required key 'service'" in lines
    assert "docs/personas/Bad_Name.md:1:1: error: the file or folder name 'Bad_Name' is the persona's id" in lines


def test_strict_build_fails_with_the_same_lines_and_keeps_the_previous_site(standard_site: FixtureSite) -> None:
    first = standard_site.build()
    assert first.code == 0, first.output
    before = first.page("journeys/laptop")
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 7}\n")
    expected = problems(standard_site)
    second = standard_site.build()
    assert second.code == 1
    assert "Traceback" not in second.output
    for line in expected:
        assert line in second.output
    assert second.page("journeys/laptop") == before


def test_bad_scale_option_is_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = FixtureSite(tmp_path, plugin_options=":\n      scale: [{value: 1, label: Bad}, {value: 3, label: Good}]")
    site.standard()
    result = site.journeys("check")
    assert result.returncode == 2
    assert "plugins.journeys.scale: expected consecutive whole numbers" in result.stderr
    built = site.build()
    assert built.code == 1 and "expected consecutive whole numbers" in built.output

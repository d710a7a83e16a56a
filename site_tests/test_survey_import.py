"""`journeys import survey`: CSV answers into a round's observations, a KPI and feedback per touchpoint."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import JOURNEY, FixtureSite
from mkdocs_journeys.adapter.config import read_options
from mkdocs_journeys.exchange import survey_csv, survey_kpi, surveys, yamledit
from rounds_fixture import three_rounds

OBSERVATION = "rounds/r2/laptop.yml"
HEADER = "Touchpoint,Score,Comment,Date\n"


def write_csv(site: FixtureSite, name: str, text: str, encoding: str = "utf-8") -> Path:
    """A CSV file next to mkdocs.yml, encoded as a spreadsheet would save it."""
    path = site.root / name
    path.write_bytes(text.encode(encoding))
    return path


def survey(site: FixtureSite, name: str, *extra: str, scale: str = "1-5", round_id: str = "r2",
           columns: tuple[str, ...] = ("Touchpoint", "Score", "Comment", "Date")) -> subprocess.CompletedProcess[str]:
    """Run `journeys import survey` on a file of the fixture site."""
    names = ["--touchpoint-column", columns[0], "--score-column", columns[1]]
    names += ["--comment-column", columns[2]] if len(columns) > 2 else []
    names += ["--date-column", columns[3]] if len(columns) > 3 else []
    return site.journeys("import", "survey", name, "--journey", "laptop", "--round", round_id, *names,
                         f"--scale={scale}", *extra)


def observation(site: FixtureSite, path: str = OBSERVATION) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((site.docs / path).read_text("utf-8"))
    return data


def touchpoint(site: FixtureSite, tp: str) -> dict[str, Any]:
    found: dict[str, Any] = observation(site)["touchpoints"][tp]
    return found


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_check_passes(site: FixtureSite) -> None:
    check = site.journeys("check")
    assert check.returncode == 0, check.stderr


# ------------------------------------------------------------------------------------------ happy paths


def test_comma_file_by_id_and_title_writes_a_kpi_and_feedback(standard_site: FixtureSite) -> None:
    path = write_csv(standard_site, "answers.csv", HEADER + (
        "form,5,Quick and clear,2026-05-03\n"
        "Request form,4,,2026-05-04\n"          # by title
        "  request FORM ,4.0,,\n"               # title: case and spacing ignored; 4.0 is whole
        "approval,2,\"Waited, again\",2026-05-05\n"
        "MANAGER APPROVAL,1,,\n"))
    result = survey(standard_site, "answers.csv")
    assert result.returncode == 0, result.stderr
    form = touchpoint(standard_site, "form")
    assert form["emotion"] == 1 and form["notes"] == "Easy to find"  # what was there stays
    assert form["kpis"] == [{
        "kind": "csat", "value": 4.33, "min": 1, "max": 5, "n": 3,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
        "sources": [{"file": "answers.csv", "sha256": sha(path), "n": 3}],
    }]
    assert form["feedback"] == [{"method": "survey", "date": "2026-05-03", "text": "Quick and clear",
                                 "evidence": "observed", "source": "answers.csv"}]
    approval = touchpoint(standard_site, "approval")
    assert (approval["kpis"][0]["value"], approval["kpis"][0]["n"]) == (1.5, 2)
    assert approval["feedback"][0]["text"] == "Waited, again"
    assert "handover" in observation(standard_site)["touchpoints"]
    assert "  handover: {emotion: 2}\n" in (standard_site.docs / OBSERVATION).read_text("utf-8")
    assert "form (Request form): added csat: n 3, mean 4.33 on 1..5, 1 comment added" in result.stdout
    assert "approval (Manager approval): added csat: n 2, mean 1.5 on 1..5, 1 comment added" in result.stdout
    assert_check_passes(standard_site)


def test_semicolon_file_with_decimal_comma_and_local_dates(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", (
        "touchpoint ; score;comment;date\n"     # names match ignoring case and spaces
        "form;8,0;eins, zwei;03.05.2026\n"
        "form;10;drei;2026.05.04.\n"
        "form;0;vier;05/05/2026\n"
        "form;7;fünf;2026-05-06 14:22:01\n"))
    result = survey(standard_site, "answers.csv", scale="0-10")
    assert result.returncode == 0, result.stderr
    assert "delimiter ';'" in result.stdout
    [kpi] = touchpoint(standard_site, "form")["kpis"]
    assert (kpi["kind"], kpi["name"], kpi["min"], kpi["max"], kpi["n"], kpi["value"]) == (
        "custom", "survey", 0, 10, 4, 6.25)
    assert kpi["distribution"] == {str(v): {0: 1, 7: 1, 8: 1, 10: 1}.get(v, 0) for v in range(11)}
    feedback = touchpoint(standard_site, "form")["feedback"]
    assert [(f["date"], f["text"]) for f in feedback] == [
        ("2026-05-03", "eins, zwei"), ("2026-05-04", "drei"), ("2026-05-05", "vier"), ("2026-05-06", "fünf")]
    assert_check_passes(standard_site)


def test_tab_separated_file(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.tsv", "Touchpoint\tScore\nform\t3\nhandover\t5\n")
    result = survey(standard_site, "answers.tsv", columns=("Touchpoint", "Score"))
    assert result.returncode == 0, result.stderr
    assert "delimiter tab" in result.stdout
    assert touchpoint(standard_site, "handover")["kpis"][0]["distribution"]["5"] == 1


def test_utf8_with_bom(standard_site: FixtureSite) -> None:
    path = write_csv(standard_site, "answers.csv", HEADER + "form,5,Très bien — merci,\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = survey(standard_site, "answers.csv")
    assert result.returncode == 0, result.stderr
    assert "read as UTF-8 with BOM" in result.stdout
    assert touchpoint(standard_site, "form")["feedback"][0]["text"] == "Très bien — merci"


def test_windows_1250_hungarian(standard_site: FixtureSite) -> None:
    standard_site.write("journeys/laptop.md", JOURNEY.replace("title: Request form", "title: Igénylőlap"))
    write_csv(standard_site, "valaszok.csv", (
        "Érintési pont;Pontszám;Megjegyzés;Dátum\n"
        "igénylőlap;5;Gyors és barátságos, köszönöm!;2026. 05. 03.\n"
        "Igénylőlap;4;Az űrlap túl hosszú;2026.05.04.\n"), encoding="cp1250")
    result = survey(standard_site, "valaszok.csv", columns=("Érintési pont", "Pontszám", "Megjegyzés", "Dátum"))
    assert result.returncode == 0, result.stderr
    assert "read as Windows-1250" in result.stdout
    form = touchpoint(standard_site, "form")
    assert form["kpis"][0]["n"] == 2 and form["kpis"][0]["value"] == 4.5
    assert [(f["date"], f["text"]) for f in form["feedback"]] == [
        ("2026-05-03", "Gyors és barátságos, köszönöm!"), ("2026-05-04", "Az űrlap túl hosszú")]
    assert_check_passes(standard_site)


def test_windows_1251_russian(standard_site: FixtureSite) -> None:
    standard_site.write("journeys/laptop.md", JOURNEY.replace("title: Manager approval",
                                                              "title: Согласование руководителем"))
    write_csv(standard_site, "ответы.csv", (
        "Точка контакта;Оценка;Комментарий;Дата\n"
        "согласование  руководителем;2;Ждал неделю, никто не звонил;03.05.2026\n"
        "approval;3;Уже быстрее;\n"), encoding="cp1251")
    result = survey(standard_site, "ответы.csv", columns=("точка контакта", "оценка", "комментарий", "дата"))
    assert result.returncode == 0, result.stderr
    assert "read as Windows-1251" in result.stdout
    approval = touchpoint(standard_site, "approval")
    assert (approval["kpis"][0]["n"], approval["kpis"][0]["value"]) == (2, 2.5)
    assert approval["kpis"][0]["sources"][0]["file"] == "ответы.csv"
    assert [f["text"] for f in approval["feedback"]] == ["Ждал неделю, никто не звонил", "Уже быстрее"]
    assert "date" not in approval["feedback"][1]
    assert_check_passes(standard_site)


def test_the_encoding_guess_between_the_two_code_pages() -> None:
    hungarian = "Érintési pont;Pontszám\nÜgyintézés;5\nőrség;4\n"
    russian = "Точка контакта;Оценка\nРегистратура;5\nГардероб;4\n"
    bulgarian = "Допирна точка;Оценка\nКаса за билети;5\nЩанд;3\n"
    assert survey_csv.decode_survey(hungarian.encode("cp1250")) == (hungarian, "cp1250")
    assert survey_csv.decode_survey(russian.encode("cp1251")) == (russian, "cp1251")
    assert survey_csv.decode_survey(bulgarian.encode("cp1251")) == (bulgarian, "cp1251")
    assert survey_csv.decode_survey(russian.encode("utf-8")) == (russian, "utf-8")
    assert survey_csv.decode_survey(russian.encode("cp1251"), "cp1251") == (russian, "cp1251")


def test_quoted_fields_with_newlines_keep_line_numbers(standard_site: FixtureSite) -> None:
    before = (standard_site.docs / OBSERVATION).read_bytes()
    write_csv(standard_site, "answers.csv", (
        'Touchpoint;Score;Comment;Date\n'          # line 1
        'form;5;"First line;\n'                   # line 2, record spans 2-4
        'second line, with a ""quote""\n'          # line 3
        'third line";2026-05-03\n'                 # line 4
        'nowhere;4;;\n'                            # line 5: unknown touchpoint
        'approval;3;"a\n'                          # line 6, record spans 6-7
        'b";\n'                                    # line 7
        'handover;9;;\n'))                         # line 8: outside the scale
    result = survey(standard_site, "answers.csv")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("answers.csv:5: error: touchpoint: expected the id or title of a touchpoint of "
                               "journey 'laptop' in round 'r2', found 'nowhere'"), lines
    assert lines[1] == "answers.csv:8: error: score: expected a whole number from 1 to 5 (--scale 1-5), found 9"
    assert len([line for line in lines if ": error: " in line]) == 2
    assert (standard_site.docs / OBSERVATION).read_bytes() == before

    fixed = (standard_site.root / "answers.csv").read_text("utf-8").replace("nowhere", "form").replace(";9;", ";4;")
    write_csv(standard_site, "answers.csv", fixed)
    assert survey(standard_site, "answers.csv").returncode == 0
    form = touchpoint(standard_site, "form")
    assert form["feedback"][0]["text"] == 'First line;\nsecond line, with a "quote"\nthird line'
    assert touchpoint(standard_site, "approval")["feedback"][0]["text"] == "a\nb"
    assert_check_passes(standard_site)


def test_windows_line_endings_count_lines_too(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", 'Touchpoint,Score,Comment\r\nform,"4",ok\r\napproval,3,"multi\r\nline"\r\n'
                                            'form,x,\r\n')
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score", "Comment"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("answers.csv:5: error: score: expected a whole number from 1 to 5, "
                                             "found 'x'")


# ---------------------------------------------------------------------------------------- bad rows


BAD_ROWS = HEADER + (
    "form,5,good,2026-05-03\n"        # 2
    "Formular,4,,\n"                  # 3 unknown touchpoint
    "approval,6,,\n"                  # 4 outside the scale
    "approval,great,,\n"              # 5 unreadable score
    "handover,,,\n"                   # 6 empty score
    "handover,4,,31.02.2026\n"        # 7 no such day
    "handover,4,,May 3\n"             # 8 unreadable date
    "handover,3.5,,\n"                # 9 not whole
    ",,,\n"                           # 10 empty: ignored
    "handover,4,fine,03/05/2026\n")   # 11


def test_any_bad_row_refuses_the_whole_import_and_lists_every_one(standard_site: FixtureSite) -> None:
    before = (standard_site.docs / OBSERVATION).read_bytes()
    write_csv(standard_site, "answers.csv", BAD_ROWS)
    result = survey(standard_site, "answers.csv")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in errors] == [f"answers.csv:{n}" for n in range(3, 10)]
    assert "found 'Formular'; did you mean 'form'?" in errors[0]
    assert errors[1].endswith("score: expected a whole number from 1 to 5 (--scale 1-5), found 6")
    assert errors[2].endswith("score: expected a whole number from 1 to 5, found 'great'")
    assert errors[3].endswith("score: expected a whole number from 1 to 5, found an empty cell")
    assert errors[4].endswith("date: expected a real day, found '31.02.2026'")
    assert errors[5].endswith("date: expected a date as YYYY-MM-DD, DD.MM.YYYY, YYYY.MM.DD. or DD/MM/YYYY, "
                              "found 'May 3'")
    assert errors[6].endswith("found '3.5', which is not a whole number")
    assert "7 bad rows of 9; nothing was imported" in result.stderr
    assert "Wrote" not in result.stdout
    assert (standard_site.docs / OBSERVATION).read_bytes() == before


def test_skip_invalid_imports_the_rest_with_a_warning_per_row(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", BAD_ROWS)
    result = survey(standard_site, "answers.csv", "--skip-invalid")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: skipped: " in line]
    assert [line.split(": warning: ")[0] for line in warnings] == [f"answers.csv:{n}" for n in range(3, 10)]
    assert "2 answers in 9 rows, 7 skipped" in result.stdout
    assert touchpoint(standard_site, "form")["kpis"][0]["n"] == 1
    handover = touchpoint(standard_site, "handover")
    assert handover["kpis"][0]["n"] == 1 and handover["kpis"][0]["sources"][0]["n"] == 1
    assert handover["feedback"] == [{"method": "survey", "date": "2026-05-03", "text": "fine",
                                     "evidence": "observed", "source": "answers.csv"}]
    assert "kpis" not in touchpoint(standard_site, "approval")
    assert_check_passes(standard_site)


def test_a_touchpoint_that_does_not_exist_in_the_round_is_a_bad_row(tmp_path: Path) -> None:
    site = three_rounds(tmp_path)  # in r3 'approval' is retired, 'chat' exists since r2
    write_csv(site, "answers.csv", "Touchpoint,Score\nLive chat,5\nManager approval,4\n")
    result = survey(site, "answers.csv", round_id="r3", columns=("Touchpoint", "Score"))
    assert result.returncode == 1
    assert ("answers.csv:3: error: touchpoint: expected the id or title of a touchpoint of journey 'laptop' in round "
            "'r3', found 'Manager approval', touchpoint 'approval', which does not exist in round 'r3' "
            "(retired: r3)") in result.stderr
    assert "answers.csv:2:" not in result.stderr


def test_a_missing_column_lists_the_columns(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", "Touchpoint;Rating;Comment\nform;4;ok\n")
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score"))
    assert result.returncode == 1
    assert ("answers.csv:1: error: --score-column: no column 'Score' in the header row; the columns are: "
            "'Touchpoint', 'Rating', 'Comment'") in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--journey", "laptops"), "error: --journey: no journey 'laptops' (expected a file journeys/laptops.md); "
                               "did you mean 'laptop'?"),
    (("--round", "r9"), "error: --round: no round 'r9' (expected a folder rounds/r9/ with an index.md)"),
    (("--round", "r1"), "error: --round: round 'r1' is closed"),
])
def test_the_journey_and_an_open_round_must_exist(standard_site: FixtureSite, args: tuple[str, str],
                                                  message: str) -> None:
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,4\n")
    before = sorted((p, p.read_bytes()) for p in standard_site.docs.rglob("*") if p.is_file())
    options = dict(zip(("--journey", "--round"), ("laptop", "r2"), strict=True)) | dict([args])
    result = standard_site.journeys("import", "survey", "answers.csv", *(x for kv in options.items() for x in kv),
                                    "--touchpoint-column", "Touchpoint", "--score-column", "Score", "--scale", "1-5")
    # An unknown id is a usage error (2); a closed round is a problem of the content (1).
    assert result.returncode == (1 if "closed" in message else 2) and message in result.stderr, result.stderr
    assert sorted((p, p.read_bytes()) for p in standard_site.docs.rglob("*") if p.is_file()) == before


def test_scale_with_a_negative_minimum_and_bad_scales(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,-2\nform,2\nform,-1\n")
    result = survey(standard_site, "answers.csv", scale="-2-2", columns=("Touchpoint", "Score"))
    assert result.returncode == 0, result.stderr
    [kpi] = touchpoint(standard_site, "form")["kpis"]
    assert (kpi["min"], kpi["max"], kpi["value"]) == (-2, 2, -0.33)
    assert kpi["distribution"] == {"-2": 1, "-1": 1, "0": 0, "1": 0, "2": 1}
    assert survey_csv.parse_scale("0-10") == (0, 10) and survey_csv.parse_scale("1..7") == (1, 7)
    for bad in ("5-1", "1-", "a-b", "1-500"):
        with pytest.raises(ValueError):
            survey_csv.parse_scale(bad)
    bad_scale = survey(standard_site, "answers.csv", scale="5-1", columns=("Touchpoint", "Score"))
    assert bad_scale.returncode == 2 and "expected MIN lower than MAX, found '5-1'" in bad_scale.stderr


def test_kpi_kind_and_name_options(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,10\nform,9\nform,8\nform,0\n")
    result = survey(standard_site, "answers.csv", "--kpi", "nps", scale="0-10", columns=("Touchpoint", "Score"))
    assert result.returncode == 0, result.stderr
    [kpi] = touchpoint(standard_site, "form")["kpis"]
    # NPS: % promoters (9-10) minus % detractors (0-6), on -100..100.
    assert (kpi["kind"], kpi["value"], kpi["min"], kpi["max"], kpi["n"]) == ("nps", 25.0, -100, 100, 4)
    assert "name" not in kpi
    named = survey(standard_site, "answers.csv", "--kpi", "ces", "--kpi-name", "Effort", scale="1-7",
                   columns=("Touchpoint", "Score"))
    assert named.returncode == 1 and "found 10" in named.stderr
    write_csv(standard_site, "effort.csv", "Touchpoint,Score\nform,2\n")
    named = survey(standard_site, "effort.csv", "--kpi", "ces", "--kpi-name", "Effort", scale="1-7",
                   columns=("Touchpoint", "Score"))
    assert named.returncode == 0, named.stderr
    assert [(k["kind"], k.get("name")) for k in touchpoint(standard_site, "form")["kpis"]] == [
        ("nps", None), ("ces", "Effort")]
    wrong = survey(standard_site, "answers.csv", "--kpi", "nps", scale="1-5", columns=("Touchpoint", "Score"))
    assert wrong.returncode == 2 and "--kpi nps: expected --scale 0-10" in wrong.stderr


# --------------------------------------------------------------------------- twice, merge and replace


def test_importing_the_same_file_twice_changes_nothing(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", HEADER + "form,5,nice,\napproval,3,,\n")
    assert survey(standard_site, "answers.csv").returncode == 0
    after_first = (standard_site.docs / OBSERVATION).read_bytes()
    second = survey(standard_site, "answers.csv")
    assert second.returncode == 0, second.stderr
    assert (standard_site.docs / OBSERVATION).read_bytes() == after_first
    assert "form (Request form): skipped: answers.csv (sha256 " in second.stdout
    assert "was already imported here as csat" in second.stdout
    assert "Nothing changed" in second.stdout
    # The same answers with Windows line endings are the same file (as in journeys.lock).
    write_csv(standard_site, "answers.csv", (HEADER + "form,5,nice,\napproval,3,,\n").replace("\n", "\r\n"))
    assert survey(standard_site, "answers.csv").returncode == 0
    assert (standard_site.docs / OBSERVATION).read_bytes() == after_first


def test_a_second_file_is_merged(standard_site: FixtureSite) -> None:
    first = write_csv(standard_site, "may.csv", HEADER + "form,5,May comment,\nform,4,,\n")
    second = write_csv(standard_site, "june.csv", HEADER + "form,1,June comment,\nform,5,,\nhandover,3,,\n")
    assert survey(standard_site, "may.csv").returncode == 0
    result = survey(standard_site, "june.csv")
    assert result.returncode == 0, result.stderr
    assert "form (Request form): merged csat with 1 earlier file: n 4, mean 3.75" in result.stdout
    assert "handover (Handover): added csat: n 1" in result.stdout
    [kpi] = touchpoint(standard_site, "form")["kpis"]
    assert (kpi["n"], kpi["value"]) == (4, 3.75)
    assert kpi["distribution"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 2}
    assert kpi["sources"] == [{"file": "may.csv", "sha256": sha(first), "n": 2},
                              {"file": "june.csv", "sha256": sha(second), "n": 2}]
    assert [f["text"] for f in touchpoint(standard_site, "form")["feedback"]] == ["May comment", "June comment"]
    assert_check_passes(standard_site)


def test_replace_swaps_the_kpi_and_its_comments(standard_site: FixtureSite) -> None:
    standard_site.write(OBSERVATION, """\
        touchpoints:
          form:
            emotion: 1
            feedback:
              - {method: interview, text: Said by hand, evidence: observed}
          approval: {emotion: -2}
        """)
    write_csv(standard_site, "may.csv", HEADER + "form,5,May comment,\n")
    write_csv(standard_site, "june.csv", HEADER + "form,1,June comment,\n")
    fixed = write_csv(standard_site, "may-fixed.csv", HEADER + "form,2,Fixed comment,\nform,2,,\n")
    for name in ("may.csv", "june.csv"):
        assert survey(standard_site, name).returncode == 0
    result = survey(standard_site, "may-fixed.csv", "--replace")
    assert result.returncode == 0, result.stderr
    assert "replaced csat (2 comments of june.csv, may.csv removed): n 2, mean 2" in result.stdout
    form = touchpoint(standard_site, "form")
    assert form["kpis"] == [{"kind": "csat", "value": 2.0, "min": 1, "max": 5, "n": 2,
                             "distribution": {"1": 0, "2": 2, "3": 0, "4": 0, "5": 0},
                             "sources": [{"file": "may-fixed.csv", "sha256": sha(fixed), "n": 2}]}]
    assert [(f["method"], f["text"]) for f in form["feedback"]] == [
        ("interview", "Said by hand"), ("survey", "Fixed comment")]
    again = survey(standard_site, "may-fixed.csv", "--replace")
    assert again.returncode == 0
    assert touchpoint(standard_site, "form") == form  # replacing with the same file does not count twice
    assert_check_passes(standard_site)


def test_a_kpi_that_cannot_take_the_answers_is_a_conflict(standard_site: FixtureSite) -> None:
    standard_site.write(OBSERVATION, "touchpoints:\n  form:\n    kpis:\n      - {kind: csat, value: 4.1, n: 30}\n")
    before = (standard_site.docs / OBSERVATION).read_bytes()
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,5\n")
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score"))
    assert result.returncode == 1
    assert "touchpoint 'form' already has a csat KPI that cannot take these answers" in result.stderr
    assert (standard_site.docs / OBSERVATION).read_bytes() == before
    replaced = survey(standard_site, "answers.csv", "--replace", columns=("Touchpoint", "Score"))
    assert replaced.returncode == 0, replaced.stderr
    assert touchpoint(standard_site, "form")["kpis"][0]["n"] == 1


# ------------------------------------------------------------------------------- the observation file


def test_comments_and_layout_of_the_observation_file_are_kept(standard_site: FixtureSite) -> None:
    original = (
        "# yaml-language-server: $schema=../../../schemas/observation.schema.json\n"
        "summary: >-\n"
        "  A folded summary\n"
        "  over two lines.\n"
        "touchpoints:   # scored by the team\n"
        "  # the form\n"
        "  form: { emotion: 1,  notes: \"Easy to find\" }   # keep me\n"
        "  approval: {emotion: -2, notes: 'Waited a week'}\n"
        "  handover:\n"
        "      emotion: 2     # odd indentation\n"
        "      works:\n"
        "      -   one item\n"
        "      # dangling\n"
        "\n"
        "# the end\n")
    standard_site.write(OBSERVATION, original)
    write_csv(standard_site, "answers.csv", HEADER + "form,5,Nice,\n")
    result = survey(standard_site, "answers.csv")
    assert result.returncode == 0, result.stderr
    text = (standard_site.docs / OBSERVATION).read_text("utf-8")
    head, tail = original.split("  form: { emotion: 1,  notes: \"Easy to find\" }   # keep me\n")
    assert text.startswith(head) and text.endswith(tail), text
    assert "  form:  # keep me\n    emotion: 1\n    notes: \"Easy to find\"\n    kpis:\n" in text, text
    assert_check_passes(standard_site)


def test_crlf_and_bom_of_the_observation_file_are_kept(standard_site: FixtureSite) -> None:
    path = standard_site.docs / OBSERVATION
    path.write_bytes(b"\xef\xbb\xbf# top\r\ntouchpoints:\r\n  form: {emotion: 1}\r\n")
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nhandover,4\n")
    assert survey(standard_site, "answers.csv", columns=("Touchpoint", "Score")).returncode == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# top\r\ntouchpoints:\r\n  form: {emotion: 1}\r\n  handover:\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert_check_passes(standard_site)


def test_a_missing_observation_file_is_created(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r1/laptop.yml", "# yaml-language-server: $schema=../schema.json\n"
                                                "touchpoints: {form: {emotion: 1}}\n")
    (standard_site.docs / OBSERVATION).unlink()
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\napproval,4\nform,5\n")
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score"))
    assert result.returncode == 0, result.stderr
    text = (standard_site.docs / OBSERVATION).read_text("utf-8")
    # The schema line points at the project's .schemas/ folder (journeys schemas), whatever other files say.
    assert text.startswith("# yaml-language-server: $schema=../../../.schemas/observation.schema.json\n"), text
    assert "touchpoints:\n  form:\n" in text, text
    assert list(observation(standard_site)["touchpoints"]) == ["form", "approval"]  # journey order
    assert "Wrote docs/rounds/r2/laptop.yml." in result.stdout
    assert_check_passes(standard_site)


def test_a_write_that_fails_validation_is_undone(standard_site: FixtureSite, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = standard_site.docs / OBSERVATION
    before = path.read_bytes()
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,4\n")
    real = survey_kpi._new_kpi

    def broken(*args: Any) -> Any:
        kpi = real(*args)
        kpi["kind"] = "bogus"
        return kpi
    monkeypatch.setattr(survey_kpi, "_new_kpi", broken)
    monkeypatch.chdir(standard_site.root)
    request = surveys.SurveyRequest(file=Path("answers.csv"), journey="laptop", round="r2", scale=(1, 5),
                                    columns=survey_csv.Columns("Touchpoint", "Score"))
    lines: list[str] = []
    code = surveys.import_survey(Path("mkdocs.yml"), request, out=lines.append, err=lines.append,
                                 read_options=read_options)
    assert code == 1
    assert any(line.startswith("docs/rounds/r2/laptop.yml:") and "kind" in line for line in lines), lines
    assert "it was undone and docs/rounds/r2/laptop.yml is as it was" in lines[-1]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["index.md", "laptop.yml"]  # no temporary file left


def test_refuses_to_start_on_a_project_with_problems(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 9}\n")
    before = (standard_site.docs / OBSERVATION).read_bytes()
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,4\n")
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score"))
    assert result.returncode == 1
    assert "docs/rounds/r2/laptop.yml:2:19: error: touchpoints.form.emotion" in result.stderr
    assert "1 problem found. Fix it before importing" in result.stderr
    assert (standard_site.docs / OBSERVATION).read_bytes() == before


def test_splice_keeps_lines_ruamel_would_rewrite() -> None:
    original = "a: {x: 1}\nb:   {y: 2}   # c\n"
    before = "a: {x: 1}\nb: {y: 2}   # c\n"
    after = "a: {x: 1}\nz: 3\nb: {y: 2}   # c\n"
    assert yamledit.splice(original, before, after) == "a: {x: 1}\nz: 3\nb:   {y: 2}   # c\n"


# ------------------------------------------------------------------------------------------ the export


def test_export_json_shows_the_kpi_on_the_survey_scale(standard_site: FixtureSite) -> None:
    write_csv(standard_site, "answers.csv", "Touchpoint;Score\nform;7\nform;8\nform;10\n")
    assert survey(standard_site, "answers.csv", scale="0-10", columns=("Touchpoint", "Score")).returncode == 0
    result = standard_site.journeys("export", "json")
    assert result.returncode == 0, result.stderr
    [journey] = json.loads(result.stdout)["journeys"]
    form = journey["rounds"]["r2"]["touchpoints"]["form"]
    assert "kpis" in form, f"the export has no KPIs yet (model.TouchpointResult has no kpis): {form}"
    [kpi] = form["kpis"]
    assert (kpi["kind"], kpi["name"], kpi["value"], kpi["n"], kpi["min"], kpi["max"]) == (
        "custom", "survey", 8.33, 3, 0, 10)


def test_a_hand_written_kpi_with_a_distribution_takes_more_answers(standard_site: FixtureSite) -> None:
    standard_site.write(OBSERVATION, "touchpoints:\n  form:\n    emotion: 1\n"
                                     "    kpis: [{kind: csat, value: 4.0, n: 2, distribution: {'4': 2}}]\n")
    write_csv(standard_site, "answers.csv", "Touchpoint,Score\nform,5\nform,2\n")
    result = survey(standard_site, "answers.csv", columns=("Touchpoint", "Score"))
    assert result.returncode == 0, result.stderr
    [kpi] = touchpoint(standard_site, "form")["kpis"]
    assert (kpi["n"], kpi["value"], kpi["distribution"]) == (4, 3.75, {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1})
    assert [s["file"] for s in kpi["sources"]] == ["answers.csv"]
    assert_check_passes(standard_site)

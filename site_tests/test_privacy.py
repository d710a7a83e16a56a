"""Private feedback never reaches a built site (pages, search index, any file) or an export, unless asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from actions_fixture import PRIVATE, actions_site
from conftest import REPO, site_files
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options

# Text of a public feedback entry on the same touchpoint, so the checks below cannot pass on an empty site.
PUBLIC = "Interview finding about the form"


def files_containing(folder: Path, text: str) -> list[str]:
    """Every file under `folder` whose bytes hold `text` (UTF-8, also as JSON's \\u escapes)."""
    needles = [text.encode(), json.dumps(text).strip('"').encode()]
    return sorted(str(p.relative_to(folder)) for p in site_files(folder)
                  if any(n in p.read_bytes() for n in needles))


def test_private_feedback_is_in_no_file_of_any_round_and_not_in_the_search_index(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n  - journeys", "plugins:\n  - search\n  - journeys"))
    result = site.journeys("build")
    assert result.returncode == 0, result.stdout + result.stderr
    built = site.root / "site"
    index = built / "r3/search/search_index.json"
    assert PUBLIC in index.read_text("utf-8")  # the feedback map is indexed...
    assert files_containing(built, PUBLIC)
    assert files_containing(built, PRIVATE) == []  # ...but the private entry is nowhere
    assert files_containing(built, PRIVATE.split(":")[0]) == []
    # The source keeps it: the file is data, and a closed round's digest covers it.
    assert PRIVATE in (site.docs / "rounds/r3/laptop.yml").read_text("utf-8")


def test_export_leaves_private_feedback_out_unless_asked(tmp_path: Path) -> None:
    site = actions_site(tmp_path)
    default = site.journeys("export", "json")
    assert default.returncode == 0, default.stderr
    assert PRIVATE not in default.stdout and PUBLIC in default.stdout
    feedback = json.loads(default.stdout)["journeys"][0]["rounds"]["r3"]["touchpoints"]["form"]["feedback"]
    assert [entry["method"] for entry in feedback] == ["interview", "observation", "observation"]
    asked = site.journeys("export", "json", "--include-private")
    assert asked.returncode == 0, asked.stderr
    data = json.loads(asked.stdout)
    laptop = data["journeys"][0]
    [private] = [e for e in laptop["rounds"]["r3"]["touchpoints"]["form"]["feedback"] if e["private"]]
    assert private == {"method": "survey", "text": PRIVATE, "date": "", "evidence": "observed", "persona": "",
                       "private": True, "source": ""}
    # The rest of the new format is exported too: KPIs on their own scale, works, emotions, opportunities.
    r3 = laptop["rounds"]["r3"]
    assert r3["service_stage"] == "growth" and r3["photos"] == [{"file": "board.svg", "caption": "The board in week 3"}]
    approval = r3["touchpoints"]["approval"]
    assert approval["kpis"][0] | {"distribution": {}, "sources": []} == {
        "kind": "csat", "value": 4.2, "min": 1, "max": 5, "name": "", "n": 55, "target": 4,
        "distribution": {}, "sources": []}
    assert approval["emotions"] == {"anna": 1, "bob": -2}
    assert r3["touchpoints"]["form"]["works"] == ["Fields are prefilled"]
    assert [o["id"] for o in laptop["opportunities"]] == ["a", "b", "c", "d", "e"]
    assert laptop["opportunities"][1]["votes"] == {"quick_win": 2, "important": 6}


def test_the_example_publishes_none_of_its_private_feedback(tmp_path: Path) -> None:
    options = Options(docs_dir=REPO / "journeys")
    catalog, _ = load_catalog(options.docs_dir, options.emotion_scale())
    secrets = [f.text for o in catalog.observations.values() for r in o.results.values() for f in r.feedback
               if f.private]
    assert secrets, "the example has no private feedback to test with"
    result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "build", "-d", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/latest/search/search_index.json").is_file()
    for secret in secrets:
        assert files_containing(tmp_path / "site", secret) == [], secret
        assert files_containing(tmp_path / "site", secret[:40]) == [], secret

"""The command line reads mkdocs.yml through MkDocs' own loader, so it and the plugin never disagree: plugins as
a mapping, INHERIT, !ENV and !relative."""

from __future__ import annotations

from pathlib import Path

from conftest import FixtureSite
from mkdocs_journeys.adapter.config import read_options
from mkdocs_journeys.format.options import OptionError

SCALE = "      scale:\n" + "".join(f"        - {{value: {v}, label: L{v}}}\n" for v in range(1, 6))


def test_plugins_as_a_mapping_keep_their_options(standard_site: FixtureSite) -> None:
    # A 1..5 scale under a mapping-form `plugins:`: the -2..+2 scores of the fixture are out of range for both
    # fronts alike (the command line used to drop the options and print OK).
    site = standard_site
    site.write("mkdocs.yml", "site_name: F\ndocs_dir: docs\ntheme: {name: material, font: false}\nplugins:\n"
               "  journeys:\n" + SCALE.replace("      ", "    ", 1).replace("\n        ", "\n      "), docs=False)
    options = read_options(site.root / "mkdocs.yml")
    assert [p.value for p in options.emotion_scale().points] == [1, 2, 3, 4, 5]
    check = site.journeys("check")
    built = site.build()
    assert check.returncode == 1 and built.code != 0
    assert "expected a whole number from 1 to 5" in check.stderr or "1 to 5" in check.stderr, check.stderr
    first = next(line for line in check.stderr.splitlines() if ": error: " in line)
    assert first in built.output


def test_inherit_env_and_relative(standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("base.yml", "site_name: F\ntheme: {name: material, font: false, language: hu}\n"
               "plugins:\n  - journeys:\n      round: !ENV [JOURNEYS_TEST_ROUND, r1]\n", docs=False)
    site.write("mkdocs.yml", "INHERIT: base.yml\ndocs_dir: docs\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
               "      base_path: !relative $config_dir\n", docs=False)
    options = read_options(site.root / "mkdocs.yml")
    assert options.language == "hu" and options.round == "r1"
    assert options.docs_dir.resolve() == (site.root / "docs").resolve()
    assert site.journeys("check").returncode == 0


def test_a_bad_configuration_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: F\ndocs_dir: nowhere\nplugins:\n  - journeys\n", "utf-8")
    try:
        read_options(tmp_path / "mkdocs.yml")
    except OptionError as err:
        assert "docs_dir" in str(err) and "nowhere" in str(err)
    else:
        raise AssertionError("a missing docs folder must be refused")
    missing = FixtureSite(tmp_path / "other")
    (missing.root / "mkdocs.yml").unlink()
    result = missing.journeys("check")
    assert result.returncode == 2 and "mkdocs.yml: no such file" in result.stderr and "Traceback" not in result.stderr

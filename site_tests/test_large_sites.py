"""What keeps large sites fast gives the same site: the navigation rendered once for the pages outside it, one
round's pages written by two processes, and content held back until a page is written."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from pathlib import Path

import material
import pytest
from conftest import JOURNEY, OBSERVATION, FixtureSite, site_files

MATERIAL_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"


def three_journeys(root: Path) -> FixtureSite:
    """The standard site with two more journeys: comparison and wall-map pages to share the navigation."""
    site = FixtureSite(root).standard()
    for journey in ("museum", "parcel"):
        site.write(f"journeys/{journey}.md", JOURNEY.replace("Laptop request", f"{journey.title()} visit"))
        site.write(f"rounds/r2/{journey}.yml", OBSERVATION)
    return site


def same_trees(one: Path, two: Path) -> None:
    """Both folders hold the same files with the same bytes."""
    files = sorted(p.relative_to(one) for p in site_files(one))
    assert files == sorted(p.relative_to(two) for p in site_files(two))
    _, mismatch, errors = filecmp.cmpfiles(one, two, [str(f) for f in files], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_the_shared_navigation_is_what_the_theme_renders(tmp_path: Path) -> None:
    cached = three_journeys(tmp_path / "cached")
    result = cached.run("mkdocs", "build", "--strict", "-v")
    assert result.returncode == 0, result.stderr
    reused = re.search(r"the navigation of (\d+) pages? outside it was rendered once and reused", result.stderr)
    assert reused is not None and int(reused.group(1)) > 0
    # A site whose theme has its own partials/nav.html keeps it; here it is the theme's own, so no cache.
    plain = three_journeys(tmp_path / "plain")
    config = (plain.root / "mkdocs.yml").read_text()
    (plain.root / "mkdocs.yml").write_text(config.replace("  font: false\n", "  font: false\n  custom_dir: theme\n"))
    shutil.copy(MATERIAL_NAV, plain.write("theme/partials/nav.html", "", docs=False))
    result = plain.run("mkdocs", "build", "--strict", "-v")
    assert result.returncode == 0, result.stderr
    assert "the navigation of 0 pages outside it" in result.stderr
    compare = cached.root / "site/compare/museum/index.html"
    assert '<a href="../../personas/anna/" class="md-nav__link">' in compare.read_text("utf-8")  # the nav is there
    same_trees(cached.root / "site", plain.root / "site")


def single_round(root: Path) -> FixtureSite:
    """Three journeys in one open round: an edit there makes `journeys build` rebuild just that round."""
    site = three_journeys(root)
    shutil.rmtree(site.docs / "rounds/r1")
    return site


def test_two_processes_write_one_round_as_one_would(tmp_path: Path) -> None:
    site = single_round(tmp_path)
    shared = site.journeys("build", "-v", "-j", "2", "-d", "two")
    assert shared.returncode == 0, shared.stderr
    assert "2 processes write the pages of this round" in shared.stderr
    assert "Generated empty output" not in shared.stderr  # pages a helper wrote are not called skipped
    shutil.rmtree(site.root / ".journeys-cache")
    alone = site.journeys("build", "-v", "-j", "1", "-d", "one")
    assert alone.returncode == 0, alone.stderr
    assert "processes write the pages" not in alone.stderr
    same_trees(site.root / "one", site.root / "two")
    for page in (f for f in site_files(site.root / "two") if f.suffix == ".html"):
        assert "journeys-deferred" not in page.read_text("utf-8"), page  # every held-back part was filled in


@pytest.mark.parametrize("failing", ["journeys/laptop.md", "journeys/museum.md"])
def test_a_page_failing_in_either_process_fails_the_build_and_keeps_the_site(tmp_path: Path, failing: str) -> None:
    site = single_round(tmp_path)
    assert site.journeys("build", "-j", "2").returncode == 0
    before = {p: p.read_bytes() for p in site_files(site.root / "site")}
    # Neighbouring pages, so one of them falls to each process.
    site.write("theme/main.html", '{% extends "base.html" %}{% block content %}{% if page.file.src_uri == "'
               + failing + '" %}{{ missing.attribute }}{% endif %}{{ super() }}{% endblock %}', docs=False)
    config = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(config.replace("  font: false\n", "  font: false\n  custom_dir: theme\n"))
    result = site.journeys("build", "-j", "2")
    assert result.returncode == 1
    assert failing in result.stderr and "previous site" in result.stderr
    assert {p: p.read_bytes() for p in site_files(site.root / "site")} == before
    assert not (site.root / ".site.journeys-new").exists()


def test_the_round_table_is_on_the_page_but_not_in_the_search_index(standard_site: FixtureSite) -> None:
    config = (standard_site.root / "mkdocs.yml").read_text()
    (standard_site.root / "mkdocs.yml").write_text(config.replace("  - journeys", "  - search\n  - journeys"))
    built = standard_site.build()
    assert built.code == 0, built.output
    html = built.page("rounds/r2")
    table = html[html.index('<details class="journeys-heatmap-table">'):html.index("</details>")]
    assert 'data-touchpoint="approval">Manager approval: ' in table
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    round_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("rounds/r2/"))
    assert "Round 2 text." in round_text and "Manager approval" not in round_text
    assert "Manager approval" in " ".join(doc["text"] for doc in index["docs"]
                                          if doc["location"].startswith("journeys/laptop/"))

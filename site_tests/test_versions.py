"""`journeys build`: every round a version of one site; deterministic, atomic, incremental; mike works too."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FixtureSite, layer_data, site_files
from mkdocs_journeys.site.discard import TRASH
from test_build import chart_specs
from test_large_sites import same_trees


def build(site: FixtureSite, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `journeys build` and insist on success."""
    result = site.journeys("build", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def emotions(site_dir: Path, page: str) -> list[int | None]:
    """The emotions drawn on a journey page's curve."""
    html = (site_dir / page / "index.html").read_text("utf-8")
    return [row["emotion"] for row in layer_data(chart_specs(html)[0], "point")]


def test_every_round_is_a_version(standard_site: FixtureSite) -> None:
    build(standard_site)
    site = standard_site.root / "site"
    assert emotions(site, "r1/journeys/laptop") == [-1, -2, 2]
    assert emotions(site, "r2/journeys/laptop") == [1, -2, 2]
    assert emotions(site, "latest/journeys/laptop") == [1, -2, 2]
    versions = json.loads((site / "versions.json").read_text())
    assert versions == [
        {"version": "r2", "title": "Round 2 (in progress)", "aliases": ["latest"]},
        {"version": "r1", "title": "Round 1", "aliases": []},
    ]
    assert 'url=latest/"' in (site / "index.html").read_text()
    # Material's version selector is on in every round; the outdated banner text is in the page.
    page = (site / "r1/journeys/laptop/index.html").read_text()
    assert '"provider": "mike"' in page or "&#34;provider&#34;: &#34;mike&#34;" in page or '"provider":"mike"' in page
    assert "You are looking at an earlier monitoring round." in page
    # Same-page switching needs absolute addresses in each round's sitemap, even without site_url.
    sitemap = (site / "r1/sitemap.xml").read_text()
    assert "<loc>https://journeys.invalid/journeys/laptop/</loc>" in sitemap


def test_builds_are_deterministic(standard_site: FixtureSite, tmp_path: Path) -> None:
    # Rounds built side by side in two processes give the same bytes as one after another.
    assert "Built 2 rounds" in build(standard_site, "-d", "one", "--jobs", "2").stdout
    shutil.rmtree(standard_site.root / ".journeys-cache")
    build(standard_site, "-d", "two", "-j", "1")
    one, two = standard_site.root / "one", standard_site.root / "two"
    files = sorted(p.relative_to(one) for p in site_files(one))
    assert files == sorted(p.relative_to(two) for p in site_files(two))
    _, mismatch, errors = filecmp.cmpfiles(one, two, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []


def test_only_changed_rounds_are_rebuilt(standard_site: FixtureSite) -> None:
    first = build(standard_site)
    assert "Built 2 rounds (r1, r2), reused 0" in first.stdout
    again = build(standard_site)
    assert "Built 0 rounds (none), reused 2" in again.stdout
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 2}\n")
    edited = build(standard_site)
    assert "Built 1 round (r2), reused 1 unchanged (r1)" in edited.stdout
    assert emotions(standard_site.root / "site", "latest/journeys/laptop")[0] == 2
    journey = standard_site.docs / "journeys/laptop.md"
    journey.write_text(journey.read_text().replace("Request form", "Request form (new)"))
    assert "Built 2 rounds" in build(standard_site).stdout


def _leftovers(site: Path) -> list[Path]:
    """What a build left of its staging: nothing but the store, the marker, the one generation it points at, and the
    trash a detached process is emptying of the folders the build replaced (site/discard.py)."""
    store = site / ".journeys-site"
    live = os.readlink(store / "current")
    return [p for p in site.glob(".*journeys*") if p.name not in (".journeys-site", ".published-by-journeys.json")] + \
        [p for p in store.iterdir() if p.name not in ("current", "rounds", TRASH, live)]


def test_an_edit_replaces_only_the_folders_of_the_rounds_it_changed(standard_site: FixtureSite) -> None:
    build(standard_site)
    site = standard_site.root / "site"
    cache = standard_site.root / ".journeys-cache"

    def folders() -> dict[str, int]:
        return {name: (site / name).stat().st_ino for name in ("r1", "r2", "latest")}

    def inodes(folder: Path) -> set[int]:
        # Not the trash: a detached process is removing what is in it (site/discard.py) while we look.
        return {p.stat().st_ino for p in site_files(folder) if TRASH not in p.relative_to(folder).parts}

    before = folders()
    (site / "stray.txt").write_text("put here by hand")
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 2}\n")
    assert "Built 1 round (r2)" in build(standard_site).stdout
    after = folders()
    assert after["r1"] == before["r1"]  # neither copied nor removed
    assert after["r2"] != before["r2"] and after["latest"] != before["latest"]
    assert emotions(site, "r2/journeys/laptop")[0] == emotions(site, "latest/journeys/laptop")[0] == 2
    # What the build did not write stays; no staging is left behind.
    assert (site / "stray.txt").read_text() == "put here by hand" and not _leftovers(site)
    # Published files are copies: none shares an inode with the cache, so editing one leaves the cache alone.
    assert inodes(site).isdisjoint(inodes(cache))
    page = site / "latest/journeys/laptop/index.html"
    cached = cache / "r2/site/journeys/laptop/index.html"
    original = cached.read_bytes()
    page.write_text("edited in place")
    assert cached.read_bytes() == original
    # A round folder that someone replaced, or a page edited in place, is put back, though its round did not change.
    (site / "r1").unlink()  # the round is a link into the site's store; a folder takes its place
    (site / "r1").mkdir()
    (site / "r1/index.html").write_text("not ours")
    assert "Built 0 rounds" in build(standard_site).stdout
    assert page.read_bytes() == original
    # Whatever happened before, the site is the one a build from nothing gives (and the stray file).
    (site / "stray.txt").unlink()
    shutil.rmtree(cache)
    build(standard_site, "-d", "fresh")
    same_trees(site, standard_site.root / "fresh")


def test_a_cache_made_on_another_machine_is_never_published(standard_site: FixtureSite, tmp_path: Path) -> None:
    # A pull request may add a .journeys-cache/ whose digests fit the sources; only this machine's key signs them.
    elsewhere = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "elsewhere")}
    made = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "build"], cwd=standard_site.root, env=elsewhere,
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    poisoned = standard_site.root / ".journeys-cache/r1/site/journeys/laptop/index.html"
    poisoned.write_text("<script>alert(1)</script>")
    here = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "here")}

    def build_here() -> str:
        result = subprocess.run([sys.executable, "-m", "mkdocs_journeys.cli", "build"], cwd=standard_site.root,
                                env=here, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "Built 2 rounds" in build_here()
    assert "alert(1)" not in (standard_site.root / "site/r1/journeys/laptop/index.html").read_text("utf-8")
    assert "Built 0 rounds" in build_here()  # this machine's own cache is used
    key = tmp_path / "here/mkdocs-journeys/cache-key"
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o077 == 0


def test_a_failing_build_leaves_the_previous_site_untouched(standard_site: FixtureSite) -> None:
    build(standard_site)
    site = standard_site.root / "site"
    before = {p: p.read_bytes() for p in site_files(site)}
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 2}\n")
    standard_site.write("notes.md", "# Notes\n\nSee [the missing page](missing.md).\n")
    result = standard_site.journeys("build", "--strict", "--jobs", "2")
    assert result.returncode == 1
    assert "left as it was" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in site_files(site)} == before
    assert not list(standard_site.root.glob(".site.journeys-*")) and not _leftovers(site)


def test_validation_problems_stop_the_build_before_anything_is_written(standard_site: FixtureSite) -> None:
    standard_site.write("rounds/r2/laptop.yml", "touchpoints:\n  form: {emotion: 9}\n")
    result = standard_site.journeys("build")
    assert result.returncode == 1
    assert "docs/rounds/r2/laptop.yml:2:19: error:" in result.stderr
    assert not (standard_site.root / "site").exists()


def test_mike_deploy_with_the_round_from_the_environment(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    FixtureSite(tmp_path, plugin_options=":\n      round: !ENV [JOURNEYS_ROUND, null]").standard()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=tmp_path, check=True, env=env)
    for round_id in ("r1", "r2"):
        result = subprocess.run(["mike", "deploy", round_id],
                                cwd=tmp_path, env={**env, "JOURNEYS_ROUND": round_id}, capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stderr
    for round_id, first in (("r1", -1), ("r2", 1)):
        html = subprocess.run(["git", "show", f"gh-pages:{round_id}/journeys/laptop/index.html"], cwd=tmp_path,
                              capture_output=True, text=True, check=True).stdout
        assert layer_data(chart_specs(html)[0], "point")[0]["emotion"] == first

"""Every page links to the files its data comes from (Material's view and edit actions, and a list of source
files when a page draws on several), so a reader can propose a change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from actions_fixture import actions_site
from conftest import Built
from mkdocs_journeys.views.sources import Repository, view_url

REPO_URL = "https://github.com/acme/journeys"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    fixture = actions_site(tmp_path_factory.mktemp("sources"))
    config = fixture.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "features: [navigation.prune]", "features: [navigation.prune, content.action.edit, content.action.view]")
        + f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n", "utf-8")
    built = fixture.build()
    assert built.code == 0, built.output
    return built


def _actions(html: str) -> list[str]:
    """The addresses of Material's edit and view buttons on a page."""
    return re.findall(r'<a href="([^"]+)" title="[^"]+" class="md-content__button md-icon"', html)


def _sources(html: str) -> list[str]:
    return re.findall(r'<li data-source="([^"]+)">', html)


def test_journey_page_lists_journey_observation_and_opportunities(site: Built) -> None:
    html = site.page("journeys/laptop")
    assert _actions(html) == [f"{REPO_URL}/edit/main/docs/journeys/laptop.md",
                              f"{REPO_URL}/raw/main/docs/journeys/laptop.md"]
    assert _sources(html) == ["journeys/laptop.md", "rounds/r3/laptop.yml", "opportunities/laptop.yml"]
    assert f'<a href="{REPO_URL}/blob/main/docs/rounds/r3/laptop.yml">rounds/r3/laptop.yml</a>' in html
    assert f'href="{REPO_URL}/edit/main/docs/rounds/r3/laptop.yml" rel="edit" ' \
           f'aria-label="Edit rounds/r3/laptop.yml">edit</a>' in html


def test_generated_pages_point_at_the_files_they_are_made_of(site: Built) -> None:
    # The comparison page is made of the journey and every round's observation up to the site's round.
    compare = site.page("compare/laptop")
    assert _actions(compare)[0] == f"{REPO_URL}/edit/main/docs/journeys/laptop.md"
    assert _sources(compare) == ["journeys/laptop.md", "rounds/r1/laptop.yml", "rounds/r2/laptop.yml",
                                 "rounds/r3/laptop.yml", "opportunities/laptop.yml"]
    feedback = site.page("feedback/laptop")
    assert _actions(feedback)[0] == f"{REPO_URL}/edit/main/docs/rounds/r3/laptop.yml"
    assert _sources(feedback) == ["rounds/r3/laptop.yml"]
    plan = site.page("action-plan")
    assert _actions(plan) == []  # generated from several files: no single one to edit
    assert _sources(plan) == ["opportunities/laptop.yml", "opportunities/museum.yml"]
    assert _sources(site.page("rounds/r3")) == ["rounds/r3/index.md", "rounds/r3/laptop.yml", "rounds/r3/museum.yml"]
    assert _sources(site.page("personas/bob")) == ["personas/bob.md"]


def test_repository_link_asks_no_outside_service(site: Built) -> None:
    # Material's own header link makes the browser ask GitHub's API for stars and forks; ours is a plain link.
    html = site.page("journeys/laptop")
    header = re.search(r'<a href="https://github.com/acme/journeys"[^>]*class="md-source"[^>]*>', html)
    assert header is not None and "data-md-component" not in header.group(0)
    for page in site.site.rglob("*.html"):
        assert "api.github.com" not in page.read_text("utf-8")


def test_no_repository_no_links(tmp_path: Path) -> None:
    built = actions_site(tmp_path).build()
    assert built.code == 0, built.output
    html = built.page("journeys/laptop")
    assert "journeys-sources" not in html and _actions(html) == []


def test_edit_uri_template_and_view_addresses() -> None:
    template = Repository("https://git.example.org/cx/journeys", None, "src/branch/main/docs/{path_noext}.md?edit")
    assert template.edit_url("journeys/x.md") == "https://git.example.org/cx/journeys/src/branch/main/docs/journeys/x.md?edit"
    gitlab = Repository("https://gitlab.example.org/cx/journeys/", "-/edit/main/docs")
    edit = gitlab.edit_url("rounds/r1/x.yml")
    assert edit == "https://gitlab.example.org/cx/journeys/-/edit/main/docs/rounds/r1/x.yml"
    assert view_url(edit) == "https://gitlab.example.org/cx/journeys/-/blob/main/docs/rounds/r1/x.yml"
    assert view_url("https://gitea.example.org/cx/j/_edit/main/docs/x.md") == \
        "https://gitea.example.org/cx/j/src/branch/main/docs/x.md"
    assert view_url("https://bitbucket.org/cx/j/src/default/docs/x.md") is None
    assert Repository("https://git.example.org/cx/j", None).edit_url("x.md") is None

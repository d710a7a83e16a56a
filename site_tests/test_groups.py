"""Journey groups and hierarchy (issue 15.1): where each journey falls, the checks of groups, parents and expands,
the navigation nested by group, the group page, the home page's groups, and the links between a parent journey's
steps and its child journeys."""

from __future__ import annotations

import re

import pytest
from conftest import JOURNEY, OBSERVATION, Built, FixtureSite
from mkdocs_journeys.format.loader import load_catalog
from mkdocs_journeys.format.options import Options
from mkdocs_journeys.layout import ID, service_group_id


def journey(title: str, service: str = "IT service desk", **fields: str) -> str:
    """The fixture journey (stages ask/receive, touchpoints form/approval/handover) with another title and
    service, and extra front matter fields."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return JOURNEY.replace("title: Laptop request\n", f"title: {title}\n{extra}") \
        .replace("service: IT service desk", f"service: {service}")


def group(title: str, *services: str) -> str:
    listed = "".join(f"  - {s}\n" for s in services)
    return f"---\ntitle: {title}\n" + (f"services:\n{listed}" if services else "") + "---\nAbout this group.\n"


def check_lines(site: FixtureSite) -> list[str]:
    """The problem lines of `journeys check`, which must exit 1 without a traceback."""
    result = site.journeys("check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]


# ---- where journeys fall --------------------------------------------------------------------------------

def test_a_journey_falls_in_its_named_group_else_its_services_group_else_one_made_from_its_service(
        standard_site: FixtureSite) -> None:
    site = standard_site
    site.write("groups/it.md", group("IT services", "IT service desk"))
    site.write("groups/people.md", group("People services"))
    site.write("journeys/onboarding.md", journey("Onboarding", "HR desk", group="people"))
    site.write("journeys/shop.md", journey("Buying online", "Hearthware online shop"))
    site.write("journeys/museum.md", journey("Museum visit", "Градски музей"))
    catalog, problems = load_catalog(site.docs, Options(docs_dir=site.docs).emotion_scale())
    assert problems == []
    placed = {jid: j.group for jid, j in catalog.journeys.items()}
    assert placed == {"laptop": "it", "onboarding": "people", "shop": "hearthware-online-shop",
                      "museum": service_group_id("Градски музей", set())}
    # Groups by title; a group made from a service has its title and no file.
    assert [g.title for g in catalog.groups.values()] == ["Hearthware online shop", "IT services",
                                                          "People services", "Градски музей"]
    made = catalog.groups["hearthware-online-shop"]
    assert made.source == "" and made.services == ["Hearthware online shop"] and made.journeys == ["shop"]
    assert catalog.groups["it"].source.endswith("docs/groups/it.md")


def test_a_service_s_group_id_follows_the_id_rule() -> None:
    assert service_group_id("IT Service Desk – eszközigénylés", set()) == "it-service-desk-eszkozigenyles"
    assert service_group_id("Hearthware online shop", {"hearthware-online-shop"}).startswith(
        "hearthware-online-shop-")
    cyrillic = service_group_id("Амбулаторный приём", set())
    assert cyrillic.startswith("service-") and cyrillic == service_group_id("Амбулаторный приём", set())
    for service in ("IT Service Desk – eszközigénylés", "Амбулаторный приём", "  --Ünnep!! ", "", "a" * 200):
        assert ID.fullmatch(service_group_id(service, set())), service


# ---- validation -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bad_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """One project with every kind of group and hierarchy mistake, checked once."""
    site = FixtureSite(tmp_path_factory.mktemp("bad")).standard()
    site.write("groups/workplace.md", group("Workplace", "IT service desk"))
    site.write("groups/other.md", group("Other", "HR desk", "IT service desk", "IT servce desk"))
    site.write("groups/Bad_Name.md", group("Bad"))
    site.write("groups/untitled.md", "---\nservices: [Nothing]\n---\n")
    site.write("journeys/self.md", journey("Self", parent="self"))
    site.write("journeys/loop-a.md", journey("Loop A", parent="loop-b"))
    site.write("journeys/loop-b.md", journey("Loop B", parent="loop-a"))
    site.write("journeys/lost.md", journey("Lost", parent="laptp"))
    site.write("journeys/step.md", journey("Step", parent="laptop", expands="handvoer"))
    site.write("journeys/orphan.md", journey("Orphan", expands="form"))
    site.write("journeys/named.md", journey("Named", group="workplac"))
    site.write("journeys/ok.md", journey("Fine", "HR desk", parent="laptop", expands="handover", group="workplace"))
    return check_lines(site)


def test_an_unknown_group_is_an_error_with_the_closest_id(bad_lines: list[str]) -> None:
    assert "docs/journeys/named.md:3:8: error: group: no group 'workplac' (expected a file groups/workplac.md); " \
           "did you mean 'workplace'?" in bad_lines


def test_an_unknown_parent_is_an_error_with_the_closest_id(bad_lines: list[str]) -> None:
    assert "docs/journeys/lost.md:3:9: error: parent: no journey 'laptp' (expected a file journeys/laptp.md); " \
           "did you mean 'laptop'?" in bad_lines


def test_expands_must_name_a_touchpoint_of_the_parent(bad_lines: list[str]) -> None:
    assert "docs/journeys/step.md:4:10: error: expands: no touchpoint 'handvoer' in journey 'laptop', the parent " \
           "(docs/journeys/laptop.md); did you mean 'handover'?" in bad_lines


def test_expands_without_a_parent_is_an_error(bad_lines: list[str]) -> None:
    assert "docs/journeys/orphan.md:3:10: error: expands: expected `parent` next to it, naming the journey whose " \
           "touchpoint 'form' this journey details; found no parent" in bad_lines


def test_a_journey_cannot_be_its_own_parent_or_ancestor(bad_lines: list[str]) -> None:
    assert "docs/journeys/self.md:3:9: error: parent: expected another journey, found 'self', this journey " \
           "itself; a journey cannot detail itself" in bad_lines
    for here, there in (("loop-a", "loop-b"), ("loop-b", "loop-a")):
        assert f"docs/journeys/{here}.md:3:9: error: parent: expected a journey that is not below this one, found " \
               f"'{there}', whose parents lead back here ({here} → {there} → {here}); remove one `parent` of the " \
               f"cycle" in bad_lines


def test_two_groups_may_not_list_the_same_service(bad_lines: list[str]) -> None:
    # Groups are read in the order of their file names: the later one is wrong.
    assert "docs/groups/workplace.md:4:5: error: services[0]: expected a service no other group lists, found " \
           "'IT service desk', which group 'other' lists too (docs/groups/other.md, line 5); a service's " \
           "journeys fall in one group: remove it from one list, or name the group in the journeys' `group`" \
           in bad_lines
    assert not any(line.startswith("docs/groups/other.md:5:") for line in bad_lines)


def test_a_group_file_name_is_its_id_and_its_title_is_required(bad_lines: list[str]) -> None:
    assert any(line.startswith("docs/groups/Bad_Name.md:1:1: error: the file or folder name 'Bad_Name' is the "
                               "group's id: expected lowercase letters, digits and hyphens") for line in bad_lines)
    assert "docs/groups/untitled.md:2:1: error: (top level): missing required key 'title'" in bad_lines


def test_a_service_no_journey_has_is_a_warning(bad_lines: list[str]) -> None:
    assert "docs/groups/other.md:6:5: warning: services[2]: expected the service of a journey, found " \
           "'IT servce desk', which no journey has; did you mean 'IT service desk'?" in bad_lines


def test_the_right_references_pass(bad_lines: list[str]) -> None:
    assert not any(line.startswith(("docs/journeys/ok.md", "docs/journeys/laptop.md")) for line in bad_lines)


# ---- the site -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Five journeys in three groups (two declared, one made from a service); laptop has two child journeys, one
    of them detailing its handover step."""
    site = FixtureSite(tmp_path_factory.mktemp("groups")).standard()
    site.write("groups/it.md", group("IT services", "IT service desk"))
    site.write("groups/people.md", group("People services"))
    site.write("journeys/returns.md", journey("Returning a laptop", parent="laptop", expands="handover"))
    site.write("journeys/repair.md", journey("Laptop repair", parent="laptop"))
    site.write("journeys/onboarding.md", journey("Onboarding", "HR desk", group="people"))
    site.write("journeys/shop.md", journey("Buying online", "Hearthware online shop"))
    site.write("rounds/r2/returns.yml", OBSERVATION)
    site.write("rounds/r1/shop.yml", OBSERVATION)
    site.write("rounds/r2/shop.yml", OBSERVATION.replace("emotion: 2", "emotion: -1"))
    result = site.build()
    assert result.code == 0, result.output
    return result


def nav_links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link of the page's navigation (Material's primary sidebar), in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?<div class="md-sidebar md-sidebar--secondary"', html,
                    re.S)
    assert nav, "no primary navigation"
    return [(href, re.sub(r"<[^>]+>|\s+", " ", text).strip())
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>',
                                         nav.group(0), re.S)]


def test_the_navigation_nests_journeys_by_group_and_prunes_the_other_groups(built: Built) -> None:
    links = nav_links(built.page("journeys/returns"))
    texts = [text for _, text in links]
    # Its own group: the group page first, then its journeys by title.
    start = texts.index("IT services")
    assert texts[start:start + 4] == ["IT services", "Laptop repair", "Laptop request", "Returning a laptop"]
    assert links[start][0] == "../../groups/it/"
    # The other groups are one link each, to their page: their journeys are not on this page.
    assert ("../../groups/people/", "People services") in links
    assert ("../../groups/hearthware-online-shop/", "Hearthware online shop") in links
    assert "Onboarding" not in texts and "Buying online" not in texts
    # No section of group pages of its own; groups sorted by title inside the journeys' section.
    groups = [text for _, text in links if text in ("Hearthware online shop", "IT services", "People services")]
    assert groups == ["Hearthware online shop", "IT services", "People services"]
    assert ">Groups<" not in built.page("journeys/returns")


def test_the_group_page_lists_its_journeys_with_children_under_their_parent(built: Built) -> None:
    html = built.page("groups/it")
    assert "<h1>IT services</h1>" in html and "About this group." in html
    rows = re.findall(r'<tr data-journey="([a-z-]+)" data-depth="(\d)"', html)
    assert rows == [("laptop", "0"), ("repair", "1"), ("returns", "1")]
    assert re.search(r'data-journey="repair"[^>]*data-parent="laptop"', html)
    assert '<a href="../../journeys/returns/">Returning a laptop</a>' in html
    # Averages per round with the trend, and a chart of the group's journeys.
    laptop = re.search(r'<tr data-journey="laptop".*?</tr>', html, re.S)
    assert laptop and re.findall(r'data-round="(r\d)" data-average="([-0-9.]+)"', laptop.group(0)) == [
        ("r1", "-0.33"), ("r2", "0.33")]
    assert 'id="journeys-chart-trend"' in html and 'id="journeys"' in html
    assert "Services" in html and "IT service desk" in html
    # One service for all: not repeated under each journey (the example's public services name theirs).
    assert "journeys-service" not in html


def test_a_group_made_from_a_service_has_a_page_of_its_own(built: Built) -> None:
    html = built.page("groups/hearthware-online-shop")
    assert "<h1>Hearthware online shop</h1>" in html
    assert re.findall(r'<tr data-journey="([a-z-]+)"', html) == ["shop"]
    people = built.page("groups/people")
    assert re.findall(r'<tr data-journey="([a-z-]+)"', people) == ["onboarding"]


def test_the_home_page_lists_the_groups_not_every_journey(built: Built) -> None:
    html = built.page(".")
    rows = re.findall(r'<tr data-group="([a-z-]+)">\s*<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*'
                      r'<td class="journeys-count" data-journeys="(\d+)">', html)
    assert rows == [("hearthware-online-shop", "groups/hearthware-online-shop/", "Hearthware online shop", "1"),
                    ("it", "groups/it/", "IT services", "3"), ("people", "groups/people/", "People services", "1")]
    content = html.split('id="groups"', 1)[1]
    assert "journeys/laptop/" not in content and "Returning a laptop" not in content
    # A group's average is the mean of its journeys' averages in the round (repair has no observation).
    it = re.search(r'<tr data-group="it">.*?</tr>', html, re.S)
    assert it and re.findall(r'data-round="(r\d)" data-average="([-0-9.]+)"', it.group(0)) == [
        ("r1", "-0.33"), ("r2", "0.33")]
    assert 'id="journeys-chart-trend"' in html


def test_a_parent_links_its_child_journeys_at_the_steps_they_expand(built: Built) -> None:
    html = built.page("journeys/laptop")
    column = re.search(r'<div role="columnheader" class="journeys-map__tp" id="touchpoint-handover".*?</div>', html,
                       re.S)
    assert column and 'href="../returns/" data-child="returns"' in column.group(0)
    assert "Detailed in:" in column.group(0) and "Returning a laptop" in column.group(0)
    row = re.search(r'<tr data-touchpoint="handover">.*?</tr>', html, re.S)
    assert row and '<a href="../returns/" data-child="returns">Returning a laptop</a>' in row.group(0)
    # A child that names no step is listed in the header.
    assert re.search(r'<dt>Detailed journeys</dt><dd><a href="../repair/" data-child="repair">Laptop repair</a></dd>',
                     html)
    assert '<a href="../../groups/it/" data-group-link>IT services</a>' in html


def test_a_child_journey_links_back_to_its_parent_and_step(built: Built) -> None:
    html = built.page("journeys/returns")
    assert '<dt>Details a step of</dt><dd><a href="../laptop/" data-parent-link>Laptop request</a> → ' \
           '<a href="../laptop/#touchpoint-handover" data-step-link>Handover</a></dd>' in html
    repair = built.page("journeys/repair")
    assert '<a href="../laptop/" data-parent-link>Laptop request</a></dd>' in repair
    assert "data-step-link" not in repair


def test_every_group_page_is_in_the_site(built: Built) -> None:
    assert sorted(p.parent.name for p in (built.site / "groups").glob("*/index.html")) == [
        "hearthware-online-shop", "it", "people"]
    assert not (built.site / "groups" / "it.md").exists()

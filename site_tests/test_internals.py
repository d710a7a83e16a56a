"""Each reach into an internal of MkDocs, Material or SuperFences (adapter/internals.py, adapter/fences.py) fails
loudly, naming the internal, when a new release changes it, instead of building a quietly different site."""

from __future__ import annotations

import inspect
import logging
from importlib import metadata
from pathlib import Path

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.utils import templates
from mkdocs_journeys.adapter import internals
from mkdocs_journeys.adapter.fences import JourneyFences, attach


def test_mkdocs_page_writer_is_the_one_helpers_call() -> None:
    writer = internals.build_page()
    assert writer is build._build_page
    assert tuple(inspect.signature(writer).parameters) == internals.BUILD_PAGE_PARAMETERS


def test_a_changed_page_writer_stops_the_helpers_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "_build_page", lambda page, config: None)
    with pytest.raises(RuntimeError, match=r"mkdocs\.commands\.build\._build_page changed"):
        internals.build_page()
    monkeypatch.delattr(build, "_build_page")
    with pytest.raises(RuntimeError, match="_build_page"):
        internals.build_page()


def test_the_page_skipped_message_is_mkdocs_own() -> None:
    # The main process drops exactly these lines for pages a helper writes; another wording would show them all.
    source = inspect.getsource(build)
    assert "Page skipped: '{page.file.src_uri}'. Generated empty output." in source
    assert internals.page_skipped("a/b.md") == "Page skipped: 'a/b.md'. Generated empty output."
    assert internals.BUILD_LOGGER == build.log.name


def test_the_url_filter_takes_the_template_context() -> None:
    env = type("Env", (), {"filters": {"url": templates.url_filter}})()
    assert internals.url_filter(env) is templates.url_filter
    with pytest.raises(RuntimeError, match="`url` template filter changed"):
        internals.url_filter(type("Env", (), {"filters": {"url": lambda value: value}})())


@pytest.mark.parametrize("name", sorted(internals.MATERIAL_TEMPLATES))
def test_material_templates_we_replace_or_wrap_are_the_versions_checked(name: str) -> None:
    found = internals.material_digest(name)
    assert found in internals.MATERIAL_TEMPLATES[name], (
        f"Material {metadata.version('mkdocs-material')} changed templates/{name} (sha256 {found}): check the "
        f"override in adapter/overrides against it, then add the digest to internals.MATERIAL_TEMPLATES")


def test_every_material_template_we_override_is_checked() -> None:
    # A new override of one of Material's templates must come with the digests of the originals it was checked
    # against; a template of ours that Material does not have is no override.
    overrides = Path(internals.__file__).parent / "overrides"
    ours = sorted(p.relative_to(overrides).as_posix() for p in overrides.rglob("*.html"))
    assert "partials/content.html" in ours
    assert ours == sorted(internals.MATERIAL_TEMPLATES)


def test_material_writes_the_title_our_content_partial_marks_with_a_language() -> None:
    # partials/content.html of ours includes Material's and puts lang on the <h1> it writes for a page whose content
    # has none: it finds that heading as '<h1>' + the page's title + '</h1>'.
    original = internals.material_template("partials/content.html").decode("utf-8")
    assert "<h1>{{ page.title | d(config.site_name, true)}}</h1>" in original
    ours = (Path(internals.__file__).parent / "overrides/partials/content.html").read_text("utf-8")
    assert '{% include "journeys-theme/partials/content.html" %}' in ours


class _OtherFences(Preprocessor):
    """Another reader of fenced code, as a site that loads fenced_code after SuperFences would have."""

    def run(self, lines: list[str]) -> list[str]:
        return lines


def test_journey_fences_need_superfences_in_charge() -> None:
    md = markdown.Markdown(extensions=["fenced_code"])
    attach(md, JourneyFences(lambda: None))
    # attach() let SuperFences take over from fenced_code; a reader of another kind fails the page by name.
    assert hasattr(md.preprocessors["fenced_code_block"].extension, "superfences")
    md.preprocessors.register(_OtherFences(md), "fenced_code_block", 25)
    with pytest.raises(RuntimeError, match="pymdownx.superfences is not in charge"):
        md.convert("```journey\nStep: 3\n```\n")


def test_materials_search_index_is_a_list_of_entries_kept_pages_can_join(tmp_path: Path) -> None:
    """reuse.py puts a kept page's search entries back into Material's index (internals.search_entries)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSome words.\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: {name: material}\nplugins: [search]\n", "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    entries = internals.search_entries(config)
    assert entries == [] and internals.has_search(config)
    page = Page("Home", File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls), config)
    page.content, page.meta = '<h1 id="home">Home</h1><p>Some words.</p>', {}
    config.plugins["material/search"].search_index.add_entry_from_context(page)
    assert entries and all({"location", "title", "text"} <= set(entry) for entry in entries)


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_a_kept_page_gets_what_mkdocs_gives_an_empty_source(tmp_path: Path, level: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # render_nothing stands in for Page.render on kept pages: the page must come out as MkDocs' own render of an
    # empty source leaves it, every attribute, or pages that MkDocs reads afterwards would differ.
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [toc, attr_list, admonition]\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    monkeypatch.setattr(pages.log, "level", level)

    (tmp_path / "docs" / "kept.md").write_text("")

    def page() -> pages.Page:
        file = File("kept.md", config.docs_dir, config.site_dir, config.use_directory_urls)
        found = pages.Page(None, file, config)
        found.read_source(config)
        return found

    files = Files([])
    converted, stood_in = page(), page()
    converted.render(config, files)
    internals.render_nothing(stood_in)
    stood_in.render(config, files)

    def state(found: pages.Page) -> dict[str, str]:
        # A table of contents shows as its type and items (it has no repr of its own).
        return {k: f"{type(v).__name__} {list(v)}" if k == "toc" else repr(v)
                for k, v in vars(found).items() if k not in ("file", "render")}

    assert state(converted) == state(stood_in), "mkdocs.structure.pages.Page.render changed what it sets on a page"
    assert "render" in vars(stood_in) and "toc" in vars(converted)

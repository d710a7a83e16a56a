"""Everything both fronts do before they build or report: load, validate, and verify closed rounds."""

from __future__ import annotations

from ..model import Catalog
from . import activehtml, sourcetree
from .loader import load_catalog
from .lock import check_locked_rounds
from .options import Options
from .problems import Problem


def load_project(options: Options) -> tuple[Catalog, list[Problem]]:
    """The validated catalog and every problem: the sources' own, and changes to closed rounds."""
    # Links are looked at first: a file behind a link that leaves the project or loops is never read.
    tree = sourcetree.walk(options.docs_dir, options.overrides, options.root)
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale(), refused=tree.is_refused)
    problems = problems + tree.problems + sourcetree.diagram_problems(tree.pages)
    if not (options.allow_raw_html or options.sanitize):  # a site that cleans bodies at build needs no warning
        problems = problems + activehtml.page_problems(tree.pages)
    if options.lock_file is not None:
        problems = problems + check_locked_rounds(options.docs_dir, options.lock_file)
    return catalog, sorted(set(problems))

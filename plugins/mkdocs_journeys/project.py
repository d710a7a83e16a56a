"""Everything both fronts do before they build or report: load, validate, and verify closed rounds."""

from __future__ import annotations

from .history import check_locked_rounds
from .loader import load_catalog
from .model import Catalog
from .options import Options
from .problems import Problem


def load_project(options: Options) -> tuple[Catalog, list[Problem]]:
    """The validated catalog and every problem: the sources' own, and changes to closed rounds."""
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale())
    if options.lock_file is not None:
        problems = sorted(problems + check_locked_rounds(options.docs_dir, options.lock_file))
    return catalog, problems

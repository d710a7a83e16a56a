"""Everything both fronts do before they build or report: load, validate, and verify closed rounds."""

from __future__ import annotations

from ..model import Catalog, Journey, Round
from . import activehtml, sourcetree
from .loader import load_catalog
from .lock import check_locked_rounds
from .options import Options
from .problems import Problem, did_you_mean
from .readmemo import ReadMemo


def load_project(options: Options, pause_collector: bool = False,
                 memo: ReadMemo | None = None) -> tuple[Catalog, list[Problem]]:
    """The validated catalog and every problem: the sources' own, and changes to closed rounds. See load_catalog
    for `pause_collector` and `memo`."""
    # Links are looked at first: a file behind a link that leaves the project or loops is never read.
    tree = sourcetree.walk(options.docs_dir, options.overrides, options.root)
    catalog, problems = load_catalog(options.docs_dir, options.emotion_scale(), refused=tree.is_refused,
                                     pause_collector=pause_collector, memo=memo)
    bodies = sourcetree.page_bodies(tree.pages)  # each page read once for both checks
    problems = problems + tree.problems + sourcetree.diagram_problems(bodies)
    if not (options.allow_raw_html or options.sanitize):  # a site that cleans bodies at build needs no warning
        problems = problems + activehtml.page_problems(bodies)
    if options.lock_file is not None:
        problems = problems + check_locked_rounds(options.docs_dir, options.lock_file)
    return catalog, sorted(set(problems))


class NotFound(LookupError):
    """A journey or round asked for by id does not exist; the message names it, what exists, and a close one."""

    def __str__(self) -> str:
        return str(self.args[0])


def find_round(catalog: Catalog, round_id: str, option: str = "--round") -> Round:
    """The round with this id, else NotFound naming the option, the known rounds and the closest id."""
    for round_ in catalog.rounds:
        if round_.id == round_id:
            return round_
    raise NotFound(_unknown(option, "round", round_id, [r.id for r in catalog.rounds],
                            f"a folder rounds/{round_id}/ with an index.md"))


def find_journey(catalog: Catalog, journey_id: str, option: str = "--journey") -> Journey:
    """The journey with this id, else NotFound naming the option, the known journeys and the closest id."""
    journey = catalog.journeys.get(journey_id)
    if journey is None:
        raise NotFound(_unknown(option, "journey", journey_id, sorted(catalog.journeys),
                                f"a file journeys/{journey_id}.md"))
    return journey


def _unknown(option: str, what: str, wanted: str, known: list[str], expected: str) -> str:
    hint = did_you_mean(wanted, known) or "; there are none yet"
    return f"{option}: no {what} '{wanted}' (expected {expected}){hint}"

"""Read `opportunities/<journey id>.yml`: pain points and ideas at touchpoints, checked against the journey and
the rounds. The schema has checked the form; this module checks what it refers to."""

from __future__ import annotations

from typing import Any

from ..model import Catalog, Journey, Opportunity, Votes
from .findings import Report, is_real_date
from .problems import did_you_mean
from .yamlsource import Document, Path_


def read_opportunities(doc: Document, source: str, journey: Journey, catalog: Catalog, broken: set[tuple[str, str]],
                       report: Report) -> list[Opportunity] | None:
    """The journey's opportunities in file order, or None when any of them has a problem (all reported)."""
    rounds = [r.id for r in catalog.rounds]
    touchpoints = [tp.id for tp in journey.touchpoints]
    ok = True

    def problem(path: Path_, message: str) -> None:
        nonlocal ok
        ok = False
        report(doc.mark(path), message)

    def known_round(i: int, key: str, round_id: str) -> bool:
        if round_id in rounds:
            return True
        if ("round", round_id) in broken:  # reported in the round's own file
            nonlocal ok
            ok = False
        else:
            problem(("opportunities", i, key), f"opportunities[{i}].{key}: no round '{round_id}' (expected a folder "
                                               f"rounds/{round_id}/ with an index.md)" + did_you_mean(round_id, rounds))
        return False

    found: list[Opportunity] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.data["opportunities"]):
        where = f"opportunities[{i}]"
        if item["id"] in seen:
            problem(("opportunities", i, "id"), f"{where}.id: '{item['id']}' is used twice (first at "
                                                f"opportunities[{seen[item['id']]}]); ids must be unique within a "
                                                f"journey's opportunities")
        seen.setdefault(item["id"], i)
        if item["touchpoint"] not in touchpoints:
            problem(("opportunities", i, "touchpoint"), f"{where}.touchpoint: no touchpoint '{item['touchpoint']}' "
                                                        f"in journey '{journey.id}'"
                                                        + did_you_mean(item["touchpoint"], touchpoints))
        found_in, done_in = item["found_in"], item.get("done_in", "")
        status = item.get("status", "proposed")
        bounds_known = known_round(i, "found_in", found_in) & (not done_in or known_round(i, "done_in", done_in))
        if bounds_known and done_in and catalog.round_position(done_in) < catalog.round_position(found_in):
            problem(("opportunities", i, "done_in"), f"{where}.done_in: expected a round on or after found_in "
                                                     f"'{found_in}', found '{done_in}', an earlier round (rounds are "
                                                     f"ordered by their period)")
        if status == "done" and not done_in:
            problem(("opportunities", i, "status"), f"{where}.status: 'done' needs `done_in`, the round in which "
                                                    f"it was done, found none")
        if done_in and status != "done":
            problem(("opportunities", i, "done_in"), f"{where}.done_in: only an opportunity with status 'done' has "
                                                     f"a round it was done in, found status '{status}'; set status: "
                                                     f"done or remove done_in")
        due = item.get("due", "")
        if due and not is_real_date(due):
            problem(("opportunities", i, "due"), f"{where}.due: expected a real date YYYY-MM-DD, found '{due}'")
        found.append(_opportunity(item, journey.id, source))
    return found if ok else None


def _opportunity(item: dict[str, Any], journey_id: str, source: str) -> Opportunity:
    votes = item.get("votes", {})
    return Opportunity(
        id=item["id"], journey=journey_id, touchpoint=item["touchpoint"], pain_point=item["pain_point"],
        idea=item["idea"], found_in=item["found_in"], source=source, to_be=str(item.get("to_be", "")),
        votes=Votes(quick_win=votes.get("quick_win", 0), important=votes.get("important", 0)),
        effort=item.get("effort"), impact=item.get("impact"), owner=str(item.get("owner", "")),
        status=item.get("status", "proposed"), due=str(item.get("due", "")), done_in=item.get("done_in", ""),
    )

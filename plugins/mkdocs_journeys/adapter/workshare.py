"""Sharing the pages of one round between processes, for the rebuild of a single round on a multi-core machine.

MkDocs writes a round's pages one after another on one core. When `journeys build` has a single round to build
(an edit in the open round) and cores to spare, the MkDocs adapter forks helpers once every page is read and
the navigation is known: each helper writes its share of the pages and exits; the main process writes the rest.
A fork copies the whole state of the build, so every page is rendered exactly as it would be in one process.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

# Exit codes of a helper: wrote its pages; failed (its messages are above); wrote them but logged warnings.
DONE, FAILED, WARNED = 0, 1, 3


@dataclass
class Helpers:
    """The helper processes of one build."""

    pids: list[int] = field(default_factory=list)

    def wait(self) -> list[int]:
        """Wait for every helper; their exit codes."""
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in self.pids]
        self.pids = []
        return codes

    def stop(self) -> None:
        """End the helpers of a build that failed, so that none writes into a folder about to be removed."""
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.wait()


def share_out(items: Sequence[T], processes: int, work: Callable[[Sequence[T]], int]) -> tuple[list[T], Helpers]:
    """Fork `processes - 1` helpers; helper i runs `work` on every `processes`-th item from item i and exits with
    what `work` returns. The caller's share (from item 0) comes back with the helpers to wait for."""
    helpers = Helpers()
    if processes <= 1 or not hasattr(os, "fork"):
        return list(items), helpers
    # Output buffered before the fork would otherwise be written twice.
    sys.stdout.flush()
    sys.stderr.flush()
    for index in range(1, processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the helper, which never returns to the caller
            code = FAILED
            try:
                code = work(items[index::processes])
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        helpers.pids.append(pid)
    return list(items[0::processes]), helpers

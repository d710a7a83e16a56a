"""Python's cycle collector during a rebuild that keeps pages (issue 15: the author's loop).

A rebuild after an edit keeps most pages and leaves little garbage that lives long, yet the process holds millions
of objects (`mkdocs serve`'s read memo, the catalog, MkDocs' files and pages). Every full collection walks them all:
a rebuild of the 500-journey estate ran five, about 0.2 s each, a third of its time. While such a rebuild runs, full
collections wait; the young generations are still collected, and that is where a rebuild's garbage dies. Once it
has ended, one full collection runs a moment later, off the author's path, while the browser shows the page. A
rebuild that turns out to keep no page (mkdocs.yml changed, say) collects as any build does from then on.
"""

from __future__ import annotations

import gc
import threading

# Full collections wait while the oldest generation's count stays under this: never, in one rebuild.
_WAIT = 1 << 30
# Seconds after a rebuild before its full collection: the browser has asked for the page by then.
DELAY = 1.0


class RebuildCollector:
    """Holds full collections back between pause() and resume()."""

    def __init__(self, delay: float = DELAY) -> None:
        self.delay = delay
        self._saved: tuple[int, int, int] | None = None
        self._later: threading.Timer | None = None

    @property
    def paused(self) -> bool:
        return self._saved is not None

    def pause(self) -> None:
        """Hold full collections back until resume(); a collection still waiting from the last rebuild is dropped
        (this one collects for both)."""
        if self._later is not None:
            self._later.cancel()
            self._later = None
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], _WAIT)

    def resume(self, collect: bool = True) -> None:
        """The collector's thresholds as they were, and (with `collect`) one full collection after `delay` seconds;
        without, Python collects as it always does."""
        if self._saved is None:
            return
        gc.set_threshold(*self._saved)
        self._saved = None
        if not collect:
            return
        self._later = threading.Timer(self.delay, gc.collect)
        self._later.daemon = True
        self._later.start()

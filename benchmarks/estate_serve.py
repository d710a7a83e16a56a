"""Edit to preview under `mkdocs serve`: how long after an author saves a file the served page shows the change.

`Serve` starts `python -m mkdocs serve --strict --livereload` on a free port in a project, reads its log as it
comes (each line with the moment it arrived) and waits for its first build. `Serve.edit` saves a file, then
polls the served page over HTTP until it shows the change, and reads from the log how long the rebuild took.
MkDocs' server holds a request while it rebuilds, so the page shows the change as soon as the rebuild is done;
the rest of the wait is MkDocs noticing the change (it polls the files every 0.5 s).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.1
SETTLE_SECONDS = 1.5  # longer than MkDocs' 0.5 s file polling and its 0.1 s wait for changes to stop
BUILT, RELOADED, DETECTED, SERVING = "Documentation built in", "Reloading browsers", "Detected file changes", \
    "Serving on"
FAILED = "An error happened during the rebuild"


class ServeError(RuntimeError):
    """`mkdocs serve` stopped, failed a build or did not answer in time."""


@dataclass(frozen=True)
class EditTiming:
    """Seconds from saving a file to the served page showing the change, and the rebuild's seconds (its log)."""

    page: float
    rebuild: float


def free_port() -> int:
    """A TCP port nothing listens on now (the operating system's pick)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page's text, or None while the server cannot give it (building, not there yet)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Serve:
    """One `mkdocs serve` of a project, stopped when the `with` block ends."""

    def __init__(self, site: Path, env: dict[str, str], timeout: float) -> None:
        self.site, self.env, self.timeout = site, env, timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[tuple[float, str]] = []
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Serve:
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload",
                   "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command, cwd=self.site, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)  # MkDocs shuts down and removes its temporary site
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def log_tail(self, count: int = 30) -> str:
        return "\n".join(line for _, line in self.lines[-count:])

    def _check(self, deadline: float, doing: str) -> None:
        """Fail when the server stopped, a rebuild failed or the deadline passed."""
        assert self.process is not None
        if self.process.poll() is not None:
            raise ServeError(f"mkdocs serve stopped (exit code {self.process.returncode}) while {doing}:\n"
                             f"{self.log_tail()}")
        if any(FAILED in line for _, line in self.lines):
            raise ServeError(f"a rebuild failed while {doing}:\n{self.log_tail()}")
        if time.perf_counter() > deadline:
            raise ServeError(f"no answer in {self.timeout:.0f} s while {doing}:\n{self.log_tail()}")

    def wait_for(self, text: str, after: int, doing: str) -> tuple[float, str]:
        """The first log line from line `after` on that holds `text`: when it came and the line."""
        deadline = time.perf_counter() + self.timeout
        while True:
            for moment, line in self.lines[after:]:
                if text in line:
                    return moment, line
            self._check(deadline, doing)
            time.sleep(POLL_SECONDS)

    def fetch_page(self, path: str) -> str:
        """The served page at `path` (relative to the site's address); fails when the server does not give it."""
        html = fetch(self.url + path)
        if html is None:
            raise ServeError(f"{self.url}{path} is not served:\n{self.log_tail()}")
        return html

    def build_seconds(self, after: int, doing: str) -> float:
        """The seconds of the first build the log reports from line `after` on."""
        _, line = self.wait_for(BUILT, after, doing)
        return float(line.split(BUILT, 1)[1].split()[0])

    def first_build(self) -> float:
        """Wait until the server serves its first build; that build's seconds, from its log."""
        seconds = self.build_seconds(0, "building the first time")
        self.wait_for(SERVING, 0, "starting to serve")
        return seconds

    def settle(self) -> None:
        """Wait until every rebuild the log announced has finished and no new change comes in a while."""
        while True:
            deadline = time.perf_counter() + self.timeout
            while sum(DETECTED in line for _, line in self.lines) > sum(RELOADED in line for _, line in self.lines):
                self._check(deadline, "waiting for a rebuild to finish")
                time.sleep(POLL_SECONDS)
            seen = len(self.lines)
            time.sleep(SETTLE_SECONDS)
            if not any(DETECTED in line for _, line in self.lines[seen:]):
                return

    def edit(self, save: Callable[[], None], path: str, shows: Callable[[str], bool]) -> EditTiming:
        """Save a file with `save`; seconds until the page at `path` `shows` the change, and of the rebuild."""
        self.settle()
        after = len(self.lines)
        save()
        saved = time.perf_counter()
        deadline, url = saved + self.timeout, self.url + path
        while True:
            html = fetch(url)
            if html is not None and shows(html):
                page = time.perf_counter() - saved
                break
            self._check(deadline, f"waiting for {url} to show the edit")
            time.sleep(POLL_SECONDS)
        return EditTiming(page, self.build_seconds(after, "waiting for the rebuild's log"))

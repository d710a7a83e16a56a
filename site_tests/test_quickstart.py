"""The README's quick start, run as written in a fresh folder: `journeys init`, `cd`, `journeys check`, `journeys
build`, and `mkdocs serve` until it serves the home page. The pip line is skipped: the package is installed in
the test's virtual environment, whose bin folder comes first on PATH."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import REPO

MARKERS = re.compile(r"<!-- quick-start -->\s*```(?:sh|shell|bash|console)?\n(?P<body>.*?)```\s*<!-- /quick-start -->",
                     re.DOTALL)
# What the README's quick start says, used only until README.md has the markers, and never in CI.
FALLBACK = """\
pip install <path or git URL of mkdocs-journeys>
journeys init my-journeys
cd my-journeys
journeys check
journeys build
mkdocs serve
"""
SERVE_SECONDS = 60


def quick_start() -> list[str]:
    """The commands of the README's quick start, one per line, without comments."""
    found = MARKERS.search((REPO / "README.md").read_text("utf-8"))
    if found is None:
        assert not os.environ.get("CI"), "README.md has no <!-- quick-start --> ... <!-- /quick-start --> block"
        body = FALLBACK
    else:
        body = found["body"]
    return [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("#")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Start `mkdocs serve` on a free port, fetch the home page, stop it; the page's HTML."""
    port = _free_port()
    server = subprocess.Popen([*command, "-a", f"127.0.0.1:{port}"], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVE_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_readme_quick_start_runs_in_a_fresh_folder(tmp_path: Path) -> None:
    commands = quick_start()
    assert commands[0].startswith("pip install") and commands[-1].startswith("mkdocs serve")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_MKDOCS_2_WARNING": "1"}
    cwd = tmp_path
    started = time.monotonic()
    page = ""
    for line in commands[1:]:
        words = shlex.split(line)
        if words[0] == "cd":
            cwd = cwd / words[1]
            assert cwd.is_dir(), line
        elif words[:2] == ["mkdocs", "serve"]:
            page = _serve(words, cwd, env)
        else:
            result = subprocess.run(words, cwd=cwd, env=env, capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    seconds = time.monotonic() - started
    assert "Customer journeys" in page and "Getting started" in page
    print(f"quick start: journeys init to a served page in {seconds:.1f} s")

"""Problems in the formats CI systems show next to the changed lines of a pull or merge request."""

from __future__ import annotations

import hashlib
import json

from ..format.problems import Problem

FORMATS = ("text", "github", "gitlab")


def _github_data(text: str) -> str:
    # GitHub's workflow commands end at a newline and decode these escapes in the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem]) -> str:
    """One `::error` workflow command per problem: GitHub Actions annotates the file and line."""
    return "".join(f"::{p.severity} file={_github_property(p.path)},line={p.line},col={p.col},title=journeys::"
                   f"{_github_data(p.message)}\n" for p in problems)


def gitlab(problems: list[Problem]) -> str:
    """A GitLab Code Quality report (JSON): saved as the job's `codequality` artifact, GitLab shows each
    problem in the merge request's diff."""
    seen: dict[str, int] = {}
    entries = []
    for p in problems:
        # The fingerprint must stay the same while the problem stays: path and message, not the line,
        # with a counter for repeats.
        base = hashlib.sha256(f"{p.path}\0{p.message}".encode()).hexdigest()
        seen[base] = seen.get(base, 0) + 1
        fingerprint = hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()
        entries.append({
            "description": p.message, "check_name": "journeys", "fingerprint": fingerprint,
            "severity": "major" if p.is_error else "minor",
            "location": {"path": p.path, "lines": {"begin": p.line}},
        })
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def text(problems: list[Problem]) -> str:
    """`path:line:col: error: message`, one per line, as compilers print them."""
    return "".join(f"{p}\n" for p in problems)


def render(problems: list[Problem], fmt: str) -> str:
    """The problems in one of FORMATS."""
    return {"text": text, "github": github, "gitlab": gitlab}[fmt](problems)

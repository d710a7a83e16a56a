"""Build time per page: the journeys plugin against plain Material on the same number of pages.

Generates two synthetic sites in a temporary folder, builds each with `mkdocs build` in its own worker
process and prints pages, seconds, milliseconds per page and peak memory side by side.

    python benchmarks/pages.py [--journeys 500] [--touchpoints 12] [--rounds 1] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

SEED = 2026
HOME_TITLE = "Synthetic journeys"
PERSONAS = 5
STAGES = (("before", "Before the visit"), ("during", "During the visit"), ("after", "After the visit"))
TARGET_RATIO, TARGET_JOURNEYS = 1.25, 500
WORDS = ("customer", "desk", "phone", "wait", "form", "queue", "staff", "answer", "clear", "slow", "quick",
         "friendly", "price", "invoice", "parcel", "ticket", "portal", "e-mail", "visit", "room", "doctor",
         "shop", "order", "delivery", "return", "help", "sign", "screen", "card", "time")
CHANNELS = ("phone", "e-mail", "web portal", "in person", "chat", "mobile app")


@dataclass
class Content:
    """The synthetic content both sites are written from, so their pages hold the same text."""

    personas: dict[str, dict[str, Any]] = field(default_factory=dict)
    journeys: dict[str, dict[str, Any]] = field(default_factory=dict)
    rounds: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (round id, journey id) -> observation file contents
    observations: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # page path inside docs -> the author's Markdown paragraph of that page
    bodies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Build:
    """One `mkdocs build`: its exit code, wall time, peak resident memory and its captured output."""

    returncode: int
    seconds: float
    peak_rss_mib: float
    output: str


@dataclass(frozen=True)
class Result:
    """The best of several builds of one site."""

    pages: int
    seconds: float
    peak_rss_mib: float

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


# ---- content ---------------------------------------------------------------------------------------------

def sentence(rng: random.Random, words: int) -> str:
    """A capitalised sentence of random words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 6) -> str:
    """A paragraph of a few sentences, about 60 words."""
    return " ".join(sentence(rng, rng.randint(8, 12)) for _ in range(sentences))


def make_touchpoints(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """`count` touchpoints spread in order over the three stages."""
    return [{"id": f"tp-{i + 1:02d}", "title": sentence(rng, 3)[:-1],
             "stage": STAGES[i * len(STAGES) // count][0], "channel": rng.choice(CHANNELS),
             "customer": sentence(rng, 6), "frontstage": sentence(rng, 6), "backstage": sentence(rng, 6)}
            for i in range(count)]


def make_content(journeys: int, touchpoints: int, rounds: int) -> Content:
    """Seeded personas, journeys, rounds (the last one open) and an observation per journey and round."""
    rng, content = random.Random(SEED), Content()
    content.bodies["index.md"] = paragraph(rng)
    for i in range(1, PERSONAS + 1):
        content.personas[f"persona-{i}"] = {"name": f"Persona {i}", "role": sentence(rng, 4)[:-1],
                                           "channels": rng.sample(CHANNELS, 2), "quote": sentence(rng, 8)}
        content.bodies[f"personas/persona-{i}.md"] = paragraph(rng)
    for i in range(1, journeys + 1):
        journey_id = f"journey-{i:04d}"
        content.journeys[journey_id] = {
            "title": f"Journey {i}: {sentence(rng, 3)[:-1].lower()}", "service": f"Service {i % 17 + 1}",
            "personas": sorted(rng.sample(sorted(content.personas), rng.randint(1, 2))),
            "goal": sentence(rng, 10), "stages": [{"id": s, "title": t} for s, t in STAGES],
            "touchpoints": make_touchpoints(rng, touchpoints),
        }
        content.bodies[f"journeys/{journey_id}.md"] = paragraph(rng)
    first = date(2026, 1, 1)
    for r in range(1, rounds + 1):
        start = first + timedelta(days=91 * (r - 1))
        content.rounds[f"r{r}"] = {"title": f"Round {r}", "status": "open" if r == rounds else "closed",
                                   "period": {"start": start.isoformat(),
                                              "end": (start + timedelta(days=90)).isoformat()},
                                   "methods": ["observation", "survey"]}
        content.bodies[f"rounds/r{r}/index.md"] = paragraph(rng)
        for journey_id, journey in content.journeys.items():
            content.observations[(f"r{r}", journey_id)] = {
                "summary": sentence(rng, 10),
                "touchpoints": {tp["id"]: {"emotion": rng.randint(-2, 2), "notes": sentence(rng, 6)}
                                for tp in journey["touchpoints"]},
            }
    return content


# ---- sites -----------------------------------------------------------------------------------------------

def write(path: Path, text: str) -> None:
    """Write a UTF-8 file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def dump(data: dict[str, Any]) -> str:
    """YAML in the order given."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_config(site: Path, plugins: list[str], not_in_nav: str = "") -> None:
    """mkdocs.yml like the project's: Material without web fonts, pruned navigation, strict."""
    config = {
        "site_name": "Benchmark", "docs_dir": "docs", "site_dir": "site", "strict": True,
        **({"not_in_nav": not_in_nav} if not_in_nav else {}),
        "theme": {"name": "material", "language": "en", "font": False,
                  "features": ["navigation.prune", "navigation.sections", "navigation.top",
                               "content.tooltips", "search.highlight"]},
        "plugins": plugins,
        "markdown_extensions": ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}],
    }
    write(site / "mkdocs.yml", dump(config))


def write_plugin_site(site: Path, content: Content) -> None:
    """The journeys plugin's sources: front matter pages plus observation YAML per round and journey."""
    docs = site / "docs"
    write(docs / "index.md", f"# {HOME_TITLE}\n\n{content.bodies['index.md']}\n")
    for persona_id, persona in content.personas.items():
        path = f"personas/{persona_id}.md"
        write(docs / path, f"---\n{dump(persona)}---\n\n{content.bodies[path]}\n")
    for journey_id, journey in content.journeys.items():
        path = f"journeys/{journey_id}.md"
        write(docs / path, f"---\n{dump(journey)}---\n\n{content.bodies[path]}\n")
    for round_id, round_ in content.rounds.items():
        path = f"rounds/{round_id}/index.md"
        write(docs / path, f"---\n{dump(round_)}---\n\n{content.bodies[path]}\n")
    for (round_id, journey_id), observation in content.observations.items():
        write(docs / "rounds" / round_id / f"{journey_id}.yml", dump(observation))
    write_config(site, ["search", "journeys"])


def table(rows: list[list[str]]) -> str:
    """A Markdown table with a header row."""
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * len(rows[0]))
    return "\n".join(lines)


def plain_page(title: str, touchpoints: list[dict[str, Any]], scores: dict[str, Any], body: str) -> str:
    """A heading, a touchpoint table like the plugin's and the author's paragraph."""
    header = ["Touchpoint", "Customer", "Frontstage", "Backstage", "Emotion", "Notes"]
    rows = [[tp["title"], tp["customer"], tp["frontstage"], tp["backstage"],
             str(scores.get(tp["id"], {}).get("emotion", "")), scores.get(tp["id"], {}).get("notes", "")]
            for tp in touchpoints]
    return f"# {title}\n\n{table([header, *rows])}\n\n{body}\n"


def write_plain_site(site: Path, content: Content, touchpoints: int) -> None:
    """The same pages as plain Markdown for Material: every page has a heading, a T-row table, a paragraph."""
    docs, rng = site / "docs", random.Random(SEED + 1)
    last_round = list(content.rounds)[-1] if content.rounds else ""
    filler = make_touchpoints(rng, touchpoints)
    pages = {"index.md": HOME_TITLE}
    pages |= {f"personas/{p}.md": v["name"] for p, v in content.personas.items()}
    pages |= {f"rounds/{r}/index.md": v["title"] for r, v in content.rounds.items()}
    for path, title in pages.items():
        write(docs / path, plain_page(title, filler, {}, content.bodies[path]))
    for journey_id, journey in content.journeys.items():
        path = f"journeys/{journey_id}.md"
        scores = content.observations.get((last_round, journey_id), {}).get("touchpoints", {})
        write(docs / path, plain_page(journey["title"], journey["touchpoints"], scores, content.bodies[path]))
        # The plugin's comparison page of the journey (reached by a link, not from the nav).
        write(docs / f"compare/{journey_id}.md", plain_page(f"{journey['title']} — Rounds side by side",
                                                           journey["touchpoints"], scores, ""))
    write_config(site, ["search"], not_in_nav="/compare/")


# ---- building --------------------------------------------------------------------------------------------

def _build_here(config: Path) -> Build:
    """Run `mkdocs build` as a child of this (fresh) process and read the child's peak memory afterwards."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=config.parent,
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux, bytes on macOS
    peak_mib = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
    return Build(done.returncode, seconds, peak_mib, done.stdout + done.stderr)


def build(config: Path) -> Build:
    """One build in a new worker process, so RUSAGE_CHILDREN there covers this build alone."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(_build_here, config).result()


def count_pages(site_dir: Path) -> int:
    """HTML pages written by the build (404.html included, in both sites)."""
    return sum(1 for _ in site_dir.rglob("*.html"))


def benchmark(sites: dict[str, Path], repeat: int) -> dict[str, Result]:
    """Best wall time of `repeat` builds of each site (interleaved) and the highest peak memory seen."""
    best: dict[str, Build] = {}
    peaks: dict[str, float] = dict.fromkeys(sites, 0.0)
    for _ in range(repeat):
        for name, site in sites.items():
            done = build(site / "mkdocs.yml")
            if done.returncode != 0:
                sys.exit(f"the {name} build failed (exit code {done.returncode}):\n{done.output}")
            peaks[name] = max(peaks[name], done.peak_rss_mib)
            if name not in best or done.seconds < best[name].seconds:
                best[name] = done
    return {name: Result(count_pages(site / "site"), best[name].seconds, peaks[name])
            for name, site in sites.items()}


# ---- report ----------------------------------------------------------------------------------------------

def report(results: dict[str, Result], args: argparse.Namespace) -> str:
    """The side-by-side table, the ratio per page and whether the target is met."""
    plugin, plain = results["plugin"], results["plain"]
    rows = [("pages", f"{plugin.pages}", f"{plain.pages}", plugin.pages / plain.pages),
            (f"seconds (best of {args.repeat})", f"{plugin.seconds:.2f}", f"{plain.seconds:.2f}",
             plugin.seconds / plain.seconds),
            ("ms per page", f"{plugin.ms_per_page:.1f}", f"{plain.ms_per_page:.1f}",
             plugin.ms_per_page / plain.ms_per_page),
            ("peak RSS (MiB)", f"{plugin.peak_rss_mib:.0f}", f"{plain.peak_rss_mib:.0f}",
             plugin.peak_rss_mib / plain.peak_rss_mib)]
    lines = [f"{args.journeys} journeys x {args.touchpoints} touchpoints, {args.rounds} round(s), "
             f"{PERSONAS} personas; Python {sys.version.split()[0]}",
             "",
             f"{'':22} {'plugin':>9} {'plain':>9} {'plugin/plain':>13}"]
    lines += [f"{label:22} {a:>9} {b:>9} {ratio:>13.2f}" for label, a, b, ratio in rows]
    ratio = plugin.ms_per_page / plain.ms_per_page
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    if args.journeys != TARGET_JOURNEYS:
        verdict += f" (indicative only: this run has {args.journeys} journeys)"
    if plugin.pages != plain.pages:
        lines.append(f"warning: the sites wrote different page counts ({plugin.pages} and {plain.pages})")
    lines += ["", f"target: ratio <= {TARGET_RATIO} at {TARGET_JOURNEYS} journeys: {ratio:.2f}, {verdict}"]
    return "\n".join(lines)


def positive(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--journeys", type=positive, default=500, help="journey pages (default 500)")
    add("--touchpoints", type=positive, default=12, help="touchpoints per journey (default 12)")
    add("--rounds", type=positive, default=1, help="monitoring rounds, the last one open (default 1)")
    add("--repeat", type=positive, default=1, help="builds per site; the best time counts (default 1)")
    add("--keep", type=Path, metavar="DIR", help="generate the sites in DIR (new or empty) and keep them")
    return parser.parse_args(argv)


def run(root: Path, args: argparse.Namespace) -> None:
    """Generate both sites under `root`, build them and print the report."""
    content = make_content(args.journeys, args.touchpoints, args.rounds)
    sites = {"plugin": root / "plugin", "plain": root / "plain"}
    write_plugin_site(sites["plugin"], content)
    write_plain_site(sites["plain"], content, args.touchpoints)
    print(report(benchmark(sites, args.repeat), args))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.keep is None:
        with tempfile.TemporaryDirectory(prefix="journeys-bench-") as tmp:
            run(Path(tmp), args)
        return
    if args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
        sys.exit(f"--keep {args.keep}: expected a new or empty folder")
    run(args.keep, args)
    print(f"sites kept in {args.keep}/plugin and {args.keep}/plain")


if __name__ == "__main__":
    main()

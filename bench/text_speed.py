"""Rules at the speed of the text: speclint against a one-regex keyword scan.

Run ``python bench/text_speed.py [--words 160000] [--runs 5] [--profile]``. It builds a
realistic Markdown specification of about ``--words`` words from the labelled sentences
in ``../shared/corpus/*.jsonl`` (headed sections of numbered clauses, one to three
sentences each, so that rules fire as they do on real drafts); when ``../shared`` is
absent it falls back to the Markdown fixtures, repeated. It then times, as the median
of ``--runs`` interleaved runs on one core:

* **scan**: reading the file and one regular expression over it, an alternation of
  every word and stem the rules' queries need (the pre-filter's words), counting hits;
* **speclint**: ``check_paths([file], jobs=1)`` without the results cache or worker
  limits, plus rendering the JSON report.

It prints words a second for both and the ratio; the goal (issue 18) is speclint within
4x of the scan. ``--profile`` prints cProfile's cumulative time by phase instead:
parsing, building the outline, analysis (tokens and negation), query evaluation,
checks, suppression and JSON writing; ``--phases`` times the same phases one by one
without a profiler (CPU seconds), which is the fairer split.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from realistic import KEYWORDS, sentences

from speclint.api import check_paths
from speclint.formatters import render
from speclint.query.ast import And, Concept, Near, Neg, Not, Or, Phrase, Query, Term
from speclint.query.parser import parse_query
from speclint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*|\([a-z]+\))\s+")
_SECTIONS = (
    "Introduction and scope",
    "Service description",
    "Population and eligibility",
    "Referral and access",
    "Workforce and supervision",
    "Quality and safeguarding",
    "Outcomes and reporting",
    "Payment and pricing",
    "Contract management",
    "Partnership working",
    "Term and termination",
    "Information governance",
)


def corpus_sentences() -> list[str]:
    """Every labelled sentence of the corpus (:func:`realistic.sentences`), without its number."""
    return [_LEADING_NUMBER.sub("", text).strip() for text in sentences() or ()]


def realistic_spec(words: int, seed: int = 18) -> str:
    """A Markdown specification of about ``words`` words built from the corpus sentences.

    Sections of twelve to twenty numbered clauses, each of one to three sentences drawn
    in a shuffled order, the whole corpus used before any sentence is used again.
    """
    sentences = corpus_sentences()
    rng = random.Random(seed)
    pool: list[str] = []
    lines = ["# Schedule 2: Service Specification", ""]
    total = section = 0
    while total < words:
        section += 1
        title = _SECTIONS[(section - 1) % len(_SECTIONS)]
        lines += [f"## {section}. {title}", ""]
        for clause in range(1, rng.randint(12, 20) + 1):
            body = []
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                if not pool:
                    pool = sentences[:]
                    rng.shuffle(pool)
                body.append(pool.pop())
            text = " ".join(body)
            total += len(text.split())
            lines += [f"{section}.{clause} {text}", ""]
    return "\n".join(lines)


def fixture_spec(words: int) -> str:
    """The Markdown fixtures, repeated to about ``words`` words (when the corpus is absent)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.md"))]
    parts: list[str] = []
    total = 0
    while total < words:
        for text in texts:
            parts.append(text)
            total += len(text.split())
    return "\n\n".join(parts)


def _terms(query: Query) -> Iterator[Term]:
    """Every word and stem ``query`` needs, concepts expanded."""
    if isinstance(query, Term):
        yield query
    elif isinstance(query, Phrase):
        yield from query.words
    elif isinstance(query, (Or, And)):
        for item in query.items:
            yield from _terms(item)
    elif isinstance(query, Near):
        yield from _terms(query.left)
        yield from _terms(query.right)
    elif isinstance(query, (Not, Neg)):
        yield from _terms(query.item)
    elif isinstance(query, Concept):
        yield from _terms(query.query)


def keyword_regex() -> tuple[re.Pattern[str], int]:
    """One alternation of every literal word and stem in the rules' queries, and how many."""
    terms: set[Term] = set()
    for rule in all_rules():
        for text in (rule.query, rule.unless_anywhere):
            if text:
                terms.update(_terms(parse_query(text)))
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term.word:
            node = node.setdefault(char, {})
        node["*" if term.prefix else ""] = {}
    return re.compile(r"\b" + _trie_pattern(trie) + r"\b", re.IGNORECASE), len(terms)


def _trie_pattern(node: dict[str, dict]) -> str:
    """A regex for the words of a trie, shared prefixes factored out so it never backtracks far."""
    if "*" in node:
        return r"\w*"
    ends = "" in node
    branches = [re.escape(c) + _trie_pattern(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _medians(funcs: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """Median wall-clock and CPU seconds of each of ``funcs``, timed in turn ``runs`` times."""
    wall: list[list[float]] = [[] for _ in funcs]
    cpu: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs):
        for n, func in enumerate(funcs):
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            wall[n].append(time.perf_counter() - start)
            cpu[n].append(time.process_time() - start_cpu)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(wall, cpu, strict=True)]


_PHASES = (
    ("parsing", ("speclint/parsers/",)),
    ("outline", ("speclint/structure/",)),
    ("analysis", ("query/analysis.py", "query/concepts.py")),
    ("evaluation", ("query/evaluate.py",)),
    ("pre-filter", ("query/prefilter.py",)),
    ("queries", ("query/parser.py", "query/cache.py", "/lark/")),
    ("checks", ("speclint/rules/",)),
    ("suppression", ("engine/suppression.py",)),
    ("engine", ("speclint/engine/",)),
    ("JSON", ("speclint/formatters/", "speclint/contract.py")),
)
_Key = tuple[str, int, str]


def _phase_shares(raw: dict[_Key, tuple], key: _Key, seen: set[_Key]) -> dict[str, float]:
    """Which phases a function's own time belongs to: its file's, or its callers' in proportion."""
    for phase, needles in _PHASES:
        if any(n in key[0] for n in needles):
            return {phase: 1.0}
    if "speclint/" in key[0] or key not in raw or key in seen:
        return {"other": 1.0}
    callers = {c: v for c, v in raw[key][4].items() if c != key}
    weights = {c: v[3] if isinstance(v, tuple) else 0.0 for c, v in callers.items()}
    total = sum(weights.values())
    if not total:
        return {"other": 1.0}
    shares: dict[str, float] = {}
    for caller, weight in weights.items():
        for phase, part in _phase_shares(raw, caller, seen | {key}).items():
            shares[phase] = shares.get(phase, 0.0) + part * weight / total
    return shares


def phases(path: Path, runs: int) -> None:
    """Print CPU seconds by phase, measured without a profiler (cProfile inflates the
    phases that make many small calls): each phase run on its own, with the collector
    paused as the engine pauses it, the least of ``runs`` runs."""
    from speclint.config import Settings
    from speclint.engine import Engine, rule_hits
    from speclint.engine.collector import collector_paused
    from speclint.models import Document, FileReport, Report
    from speclint.parsers import parse_bytes
    from speclint.registry import builtin_registry
    from speclint.rules.context import RuleContext
    from speclint.structure.build import Outline, build_outline

    data = path.read_bytes()
    registry = builtin_registry()
    rules = [r for r in registry.rules if not r.engine]
    seconds: dict[str, float] = {}

    def timed(name: str, func: Callable[[], object]) -> object:
        start = time.process_time()
        result = func()
        spent = time.process_time() - start
        seconds[name] = min(seconds.get(name, spent), spent)
        return result

    def once() -> None:
        document = cast(Document, timed("parsing", lambda: parse_bytes(data, str(path), "md")))
        outline = cast(Outline, timed("outline", lambda: build_outline(document)))
        ctx = RuleContext.build(outline)
        timed("pre-filter index", lambda: ctx.candidates)
        timed("analysis (every unit)", lambda: list(ctx.analyses))
        timed("query rules", lambda: [rule_hits(r, ctx) for r in rules if r.check is None])
        timed("Python checks", lambda: [rule_hits(r, ctx) for r in rules if r.check is not None])
        engine = Engine(registry, Settings())
        report = cast(FileReport, timed("whole engine run", lambda: engine.run(document)))
        timed("JSON", lambda: render(Report(files=(report,)), "json"))

    for _ in range(max(runs, 1)):
        with collector_paused():
            once()
    inside = (
        "outline",
        "pre-filter index",
        "analysis (every unit)",
        "query rules",
        "Python checks",
    )
    seconds["findings, suppression, order"] = max(
        0.0, seconds.pop("whole engine run") - sum(seconds[k] for k in inside)
    )
    total = sum(seconds.values())
    print(f"CPU seconds by phase, least of {max(runs, 1)} (no profiler): total {total:.2f} s")
    for name, spent in seconds.items():
        print(f"  {name:<30} {spent:6.3f} s  {100 * spent / total:5.1f}%")


def profile(path: Path, top: bool) -> None:
    """Print cProfile's view of one lint by phase: each function's own time goes to its
    module's phase; time in the standard library, built-ins and pydantic goes to the
    phases of the callers, in proportion."""
    profiler = cProfile.Profile()
    profiler.enable()
    report = check_paths([path], jobs=1, timeout=0, max_memory=0)
    render(report, "json")
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw = stats.stats  # type: ignore[attr-defined]
    by_phase: dict[str, float] = {}
    for key, (_, _, own, _, _) in raw.items():
        for phase, part in _phase_shares(raw, key, set()).items():
            by_phase[phase] = by_phase.get(phase, 0.0) + own * part
    total = sum(by_phase.values())
    print(f"profiled total {total:.2f} s (cProfile slows Python code about 2x)")
    for phase in [p for p, _ in _PHASES] + ["other"]:
        spent = by_phase.get(phase, 0.0)
        print(f"  {phase:<12} {spent:6.2f} s  {100 * spent / total:5.1f}%")
    if top:
        stats.sort_stats("tottime").print_stats(30)


def main() -> None:
    """Build the document, then time or profile speclint and the scan on it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=160_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--phases", action="store_true", help="CPU time by phase, no profiler")
    parser.add_argument("--top", action="store_true", help="with --profile: the top functions")
    parser.add_argument("--keep", type=Path, help="also write the document to this file")
    args = parser.parse_args()
    realistic = sentences() is not None
    text = realistic_spec(args.words) if realistic else fixture_spec(args.words)
    if args.keep:
        args.keep.write_text(text, encoding="utf-8")
    words = len(text.split())
    kind = "realistic (corpus sentences)" if realistic else "fixtures repeated (no ../shared)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spec.md"
        path.write_text(text, encoding="utf-8")
        regex, count = keyword_regex()
        report = check_paths([path], jobs=1, timeout=0, max_memory=0)  # warm: packs, grammars
        findings = report.summary.findings
        print(f"document: {kind}, {words:,} words, {len(text):,} characters, {findings} findings")
        if args.profile:
            profile(path, args.top)
            return
        if args.phases:
            phases(path, args.runs)
            return

        def scan() -> int:
            return len(regex.findall(path.read_text(encoding="utf-8")))

        def short_scan() -> int:
            return len(KEYWORDS.findall(path.read_text(encoding="utf-8")))

        def lint() -> str:
            return render(check_paths([path], jobs=1, timeout=0, max_memory=0), "json")

        hits, short_hits = scan(), short_scan()
        (base, base_cpu), (short, short_cpu), (ours, ours_cpu) = _medians(
            [scan, short_scan, lint], args.runs
        )
    rows = (
        (
            f"scan: the rules' {count:,} words and stems, {hits:,} hits",
            base,
            base_cpu,
        ),
        (f"scan: bench/realistic.py's keywords, {short_hits:,} hits", short, short_cpu),
        ("speclint check (one job, no cache) + JSON report", ours, ours_cpu),
    )
    print(f"median of {args.runs} interleaved runs        wall s      words/s    CPU s")
    for label, seconds, cpu in rows:
        print(f"{label:<52} {seconds:6.3f} {words / seconds:>11,.0f} {cpu:8.3f}")
    for label, wall, cpu in (("rules' words", base, base_cpu), ("keywords", short, short_cpu)):
        print(
            f"ratio speclint / {label} scan: {ours / wall:.1f}x wall, "
            f"{ours_cpu / cpu:.1f}x CPU  (goal <= 4x)"
        )


if __name__ == "__main__":
    main()

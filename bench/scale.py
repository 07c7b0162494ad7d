"""Parallel runs, the serial fraction, the results cache and memory, over whole folders.

Two folders are linted with ``speclint check DIR --format json > FILE``, each run a
fresh process:

* a tender pack of 20 generated PDFs (6 to 25 pages: running headers, ruled KPI
  tables, a two-column annex; the PDF fixtures' generator), and
* ``--files`` Markdown specifications of about ``--words`` words each, built from the
  labelled sentences of ``../shared/corpus/`` (skipped when absent), so that rules fire
  as they do on real drafts.

For each folder it prints:

1. ``--jobs 1`` and ``--jobs 2`` with no cache, and the speed-up;
2. the **serial fraction** of the ``--jobs 2`` run: the CPU time of the parent process
   (start-up, walking, settings, cache look-ups, merging, rendering) over the CPU time
   of parent and workers together, and the speed-up Amdahl's law projects from it for
   16 jobs, ``1 / (s + (1 - s) / 16)`` (goal: 12x, which needs s under 2%);
3. a first run that fills an empty cache, and a second run over the unchanged files
   (goal: the second at most 0.1x the first);
4. that every run wrote exactly the same report.

Then it fills a cache for ``--memory-files`` Markdown files (1,000) and prints the peak
memory (largest resident set of any one process) of that cold run and of a warm run in
each output format, JSON also with ``-o`` (goal: under 200 MB whatever the format).
Figures only, no asserts.

    python bench/scale.py [--files 300] [--words 400] [--memory-files 1000] [--no-pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, load_generator
from realistic import markdown_spec

make_fixtures = load_generator("pdf")  # fixtures/pdf/make_fixtures.py

#: Runs ``speclint.cli.main`` with its standard output going to a file (as ``> FILE``
#: does) and prints what it cost, as JSON, on the last line.
_DRIVER = """
import io, json, os, resource, sys, time
start = time.perf_counter()
from speclint.cli import main
with open(os.environ["BENCH_OUTPUT"], "w", encoding="utf-8") as out:
    code = main(sys.argv[1:], out, io.StringIO())
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "code": code, "wall": time.perf_counter() - start,
    "parent": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime,
    "rss_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024,
}))
"""


@dataclass
class Run:
    """What one ``speclint check`` process cost."""

    wall: float
    parent: float
    workers: float
    rss_mb: float
    report: bytes

    @property
    def serial(self) -> float:
        """The parent's share of all CPU time spent."""
        return self.parent / max(self.parent + self.workers, 1e-9)


def run(folder: Path, out: Path, *extra: str) -> Run:
    """Lint ``folder`` in a fresh process; what it cost and the report it wrote."""
    env = {
        **os.environ,
        "SPECLINT_NO_PROGRESS": "1",
        "PYTHONPATH": str(ROOT),
        "BENCH_OUTPUT": str(out),
    }
    argv = ["check", str(folder), "--format", "json", "--fail-on", "never"]
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, *argv, *extra],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        cost = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"speclint failed: {done.stderr.strip()}") from None
    if cost["code"] not in (0, 1):
        raise SystemExit(f"speclint exited {cost['code']}: {done.stderr.strip()}")
    report = out.read_bytes()
    return Run(cost["wall"], cost["parent"], cost["workers"], cost["rss_mb"], report)


def amdahl(serial: float, jobs: int) -> float:
    """The speed-up over one job that ``jobs`` jobs give with serial fraction ``serial``."""
    return 1 / (serial + (1 - serial) / jobs)


def pdf_pack(folder: Path, files: int) -> str:
    """Write ``files`` PDFs of different lengths; describe them."""
    pages = 0
    for i in range(files):
        count = 6 + (i * 7) % 20
        data, _ = make_fixtures.long_spec(count)
        (folder / f"lot-{i + 1:02d}-specification.pdf").write_bytes(data)
        pages += count
    return f"tender pack: {files} PDFs, {pages} pages (bland text)"


def markdown_pack(folder: Path, files: int, words: int) -> str | None:
    """Write ``files`` realistic Markdown specifications; describe them (None: no corpus)."""
    total = 0
    for i in range(files):
        text = markdown_spec(words, seed=i)
        if text is None:
            return None
        (folder / f"spec-{i + 1:04d}.md").write_text(text, encoding="utf-8")
        total += len(text.split())
    return f"{files} Markdown specifications, {total:,} words (corpus sentences)"


def measure(title: str, folder: Path, work: Path) -> None:
    """Print the figures for one folder."""
    cache = work / "cache"
    reports: set[bytes] = set()
    out = work / "report.json"
    serial = run(folder, out, "--jobs", "1", "--no-cache")
    parallel = run(folder, out, "--jobs", "2", "--no-cache")
    shutil.rmtree(cache, ignore_errors=True)
    cold = run(folder, out, "--cache-dir", str(cache))
    warm = run(folder, out, "--cache-dir", str(cache))
    for r in (serial, parallel, cold, warm):
        reports.add(r.report)
    s = parallel.serial
    print(f"\n{title}; {os.cpu_count()} cores")
    print(f"{'run':<36} {'wall s':>8} {'ratio':>6} {'parent cpu':>11} {'worker cpu':>11} {'MB':>6}")
    for name, r, base in (
        ("--jobs 1 --no-cache (reference)", serial, serial),
        ("--jobs 2 --no-cache", parallel, serial),
        ("default --jobs, empty cache", cold, serial),
        ("default --jobs, warm cache", warm, cold),
    ):
        print(
            f"{name:<36} {r.wall:8.2f} {r.wall / base.wall:6.2f} {r.parent:11.2f} "
            f"{r.workers:11.2f} {r.rss_mb:6.0f}"
        )
    print(f"--jobs 2 speed-up: {serial.wall / parallel.wall:.2f}x")
    print(
        f"serial fraction (parent CPU / all CPU, --jobs 2): {s:.1%}; Amdahl projects "
        f"{amdahl(s, 16):.1f}x at 16 jobs (goal 12x, s < 2%)"
    )
    print(f"warm cache / first run: {warm.wall / cold.wall:.3f} (goal <= 0.1)")
    print(f"identical reports across every run: {'yes' if len(reports) == 1 else 'NO'}")


#: The warm runs of the memory figures: each output format, and JSON written with ``-o``.
_FORMATS = (
    ("json", False),
    ("json -o", True),
    ("text", False),
    ("sarif", False),
    ("github", False),
    ("markdown", False),
    ("html", False),
)


def memory(files: int, words: int, work: Path) -> None:
    """Peak memory of a cold run over ``files`` Markdown files, then of a warm run per format."""
    folder = work / "many"
    folder.mkdir()
    if markdown_pack(folder, files, words) is None:
        print("\nmemory: skipped (no ../shared/corpus)")
        return
    cache = work / "many-cache"
    out = work / "many.json"
    cold = run(folder, out, "--cache-dir", str(cache))
    size = out.stat().st_size / 1e6
    print(f"\n{files:,} Markdown files ({size:.0f} MB of JSON report):")
    print(f"  first run, JSON  {cold.wall:7.2f} s, peak {cold.rss_mb:5.0f} MB (largest process)")
    for name, to_file in _FORMATS:
        fmt = name.split()[0]
        written = work / f"many.{fmt}"
        options = ["-o", str(written)] if to_file else []
        warm = run(folder, out, "--cache-dir", str(cache), "--format", fmt, *options)
        report = written if to_file else out
        print(
            f"  warm, {name:<10} {warm.wall:7.2f} s, peak {warm.rss_mb:5.0f} MB, "
            f"{report.stat().st_size / 1e6:5.1f} MB written (goal < 200 MB)"
        )
        if name == "json":
            print(f"  warm / first: {warm.wall / cold.wall:.3f}")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=300, help="Markdown files (realistic)")
    parser.add_argument("--words", type=int, default=400, help="words in each Markdown file")
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--memory-files", type=int, default=1000)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF tender pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.no_pdf:
            pack = work / "pdf"
            pack.mkdir()
            measure(pdf_pack(pack, args.pdfs), pack, work)
        specs = work / "md"
        specs.mkdir()
        title = markdown_pack(specs, args.files, args.words) if args.files else None
        if title is None and args.files:
            print("\nMarkdown specifications: skipped (no ../shared/corpus)")
        elif title is not None:
            measure(title, specs, work)
        if args.memory_files:
            memory(args.memory_files, args.words // 2, work)


if __name__ == "__main__":
    main()

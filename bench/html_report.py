"""Size and browser render time of the HTML report for a 500-finding, 20-file tender pack.

Writes 20 Markdown specifications into a temporary folder, each built from the
rules' own failing examples (realistic clauses in the "The Provider shall..." register,
numbered and under headings, rotated so every file differs), lints them with
``speclint.check_paths`` and keeps the first 25 findings of each file: 500 findings
over 20 files. It renders the report with ``--format html``'s formatter and prints:

- its size (target: under 2 MB);
- the time headless Chromium (Debian's ``chromium``, driven by Playwright) takes from
  navigation start to the end of the load event, from the page's own Navigation Timing,
  and to the first frame painted after it (target: under 2 s), best and median of N;
- the time one filter change takes to hide and show the findings (not a target).

Run: ``python bench/html_report.py [--runs 5] [--keep report.html]``. Needs
``apt-get install chromium`` and ``pip install playwright`` (no ``playwright install``).
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import speclint
from speclint.formatters.html import render
from speclint.models import FileReport, Report
from speclint.rules import all_rules

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers import CHROMIUM_ARGS, find_chromium

FILES = 20
PER_FILE = 25
SIZE_TARGET = 2_000_000
TIME_TARGET = 2.0
HEADINGS = (
    "Service model",
    "Workforce",
    "Payment and performance",
    "Procurement",
    "Local delivery",
    "Involvement",
)

TIMING = """
() => new Promise((resolve) => {
  const nav = performance.getEntriesByType('navigation')[0];
  requestAnimationFrame(() => requestAnimationFrame(() => resolve({
    load: nav.loadEventEnd - nav.startTime,
    painted: performance.now(),
    findings: document.querySelectorAll('li.finding').length,
  })));
})
"""

FILTER = """
() => {
  const box = document.querySelector('input[name="family"]');
  const start = performance.now();
  box.click();
  document.body.offsetHeight;  // force the layout the change causes
  const took = performance.now() - start;
  box.click();
  return took;
}
"""


def spec_text(n: int, clauses: list[str]) -> str:
    """One specification: the clauses rotated by ``n``, numbered under six headings."""
    rotated = clauses[n % len(clauses) :] + clauses[: n % len(clauses)]
    lines = [f"# Schedule 2 – Service Specification {n + 1:02d}", ""]
    per_section = -(-len(rotated) // len(HEADINGS))
    for s, heading in enumerate(HEADINGS, 1):
        lines += [f"## {s}. {heading}", ""]
        for c, clause in enumerate(rotated[(s - 1) * per_section : s * per_section], 1):
            lines += [f"{s}.{c} {clause}", ""]
    return "\n".join(lines)


def pack_report(folder: Path) -> Report:
    """Lint 20 generated specifications and keep 25 findings of each."""
    clauses = [
        example for rule in all_rules() for example in rule.tests.fail if "\n" not in example
    ]
    paths = []
    for n in range(FILES):
        path = folder / f"spec-{n + 1:02d}.md"
        path.write_text(spec_text(n, clauses), encoding="utf-8")
        paths.append(str(path))
    report = speclint.check_paths(paths)
    files = []
    for fr in report.files:
        if len(fr.findings) < PER_FILE:
            raise SystemExit(f"{fr.path}: only {len(fr.findings)} findings")
        files.append(FileReport(path=fr.path, format=fr.format, findings=fr.findings[:PER_FILE]))
    return Report(files=tuple(files))


def browser_times(path: Path, runs: int) -> tuple[list[float], list[float], list[float], int]:
    """Load-event and first-paint seconds for ``runs`` fresh pages, and filter-change seconds."""
    from playwright.sync_api import sync_playwright

    exe = find_chromium()
    if exe is None:
        raise SystemExit("Chromium is not installed (apt-get install -y chromium)")
    loads, paints, filters = [], [], []
    shown = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            warm = browser.new_page()
            warm.goto(path.as_uri())
            warm.close()
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                timing = page.evaluate(TIMING)
                loads.append(timing["load"] / 1000)
                paints.append(timing["painted"] / 1000)
                filters.append(page.evaluate(FILTER) / 1000)
                shown = timing["findings"]
                page.close()
        finally:
            browser.close()
    return loads, paints, filters, shown


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="FILE", help="also write the report to FILE")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = pack_report(folder)
        start = time.perf_counter()
        page = render(report)
        rendered = time.perf_counter() - start
        out = folder / "report.html"
        out.write_text(page, encoding="utf-8")
        if args.keep:
            Path(args.keep).write_text(page, encoding="utf-8")
        size = out.stat().st_size
        loads, paints, filters, shown = browser_times(out, args.runs)
    findings = len(report.findings)
    size_ok = size < SIZE_TARGET
    time_ok = max(paints) < TIME_TARGET
    print(f"report: {findings} findings over {len(report.files)} files ({shown} in the page)")
    print(f"python render: {rendered * 1000:.0f} ms")
    print(
        f"size: {size:,} bytes ({size / 1e6:.2f} MB; target < 2 MB) {'OK' if size_ok else 'MISSED'}"
    )
    print(f"{'Chromium (file://)':<34} {'best s':>7} {'median s':>9} {'worst s':>8}")
    for name, values in (
        ("navigation start to load end", loads),
        ("to first frame after load", paints),
        ("one filter change", filters),
    ):
        print(f"{name:<34} {min(values):7.3f} {statistics.median(values):9.3f} {max(values):8.3f}")
    print(
        f"\nrender in Chromium (worst of {args.runs}): {max(paints):.3f} s "
        f"(target < {TIME_TARGET:.0f} s) {'OK' if time_ok else 'MISSED'}"
    )
    return 0 if size_ok and time_ok and shown == findings else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

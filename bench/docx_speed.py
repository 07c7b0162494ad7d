"""Time speclint's .docx parser against python-docx alone on a 3,000-paragraph spec.

Run ``python bench/docx_speed.py [PARAGRAPHS]``. The document (automatic multi-level
numbering, a KPI table) is generated in memory by ``fixtures/docx/make_fixtures.py``.
Baseline: python-docx ``Document(path)`` plus every ``p.text`` (best of 5). Then
``speclint.parsers.docx.parse`` on the same bytes, and the full lint
(``speclint.check_file``: read, parse, clause tree, every rule), each best of 5, as
ratios to the baseline. Issue 4 asked for a full lint within 2.5 times the baseline;
the README holds it to 1.5 since. ``--cpu`` times CPU seconds instead of wall-clock
ones (the steadier figure on a busy, shared machine), the three interleaved, best of 7.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx
from common import best_of, load_generator

import speclint
from speclint.config import Settings
from speclint.parsers.docx import parse

REPEATS = 5


def cpu_best(funcs: list[Callable[[], object]], runs: int = 7) -> list[float]:
    """The least CPU seconds of each of ``funcs`` over ``runs`` interleaved rounds."""
    best = [float("inf")] * len(funcs)
    for _ in range(runs):
        for n, func in enumerate(funcs):
            start = time.process_time()
            func()
            best[n] = min(best[n], time.process_time() - start)
    return best


def main() -> None:
    cpu = "--cpu" in sys.argv
    numbers = [a for a in sys.argv[1:] if a != "--cpu"]
    paragraphs = int(numbers[0]) if numbers else 3000
    data = load_generator("docx").bench_docx(paragraphs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench_spec.docx"
        path.write_bytes(data)

        def baseline() -> None:
            document = docx.Document(str(path))
            for p in document.paragraphs:
                _ = p.text

        def speclint_parse() -> None:
            parse(path.read_bytes(), str(path))

        def speclint_lint() -> None:
            speclint.check_file(path, Settings())

        count = len(docx.Document(str(path)).paragraphs)
        blocks = len(parse(data, str(path)).blocks)
        findings = len(speclint.check_file(path, Settings()).findings)
        speclint_lint()  # warm: rule packs and grammars load once per process
        if cpu:
            base, ours, lint = cpu_best([baseline, speclint_parse, speclint_lint])
        else:
            base = best_of(baseline)
            ours = best_of(speclint_parse)
            lint = best_of(speclint_lint)
    print(f"document: {count:,} body paragraphs, {len(data):,} bytes, {blocks:,} blocks")
    rounds = 7 if cpu else REPEATS
    if cpu:
        print("CPU seconds, best of 7 interleaved rounds")
    print(f"python-docx load + p.text (best of {rounds}): {base * 1000:8.1f} ms   1.00x")
    print(
        f"speclint.parsers.docx.parse   (best of {rounds}): {ours * 1000:8.1f} ms   "
        f"{ours / base:.2f}x"
    )
    print(
        f"speclint full lint            (best of {rounds}): {lint * 1000:8.1f} ms   "
        f"{lint / base:.2f}x  ({findings} findings; target <= 1.5x)"
    )


if __name__ == "__main__":
    main()

"""Time speclint's PDF parser against raw pdfplumber and pypdfium2 text extraction.

Generates a 40-page and a 150-page specification (with running headers and footers, a
ruled KPI table every few pages and an occasional two-column annex) into a temporary
folder, then prints for each: pypdfium2 extracting every page's text (the floor), raw
pdfplumber ``extract_text`` over every page, speclint's PDF parse and speclint's full
lint (``speclint.check_file``: parse, clause tree and every rule), the last two as
ratios to pdfplumber and to pypdfium2, with how many pages were read for ruled tables
and how many of those went to pdfplumber. Times are CPU seconds of this process (best of
three, pdfplumber once), which a busy machine disturbs far less than wall-clock time.
It also checks that the findings are the same whichever engine read the pages.
Figures only, no asserts.

Run: ``python bench/pdf_speed.py [pages ...]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2
from common import load_generator

import speclint
from speclint.config import Settings
from speclint.engine import Engine
from speclint.parsers.pdf import PdfStats, read_pdf
from speclint.registry import builtin_registry

make_fixtures = load_generator("pdf")  # fixtures/pdf/make_fixtures.py


def raw_pdfplumber(path: Path) -> float:
    start = time.process_time()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    return time.process_time() - start


def raw_pdfium(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
        best = min(best, time.process_time() - start)
    return best


def speclint_parse(path: Path) -> tuple[float, PdfStats]:
    data = path.read_bytes()
    best = float("inf")
    stats = PdfStats()
    for _ in range(3):
        stats = PdfStats()
        start = time.process_time()
        read_pdf(data, str(path), stats=stats)
        best = min(best, time.process_time() - start)
    return best, stats


def speclint_lint(path: Path) -> tuple[float, int]:
    best = float("inf")
    findings = 0
    for _ in range(3):
        start = time.process_time()
        report = speclint.check_file(path, Settings())
        best = min(best, time.process_time() - start)
        findings = len(report.findings)
    return best, findings


def same_findings_either_engine(path: Path) -> bool:
    """True when speclint's per-page choice and pdfplumber on every page agree exactly.

    (Forcing pdfium onto every page is not compared: it cannot find ruled tables, which
    is why ``auto`` sends table pages to pdfplumber.)
    """
    data = path.read_bytes()
    runs = []
    for engine in ("auto", "pdfplumber"):
        document = read_pdf(data, str(path), engine=engine)
        report = Engine(builtin_registry(), Settings()).run(document)
        runs.append(
            [(f.code, f.location.page, f.location.line, f.message) for f in report.findings]
        )
    return runs[0] == runs[1]


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [40, 150]
    # Warm both libraries up (imports, font caches) so neither pays it in the timing.
    warm, _ = make_fixtures.spec_multipage()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_path = folder / "warm.pdf"
        warm_path.write_bytes(warm)
        raw_pdfplumber(warm_path)
        raw_pdfium(warm_path)
        speclint_parse(warm_path)
        speclint_lint(warm_path)
        print(
            f"{'pages':>5}  {'table pages':>11}  {'to plumber':>10}"
            f"  {'pdfium s':>8}  {'pdfplumber s':>12}"
            f"  {'parse s':>7}  {'x plumber':>9}  {'x pdfium':>8}  {'lint s':>6}"
            f"  {'x plumber':>9}  {'x pdfium':>8}  findings  same as pdfplumber-only"
        )
        for pages in sizes:
            data, _layout = make_fixtures.long_spec(pages)
            path = folder / f"spec_{pages}.pdf"
            path.write_bytes(data)
            raw = raw_pdfplumber(path)
            floor = raw_pdfium(path)
            ours, stats = speclint_parse(path)
            lint, findings = speclint_lint(path)
            same = same_findings_either_engine(path) if pages <= 40 else None
            print(
                f"{stats.pages:>5}  {stats.table_pages:>11}  {stats.pdfplumber_pages:>10}"
                f"  {floor:>8.2f}  {raw:>12.2f}"
                f"  {ours:>7.2f}  {ours / raw:>9.3f}  {ours / floor:>8.1f}  {lint:>6.2f}"
                f"  {lint / raw:>9.3f}  {lint / floor:>8.1f}  {findings:>8}"
                f"  {'yes' if same else 'no' if same is not None else '(40 pages only)'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

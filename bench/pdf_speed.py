"""Time speclint's PDF parser against raw pdfplumber text extraction.

Generates a 40-page and a 150-page specification (with running headers and footers, a
ruled KPI table every few pages and an occasional two-column annex) into a temporary
folder, then prints for each: raw pdfplumber ``extract_text`` over every page, speclint's
PDF parse, and the ratio (the target is at most 0.5). Figures only, no asserts.

Run: ``python bench/pdf_speed.py [pages ...]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "pdf"))

import make_fixtures  # noqa: E402
import pdfplumber  # noqa: E402

from speclint.parsers.pdf import PdfStats, read_pdf  # noqa: E402


def raw_pdfplumber(path: Path) -> float:
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    return time.perf_counter() - start


def speclint_parse(path: Path) -> tuple[float, PdfStats]:
    data = path.read_bytes()
    stats = PdfStats()
    start = time.perf_counter()
    read_pdf(data, str(path), stats=stats)
    return time.perf_counter() - start, stats


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [40, 150]
    # Warm both libraries up (imports, font caches) so neither pays it in the timing.
    warm, _ = make_fixtures.spec_multipage()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_path = folder / "warm.pdf"
        warm_path.write_bytes(warm)
        raw_pdfplumber(warm_path)
        speclint_parse(warm_path)
        print(
            f"{'pages':>5}  {'table pages':>11}  {'pdfplumber s':>12}  {'speclint s':>10}"
            f"  {'ratio':>5}  (speclint: pdfium read / table finder / layout s)"
        )
        for pages in sizes:
            data, _layout = make_fixtures.long_spec(pages)
            path = folder / f"spec_{pages}.pdf"
            path.write_bytes(data)
            raw = raw_pdfplumber(path)
            ours, stats = speclint_parse(path)
            ratio = ours / raw if raw else float("nan")
            print(
                f"{stats.pages:>5}  {stats.pdfplumber_pages:>11}  {raw:>12.2f}  {ours:>10.2f}"
                f"  {ratio:>5.2f}  ({stats.read_seconds:.2f} / {stats.table_seconds:.2f}"
                f" / {stats.layout_seconds:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

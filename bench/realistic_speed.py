"""Speed on realistic text, each format against its floor, in one run.

Builds a Markdown specification, a Word document and a PDF from the labelled sentences
of ``../shared/corpus/`` (:mod:`realistic`; rows are skipped when the corpus is absent),
so that rules fire as on real drafts, and prints speclint's full lint (read, parse,
units, every rule) as a ratio to the floor of each format:

* Markdown: one compiled keyword regex over the text (goal: within 4x);
* Word: python-docx loading the file and reading every paragraph (goal: within 2x),
  and lxml ``iterparse`` over ``word/document.xml``;
* PDF: pypdfium2 extracting every page's text (goal: within 4x), and pdfplumber
  ``extract_text`` (about 0.05x is the goal there).

Times are the best of ``--repeats`` in this process, after one warm-up lint (rules and
grammars load once per process); ``--cpu`` times CPU instead of the wall clock, the
fairer measure on a machine other work keeps busy (every floor runs in this process
too, so its C code is counted as well). Figures only, no asserts.

    python bench/realistic_speed.py [--words 40000] [--paragraphs 3000] [--pages 40] [--cpu]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import common
from realistic import KEYWORDS, docx_spec, markdown_spec, pdf_spec

import speclint
from speclint.config import Settings

#: The clock the figures are read from: the wall clock, or CPU time with ``--cpu``.
_CLOCK: list[Callable[[], float]] = [time.perf_counter]


def best_of(func: Callable[[], object], repeats: int = 5) -> float:
    """The least time of ``repeats`` runs of ``func``, by the chosen clock."""
    if _CLOCK[0] is time.perf_counter:
        return common.best_of(func, repeats)
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def _row(name: str, lint: float, floors: list[tuple[str, float]], goal: str) -> None:
    ratios = ", ".join(f"{lint / s:.2f}x {label} ({s:.3f} s)" for label, s in floors)
    print(f"{name:<34} lint {lint:7.3f} s  = {ratios}   goal: {goal}")


def _lint(path: Path) -> Callable[[], object]:
    return lambda: speclint.check_file(path, Settings())


def markdown(folder: Path, words: int, repeats: int) -> None:
    text = markdown_spec(words)
    if text is None:
        print("Markdown: skipped (no ../shared/corpus)")
        return
    path = folder / "realistic.md"
    path.write_text(text, encoding="utf-8")
    scan = best_of(lambda: sum(1 for _ in KEYWORDS.finditer(path.read_text("utf-8"))), repeats)
    lint = best_of(_lint(path), repeats)
    findings = len(speclint.check_file(path, Settings()).findings)
    _row(
        f"Markdown, {len(text.split()):,} words ({findings} findings)",
        lint,
        [("regex scan", scan)],
        "<= 4x the scan",
    )


def word(folder: Path, paragraphs: int, repeats: int) -> None:
    data = docx_spec(paragraphs)
    if data is None:
        print("Word: skipped (no ../shared/corpus)")
        return
    import docx
    from lxml import etree

    path = folder / "realistic.docx"
    path.write_bytes(data)

    def python_docx() -> None:
        for p in docx.Document(str(path)).paragraphs:
            _ = p.text

    def iterparse() -> None:
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
        tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
        for _event, element in etree.iterparse(io.BytesIO(xml), tag=tag):
            _ = element.text
            element.clear()

    floors = [("python-docx", best_of(python_docx, repeats)), ("lxml", best_of(iterparse, repeats))]
    lint = best_of(_lint(path), repeats)
    findings = len(speclint.check_file(path, Settings()).findings)
    _row(
        f"Word, {paragraphs:,} paragraphs ({findings} findings)",
        lint,
        floors,
        "<= 2x python-docx",
    )


def pdf(folder: Path, pages: int, repeats: int) -> None:
    data = pdf_spec(pages)
    if data is None:
        print("PDF: skipped (no ../shared/corpus)")
        return
    import pdfplumber
    import pypdfium2

    path = folder / "realistic.pdf"
    path.write_bytes(data)

    def pdfium() -> None:
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        document.close()

    def plumber() -> None:
        with pdfplumber.open(path) as document:
            for page in document.pages:
                page.extract_text()

    floors = [("pypdfium2", best_of(pdfium, repeats)), ("pdfplumber", best_of(plumber, 1))]
    lint = best_of(_lint(path), repeats)
    report = speclint.check_file(path, Settings())
    count = len(pypdfium2.PdfDocument(str(path)))
    _row(
        f"PDF, {count} pages ({len(report.findings)} findings)",
        lint,
        floors,
        "<= 4x pypdfium2",
    )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=40_000)
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="time CPU, not the wall clock")
    args = parser.parse_args()
    if args.cpu:
        _CLOCK[0] = time.process_time
        print("CPU seconds (--cpu)")
    warm = markdown_spec(500)
    if warm is not None:
        speclint.check_text(warm)  # load the rules and grammars once
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        markdown(folder, args.words, args.repeats)
        word(folder, args.paragraphs, args.repeats)
        pdf(folder, args.pages, args.repeats)


if __name__ == "__main__":
    main()

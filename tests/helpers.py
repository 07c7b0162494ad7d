"""Helpers shared by the test modules (imported as ``helpers``; pytest puts tests/ on the path)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from speclint.models import Document

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (or beside the folder of worktrees): corpus and real documents.
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared",
)
REAL = SHARED / "corpus" / "real"
#: The ``[rules.docs]`` and ``[rules.tests]`` tables a rule needs to load, for test packs
#: whose rule is about something else (a check's options, how the engine places hits).
RULE_DOCS_AND_TESTS = """
[rules.docs]
what = "what it flags, at length"
why = "why it matters, at length"
example = "an example clause here"
better = "a better clause here"

[rules.tests]
fail = ["a"]
pass = ["b"]
"""
#: A fixture of each format and layout, for tests that hold every part of an outline
#: to a property (equal to its validated copy, located where its text is).
OUTLINE_FIXTURES = [
    ROOT / "fixtures" / "markdown" / "community-support-spec.md",
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.md",
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.docx",
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.pdf",
    ROOT / "fixtures" / "docx" / "spec_nhs_schedule2.docx",
    ROOT / "fixtures" / "docx" / "spec_numbered.docx",
    ROOT / "fixtures" / "docx" / "spec_review.docx",
    *sorted((ROOT / "fixtures" / "text").glob("*.txt"))[:3],
]


def pdf_fixtures() -> list[Path]:
    """Every PDF under ``fixtures/``, then the real documents' PDFs where they are present."""
    found = sorted((ROOT / "fixtures").rglob("*.pdf"))
    if REAL.is_dir():
        found += sorted(REAL.glob("*.pdf"))
    return found


def assert_blocks_equal_validated(document: Document) -> None:
    """Hold every block a parser built unvalidated equal to its validated copy.

    Equal values, fields in the models' order, and the same for each location, anchor and
    the document itself: what ``model_validate`` would have built from the same values.
    """
    from speclint.models import Block, Document

    assert document.blocks
    for block in document.blocks:
        validated = Block.model_validate(block.model_dump())
        assert block == validated
        assert list(block.__dict__) == list(validated.__dict__)
        assert block.location == validated.location
        assert list(block.location.__dict__) == list(validated.location.__dict__)
        assert block.anchors == validated.anchors
        for anchor, checked in zip(block.anchors, validated.anchors, strict=True):
            assert list(anchor.__dict__) == list(checked.__dict__)
    again = Document.model_validate(document.model_dump())
    assert again == document
    assert list(again.__dict__) == list(document.__dict__)


def best_of(func: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of ``repeats`` calls of ``func``, in seconds (benches and growth tests)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def run_python(code: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -c CODE`` in a fresh process whose user cache is ``cache_dir``."""
    env = {"SPECLINT_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``speclint ARGV`` in-process: the exit code, what it wrote to stdout and stderr.

    Standard input is empty.
    """
    from speclint.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err, stdin=io.BytesIO(b""))
    return code, out.getvalue(), err.getvalue()


def corpus_sentences() -> list[str]:
    """The text of every labelled sentence in ``../shared/corpus/*.jsonl`` (none when absent)."""
    texts: list[str] = []
    for path in sorted((SHARED / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def draft_and_corpus_documents(drafts: slice, sentences: int) -> list[tuple[str, str]]:
    """Named Markdown documents: the drafts in ``fixtures/drafts`` picked by ``drafts``, and
    specifications of 300 numbered clauses each made of the first ``sentences`` corpus
    sentences (none when the corpus is absent).
    """
    chosen = sorted((ROOT / "fixtures" / "drafts").glob("*.md"))[drafts]
    found = [(path.name, path.read_text(encoding="utf-8")) for path in chosen]
    texts = corpus_sentences()
    for start in range(0, min(len(texts), sentences), 300):
        clauses = texts[start : start + 300]
        text = "\n\n".join(f"{n}.1 {s}" for n, s in enumerate(clauses, 1))
        found.append((f"corpus {start}", "# Service specification\n\n" + text))
    return found


#: A payment clause and a visit clause that each give one finding, for CLI tests.
WITHHELD = (
    "# Schedule 2 – Payment\n\n"
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met.\n"
)
VISITS = (
    "# Schedule 2 – Home support\n\n"
    "3.1 Each home visit shall last exactly 15 minutes, whatever the person needs that day.\n"
)


def load_generator(fmt: str) -> ModuleType:
    """Import ``fixtures/<fmt>/make_fixtures.py`` (the script that writes the binary fixtures)."""
    name = f"make_{fmt}_fixtures"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, ROOT / "fixtures" / fmt / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


#: Headless Chromium on a machine with no network: no sandbox (root in CI) and none of
#: the background connections that a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """The Chromium executable (Debian's ``chromium``), or ``None`` when not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_path() -> str:
    """Chromium's path; skip (locally) or fail (under CI) when it or Playwright is missing."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[dev]')")
    exe = find_chromium()
    if exe is None:
        missing.append("Chromium (apt-get install -y chromium)")
    if missing:
        message = " and ".join(missing) + " not installed"
        if "CI" in os.environ:
            pytest.fail(f"{message} but CI is set: .ci/run must install it")
        pytest.skip(message)
    assert exe is not None
    return exe


def pdf_from_objects(objects: Sequence[bytes]) -> bytes:
    """A PDF file written directly from its objects, numbered from 1 (the catalogue first).

    For documents no generator library will write: hostile streams, odd font names.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# A page script listing every visible element whose text falls short of WCAG AA contrast
# (4.5:1) against its nearest painted background; used on the HTML report and the web page.
CONTRAST = """
() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
  }
  return low;
}
"""


def programs_cleared() -> None:
    """Forget every compiled query program, so that the next run compiles afresh.

    The compiled (C) or pure Python runs are chosen when a program is compiled, from
    ``SPECLINT_PURE_QUERY``: tests that compare the two clear the programs between them.
    """
    from speclint.query import evaluate, program

    program._PROGRAMS.clear()
    evaluate._PROGRAMS.clear()

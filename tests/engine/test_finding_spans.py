"""Findings carry their span: the block, the sentence and the trigger, as offsets.

The engine sets a finding's :class:`~speclint.models.Span` where it places the finding,
so that a writer of comments or highlights need not search for the excerpt again.
These tests lint real fixtures of each format and check that every span lands on the
words the finding quotes and is placed at.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from speclint.engine import Engine
from speclint.models import Document, Finding
from speclint.parsers import parse_path
from speclint.registry import builtin_registry

ROOT = Path(__file__).resolve().parents[2]
TEXT = [
    ROOT / "fixtures" / "markdown" / "community-support-spec.md",
    ROOT / "fixtures" / "markdown" / "outcome-payment-spec.md",
    ROOT / "fixtures" / "quality" / "home-care-framework.md",
    ROOT / "fixtures" / "text" / "outcome-payment-spec.txt",
]
WORD = [
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.docx",
    ROOT / "fixtures" / "docx" / "spec_numbered.docx",
    ROOT / "fixtures" / "docx" / "spec_nhs_schedule2.docx",
]
DOCUMENTS = [*TEXT, *WORD, ROOT / "fixtures" / "formats" / "stop-smoking-spec.pdf"]


def _words(text: str) -> str:
    return " ".join(text.split())


@cache
def lint(path: Path) -> tuple[Document, list[Finding]]:
    """A fixture parsed, and its findings."""
    document = parse_path(path)
    return document, list(Engine(builtin_registry()).run(document).findings)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_finding_in_a_clause_has_a_span(path: Path) -> None:
    document, findings = lint(path)
    placed = [f for f in findings if f.excerpt and f.code[:3] != "SPL"]
    assert placed, "the fixture should give findings in clauses"
    for finding in placed:
        assert finding.span is not None, finding.code
        assert 0 <= finding.span.block < len(document.blocks)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_span_is_the_quoted_sentence_and_holds_the_trigger(path: Path) -> None:
    document, findings = lint(path)
    for finding in findings:
        span = finding.span
        if span is None:
            continue
        text = document.blocks[span.block].text
        sentence, trigger = span.sentence, span.trigger
        assert 0 <= sentence.start <= trigger.start <= trigger.end <= len(text)
        assert trigger.start < sentence.end or sentence.start == sentence.end
        # The part of the sentence in this block is what the excerpt quotes (the
        # excerpt may add a list's lead-in from another block, or be shortened).
        quoted = _words(text[sentence.start : sentence.end])
        excerpt = finding.excerpt.removesuffix("…")
        assert quoted[: len(excerpt)] in excerpt or excerpt in quoted, (finding.code, quoted)


@pytest.mark.parametrize("path", TEXT, ids=lambda p: p.name)
def test_text_spans_point_where_the_location_does(path: Path) -> None:
    document, findings = lint(path)
    lines = Path(document.path).read_text("utf-8").splitlines()
    checked = 0
    for finding in findings:
        span = finding.span
        if span is None or finding.location.line is None or finding.location.column is None:
            continue
        word = document.blocks[span.block].text[span.trigger.start :].split()[0]
        source = lines[finding.location.line - 1][finding.location.column - 1 :]
        assert source.startswith(word), (finding.code, word, source[:40])
        checked += 1
    assert checked


@pytest.mark.parametrize("path", WORD, ids=lambda p: p.name)
def test_word_spans_point_where_the_column_does(path: Path) -> None:
    # A Word column counts characters of the paragraph or table cell; a block that is
    # one paragraph of a cell starts as far into the cell as its anchor says.
    document, findings = lint(path)
    checked = 0
    for finding in findings:
        span = finding.span
        if span is None:
            continue
        block = document.blocks[span.block]
        base = block.anchors[0].column - 1 if block.anchors and block.anchors[0].column else 0
        assert finding.location.column == base + span.trigger.start + 1, finding.code
        checked += 1
    assert checked

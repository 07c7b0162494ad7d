"""Findings carry their span: the block, the sentence and the trigger, as offsets.

The engine sets a finding's :class:`~speclint.models.Span` where it places the finding,
so that a writer of comments or highlights need not search for the excerpt again.
These tests lint real fixtures of each format and check that every span lands on the
words the finding quotes and is placed at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from speclint.engine import lint_document
from speclint.models import Document, Finding
from speclint.parsers import parse_path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [
    ROOT / "fixtures" / "markdown" / "community-support-spec.md",
    ROOT / "fixtures" / "markdown" / "outcome-payment-spec.md",
    ROOT / "fixtures" / "quality" / "home-care-framework.md",
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.docx",
    ROOT / "fixtures" / "docx" / "spec_numbered.docx",
    ROOT / "fixtures" / "docx" / "spec_nhs_schedule2.docx",
    ROOT / "fixtures" / "formats" / "stop-smoking-spec.pdf",
    ROOT / "fixtures" / "text" / "outcome-payment-spec.txt",
]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=DOCUMENTS, ids=lambda p: p.name)
def linted(request: pytest.FixtureRequest) -> tuple[Document, list[Finding]]:
    document = parse_path(request.param)
    return document, list(lint_document(document).findings)


def test_every_finding_in_a_clause_has_a_span(linted: tuple[Document, list[Finding]]) -> None:
    document, findings = linted
    placed = [f for f in findings if f.excerpt and f.code[:3] != "SPL"]
    assert placed, "the fixture should give findings in clauses"
    for finding in placed:
        assert finding.span is not None, finding.code
        assert 0 <= finding.span.block < len(document.blocks)


def test_the_span_is_the_quoted_sentence_and_holds_the_trigger(
    linted: tuple[Document, list[Finding]],
) -> None:
    document, findings = linted
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


def test_text_spans_point_where_the_location_does(linted: tuple[Document, list[Finding]]) -> None:
    document, findings = linted
    if document.format not in ("md", "txt"):
        pytest.skip("only text formats have file lines to compare with")
    lines = Path(document.path).read_text("utf-8").splitlines()
    for finding in findings:
        span = finding.span
        if span is None or finding.location.line is None or finding.location.column is None:
            continue
        word = document.blocks[span.block].text[span.trigger.start :].split()[0]
        source = lines[finding.location.line - 1][finding.location.column - 1 :]
        assert source.startswith(word), (finding.code, word, source[:40])


def test_word_spans_point_where_the_column_does(linted: tuple[Document, list[Finding]]) -> None:
    document, findings = linted
    if document.format != "docx":
        pytest.skip("Word columns count characters of the paragraph")
    for finding in findings:
        span = finding.span
        if span is None or finding.location.paragraph is None:
            continue
        assert finding.location.column == span.trigger.start + 1

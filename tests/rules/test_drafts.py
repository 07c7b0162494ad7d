"""Whole drafts in fresh wording, as Markdown, Word and PDF: the findings an expert expects.

``fixtures/drafts/make_fixtures.py`` writes twenty-three drafts (fifteen of good practice in
genres speclint sees less, eight with anti-patterns) from one outline each, as Markdown
with typed numbers, Word with real multi-level numbering or typed numbers, and PDF
printed from Word by LibreOffice. ``expectations.json`` lists, per draft, the findings
a commissioning expert would expect, by rule code and clause number as printed; the good
drafts expect none. Every format must give the same findings at the same clauses.

The expectations are place by place: a finding that folds the other rows of its table
or items of its list (``group-repeats``) counts each of its places, as it was reported
before folding.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from helpers import load_generator

import speclint
from speclint.engine.grouping import unfolded

HERE = Path(__file__).resolve().parents[2] / "fixtures" / "drafts"
EXPECTATIONS: dict[str, dict[str, object]] = {
    name: value
    for name, value in json.loads((HERE / "expectations.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")
}
FORMATS = ("md", "docx", "pdf")


def _found(name: str, fmt: str) -> Counter[tuple[str, str | None]]:
    """Each (code, clause) reported for one draft in one format, with its count.

    Every place of a folded finding counts, each with its own code and clause.
    """
    report = speclint.check_paths([HERE / f"{name}.{fmt}"])
    assert not report.errors
    places = [place for f in report.findings for place in unfolded(f)]
    return Counter((f.code, f.location.clause) for f in places)


def _expected(name: str) -> Counter[tuple[str, str]]:
    """The findings expected of one draft, each as often as it is expected to be reported.

    The right ones and those judged debatable; two rows of one table in one clause are
    two findings there.
    """
    rows = [
        *EXPECTATIONS[name]["expected"],  # type: ignore[misc]
        *EXPECTATIONS[name].get("reported_debatable", []),  # type: ignore[attr-defined]
    ]
    return Counter((code, clause) for code, clause, _why in rows)


def test_every_draft_has_expectations_and_three_formats() -> None:
    names = {p.stem for p in HERE.glob("*.md")}
    assert names == set(EXPECTATIONS)
    for name in names:
        for fmt in FORMATS:
            assert (HERE / f"{name}.{fmt}").is_file(), f"{name}.{fmt}"


def test_the_committed_markdown_is_what_the_generator_writes() -> None:
    generator = load_generator("drafts")
    for draft in generator.DRAFTS:
        committed = (HERE / f"{draft.name}.md").read_text(encoding="utf-8")
        assert committed == generator.markdown(draft), draft.name


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_findings_are_the_ones_an_expert_expects(name: str) -> None:
    assert _found(name, "md") == _expected(name)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_gives_the_same_findings_at_the_same_clauses(name: str, fmt: str) -> None:
    assert _found(name, fmt) == _found(name, "md")


def test_word_and_pdf_places_are_the_paragraph_and_the_printed_line() -> None:
    """A finding in Word names its body paragraph; in PDF its page and printed line.

    The running header ("OFFICIAL – ...") is the PDF's line 1, and is not linted.
    """
    places = {}
    for fmt in FORMATS:
        report = speclint.check_paths([HERE / f"timed-home-care-visits.{fmt}"])
        places[fmt] = {
            (f.code, f.location.clause): f.location
            for finding in report.findings
            for f in unfolded(finding)  # 2.1(b) is the second item of a folded list
            if f.location.clause == "2.1(b)"
        }
    # Title, subtitle, "1. Scope", 1.1, "2. Visit times", 2.1, (a), then (b).
    assert places["docx"][("OVR001", "2.1(b)")].paragraph == 8
    pdf = places["pdf"][("OVR001", "2.1(b)")]
    assert (pdf.page, pdf.line) == (1, 12)
    assert places["md"][("OVR001", "2.1(b)")].line == 15

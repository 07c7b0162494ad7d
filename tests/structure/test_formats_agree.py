"""One specification as Markdown, Word and PDF printed from Word: the same findings.

``fixtures/formats/make_fixtures.py`` writes the three files from one outline; the
Word file uses automatic numbering and a Title "Schedule 2 – The Services", the PDF
is LibreOffice's print of it. Every finding must carry the same clause number in all
three, so that one ``per-clause-ignores`` key covers them all.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import load_generator

import speclint
from speclint.engine.grouping import unfolded

HERE = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
FORMATS = ("md", "docx", "pdf")


def _findings(fmt: str) -> Counter[tuple[str, str | None]]:
    report = speclint.check_paths([HERE / f"stop-smoking-spec.{fmt}"])
    assert not report.errors
    # Every place of a folded finding counts, each with its own code and clause.
    places = [place for f in report.findings for place in unfolded(f)]
    return Counter((f.code, f.location.clause) for f in places)


def test_the_committed_markdown_is_what_the_generator_writes() -> None:
    committed = (HERE / "stop-smoking-spec.md").read_text(encoding="utf-8")
    assert committed == load_generator("formats").markdown()


@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_gives_the_same_findings_and_clause_numbers(fmt: str) -> None:
    assert _findings(fmt) == _findings("md")


def test_the_findings_are_the_ones_a_reader_expects() -> None:
    found = _findings("md")
    assert found[("PBR002", "Schedule 2 Part A 3.1")] == 2  # each bullet under "will be paid:"
    assert found[("RFL001", "Schedule 2 Part A 2.3")] == 1
    assert found[("OVR001", "Schedule 2 Part A 2.2")] == 1
    # Nine sentences of one schedule: too little to say who shaped the service.
    assert ("VOI005", None) not in found


@pytest.mark.parametrize("fmt", FORMATS)
def test_units_have_the_same_numbers_and_texts(fmt: str) -> None:
    units = speclint.outline_paths([HERE / f"stop-smoking-spec.{fmt}"]).files[0].units
    reference = speclint.outline_paths([HERE / "stop-smoking-spec.md"]).files[0].units
    assert [u.clause for u in units] == [u.clause for u in reference]
    assert [" ".join(u.text.split()) for u in units] == [
        " ".join(u.text.split()) for u in reference
    ]


def test_one_per_clause_ignore_key_covers_all_three() -> None:
    settings = speclint.Settings(per_clause_ignores={"Schedule 2 Part A 3": ("PBR",)})
    for fmt in FORMATS:
        report = speclint.check_paths([HERE / f"stop-smoking-spec.{fmt}"], settings)
        assert not [f for f in report.findings if f.family == "PBR"], fmt

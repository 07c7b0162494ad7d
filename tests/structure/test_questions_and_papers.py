"""Questions asked of a council and papers about others' schemes do not commission anything.

A freedom of information request lists questions run together ("Is any of the contract
paid by results? 4a) What share ...?"), and a research abstract or discussion paper
describes schemes other bodies ran. Neither is the document's own arrangement.
"""

from __future__ import annotations

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline, text_unit

FOI = """\
Freedom of information response

1. Does the council commission its stop smoking service from a charity?
2. Is any part of the contract paid by results, through bonuses or deductions linked to quit
targets? 2a) Is a share of the contract value held back until the targets are met?

1. No.

2. Not applicable.
"""

ABSTRACT = """\
Paying sexual health clinics for outcomes: a controlled study

Research output: Contribution to journal

Aim: To compare clinics paid a bonus for each patient treated within two days with other clinics.

Design: A comparison of 40 clinics before and after the scheme.

Findings: Clinics in the scheme saw more patients quickly but fewer with complex needs.

Conclusions: The scheme shifted effort towards the counted patients.
"""

PAPER = """\
Discussion paper | May 2019

Commissioning for outcomes in supported housing

This paper draws on interviews with councils that have paid housing providers by results.

The paper examines the advantages and risks of the approach.

In their recent report, the authors found that most schemes paid a tenth of the price on
results.

Schemes introduced by the government in 2011 paid providers for each tenant who moved on.
"""


def _families(text: str) -> set[str]:
    report = speclint.check_text(text, "txt")
    return {f.family for file in report.files for f in file.findings}


def test_questions_run_together_are_questions() -> None:
    assert "PBR" not in _families(FOI)
    unit = text_unit("Is the fee reduced when targets are missed? 3a) What share is at risk?")
    assert "question" in unit.sentences[0].flags


def test_a_list_label_after_a_question_is_not_its_answer_but_no_is() -> None:
    unit = text_unit("Is the fee reduced when targets are missed? No.")
    assert "denied" in unit.sentences[0].flags
    unit = text_unit("Is the fee reduced when targets are missed? (b) How much is held back?")
    assert "question" in unit.sentences[0].flags


def test_a_research_abstract_is_an_account() -> None:
    outline = build_outline(parse_bytes(ABSTRACT.encode(), "a.txt", "txt"))
    assert outline.kind == "report"
    assert "PBR" not in _families(ABSTRACT)


def test_a_discussion_paper_about_others_schemes_is_an_account() -> None:
    outline = build_outline(parse_bytes(PAPER.encode(), "p.txt", "txt"))
    assert outline.kind == "report"
    assert "PBR" not in _families(PAPER)

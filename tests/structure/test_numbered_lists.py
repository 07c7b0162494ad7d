"""A numbered list after a lead-in is a list, not the document's own clauses.

Guidance and specifications number short lists ("three tiers:", then "1.", "2.", "3.")
in documents whose clauses carry no numbers, or carry them on headings. Read as
clauses, the items lose their lead-in and whatever follows the list (a paragraph, a
table) is cited as part of clause 3. Contract clauses numbered "1.", "1.1", "2." after
"It is agreed as follows:" stay clauses.
"""

from __future__ import annotations

import pytest

from speclint.models import Block, Clause, Document, Location
from speclint.parsers import parse_bytes
from speclint.structure import build_outline

TIERS = """\
Service model

The eye care service will be organised in three tiers:

1. High street optometrists will find cases and refine referrals close to home.
2. Diagnostic hubs will run the tests and report results to the hospital team.
3. Hospital clinics will see those who need treatment or carry a high risk.

Setting | Challenges
Hospital clinic | Limited space for more clinics
Diagnostic hub | New staff to recruit and train

Staff in every tier will have protected time for supervision.
"""

LEAD = "The eye care service will be organised in three tiers:"


def _units(text: str, fmt: str) -> list[Clause]:
    return build_outline(parse_bytes(text.encode(), f"spec.{fmt}", fmt)).units


def _paragraphs(*texts: str) -> Document:
    """A document of plain paragraphs, as a PDF reader gives numbered lines."""
    blocks = tuple(
        Block(text=t, location=Location(path="spec.pdf", page=1, line=n))
        for n, t in enumerate(texts, start=1)
    )
    return Document(path="spec.pdf", format="pdf", blocks=blocks)


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_numbered_items_after_a_lead_in_are_read_with_it(fmt: str) -> None:
    units = _units(TIERS, fmt)
    items = [u for u in units if u.text.startswith(LEAD) and u.lead_in]
    assert len(items) == 3
    assert [u.text[u.lead_in :].split()[0] for u in items] == ["High", "Diagnostic", "Hospital"]
    assert [u.number for u in items] == ["1", "2", "3"]  # the numbers a reader sees


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_what_follows_a_numbered_list_is_not_in_its_last_item(fmt: str) -> None:
    units = _units(TIERS, fmt)
    rows = [u for u in units if u.kind == "table_cell"]
    assert rows and all(u.number is None for u in rows)
    last = units[-1]
    assert last.text.startswith("Staff in every tier") and last.number is None


def test_numbered_paragraphs_after_a_lead_in_are_a_list_in_a_pdf() -> None:
    document = _paragraphs(
        "A three-tier model is likely to be needed, based on risk:",
        "1. High street optometrists for case finding and low-risk monitoring",
        "2. Diagnostic hubs reporting on data collected in the community",
        "3. Hospital clinics reserved for those who need treatment.",
        "Every setting has challenges and benefits for an efficient service.",
    )
    units = build_outline(document).units
    items = [u for u in units if u.lead_in]
    assert len(items) == 3
    assert all(u.text.startswith("A three-tier model") for u in items)
    after = units[-1]
    assert after.text.startswith("Every setting") and after.number is None


def test_a_numbered_list_inside_a_clause_numbers_on_from_it() -> None:
    document = _paragraphs(
        "3.1 The Provider will report each quarter on:",
        "1. the number of people supported to stay at home;",
        "2. what people said about the support they received.",
        "3.2 Reports are discussed at the contract review meeting.",
    )
    units = build_outline(document).units
    assert [u.number for u in units] == ["3.1", "3.1.1", "3.1.2", "3.2"]
    assert all(u.text.startswith("The Provider will report") for u in units[1:3])


def test_clauses_numbered_after_as_follows_stay_clauses() -> None:
    document = _paragraphs(
        "It is agreed as follows:",
        "1. The Provider shall provide the Services from the Service Commencement Date.",
        "1.1 The Services are described in Schedule 2.",
        "2. The Commissioner shall pay the Provider monthly in arrears.",
        "2.1 Each invoice is due within 30 days.",
    )
    numbers = [u.number for u in build_outline(document).units]
    assert numbers[1:] == ["1", "1.1", "2", "2.1"]


def test_a_list_that_does_not_start_at_one_is_no_list_of_the_lead_in() -> None:
    document = _paragraphs(
        "The following clauses apply to every lot:",
        "4. The Provider shall keep records of every session.",
        "5. The Provider shall report each quarter.",
    )
    numbers = [u.number for u in build_outline(document).units]
    assert numbers[1:] == ["4", "5"]


def test_a_quoted_numbered_list_is_a_list_of_the_clause_it_is_in() -> None:
    document = _paragraphs(
        "1. Population needs",
        "The two Colleges name three principles for restoring the service:",
        "‘1. To balance the risk of harm from delay against the risk of infection;",
        "2. That people see a clinician who can make the decision they need;",
        "3. That every pathway has joint clinical governance.’",
        "The urgent care service showed that such pathways work.",
    )
    units = build_outline(document).units
    assert not {u.number for u in units} & {"2", "3"}
    (after,) = [u for u in units if "urgent care service" in u.text]
    assert after.number == "1"  # the paragraph after the quotation is clause 1's again

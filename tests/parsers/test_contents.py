"""A contents list is left out of what the rules read, in every format.

Each test parses a realistic draft through :func:`speclint.parsers.parse_bytes` (the
route every file takes) and checks which texts survive: the contents entries go, the
body they point at stays, clause numbers and all.
"""

from __future__ import annotations

import pytest
from helpers import load_generator

from speclint import check_text
from speclint.models import Document
from speclint.parsers import parse_bytes

mk = load_generator("docx")


def texts(doc: Document) -> list[str]:
    """Every block's text, in reading order."""
    return [block.text for block in doc.blocks]


def parsed(source: str, fmt: str = "txt") -> list[str]:
    """The block texts of ``source`` parsed as ``fmt``."""
    return texts(parse_bytes(source.encode(), f"spec.{fmt}", fmt))  # type: ignore[arg-type]


BODY = (
    "1. Introduction\n\n"
    "This specification describes the community falls service for older people.\n\n"
    "2. Payment\n\n"
    "The Provider will be paid a block sum each month, with a year-end reconciliation.\n"
)


def test_entries_with_page_numbers_under_a_heading_are_dropped() -> None:
    source = "Contents\n\n1. Introduction  3\n2. Payment  4\n\n" + BODY
    got = parsed(source)
    assert "1. Introduction  3" not in got and "2. Payment  4" not in got
    assert "Contents" not in got
    assert any(text.startswith("This specification describes") for text in got)
    assert "1. Introduction" in got and "2. Payment" in got  # the body's headings stay


def test_entries_without_page_numbers_end_where_the_first_heading_comes_again() -> None:
    source = "Table of contents\n\n1. Introduction\n2. Payment\n3. Quality requirements\n\n" + BODY
    got = parsed(source)
    assert got.count("1. Introduction") == 1  # the entry went, the heading stayed
    assert "3. Quality requirements" not in got
    assert any(text.startswith("The Provider will be paid a block sum") for text in got)


def test_a_contents_table_headed_page_is_dropped() -> None:
    source = (
        "SCHEDULE 2: SERVICE SPECIFICATION\n\nCONTENTS\n\n"
        "Section | Page\n1. Introduction | 3\n2. Short welfare visits of 15 minutes | 6\n\n" + BODY
    )
    got = parsed(source)
    assert not any("welfare visits" in text for text in got)
    assert not any(text in ("Section", "Page", "3", "6") for text in got)
    assert any(text.startswith("This specification describes") for text in got)


def test_an_inline_contents_paragraph_is_dropped() -> None:
    source = "Contents: Introduction; Scope; Local Incentive Scheme; Payment\n\n" + BODY
    got = parsed(source)
    assert not any("Local Incentive Scheme" in text for text in got)


def test_a_leader_line_is_dropped_anywhere() -> None:
    source = BODY + "\nAnnex A: Quality incentive scheme ........ 12\n"
    assert not any("incentive" in text for text in parsed(source))


def test_a_contents_list_that_runs_to_the_end_of_a_fragment_is_dropped() -> None:
    source = (
        "NHS Standard Contract Particulars\n\nCONTENTS\n"
        "SCHEDULE 3 – PAYMENT: A. Local Prices; B. Local Variations; E. CQUIN\n"
        "SCHEDULE 4 – QUALITY REQUIREMENTS: A. Operational Standards; D. Local Incentive Scheme\n"
    )
    got = parsed(source)
    assert not any("CQUIN" in text or "Incentive" in text for text in got)


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        # A heading called "Contents" over running text is not a list: nothing is lost.
        (
            "Contents\n\nThe contents of each care plan must be agreed with the person.\n",
            ["The contents of each care plan must be agreed with the person."],
        ),
        # Titles that never recur and carry no page numbers, then running text: kept.
        (
            "Contents\n\nPersonal care\nDomestic support\n\nThe Provider must offer both.\n",
            ["Personal care", "Domestic support", "The Provider must offer both."],
        ),
    ],
)
def test_near_misses_keep_their_text(source: str, kept: list[str]) -> None:
    text = " ".join(parsed(source))
    assert all(words in text for words in kept)


def test_a_table_of_weightings_is_not_a_contents_table() -> None:
    source = "Contents\n\nCriterion | Weighting\nPrice | 60%\nQuality | 40%\n"
    got = parsed(source)
    assert "Price" in got and "60%" in got


def test_markdown_contents_list_is_dropped() -> None:
    source = (
        "# Home care specification\n\n## Contents\n\n"
        "- [Introduction](#introduction)\n- [Visits](#visits)\n\n"
        "## Introduction\n\nThis specification covers home care for adults.\n\n"
        "## Visits\n\nVisits are planned with the person.\n"
    )
    got = parsed(source, "md")
    assert got.count("Introduction") == 1 and got.count("Visits") == 1
    assert "This specification covers home care for adults." in got


def test_findings_in_a_contents_list_are_gone_but_those_in_the_body_remain() -> None:
    source = (
        "CONTENTS\n\n"
        "4. Payment by results  9\n"
        "5. Guidance on short welfare visits (e.g. 15 minute calls)  11\n\n"
        "4. Payment by results\n\n"
        "20% of the contract value will be withheld unless the Provider meets each target.\n"
    )
    report = check_text(source, "txt", path="spec.txt")
    found = {(finding.code, finding.location.line) for finding in report.findings}
    assert found == {("PBR001", 8)}  # the contents entry on 15-minute calls is not OVR


def toc_styles() -> str:
    """The fixture styles plus Word's contents-entry styles, as Word names them."""
    extra = "".join(
        mk._pstyle(f"TOC{level}", f"toc {level}", "", "", '<w:basedOn w:val="Normal"/>')
        for level in (1, 2)
    )
    return mk.STYLES_XML.replace("</w:styles>", extra + "</w:styles>")


def test_word_contents_entries_are_not_emitted() -> None:
    body = (
        mk.para("Contents")
        + mk.para(mk.run("1. Introduction\t3"), style="TOC1")
        + mk.para(mk.run("1.1 Payment by results\t4"), style="TOC2")
        + mk.para("1. Introduction", style="Heading1")
        + mk.para("The service supports adults leaving hospital.")
    )
    doc = parse_bytes(mk.docx_bytes(body, styles=toc_styles()), "spec.docx", "docx")
    got = texts(doc)
    assert got == ["1. Introduction", "The service supports adults leaving hospital."]
    # Word paragraph numbers still count the entries, as Word does.
    assert doc.blocks[-1].location.paragraph == 5

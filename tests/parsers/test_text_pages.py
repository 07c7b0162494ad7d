"""Plain text exported page by page: running titles, page numbers and tables across pages.

A specification saved as text from a word processor or a PDF viewer keeps its page
furniture: a running title at the top of each page, "Page 2 of 5" at the foot, a form
feed between pages. None of it is the document's text: a sentence flows across it, and a
table that runs over a page keeps its header. Prose that happens to hold a pipe ("routine
| urgent") is still prose.
"""

from __future__ import annotations

from pathlib import Path

from speclint.parsers import parse_path
from speclint.parsers.text import parse_text
from speclint.structure import build_outline

PAGED = Path(__file__).resolve().parents[2] / "fixtures" / "text" / "paged-export.txt"

TITLE = "Community Falls Prevention Service - Specification 2025/26"

TABLE_OVER_A_PAGE = f"""\
{TITLE}

4. Payment

4.1 The Provider will be paid for each visit at the rates below.

Visit type | Rate | Notes
Initial assessment | £45 | within ten working days
Follow-up visit | £30 | up to six for each person

Page 1 of 2
\f{TITLE}

Review visit | £25 | twelve weeks after discharge
Telephone check | £10 | each month

4.2 Rates are fixed for the term of the contract.
"""


def _cells(text: str) -> list[str]:
    outline = build_outline(parse_text(text, "spec.txt"))
    return [u.text for u in outline.units if u.kind == "table_cell"]


def test_a_table_over_a_page_break_keeps_its_header() -> None:
    assert _cells(TABLE_OVER_A_PAGE) == [
        "Visit type: Initial assessment | Rate: £45 | Notes: within ten working days",
        "Visit type: Follow-up visit | Rate: £30 | Notes: up to six for each person",
        "Visit type: Review visit | Rate: £25 | Notes: twelve weeks after discharge",
        "Visit type: Telephone check | Rate: £10 | Notes: each month",
    ]
    document = parse_text(TABLE_OVER_A_PAGE, "spec.txt")
    tables = [b.location.table for b in document.blocks if b.location.table]
    rows = [(t.index, t.row) for t in tables]
    assert {index for index, _ in rows} == {1}
    assert sorted({row for _, row in rows}) == [1, 2, 3, 4, 5]


def test_a_header_repeated_on_the_next_page_is_not_a_row() -> None:
    text = TABLE_OVER_A_PAGE.replace(f"\f{TITLE}\n\n", f"\f{TITLE}\n\nVisit type | Rate | Notes\n")
    assert _cells(text) == _cells(TABLE_OVER_A_PAGE)


def test_the_running_title_is_left_out_and_the_sentence_flows_across_the_page() -> None:
    text = (
        f"{TITLE}\n\n"
        "3. Visits\n\n"
        "3.1 The Provider must keep every visit to 30 minutes so that the rota\n"
        "Page 1 of 2\n"
        f"{TITLE}\n"
        "holds, and no visit will be paid beyond that time.\n\n"
        "Page 2 of 2\n"
        f"{TITLE}\n"
    )
    document = parse_text(text, "spec.txt")
    texts = [b.text for b in document.blocks]
    assert texts[0] == TITLE  # the document's own title, before any page break, stays
    assert document.blocks[0].kind == "heading"
    assert (
        "3.1 The Provider must keep every visit to 30 minutes so that the rota\n"
        "holds, and no visit will be paid beyond that time."
    ) in texts
    assert texts.count(TITLE) == 1


def test_a_sentence_broken_by_a_page_with_blank_lines_round_the_footer_flows_on() -> None:
    text = (
        "2.3 The Provider will offer each person a review\n\n"
        "Falls Service Specification | Page 2 of 6\n"
        "\f\n"
        "within twelve weeks of their first visit.\n\n"
        "2.4 Reviews are recorded on the shared care record.\n\n"
        "Falls Service Specification | Page 3 of 6\n"
        "\f\n"
        "2.5 The Provider will attend the quarterly falls network.\n"
    )
    texts = [b.text for b in parse_text(text, "spec.txt").blocks]
    assert texts == [
        "2.3 The Provider will offer each person a review\n"
        "within twelve weeks of their first visit.",
        "2.4 Reviews are recorded on the shared care record.",
        "2.5 The Provider will attend the quarterly falls network.",
    ]


def test_a_heading_at_the_top_of_a_page_is_kept() -> None:
    text = (
        "5.1 The Provider will report monthly.\n\n"
        "Page 4 of 9\n"
        "\f\n"
        "6. Workforce\n\n"
        "6.1 Staff will have an hour of reflective supervision each month.\n"
    )
    kinds = [(b.kind, b.text) for b in parse_text(text, "spec.txt").blocks]
    assert ("heading", "6. Workforce") in kinds or ("paragraph", "6. Workforce") in kinds


def test_headings_repeated_in_each_entry_are_not_page_furniture() -> None:
    entry = (
        "Eligibility\n\n"
        "People on licence aged 18 or over.\n\n"
        "Outcomes\n\n"
        "Service users will be supported to stay in treatment.\n\n\n"
    )
    document = parse_text(entry * 3, "entries.txt")
    texts = [b.text for b in document.blocks]
    assert texts.count("Eligibility") == 3
    assert texts.count("Outcomes") == 3


def test_prose_wrapped_over_lines_with_pipes_stays_prose() -> None:
    text = (
        "1.2 Referrals come from GPs, A&E and the falls team; the triage nurse sets the\n"
        "route as routine | urgent within one working day and the\n"
        "visit is paid when the person | their carer confirms it took place.\n"
    )
    document = parse_text(text, "spec.txt")
    assert [b.kind for b in document.blocks] == ["paragraph"]


def test_the_paged_fixture_reads_as_one_document() -> None:
    document = parse_path(PAGED)
    texts = [b.text for b in document.blocks]
    assert not any(t.startswith("Page ") for t in texts)
    title = texts[0]
    assert texts.count(title) == 1
    tables = {b.location.table.index for b in document.blocks if b.location.table}
    assert len(tables) == 1
    assert all(title not in t for t in texts[1:])


def test_a_long_run_of_page_breaks_is_read_in_linear_time() -> None:
    """Each page break looks for the text around it; a run of breaks must not each walk it.

    A text export of a scanned document is little but form feeds and page numbers. From
    4x to 16x the breaks, the time may grow at most 10x (linear is 4x, quadratic 16x).
    """
    from helpers import best_of

    def read(breaks: int) -> object:
        pages = "".join(f"\f\nPage {n} of {breaks}\n\n" for n in range(1, breaks + 1))
        return parse_text(f"{TITLE}\n\n{pages}4.1 The Provider shall keep records.\n", "x.txt")

    read(100)
    growth = float("inf")
    for _ in range(3):
        small = best_of(lambda: read(250), repeats=3)
        large = best_of(lambda: read(1000), repeats=3)
        growth = min(growth, large / max(small, 1e-4))
        if growth < 10:
            break
    assert growth < 10, f"4x more page breaks took {growth:.1f}x longer"

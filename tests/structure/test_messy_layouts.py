"""Messy real-world layouts read unit by unit as a reader sees them.

The fixtures (``fixtures/structure/make_messy.py``) are one Schedule 2 service
specification drafted in Word with automatic numbering, the same file printed to PDF by
LibreOffice (running header and footer, a footnote, a two-column page, a landscape table
whose two header rows repeat on the next page, hyphenated line ends), a plain-text
export of another specification with form feeds and running lines, and Markdown with
an HTML table. Each test checks what a reader would cite: the clause number, the text
of the unit, and where it is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from speclint.models import Unit
from speclint.parsers import parse_path
from speclint.parsers.markdown import parse_markdown
from speclint.parsers.text import parse_text
from speclint.structure import build_outline

HERE = Path(__file__).resolve().parents[2] / "fixtures" / "structure"


@cache
def _units(name: str) -> tuple[Unit, ...]:
    return tuple(build_outline(parse_path(str(HERE / name))).units)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _by_number(name: str) -> dict[str, Unit]:
    return {u.number: u for u in _units(name) if u.number and u.kind != "table_cell"}


def _rows(name: str) -> list[Unit]:
    return [u for u in _units(name) if u.kind == "table_cell"]


# --- Word ----------------------------------------------------------------------------


def test_word_numbering_gives_the_numbers_printed_and_restarts_in_part_b() -> None:
    numbers = [u.number for u in _units("wellbeing-schedule2.docx") if u.kind != "table_cell"]
    assert numbers[:9] == [
        "Schedule 2 Part A",
        "Schedule 2 Part A 1.1",
        "Schedule 2 Part A 1.2",
        "Schedule 2 Part A 1.2(a)",
        "Schedule 2 Part A 1.2(b)",
        "Schedule 2 Part A 1.2(b)(i)",
        "Schedule 2 Part A 1.2(b)(ii)",
        "Schedule 2 Part A 1.2(c)",
        "Schedule 2 Part A 1.3",
    ]
    # "Schedule 2 – Part B: …" restarts the numbering under Part B.
    part_b = [n for n in numbers if n and "Part B" in n]
    activity = _by_number("wellbeing-schedule2.docx")["Schedule 2 Part B 1.1"]
    assert activity.heading_path == (
        "Schedule 2 – The Services",
        "Schedule 2 – Part B: Activity and Reporting",
        "1. Activity",
    )
    assert part_b[:4] == [
        "Schedule 2 Part B 1.1",
        "Schedule 2 Part B 1.2",
        "Schedule 2 Part B 2.1",
        "Schedule 2 Part B 2.2",
    ]


def test_word_tracked_changes_read_as_accepted_and_the_footnote_stands_apart() -> None:
    units = _by_number("wellbeing-schedule2.docx")
    scope = units["Schedule 2 Part A 2.1"].text
    assert "registered with a practice in the area" in scope
    assert "who live in the area" not in scope
    assert "working days and the person" in units["Schedule 2 Part A 1.3"].text
    notes = [u for u in _units("wellbeing-schedule2.docx") if u.kind == "footnote"]
    assert [u.text for u in notes] == [
        "Working days are Monday to Friday, excluding bank holidays in England."
    ]


def test_word_soft_hyphens_leave_whole_words() -> None:
    text = _by_number("wellbeing-schedule2.docx")["Schedule 2 Part A 3.1"].text
    assert "neighbourhood teams and the voluntary sector infrastructure body." in text


def test_word_header_rows_repeated_on_each_page_name_the_columns_together() -> None:
    rows = _rows("wellbeing-schedule2.docx")
    first = next(u for u in rows if u.text.startswith("Ref: QR01"))
    assert "Threshold – Green: 95% | Threshold – Amber: 90%" in first.text
    # The second header row ("Green", "Amber") is no row of data.
    assert not any("Green" in u.text and "QR" not in u.text for u in rows)


def test_word_group_rows_merged_across_head_the_rows_under_them() -> None:
    rows = {u.text.split(" | ")[0]: u for u in _rows("wellbeing-schedule2.docx")}
    assert rows["Ref: QR01"].heading_path[-1] == "Access"
    assert rows["Ref: QR06"].heading_path[-1] == "Experience and outcomes"
    assert rows["Experience and outcomes"].heading_path[-1] == "5. Quality requirements"


def test_a_checklist_whose_answers_are_blank_is_data_not_groups() -> None:
    rows = [u for u in _rows("wellbeing-schedule2.docx") if u.text.startswith("Document:")]
    assert [u.text for u in rows] == [
        "Document: Safeguarding adults and children policy",
        "Document: Lone working policy",
        "Document: Business continuity plan",
        "Document: Data protection impact assessment",
    ]
    assert {u.heading_path[-1] for u in rows} == {"2. Reporting"}
    assert {u.number for u in rows} == {"Schedule 2 Part B 2.2"}


# --- the PDF printed from it ---------------------------------------------------------


def test_the_printed_pdf_reads_unit_for_unit_as_the_word_file() -> None:
    word = [(u.number, _words(u.text)) for u in _units("wellbeing-schedule2.docx")]
    pdf = [(u.number, _words(u.text)) for u in _units("wellbeing-schedule2.pdf")]
    assert pdf == word


def test_pdf_page_furniture_stays_out_of_every_unit() -> None:
    for unit in _units("wellbeing-schedule2.pdf"):
        assert "Page" not in unit.text and "draft v0.7" not in unit.text, unit.text
        assert "OFFICIAL" not in unit.text, unit.text


def test_pdf_clause_runs_on_across_the_page_and_its_footnote() -> None:
    units = _by_number("wellbeing-schedule2.pdf")
    model = units["Schedule 2 Part A 3.1"]
    assert len(model.text.split()) == 86
    assert model.text.endswith("neighbourhood teams and the voluntary sector infrastructure body.")
    assert units["Schedule 2 Part A 3.2"].text.startswith("Link workers will meet")
    outline = build_outline(parse_path(str(HERE / "wellbeing-schedule2.pdf")))
    start = outline.locate(model, 0, 5)
    assert (start.page, start.line) == (1, 32)
    end = outline.locate(model, len(model.text) - 5, len(model.text))
    assert end.page == 2
    note = next(u for u in _units("wellbeing-schedule2.pdf") if u.kind == "footnote")
    assert note.text == "Working days are Monday to Friday, excluding bank holidays in England."


def test_pdf_note_reference_and_a_number_touching_its_text() -> None:
    units = _by_number("wellbeing-schedule2.pdf")
    assert "within two working days and the person" in " ".join(
        units["Schedule 2 Part A 1.3"].text.split()
    )
    assert units["Schedule 2 Part A 2.2.1"].text.startswith("crisis mental health support")


def test_pdf_two_columns_on_staggered_baselines_read_column_by_column() -> None:
    units = _by_number("wellbeing-schedule2.pdf")
    assert units["Schedule 2 Part A 4.1"].text.split()[:8] == (
        "In the north locality the hub will share".split()
    )
    volunteers = units["Schedule 2 Part A 4.4"]
    assert _words(volunteers.text).endswith("a named supervisor and a review every six months")
    assert len(volunteers.text.split()) == 69  # from the foot of one column to the next


def test_pdf_landscape_table_keeps_its_two_header_rows_and_groups_across_pages() -> None:
    rows = _rows("wellbeing-schedule2.pdf")
    assert not any(u.text.startswith("Threshold") for u in rows)  # no header row as data
    by_ref = {u.text.split(" | ")[0]: u for u in rows}
    qr06 = by_ref["Ref: QR06"]
    assert "Threshold – Green: 70% | Threshold – Amber: 60%" in " ".join(qr06.text.split())
    assert qr06.heading_path[-1] == "Experience and outcomes"
    outline = build_outline(parse_path(str(HERE / "wellbeing-schedule2.pdf")))
    where = outline.locate(qr06, 0, 3)
    assert where.page == 5 and where.table is not None
    # Row 10 of table 1, as in the Word file: the header rows repeated on page 5 and a
    # ruled row with no text are not counted.
    assert (where.table.index, where.table.row) == (1, 10)
    word = build_outline(parse_path(str(HERE / "wellbeing-schedule2.docx")))
    in_word = next(u for u in word.units if u.text.startswith("Ref: QR06"))
    located = word.locate(in_word, 0, 3).table
    assert located is not None and (located.index, located.row) == (1, 10)


# --- plain text exported from a PDF --------------------------------------------------


def test_text_export_keeps_short_real_lines_by_page_breaks() -> None:
    units = _by_number("carers-export.txt")
    # The wrapped tail "ten working days." stands by two page breaks: it is text.
    assert units["2.1"].text.endswith("will be held within\nten working days.")
    assert units["4.3.2"].text.endswith("to be held within\nten working days.")
    # So is the sub-title "Key requirements", which runs into the clause under it.
    assert units["2.2"].heading_path[-2:] == ("2. Service requirements", "Key requirements")
    assert units["3.1"].heading_path[-1] == "3. Breaks and short-term support"


def test_text_export_words_hyphenated_at_line_ends_are_whole() -> None:
    text = _by_number("carers-export.txt")["4.1"].text
    assert "a named contact and a well-being check" in text
    assert text.endswith("repeated each year by appointment.")


def test_text_export_drops_its_running_lines_and_flows_across_pages() -> None:
    units = _units("carers-export.txt")
    for unit in units:
        assert "Page" not in unit.text and "WC-0419" not in unit.text, unit.text
        assert "Westmere Council  -" not in unit.text
    plan = _by_number("carers-export.txt")["3.2"]
    assert "at least once a year and whenever\nthe carer tells the Provider" in plan.text
    report = _by_number("carers-export.txt")
    assert report["5.1(b)"].lead_in > 0 and report["5.1(b)"].text.startswith(
        "The Provider will send the Council a quarterly report setting out:"
    )
    outline = build_outline(parse_path(str(HERE / "carers-export.txt")))
    where = outline.locate(report["4.3.2"], 0, 3)
    assert (where.line, where.column) == (62, 7)


def test_a_short_line_by_every_page_break_is_still_a_running_line() -> None:
    page = "Home Support Specification\n\n{body}\n\nPage {n} of 3\n"
    bodies = ["1.1 The Provider will visit.", "1.2 Visits are booked.", "1.3 Visits are paid."]
    text = "\f".join(page.format(body=b, n=n) for n, b in enumerate(bodies, start=1))
    texts = [b.text for b in parse_text(text, "spec.txt").blocks]
    assert texts.count("Home Support Specification") == 1
    assert texts[1:] == bodies


def test_a_sub_title_by_some_page_breaks_that_runs_into_its_clause_is_kept() -> None:
    pages = [
        "1. Visits\n\n1.1 The Provider will visit each week.\n",
        "Safety checks\n1.2 Each visit starts with a check of the home.\n",
        "2. Reviews\n\n2.1 Reviews are held each year.\n",
        "Safety checks\n2.2 Each review looks at falls in the year.\n",
        "3. Payment\n\n3.1 Payment is monthly.\n",
    ]
    text = "\f".join(f"{body}\nPage {n} of 5\n" for n, body in enumerate(pages, start=1))
    texts = [b.text for b in parse_text(text, "spec.txt").blocks]
    assert texts.count("Safety checks") == 2


# --- Markdown with an HTML table -----------------------------------------------------


def test_markdown_html_table_rows_carry_their_header_and_place() -> None:
    rows = _rows("advocacy-spec.md")
    care_act = next(u for u in rows if "Care Act advocacy" in u.text)
    assert care_act.text == (
        "Type of advocacy: Care Act advocacy | First contact: 5 working days | "
        "Notes: From the date the Council asks"
    )
    assert care_act.number == "2.1"
    outline = build_outline(parse_path(str(HERE / "advocacy-spec.md")))
    where = outline.locate(care_act, care_act.text.index("Care Act"), len(care_act.text))
    assert (where.line, where.column) == (35, 5)
    community = next(u for u in rows if "Community advocacy" in u.text)
    assert community.heading_path[-1] == "Non-statutory advocacy"


def test_markdown_nested_list_items_keep_their_lead_in() -> None:
    items = [u for u in _units("advocacy-spec.md") if u.kind == "list_item"]
    imca = next(u for u in items if "independent mental capacity advocacy;" in u.text)
    assert imca.number == "1.2" and imca.lead_in > 0
    assert imca.text.startswith("statutory advocacy, namely:")


def test_markdown_html_table_with_two_header_rows_and_blank_answers() -> None:
    source = (
        "## 4. Documents\n\n"
        "<table>\n<thead>\n"
        '<tr><th rowspan="2">Document</th><th colspan="2">Submitted</th></tr>\n'
        "<tr><th>Date</th><th>Version</th></tr>\n"
        "</thead>\n<tbody>\n"
        "<tr><td>Safeguarding policy</td><td></td><td></td></tr>\n"
        "<tr><td>Complaints policy</td><td></td><td></td></tr>\n"
        "</tbody>\n</table>\n"
    )
    units = build_outline(parse_markdown(source, "docs.md")).units
    rows = [u for u in units if u.kind == "table_cell"]
    assert [u.text for u in rows] == [
        "Document: Safeguarding policy",
        "Document: Complaints policy",
    ]
    assert {u.heading_path[-1] for u in rows} == {"4. Documents"}


def test_markdown_html_table_with_blank_lines_in_its_cells_is_read_whole() -> None:
    source = (
        "## 2. Times\n\n<table>\n<tr><th>Type</th><th>First contact</th></tr>\n"
        "<tr>\n<td>\n\nCare Act advocacy\n\n</td>\n<td>5 working days</td>\n</tr>\n"
        "</table>\n\n2.2 After the table.\n"
    )
    outline = build_outline(parse_markdown(source, "times.md"))
    texts = [(u.number, u.text) for u in outline.units]
    assert texts == [
        ("2", "Type: Care Act advocacy | First contact: 5 working days"),
        ("2.2", "After the table."),
    ]
    where = outline.locate(outline.units[0], 6, 14)
    assert (where.line, where.column) == (8, 1)


def test_markdown_html_table_with_odd_spans_is_read_not_a_crash() -> None:
    # "²" is a digit to str.isdigit(); no span a converter writes makes a file unreadable.
    for span in ("²", "٣", " 2 ", "0", "-1", "", "two"):
        source = (
            "## 3. Reviews\n\n<table>\n"
            f'<tr><th colspan="{span}">Review</th><th rowspan="{span}">When</th></tr>\n'
            "<tr><td>Care plan review</td><td>Every 6 weeks</td></tr>\n</table>\n"
        )
        units = build_outline(parse_markdown(source, "reviews.md")).units
        assert any("Care plan review" in u.text for u in units), span

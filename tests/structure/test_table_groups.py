"""A row that names a group of rows ("Outcome measures", "Process measures") heads them.

Metrics tables often part their rows with a row of one cell across the table: the
rows under "Quantitative outcome measures" are offered as outcomes, those under
"Process measures" as activity to monitor. Each row below such a row carries it as the
last heading of its section path, so that a reader (and a rule's frame) knows which
group a metric is in; the group ends at the next group row or with the table.
"""

from __future__ import annotations

from speclint.models import Block, Clause, Document, Location, TableRef
from speclint.parsers import parse_bytes
from speclint.structure import build_outline

METRICS = """\
## Annex B: Measures of performance

| Metric | Monthly | Quarterly |
|---|---|---|
| Outcome measures | | |
| People who say they feel safer at home | x | |
| Process measures | | |
| Number of referrals received | x | x |
| Number of home visits made | x | |

The Provider will send the return by the tenth working day.
"""


def _rows(units: list[Clause]) -> dict[str, tuple[str, ...]]:
    return {u.text.split(" | ")[0]: u.heading_path for u in units if u.kind == "table_cell"}


def test_rows_under_a_group_row_carry_it_in_their_section() -> None:
    units = build_outline(parse_bytes(METRICS.encode(), "annex.md", "md")).units
    rows = _rows(units)
    annex = "Annex B: Measures of performance"
    assert rows["Metric: People who say they feel safer at home"] == (annex, "Outcome measures")
    assert rows["Metric: Number of referrals received"] == (annex, "Process measures")
    assert rows["Metric: Number of home visits made"] == (annex, "Process measures")
    assert rows["Metric: Outcome measures"] == (annex,)  # the group row itself
    assert rows["Metric: Process measures"] == (annex,)  # not under the group before it
    after = units[-1]
    assert after.text.startswith("The Provider will send") and after.heading_path == (annex,)


def _cell(text: str, row: int, column: int, header: tuple[str, ...] | None) -> Block:
    return Block(
        text=text,
        kind="table_cell",
        location=Location(
            path="m.pdf", page=1, line=row, table=TableRef(index=1, row=row, column=column)
        ),
        header=header,
    )


def test_a_pdf_row_across_the_table_heads_the_rows_below() -> None:
    header = ("Metric", "Pathways", "Remote")
    blocks = (
        Block(text="Annex 2: Key metrics", kind="heading", heading_level=1),
        _cell("Metric", 1, 1, None),
        _cell("Pathways", 1, 2, None),
        _cell("Remote", 1, 3, None),
        _cell("Quantitative process measures", 2, 1, None),  # across every column
        _cell("Numbers of referrals", 3, 1, header),
        _cell("✓", 3, 2, header),
        _cell("✓", 3, 3, header),
    )
    units = build_outline(Document(path="m.pdf", format="pdf", blocks=blocks)).units
    assert _rows(units)["Metric: Numbers of referrals"][-1] == "Quantitative process measures"


def test_a_one_column_table_has_no_group_rows() -> None:
    text = "| Principle |\n|---|\n| Care closer to home |\n| Fewer handovers |\n"
    units = build_outline(parse_bytes(text.encode(), "p.md", "md")).units
    assert all(u.heading_path == () for u in units)


def test_a_row_with_a_figure_is_no_group_row() -> None:
    text = (
        "| Service | Price | Notes |\n|---|---|---|\n"
        "| Home visit £30 | | |\n| Telephone review | £12 | within a week |\n"
    )
    units = build_outline(parse_bytes(text.encode(), "p.md", "md")).units
    assert all(u.heading_path == () for u in units)


def _word_metrics(*, merged: bool) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Annex B: Measures of performance", style="Heading 1")
    table = document.add_table(rows=5, cols=3)
    for column, title in enumerate(("Metric", "Monthly", "Quarterly")):
        table.cell(0, column).text = title
    for row, group in ((1, "Outcome measures"), (3, "Process measures")):
        cell = table.cell(row, 0).merge(table.cell(row, 2)) if merged else table.cell(row, 0)
        cell.text = group
    table.cell(2, 0).text = "People who say they feel safer at home"
    table.cell(2, 1).text = "x"
    table.cell(4, 0).text = "Number of home visits made"
    table.cell(4, 2).text = "x"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_group_row_merged_across_or_with_empty_cells_heads_the_rows_below() -> None:
    """Word gives no block for an empty cell, nor a second for a merged one."""
    annex = "Annex B: Measures of performance"
    for merged in (True, False):
        document = parse_bytes(_word_metrics(merged=merged), "annex.docx", "docx")
        rows = _rows(build_outline(document).units)
        assert rows["Metric: People who say they feel safer at home"] == (annex, "Outcome measures")
        assert rows["Metric: Number of home visits made"] == (annex, "Process measures")
        # A cell merged across the table stands under no one column's header.
        group = "Process measures" if merged else "Metric: Process measures"
        assert rows[group] == (annex,)

"""Tables laid out as label | value pairs, which have no header row.

The header box of an NHS service specification ("Service Specification No. |
11/COM/0412", "Service | Community Heart Failure Nursing", "Period | 1 April 2027 to
31 March 2028") and a tender's key facts are tables of two columns whose first column
names each row. A format that reads the first row as the header (a Markdown pipe
table must; Word and PDF parsers do when the row looks like one) then prefixes every
row with "Service Specification No.:", which is no column's name. Such a table is read
here with no header: each row says "Label | value", and its first row is a row like
the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from speclint.models import Block

#: Most words a row label has ("Date of Review", "Commissioner Lead", "Contract Term").
_LABEL_WORDS = 6
#: A label that asks for a value: "Service Specification No.", "Reference:", "Contract ref".
_ASKS_VALUE = re.compile(r"(?:\bno\.?|\bnumber|\bref(?:erence)?\.?|:)$", re.IGNORECASE)
#: A cell that is a value rather than a column's name: one that opens with a figure or a
#: sum ("11/COM/0412", "£1.2m", "1 April 2027"), or a code or e-mail address as a whole.
_VALUE_MARK = re.compile(r"^(?:[0-9£$€]|[A-Z]{1,6}[-/]?\d[\w/.-]*$|\S+@\S+$)")


def _cell(text: str) -> str:
    return " ".join(text.split())


def _is_label(text: str) -> bool:
    """True for a short row name: "Period", "Provider Lead", "Service Specification No."."""
    words = text.split()
    if not 0 < len(words) <= _LABEL_WORDS or not text[0].isupper():
        return False
    body = text[:-1] if text.endswith((":", ".")) else text
    return not any(mark in body for mark in ".;!?")


def _is_value(label: str, value: str) -> bool:
    """True when the first row's second cell reads as a value, not a column's name."""
    return bool(
        _ASKS_VALUE.search(label)
        or _VALUE_MARK.search(value)
        or len(value.split()) > _LABEL_WORDS
        or value.endswith(".")
    )


def key_value_tables(blocks: Sequence[Block]) -> frozenset[int]:
    """The indices of the tables in ``blocks`` laid out as label | value pairs.

    Such a table has two columns and at least three rows; every cell of its first
    column is a short label, and its first row's second cell reads as a value (a
    figure, a code, a date, a sentence) or its first label asks for one ("No.",
    "Reference", a closing colon). A two-column table of indicators and targets, whose
    first row names its columns ("Indicator | Target"), is not one.
    """
    rows: dict[int, dict[int, dict[int, str]]] = {}
    for block in blocks:
        ref = block.location.table
        if ref is None or block.kind != "table_cell":
            continue
        rows.setdefault(ref.index, {}).setdefault(ref.row, {})[ref.column] = _cell(block.text)
    found = set()
    for index, table in rows.items():
        if len(table) < 3 or any(set(cells) - {1, 2} for cells in table.values()):
            continue
        if not all(_is_label(cells.get(1, "")) for cells in table.values()):
            continue
        first = table[min(table)]
        if _is_value(first.get(1, ""), first.get(2, "")):
            found.add(index)
    return frozenset(found)


def without_headers(blocks: Sequence[Block], tables: frozenset[int]) -> list[Block]:
    """``blocks`` with the cells of ``tables`` carrying no column header."""
    return [
        block.model_copy(update={"header": None})
        if block.location.table is not None
        and block.location.table.index in tables
        and block.header is not None
        else block
        for block in blocks
    ]

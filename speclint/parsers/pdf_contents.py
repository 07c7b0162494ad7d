"""Find a PDF's contents list, so that its entries are neither headings nor clauses.

A contents entry such as "3.2 Scope of the service ........ 7" starts with a clause
number and is often set in bold, so read as text it would open clause 3.2 (or become a
heading) a second time. The rows of a contents list are marked with the role
``"contents"``: they keep their printed line numbers but are not emitted as blocks.

A contents list is either

* the rows from a "Contents" or "Table of contents" heading down to the last row on
  that page (and on following pages, while they still start with entries) that ends in
  a page number, wrapped entries included; or
* any row that ends in a dot leader and a page number ("Summary ....... 2"), with the
  wrapped first half of an entry just above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

CONTENTS_HEADING = re.compile(r"^(?:table\s+of\s+)?contents(?:\s+page)?:?$", re.IGNORECASE)

#: A dot (or underscore, or ellipsis) leader followed by a page number at the row end.
LEADER = re.compile(r"(?:(?:\.\s?){4,}|…{2,}|_{4,}|(?:·\s?){4,})\s*[0-9ivxlc]{1,5}$", re.IGNORECASE)

# LEADER read backwards from the row's end, anchored there: searched for forwards, it
# would rescan a long run of dots from every dot (quadratic in the run's length).
_PAGE_TAIL = re.compile(r"[0-9ivxlc]{1,5}", re.IGNORECASE)
_LEADER_BACKWARDS = re.compile(r"(?:\s?\.){4,}|…{2,}|_{4,}|(?:\s?·){4,}")


def ends_in_leader(text: str) -> bool:
    """True when ``text`` ends in a leader and a page number (``LEADER.search(text)``)."""
    for size in range(1, 6):
        if len(text) < size or not _PAGE_TAIL.fullmatch(text, len(text) - size):
            break
        before = text[: len(text) - size].rstrip()
        if _LEADER_BACKWARDS.match(before[:-9:-1]):  # four leader marks are enough
            return True
    return False


#: A row that ends in a page number after a gap (a contents entry without a leader).
_ENDS_IN_NUMBER = re.compile(r"\s(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))$")


class _Row(Protocol):
    text: str
    role: str
    cy: float
    size: float


class _Page(Protocol):
    @property
    def rows(self) -> Sequence[_Row]: ...


def mark_contents(pages: Sequence[_Page]) -> None:
    """Give the rows of every contents list the role ``"contents"``."""
    carrying = False  # the previous page's contents list ran to its last entry
    for page in pages:
        body = [row for row in page.rows if row.role == "body"]
        carrying = _mark_page(body, carrying)


def _mark_page(body: Sequence[_Row], carrying: bool) -> bool:
    start: int | None = None
    for i, row in enumerate(body):
        if CONTENTS_HEADING.match(row.text.strip()):
            start = i
            break
    if start is None and carrying and body and _is_entry(body[0]):
        start = 0
    still_carrying = False
    if start is not None:
        ends: list[int] = []
        for j in range(start, len(body)):
            row = body[j]
            if CONTENTS_HEADING.match(row.text.strip()):
                continue
            if _is_entry(row):
                ends.append(j)
            elif (
                row.text.rstrip().endswith((".", ":", ";")) or j - (ends[-1] if ends else start) > 2
            ):
                break  # running text again: the list has ended
        if len(ends) >= 2 or (start == 0 and carrying and ends):
            last = ends[-1]
            for row in body[start : last + 1]:
                row.role = "contents"
            still_carrying = last >= len(body) - 1
    for i, row in enumerate(body):
        if row.role == "body" and ends_in_leader(row.text.rstrip()):
            row.role = "contents"
            above = body[i - 1] if i else None
            if (
                above is not None
                and above.role == "body"
                and not above.text.rstrip().endswith((".", ":", ";"))
                and 0 < row.cy - above.cy <= 1.6 * max(row.size, above.size)
            ):
                above.role = "contents"  # the first half of a wrapped entry
    return still_carrying


def _is_entry(row: _Row) -> bool:
    text = row.text.rstrip()
    return ends_in_leader(text) or bool(_ENDS_IN_NUMBER.search(text))

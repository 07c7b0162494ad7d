"""The cells of HTML tables in Markdown, read with :mod:`html.parser`.

Kept apart from :mod:`speclint.parsers.markdown` so that the HTML parser is imported only
when a document holds an HTML table, not at every start.
"""

from __future__ import annotations

from html.parser import HTMLParser


class HtmlCells(HTMLParser):
    """The rows of the HTML tables in a block: each cell's text, where it starts, its span.

    ``rows`` holds, for each ``<tr>``, whether it is a header row (in ``<thead>`` or all
    ``<th>``) and its cells as (text, anchors, first column, colspan), the column counted
    past the cells that rows above hold down (``rowspan``); an anchor is (offset in the
    text, line, column), both 1-based within the block.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[bool, list[tuple[str, list[tuple[int, int, int]], int, int]]]] = []
        self._head = False
        self._headers = 0  # the <th> cells of the open row
        self._cell: tuple[list[str], list[tuple[int, int, int]], int, int] | None = None
        self._held: dict[int, int] = {}  # column -> rows still held by a rowspan above
        self._column = 1  # the next free column of the open row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a header block, a row or a cell; a line break inside a cell is a space."""
        if tag == "thead":
            self._head = True
        elif tag == "tr":
            self._end_cell()
            if self.rows:
                self._held = {c: n - 1 for c, n in self._held.items() if n > 1}
            self.rows.append((self._head, []))
            self._headers = 0
            self._column = 1
        elif tag in ("td", "th") and self.rows:
            self._end_cell()
            values = dict(attrs)
            self._headers += tag == "th"
            self._cell = ([], [], _span(values.get("colspan")), _span(values.get("rowspan")))
        elif tag in ("br", "p", "li") and self._cell is not None:
            self._cell[0].append(" ")

    def handle_endtag(self, tag: str) -> None:
        """Close a header block, a cell or a row (a row of ``<th>`` cells is a header)."""
        if tag == "thead":
            self._head = False
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr" and self.rows:
            self._end_cell()
            cells = self.rows[-1][1]
            if self._headers and self._headers == len(cells):
                self.rows[-1] = (True, cells)

    def handle_data(self, data: str) -> None:
        """Add text to the open cell, with where it starts."""
        if self._cell is None or not data.strip():
            return
        parts, anchors, _, _ = self._cell
        line, column = self.getpos()
        lead = data[: len(data) - len(data.lstrip())]
        if "\n" in lead:
            line += lead.count("\n")
            column = len(lead) - lead.rindex("\n") - 1
        else:
            column += len(lead)
        offset = len(" ".join("".join(parts).split()))
        anchors.append((offset + (1 if offset else 0), line, column + 1))
        parts.append(" " + data.strip())

    def _end_cell(self) -> None:
        if self._cell is not None and self.rows:
            parts, anchors, span, down = self._cell
            while self._column in self._held:
                self._column += 1
            column = self._column
            text = " ".join("".join(parts).split())
            self.rows[-1][1].append((text, anchors, column, span))
            if down > 1:
                for at in range(column, column + span):
                    self._held[at] = down
            self._column += span
        self._cell = None


def _span(value: str | None) -> int:
    """A ``colspan`` or ``rowspan`` value; 1 when it is missing or not a sensible number."""
    # Only ASCII digits: "²" is a digit to str.isdigit() but no number to int().
    value = value.strip() if value is not None else ""
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) < 100 else 1

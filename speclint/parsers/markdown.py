r"""Markdown specifications, read with markdown-it-py.

Block text is taken from the source lines themselves (not the rendered text), so
every character keeps its line and column. Inline markup that carries no words
(``**``, ``_``, backticks, a link's ``(target)``, ``<br>``, and the unpaired ``**``
that PDF-to-Markdown converters leave behind) is blanked with spaces rather than
removed, which keeps columns exact. A backslash escape (``\(``, ``1\.``) loses its
backslash, and the block gets an anchor at the escaped character so that columns stay
exact; a hard line break's trailing backslash is blanked. HTML
comments holding ``speclint:`` directives (or text starting ``speclint:`` that is not
a well-formed directive, reported as such) attach to the block that follows them.

An ordered list item carries the number Markdown renders (the list's start plus the
item's index: ``1.`` ``1.`` ``1.`` are 1, 2, 3) as its ``label``, and its text starts
after the typed marker. A paragraph is split where a line opens a clause (``4.2 The
Provider…``, ``**3. Payment**``), as in plain text, so that a clause typed without a
blank line before it is not read as part of the one above. An ordered list of one item
whose text is a title (``1. Scope`` with the section's paragraphs below it) is a
numbered heading, not a list. An HTML table (``<table>`` in a block of HTML, as Word
converters write tables with merged cells) is read as a pipe table is: one block per
cell, at the line and column of its text, with its column's header.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from speclint.models import (
    Anchor,
    Block,
    BlockKind,
    Document,
    Location,
    TableRef,
    unvalidated_anchor,
    unvalidated_block,
    unvalidated_cell,
    unvalidated_document,
    unvalidated_location,
)
from speclint.parsers.directives import DirectiveCollector, comment_directive
from speclint.parsers.text import pipe_table
from speclint.parsers.textio import decode, split_lines
from speclint.structure.labels import looks_like_title, parse_heading

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


#: One pass over a line: a backslash escape (kept without its backslash), or markup
#: that carries no words (blanked): a hard line break's backslash, a link target,
#: ``**``/``_`` at a word's edge, a run of ``*``/``_`` standing alone (an unpaired
#: ``**``), backticks, ``<br>``. Comments are blanked first (:func:`comment_spans`).
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])|\\$|"
    r"(?i:<br\s*/?>)|"
    r"\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)|(?<![\w*\\])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])|"
    r"(?:(?<=\s)|^)[*_]{2,}(?=\s|$)|`+"
)
#: A character one of :data:`_INLINE`'s matches or a comment must hold; most lines have none.
_MARKUP_CHAR = re.compile(r"[\\<\]*_`]")
_BULLET = re.compile(r"^[ \t]*(?:[-*+][ \t]+)")
_ORDERED = re.compile(r"^[ \t]*[0-9]{1,9}[.)](?:[ \t]+|$)")
#: A line that is one bold or italic phrase ("**2. Payment**").
_EMPHASISED = re.compile(r"^[ \t]*(\*\*|__|\*|_)(?=\S).*\S\1[ \t]*$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
#: An HTML table in a block of HTML (Markdown converted from Word writes merged cells so).
_HTML_TABLE = re.compile(r"(?i)<table[\s>]")
_HTML_TABLE_END = re.compile(r"(?i)</table\s*>")
#: A code span ("`grep x | sort`"); one holding a ``|`` makes its line prose, not a row.
_CODE_SPAN = re.compile(r"`[^`]*`")


def comment_spans(text: str, *, across_lines: bool = False) -> list[tuple[int, int]]:
    """Where each ``<!-- … -->`` comment of ``text`` starts and ends, in linear time.

    A pattern such as ``<!--.*?-->`` rescans the rest of the text for every opening
    that is never closed (quadratic); here each stretch of text is looked at once.
    Without ``across_lines`` a comment must open and close on one line.
    """
    spans: list[tuple[int, int]] = []
    at = 0
    close = -1
    while True:
        start = text.find("<!--", at)
        if start < 0:
            return spans
        if close < start + 4:
            close = text.find("-->", start + 4)
            if close < 0:
                return spans
        if not across_lines:
            newline = text.find("\n", start, close)
            if newline >= 0:
                at = newline + 1
                continue
        spans.append((start, close + 3))
        at = close + 3


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Inline markup is read from the source lines (clean_inline); only a paragraph's
    # HTML comments need markdown-it's inline parse, run on demand by _inline_html.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def _inline_html(inline: Token, env: dict[str, object]) -> list[Token]:
    """The ``html_inline`` tokens of an inline token, parsed as markdown-it's core would.

    An inline HTML tag or comment opens with "<", so text without one is not parsed.
    """
    if "<" not in inline.content:
        return []
    md = _markdown()
    children: list[Token] = []
    md.inline.parse(inline.content, md, env, children)
    return [child for child in children if child.type == "html_inline"]


def parse(data: bytes, path: str) -> Document:
    """Parse a Markdown file into blocks with line and column anchors."""
    return parse_markdown(decode(data, path), path)


def clean_inline(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank wordless markup in ``text`` and drop the backslash of each escape.

    Returns the cleaned text and its breaks: pairs ``(offset in the cleaned text,
    offset in text)`` from which the two run in step, starting with ``(0, 0)``. Blanking
    keeps the length, so only escapes add breaks.
    """
    if _MARKUP_CHAR.search(text) is None:
        return text, [(0, 0)]
    for start, end in comment_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    out: list[str] = []
    breaks = [(0, 0)]
    at = 0  # position in text
    length = 0  # length of the cleaned text so far
    for match in _INLINE.finditer(text):
        out.append(text[at : match.start()])
        length += match.start() - at
        escaped = match.group("escaped")
        if escaped is not None:
            breaks.append((length, match.start() + 1))  # the escaped character itself
            out.append(escaped)
            length += 1
        else:
            out.append(" " * (match.end() - match.start()))
            length += match.end() - match.start()
        at = match.end()
    out.append(text[at:])
    return "".join(out), breaks


def _trim(text: str, breaks: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Strip ``text`` (blanked markup leaves spaces at its ends) and move its breaks."""
    trimmed = text.lstrip()
    shift = len(text) - len(trimmed)
    trimmed = trimmed.rstrip()
    moved: list[tuple[int, int]] = [(0, shift)]
    for at, source in breaks:
        if shift <= at < len(trimmed) + shift and at > 0:
            moved.append((at - shift, source))
    if len(moved) > 1 and moved[1][0] == 0:
        moved.pop(0)
    return trimmed, moved


class _Reader:
    def __init__(self, source: str, path: str) -> None:
        self.path = path
        self.lines = split_lines(source)
        self.blocks: list[Block] = []
        self.collector = DirectiveCollector()
        self.tables = 0

    def directives(self, html: str, first: int, last: int) -> bool:
        """Queue the directives in ``html``, found in source lines ``first``..``last``.

        Returns whether ``html`` is nothing but comments, one directive at least.
        """
        cursor = (first, 0)
        for start, end in comment_spans(html, across_lines=True):
            comment = html[start:end]
            directive = comment_directive(comment[4:-3].strip())
            location, cursor = self._find(comment, cursor, last)
            if directive is not None:
                self.collector.add(directive, location)
        return _only_directives(html)

    def _find(
        self, comment: str, cursor: tuple[int, int], last: int
    ) -> tuple[Location, tuple[int, int]]:
        """Where ``comment`` starts and ends in the source, searching on from ``cursor``.

        The end column is exclusive (one past the closing ``>``), as for every finding.
        """
        pieces = [p.rstrip("\r") for p in comment.split("\n")]
        head, tail = pieces[0].strip(), pieces[-1].strip()
        line, column = cursor
        for number in range(line, min(last, len(self.lines))):
            at = self.lines[number].find(head, column if number == line else 0)
            if at < 0:
                continue
            end_line = number + len(pieces) - 1
            if end_line == number:
                end = at + len(head)
            else:
                end = self.lines[min(end_line, len(self.lines) - 1)].find(tail) + len(tail)
            location = Location(
                path=self.path,
                line=number + 1,
                column=at + 1,
                end_line=end_line + 1,
                end_column=end + 1,
            )
            return location, (end_line, end)
        return Location(path=self.path, line=line + 1), cursor

    def add(
        self,
        first: int,
        last: int,
        kind: BlockKind,
        *,
        strip: re.Pattern[str] | None = None,
        heading_level: int | None = None,
        list_level: int | None = None,
        label: str | None = None,
    ) -> None:
        """Add a block made of source lines ``first``..``last`` (0-based, exclusive end)."""
        parts: list[str] = []
        anchors: list[Anchor] = []
        offset = 0
        for number in range(first, min(last, len(self.lines))):
            raw = self.lines[number]
            cut = 0
            if kind == "quote":
                m = _QUOTE.match(raw)
                cut = m.end() if m else 0
            if strip is not None and number == first:
                m = strip.match(raw, cut)
                cut = m.end() if m else cut
            end = len(raw.rstrip())
            cut = min(end, cut + len(raw[cut:]) - len(raw[cut:].lstrip()))
            if heading_level is not None and number == first:
                end = len(raw[:end].rstrip("#").rstrip()) if raw[:end].rstrip("#") else end
                hashes = len(raw[cut:end]) - len(raw[cut:end].lstrip("#"))
                cut += hashes + len(raw[cut + hashes : end]) - len(raw[cut + hashes : end].lstrip())
            content, breaks = clean_inline(raw[cut:end])
            if heading_level is not None:
                content, breaks = _trim(content, breaks)
            if not content.strip():
                continue
            for text_at, source_at in breaks:
                anchors.append(
                    unvalidated_anchor(offset + text_at, number + 1, cut + source_at + 1)
                )
            parts.append(content)
            offset += len(content) + 1
        if not parts:
            return
        first_anchor = anchors[0]
        comments, where = self.collector.take()
        self.blocks.append(
            unvalidated_block(
                text="\n".join(parts),
                kind=kind,
                location=unvalidated_location(
                    path=self.path, line=first_anchor.line, column=first_anchor.column
                ),
                anchors=tuple(anchors),
                heading_level=heading_level,
                list_level=list_level,
                label=label,
                comments=comments,
                comment_locations=where,
            )
        )

    def clause_starts(self, first: int, last: int) -> list[int]:
        """Where the paragraph in lines ``first``..``last`` should be split.

        A line that opens a clause ("4.2 The Provider…", "**3. Payment**") starts a
        block, and a line that is a clause heading on its own ("**2. Payment**" with a
        capitalised line under it) ends one, as in plain text.
        """
        starts: list[int] = []
        texts = [clean_inline(self.lines[n].strip())[0].strip() for n in range(first, last)]
        for index in range(1, len(texts)):
            above, text = texts[index - 1], texts[index]
            if parse_heading(text) is not None:
                starts.append(first + index)
                continue
            heading = parse_heading(above)
            alone = _EMPHASISED.match(self.lines[first + index - 1]) is not None
            if heading is not None and heading.is_title and alone and not text[:1].islower():
                starts.append(first + index)
        return starts

    def html_tables(self, html: str, first: int) -> None:
        """Add the cells of the HTML tables in ``html``, which starts at source line ``first``.

        The header is the rows in ``<thead>`` or of ``<th>`` cells (their names joined
        column by column), else the first row, as for a pipe table; a cell spanning
        every column of a later row (a group title) has no column header.
        """
        # Imported here: most Markdown holds no HTML table, and html.parser costs start-up.
        from speclint.parsers.html_cells import HtmlCells

        parser = HtmlCells()
        parser.feed(html)
        parser.close()
        rows = [(head, cells) for head, cells in parser.rows if cells]
        if not rows:
            return
        self.tables += 1
        width = max(column + span - 1 for _, cells in rows for _, _, column, span in cells)
        heads = 0
        while heads < len(rows) - 1 and rows[heads][0]:
            heads += 1
        heads = max(heads, 1)
        names: list[list[str]] = [[] for _ in range(width)]
        for _, cells in rows[:heads]:
            for text, _, column, span in cells:
                for at in range(column - 1, column - 1 + span):
                    if text and text not in names[at]:
                        names[at].append(text)
        header = tuple(" – ".join(parts) for parts in names)
        for number, (_, cells) in enumerate(rows, start=1):
            if 1 < number <= heads:
                continue  # a header row under the first: its names are in ``header``
            comments, where = self.collector.take() if number > 1 else ((), ())
            for text, anchors, column, span in cells:
                if anchors:
                    marks = tuple(
                        unvalidated_anchor(at, first + line, col) for at, line, col in anchors
                    )
                    across = column == 1 and span >= width and width > 1
                    self.cell(
                        text,
                        marks,
                        (number, column),
                        header if number > heads and not across else None,
                        (comments, where) if column == 1 else ((), ()),
                    )

    def cell(
        self,
        text: str,
        anchors: tuple[Anchor, ...],
        place: tuple[int, int],
        header: tuple[str, ...] | None,
        notes: tuple[tuple[str, ...], tuple[Location, ...]],
    ) -> None:
        """Add a ``table_cell`` block of the current table at ``place`` (row, column).

        It is located at its first anchor; ``notes`` are the comments and their places
        that a row's first cell carries.
        """
        row, column = place
        table = TableRef(index=self.tables, row=row, column=column)
        self.blocks.append(unvalidated_cell(text, self.path, table, anchors, header, notes))

    def row_cells(self, line: int) -> list[tuple[int, str]]:
        """The cells of the pipe-table row at source ``line``: where each starts, its text."""
        raw = self.lines[line]
        cells: list[tuple[int, str]] = []
        start = 0
        inner = raw.strip()
        base = raw.index(inner) if inner else 0
        body = inner[1:] if inner.startswith("|") else inner
        base += 1 if inner.startswith("|") else 0
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        for piece in re.split(r"(?<!\\)\|", body):
            cells.append((base + start, piece))
            start += len(piece) + 1
        return cells

    def table_row(self, line: int, header: tuple[str, ...] | None, row: int) -> tuple[str, ...]:
        """Add the cells of the pipe-table row at source ``line``; returns their texts."""
        cells = self.row_cells(line)
        texts: list[str] = []
        # A directive above a table belongs to its first row of data.
        comments, where = self.collector.take() if row > 1 else ((), ())
        for col, (pos, piece) in enumerate(cells, start=1):
            content, breaks = _trim(*clean_inline(piece.strip()))
            texts.append(content)
            column = pos + (len(piece) - len(piece.lstrip())) + 1
            self.cell(
                content,
                tuple(unvalidated_anchor(at, line + 1, column + source) for at, source in breaks),
                (row, col),
                header,
                (comments, where) if col == 1 else ((), ()),
            )
        return tuple(texts)


def _items(tokens: list[Token], opening: int) -> int:
    """How many items the list opened at ``tokens[opening]`` has."""
    level = tokens[opening].level
    count = 0
    for tok in tokens[opening + 1 :]:
        if tok.level == level and tok.type.endswith("_list_close"):
            break
        if tok.type == "list_item_open" and tok.level == level + 1:
            count += 1
    return count


def _only_directives(html: str) -> bool:
    """Whether ``html`` is nothing but comments, one ``speclint:`` directive at least."""
    found, rest, at = False, [], 0
    for start, end in comment_spans(html, across_lines=True):
        found = found or comment_directive(html[start + 4 : end - 3].strip()) is not None
        rest.append(html[at:start])
        at = end
    rest.append(html[at:])
    return found and not "".join(rest).strip()


def _rule_under_directives(tokens: list[Token], i: int, end: int) -> int | None:
    """The paragraph under directive comments below the paragraph at ``tokens[i]``.

    A pipe table's header, a directive, then its ``---|---`` line: Markdown reads the
    header as a paragraph of its own (ending at source line ``end``). Returns the index
    of the paragraph below (whose first line may be the rule line), or ``None`` when the
    tokens are not laid out so.
    """
    if i + 4 >= len(tokens):
        return None
    html, below = tokens[i + 3], tokens[i + 4]
    if html.type != "html_block" or below.type != "paragraph_open":
        return None
    if not html.map or not below.map or html.map[0] != end or below.map[0] != html.map[1]:
        return None
    return i + 4 if _only_directives(html.content) else None


def parse_markdown(source: str, path: str) -> Document:
    """Parse already-decoded Markdown."""
    reader = _Reader(source, path)
    env: dict[str, object] = {}  # link references, read by the inline parse
    tokens: list[Token] = _markdown().parse(source, env)
    list_stack: list[str] = []  # "ordered" / "bullet" for each open list
    numbers: list[int] = []  # the rendered number of the current item of each open list
    single: list[bool] = []  # whether each open list is an ordered list of one item
    quote_depth = 0
    header: tuple[str, ...] | None = None
    row = 0
    table_end = -1  # the line after the pipe table last read
    resume = -1  # where rows go on with that table, after directive comments under it
    html_until = 0  # the line after the HTML table last read
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append("ordered" if kind.startswith("ordered") else "bullet")
            start = tok.attrGet("start") if kind.startswith("ordered") else None
            numbers.append(int(start) - 1 if start is not None else 0)
            single.append(kind.startswith("ordered") and _items(tokens, i) == 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
            numbers.pop()
            single.pop()
        elif kind == "list_item_open":
            numbers[-1] += 1  # as rendered: the list's start plus the item's index
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "html_block" and tok.map:
            if reader.directives(tok.content, tok.map[0], tok.map[1]) and tok.map[0] == table_end:
                # A directive between two rows ends the table for Markdown; the rows
                # under it are read as the same table, and it belongs to the row below.
                resume = table_end = tok.map[1]
            if tok.map[0] >= html_until and _HTML_TABLE.search(tok.content):
                # A blank line ends a block of HTML: a table with blank lines in it
                # runs on to its closing tag.
                html_until = tok.map[1]
                if not _HTML_TABLE_END.search(tok.content):
                    html_until = next(
                        (
                            n + 1
                            for n in range(tok.map[1], len(reader.lines))
                            if _HTML_TABLE_END.search(reader.lines[n])
                        ),
                        tok.map[1],
                    )
                reader.html_tables("\n".join(reader.lines[tok.map[0] : html_until]), tok.map[0])
        elif kind == "paragraph_open" and tok.map and tok.map[0] < html_until:
            i += 3  # text inside an HTML table, read with it
            continue
        elif kind == "heading_open" and tok.map:
            level = int(tok.tag[1:])
            last = tok.map[1] - 1 if tok.markup in ("=", "-") else tok.map[1]  # setext underline
            reader.add(tok.map[0], last, "heading", heading_level=level)
            i += 2
        elif kind == "paragraph_open" and tok.map:
            inline = tokens[i + 1]
            for child in _inline_html(inline, env):
                reader.directives(child.content, tok.map[0], tok.map[1])
            in_list = bool(list_stack)
            first_in_item = i > 0 and tokens[i - 1].type == "list_item_open"
            bullet = in_list and list_stack[-1] == "bullet" and first_in_item
            label = None
            if in_list and list_stack[-1] == "ordered" and first_in_item:
                label = f"{numbers[-1]}{tokens[i - 1].markup or '.'}"
            block_kind: BlockKind = (
                "quote" if quote_depth else ("list_item" if in_list else "paragraph")
            )
            start, end = tok.map
            alone = i + 3 < len(tokens) and tokens[i + 3].type == "list_item_close"
            if label and len(list_stack) == 1 and single[-1] and alone and end - start == 1:
                # "1. Scope" alone, with the section's paragraphs under it: a numbered
                # heading typed as a list of one item, not a list.
                typed = reader.lines[start]
                marker = _ORDERED.match(typed)
                if looks_like_title(clean_inline(typed[marker.end() if marker else 0 :])[0]):
                    block_kind, in_list = "paragraph", False
            lines = reader.lines[start:end]
            table = block_kind == "paragraph" and not any(
                "|" in span for line in lines for span in _CODE_SPAN.findall(line)
            )
            below = _rule_under_directives(tokens, i, end) if table and end - start == 1 else None
            if below is not None:
                b_start, b_end = tokens[below].map or (0, 0)
                joined = [reader.lines[start], *reader.lines[b_start:b_end]]
                rows = None
                if not any("|" in span for line in joined for span in _CODE_SPAN.findall(line)):
                    rows = pipe_table(joined)
                if rows is not None and 1 not in rows:  # the line under the directive: ---|---
                    html = tokens[i + 3]
                    reader.directives(html.content, *(html.map or (0, 0)))
                    for child in _inline_html(tokens[below + 1], env):
                        reader.directives(child.content, b_start, b_end)
                    reader.tables += 1
                    header = None
                    for number, n in enumerate(rows, start=1):
                        texts = reader.table_row(
                            start if n == 0 else b_start + n - 1, header, number
                        )
                        header = header or texts
                    row, table_end = len(rows), b_end
                    i = below + 3
                    continue
            if (
                table
                and start == resume
                and header is not None
                and all(len(reader.row_cells(n)) == len(header) for n in range(start, end))
            ):
                for n in range(start, end):
                    row += 1
                    reader.table_row(n, header, row)
                table_end = end
                i += 3
                continue
            rows = pipe_table(lines) if table else None
            if rows is not None:  # "Criterion | Weighting" lines with no "---|---" line
                reader.tables += 1
                header = None
                for number, n in enumerate(rows, start=1):
                    texts = reader.table_row(start + n, header, number)
                    header = header or texts
                row, table_end = len(rows), end
                i += 3
                continue
            bounds = [
                start,
                *(reader.clause_starts(start, end) if block_kind == "paragraph" else []),
                end,
            ]
            for first, last in pairwise(bounds):
                reader.add(
                    first,
                    last,
                    block_kind,
                    strip=(_BULLET if bullet else _ORDERED if label else None)
                    if first == start
                    else None,
                    list_level=len(list_stack) - 1 if in_list else None,
                    label=label if first == start else None,
                )
            i += 2
        elif kind == "table_open" and tok.map:
            reader.tables += 1
            header, row, table_end = None, 0, tok.map[1]
        elif kind == "tr_open" and tok.map:
            row += 1
            texts = reader.table_row(tok.map[0], header, row)
            if header is None:
                header = texts
        i += 1
    reader.collector.attach_trailing(reader.blocks)
    return unvalidated_document(path, "md", tuple(reader.blocks))

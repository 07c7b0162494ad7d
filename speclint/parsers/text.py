"""Plain-text specifications: paragraphs, headings, lists and record boundaries.

A block ends at a blank line, at a clause number (``4.2``), at a bullet or a numbered
step, at a record boundary, and after a sentence that ends a line too long to have
been wrapped by hand (text exported from a database keeps one paragraph a line). A blank
line inside a sentence of a double-spaced, hand-wrapped text (a converted document with
a blank line after every line) does not end it: where lines near their neighbours'
width end with no stop, the line below goes on with them. In a
file that keeps one paragraph a line throughout (a fifth of its lines of prose too long
to be wrapped by hand), every line break ends a block, save a sentence going on in lower
case, a run of field lines and the text under a label; there the short lines under a
lead-in ("… the following services:") are its list items.
These kinds of line shape the blocks:

* **Record boundaries.** A notice or record title (``NOTICE: …``, or a title line
  followed by ``Buyer:``/``Date:``/``OCID:`` field lines) becomes a ``heading`` block of
  level 1, so that no clause before it runs on into the record; its field lines form one
  paragraph. A rule line (``----``, ``====``, ``* * *``) is also a boundary, emitted
  as an empty level-1 heading when no title follows it; ``====`` or ``----`` straight
  under a short line of text underlines that line as a title instead.
* **Lists.** A bullet (``-``, ``•``, ``*``, ``–``, ``o``) starts a ``list_item`` block,
  one per item, with the marker left out of the text. A run of short numbered steps
  (``1. Register…``, ``2. Log in…``) gives one ``list_item`` block per step, keeping the
  typed number, with the bullets beneath a step one level deeper. The lead-in before a
  list ("The Provider will be paid:") is a paragraph of its own.
* **Spaced titles.** A short line with two blank lines above it and one below is a
  heading even when it is longer than :func:`looks_like_title` allows.
* **Pipe tables.** Two or more lines of cells parted by ``|`` with the same number of
  cells in each (``Criterion | Weighting`` over ``Price | 60%``; a ``---|---`` line under
  the first is allowed) form a table: one ``table_cell`` block per cell, the first line
  the header that every cell below it carries, as Markdown tables are read.
* **Page furniture.** ``Page 3 of 9`` lines are left out; dates, times, notice
  references and ``Key: value`` field lines are never taken for headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speclint.models import (
    Anchor,
    Block,
    BlockKind,
    Document,
    TableRef,
    unvalidated_anchor,
    unvalidated_block,
    unvalidated_cell,
    unvalidated_document,
    unvalidated_location,
)
from speclint.parsers.directives import DirectiveCollector, directive_text
from speclint.parsers.textio import (
    HYPHEN_END,
    KEEP_HYPHEN_PREFIXES,
    SENTENCE_VERB,
    WORD_CHARS,
    decode,
    split_lines,
)
from speclint.structure.labels import (
    is_date_or_reference,
    looks_like_title,
    parse_heading,
    states_figure,
)

#: A rule line: three or more of the same mark, spaces allowed ("----", "* * *").
_RULE = re.compile(r"^[ \t]*([-=_~*•])(?:[ \t]*\1){2,}[ \t]*$")
#: A bullet and the gap after it. "-" and "•" may touch a capital ("-Be person centred").
_BULLET = re.compile(r"^([ \t]*)(?:[-•*–—·▪◦‣][ \t]+|[-•·▪][ \t]*(?=[A-Z])|o[ \t]+(?=\S))")
#: A numbered step: a whole number and a full stop or bracket, then the step.
_STEP = re.compile(r"^[ \t]*([0-9]{1,2})[.)][ \t]+\S")
#: A clause number of two or more parts ("4.1"): the numbering is the document's own.
_DEEPER = re.compile(r"^[ \t]*[0-9]{1,3}\.[0-9]{1,3}")
#: A running page number: "Page 3 of 9", "Page 3", "3 of 9", "- 3 -".
_PAGE = re.compile(
    r"^[ \t]*(?:(?i:page)[ \t]+[0-9]{1,4}(?:[ \t]+(?i:of)[ \t]+[0-9]{1,4})?|"
    r"[0-9]{1,4}[ \t]+(?i:of)[ \t]+[0-9]{1,4}|[-–][ \t]*[0-9]{1,4}[ \t]*[-–])[ \t]*$"
)
#: A ``Key: value`` field line ("Buyer: Dudley MBC", "Lot 1 description:").
_FIELD = re.compile(
    r"^[ \t]*(?P<key>[A-Za-z][\w’'()/&.,-]*(?:[ \t]+[\w’'()/&.,?-]+){0,5})[ \t]*:"
    r"(?:[ \t]+(?P<value>\S.*)|[ \t]*$)"
)
#: Words that make a ``Key:`` a lead-in sentence rather than a field name.
_NOT_A_KEY = re.compile(
    r"(?i)\b(?:shall|must|will|should|may|can|is|are|be|has|have|include|includes|including|"
    r"follows?|following|to|https?)\b"
)
#: Verbs that make a line a sentence rather than a title.
#: A record title in capitals before a colon ("NOTICE: …", "CONTRACT AWARD NOTICE: …").
_RECORD_KEY = re.compile(
    r"^(?:[A-Z]+[ /-])*(?:NOTICE|TENDER|CONTRACT|AWARD|OPPORTUNITY|RECORD|TITLE)(?:[ /-][A-Z]+)*$"
)
#: A field of a record, not its name: "CONTRACT TERM: 1 year", "DATE OF CONTRACT: 1st
#: April 2021", "CONTRACT VALUE: £2m" (a name's value does not start with a figure either).
_RECORD_FIELD = re.compile(
    r"(?:^DATE\b|\b(?:TERM|DATES?|DURATION|LENGTH|PERIOD|VALUE|REF|REFERENCE|NUMBER|NO|STATUS|TYPE|"
    r"START|END|EXPIRY)$)"
)
#: A cell of a ``---|---`` line under a pipe table's header.
_CELL_RULE = re.compile(r"^[ \t]*:?-{3,}:?[ \t]*$")
#: A heading in capitals run in before a numbered clause on one line, as a web page or a
#: converted document leaves it: "FEES AND ALLOWANCES. 10.1. The contractor shall ...".
#: The heading (group 1) has a word of three capitals or more and no lower case; the
#: clause number has a dot inside it ("10.1", not "10").
_CAPS_RUN_IN = re.compile(
    r"^[ \t]*((?=[^a-z]*?[A-Z]{3})[A-Z][A-Z0-9 ,&'’()/-]{2,80}?)[ \t]*[.:][ \t]+"
    r"(?=[0-9]{1,3}(?:\.[0-9]{1,3})+\.?[ \t]+\S)"
)
#: Most words a header cell of a pipe table may have.
_HEADER_WORDS = 8

#: Lines that end a sentence or a field: a field line after one starts a new paragraph.
_ENDS_CLAUSE = (".", ":", ";", "!", "?", ")")
#: A line at least this long was not wrapped by hand: its line break ends a paragraph.
_UNWRAPPED = 100
#: A file with this share of its prose lines that long keeps one paragraph a line ...
_UNWRAPPED_SHARE = 0.2
#: ... provided it has at least this many lines of prose to judge by.
_PROSE_LINES = 5
#: Most words of a short line read as a list item under a lead-in, in such a file.
_ITEM_WORDS = 12
#: Most words a short step may have on its own lines (bullets beneath it not counted).
_STEP_WORDS = 60
#: In a double-spaced file, a line hand-wrapped at the run's width is at least this share
#: of the widest of the lines within two of it ...
_WRAP_SHARE = 0.8
#: ... which is at least this wide (narrower lines are titles and items, not wrapping).
_WRAP_WIDTH = 50


@dataclass
class _Line:
    """One source line with the role the layout gives it."""

    number: int  # 1-based
    raw: str
    role: str = "text"  # text, blank, directive, rule, underline, page, title (of a
    # record), spaced (a title between blank lines), bullet, step, row (of a pipe
    # table), cells_rule (its "---|---" line), cont (continues the block above,
    # whatever it looks like), or wrap (a blank line inside a double-spaced sentence)
    level: int | None = None  # list level for bullets and steps
    row: int = 0  # 1-based row of a pipe table (role "row"; the header is row 1)

    @property
    def content(self) -> str:
        """The line without surrounding white space."""
        return self.raw.strip()

    @property
    def indent(self) -> int:
        """Width of the leading white space (a tab counts as four)."""
        lead = self.raw[: len(self.raw) - len(self.raw.lstrip())]
        return len(lead.replace("\t", "    "))


def parse(data: bytes, path: str) -> Document:
    """Parse a ``.txt`` file into blocks, one per paragraph, heading, list item or clause."""
    return parse_text(decode(data, path), path)


def is_field_line(text: str) -> bool:
    """True for a ``Key: value`` line such as ``Buyer: Dudley MBC`` or ``Description:``.

    The key is at most six words and reads as a name, not a sentence ("The Provider
    will be paid:" is a lead-in, not a field), and a web address is not a key.
    """
    match = _FIELD.match(text)
    if match is None:
        return False
    key = match.group("key")
    value = match.group("value") or ""
    question = key.endswith("?")  # "Is a Recurrent Procurement Type? : Yes"
    return (question or not _NOT_A_KEY.search(key)) and not value.startswith("//")


def pipe_cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line parted by ``|``, each with the column it starts at (0-based).

    One ``|`` at either end of the line is a border, not a cell; ``\\|`` is no parting.
    """
    inner = line.rstrip()
    base = len(inner) - len(inner.lstrip())
    inner = inner.lstrip()
    if inner.startswith("|"):
        inner, base = inner[1:], base + 1
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    cells = []
    for piece in re.split(r"(?<!\\)\|", inner):
        cells.append((base + len(piece) - len(piece.lstrip()), piece.strip()))
        base += len(piece) + 1
    return cells


def pipe_table(lines: list[str]) -> list[int] | None:
    """The indices of ``lines`` that are the rows of one pipe table, header first.

    ``lines`` is a run of lines without a blank one: a table when every line has the
    same number of cells (two or more), the header's cells are short labels, and at
    least one row follows it. A ``---|---`` line under the header is left out of the
    rows; ``None`` when the lines are not a table.
    """
    if len(lines) < 2 or any("|" not in line for line in lines):
        return None
    shapes = [pipe_cells(line) for line in lines]
    width = len(shapes[0])
    if width < 2 or any(len(cells) != width for cells in shapes):
        return None
    header = [cell for _, cell in shapes[0]]
    if not all(header) or any(
        len(cell.split()) > _HEADER_WORDS or cell.endswith((".", ";", ",")) for cell in header
    ):
        return None
    rows = [0]
    for index, cells in enumerate(shapes[1:], start=1):
        if index == 1 and all(_CELL_RULE.match(cell) for _, cell in cells):
            continue
        if not any(cell for _, cell in cells):
            return None
        rows.append(index)
    return rows if len(rows) >= 2 else None


def _is_pipe_line(line: _Line) -> bool:
    """True for a line of text holding a ``|``: a candidate table row."""
    return line.role == "text" and "|" in line.raw


def _pipe_run(lines: list[_Line], i: int) -> tuple[int, list[int]]:
    """The run of pipe lines that starts at line ``i``: where it ends, and its pipe lines.

    Directive lines between two pipe lines belong to the run (a suppression written
    above the row it is for), but are not among its pipe lines, when the pipe lines
    under them go on with the rows above (:func:`_rows_go_on`).
    """
    members: list[int] = []
    j = i
    width = len(pipe_cells(lines[i].raw))
    while j < len(lines):
        if _is_pipe_line(lines[j]):
            members.append(j)
            j += 1
            continue
        k = j
        while k < len(lines) and lines[k].role == "directive":
            k += 1
        if k == j or not members or not _rows_go_on(lines, k, width, len(members) == 1):
            break
        j = k
    return j, members


def _rows_go_on(lines: list[_Line], k: int, width: int, after_header: bool) -> bool:
    """Whether the pipe lines from line ``k`` (under directive lines) are more rows.

    They must each have the table's ``width`` and a cell with text, hold no ``---|---``
    line (a table of its own) unless straight under a lone header (``after_header``),
    and not run on into prose; otherwise they are read as they would be with no
    directive above them.
    """
    m = k
    while m < len(lines) and _is_pipe_line(lines[m]):
        cells = [cell for _, cell in pipe_cells(lines[m].raw)]
        if len(cells) != width or not any(cells):
            return False
        if all(_CELL_RULE.match(cell) for cell in cells) and not (after_header and m == k):
            return False
        m += 1
    return m > k and not _in_prose(lines, k, m)


def _in_prose(lines: list[_Line], i: int, j: int) -> bool:
    """True when lines ``i`` to ``j`` carry on a sentence that runs into or out of them.

    "… the triage nurse sets the / route as routine | urgent …": a line that goes on
    from an unfinished line above in lower case, or an unfinished last line that the
    next line goes on from, is wrapped prose holding a pipe, not a table.
    """
    above = lines[i - 1] if i else None
    below = lines[j] if j < len(lines) else None
    into = (
        above is not None
        and above.role in ("text", "cont")
        and not above.content.endswith(_ENDS_CLAUSE)
        and lines[i].content[:1].islower()
    )
    out_of = (
        below is not None
        and below.role == "text"
        and not lines[j - 1].content.endswith(_ENDS_CLAUSE)
        and below.content[:1].islower()
    )
    return into or out_of


def _page_gap(lines: list[_Line], j: int) -> int | None:
    """Where the text resumes after a page break that starts at line ``j``, if one does.

    The gap is blank lines and page furniture, holding at least one page number,
    running line or form feed; ``None`` when the lines at ``j`` are no such gap.
    """
    k, broken = j, False
    while k < len(lines) and lines[k].role in ("blank", "page"):
        broken = broken or lines[k].role == "page" or "\f" in lines[k].raw
        k += 1
    return k if broken and k < len(lines) else None


def _mark_tables(lines: list[_Line]) -> None:
    """Mark each run of pipe-table lines: ``row`` lines and the ``---|---`` line.

    A table that runs over a page break goes on after it with the same header (a header
    repeated at the top of the new page is left out), so that its cells keep their
    column names.
    """
    i = 0
    while i < len(lines):
        if not _is_pipe_line(lines[i]):
            i += 1
            continue
        j, members = _pipe_run(lines, i)
        rows = None if _in_prose(lines, i, j) else pipe_table([lines[n].raw for n in members])
        if rows is None and len(members) < j - i:
            # No table across the directives: the lines under them are read afresh.
            j = next(n for n in range(i, j) if not _is_pipe_line(lines[n]))
        if rows is not None:
            for n in members:
                lines[n].role = "cells_rule"
            for number, n in enumerate(rows, start=1):
                lines[members[n]].role = "row"
                lines[members[n]].row = number
            j = _continue_table(lines, i, j, len(rows))
        i = j


def _continue_table(lines: list[_Line], first: int, end: int, rows: int) -> int:
    """Mark the rows of the table at line ``first`` that follow page breaks after ``end``.

    Returns the line after the table's last row.
    """
    header = [cell for _, cell in pipe_cells(lines[first].raw)]
    while (k := _page_gap(lines, end)) is not None:
        if not _is_pipe_line(lines[k]):
            break
        m, members = _pipe_run(lines, k)
        shapes = [[cell for _, cell in pipe_cells(lines[n].raw)] for n in members]
        if any(len(cells) != len(header) or not any(cells) for cells in shapes):
            break
        for n, cells in zip(members, shapes, strict=True):
            if n == k and cells == header:
                lines[n].role = "cells_rule"  # the header again, at the top of the page
                continue
            rows += 1
            lines[n].role = "row"
            lines[n].row = rows
        end = m
    return end


#: A page number inside a running line ("Falls Service Specification | Page 2 of 6"),
#: which changes from page to page while the rest of the line does not.
_PAGE_IN_LINE = re.compile(r"(?i)\bpage\s+[0-9]{1,4}(?:\s+of\s+[0-9]{1,4})?\b")
#: Most words a running title or footer may have.
_RUNNING_WORDS = 20


def _near_page_breaks(lines: list[_Line]) -> dict[str, list[int]]:
    """Each short line within two lines of a page break, by its text, with where it is.

    A page break is a page number line or a form feed; the lines looked at are the two
    nearest lines of text on either side of it (blank lines and other furniture aside),
    and a line the form feed opens.
    """
    near: dict[str, list[int]] = {}

    def note(n: int) -> None:
        line = lines[n]
        if line.role in ("text", "spaced", "title") and len(line.content.split()) <= _RUNNING_WORDS:
            spots = near.setdefault(_PAGE_IN_LINE.sub("page #", line.content), [])
            if n not in spots:
                spots.append(n)

    run_walked = False  # the run of blank and furniture lines being read was walked from
    for seed, line in enumerate(lines):
        furniture = line.role in ("blank", "page")
        if not furniture:
            run_walked = False
        if line.role != "page" and "\f" not in line.raw:
            continue
        if line.content and line.role != "page":
            note(seed)
        if furniture:
            # Every break in one run of furniture finds the same lines either side.
            if run_walked:
                continue
            run_walked = True
        for step in (-1, 1):
            n, seen = seed + step, 0
            while 0 <= n < len(lines) and seen < 2:
                if lines[n].role not in ("blank", "page"):
                    note(n)
                    seen += 1
                n += step
    return near


def _page_breaks(lines: list[_Line]) -> int:
    """How many page breaks the text has: its form feeds, or its runs of page numbers."""
    feeds = sum(1 for line in lines if "\f" in line.raw)
    numbers = sum(
        1
        for n, line in enumerate(lines)
        if line.role == "page" and (n == 0 or lines[n - 1].role != "page")
    )
    return max(feeds, numbers)


#: Roles of lines that hold the document's own running text.
_TEXT_ROLES = ("text", "bullet", "step", "cont", "spaced", "title")


def _wraps_on(lines: list[_Line], n: int) -> bool:
    """True when line ``n`` carries on the sentence of the line above it."""
    above = lines[n - 1] if n else None
    return (
        above is not None
        and above.role in _TEXT_ROLES
        and "\f" not in lines[n].raw
        and not above.content.endswith(_ENDS_CLAUSE)
        and lines[n].content[:1].islower()
    )


def _joined(lines: list[_Line], n: int) -> bool:
    """True when line ``n`` has a line of text straight above or below it (no gap)."""
    above = lines[n - 1] if n and "\f" not in lines[n].raw else None
    below = lines[n + 1] if n + 1 < len(lines) and "\f" not in lines[n + 1].raw else None
    return any(line is not None and line.role in _TEXT_ROLES for line in (above, below))


def _mark_page_furniture(lines: list[_Line]) -> None:
    """Leave out running titles and footers, and let text flow across page breaks.

    A line is running when the same text stands by two page breaks or more, or by one
    and also at the very top of the document (the title a page header repeats); the
    top one is the document's title and stays. A line that stands by no more than half
    the breaks and runs straight into the text beside it is the document's own (a
    sub-title repeated in two sections), and so is the tail of a wrapped sentence. A
    sentence cut by a page break, blank lines round the footer and all, goes on in the
    same block when the text after the break carries on in lower case.
    """
    top = next((n for n, line in enumerate(lines) if line.content), None)
    breaks = _page_breaks(lines)
    running: set[str] = set()
    for content, spots in _near_page_breaks(lines).items():
        at_top = top is not None and lines[top].content == content and top not in spots
        spots = [n for n in spots if n != top]
        if not (len(spots) >= 2 or (spots and at_top)):
            continue
        if any(_wraps_on(lines, n) for n in spots):
            continue  # the tail of a wrapped sentence ("ten working days.") is text
        if 2 * (len(spots) + at_top) <= breaks and any(_joined(lines, n) for n in spots):
            # A short line by a few of many breaks, run into the text beside it (a
            # sub-title over the clause it heads), is the document's own.
            continue
        for n in spots:
            lines[n].role = "page"
        running.add(content)
    # The last page's footer stands by no break: the document ends under it.
    tail = [n for n, line in enumerate(lines) if line.content][-2:]
    for n in tail:
        if lines[n].role == "text" and _PAGE_IN_LINE.sub("page #", lines[n].content) in running:
            lines[n].role = "page"
    i = 0
    while i < len(lines):
        if lines[i].role not in ("blank", "page") or i == 0:
            i += 1
            continue
        k = _page_gap(lines, i)
        before, after = lines[i - 1], lines[k] if k is not None else None
        if (
            after is not None
            and before.role in ("text", "bullet", "step", "cont")
            and not before.content.endswith(_ENDS_CLAUSE)
            and after.role == "text"
            and after.content[:1].islower()
        ):
            for n in range(i, k or i):
                lines[n].role = "page"
        while i < len(lines) and lines[i].role in ("blank", "page"):
            i += 1


def _is_record_title(lines: list[_Line], i: int) -> bool:
    """True when line ``i`` opens a record: a title with field lines under it."""
    text = lines[i].content
    fields = 0
    for following in lines[i + 1 : i + 4]:
        if following.role != "text" or not is_field_line(following.content):
            break
        fields += 1
    match = _FIELD.match(text)
    if (
        match
        and match.group("value")
        and _RECORD_KEY.match(match.group("key"))
        and not _RECORD_FIELD.search(match.group("key"))
        and not match.group("value").lstrip()[:1].isdigit()
    ):
        return fields >= 1  # "NOTICE: Day Opportunities" with "Buyer: …" under it
    if fields < 2 or is_field_line(text) or not text[:1].isalnum():
        return False
    previous = lines[i - 1].role if i else "blank"
    return (
        previous in ("blank", "rule", "page")
        and len(text.split()) <= 30
        and not text.endswith((".", ",", ";", ":"))
        and not SENTENCE_VERB.search(text)  # "Applicants may submit a bid" is a sentence
    )


def _is_spaced_title(lines: list[_Line], i: int) -> bool:
    """True for a short title set apart by two blank lines above it and one below.

    Entries exported one after another ("Dependency and Recovery in Bolton, Bury,
    Salford and Trafford") are headed this way; the words allowed are more than
    :func:`looks_like_title` allows, since the spacing says it is a title.
    """
    text = lines[i].content
    above = [line.role for line in lines[max(0, i - 2) : i]]
    below = lines[i + 1].role if i + 1 < len(lines) else "blank"
    return (
        (i == 0 or above == ["blank", "blank"])
        and below == "blank"
        and _title_shaped(text, 15)
        and not is_field_line(text)
    )


def _is_document_title(lines: list[_Line], i: int) -> bool:
    """True for the title on a file's first line of text, with text straight under it.

    "Contract Monitoring Policy and Procedure 2010 to 2011" over its first paragraph
    names the document: it is read as its heading, not as a clause, so that a title
    naming an incentive scheme or an auction is not linted as if it placed one. A
    title may hold a colon ("Electronic auctions: award criteria") unless field lines
    follow it, which make it the first field of a record.
    """
    below = lines[i + 1] if i + 1 < len(lines) else None
    return (
        all(line.role == "blank" for line in lines[:i])
        and below is not None
        and below.role == "text"
        and not is_field_line(below.content)
        and _title_shaped(lines[i].content, 30)
    )


def _title_shaped(text: str, most_words: int) -> bool:
    """True for a line a layout may make a title: capitalised, short, no sentence or figure.

    Not a table row written out, not ending as a sentence or list entry does, with no
    verb of a sentence, no money, percentage, date or reference, and no clause number.
    """
    return (
        text[:1].isupper()
        and len(text.split()) <= most_words
        and "|" not in text
        and not text.endswith((".", ",", ";", ":"))
        and not SENTENCE_VERB.search(text)
        and not states_figure(text)
        and not is_date_or_reference(text)
        and parse_heading(text) is None
    )


def _classify(lines: list[_Line]) -> None:
    """Give every line its role: the first pass, line by line."""
    for i, line in enumerate(lines):
        content = line.content
        if not content:
            line.role = "blank"
        elif directive_text(line.raw) is not None:
            line.role = "directive"
        elif _PAGE.match(line.raw):
            line.role = "page"
        elif _RULE.match(line.raw):
            above = lines[i - 1] if i else None
            underline = (
                above is not None
                and above.role == "text"
                and line.content[0] in "=-~"
                and len(above.content.split()) <= 15
                and not above.content.endswith((".", ",", ";", ":"))
                and not is_field_line(above.content)
            )
            line.role = "underline" if underline else "rule"
        elif _BULLET.match(line.raw):
            line.role = "bullet"
    for i, line in enumerate(lines):
        if line.role == "text" and _is_record_title(lines, i):
            line.role = "title"
        elif line.role == "text" and (_is_spaced_title(lines, i) or _is_document_title(lines, i)):
            line.role = "spaced"


def _mark_steps(lines: list[_Line]) -> None:
    """Find runs of short numbered steps ("1. Register", "2. Log in") and mark them.

    A run starts at ``1.`` (or ``1)``), or at any number straight after a bullet or a
    line ending in a colon, and goes on while the next line numbered one more
    follows the step's own lines, its bullets, or a blank line. A step whose own lines
    are long, a run with only one step, and a run holding a clause number of two parts
    (``1.1``: the numbering is the document's clauses) are left alone. Bullets under a
    step are one level deeper than it.
    """
    i = 0
    while i < len(lines):
        match = _STEP.match(lines[i].raw) if lines[i].role == "text" else None
        above = lines[i - 1] if i else None
        # A run starts at 1, or anywhere straight after a list or a lead-in ("…once):"
        # with its first step written as a bullet).
        after_list = above is not None and (above.role == "bullet" or above.content.endswith(":"))
        if match is None or (int(match.group(1)) != 1 and not after_list):
            i += 1
            continue
        steps = [i]
        owned: dict[int, str] = {i: "step"}
        words = len(lines[i].content.split())
        expected = int(match.group(1)) + 1
        in_bullets = False
        short = True
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if line.role == "blank":
                k = j
                while k < len(lines) and lines[k].role == "blank":
                    k += 1
                nxt = lines[k] if k < len(lines) else None
                if nxt is None:
                    break
                numbered = _STEP.match(nxt.raw) if nxt.role == "text" else None
                if (numbered and int(numbered.group(1)) == expected) or nxt.role == "bullet":
                    j = k
                    continue
                break
            if line.role in ("title", "rule", "underline", "directive"):
                break
            if line.role == "page":
                j += 1
                continue
            numbered = _STEP.match(line.raw) if line.role == "text" else None
            if numbered and int(numbered.group(1)) == expected:
                if words > _STEP_WORDS:
                    short = False
                steps.append(j)
                owned[j] = "step"
                expected += 1
                words = len(line.content.split())
                in_bullets = False
                j += 1
                continue
            if _DEEPER.match(line.raw):
                short = False
                break
            if line.role == "bullet":
                in_bullets = True
                owned[j] = "bullet"
            elif in_bullets and line.indent == 0:
                break  # the text has moved on from the steps
            else:
                owned[j] = "cont"
                if not in_bullets:
                    words += len(line.content.split())
                    if words > _STEP_WORDS:
                        if len(steps) > 1:
                            # The last step is short; the text after it has moved on.
                            last = steps[-1]
                            owned = {n: r for n, r in owned.items() if n <= last}
                            words = len(lines[last].content.split())
                            j = last + 1
                        break  # otherwise a numbered section with its text, not a step
            j += 1
        if words > _STEP_WORDS:
            short = False
        for n in sorted(k for k in owned if k > steps[-1] and owned[k] == "cont"):
            if lines[n - 1].content.endswith((".", "!", "?")) and lines[n].content[:1].isupper():
                # A new sentence on a new line after the last step: the text moved on.
                owned = {k: r for k, r in owned.items() if k < n}
                break
        if len(steps) >= 2 and short:
            for index, role in owned.items():
                lines[index].role = role
                lines[index].level = 0 if role == "step" else 1
        i = max(j, i + 1) if len(steps) >= 2 and short else i + 1


def _mark_double_spacing(lines: list[_Line]) -> None:
    """Join the lines of a sentence that a double-spaced, hand-wrapped text parts.

    A document converted with a blank line after every line ("2.  To award an extension
    to the current providers of the Advocacy" / blank / "Service, for a period of 2
    months ...") would otherwise end a paragraph at every line. In a run of three lines
    or more, each alone between single blank lines, a line near the width of the lines
    around it (the wrapping width) that ends with no stop goes on into the next line of
    text, whatever case that line opens in, when another such line is near it. A heading
    or a numbered line below it starts afresh.
    """
    i = 0
    while i < len(lines):
        run = _spaced_run(lines, i)
        if len(run) < 3:
            i += 1
            continue
        sizes = [len(lines[n].content) for n in run]
        wrapped = [k for k in range(len(run) - 1) if _hand_wrapped(lines[run[k]], sizes, k)]
        for k in wrapped:
            below = lines[run[k + 1]]
            if (
                any(0 < abs(k - other) <= 2 for other in wrapped)
                and lines[run[k]].role in ("text", "cont")  # not a step: its item ends there
                and below.role == "text"
                and parse_heading(below.content) is None
                and not is_field_line(below.content)
            ):
                lines[run[k] + 1].role = "wrap"
                below.role = "cont"
        i = run[-1] + 1


def _hand_wrapped(line: _Line, sizes: list[int], k: int) -> bool:
    """True when the ``k``-th line of a spaced run breaks off at its neighbours' width.

    A heading ("Schedule 2 Part A Service Specification for Community Nursing") is never
    read as wrapped, however wide; a numbered clause's first line may be.
    """
    size = sizes[k]
    if size >= _UNWRAPPED or line.content.endswith(_ENDS_CLAUSE):
        return False
    heading = parse_heading(line.content)
    if heading is None and looks_like_title(line.content):
        return False
    if heading is not None and (
        any(label.style == "keyword" for label in heading.labels) or looks_like_title(heading.text)
    ):
        return False  # "Schedule 2 Part A Service Specification ...": a heading, not a wrapped line
    width = max(s for s in sizes[max(0, k - 2) : k + 3] if s < _UNWRAPPED)
    return width >= _WRAP_WIDTH and size >= _WRAP_SHARE * width


def _spaced_run(lines: list[_Line], i: int) -> list[int]:
    """The lines of text from ``i`` on, each alone between single blank lines."""

    def alone(n: int) -> bool:
        return (
            lines[n].role in ("text", "step")
            and (n == 0 or lines[n - 1].role == "blank")
            and (n + 1 == len(lines) or lines[n + 1].role == "blank")
        )

    run: list[int] = []
    n = i
    while n < len(lines) and alone(n):
        run.append(n)
        n += 2
    return run


def _bullet_levels(lines: list[_Line]) -> None:
    """Give bullets outside numbered steps a level from their indentation."""
    indents: list[int] = []
    for line in lines:
        if line.role in ("title", "rule", "underline", "step"):
            indents.clear()
        if line.role != "bullet" or line.level is not None:
            continue
        while indents and indents[-1] > line.indent:
            indents.pop()
        if not indents or indents[-1] < line.indent:
            indents.append(line.indent)
        line.level = len(indents) - 1


def parse_text(text: str, path: str) -> Document:
    """Parse already-decoded plain text."""
    lines = [_Line(number, raw) for number, raw in enumerate(split_lines(text), start=1)]
    _classify(lines)
    _mark_page_furniture(lines)
    _mark_tables(lines)
    _mark_steps(lines)
    _mark_double_spacing(lines)
    _bullet_levels(lines)
    return _Assembler(path, one_per_line=_one_paragraph_a_line(lines)).run(lines)


def _is_item(text: str) -> bool:
    """True for a short line that reads as one item of a list, not a sentence."""
    return len(text.split()) <= _ITEM_WORDS and not text.endswith((".", "!", "?", ":"))


def _one_paragraph_a_line(lines: list[_Line]) -> bool:
    """True when the file keeps one paragraph a line instead of wrapping them by hand.

    Word's "Save as Plain Text", web pages copied out and database exports write each
    paragraph on one line, so many lines run past any hand-wrapping width; in such a
    file a short line (a title, "Overview of Agreed Uplift") ends its block too.
    """
    prose = [line for line in lines if line.role == "text" and len(line.content.split()) >= 3]
    if len(prose) < _PROSE_LINES:
        return False
    long = sum(1 for line in prose if len(line.content) >= _UNWRAPPED)
    return long >= _UNWRAPPED_SHARE * len(prose)


def _ready_for(text: str, following: str) -> str:
    """``text`` ready for the line after it: with a line break, or at a hyphen without.

    A word hyphenated at the line end is made whole ("commis-" + "sioner"), its hyphen
    dropped; a hyphen that is the word's own ("well-" + "being", "face-to-" + "face")
    stays, with no line break.
    """
    if not (text.endswith("-") and text[-2:-1].islower() and following[:1].islower()):
        return text + "\n"
    match = HYPHEN_END.search(text, len(text.rstrip(WORD_CHARS)))
    if match is None:
        return text + "\n"
    word = match.group(1)
    if "-" in word or word.lower() in KEEP_HYPHEN_PREFIXES:
        return text
    return text[:-1]


class _Assembler:
    """Gather classified lines into blocks."""

    def __init__(self, path: str, *, one_per_line: bool = False) -> None:
        self.path = path
        self.one_per_line = one_per_line  # every line break ends a paragraph
        self.items = False  # short lines under a lead-in are read as its list items
        self.blocks: list[Block] = []
        self.lines: list[tuple[int, int, str]] = []  # (line number, column, text)
        self.kind: BlockKind = "paragraph"
        self.heading_level: int | None = None
        self.list_level: int | None = None
        self.fields = False  # the open block is a run of field lines
        self.directives = DirectiveCollector()
        self.boundary = False  # a rule line was seen; the next block starts afresh
        self.tables = 0  # pipe tables so far
        self.header: tuple[str, ...] | None = None  # the open pipe table's header

    def start(
        self,
        kind: BlockKind = "paragraph",
        *,
        heading_level: int | None = None,
        list_level: int | None = None,
    ) -> None:
        """Close the open block and set what the next one will be."""
        self.flush()
        self.kind = kind
        self.heading_level = heading_level
        self.list_level = list_level

    def append(self, line: _Line, cut: int = 0) -> None:
        """Add ``line`` (from character ``cut``) to the open block."""
        rest = line.raw[cut:]
        column = cut + len(rest) - len(rest.lstrip()) + 1
        self.lines.append((line.number, column, rest.strip()))

    def flush(self) -> None:
        """Emit the open block, if it has any lines."""
        if not self.lines:
            self.fields = False
            return
        text = ""
        anchors: list[Anchor] = []
        for number, column, content in self.lines:
            if text:
                text = _ready_for(text, content)
            anchors.append(unvalidated_anchor(len(text), number, column))
            text += content
        first_line, first_col, first = self.lines[0]
        kind = self.kind
        level = self.heading_level
        if (
            kind == "paragraph"
            and len(self.lines) == 1
            and parse_heading(first) is None
            and not is_field_line(first)
            and looks_like_title(first)
        ):
            kind = "heading"
        if self.boundary and kind != "heading":
            # After a rule line: an empty level-1 heading closes every open clause.
            self.blocks.append(
                unvalidated_block(
                    text="",
                    kind="heading",
                    heading_level=1,
                    location=unvalidated_location(
                        path=self.path, line=first_line, column=first_col
                    ),
                )
            )
        elif self.boundary:
            level = 1
        self.boundary = False
        comments, where = self.directives.take()
        self.blocks.append(
            unvalidated_block(
                text=text,
                kind=kind,
                location=unvalidated_location(path=self.path, line=first_line, column=first_col),
                anchors=tuple(anchors),
                heading_level=level,
                list_level=self.list_level if kind == "list_item" else None,
                comments=comments,
                comment_locations=where,
            )
        )
        self.lines.clear()
        self.kind = "paragraph"
        self.heading_level = None
        self.list_level = None
        self.fields = False

    def directive(self, line: _Line) -> None:
        """Queue a directive line for the block that follows it."""
        self.flush()
        self.directives.add_line(line.raw, line.number, self.path)

    def run(self, lines: list[_Line]) -> Document:
        """Turn the classified lines into a document."""
        for i, line in enumerate(lines):
            following = lines[i + 1] if i + 1 < len(lines) else None
            self.take(line, following)
        self.flush()
        self.directives.attach_trailing(self.blocks)
        return unvalidated_document(self.path, "txt", tuple(self.blocks))

    def take(self, line: _Line, following: _Line | None) -> None:
        """Place one line."""
        role = line.role
        if role != "text":
            self.items = False
        if role == "blank":
            self.flush()
        elif role == "wrap":
            return  # the blank line of a double-spaced text, inside its sentence
        elif role == "page":
            return  # running page numbers are furniture, and text flows across them
        elif role == "directive":
            self.directive(line)
        elif role == "rule":
            self.flush()
            self.boundary = True
        elif role == "underline":
            if self.lines:  # the line above is a title, whatever came before it
                title = self.lines.pop()
                self.flush()
                self.lines.append(title)
                self.kind = "heading"
            self.flush()
        elif role == "spaced":
            self.start("heading")
            self.append(line)
            self.flush()
        elif role == "title":
            self.start("heading", heading_level=1)
            self.append(line)
            self.start()
        elif role == "bullet":
            self.start("list_item", list_level=line.level)
            match = _BULLET.match(line.raw)
            self.append(line, match.end() if match else 0)
        elif role == "step":
            self.start("list_item", list_level=line.level)
            self.append(line)
        elif role == "cont":
            self.append(line)
        elif role == "row":
            self._row(line)
        elif role == "cells_rule":
            return  # the ``---|---`` line under a pipe table's header
        else:
            self._text(line, following)

    def _row(self, line: _Line) -> None:
        """Emit a pipe-table row as one ``table_cell`` block per cell."""
        self.flush()
        if line.row == 1:
            self.tables += 1
            self.header = None
        cells = pipe_cells(line.raw)
        comments, where = self.directives.take() if line.row > 1 else ((), ())
        for column, (at, text) in enumerate(cells, start=1):
            table = TableRef(index=self.tables, row=line.row, column=column)
            anchors = (unvalidated_anchor(0, line.number, at + 1),)
            notes = (comments, where) if column == 1 else ((), ())
            cell = unvalidated_cell(text, self.path, table, anchors, self.header, notes)
            self.blocks.append(cell)
        if line.row == 1:
            self.header = tuple(text for _, text in cells)

    def _line_ends_block(self, last: str, content: str, field: bool) -> bool:
        """In a file of one paragraph a line: True when the break after ``last`` ends it.

        A line going on in lower case after one with no closing stop continues it (a
        sentence broken mid-way); so do field lines in a run, and the text under a
        lead-in or a label ("Description:"), unless it is a short item of a list.
        """
        if field and self.fields:
            return False
        if last.endswith(":"):
            return _is_item(content) and not is_field_line(last)
        return last.endswith(_ENDS_CLAUSE) or not content[:1].islower()

    def _text(self, line: _Line, following: _Line | None) -> None:
        """Place an ordinary line of text."""
        cut = 0
        run_in = _CAPS_RUN_IN.match(line.raw)
        if run_in is not None:
            # "FEES AND ALLOWANCES. 10.1. The contractor ...": the heading, then the clause
            self.start("heading")
            self.lines.append((line.number, run_in.start(1) + 1, run_in.group(1).rstrip()))
            self.start()
            cut = run_in.end()
        content = line.raw[cut:].strip()
        heading = parse_heading(content)
        field = is_field_line(content)
        label = field and content.endswith(":")  # "Description:" heads the text under it
        if self.lines and label:
            self.flush()
        if self.lines:
            last = self.lines[-1][2]
            if self.kind == "list_item":
                wrapped = line.indent > 0 or (
                    not last.endswith(_ENDS_CLAUSE) and content[:1].islower()
                )
                if heading is not None or not wrapped:
                    self.flush()  # the text has moved on from the list
            elif heading is not None:
                self.flush()
            elif len(last) >= _UNWRAPPED and last.rstrip("'\"’”)").endswith((".", "!", "?")):
                self.flush()  # a line too long to be hard-wrapped is a paragraph of its own
            elif self.one_per_line and self._line_ends_block(last, content, field):
                self.flush()  # "Fees and reviews" above the text it heads
                if last.endswith(":"):
                    self.items = True  # short lines under "… basis for:" are its items
            elif field != self.fields and (self.fields or last.endswith(_ENDS_CLAUSE)):
                # Field lines stay together: "value: …" after a sentence starts a block,
                # and so does the text under a run of fields.
                self.flush()
        if not self.lines and self.items:
            if _is_item(content) and heading is None and not field:
                self.kind, self.list_level = "list_item", 0
            else:
                self.items = False
        if not self.lines:
            self.fields = field and not label
        elif not field:
            self.fields = False
        self.append(line, cut)
        nxt = following.content if following is not None else ""
        if heading is not None and (
            heading.markdown_level or (heading.is_title and not nxt[:1].islower())
        ):
            self.flush()  # "2.2 Staffing" is a heading even without a blank line after it

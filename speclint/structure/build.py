"""Build the clause tree of a document from its blocks.

Each block is offered to the clause grammar (``clause.lark``). Labels nest by kind:
document divisions (Schedule, Part, Annex) hold decimal clauses, decimal clauses
nest by depth (``4`` > ``4.3`` > ``4.3.2``) and list items nest by style in the order
they first appear (``(a)`` then ``(i)``). An unnumbered paragraph belongs to the
clause above it, which is how a reader would cite it. A table row becomes one
unit whose text is ``Header: cell | Header: cell``, so rules can see the header
row ("Consequence of breach") beside each value.

A unit is one clause as its author wrote it: its numbered paragraph with the
continuation paragraphs and list items under it. A unit never crosses a heading or a
table; text that resumes a clause after a table is a new unit of the same clause. A
list item is read with the sentence that introduces it ("The Provider will be paid:"
before "£30 for each client who has quit"), and a unit longer than
:data:`MAX_WORDS` is split, at a paragraph boundary where one falls late enough.
A bullet inside a table cell (a PDF ``list_item`` block with a table reference and
header) is a list item of its own, read after the cell's own text before it or, when
the cell holds only bullets, after the row's label and the column's header.

The builder works on private mutable drafts and freezes them at the end into
:class:`~speclint.models.Unit` objects, which nothing changes afterwards: each
sentence classified (:mod:`speclint.structure.meaning`), each unit marked quiet or
not, and each list item told where its lead-in is written (``lead_source``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from speclint.models import (
    Block,
    BlockKind,
    Document,
    LeadSource,
    Location,
    Segment,
    Sentence,
    Unit,
    unvalidated,
)
from speclint.structure.buyer import buyer_reading
from speclint.structure.key_value import key_value_tables, without_headers
from speclint.structure.kinds import (
    DocumentKind,
    adopts,
    advice_section,
    decides,
    decision_labelled,
    decision_parts,
    decision_section,
    document_kind,
    has_blank,
    kind_flags,
    narrative_section,
    own_record,
    record_section,
    taken_up,
)
from speclint.structure.labels import (
    Heading,
    Label,
    LabelStyle,
    item_style,
    looks_like_title,
    parse_heading,
)
from speclint.structure.meaning import (
    classify,
    definition_row,
    flaggable,
    quiet_section,
    sentence_classes,
    sentence_flags,
    set_aside_parts,
)
from speclint.structure.referents import points_back
from speclint.structure.sentences import split_sentences, unvalidated_sentence
from speclint.structure.voice import first_person, relayed

_KEYWORD_RANK = {
    "schedule": 0,
    "annex": 0,
    "annexe": 0,
    "appendix": 0,
    "part": 1,
    "section": 2,
}
#: Level given to headings whose level the format cannot say (plain text).
UNLEVELLED = 99
_DECIMAL_KEYWORDS = frozenset({"clause", "article", "paragraph", "para."})
#: Longest unit, in words, before it is split (a long real clause runs to about 250).
MAX_WORDS = 300
#: Most levels of the clause tree (a real document nests about ten: Schedule, Part,
#: 4, 4.3, 4.3.2, (a), (i)); a clause nested deeper is shown beside the clauses at the
#: last level, so that the tree can be walked, printed and written as JSON. Its number
#: and its unit are as they would be.
MAX_DEPTH = 64
#: A bullet glyph a format left at the start of a list item's text ("• ", "- "), or a
#: bullet symbol set tight against the text ("•Large"), as PDFs often print them.
_BULLET = re.compile(r"^\s*(?:[•▪◦‣●○■□➢►✓✔·*–-]\s+|[•▪◦‣●■➢►✓✔]\s*(?=\S))")
#: A lead-in longer than this is a paragraph that happens to end in a colon.
_MAX_LEAD_WORDS = 60
#: How many blocks after a "1." are searched for its own "1.1" (see _has_subclauses).
_SUBCLAUSE_REACH = 40
#: A whole clause number and its text ("2. The Commissioner shall …").
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,3}[.)]\s")
#: A first list item behind an opening quotation mark ("‘1. To balance …").
_QUOTED_FIRST = re.compile(r"^\s*[‘“'\"]\s*1[.)]\s")
#: A capital letter that may name a part of a schedule ("A. Service Specifications").
_PART_LETTER = re.compile(r"^[A-Z]\.$")
#: A part named by a letter ("Part A"), whose successor a "B." title can be.
_PART_NAME = re.compile(r"^(?i:part) [A-Z]$")
# An unnumbered title naming a whole part of a contract, which no Schedule, Annex or
# Part holds: "General Conditions" after "Schedule 6 Part A" closes the schedule.
_CONTRACT_PART = re.compile(
    r"^(?:the\s+)?(?:(?:nhs\s+)?(?:general|service|special|standard)\s+conditions"
    r"|particulars|terms\s+and\s+conditions|conditions\s+of\s+(?:the\s+)?contract"
    r"|form\s+of\s+(?:agreement|contract)|(?:table\s+of\s+)?contents"
    r"|execution|signatures?)\b(?!\s+(?:of|for|to)\b)",
    re.IGNORECASE,
)
#: How many blocks a group row's neighbours are looked for in (see _group_row).
MAX_HEADER_SCAN = 60


@dataclass(eq=False)
class _Draft:
    """A unit while the builder is still adding to it; frozen into a :class:`Unit` at the end."""

    text: str
    kind: BlockKind
    heading_path: tuple[str, ...]
    number: str | None = None
    label: str | None = None
    heading: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    table_header: tuple[str, ...] | None = None
    lead_in: int = 0
    continues: bool = False
    group: int = 0
    lead: _LeadIn | None = None  # the lead-in copied to the front of ``text``
    depth: int = 0  # levels above it in the clause tree


@dataclass(frozen=True)
class _LeadIn:
    """The sentence that introduces a list, where it is in its block and in its unit.

    ``source`` is the unit where the sentence is written (``None`` when it is put
    together from a row's label and a column's header, which no unit says as it reads)
    and ``source_start``/``source_end`` where it is in that unit's text.
    """

    text: str
    block: int
    block_start: int
    skip: int = 0  # leading characters no block holds (a table header key, "Aims: ")
    held: int | None = None  # characters after ``skip`` that the block holds (default: all)
    source: _Draft | None = None
    source_start: int = 0
    source_end: int = 0


@dataclass
class _Open:
    """An entry on the stack of open clauses and headings."""

    clause: _Draft | None  # None for a pure heading
    rank: tuple[int, int]  # lower ranks enclose higher ones
    label: Label | None = None
    heading_level: int | None = None
    heading: str | None = None
    list_level: int | None = None  # set when the entry is a Markdown or Word list item
    led: bool = False  # a numbered item of a list after a lead-in ("three tiers:", "1.")
    inside: bool = False  # a sub-title kept inside the titled clause beneath it
    unit: _Draft | None = None  # the unit that collects this clause's running text
    name: str | None = field(init=False, default=None)  # ``heading`` as the heading path has it

    def __post_init__(self) -> None:
        if self.heading:
            self.name = " ".join(self.heading.split())


@dataclass
class Outline:
    """A document with its clause tree and the flat list of units rules look at.

    Both hold frozen :class:`Unit` objects; a unit split for length is whole in the
    tree and in pieces in ``units``.
    """

    document: Document
    clauses: list[Unit] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    kind: DocumentKind = "requirements"
    #: False for a page that buys nothing (:func:`speclint.structure.buyer.buyer_reading`).
    bought: bool = True
    #: False for a page of four sentences or more with no mark of buying at all (the
    #: stricter reading of :func:`speclint.structure.buyer.buyer_reading`).
    buying_marked: bool = True

    def title(self) -> Block | None:
        """The document's title: its first heading with words in it (``None``: no heading)."""
        return _first_heading(self.document.blocks)

    def locate(self, clause: Unit, start: int, end: int) -> Location:
        """Return the location of ``clause.text[start:end]`` in the source document."""
        seg = _segment_at(clause, start)
        document = self.document
        block = document.blocks[seg.block] if seg else None
        base = block.location if block else Location(path=document.path)
        # As base.model_copy(update=...), which validates nothing either, for less.
        values = base.__dict__.copy()
        values["path"] = document.path
        values["clause"] = clause.number
        values["section"] = clause.heading_path or None
        if seg is not None and block is not None:
            # An offset in text no block holds (a table header prefix "Threshold: ")
            # is placed at the start of the cell that follows it.
            b_start = seg.block_start + (max(start, seg.start) - seg.start)
            b_end = seg.block_start + (max(min(end, seg.end), seg.start) - seg.start)
            b_end = max(b_end, b_start)
            values.update(_position(block, b_start, b_end))
        return unvalidated(Location, values)


def _segment_at(clause: Unit | _Draft, offset: int) -> Segment | None:
    segments = clause.segments
    if len(segments) < 2:
        return segments[0] if segments else None
    i = max(0, bisect_right([s.start for s in segments], offset) - 1)
    seg = segments[i]
    if offset >= seg.end and i + 1 < len(segments):
        return segments[i + 1]
    return seg


def _position(block: Block, start: int, end: int) -> dict[str, object]:
    """Line, column and page of a character range of ``block.text``."""
    anchors = block.anchors
    if not anchors:
        if block.location.line is None and block.location.page is None:
            # Word: the column is the character offset within the paragraph.
            return {"column": start + 1, "end_column": end + 1}
        return {}
    last_at = max(start, end - 1)
    if len(anchors) == 1:
        first = last = anchors[0]
    else:
        offsets = [a.offset for a in anchors]
        first = anchors[max(0, bisect_right(offsets, start) - 1)]
        last = anchors[max(0, bisect_right(offsets, last_at) - 1)]
    out: dict[str, object] = {}
    if first.line is not None:
        out["line"] = first.line
    if first.column is not None:
        out["column"] = first.column + start - first.offset
    if first.page is not None:
        out["page"] = first.page
    if last.line is not None:
        out["end_line"] = last.line
    if last.column is not None:
        out["end_column"] = last.column + last_at - last.offset + 1
    return out


def _rank(label: Label, previous_items: list[str]) -> tuple[int, int]:
    if label.style == "keyword":
        word = label.text.split()[0].lower()
        if word in _DECIMAL_KEYWORDS:
            return (10, label.text.count(".") + 1)
        return (_KEYWORD_RANK.get(word, 2), 0)
    if label.style == "decimal":
        return (10, label.depth)
    style = label.style
    if style not in previous_items:
        previous_items.append(style)
    return (20, previous_items.index(style))


def _is_heading_only(block: Block, heading: Heading) -> bool:
    if block.kind == "list_item":
        return False
    if block.kind == "heading" or heading.markdown_level is not None or heading.is_title:
        return True
    last = heading.labels[-1] if heading.labels else None
    if last is not None and last.style in ("upper_alpha", "upper_roman"):
        # "A. Service Specifications", "II. Payment": a lettered part's title.
        return last.text.endswith(".") and looks_like_title(heading.text)
    return last is not None and last.style in ("decimal", "keyword") and not heading.text


def _number(stack: list[_Open], label: Label | None) -> str | None:
    """Compose the clause number a reader would cite, from the open labels."""
    labels = [e.label for e in stack if e.label is not None]
    if label is not None:
        labels.append(label)
    containers: list[str] = []
    decimal = ""
    items = ""
    for lab in labels:
        if lab.style == "keyword" and _rank(lab, []) < (10, 0):
            containers.append(lab.text)
            decimal, items = "", ""
        elif lab.style in ("decimal", "keyword"):
            decimal, items = lab.text.rstrip("."), ""
        elif lab.style == "number" and not lab.text.startswith("(") and decimal and not items:
            decimal = f"{decimal}.{lab.text.rstrip('.)')}"
        else:
            item = lab.text if lab.text.startswith("(") else f"({lab.text.rstrip('.)')})"
            items += item
    parts = [*containers, decimal + items] if decimal or items else containers
    return " ".join(p for p in parts if p) or None


#: Not read yet (a label the grammar reads as no heading is cached as ``None``).
_UNREAD: Any = object()


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[_Open] = []
        self.roots: list[_Draft] = []
        self.units: list[_Draft] = []
        self.drafts: list[_Draft] = []  # every unit made, in order
        self.item_styles: list[str] = []
        self.table_row: tuple[int, int] | None = None
        self.row_clause: _Draft | None = None
        self.leads: list[tuple[int, _LeadIn]] = []  # open lead-ins by list depth
        self.rows_to_split: set[int] = set()  # table rows whose sentences are split at the end
        # The table cell last read, its text as a lead-in for its bullets, and the first
        # cell of its row (block, header key, text): see _add_cell_item.
        self.cell: tuple[int, int, int] | None = None
        self.cell_lead: _LeadIn | None = None
        self.row_label: tuple[int, str, str] | None = None
        self.item_cell: tuple[int, int, int] | None = None  # the cell whose items are read
        self.groups = 0  # the last clause group handed out (see Unit.group)
        # The group row last read in a table (table index, its text): see _group_row.
        self.table_group: tuple[int, str] | None = None
        self.heading_levels: list[int] = []  # levels of the headings read, in order (PDF)
        # The text :meth:`_parent_referent` last split into sentences, and its sentences:
        # the unit made next reads them again when its text is the same.
        self.split: tuple[str, list[Sentence]] | None = None
        # Each Word label read so far ("1.2", "(a)") as the grammar reads it.
        self.word_labels: dict[str, Heading | None] = {}

    # -- stack helpers -------------------------------------------------------
    def _section(self) -> tuple[str, ...]:
        path = tuple(e.name for e in self.stack if e.name is not None)
        group = self.table_group
        if group is not None and self.table_row is not None and self.table_row[0] == group[0]:
            return (*path, group[1])
        return path

    def _heads_table(self, index: int) -> bool:
        """True when the first row at block ``index`` is its table's header.

        It is, unless the table has rows after it and none of their cells carries a
        header (a PDF table whose first row is data): a one-row table keeps its row as
        the header it always was.
        """
        blocks = self.document.blocks
        table = blocks[index].location.table
        later = False
        for block in blocks[index + 1 :]:
            ref = block.location.table
            if ref is None or table is None or ref.index != table.index:
                break
            if ref.row == 1 or block.kind != "table_cell":
                continue
            if block.header is not None:
                return True
            later = True
        return not later

    def _group_row(self, index: int, block: Block) -> bool:
        """True for a row that names the group of rows below it ("Process measures").

        Its one cell is a short title and every other cell of its row is empty (or
        repeats it, as a merged Word cell does), in a table of two columns or more; a
        PDF row drawn across the whole table comes with no column header.
        """
        table = block.location.table
        cell = " ".join(block.text.split())
        if table is None or table.row < 2 or table.column != 1 or not looks_like_title(cell):
            return False
        blocks = self.document.blocks
        same: list[Block] = []
        for n in range(index + 1, min(len(blocks), index + 1 + MAX_HEADER_SCAN)):
            ref = blocks[n].location.table
            if ref is None or ref.index != table.index or ref.row != table.row:
                break
            same.append(blocks[n])
        if any(b.text.strip() and " ".join(b.text.split()) != cell for b in same):
            return False
        if block.header is not None:
            # Word gives no block for an empty cell, nor a second for a merged one.
            return (
                len(block.header) >= 2
                and (len(same) >= 1 or self.document.format == "docx")
                and self._heads_rows(index + 1 + len(same), table.index)
            )
        if self.document.format not in ("pdf", "docx", "md"):
            return False
        for b in blocks[index + 1 + len(same) : index + 1 + MAX_HEADER_SCAN]:
            ref = b.location.table
            if ref is None or ref.index != table.index:
                return False
            if b.header is not None:
                return len(b.header) >= 2
        return False

    def _heads_rows(self, start: int, table: int) -> bool:
        """True when the row at block ``start`` of ``table`` holds data beside its first cell.

        A row of one title with empty cells beside it names the rows below only when
        they are filled in: a row like it, or none, under it means that the table's
        rows are data with blanks (a checklist whose answers are left for a bidder).
        """
        blocks = self.document.blocks
        row: int | None = None
        for block in blocks[start : start + MAX_HEADER_SCAN]:
            ref = block.location.table
            if ref is None or ref.index != table:
                return False
            if block.kind != "table_cell":
                continue  # a bullet inside a cell: its cell's text came first
            if row is None:
                row = ref.row
            elif ref.row != row:
                return False
            if ref.column > 1 and block.text.strip():
                return True
        return False

    def _attach(self, clause: _Draft) -> None:
        """Put ``clause`` under the innermost open clause, no deeper than :data:`MAX_DEPTH`."""
        for entry in reversed(self.stack):
            parent = entry.clause
            if parent is not None and parent.depth < MAX_DEPTH - 1:
                parent.children.append(clause)
                clause.depth = parent.depth + 1
                return
        self.roots.append(clause)

    def _innermost(self) -> _Open | None:
        for entry in reversed(self.stack):
            if entry.clause is not None:
                return entry
        return None

    def _pop_to(self, rank: tuple[int, int]) -> None:
        while self.stack and (
            self.stack[-1].rank >= rank
            # A sub-title inside a clause closes with it.
            or (self.stack[-1].inside and len(self.stack) > 1 and self.stack[-2].rank >= rank)
        ):
            self.stack.pop()
        if rank[0] < 20:
            # A new decimal or division starts a fresh run of list-item styles.
            depth = sum(1 for e in self.stack if e.rank[0] == 20)
            del self.item_styles[depth:]

    def _pop_heading(self, level: int, *, whole_part: bool = False) -> None:
        """Close what a heading at ``level`` ends.

        ``whole_part`` marks a title naming a part of a contract of its own ("General
        Conditions"), which closes any division open at its level too.
        """
        while self.stack:
            top = self.stack[-1]
            if top.heading_level is not None and top.heading_level < level:
                break
            if (
                top.label is not None
                and top.rank[0] < 10
                and not whole_part
                and (
                    level >= top.heading_level
                    if top.heading_level is not None
                    else level == UNLEVELLED
                )
            ):
                # A division (Schedule, Annex, Appendix, Part) stays open across headings
                # of its own level and below, until another division or a higher heading
                # closes it: its name is part of every clause number beneath it, whether
                # the format made its title a Word Title, a '#' heading or a bold line.
                break
            self.stack.pop()
        self.item_styles.clear()

    # -- block handlers --------------------------------------------------------
    def _new_group(self) -> int:
        self.groups += 1
        return self.groups

    def _break(self) -> None:
        """End the running units: the next text of an open clause starts a new one."""
        for entry in self.stack:
            entry.unit = None

    def _lead_for(self, depth: int) -> _LeadIn | None:
        """The lead-in that a list item at ``depth`` is read with, if any."""
        while self.leads and self.leads[-1][0] >= depth:
            self.leads.pop()
        return self.leads[-1][1] if self.leads else None

    def _offer_lead(self, depth: int, unit: _Draft) -> None:
        """Make the last sentence of ``unit`` the lead-in at ``depth`` when it ends in ':'.

        A list item whose last sentence is left open ("… should have the following key
        features") leads in the items under it too, with a colon put in.
        """
        lead = _lead_of(unit)
        if lead is None and depth >= 0 and unit.kind == "list_item":
            lead = _open_item_lead(unit)
        if lead is not None:
            self.leads.append((depth, lead))

    def add(self, index: int, block: Block) -> None:
        if block.kind == "table_cell":
            if self.table_row is None:
                self._close_led_list()
            self.leads.clear()
            self._add_cell(index, block)
            return
        if block.kind == "list_item" and self._in_cell(block):
            self._add_cell_item(index, block)
            return
        if self.table_row is not None:
            self._break()
        self.table_row = None
        if block.kind == "quote":
            self._new_unit(index, block, 0, number=_number(self.stack, None), kind=block.kind)
            return
        if block.kind in ("comment", "footnote", "endnote"):
            self._new_unit(index, block, 0, number=None, kind=block.kind, attach=False)
            return
        if block.kind == "heading" and block.heading_level is not None:
            self.heading_levels.append(block.heading_level)
        heading = self._heading(block)
        if heading is None or (not heading.labels and heading.markdown_level is None):
            if block.kind == "heading":
                self._add_pure_heading(block.heading_level or UNLEVELLED, block.text.strip())
                return
            self._add_text(index, block)
            return
        if not heading.labels:
            self._add_pure_heading(heading.markdown_level or 1, heading.text)
            return
        self._add_labelled(index, block, heading)

    def _heading(self, block: Block) -> Heading | None:
        if block.label:
            word_label = self.word_labels.get(block.label, _UNREAD)
            if word_label is _UNREAD:
                word_label = self.word_labels[block.label] = parse_heading(
                    block.label.strip() + " "
                )
            labels = word_label.labels if word_label else ()
            if not labels:
                return Heading((), block.text, 0, None) if block.kind == "heading" else None
            return Heading(labels, block.text.strip(), len(block.text) - len(block.text.lstrip()))
        if block.kind in ("quote",):
            return None
        return parse_heading(block.text)

    def _add_pure_heading(self, level: int, text: str) -> None:
        self.leads.clear()
        inside = level == UNLEVELLED and self._pop_to_titled_clause()
        if not inside:
            self._pop_heading(level, whole_part=bool(_CONTRACT_PART.match(text)))
        self.stack.append(
            _Open(None, (-1, level), heading_level=level, heading=text, inside=inside)
        )

    def _pop_to_titled_clause(self) -> bool:
        """Close what is open down to a numbered title ("2. Service requirements"), if any.

        A title with no number and no level (a plain-text "Key requirements") under a
        numbered section title of plain text is a sub-title of that section: it stays
        inside it, and the section's next number ("3.") closes both. Returns ``False``,
        leaving the stack alone, when no such section is open.
        """
        for at in range(len(self.stack) - 1, -1, -1):
            entry = self.stack[at]
            if entry.label is None:
                if entry.inside or entry.heading_level == UNLEVELLED:
                    continue
                return False
            if entry.rank[0] < 10:
                return False
            if (
                entry.label.style == "decimal"
                and entry.name is not None
                and entry.heading_level is None
                and not entry.led
            ):
                del self.stack[at + 1 :]
                self.item_styles.clear()
                return True
        return False

    def _part_label(self, block: Block, heading: Heading) -> Label | None:
        """``Part A`` for a lettered title that opens a part of a schedule, else ``None``.

        "A. Service Specifications" is a part when it is a title straight under a
        Schedule, Annex or Appendix (no clause opened since), or when it follows part
        "A" with the next letter ("B. Indicative Activity Plan"). A lettered item
        inside a clause ("a.", "(a)", "A. The Provider shall …") never is.
        """
        if len(heading.labels) != 1 or block.kind == "list_item":
            return None
        letter = heading.labels[0].text
        if not _PART_LETTER.match(letter) or not _is_heading_only(block, heading):
            return None
        letter = letter[0]
        direct = True  # no clause opened since the division
        for entry in reversed(self.stack):
            if entry.label is None:
                continue
            if entry.rank[0] >= 10:
                direct = False
                continue
            before = entry.label.text
            if entry.rank[0] == 0:
                opens = direct and item_style(letter) == "upper_alpha"
            else:
                opens = bool(_PART_NAME.match(before)) and ord(letter) == ord(before[-1]) + 1
            return Label(f"Part {letter}", "keyword") if opens else None
        return None

    def _add_labelled(self, index: int, block: Block, heading: Heading) -> None:
        part = self._part_label(block, heading)
        if part is not None:
            heading = Heading((part,), heading.text, heading.text_offset, heading.markdown_level)
        labels = list(heading.labels)
        if labels[-1].style not in ("decimal", "keyword"):
            last = labels[-1]
            labels[-1] = Label(last.text, self._item_style(last.text), last.depth)
        level = heading.markdown_level or (block.heading_level if block.kind == "heading" else None)
        if level is not None and self.document.format == "pdf" and _rank(labels[0], [])[0] == 0:
            level = self._section_level(level)
        if level is not None:
            self._pop_heading(level)
        # Containers named before the clause label ("Schedule 2 Part A 3(b)") open first;
        # one already open under the same name ("Schedule 2 – Part B" in Schedule 2)
        # stays open, with its title.
        for lab in labels[:-1]:
            rank = _rank(lab, self.item_styles)
            if any(
                e.rank == rank and e.label is not None and e.label.text.lower() == lab.text.lower()
                for e in self.stack
            ):
                self._pop_to((rank[0], rank[1] + 1))
                if self.stack and self.stack[-1].rank == rank:
                    continue
            self._pop_to(rank)
            title = lab.text if lab.style == "keyword" and rank[0] < 10 else None
            self.stack.append(_Open(None, rank, label=lab, heading=title))
        label = labels[-1]
        under = self._list_number_under_clause(block, label)
        led = (
            not under
            and len(labels) == 1
            and self._numbered_after_lead(index, block, heading, label)
        )
        if under or (led and self._in_decimal_clause()):
            label = Label(label.text.rstrip("."), "number")
        # An item of a list after a lead-in, in no numbered clause, keeps the number it
        # prints ("2"), ranked as a list item so that it takes the lead-in and closes
        # where the list ends.
        rank = _rank(Label(label.text.rstrip("."), "number") if led else label, self.item_styles)
        self._pop_to(rank)
        number = _number(self.stack, label)
        heading_only = _is_heading_only(block, heading)
        title = None
        if heading_only:
            title = f"{block.label} {block.text.strip()}" if block.label else block.text.strip()
            title = title.lstrip("#").strip()
            self.leads.clear()
        depth = _list_depth(rank)
        lead = self._lead_for(depth) if depth is not None else None
        if depth is None and not heading_only and label.style == "decimal":
            lead = self._parent_referent(number, block.text[heading.text_offset :])
        clause = self._new_unit(
            index,
            block,
            heading.text_offset,
            number=number,
            kind=block.kind,
            label=label.text,
            heading=heading.text if heading_only else None,
            text="" if heading_only else None,
            lead=lead,
        )
        if not heading_only:
            if depth is None:
                self.leads.clear()
            self._offer_lead(-1 if depth is None else depth, clause)
        listed = block.list_level if block.kind == "list_item" else None
        self.stack.append(
            _Open(
                clause,
                rank,
                label=label,
                heading_level=level,
                heading=title,
                list_level=listed,
                led=led,
                unit=clause,
            )
        )

    def _parent_referent(self, number: str | None, text: str) -> _LeadIn | None:
        """The clause above, as a lead-in, for a sub-clause that points back at it.

        "4.2.1 No extra payment will be made for this time" is read after "4.2 Every
        nurse will have monthly supervision." (see :mod:`speclint.structure.referents`).
        """
        if number is None or not self.stack:
            return None
        entry = self.stack[-1]
        parent = entry.clause
        if (
            parent is None
            or parent.number is None
            or parent.heading is not None
            or entry.label is None
            or entry.label.style != "decimal"
            or not number.startswith(f"{parent.number}.")
        ):
            return None
        sentences = split_sentences(text)
        self.split = (text, sentences)  # the unit about to be made reads the same text
        if not sentences or not points_back(text[sentences[0].start : sentences[0].end]):
            return None
        return _referent_lead(parent)

    def _section_level(self, level: int) -> int:
        """The level of a PDF's top sections, which a Schedule, Annex or Appendix title takes.

        A PDF's heading levels come from its type sizes, and an annex is often printed
        in the size of a subsection; it still starts a section of the document's top
        level. A first heading above every other (the title on the cover) stays above.
        """
        seen = self.heading_levels[:-1]  # the headings before this one
        if not seen:
            return level
        first, rest = seen[0], seen[1:]
        top = min(rest) if rest and first < min(rest) else min(seen)
        return min(level, top)

    def _in_decimal_clause(self) -> bool:
        """True when a decimal clause ("3.1") is open, so that an item reads as "3.1.1"."""
        return any(
            e.label is not None and e.label.style == "decimal" and not e.led for e in self.stack
        )

    def _close_led_list(self) -> None:
        """Close a numbered list after a lead-in before a table, unless its item leads in."""
        top = self.stack[-1] if self.stack else None
        if top is None or not top.led:
            return
        if top.clause is not None and top.clause.text.rstrip().endswith(":"):
            return  # "3. Hubs will report the figures below:" introduces the table
        while self.stack and self.stack[-1].led:
            self.stack.pop()

    def _numbered_after_lead(
        self, index: int, block: Block, heading: Heading, label: Label
    ) -> bool:
        """True when "1." (or the next number of such a list) is an item after a lead-in.

        "The service will be organised in three tiers:" then "1. …", "2. …", "3. …": a
        list that starts at 1 straight after a lead-in, in a paragraph or list item that
        is no title, is a list of the clause it is in, not the document's own clauses 1 to
        3; the items that follow it number on. A "1." whose own sub-clauses follow
        ("1.1") is a clause ("It is agreed as follows:" then "1. The Provider shall …").
        """
        if label.style != "decimal" or label.depth != 1 or _is_heading_only(block, heading):
            return False
        if block.kind not in ("paragraph", "list_item"):
            return False
        number = label.text.rstrip(".")
        if not number.isdigit():
            return False
        top = self.stack[-1] if self.stack else None
        if top is not None and top.led and top.label is not None:
            before = top.label.text.rstrip(".")
            return before.isdigit() and int(before) + 1 == int(number)
        if number != "1":
            return self._after_quoted_first(index, int(number))
        if not self.leads or self.leads[-1][0] != -1:
            return False
        return not self._has_subclauses(index, number)

    def _after_quoted_first(self, index: int, number: int) -> bool:
        """True for "2." after a lead-in and a first item its quotation mark hid.

        "… three key principles:", "‘1. To balance risk …;", "2. That …": the opening
        quotation mark keeps "1." from being read as a number, so the list is known
        by its second item, straight after the first and the lead-in.
        """
        if number != 2 or index < 2:
            return False
        first, lead = self.document.blocks[index - 1], self.document.blocks[index - 2]
        return (
            _QUOTED_FIRST.match(first.text) is not None
            and lead.text.rstrip().endswith(":")
            and not self._has_subclauses(index, "2")
        )

    def _has_subclauses(self, index: int, number: str) -> bool:
        """True when a clause numbered ``number``.1 follows block ``index``.

        The search stops at the next heading or the next whole number ("2."): the
        sub-clauses of a clause come before either.
        """
        prefix = f"{number}."
        for block in self.document.blocks[index + 1 : index + 1 + _SUBCLAUSE_REACH]:
            text = block.label or block.text.lstrip()
            if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1].isdigit():
                return True
            if block.kind == "heading" or _WHOLE_NUMBER.match(text):
                return False
        return False

    def _list_number_under_clause(self, block: Block, label: Label) -> bool:
        """True when a list item "1." sits under an open clause and reads as its "2.1".

        A sibling item of the same list ("2." after "1.") is not; an item under a clause
        heading ("### 2. Payment") or under an item of an outer list is.
        """
        if block.kind != "list_item" or label.style != "decimal" or label.depth != 1:
            return False
        for entry in reversed(self.stack):
            if entry.label is None or entry.label.style != "decimal":
                continue
            if entry.list_level is None:
                return True
            return (block.list_level or 0) > entry.list_level
        return False

    def _item_style(self, text: str) -> LabelStyle:
        """Settle ``(i)``: alphabetic straight after ``(h)``, otherwise roman."""
        body = text.strip("()")
        for entry in reversed(self.stack):
            if entry.rank[0] == 20 and entry.label is not None:
                before = entry.label.text.strip("()")
                if len(body) == len(before) == 1 and ord(body) == ord(before) + 1:
                    return entry.label.style
                break
        return item_style(body)

    def _add_text(self, index: int, block: Block) -> None:
        entry = self._innermost()
        if self.stack and self.stack[-1].clause is None and self.stack[-1].label is None:
            entry = None  # text under a heading opened after the clause is not the clause's
        if entry is not None and block.kind != "list_item":
            if self._in_list(entry) and block.kind == "paragraph" and block.list_level is None:
                # A plain paragraph after a list belongs to the clause the list is in.
                while self.stack and self._in_list(self.stack[-1]):
                    self.stack.pop()
                entry = self._innermost()
            if entry is not None and entry.clause is not None:
                if entry.unit is not None and self._list_read_since(entry.unit):
                    # "The benefits include:", its list, then a paragraph: the paragraph
                    # is new text of the clause, not more of the lead-in.
                    entry.unit = None
                if entry.unit is None:
                    entry.unit = self._new_unit(
                        index,
                        block,
                        0,
                        number=entry.clause.number,
                        kind=block.kind,
                        attach=False,
                        continues=True,
                        group=entry.clause.group,
                    )
                else:
                    self._extend(entry.unit, index, block)
                self.leads.clear()
                self._offer_lead(-1, entry.unit)
                return
        number = _number(self.stack, None)
        depth = (block.list_level or 0) if block.kind == "list_item" else None
        bullet = _BULLET.match(block.text) if depth is not None else None
        unit = self._new_unit(
            index,
            block,
            bullet.end() if bullet else 0,
            number=number,
            kind=block.kind,
            lead=self._lead_for(depth) if depth is not None else None,
        )
        if depth is None:
            self.leads.clear()
        self._offer_lead(-1 if depth is None else depth, unit)

    def _list_read_since(self, unit: _Draft) -> bool:
        """True when ``unit`` ends in a lead-in and the items of its list came after it."""
        return (
            bool(self.drafts)
            and self.drafts[-1] is not unit
            and self.drafts[-1].lead_in > 0
            and unit.text.rstrip().endswith(":")
        )

    def _in_list(self, entry: _Open) -> bool:
        """True for an open list item that a plain paragraph closes.

        A lettered or bracketed item always; any list item in Markdown and plain text,
        where a list ends at the first paragraph outside it (in Word, automatic
        numbering is often the clause numbering, and a body paragraph continues it).
        """
        return entry.rank[0] == 20 or (
            entry.list_level is not None and self.document.format in ("md", "txt")
        )

    def _in_cell(self, block: Block) -> bool:
        """True for a bullet inside a table of data (PDF), not a list in a layout table.

        A PDF cell's bullet carries the table's header, or, in a row that runs across
        the table (a section row), follows the table's other cells.
        """
        table = block.location.table
        if table is None:
            return False
        return block.header is not None or (
            self.document.format == "pdf"
            and self.table_row is not None
            and self.table_row[0] == table.index
        )

    def _add_cell_item(self, index: int, block: Block) -> None:
        """Read a bullet in a table cell as a list item after its lead-in.

        The lead-in is the cell's own text before its bullets ("The Provider will:"),
        or else the row's label and the column's header ("Service: Pharmacy | Aims:"),
        each with its header key as the row reads. A deeper bullet is read after the
        item above it, as in any list.
        """
        table = block.location.table
        assert table is not None
        key = (table.index, table.row, table.column)
        if (table.index, table.row) != self.table_row:
            self.table_row = (table.index, table.row)
            self.row_clause = None
            self.row_label = None
        if self.item_cell != key:
            self.item_cell = key
            lead = self.cell_lead if self.cell == key else self._header_lead(index, block)
            self.leads = [(-1, lead)] if lead is not None else []
        depth = block.list_level or 0
        bullet = _BULLET.match(block.text)
        unit = self._new_unit(
            index,
            block,
            bullet.end() if bullet else 0,
            number=_number(self.stack, None),
            kind=block.kind,
            lead=self._lead_for(depth),
        )
        self._offer_lead(depth, unit)

    def _header_lead(self, index: int, block: Block) -> _LeadIn | None:
        """The row label and column header that introduce a cell holding only bullets."""
        table = block.location.table
        if table is None or block.header is None:
            return None
        column = block.header[table.column - 1].strip() if table.column <= len(block.header) else ""
        label = self.row_label if table.column > 1 else None
        if label is None:
            return _LeadIn(f"{column}:", index, 0, skip=len(column) + 1, held=0) if column else None
        # The lead-in is made of the row's label and a column's header, and no unit says
        # it as it reads, so it has no source (see _LeadIn).
        at, key, text = label
        tail = f" | {column}:" if column else ":"
        skip = len(key) + 2 if key else 0
        start = f"{key}: " if key else ""
        return _LeadIn(f"{start}{text}{tail}", at, 0, skip=skip, held=len(text))

    def _add_cell(self, index: int, block: Block) -> None:
        table = block.location.table
        key = (table.index, table.row) if table else None
        cell = block.text.strip()
        header = ""
        if table and block.header and table.column - 1 < len(block.header):
            header = block.header[table.column - 1].strip()
        prefix = f"{header}: " if header and cell else ""
        self.item_cell = None
        self.cell = (table.index, table.row, table.column) if table else None
        new_row = key != self.table_row
        last = self.row_clause
        if key is not None and key == self.table_row and last is not None:
            row, at = last, len(last.text) + 3 + len(prefix) if last.text else len(prefix)
            if cell:
                joiner = " | " if last.text else ""
                last.text += f"{joiner}{prefix}{cell}"
                last.segments.append(
                    _segment(
                        start=at, end=len(last.text), block=index, block_start=_lead(block.text)
                    )
                )
                self.rows_to_split.add(id(last))
        else:
            self.table_row = key
            number = _number(self.stack, None)
            is_header_row = table is not None and table.row == 1 and self._heads_table(index)
            group = table is not None and self._group_row(index, block)
            if group:
                self.table_group = None  # a group row heads the rows after it, not itself
            row, at = self._new_row(index, block, prefix, cell, number), len(prefix)
            if group and table is not None:
                self.table_group = (table.index, " ".join(cell.split()))
            self._attach(row)
            self.row_clause = row
            if not is_header_row:
                self.units.append(row)
        self.cell_lead = (
            _cell_lead(prefix, cell, index, _lead(block.text), row, at) if cell else None
        )
        if table is not None and table.column == 1 and cell:
            self.row_label = (index, header, cell)
        elif new_row:
            self.row_label = None

    def _new_row(
        self, index: int, block: Block, prefix: str, cell: str, number: str | None
    ) -> _Draft:
        """The unit of a table row, holding its first cell (``Header: text``)."""
        text = f"{prefix}{cell}"
        segments = []
        if cell:
            segments.append(
                _segment(
                    start=len(prefix), end=len(text), block=index, block_start=_lead(block.text)
                )
            )
        row = _Draft(
            number=number,
            heading_path=self._section(),
            text=text,
            kind="table_cell",
            sentences=split_sentences(text),
            segments=segments,
            table_header=block.header,
            group=self._new_group(),
        )
        self.drafts.append(row)
        return row

    def _new_unit(
        self,
        index: int,
        block: Block,
        offset: int,
        *,
        number: str | None,
        kind: str,
        label: str | None = None,
        heading: str | None = None,
        text: str | None = None,
        attach: bool = True,
        lead: _LeadIn | None = None,
        continues: bool = False,
        group: int = 0,
    ) -> _Draft:
        body = block.text[offset:] if text is None else text
        trimmed = body.rstrip()
        space = len(trimmed) - len(trimmed.lstrip())
        trimmed = trimmed.lstrip()
        segments = []
        if trimmed:
            segments.append(
                _segment(start=0, end=len(trimmed), block=index, block_start=offset + space)
            )
        prefix = 0
        if lead is not None and trimmed:
            prefix = len(lead.text)
            held = prefix if lead.held is None else lead.skip + lead.held
            segments = [
                _segment(start=lead.skip, end=held, block=lead.block, block_start=lead.block_start),
                _segment(
                    start=prefix + 1,
                    end=prefix + 1 + len(trimmed),
                    block=index,
                    block_start=offset + space,
                ),
            ]
            trimmed = f"{lead.text} {trimmed}"
        split = self.split
        if split is not None:
            self.split = None
            sentences = split[1] if split[0] == trimmed else split_sentences(trimmed)
        else:
            sentences = split_sentences(trimmed)
        clause = _Draft(
            number=number,
            label=label,
            heading=heading,
            heading_path=self._section(),
            text=trimmed,
            kind=block.kind,
            sentences=sentences,
            segments=segments,
            lead_in=prefix,
            continues=continues,
            group=group or self._new_group(),
            lead=lead if prefix else None,
        )
        self.drafts.append(clause)
        if attach:
            self._attach(clause)
        elif not continues:
            self.roots.append(clause)
        self.units.append(clause)
        return clause

    def _extend(self, clause: _Draft, index: int, block: Block) -> None:
        body = block.text.strip()
        if not body:
            return
        joiner = "\n\n" if clause.text else ""
        start = len(clause.text) + len(joiner)
        clause.text += joiner + body
        clause.segments.append(
            _segment(start=start, end=len(clause.text), block=index, block_start=_lead(block.text))
        )
        # Paragraphs never share a sentence, so only the new one needs splitting.
        clause.sentences.extend(
            unvalidated_sentence(start + s.start, start + s.end) for s in split_sentences(body)
        )


def _segment(*, start: int, end: int, block: int, block_start: int) -> Segment:
    """A segment of offsets the builder worked out (ints all), made without validation."""
    return unvalidated(
        Segment, {"start": start, "end": end, "block": block, "block_start": block_start}
    )


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _list_depth(rank: tuple[int, int]) -> int | None:
    """How deep a labelled list item ("(a)", "(ii)") sits; ``None`` for a clause.

    A numbered clause is not a list item even where Word numbers it as a list.
    """
    return rank[1] if rank[0] == 20 else None


def _lead_of(unit: _Draft) -> _LeadIn | None:
    """The last sentence of ``unit``'s own text when it introduces a list (ends in ':')."""
    if not unit.sentences or not unit.segments or not unit.text.rstrip().endswith(":"):
        return None
    own = unit.lead_in + 1 if unit.lead_in else 0
    return _lead_from(unit, max(unit.sentences[-1].start, own))


def _referent_lead(unit: _Draft) -> _LeadIn | None:
    """``unit``'s own text (or, when long, its last sentence) as a sub-clause's lead-in."""
    if not unit.sentences or not unit.segments:
        return None
    own = unit.lead_in + 1 if unit.lead_in else 0
    start = own
    if len(unit.text[start:].split()) > _MAX_LEAD_WORDS:
        start = max(unit.sentences[-1].start, own)
    return _lead_from(unit, start, within_segment=True)


def _open_item_lead(unit: _Draft) -> _LeadIn | None:
    """A list item's own last sentence, when it ends without a stop, as a lead-in.

    The items under it read after it with a colon put in ("… key features: a rapid
    throughput facility"); an item that ends its sentence (".", ";") leads nothing.
    """
    if not unit.sentences or not unit.segments:
        return None
    own = unit.lead_in + 1 if unit.lead_in else 0
    start = max(unit.sentences[-1].start, own)
    text = unit.text[start:].rstrip()
    if not text or text[-1] in ".;!?,)":
        return None
    return _lead_from(unit, start, colon=True)


def _lead_from(
    unit: _Draft, start: int, *, within_segment: bool = False, colon: bool = False
) -> _LeadIn | None:
    """``unit``'s text from ``start`` as a lead-in, placed in the block it is written in.

    None when it is empty or too long to lead anything, or does not start in one block
    (``within_segment``: or does not end there either). ``colon``: read with a colon put
    after it, which the lead-in holds but the source text does not.
    """
    text = unit.text[start:].rstrip()
    if not text or len(text.split()) > _MAX_LEAD_WORDS:
        return None
    seg = _segment_at(unit, start)
    if seg is None or not seg.start <= start < seg.end:
        return None
    if within_segment and start + len(text) > seg.end:
        return None
    return _LeadIn(
        f"{text}:" if colon else text,
        seg.block,
        seg.block_start + (start - seg.start),
        held=len(text) if colon else None,
        source=unit,
        source_start=start,
        source_end=start + len(text),
    )


def _cell_lead(
    prefix: str, cell: str, block: int, block_start: int, row: _Draft, at: int
) -> _LeadIn | None:
    """The last sentence of a cell's own text, after its header key, as a lead-in.

    A sentence that does not end in punctuation (a cell's title line, "Outcomes") is
    given a colon, so the item reads "Outcomes: fewer missed appointments". The cell's
    text starts at ``at`` in the text of ``row``, the unit of its table row.
    """
    sentences = split_sentences(cell)
    start = sentences[-1].start if sentences else 0
    text = cell[start:].rstrip()
    if not text or len(text.split()) > _MAX_LEAD_WORDS:
        return None
    colon = "" if text[-1] in ".:;!?," else ":"
    return _LeadIn(
        f"{prefix}{text}{colon}",
        block,
        block_start + start,
        skip=len(prefix),
        held=len(text),
        source=row,
        source_start=at + start - (0 if start else len(prefix)),  # the key, when it leads
        source_end=at + start + len(text),
    )


def _cuts(unit: _Draft) -> list[tuple[int, int]]:
    """Where to split a unit longer than :data:`MAX_WORDS`: (start, end) of each piece.

    Pieces end at a sentence or cell boundary, and at a paragraph boundary when one
    falls after at least a third of the allowance; one overlong sentence is a piece.
    """
    text = unit.text
    paragraph = {s.start for s in unit.segments}
    if unit.table_header:
        # A cell's text follows its header key ("Target: "): cut before the key.
        paragraph = {
            (at + 3 if (at := text.rfind(" | ", 0, start)) >= 0 else start) for start in paragraph
        }
    places = {s.start for s in unit.sentences} | paragraph
    first = unit.lead_in + 2 if unit.lead_in else 1  # never cut inside a borrowed lead-in
    bounds = [0, *sorted(p for p in places if first <= p < len(text)), len(text)]
    prefix = [0]
    for a, b in pairwise(bounds):
        prefix.append(prefix[-1] + len(text[a:b].split()))
    parts = len(bounds) - 1
    pieces: list[tuple[int, int]] = []
    first = 0
    while first < parts:
        if prefix[parts] - prefix[first] <= MAX_WORDS:
            pieces.append((bounds[first], bounds[parts]))
            break
        end = first + 1
        while end < parts and prefix[end + 1] - prefix[first] <= MAX_WORDS:
            end += 1
        cut = end
        for c in range(end, first, -1):
            if bounds[c] in paragraph and prefix[c] - prefix[first] >= MAX_WORDS // 3:
                cut = c
                break
        pieces.append((bounds[first], bounds[cut]))
        first = cut
    return pieces


class _Spans:
    """Find the items (segments, sentences) of a unit that overlap a range.

    Items come in text order and do not overlap, so the overlapping ones are found by
    bisection: slicing a unit into k pieces costs n log n, not n for every piece.
    """

    def __init__(self, items: Sequence[Segment] | Sequence[Sentence]) -> None:
        self.items = items
        self.starts = [item.start for item in items]
        self.ends = [item.end for item in items]
        self.ordered = all(a <= b for a, b in pairwise(self.ends)) and all(
            a <= b for a, b in pairwise(self.starts)
        )

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The items with ``item.start < end`` and ``item.end > start``, in order."""
        if not self.ordered:
            return [s for s in self.items if s.start < end and s.end > start]
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return [s for s in self.items[first:last] if s.start < end and s.end > start]


def _pieces(unit: _Draft) -> list[tuple[int, int, bool]] | None:
    """Where ``unit`` is cut when it runs past :data:`MAX_WORDS` words (``None``: whole).

    Each piece is ``(start, end, first)`` of the unit's text, trimmed of the spaces and
    cell bars at its ends (``first`` for the first cut); empty pieces are left out.
    """
    if len(unit.text) < MAX_WORDS * 2 or len(unit.text.split()) <= MAX_WORDS:
        return None
    out = []
    for n, (start, end) in enumerate(_cuts(unit)):
        raw = unit.text[start:end]
        start += len(raw) - len(raw.lstrip(" |\t\n"))
        end = start + len(unit.text[start:end].rstrip(" |\t\n"))
        if end > start:
            out.append((start, end, n == 0))
    return out


def _slice(unit: Unit, start: int, end: int, continues: bool, spans: tuple[_Spans, _Spans]) -> Unit:
    """The part ``unit.text[start:end]`` (a piece of :func:`_pieces`) as a unit of its own.

    A sentence the cut runs through is classified again, as the part the piece holds.
    """
    in_segments, in_sentences = spans
    text = unit.text[start:end]
    quoted = unit.kind == "quote"
    segments = tuple(
        _segment(
            start=max(s.start, start) - start,
            end=min(s.end, end) - start,
            block=s.block,
            block_start=s.block_start + max(0, start - s.start),
        )
        for s in in_segments.overlapping(start, end)
    )
    sentences = []
    for s in in_sentences.overlapping(start, end):
        a, b = max(s.start, start) - start, min(s.end, end) - start
        whole = s.start >= start and s.end <= end
        flags = s.flags if whole else sentence_classes(text[a:b], quoted)
        written = s.quoted_from if s.quoted_from is not None and s.quoted_from >= start else None
        sentences.append(
            unvalidated_sentence(a, b, flags, None if written is None else written - start)
        )
    lead_in = max(0, unit.lead_in - start)
    return unit.model_copy(
        update={
            "text": text,
            "segments": segments,
            "sentences": tuple(sentences),
            "children": (),
            "lead_in": lead_in,
            "lead_source": unit.lead_source if lead_in else None,
            "continues": continues,
        }
    )


def _unit(values: dict[str, Any]) -> Unit:
    """A :class:`Unit` of ``values``, every field given with its declared type.

    As ``Unit.model_construct`` (no validation: the builder made the values), at a
    fraction of its cost; a test checks that such units equal validated ones.
    """
    return unvalidated(Unit, values)


def _lead_sources(
    drafts: list[_Draft], places: dict[int, list[tuple[int, int, int]]]
) -> dict[int, LeadSource]:
    """Where each list item's lead-in is written, as a unit index and a range of its text.

    ``places`` gives, for each draft the rules read, its units' indices and the part of
    the draft's text each holds.
    """
    sources: dict[int, LeadSource] = {}
    for draft in drafts:
        lead = draft.lead
        if lead is None or lead.source is None:
            continue
        for index, start, end in places.get(id(lead.source), ()):
            if start <= lead.source_start < end:
                sources[id(draft)] = LeadSource(
                    unit=index,
                    start=lead.source_start - start,
                    end=min(lead.source_end, end) - start,
                )
                break
    return sources


def _freeze(
    draft: _Draft,
    done: dict[int, Unit],
    may_flag: bool,
    quiet: bool,
    source: LeadSource | None,
    setting: tuple[DocumentKind, bool, bool, bool, bool, bool] = (
        "requirements",
        False,
        False,
        False,
        False,
        False,
    ),
) -> Unit:
    """The frozen unit of ``draft``, its children taken from ``done``.

    ``setting`` is the kind of the document, whether the unit stands in a section of
    news, minutes or feedback, whether the document records a body deciding for
    itself (:func:`speclint.structure.kinds.decides`), and whether it is an account or
    commentary whose author speaks in the first person
    (:func:`speclint.structure.voice.first_person`), so that its own recommendations
    count, and whether it is commentary relaying a tender
    (:func:`speclint.structure.voice.relayed`), and whether the unit follows a decision's
    run-in label (:func:`speclint.structure.kinds.decision_parts`); sentences they do not
    count are marked so.
    """
    text = draft.text
    if may_flag or draft.kind == "quote":
        sentences = classify(text, draft.sentences, draft.kind == "quote", may_flag)
    else:
        sentences = tuple(draft.sentences)  # fresh from split_sentences: no flags yet
    kind, narrative, deciding, authored, told, decided = setting
    if narrative or kind != "requirements":
        own = None
        sections = _sections(draft)
        if deciding:
            own = decided or decision_section(sections) or decision_labelled(text)
        record = narrative and kind == "requirements" and record_section(sections)
        advice = authored and advice_section(sections)
        sentences = _kind_marked(text, sentences, kind, narrative, own, record, advice, told)
    children = draft.children
    return _unit(
        {
            "number": draft.number,
            "label": draft.label,
            "heading": draft.heading,
            "heading_path": draft.heading_path,
            "text": text,
            "kind": draft.kind,
            "sentences": sentences,
            "segments": tuple(draft.segments),
            "children": tuple(done[id(child)] for child in children) if children else (),
            "table_header": draft.table_header,
            "lead_in": draft.lead_in,
            "lead_source": source,
            "continues": draft.continues,
            "group": draft.group,
            "quiet": quiet,
        }
    )


def _first_heading(blocks: Sequence[Block]) -> Block | None:
    """The first heading of ``blocks`` with words in it."""
    return next((b for b in blocks if b.kind == "heading" and b.text.strip()), None)


#: A title on the first line of a clause's own text, before its body on the next line:
#: "1.1 / National/local context and evidence base / The impact of ..." as a PDF or a
#: pasted page gives a specification's numbered sub-heading. A short line of words,
#: with no sentence's end, no colon and no list mark, before a line opening a sentence
#: (a wrapped line of a paragraph goes on in lower case, or ends on a word that needs
#: more: :data:`_WRAPPED_END`).
_TITLE_LINE = re.compile(r"^[ \t]*([A-Z][^.;:!?\n•|]{2,80}?)[ \t]*\n(?=[A-Z0-9“\"'(])")
_WRAPPED_END = re.compile(
    r"\b(?:the|a|an|of|to|by|and|or|for|in|on|with|at|from|as|is|are|was|were|be|will|shall|"
    r"must|may|that|which|who|its|their|our|this)$",
    re.IGNORECASE,
)


def _sections(draft: _Draft) -> tuple[str, ...]:
    """The headings a unit stands under, with the title of its own clause last.

    A numbered clause may carry its own heading ("1.1 National and local context and
    evidence base" over the paragraph it numbers), or begin with it on a line of its
    own: what that title names (a background, an evidence base, the local context) is
    the section its text stands in, as much as a heading above it would be.
    """
    if draft.heading and draft.text:
        return (*draft.heading_path, draft.heading)
    line = _TITLE_LINE.match(draft.text) if draft.number and "\n" in draft.text[:90] else None
    if (
        line is not None
        and len(line.group(1).split()) <= 10
        and not _WRAPPED_END.search(line.group(1))
    ):
        return (*draft.heading_path, line.group(1))
    return draft.heading_path


def _title_text(document: Document) -> str:
    """The document's title: its first heading, else a first line that reads as one."""
    heading = _first_heading(document.blocks)
    if heading is not None:
        return heading.text
    first = next((b for b in document.blocks if b.text.strip()), None)
    if first is None or len(first.text.split()) > 20 or "\n" in first.text.strip():
        return ""
    return "" if first.text.rstrip().endswith((".", ";", ",", ":")) else first.text


def _kind_marked(
    text: str,
    sentences: tuple[Sentence, ...],
    kind: DocumentKind,
    narrative: bool,
    own: bool | None = None,
    record: bool = False,
    advice: bool = False,
    told: bool = False,
) -> tuple[Sentence, ...]:
    """``sentences`` with the classes the kind of text they stand in gives them.

    ``own`` is ``None`` unless the document records a body deciding for itself; then it
    is whether the unit is a decision's, by its label or heading. ``record`` is true in a
    narrative section of a requirements document recording the body's own minutes or
    story (:func:`speclint.structure.kinds.record_section`), ``advice`` under a heading
    over an account's own recommendations (:func:`speclint.structure.kinds.advice_section`).
    """
    blank_unit = kind == "form" and has_blank(text)
    out: list[Sentence] = []
    for s in sentences:
        body = text[s.start : s.end]
        # Another's account carried over from the sentence before ends at the body's own
        # choice ("Councillor Lee said ... The tender was scored on ...").
        if (
            own is not None
            and "report" in s.flags
            and own_record(body, own)
            and "report" not in sentence_flags(body, False)
        ):
            s = Sentence(start=s.start, end=s.end, flags=s.flags - {"report"})
        turn = taken_up(body) if own is not None and not s.flags else None
        if turn is not None:
            # "agreed to replace X | with Y": what is set down is told, what replaces it
            # is the body's own choice.
            out.append(Sentence(start=s.start, end=s.start + turn, flags=frozenset({"report"})))
            out.append(Sentence(start=s.start + turn, end=s.end, quoted_from=s.start))
            continue
        extra = kind_flags(body, kind, narrative, blank_unit, own, record, advice, told)
        if extra - s.flags:
            s = Sentence(start=s.start, end=s.end, flags=s.flags | extra)
        out.append(s)
    return tuple(out)


def build_outline(document: Document) -> Outline:
    """Build the clause tree and the list of units (clauses with text) of ``document``.

    Every unit is frozen, its sentences classified (:mod:`speclint.structure.meaning`)
    and each list item's lead-in traced to where it is written.
    """
    tables = key_value_tables(document.blocks)
    if tables:
        blocks = tuple(without_headers(document.blocks, tables))
        document = document.model_copy(update={"blocks": blocks})
    builder = _Builder(document)
    for index, block in enumerate(document.blocks):
        builder.add(index, block)
    drafts = builder.drafts
    # Where each lead-in is written, in the units the rules will read (a long unit is
    # read in pieces, so its place is a piece and an offset into it).
    wanted = {id(d.lead.source) for d in drafts if d.lead is not None and d.lead.source}
    places: dict[int, list[tuple[int, int, int]]] = {}
    read: list[tuple[_Draft, list[tuple[int, int, bool]] | None]] = []
    count = 0
    for draft in builder.units:
        if not draft.text:
            continue
        if id(draft) in builder.rows_to_split:
            # Once per row, not once per cell: a row of thousands of cells stays linear.
            draft.sentences = split_sentences(draft.text)
        pieces = _pieces(draft)
        read.append((draft, pieces))
        if id(draft) in wanted:
            bounds = [(0, len(draft.text))] if pieces is None else [(a, b) for a, b, _ in pieces]
            places[id(draft)] = [(count + n, a, b) for n, (a, b) in enumerate(bounds)]
        count += 1 if pieces is None else len(pieces)
    sources = _lead_sources(drafts, places) if wanted else {}
    # A child is always made after its parent, so in reverse its children are done.
    done: dict[int, Unit] = {}
    quiet: dict[tuple[str, ...], tuple[bool, bool]] = {}
    kind = document_kind(document.blocks, _title_text(document))
    # The record of a body deciding for itself; a page read as an account only when it
    # sets out a decision as a record does ("Decision:", "RESOLVED").
    deciding = kind in ("minutes", "report") and decides(
        document.blocks, _title_text(document), marked=kind == "report"
    )
    # An account or commentary by an author speaking as "we": its own recommendations count.
    texts = [b.text for b in document.blocks if b.text.strip()]
    authored = kind in ("report", "commentary") and first_person(texts)
    # Commentary by a third party relaying a tender: the future terms it states are the tender's.
    told = kind == "commentary" and relayed(texts, _title_text(document))
    # Options weighed and not taken, under a run-in label rather than a heading; and what
    # a body decided, under "Decision:" or "RESOLVED:" on a line of its own.
    labelled = [(d.text, d.heading_path) for d in drafts]
    set_aside = set_aside_parts(labelled)
    decided = decision_parts(labelled) if deciding else [False] * len(drafts)
    for draft, may_flag, aside, in_decision in zip(
        reversed(drafts),
        reversed(flaggable([d.text for d in drafts])),
        reversed(set_aside),
        reversed(decided),
        strict=True,
    ):
        path = _sections(draft)
        marks = quiet.get(path)
        if marks is None:
            marks = quiet[path] = (quiet_section(path), narrative_section(path))
        done[id(draft)] = _freeze(
            draft,
            done,
            may_flag,
            (marks[0] and not _own_decision_in_background(path, draft.text))
            or aside
            or definition_row(draft.text),
            sources.get(id(draft)),
            (kind, marks[1], deciding, authored, told, in_decision),
        )
    units: list[Unit] = []
    for draft, pieces in read:
        whole = done[id(draft)]
        if pieces is None:
            units.append(whole)
            continue
        spans = (_Spans(whole.segments), _Spans(whole.sentences))
        units.extend(
            _slice(whole, a, b, whole.continues or not first, spans) for a, b, first in pieces
        )
    bought, buying_marked = buyer_reading(
        [b.text for b in document.blocks if b.text.strip()], _title_text(document)
    )
    return Outline(
        document=document,
        clauses=[done[id(r)] for r in builder.roots],
        units=units,
        kind=kind,
        bought=bought,
        buying_marked=buying_marked,
    )


#: A Background heading: quiet (:func:`speclint.structure.meaning.quiet_section`), but the
#: body's own decision recorded under it still counts.
_BACKGROUND = re.compile(r"(?i)\bbackground\b")


def _own_decision_in_background(path: tuple[str, ...], text: str) -> bool:
    """True for a unit under Background (and no other quiet heading) recording its body's decision.

    "The Board approved the award of the contract to the lowest bid": what the body itself
    adopted counts wherever it is told (:func:`speclint.structure.kinds.adopts`); a
    background that describes past practice adopts nothing and stays quiet, and its past
    sentences are history in any case.
    """
    if not any(_BACKGROUND.search(h) for h in path):
        return False
    if quiet_section(tuple(h for h in path if not _BACKGROUND.search(h))):
        return False  # under Definitions or a set-aside option too
    return adopts(text)


def text_unit(text: str, kind: BlockKind = "paragraph") -> Unit:
    """``text`` as one unit, its sentences split and classified as a document's would be.

    For a text read outside a document (a heading, a lead-in, a test's sentence).
    """
    return Unit(
        text=text,
        kind=kind,
        sentences=classify(text, split_sentences(text), kind == "quote"),
    )

"""Build the clause tree of a document from its blocks.

Each block is offered to the clause grammar (``clause.lark``). Labels nest by kind:
document divisions (Schedule, Part, Annex) hold decimal clauses, decimal clauses
nest by depth (``4`` > ``4.3`` > ``4.3.2``) and list items nest by style in the order
they first appear (``(a)`` then ``(i)``). An unnumbered paragraph belongs to the
clause above it, which is how a reader would cite it. A table row becomes one
unit whose text is ``Header: cell | Header: cell``, so rules can see the header
row ("Consequence of breach") beside each value.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from speclint.models import Block, Clause, Document, Location, Segment, Sentence
from speclint.structure.labels import Heading, Label, LabelStyle, item_style, parse_heading
from speclint.structure.sentences import split_sentences

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


@dataclass
class _Open:
    """An entry on the stack of open clauses and headings."""

    clause: Clause | None  # None for a pure heading
    rank: tuple[int, int]  # lower ranks enclose higher ones
    label: Label | None = None
    heading_level: int | None = None
    heading: str | None = None
    list_level: int | None = None  # set when the entry is a Markdown or Word list item


@dataclass
class Outline:
    """A document with its clause tree and the flat list of units rules look at."""

    document: Document
    clauses: list[Clause] = field(default_factory=list)
    units: list[Clause] = field(default_factory=list)

    def locate(self, clause: Clause, start: int, end: int) -> Location:
        """Return the location of ``clause.text[start:end]`` in the source document."""
        seg = _segment_at(clause, start)
        block = self.document.blocks[seg.block] if seg else None
        base = block.location if block else Location(path=self.document.path)
        updates: dict[str, object] = {
            "path": self.document.path,
            "clause": clause.number,
            "section": clause.heading_path or None,
        }
        if seg is not None and block is not None:
            # An offset in text no block holds (a table header prefix "Threshold: ")
            # is placed at the start of the cell that follows it.
            b_start = seg.block_start + (max(start, seg.start) - seg.start)
            b_end = seg.block_start + (max(min(end, seg.end), seg.start) - seg.start)
            b_end = max(b_end, b_start)
            updates.update(_position(block, b_start, b_end))
        return base.model_copy(update=updates)


def _segment_at(clause: Clause, offset: int) -> Segment | None:
    if not clause.segments:
        return None
    starts = [s.start for s in clause.segments]
    i = max(0, bisect_right(starts, offset) - 1)
    seg = clause.segments[i]
    if offset >= seg.end and i + 1 < len(clause.segments):
        return clause.segments[i + 1]
    return seg


def _position(block: Block, start: int, end: int) -> dict[str, object]:
    """Line, column and page of a character range of ``block.text``."""
    if not block.anchors:
        if block.location.line is None and block.location.page is None:
            # Word: the column is the character offset within the paragraph.
            return {"column": start + 1, "end_column": end + 1}
        return {}
    out: dict[str, object] = {}
    offsets = [a.offset for a in block.anchors]
    for key, offset in (("", start), ("end_", max(start, end - 1))):
        anchor = block.anchors[max(0, bisect_right(offsets, offset) - 1)]
        delta = offset - anchor.offset
        if anchor.line is not None:
            out[f"{key}line"] = anchor.line
        if anchor.column is not None:
            out[f"{key}column"] = anchor.column + delta + (1 if key else 0)
        if not key and anchor.page is not None:
            out["page"] = anchor.page
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
            item = lab.text if lab.text.startswith("(") else f"({lab.text.rstrip(')')})"
            items += item
    parts = [*containers, decimal + items] if decimal or items else containers
    return " ".join(p for p in parts if p) or None


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[_Open] = []
        self.roots: list[Clause] = []
        self.units: list[Clause] = []
        self.item_styles: list[str] = []
        self.table_row: tuple[int, int] | None = None
        self.row_clause: Clause | None = None

    # -- stack helpers -------------------------------------------------------
    def _section(self) -> tuple[str, ...]:
        return tuple(e.heading for e in self.stack if e.heading)

    def _attach(self, clause: Clause) -> None:
        for entry in reversed(self.stack):
            if entry.clause is not None:
                entry.clause.children.append(clause)
                return
        self.roots.append(clause)

    def _innermost(self) -> _Open | None:
        for entry in reversed(self.stack):
            if entry.clause is not None:
                return entry
        return None

    def _pop_to(self, rank: tuple[int, int]) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        if rank[0] < 20:
            # A new decimal or division starts a fresh run of list-item styles.
            depth = sum(1 for e in self.stack if e.rank[0] == 20)
            del self.item_styles[depth:]

    def _pop_heading(self, level: int) -> None:
        while self.stack:
            top = self.stack[-1]
            if top.heading_level is not None and top.heading_level < level:
                break
            if level == UNLEVELLED and top.label is not None and top.rank[0] < 10:
                break  # a plain-text heading stays inside its Schedule or Part
            self.stack.pop()
        self.item_styles.clear()

    # -- block handlers --------------------------------------------------------
    def add(self, index: int, block: Block) -> None:
        if block.kind == "table_cell":
            self._add_cell(index, block)
            return
        self.table_row = None
        if block.kind == "quote":
            self._new_unit(index, block, 0, number=_number(self.stack, None), kind=block.kind)
            return
        if block.kind in ("comment", "footnote", "endnote"):
            self._new_unit(index, block, 0, number=None, kind=block.kind, attach=False)
            return
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
            word_label = parse_heading(block.label.strip() + " ")
            labels = word_label.labels if word_label else ()
            if not labels:
                return Heading((), block.text, 0, None) if block.kind == "heading" else None
            return Heading(labels, block.text.strip(), len(block.text) - len(block.text.lstrip()))
        if block.kind in ("quote",):
            return None
        return parse_heading(block.text)

    def _add_pure_heading(self, level: int, text: str) -> None:
        self._pop_heading(level)
        self.stack.append(_Open(None, (-1, level), heading_level=level, heading=text))

    def _add_labelled(self, index: int, block: Block, heading: Heading) -> None:
        labels = list(heading.labels)
        if labels[-1].style not in ("decimal", "keyword"):
            last = labels[-1]
            labels[-1] = Label(last.text, self._item_style(last.text), last.depth)
        level = heading.markdown_level or (block.heading_level if block.kind == "heading" else None)
        if level is not None:
            self._pop_heading(level)
        # Containers named before the clause label ("Schedule 2 Part A 3(b)") open first.
        for lab in labels[:-1]:
            rank = _rank(lab, self.item_styles)
            self._pop_to(rank)
            title = lab.text if lab.style == "keyword" and rank[0] < 10 else None
            self.stack.append(_Open(None, rank, label=lab, heading=title))
        label = labels[-1]
        if self._list_number_under_clause(block, label):
            label = Label(label.text.rstrip("."), "number")
        rank = _rank(label, self.item_styles)
        self._pop_to(rank)
        number = _number(self.stack, label)
        heading_only = _is_heading_only(block, heading)
        title = None
        if heading_only:
            title = f"{block.label} {block.text.strip()}" if block.label else block.text.strip()
            title = title.lstrip("#").strip()
        clause = self._new_unit(
            index,
            block,
            heading.text_offset,
            number=number,
            kind=block.kind,
            label=label.text,
            heading=heading.text if heading_only else None,
            text="" if heading_only else None,
        )
        listed = block.list_level if block.kind == "list_item" else None
        self.stack.append(
            _Open(clause, rank, label=label, heading_level=level, heading=title, list_level=listed)
        )

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
            if entry.rank[0] == 20 and block.kind == "paragraph" and block.list_level is None:
                # A plain paragraph after a list belongs to the clause the list is in.
                while self.stack and self.stack[-1].rank[0] == 20:
                    self.stack.pop()
                entry = self._innermost()
            if entry is not None and entry.clause is not None:
                self._extend(entry.clause, index, block)
                return
        number = _number(self.stack, None)
        self._new_unit(index, block, 0, number=number, kind=block.kind)

    def _add_cell(self, index: int, block: Block) -> None:
        table = block.location.table
        key = (table.index, table.row) if table else None
        cell = block.text.strip()
        header = ""
        if table and block.header and table.column - 1 < len(block.header):
            header = block.header[table.column - 1].strip()
        prefix = f"{header}: " if header and cell else ""
        last = self.row_clause
        if key is not None and key == self.table_row and last is not None:
            if cell:
                start = len(last.text) + 3 + len(prefix) if last.text else len(prefix)
                joiner = " | " if last.text else ""
                last.text += f"{joiner}{prefix}{cell}"
                last.segments.append(
                    Segment(
                        start=start, end=len(last.text), block=index, block_start=_lead(block.text)
                    )
                )
                last.sentences = split_sentences(last.text)
            return
        self.table_row = key
        number = _number(self.stack, None)
        is_header_row = table is not None and table.row == 1
        clause = Clause(
            number=number,
            heading_path=self._section(),
            text=f"{prefix}{cell}",
            kind="table_cell",
            segments=[
                Segment(
                    start=len(prefix),
                    end=len(prefix) + len(cell),
                    block=index,
                    block_start=_lead(block.text),
                )
            ]
            if cell
            else [],
            table_header=block.header,
        )
        clause.sentences = split_sentences(clause.text)
        self._attach(clause)
        self.row_clause = clause
        if not is_header_row:
            self.units.append(clause)

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
    ) -> Clause:
        body = block.text[offset:] if text is None else text
        trimmed = body.rstrip()
        lead = len(trimmed) - len(trimmed.lstrip())
        trimmed = trimmed.lstrip()
        clause = Clause(
            number=number,
            label=label,
            heading=heading,
            heading_path=self._section(),
            text=trimmed,
            kind=block.kind,
            segments=(
                [Segment(start=0, end=len(trimmed), block=index, block_start=offset + lead)]
                if trimmed
                else []
            ),
        )
        clause.sentences = split_sentences(clause.text)
        if attach:
            self._attach(clause)
        else:
            self.roots.append(clause)
        self.units.append(clause)
        return clause

    def _extend(self, clause: Clause, index: int, block: Block) -> None:
        body = block.text.strip()
        if not body:
            return
        joiner = "\n\n" if clause.text else ""
        start = len(clause.text) + len(joiner)
        clause.text += joiner + body
        clause.segments.append(
            Segment(start=start, end=len(clause.text), block=index, block_start=_lead(block.text))
        )
        # Paragraphs never share a sentence, so only the new one needs splitting.
        clause.sentences.extend(
            Sentence(start=start + s.start, end=start + s.end) for s in split_sentences(body)
        )


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def build_outline(document: Document) -> Outline:
    """Build the clause tree and the list of units (clauses with text) of ``document``."""
    builder = _Builder(document)
    for index, block in enumerate(document.blocks):
        builder.add(index, block)
    units = [u for u in builder.units if u.text]
    return Outline(document=document, clauses=builder.roots, units=units)

"""Read a Word ``.docx`` file into a :class:`speclint.models.Document`.

python-docx opens the package and parses its parts; from there the body is read
straight from the lxml tree, which is several times faster than building
python-docx's run objects and lets us see what python-docx does not expose: tracked
changes, fields, content controls, text boxes, footnotes and Word's automatic
numbering (see :mod:`speclint.parsers.docx_numbering`).

Conventions (the structure builder relies on them):

* one block per non-empty paragraph, in reading order with table cells interleaved;
  ``location.paragraph`` is the 1-based index in python-docx's
  ``Document.paragraphs`` (so ``doc.paragraphs[n - 1]`` is the paragraph), or
  ``None`` for a paragraph python-docx does not list there (inside a block-level
  content control);
* ``label`` is the automatic number as Word prints it, ``list_level`` its ``ilvl``;
  a paragraph in a Word list (numbered or bulleted) that is not a heading is a
  ``list_item``; headings (``Heading N``, ``Title`` = 1, or ``w:outlineLvl``) are
  ``heading`` blocks with ``heading_level``;
* a table of data gives one ``table_cell`` block per non-empty (merged) cell with its
  table, row (as in python-docx's ``table.rows``) and grid column, and, for rows below
  the first, the first row's text per grid column as ``header`` (``header[column - 1]``
  is the heading of the cell's column);
* a table used for layout (one column, as the NHS Standard Contract builds a service
  specification, or a single-cell box; see :mod:`speclint.parsers.docx_layout`) gives
  one block per non-empty paragraph of its cells, of the kind it would have in the body,
  with the cell's table, row and column and no paragraph index; its first paragraph,
  when it reads as a title ("1. Population Needs") and text follows it, is a
  ``heading`` one level below the last body heading (two below for "3.2 Title", and so
  on). So are the rows of a table of data in which a cell holds a section body
  (several paragraphs opening with clause numbers), a cell with a lone title being the
  heading. A paragraph that is not a cell's first carries one anchor whose ``column``
  is where it starts in the cell's text (1-based, the cell text being its paragraphs
  joined by newlines as :func:`block_text_nodes` builds it), so that a finding's column
  is counted in the cell as for a ``table_cell`` block;
* comments, footnotes and endnotes follow the body as blocks of their own, and each
  comment's text is also attached to the paragraphs it is anchored on; comments
  authored "speclint" (findings written by ``speclint annotate``) are not read.

Anything that goes wrong while reading is reported as a one-line
:class:`~speclint.errors.InputError`, never as a traceback.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from speclint.errors import InputError
from speclint.models import (
    Anchor,
    Block,
    BlockKind,
    Document,
    Location,
    TableRef,
    unvalidated,
)
from speclint.parsers.docx.ooxml import (
    ALTERNATE,
    AUTHOR,
    BR,
    COMMENT,
    COMMENT_END,
    COMMENT_REF,
    COMMENT_START,
    CONTAINERS,
    CR,
    DEL,
    ENDNOTE,
    FALLBACK,
    FLD_CHAR,
    FLD_CHAR_TYPE,
    FOOTNOTE,
    ID,
    MATH_T,
    MOVE_FROM,
    NB_HYPHEN,
    PPR,
    PTAB,
    RPR,
    TAB,
    TBL,
    TBL_GRID,
    TBL_HEADER,
    TC,
    TC_PR,
    TR_PR,
    TXBX,
    TYPE,
    V_MERGE,
    VAL,
    XML_PARSER,
    M,
    P,
    R,
    T,
    W,
    first_column,
    grid_span,
    inside,
    mark_deleted,
    paragraphs,
    row_cells,
    table_rows,
)
from speclint.parsers.docx.package import check_package, failure_reason
from speclint.parsers.docx_layout import (
    is_title,
    opens_with_clause_number,
    opens_with_number,
    title_depth,
)
from speclint.parsers.docx_numbering import Numbering, Styles, paragraph_style

#: Author of the comments ``speclint annotate`` writes; they are not read back as text.
REVIEW_AUTHOR = "speclint"

# Elements whose content is never text of the paragraph as Word shows it.
_SKIP = frozenset(
    {
        DEL,
        MOVE_FROM,
        PPR,
        RPR,
        W + "sdtPr",
        W + "sdtEndPr",
        W + "delText",
        W + "delInstrText",
        W + "instrText",
        W + "fldData",
        W + "pPrChange",
        W + "rPrChange",
        W + "footnoteReference",
        W + "endnoteReference",
        W + "annotationRef",
        W + "proofErr",
        W + "bookmarkStart",
        W + "bookmarkEnd",
        W + "lastRenderedPageBreak",
        FALLBACK,
        M + "oMathParaPr",
        M + "rPr",
        M + "ctrlPr",
    }
)

_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse(data: bytes, path: str) -> Document:
    """Parse the bytes of a ``.docx`` file read from ``path``.

    Raises :class:`InputError` with a one-line cause for anything that is not a
    readable Word document: an empty file, plain text, a pre-2007 ``.doc``, a
    password-protected file, a zip bomb or a corrupt package.
    """
    check_package(data, path)
    try:
        return _read(data, path)
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, "is corrupt or not a valid .docx (nested too deeply)") from None
    except Exception as exc:  # the boundary: no traceback ever reaches the user
        raise InputError(path, f"is corrupt or not a valid .docx ({failure_reason(exc)})") from None


# --- reading -----------------------------------------------------------------------------

#: The main part's content type in a Word document, template and their macro-enabled kinds.
_WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _open_word(data: bytes) -> Any:
    """python-docx's ``Document`` for any kind of Word package (``.docx``, ``.docm``, ``.dotx``).

    python-docx opens only ``.docx``; the others differ in the main part's content type
    alone, so that part is read as a document part. A macro project is never run.
    """
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for content_type in _WORD_MAIN_TYPES[1:]:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type not in _WORD_MAIN_TYPES:
        raise ValueError(f"not a Word file, content type is '{part.content_type}'")
    return part.document


def _read(data: bytes, path: str) -> Document:
    document = _open_word(data)
    part = document.part
    parts: dict[str, Any] = {}
    for rel in part.rels.values():
        if rel.is_external:
            continue
        name = str(rel.reltype).rsplit("/", 1)[-1]
        if name in ("styles", "numbering", "comments", "footnotes", "endnotes"):
            parts.setdefault(name, rel.target_part)
    styles = Styles(_root(parts.get("styles")))
    numbering = Numbering(_root(parts.get("numbering")), styles)
    comments_root = _root(parts.get("comments"))
    reader = _Reader(path, styles, numbering)
    comment_texts: dict[str, str] = {}
    if comments_root is not None:
        for comment in comments_root.iter(COMMENT):
            if comment.get(AUTHOR) == REVIEW_AUTHOR:
                continue  # a finding written by ``speclint annotate``, not the draft's text
            comment_texts[str(comment.get(ID))] = reader.note_text(comment)
    reader.comment_texts = comment_texts
    reader.read_body(document.element.body)
    blocks = reader.blocks
    for text in comment_texts.values():
        if text.strip():
            blocks.append(Block(text=text, kind="comment", location=Location(path=path)))
    for kind, tag in (("footnote", FOOTNOTE), ("endnote", ENDNOTE)):
        root = _root(parts.get(kind + "s"))
        if root is None:
            continue
        for note in root.iter(tag):
            if note.get(TYPE) in _NOTE_SEPARATORS:
                continue
            text = reader.note_text(note)
            if text.strip():
                note_kind: BlockKind = "footnote" if kind == "footnote" else "endnote"
                blocks.append(Block(text=text, kind=note_kind, location=Location(path=path)))
    return Document(path=path, format="docx", blocks=tuple(blocks), pages=None)


def _root(part: Any | None) -> Any | None:
    """Return the root element of a package part, parsing its bytes if need be."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob, XML_PARSER)


#: The values of an on/off property (``w:val``) that turn it off.
_OFF = frozenset({"false", "0", "off"})

#: Every field of a location at its default: body paragraphs' locations are built on it.
_NO_LOCATION: dict[str, object] = dict(Location().__dict__)


@dataclass
class _Para:
    """What one paragraph yields: its text and the comments anchored on it."""

    text: str
    comments: tuple[str, ...]
    label: str | None
    level: int | None
    heading: int | None
    comment_ids: tuple[str, ...] = ()  # parallel to ``comments``
    contents: bool = False  # an entry of Word's contents list, which is not emitted


@dataclass
class _Piece:
    """A paragraph of a table cell (or of a table nested in it) and where its text starts.

    ``offset`` is counted in the cell's text as :func:`block_text_nodes` builds it: the
    cell's own paragraphs joined by newlines, then those of nested tables.
    """

    para: _Para
    offset: int
    nested: bool = False


@dataclass
class _Cell:
    """One (merged) table cell: grid column, span, text, comments, label and paragraphs."""

    column: int
    span: int
    text: str
    comments: tuple[str, ...]
    label: str | None
    comment_ids: tuple[str, ...] = ()  # parallel to ``comments``
    pieces: tuple[_Piece, ...] = ()  # its non-empty paragraphs in reading order

    def numbered(self) -> int:
        """Return how many of the cell's own paragraphs open with a clause number."""
        return sum(
            1
            for piece in self.pieces
            if not piece.nested and opens_with_clause_number(piece.para.text, piece.para.label)
        )


@dataclass
class _State:
    """Per-paragraph extraction state."""

    out: list[str] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)
    fields: list[bool] = field(default_factory=list)  # True while in an instruction
    hidden: int = 0  # how many open fields are still in their instruction
    comments: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    # When a list, each text node read is recorded with the index of its piece in
    # ``out`` (see :func:`text_nodes`); ``None`` while linting, which costs nothing.
    nodes: list[tuple[Any, int]] | None = None


class _Reader:
    """Walks the body in reading order and collects blocks."""

    def __init__(self, path: str, styles: Styles, numbering: Numbering) -> None:
        self.path = path
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.comment_texts: dict[str, str] = {}
        self.open_comments: dict[str, None] = {}
        # Where each comment is first anchored: the location its directive reports.
        self.comment_anchors: dict[str, Location] = {}
        self.paragraph_no = 0
        self.table_no = 0
        # The level of the last heading read in the body (0 before any): a table's
        # title is a heading below it.
        self.heading_level = 0

    # -- body -------------------------------------------------------------------------

    def read_body(self, body: Any) -> None:
        """Emit blocks for every paragraph and table of ``w:body`` in reading order."""
        for child in body:
            tag = child.tag
            if tag == P:
                self.paragraph_no += 1
                self._body_paragraph(child, self.paragraph_no)
            else:
                self._body_other(child)

    def _body_other(self, child: Any) -> None:
        tag = child.tag
        if tag == TBL:
            self.table_no += 1
            self._table(child, self.table_no)
        elif tag in CONTAINERS:
            for inner in inside(child):
                if inner.tag == P:
                    self._body_paragraph(inner, None)
                else:
                    self._body_other(inner)
        elif tag == COMMENT_START:
            self.open_comments[str(child.get(ID))] = None
        elif tag in (COMMENT_END, COMMENT_REF):
            self.open_comments.pop(str(child.get(ID)), None)

    def _body_paragraph(self, p: Any, index: int | None) -> None:
        para = self._paragraph(p)
        if not para.text.strip() or para.contents:
            return
        if para.heading is not None:
            self.heading_level = para.heading
        self._emit(
            para, unvalidated(Location, {**_NO_LOCATION, "path": self.path, "paragraph": index})
        )

    def _emit(
        self, para: _Para, location: Location, offset: int = 0, heading: int | None = None
    ) -> None:
        """Append the block of a non-empty paragraph, as a heading at level ``heading`` if given.

        ``offset`` is where the paragraph starts in its table cell's text (see
        :class:`_Piece`); when not 0 it becomes the block's one anchor.
        """
        kind: BlockKind
        level = heading if heading is not None else para.heading
        if level is not None:
            kind = "heading"
        elif para.level is not None:
            kind = "list_item"
        else:
            kind = "paragraph"
        # Every value is already of its field's type (a test holds such blocks equal to
        # validated ones): the block is built without validating it again.
        self.blocks.append(
            unvalidated(
                Block,
                {
                    "text": para.text,
                    "kind": kind,
                    "location": location,
                    "anchors": (Anchor(offset=0, column=offset + 1),) if offset else (),
                    "heading_level": level,
                    "list_level": para.level,
                    "label": para.label,
                    "header": None,
                    "comments": para.comments,
                    "comment_locations": self._anchored(para.comment_ids, location),
                },
            )
        )

    def _anchored(self, ids: tuple[str, ...], location: Location) -> tuple[Location, ...]:
        """Where each comment in ``ids`` is first anchored (``location`` for a new one)."""
        return tuple(self.comment_anchors.setdefault(cid, location) for cid in ids)

    # -- tables -----------------------------------------------------------------------

    def _table(self, tbl: Any, index: int) -> None:
        """Emit the blocks of a table: layout as paragraphs, data one block per cell.

        A table whose rows each hold one cell (after merging) is layout, read by
        :meth:`_layout_table`. Otherwise each non-empty cell is a ``table_cell`` block,
        merged cells once, at their first row and column, except in a row where a cell
        holds a section body (:meth:`_section_row`). Rows and columns are counted as
        python-docx counts them (``table.rows``, grid columns), so a row deleted with
        track changes still takes its row number but yields no blocks. ``header`` holds
        the first row's text for each grid column, so ``header[column - 1]`` is the
        heading of a cell's column; rows that Word repeats with the first at the top of
        each page (``w:tblHeader``) are header rows too, their names joined under the
        first's ("Threshold – Green") and their cells giving no blocks. A cell merged
        across the whole row (a group title) has no column header.
        """
        rows: list[tuple[int, list[_Cell]]] = []
        width = 0
        most = 0  # the most cells (w:tc) in one row that is read
        repeated: list[bool] = []  # for each row read, whether Word repeats it on each page
        for row_no, tr in enumerate(table_rows(tbl), start=1):
            trpr = tr.find(TR_PR)
            deleted = trpr is not None and trpr.find(DEL) is not None
            column = first_column(trpr)
            cells: list[_Cell] = []
            count = 0
            for tc in row_cells(tr):
                count += 1
                tcpr = tc.find(TC_PR)
                span = grid_span(tcpr)
                vmerge = tcpr.find(V_MERGE) if tcpr is not None else None
                continuation = vmerge is not None and vmerge.get(VAL) != "restart"
                text, ids, label, pieces = self._cell(tc)
                if not continuation:
                    comments = tuple(self.comment_texts[cid] for cid in ids)
                    cells.append(_Cell(column, span, text, comments, label, ids, pieces))
                column += span
            width = max(width, column - 1)
            if not deleted:
                rows.append((row_no, cells))
                flag = trpr.find(TBL_HEADER) if trpr is not None else None
                # An on/off property: <w:tblHeader w:val="false"/> is a row not repeated.
                repeated.append(flag is not None and flag.get(VAL, "true") not in _OFF)
                most = max(most, count)
        if not rows:
            return
        if most <= 1:
            self._layout_table(rows, index)
            return
        grid = tbl.find(TBL_GRID)
        if grid is not None:
            width = max(width, len(grid))
        # The header is the first row, with the rows under it that Word repeats with it
        # at the top of each page ("Threshold" over "Green" and "Amber"), while a row
        # is left for the data.
        heads = 1
        while heads < len(rows) - 1 and repeated[0] and repeated[heads]:
            heads += 1
        parts: list[list[str]] = [[] for _ in range(width)]
        for _, head_cells in rows[:heads]:
            for cell in head_cells:
                name = cell.text.strip()
                for column in range(cell.column, min(cell.column + cell.span, width + 1)):
                    if name and name not in parts[column - 1]:
                        parts[column - 1].append(name)
        header = tuple(" – ".join(names) for names in parts)
        header_row = rows[heads - 1][0]
        for at, (row_no, cells) in enumerate(rows):
            if 0 < at < heads:
                continue  # a header row under the first: its names are in ``header``
            if any(cell.numbered() >= 2 for cell in cells):
                self._section_row(row_no, cells, index)
                continue
            for cell in cells:
                if not cell.text.strip():
                    continue
                location = Location(
                    path=self.path, table=TableRef(index=index, row=row_no, column=cell.column)
                )
                across = cell.column == 1 and cell.span >= width  # a row's one merged cell
                self.blocks.append(
                    Block(
                        text=cell.text,
                        kind="table_cell",
                        location=location,
                        label=cell.label,
                        header=header if row_no > header_row and not across else None,
                        comments=cell.comments,
                        comment_locations=self._anchored(cell.comment_ids, location),
                    )
                )

    def _layout_table(self, rows: list[tuple[int, list[_Cell]]], index: int) -> None:
        """Emit a one-column (or single-cell) table's paragraphs as body blocks.

        The first paragraph is a heading when it reads as a title and either more text
        follows it or it is alone in the first of several rows. So is a later row's lone
        paragraph that reads as a numbered title ("2. Outcomes"), when a row follows it:
        a whole specification may be one table of title rows and body rows.
        """
        pieces = [
            (row_no, cell, piece)
            for row_no, cells in rows
            for cell in cells
            for piece in cell.pieces
        ]
        last_row = rows[-1][0]
        for at, (row_no, cell, piece) in enumerate(pieces):
            heading = None
            if at == 0:
                if len(pieces) > 1 or len(rows) > 1:
                    heading = self._title_level(piece)
            elif len(cell.pieces) == 1 and row_no != last_row:
                para = piece.para
                if opens_with_number(para.text, para.label) or para.heading is not None:
                    heading = self._title_level(piece)
            self._emit_piece(piece, TableRef(index=index, row=row_no, column=cell.column), heading)

    def _section_row(self, row_no: int, cells: list[_Cell], index: int) -> None:
        """Emit a row of a data table in which a cell holds a section body, as layout.

        A cell holding one paragraph that reads as a title ("3. Scope" beside the
        clauses of section 3) is a heading; every other paragraph is a block of its own.
        """
        for cell in cells:
            ref = TableRef(index=index, row=row_no, column=cell.column)
            lone = len(cell.pieces) == 1 and not cell.pieces[0].nested
            for piece in cell.pieces:
                heading = self._title_level(piece) if lone else None
                self._emit_piece(piece, ref, heading)

    def _title_level(self, piece: _Piece) -> int | None:
        """Return the heading level of a table's title paragraph, ``None`` if it is not one."""
        para = piece.para
        if piece.nested or not is_title(
            para.text, para.label, para.heading, para.level is not None
        ):
            return None
        if para.heading is not None:
            return para.heading
        return self.heading_level + title_depth(para.text, para.label)

    def _emit_piece(self, piece: _Piece, ref: TableRef, heading: int | None) -> None:
        self._emit(piece.para, Location(path=self.path, table=ref), piece.offset, heading)

    def _cell(self, tc: Any) -> tuple[str, tuple[str, ...], str | None, tuple[_Piece, ...]]:
        """Return a cell's text (paragraphs joined by newlines), comment ids, label and pieces.

        Every cell is walked, even a vertically merged continuation whose text the
        caller discards, so that numbering and comment ranges inside it stay in step.
        The label is that of the cell's first paragraph, if Word numbers it. The pieces
        are the non-empty paragraphs of the cell and of tables nested in it, in reading
        order, with where each starts in the cell's text.
        """
        texts: list[str] = []
        nested: list[str] = []
        order: list[tuple[_Para, int]] = []  # (paragraph, its index in texts or -1 - nested)
        comments: dict[str, None] = {}
        label: str | None = None

        def nested_table(tbl: Any) -> None:
            for p in paragraphs(tbl):
                para = self._paragraph(p)
                if para.text.strip():
                    order.append((para, -1 - len(nested)))
                    nested.append(para.text)

        for p in paragraphs(tc, nested_table):
            para = self._paragraph(p)
            if not texts:
                label = para.label
            order.append((para, len(texts)))
            texts.append(para.text)
            comments.update(dict.fromkeys(para.comment_ids))
        text = "\n".join(texts + nested)
        starts: list[int] = []
        at = 0
        for part in texts + nested:
            starts.append(at)
            at += len(part) + 1
        pieces = tuple(
            _Piece(para, starts[i] if i >= 0 else starts[len(texts) - 1 - i], i < 0)
            for para, i in order
            if para.text.strip()
        )
        return text, tuple(comments), label, pieces

    # -- paragraphs -------------------------------------------------------------------

    def _paragraph(self, p: Any) -> _Para:
        """Extract one paragraph's text, comments, label and heading level."""
        state = _State()
        state.comments.extend(self.open_comments)
        self._walk(p, state)
        text = _paragraph_text(state)
        # A comment range left open at the end of the paragraph covers the next ones.
        for cid in state.started:
            self.open_comments[cid] = None
        for cid in state.ended:
            self.open_comments.pop(cid, None)
        ids = tuple(
            cid
            for cid in dict.fromkeys(state.comments)
            if cid in self.comment_texts and self.comment_texts[cid].strip()
        )
        comments = tuple(self.comment_texts[cid] for cid in ids)
        label: str | None = None
        level: int | None = None
        ppr = p[0] if len(p) and p[0].tag == PPR else p.find(PPR)
        style = paragraph_style(ppr, self.styles, self.numbering)
        counted = not (text == "" and mark_deleted(ppr))
        if style.num_id is not None and style.ilvl is not None and counted:
            # An empty numbered paragraph still takes a number, as in Word, unless its
            # paragraph mark is a tracked deletion.
            result = self.numbering.advance(style.num_id, style.ilvl)
            label = result.label
            level = result.level
        return _Para(text, comments, label, level, style.heading_level, ids, style.contents)

    def _walk(self, element: Any, state: _State) -> None:
        """Append the visible text under ``element`` to ``state.out``."""
        out = state.out
        nodes = state.nodes
        for child in element:
            tag = child.tag
            if tag == R:
                # Fast path for the commonest shape, w:r holding w:rPr and w:t.
                for inner in child:
                    inner_tag = inner.tag
                    if inner_tag == T:
                        if not state.hidden:
                            if nodes is not None:
                                nodes.append((inner, len(out)))
                            out.append(inner.text or "")
                    elif inner_tag != RPR:
                        self._walk_one(inner, inner_tag, state)
            elif tag == T:
                if not state.hidden:
                    if nodes is not None:
                        nodes.append((child, len(out)))
                    out.append(child.text or "")
            else:
                self._walk_one(child, tag, state)

    def _walk_one(self, child: Any, tag: Any, state: _State) -> None:
        """Handle one element below a paragraph other than a plain run."""
        out = state.out
        if tag == MATH_T:
            if not state.hidden:
                if state.nodes is not None:
                    state.nodes.append((child, len(out)))
                out.append(child.text or "")
        elif tag in _SKIP or not isinstance(tag, str):
            return
        elif tag in (TAB, PTAB):
            if not state.hidden:
                out.append("\t")
        elif tag in (BR, CR):
            if not state.hidden:
                out.append("\n")
        elif tag == NB_HYPHEN:
            if not state.hidden:
                out.append("-")
        elif tag == FLD_CHAR:
            kind = child.get(FLD_CHAR_TYPE)
            if kind == "begin":
                state.fields.append(True)
                state.hidden += 1
            elif kind == "separate":
                if state.fields and state.fields[-1]:
                    state.fields[-1] = False
                    state.hidden -= 1
            elif kind == "end" and state.fields and state.fields.pop():
                state.hidden -= 1
        elif tag in (COMMENT_START, COMMENT_REF):
            cid = str(child.get(ID))
            state.comments.append(cid)
            if tag == COMMENT_REF:
                state.ended.append(cid)
            else:
                state.started.append(cid)
        elif tag == COMMENT_END:
            state.ended.append(str(child.get(ID)))
        elif tag == TXBX:
            box = self.note_text(child)
            if box.strip():
                state.boxes.append(box)
        elif tag == ALTERNATE:
            self._walk(inside(child), state)
        else:
            # Hyperlinks, smart tags, content controls, insertions, moved-to text,
            # simple fields, drawings and the like: their content is text.
            self._walk(child, state)

    def note_text(self, container: Any) -> str:
        """Return the text of a comment, footnote, endnote or text box.

        Its paragraphs (and those of any table inside it) are joined by newlines;
        numbering inside it is not counted and comment ranges are ignored.
        """
        texts: list[str] = []
        for p in paragraphs(container):
            state = _State()
            self._walk(p, state)
            text = "".join(state.out)
            if state.boxes:
                text = "\n".join([text, *state.boxes])
            texts.append(text.replace("\xa0", " "))
        return "\n".join(texts).strip()


def _paragraph_text(state: _State) -> str:
    """Return a walked paragraph's text as a block holds it (text boxes last)."""
    text = "".join(state.out)
    if state.boxes:
        text = "\n".join([text, *state.boxes]) if text else "\n".join(state.boxes)
    if "\xa0" in text or "\r" in text:
        text = text.replace("\xa0", " ").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


# --- text positions (for writing comments back into a copy) ------------------------------


def text_nodes(paragraph: Any) -> list[tuple[Any, int]]:
    """Return the text nodes of a ``w:p`` element with their offsets in its block text.

    Each entry is ``(node, start)``: a ``w:t`` (or ``m:t``) element read by the same walk
    that builds :attr:`Block.text`, and the offset in that text where the node's
    :func:`visible_text` begins. Deleted text, field instructions and the like are not
    listed; tabs, breaks and non-breaking hyphens take offsets but belong to no node,
    and text-box text (appended after the paragraph's own text) is not mapped.
    """
    return block_text_nodes(paragraph)[1]


def block_text_nodes(element: Any) -> tuple[str, list[tuple[Any, int]]]:
    """Return the block text of a ``w:p`` or ``w:tc`` element and its :func:`text_nodes`.

    A table cell's text is its paragraphs' texts joined by newlines, then the text of any
    nested table, exactly as the parser builds a ``table_cell`` block; offsets are into
    that text.
    """
    reader = _Reader("", Styles(None), Numbering(None, Styles(None)))
    if element.tag != TC:
        return _text_and_nodes(reader, element)
    texts: list[str] = []
    nodes: list[tuple[Any, int]] = []
    nested: list[str] = []
    offset = 0
    for p in _cell_paragraphs(element, nested, reader):
        text, found = _text_and_nodes(reader, p)
        nodes.extend((node, offset + start) for node, start in found)
        texts.append(text)
        offset += len(text) + 1
    return "\n".join(texts + nested), nodes


def _text_and_nodes(reader: _Reader, p: Any) -> tuple[str, list[tuple[Any, int]]]:
    state = _State(nodes=[])
    reader._walk(p, state)
    text = _paragraph_text(state)
    pieces = state.out
    raw = "".join(pieces)
    starts: list[int] = []
    total = 0
    for piece in pieces:
        starts.append(total)
        total += len(piece)
    assert state.nodes is not None
    if _CONTROL.search(raw) is None:
        return text, [(node, starts[index]) for node, index in state.nodes]
    # Control characters are dropped from the block text: shift later offsets back.
    dropped = [0] * (len(raw) + 1)
    count = 0
    for i, ch in enumerate(raw):
        dropped[i] = count
        if _CONTROL.match(ch):
            count += 1
    dropped[len(raw)] = count
    return text, [(node, starts[i] - dropped[starts[i]]) for node, i in state.nodes]


def visible_text(node: Any) -> str:
    """Return a text node's text as it appears in the block text."""
    text = str(node.text or "")
    if "\xa0" in text or "\r" in text:
        text = text.replace("\xa0", " ").replace("\r", "\n")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def raw_index(node: Any, visible: int) -> int:
    """Return the index in ``node.text`` of the ``visible``-th character of :func:`visible_text`.

    Equal to ``visible`` unless the node holds control characters, which the block text
    drops.
    """
    text = str(node.text or "")
    if _CONTROL.search(text) is None:
        return visible
    seen = 0
    for i, ch in enumerate(text):
        if _CONTROL.match(ch):
            continue
        if seen == visible:
            return i
        seen += 1
    return len(text)


def _cell_paragraphs(tc: Any, nested: list[str], reader: _Reader) -> Iterator[Any]:
    """Yield a cell's own paragraphs; the text of nested tables goes to ``nested``.

    A nested table's paragraphs are read (so numbering and comment ranges in them stay
    in step) when the walk reaches the table, between the paragraphs around it.
    """

    def nested_table(tbl: Any) -> None:
        for p in paragraphs(tbl):
            text = reader._paragraph(p).text
            if text.strip():
                nested.append(text)

    return paragraphs(tc, nested_table)

"""The shared data model: what parsers return and what the engine reports.

Every parser returns a :class:`Document` (ordered :class:`Block` objects, each with a
:class:`Location`). The structure builder turns those blocks into a tree of frozen
:class:`Unit` objects (clauses, each sentence classified), the rules produce
:class:`Finding` objects and the engine gathers them into a :class:`Report`. Unknown
parts of a location are ``None``: a parser never guesses a page, a line or a clause
number it does not know.
"""

# No ``from __future__ import annotations`` here: pydantic would evaluate every field's
# annotation from its text each time speclint starts.
from enum import Enum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The format of a document speclint reads; :data:`speclint.parsers.PARSERS` has one row
#: for each (a test keeps the two, and the schema enums, equal).
InputFormat = Literal["md", "txt", "docx", "pdf"]
BlockKind = Literal[
    "heading",
    "paragraph",
    "list_item",
    "table_cell",
    "quote",
    "comment",
    "footnote",
    "endnote",
]


_M = TypeVar("_M", bound=BaseModel)


def unvalidated(cls: type[_M], values: dict[str, Any]) -> _M:
    """An instance of the model ``cls`` holding ``values``, with no validation.

    For values speclint made or sealed itself, each field already of its declared type:
    as ``cls.model_construct(**values)`` at a fraction of its cost. Callers' tests check
    that such instances equal validated ones.
    """
    model = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(model, "__dict__", values)
    setattr_(model, "__pydantic_fields_set__", set(values))
    setattr_(model, "__pydantic_extra__", None)
    setattr_(model, "__pydantic_private__", None)
    return model


class Severity(str, Enum):
    """How serious a finding is. Ordered: ``info`` < ``warning`` < ``error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0, 1 or 2 so that severities can be compared."""
        return _SEVERITY_RANK[self.value]


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


#: The most table columns whose header text a cell carries (Word's own limit is 63).
MAX_HEADER_COLUMNS = 64


class _Frozen(BaseModel):
    # Every model builds its validator on first use, not when this module is imported at
    # every start: linting a file validates none of them. The parsers, the structure
    # builder and the engine make documents, blocks, units, findings and reports of
    # values already of their types, without validation (see ``unvalidated``; tests
    # hold them equal to validated copies).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _Rare(_Frozen):
    # Reports, outlines and units: as every other model (kept for its name).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class TableRef(_Frozen):
    """Where a cell sits in a table: 1-based table index, row and column."""

    index: int
    row: int
    column: int


class Location(_Frozen):
    """Where something is, in the terms a reader of that format uses.

    ``paragraph`` is the 1-based index of the body paragraph (Word), ``clause`` the
    clause number as printed (``3.4.1``, ``Schedule 2 Part A 3(b)(iii)``) and
    ``section`` the chain of headings above it.
    """

    path: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    clause: str | None = None
    section: tuple[str, ...] | None = None
    table: TableRef | None = None


class Anchor(_Frozen):
    """Where a run of a block's text starts in the source.

    ``offset`` is a character offset into :attr:`Block.text`; the text from that offset
    up to the next anchor starts at ``line``/``column`` (text formats) or on ``page``
    at printed ``line`` (PDF). A block without anchors is located by its own
    :attr:`Block.location` only.
    """

    offset: int
    line: int | None = None
    column: int | None = None
    page: int | None = None


class Block(_Frozen):
    """One unit of text in reading order, as the format presents it.

    ``label`` is a clause number the format renders but the text does not contain
    (Word automatic numbering); typed numbers stay in ``text`` and are found by the
    structure grammar. ``header`` carries a table's header-row text for a cell, and
    ``comments`` carries reviewer comments attached to the block (Word comments, or
    Markdown ``<!-- -->`` comments just above it), which is where inline suppressions
    live. ``comment_locations``, when the parser knows them, is parallel to
    ``comments``: where each comment itself sits (a Markdown comment's or a plain-text
    directive line's own line and column, the paragraph or cell a Word comment is first
    anchored on). It is empty when the parser does not say.
    """

    text: str
    kind: BlockKind = "paragraph"
    location: Location = Field(default_factory=Location)
    anchors: tuple[Anchor, ...] = ()
    heading_level: int | None = None
    list_level: int | None = None
    label: str | None = None
    header: tuple[str, ...] | None = None
    comments: tuple[str, ...] = ()
    comment_locations: tuple[Location, ...] = ()

    @field_validator("header", mode="before")
    @classmethod
    def _bounded_header(cls, value: object) -> object:
        # Every cell of a row gets its own copy of the header: a row of thousands of
        # cells must not cost thousands squared.
        if isinstance(value, (tuple, list)) and len(value) > MAX_HEADER_COLUMNS:
            return tuple(value[:MAX_HEADER_COLUMNS])
        return value


#: Every field of a block and of a location at its default, in declared order.
_LOCATION_DEFAULTS: dict[str, Any] = {
    name: field.get_default() for name, field in Location.model_fields.items()
}
_BLOCK_DEFAULTS: dict[str, Any] = {
    name: ""
    if name == "text"
    # ``Location()``, without building Location's validator at import.
    else unvalidated(Location, dict(_LOCATION_DEFAULTS))
    if name == "location"
    else field.get_default(call_default_factory=True)
    for name, field in Block.model_fields.items()
}


def unvalidated_block(**values: Any) -> Block:
    """A :class:`Block` of values a parser made, each already of its field's type.

    Built without validation (see :func:`unvalidated`); fields left out take their
    defaults, and a header is cut to ``MAX_HEADER_COLUMNS`` cells, as the validator does.
    """
    header = values.get("header")
    if isinstance(header, tuple) and len(header) > MAX_HEADER_COLUMNS:
        values["header"] = header[:MAX_HEADER_COLUMNS]
    return unvalidated(Block, {**_BLOCK_DEFAULTS, **values})


def unvalidated_location(**values: Any) -> Location:
    """A :class:`Location` of values a parser made, built without validation."""
    return unvalidated(Location, {**_LOCATION_DEFAULTS, **values})


def unvalidated_anchor(offset: int, line: int, column: int, page: int | None = None) -> Anchor:
    """An :class:`Anchor` of values a parser made, built without validation."""
    return unvalidated(Anchor, {"offset": offset, "line": line, "column": column, "page": page})


def unvalidated_cell(
    text: str,
    path: str,
    table: TableRef,
    anchors: tuple[Anchor, ...],
    header: tuple[str, ...] | None,
    notes: tuple[tuple[str, ...], tuple[Location, ...]] = ((), ()),
) -> Block:
    """A text table's ``table_cell`` block, located at its first anchor, built unvalidated.

    ``notes`` are the directive comments and their places that a row's first cell carries.
    """
    first = anchors[0]
    return unvalidated_block(
        text=text,
        kind="table_cell",
        location=unvalidated_location(path=path, line=first.line, column=first.column, table=table),
        anchors=anchors,
        header=header,
        comments=notes[0],
        comment_locations=notes[1],
    )


class Document(_Frozen):
    """What every parser returns: the file's blocks in reading order."""

    path: str
    format: InputFormat
    blocks: tuple[Block, ...]
    pages: int | None = None


def unvalidated_document(path: str, format: InputFormat, blocks: tuple[Block, ...]) -> Document:
    """The :class:`Document` of blocks a parser made (without page count), unvalidated."""
    return unvalidated(Document, {"path": path, "format": format, "blocks": blocks, "pages": None})


#: Why a sentence is not an operative requirement; a rule opts back in to each by name
#: (``include = ["history"]``).
SentenceFlag = Literal[
    "definition", "history", "meta", "question", "denied", "report", "form", "aim"
]
#: What the structure layer says a sentence is, when it is not a plain requirement: a
#: definition, history, commentary on commissioning (``meta``), a yes-or-no question no
#: answer follows (``question``), one answered no (``denied``), a sentence of a block
#: quotation (``quotation``, which is commentary too and so always comes with ``meta``),
#: or, from the kind of text it stands in (:mod:`speclint.structure.kinds`), a report of
#: what someone did, said or agreed (``report``: news, minutes, a case study), a field of
#: a blank form (``form``) or what a fund or grant is for (``aim``).
SentenceClass = Literal[
    "definition", "history", "meta", "question", "denied", "quotation", "report", "form", "aim"
]


class Sentence(_Frozen):
    """A sentence of a unit: character offsets into :attr:`Unit.text`, and what it is.

    ``flags`` is empty for an operative sentence; the structure layer sets it when it
    builds the unit (:mod:`speclint.structure.meaning`), and rules only read it.
    ``quoted_from`` is set on the later part of a sentence the structure layer split in
    two (a decision's "agreed to end X | and pay per session"): a finding in it quotes
    the whole written sentence, from there.
    """

    start: int
    end: int
    flags: frozenset[SentenceClass] = frozenset()
    quoted_from: int | None = None


class Segment(_Frozen):
    """Maps ``Unit.text[start:end]`` back to ``blocks[block].text[block_start:]``."""

    start: int
    end: int
    block: int
    block_start: int


class LeadSource(_Rare):
    """Where a list item's lead-in is written: ``units[unit].text[start:end]``.

    ``unit`` is an index into the outline's units (the paragraph or table row that ends
    in the sentence introducing the list).
    """

    unit: int
    start: int
    end: int


class Unit(_Rare):
    """A numbered (or unnumbered) clause with its own text and its sub-clauses; frozen.

    A list item is read with the sentence that introduces its list ("The Provider will
    be paid:"): that sentence is copied to the front of :attr:`text` and ``lead_in``
    is its length, so that rules see the whole requirement while findings made from
    the lead-in alone are left to the clause that holds it; ``lead_source`` says where
    that sentence is written, when it is written in a unit the rules read. ``continues``
    is true for a unit that carries on the clause of the unit before it (after a table,
    or where a long clause was split at a paragraph boundary), and ``group`` is shared
    by every unit of one clause as written (its first unit, the pieces of a split and
    the text that carries it on after a table), so a directive above it covers them
    all. ``quiet`` is true under a heading such as Definitions, Glossary or Background,
    whose clauses are not read as requirements. Each :class:`Sentence` carries its own
    classification. Units are built by :func:`speclint.structure.build_outline` (or
    :func:`speclint.structure.text_unit` for a lone text) and never change afterwards.
    """

    number: str | None = None
    label: str | None = None
    heading: str | None = None
    heading_path: tuple[str, ...] = ()
    text: str = ""
    kind: BlockKind = "paragraph"
    sentences: tuple[Sentence, ...] = ()
    segments: tuple[Segment, ...] = ()
    children: tuple["Unit", ...] = ()
    table_header: tuple[str, ...] | None = None
    lead_in: int = 0
    lead_source: LeadSource | None = None
    continues: bool = False
    group: int = 0
    quiet: bool = False

    def walk(self) -> list["Unit"]:
        """Return this unit and every descendant, in document order (however deep)."""
        out: list[Unit] = []
        stack = [self]
        while stack:
            unit = stack.pop()
            out.append(unit)
            stack.extend(reversed(unit.children))
        return out


#: The old name of :class:`Unit`, kept so that existing imports work.
Clause = Unit


class TextRange(_Frozen):
    """The characters ``[start, end)`` of a text."""

    start: int
    end: int


class Span(_Frozen):
    """Where a finding sits in the parsed document, as character offsets.

    ``block`` is the index in :attr:`Document.blocks` of the block the trigger starts
    in; ``sentence`` (the part of the quoted sentence in that block) and ``trigger`` (the
    words the finding points at) are ranges of that block's text. Lines, columns and
    pages are made from it only when a finding is located for output.
    """

    block: int
    sentence: TextRange
    trigger: TextRange


class Finding(_Frozen):
    """One problem found by one rule at one place.

    ``fingerprint`` identifies the finding independently of where it sits: a hash of
    the code and the normalised text of the sentence that triggered it, so it survives
    lines, pages and clause numbers moving, and changes when the sentence is edited.
    Baselines and SARIF ``partialFingerprints`` use it. ``highlights`` are where the
    trigger words sit in ``excerpt`` (start and end character offsets, in order).
    ``span`` is where the finding sits in the parsed document's blocks (``None`` for a
    finding about the whole document or about a directive); it is not part of the JSON
    contract. ``related`` lists the codes of other rules of the same family that fired on
    the same sentence and were folded into this finding (see ``group-related``).
    ``folded`` holds the places of the same issue folded into it (see ``group-repeats``),
    whose codes, when they differ from its own, join ``related``; ``own_related`` then
    keeps the codes of its own sentence alone (``None`` when nothing was folded in), so
    that a baseline that knows some of the places can fold the rest again exactly. It is
    not part of the JSON contract.
    """

    code: str
    name: str
    family: str
    principle: str
    severity: Severity
    message: str
    location: Location
    excerpt: str
    suggestion: str
    fingerprint: str = ""
    highlights: tuple[tuple[int, int], ...] = ()
    span: Span | None = None
    related: tuple[str, ...] = ()
    folded: tuple["Finding", ...] = ()
    own_related: tuple[str, ...] | None = None

    @property
    def also_at(self) -> tuple[Location, ...]:
        """Where the findings folded into this one sit, in document order (empty: none)."""
        return tuple(member.location for member in self.folded)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every rule that fired here: the finding's own code, then its ``related`` codes."""
        return (self.code, *self.related)

    @property
    def related_note(self) -> str:
        """`` (also PBR002, PBR005)`` after the message when rules were folded in, else ``""``."""
        return f" (also {', '.join(self.related)})" if self.related else ""

    @property
    def also_note(self) -> str:
        """`` (also rows at lines 8-9, 12)`` after the message when places were folded in.

        Said as a reader of the format finds the places: file lines (Markdown, text),
        pages and printed lines (PDF), clause numbers (paragraphs when two places share
        a clause or one has none) or table rows (Word); ``rows`` when every place is a
        table's, else ``at``. Empty when nothing was folded in.
        """
        said = places_said(self.also_at, self.location)
        return f" (also {said})" if said else ""

    @property
    def fold_note(self) -> str:
        """What was folded into this finding, after its message: the rules, then the places.

        `` (also PBR002; rows at lines 8-9)``; :attr:`related_note` or :attr:`also_note`
        alone when only one kind was folded in, ``""`` when nothing was.
        """
        parts = [", ".join(self.related)] if self.related else []
        said = places_said(self.also_at, self.location)
        if said:
            parts.append(said)
        return f" (also {'; '.join(parts)})" if parts else ""


def places_said(places: tuple[Location, ...], own: Location | None = None) -> str:
    """``rows at lines 8-9, 12``: the places a finding repeats at, briefly (``""``: none).

    ``own`` is where the finding itself is: a Word place in the same clause is named by
    its paragraph.
    """
    if not places:
        return ""
    rows = all(place.table is not None for place in places)
    pages: dict[int | None, list[int]] = {}
    paragraphs: list[int] = []
    # Word paragraphs are named by their clause numbers when each has its own.
    numbered = [p.clause for p in places if p.line is None and p.paragraph is not None]
    by_clause = (
        all(numbered)
        and len(set(numbered)) == len(numbered)
        and (own is None or own.clause not in numbered)
    )
    clauses: list[str] = []
    cells: dict[int, list[int]] = {}
    unplaced = 0
    for place in places:
        if place.line is not None:
            pages.setdefault(place.page, []).append(place.line)
        elif place.paragraph is not None and place.clause and by_clause:
            clauses.append(place.clause)
        elif place.paragraph is not None:
            paragraphs.append(place.paragraph)
        elif place.table is not None:
            cells.setdefault(place.table.index, []).append(place.table.row)
        elif place.page is not None:
            pages.setdefault(place.page, [])
        else:
            unplaced += 1
    parts = []
    for page, lines in pages.items():
        said = f"{'line' if len(set(lines)) == 1 else 'lines'} {_runs(lines)}" if lines else ""
        parts.append(f"page {page} {said}".rstrip() if page is not None else said)
    if clauses:
        parts.append(f"{'clause' if len(clauses) == 1 else 'clauses'} {', '.join(clauses)}")
    if paragraphs:
        noun = "paragraph" if len(set(paragraphs)) == 1 else "paragraphs"
        parts.append(f"{noun} {_runs(paragraphs)}")
    for table, numbers in cells.items():
        noun = "row" if len(set(numbers)) == 1 else "rows"
        parts.append(f"{noun} {_runs(numbers)} of table {table}")
    if unplaced:
        parts.append(f"{unplaced} other place{'s' if unplaced > 1 else ''}")
    if rows and not pages and not paragraphs and not clauses and not unplaced:
        return " and ".join(parts)  # "rows 3-5 of table 1" says rows itself
    return f"{'rows at' if rows else 'at'} {' and '.join(parts)}"


def _runs(numbers: list[int]) -> str:
    """``8-10, 12``: numbers in order, each run of consecutive ones as a range."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


class FileReport(_Frozen):
    """The findings for one file, and the fail level its configuration sets."""

    path: str
    format: InputFormat
    findings: tuple[Finding, ...] = ()
    fail_on: Literal["info", "warning", "error", "never"] = "warning"

    def fails(self, level: str | None = None) -> bool:
        """True when a finding is at or above ``level`` (default: this file's ``fail_on``)."""
        level = level or self.fail_on
        if level == "never":
            return False
        floor = Severity(level).rank
        return any(f.severity.rank >= floor for f in self.findings)


class FileError(_Rare):
    """A file that could not be linted, with one line saying why."""

    path: str
    message: str


class SkippedFile(_Rare):
    """A document-like file found in a folder that speclint does not read.

    ``reason`` says what the file is and how to have it checked (convert it with
    LibreOffice, or read it as plain text with ``--include``).
    """

    path: str
    reason: str


class Summary(_Rare):
    """Counts for the whole run (``skipped``: documents left out unread)."""

    files: int
    findings: int
    errors: int
    skipped: int = 0


class Report(_Rare):
    """The result of a run over one or more files.

    ``baselined`` counts the findings left out because a baseline already knew them;
    ``skipped`` lists the document-like files found in folders that speclint does not
    read (a ``.doc``, an ``.odt``, a spreadsheet), so that none is left out unsaid.
    """

    files: tuple[FileReport, ...] = ()
    errors: tuple[FileError, ...] = ()
    baselined: int = 0
    skipped: tuple[SkippedFile, ...] = ()

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every file, in report order."""
        return [f for fr in self.files for f in fr.findings]

    @property
    def summary(self) -> Summary:
        """Counts of files, findings and errors."""
        return Summary(
            files=len(self.files) + len(self.errors),
            findings=sum(len(fr.findings) for fr in self.files),
            errors=len(self.errors),
            skipped=len(self.skipped),
        )

    def to_json(self) -> str:
        """The report as ``speclint check --format json`` writes it (the documented contract).

        ``model_dump_json()`` is pydantic's own dump of the model, not that contract;
        use this (or :func:`speclint.render`) for anything another tool will read.
        """
        from speclint.contract import report_json

        return report_json(self)

    def merge(self, other: "Report") -> "Report":
        """Return a report holding this report's files and errors, then ``other``'s."""
        return Report(
            files=self.files + other.files,
            errors=self.errors + other.errors,
            baselined=self.baselined + other.baselined,
            skipped=self.skipped + other.skipped,
        )


class OutlineUnit(_Rare):
    """One unit the rules read: its clause number, heading path, place and text.

    ``lead_in`` is how many leading characters of ``text`` are the sentence that
    introduces a list item, copied from the clause above (0 when none).
    """

    clause: str | None
    section: tuple[str, ...]
    location: Location
    text: str
    kind: BlockKind = "paragraph"
    lead_in: int = 0

    @property
    def words(self) -> int:
        """How many words the unit holds."""
        return len(self.text.split())


class OutlineNode(_Rare):
    """One clause of the clause tree: its number, title, place and the clauses under it.

    ``heading`` is the title printed beside the number ("Population Needs"), when the
    clause has one; ``words`` counts the clause's own text (a list item's includes
    its lead-in, as the rules read it).
    """

    clause: str | None
    heading: str | None = None
    kind: BlockKind = "paragraph"
    location: Location
    text: str = ""
    lead_in: int = 0
    children: tuple["OutlineNode", ...] = ()

    @property
    def words(self) -> int:
        """How many words the clause's own text holds."""
        return len(self.text.split())


class FileOutline(_Rare):
    """The units of one file, in document order, and (when asked for) its clause tree."""

    path: str
    format: InputFormat
    units: tuple[OutlineUnit, ...] = ()
    tree: tuple[OutlineNode, ...] | None = None


class OutlineReport(_Rare):
    """What ``speclint outline`` shows: the units of each readable file, and the errors."""

    files: tuple[FileOutline, ...] = ()
    errors: tuple[FileError, ...] = ()

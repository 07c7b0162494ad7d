"""Write a reviewed copy of a Word draft: one Word comment per finding.

:func:`annotate_docx` lints a ``.docx`` draft (or takes findings already made) and
writes a copy in which every finding is a Word comment authored "speclint", anchored
on the sentence that triggered it, holding the rule's code and name, the message and
the *Better* advice. The draft itself is read once and never written.

Anchoring works on the lxml tree python-docx loads: the block's text and the offset of
each ``w:t`` node in it come from :func:`speclint.parsers.docx.block_text_nodes`, the
same walk the parser uses, so a finding's character offsets land on the right text.
Runs are split at the sentence's edges (each half keeps the run's properties) and
python-docx's ``Document.add_comment`` places the comment range around them.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from speclint.api import check_document
from speclint.atomic import cannot_write, write_file
from speclint.config import Settings, discover
from speclint.errors import InputError, SpeclintError
from speclint.models import Block, Finding, Location
from speclint.parsers import read_file
from speclint.parsers.docx import (
    REVIEW_AUTHOR,
    block_text_nodes,
    check_package,
    parse,
    raw_index,
    table_cell,
    visible_text,
)
from speclint.parsers.docx.ooxml import AUTHOR as AUTHOR_ATTR
from speclint.parsers.docx.ooxml import (
    COMMENT,
    COMMENT_END,
    COMMENT_REF,
    COMMENT_START,
    CONTAINERS,
    ID,
    PPR,
    RPR,
    SDT,
    TBL,
    TXBX,
    P,
    R,
    inside,
)
from speclint.paths import resolved

#: Author and initials of every comment speclint writes (the parser skips them).
AUTHOR = REVIEW_AUTHOR
INITIALS = "SL"

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class AnnotateResult:
    """What :func:`annotate_docx` wrote: the copy, its comments and the findings behind them.

    ``replaced`` counts the comments of an earlier speclint review that were removed
    (when the draft was itself a reviewed copy).
    """

    source: Path
    output: Path
    findings: tuple[Finding, ...]
    comments: int
    replaced: int = 0


#: How the name of a reviewed copy ends.
REVIEWED_SUFFIX = ".reviewed.docx"


def reviewed_path(source: str | Path) -> Path:
    """Return the default name of a draft's reviewed copy: ``DRAFT.reviewed.docx`` beside it."""
    path = Path(source)
    return path.with_name(f"{path.stem}.reviewed.docx")


def comment_text(finding: Finding) -> str:
    """Return the text of the Word comment for ``finding`` (one paragraph per line)."""
    message = finding.message + finding.fold_note
    lines = [f"{finding.code} {finding.name}", message]
    if finding.suggestion:
        lines.append(f"Better: {finding.suggestion}")
    return "\n".join(" ".join(line.split()) for line in lines)


def annotate_docx(
    source: str | Path,
    output: str | Path | None = None,
    *,
    findings: Sequence[Finding] | None = None,
    settings: Settings | None = None,
    force: bool = False,
) -> AnnotateResult:
    """Write a copy of the Word draft ``source`` with one comment per finding.

    ``output`` defaults to ``DRAFT.reviewed.docx`` beside the draft; a draft that is
    itself a reviewed copy (``*.reviewed.docx``) needs ``output``, so that no
    ``*.reviewed.reviewed.docx`` appears beside it. Unless
    ``findings`` are given, the draft is linted with ``settings`` (by default the
    nearest ``speclint.toml`` or ``pyproject.toml``). Each comment is authored
    "speclint" (initials "SL") and anchored on the sentence that triggered the
    finding; a finding in a table cell is anchored in that cell, and a finding that
    belongs to the whole document on its first paragraph.

    A draft that speclint has reviewed before keeps no comment of that review: every
    comment authored "speclint" (with its range and reference mark) is removed before
    the new ones are added, so annotating twice never doubles the comments. Other
    authors' comments are kept as they are.

    The draft is never modified. The copy is written to a temporary file beside
    ``output`` and moved into place, so a failed run leaves nothing half-written.
    Raises :class:`InputError` when the draft cannot be read as a ``.docx`` and
    :class:`SpeclintError` when ``output`` is the draft itself, already exists
    (without ``force``) or cannot be written; each with a one-line message.
    """
    source = Path(source)
    if output is None and source.name.lower().endswith(REVIEWED_SUFFIX):
        draft = source.with_name(source.name[: -len(REVIEWED_SUFFIX)] + ".docx")
        raise SpeclintError(
            f"{source}: is already a reviewed copy; annotate its draft ({draft}) again, "
            "or name a new copy with -o"
        )
    target = Path(output) if output is not None else reviewed_path(source)
    _check_paths(source, target, force)
    data = read_file(source)
    if findings is None and settings is None:
        settings = discover(source)
    reviewed, found, replaced = annotate_bytes(
        data, str(source), findings=findings, settings=settings
    )
    _write(target, reviewed, force)
    return AnnotateResult(
        source=source,
        output=target,
        findings=found,
        comments=comment_count(found),
        replaced=replaced,
    )


def annotate_bytes(
    data: bytes,
    name: str,
    *,
    findings: Sequence[Finding] | None = None,
    settings: Settings | None = None,
) -> tuple[bytes, tuple[Finding, ...], int]:
    """Return a reviewed copy of ``data`` (``.docx`` bytes), its findings, and a count.

    The count is how many earlier speclint comments the copy replaced. As
    :func:`annotate_docx`, in memory: ``name`` labels the draft in findings and
    errors, and nothing is read or written on disk. Unless ``findings`` are given, the
    draft is linted with ``settings`` (the defaults when ``None``). Raises
    :class:`InputError` when ``data`` cannot be read as a ``.docx`` and
    :class:`SpeclintError` when the copy cannot be made; each with a one-line message.
    """
    blocks: tuple[Block, ...] | None = None
    if findings is None:
        document = parse(data, name)
        blocks = document.blocks
        try:
            findings = check_document(document, settings).findings
        except Exception as exc:  # a bug must be one clear line, not a traceback
            raise SpeclintError(
                f"{name}: could not be linted because of an internal error "
                f"({type(exc).__name__}: {exc}); please report it with the file if you can"
            ) from None
    else:
        check_package(data, name)
    found = tuple(findings)
    if blocks is None and any(_unplaced(f) and f.span is not None for f in found):
        blocks = parse(data, name).blocks

    try:
        docx_document = _load(data)
        replaced = remove_own_comments(docx_document)
        places = _Places(docx_document.element.body, blocks or ())
        for finding in found:
            _comment(docx_document, finding, places)
        buffer = io.BytesIO()
        docx_document.save(buffer)
    except SpeclintError:
        raise
    except Exception as exc:  # the boundary: one line, never a traceback
        raise SpeclintError(
            f"{name}: could not write the reviewed copy ({type(exc).__name__}: {exc})"
        ) from None
    return buffer.getvalue(), found, replaced


# --- files -------------------------------------------------------------------------------


def _check_paths(source: Path, target: Path, force: bool) -> None:
    if source.suffix.lower() != ".docx":
        kind = f"a '{source.suffix}' file" if source.suffix else "a file without a suffix"
        raise InputError(str(source), f"is not a Word .docx file ({kind}); annotate reads .docx")
    if target.suffix.lower() != ".docx":
        raise SpeclintError(f"{target}: the reviewed copy must be a .docx file")
    if _same_file(source, target):
        raise SpeclintError(f"{target}: refusing to write the reviewed copy over the draft itself")
    if target.is_dir():
        raise SpeclintError(cannot_write("reviewed copy", target))
    if not force and (target.exists() or target.is_symlink()):
        raise SpeclintError(f"{target}: already exists (use --force to replace it)")
    if not target.parent.is_dir():
        raise SpeclintError(cannot_write("reviewed copy", target))


def _same_file(a: Path, b: Path) -> bool:
    if resolved(a) == resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _write(target: Path, data: bytes, force: bool) -> None:
    """Write ``data`` to ``target`` atomically (a killed run leaves no half-written copy)."""
    try:
        write_file(target, data, replace=force)
    except FileExistsError:
        raise SpeclintError(f"{target}: already exists (use --force to replace it)") from None
    except OSError as exc:
        raise SpeclintError(cannot_write("reviewed copy", target, exc)) from None


# --- comments ----------------------------------------------------------------------------


def _load(data: bytes) -> Any:
    import docx  # python-docx: imported only when a reviewed copy is written

    return docx.Document(io.BytesIO(data))


_W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"

_RANGE_MARKS = frozenset({COMMENT_START, COMMENT_END, COMMENT_REF})
#: Word's companion parts that list comments by their last paragraph's ``w14:paraId``.
_COMPANION_TYPES = ("commentsExtended", "commentsIds", "commentsExtensible")


def remove_own_comments(document: Any) -> int:
    """Remove every comment authored "speclint" from a python-docx ``document``.

    The comment itself, its range marks and its reference mark (and the run that held
    only that mark) go; so do its entries in Word's companion parts
    (``commentsExtended``, ``commentsIds``). Comments by anyone else are untouched.
    Returns how many comments were removed.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part
    try:
        comments_part = part.part_related_by(RT.COMMENTS)
    except KeyError:
        return 0
    root = comments_part.element
    ids: set[str] = set()
    para_ids: set[str] = set()
    for comment in list(root.iterchildren(COMMENT)):
        if comment.get(AUTHOR_ATTR) != AUTHOR:
            continue
        ids.add(str(comment.get(ID)))
        para_ids.update(str(p.get(_W14_PARA_ID)) for p in comment.iter(P) if p.get(_W14_PARA_ID))
        root.remove(comment)
    if not ids:
        return 0
    marks = [e for e in document.element.iter(*_RANGE_MARKS) if e.get(ID) in ids]
    for mark in marks:
        parent = mark.getparent()
        if parent is None:
            continue
        parent.remove(mark)
        if parent.tag == R and all(child.tag == RPR for child in parent):
            holder = parent.getparent()
            if holder is not None:
                holder.remove(parent)
    if para_ids:
        for rel in part.rels.values():
            if not rel.is_external and rel.reltype.endswith(_COMPANION_TYPES):
                _drop_companions(rel.target_part, para_ids)
    return len(ids)


def _drop_companions(companion: Any, para_ids: set[str]) -> None:
    """Remove the entries of a companion part that name one of ``para_ids``."""
    from lxml import etree  # type: ignore[import-untyped]

    element = getattr(companion, "element", None)
    root = element if element is not None else etree.fromstring(companion.blob)
    for entry in list(root):
        if any(value in para_ids for key, value in entry.attrib.items() if key.endswith("paraId")):
            root.remove(entry)
    if element is None:
        companion._blob = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )


def _unplaced(finding: Finding) -> bool:
    """True when the finding's location names neither a body paragraph nor a table cell."""
    return finding.location.paragraph is None and finding.location.table is None


class _Places:
    """The ``w:p`` each body block of the parsed draft came from, found on first use.

    Only blocks that name neither a body paragraph nor a table cell need it (a paragraph
    in a content control, for instance). The body is walked as the parser walks it
    (:meth:`speclint.parsers.docx.reader._Reader.read_body`): every non-empty paragraph
    outside a table, looking inside content controls and the like, in reading order;
    the n-th is the n-th block the parser made from the body outside tables.
    """

    def __init__(self, body: Any, blocks: Sequence[Block]) -> None:
        self.body = body
        self.blocks = blocks
        self._elements: dict[int, Any] | None = None

    def element(self, block: int) -> Any | None:
        """The ``w:p`` of block ``block``, or ``None`` when it cannot be told."""
        if self._elements is None:
            self._elements = self._match()
        return self._elements.get(block)

    def _match(self) -> dict[int, Any]:
        paragraphs: list[tuple[Any, str]] = []
        _body_paragraphs(self.body, paragraphs)
        indices = [
            i
            for i, b in enumerate(self.blocks)
            if b.location.table is None and b.kind not in ("comment", "footnote", "endnote")
        ]
        if len(indices) != len(paragraphs):
            return {}
        matched: dict[int, Any] = {}
        for index, (p, text) in zip(indices, paragraphs, strict=True):
            if text != self.blocks[index].text:
                return {}  # the walks disagree: trust none of it
            matched[index] = p
        return matched


def _body_paragraphs(parent: Any, out: list[tuple[Any, str]]) -> None:
    """Append the non-empty paragraphs of ``parent`` outside tables, with their block text."""
    for child in parent:
        if child.tag == P:
            text = block_text_nodes(child)[0]
            if text.strip():
                out.append((child, text))
        elif child.tag in CONTAINERS:
            _body_paragraphs(inside(child), out)


def comment_count(findings: Sequence[Finding]) -> int:
    """How many comments the reviewed copy holds for ``findings`` (see :func:`runs`)."""
    return sum(len(runs(finding)) for finding in findings)


def runs(finding: Finding) -> list[list[Finding]]:
    """The places of ``finding`` in runs that one comment's range can cover, in order.

    A finding that folds other places (``group-repeats``) has one comment over each run
    of places that follow one another in the draft: the rows of one table, or paragraphs
    with nothing between them (a lead-in and its items, lettered sub-clauses). The run
    holding ``finding`` itself comes first. Places apart from it (two clauses of one
    section with another between) are runs of their own, so that no comment's range
    covers text the finding is not about.
    """
    spots = sorted(
        (f for f in (finding, *finding.folded) if f.span is not None),
        key=lambda f: f.span.block if f.span is not None else -1,
    )
    if len(spots) < 2:
        return [[finding]]
    out: list[list[Finding]] = []
    for place in spots:
        if out and _joined(out[-1][-1], place):
            out[-1].append(place)
        else:
            out.append([place])
    out.sort(key=lambda run: not any(place is finding for place in run))
    return out


def _joined(before: Finding, after: Finding) -> bool:
    """True when one comment's range may run from ``before`` to ``after``."""
    a, b = before.location.table, after.location.table
    if a is not None and b is not None:
        return a.index == b.index  # rows of one table
    if before.span is None or after.span is None:
        return False
    return after.span.block - before.span.block <= 1  # the next paragraph


def _comment(document: Any, finding: Finding, places: _Places) -> None:
    """Add the comments for ``finding`` to the python-docx ``document``.

    One comment holds the finding; its range runs from the first place of its run to
    the last, so that every row of a table it names is marked in the copy. Each other
    run of folded places (:func:`runs`) gets a short comment naming the place of the
    first, so that no place it names is left unmarked.
    """
    from docx.text.run import Run

    body = document.element.body
    for number, run in enumerate(runs(finding)):
        first, last = _anchor(body, run[0], places)
        if run[-1] is not run[0]:
            last = _anchor(body, run[-1], places)[1]
        text = comment_text(finding) if number == 0 else _same_issue(run[0], finding)
        comment = document.add_comment(
            [Run(first, document), Run(last, document)],
            text=text,
            author=AUTHOR,
            initials=INITIALS,
        )
        _lift_reference(body, comment.comment_id)


def _same_issue(place: Finding, kept: Finding) -> str:
    """The text of the short comment on a folded place: the rule, and where its comment is."""
    return f"{place.code} {place.name}\nThe same issue as the comment at {_where(kept.location)}."


def _where(location: Location) -> str:
    """``clause 4.2``, ``row 3 of table 1`` or ``paragraph 12``: a place in a Word draft."""
    if location.table is not None:
        return f"row {location.table.row} of table {location.table.index}"
    if location.clause:
        return f"clause {location.clause}"
    if location.paragraph is not None:
        return f"paragraph {location.paragraph}"
    return "the start of the draft"


def _anchor(body: Any, finding: Finding, places: _Places) -> tuple[Any, Any]:
    """Return the first and last ``w:r`` of the range the comment for ``finding`` covers.

    The block is the paragraph or table cell the location names, else the one the
    finding's span names. Only a finding with neither (about the whole document, or
    a directive) is placed by its excerpt, or on the first paragraph.
    """
    element = _block_element(body, finding.location)
    if element is None and finding.span is not None:
        element = places.element(finding.span.block)
    if element is None:
        element = _by_excerpt(body, finding.excerpt) if finding.excerpt else None
        if element is None:
            return _whole(_first_paragraph(body))
        text, nodes = block_text_nodes(element)
        start = text.find(finding.excerpt)
        return _range(element, nodes, start, start + len(finding.excerpt))
    text, nodes = block_text_nodes(element)
    start, end = _sentence_span(text, finding)
    return _range(element, nodes, start, end)


def _block_element(body: Any, location: Location) -> Any | None:
    """Return the ``w:p`` or ``w:tc`` a finding's location names, if any."""
    if location.paragraph is not None:
        paragraphs = [child for child in body if child.tag == P]
        if 1 <= location.paragraph <= len(paragraphs):
            return paragraphs[location.paragraph - 1]
        return None
    if location.table is not None:
        tables = [child for child in body if child.tag == TBL]
        ref = location.table
        if 1 <= ref.index <= len(tables):
            return table_cell(tables[ref.index - 1], ref.row, ref.column)
    return None


def _by_excerpt(body: Any, excerpt: str) -> Any | None:
    """Find a body paragraph not listed by index (e.g. in a content control) by its text."""
    for p in body.iter(P):
        if _inside(p, TXBX):
            continue
        text, _ = block_text_nodes(p)
        if excerpt in text:
            return p
    return None


def _inside(element: Any, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _first_paragraph(body: Any) -> Any:
    """The first body paragraph with text (or the first paragraph, or a new one)."""
    paragraphs = [child for child in body if child.tag == P]
    for p in paragraphs:
        if block_text_nodes(p)[0].strip():
            return p
    if paragraphs:
        return paragraphs[0]
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    body.insert(0, p)
    return p


def _sentence_span(text: str, finding: Finding) -> tuple[int, int]:
    """Return the span of ``text`` (the block element's text) the comment covers.

    That is the sentence the engine quoted, as its :class:`~speclint.models.Span` gives
    it in the block, cut to the paragraph the trigger is in (a table cell's paragraphs
    are joined by newlines, and a comment stays in one). A block that is one paragraph
    of a table cell starts further into the cell's text: its finding's column, counted
    in the cell, says how far. A finding without a span covers the paragraph its
    column falls in.
    """
    column = max((finding.location.column or 1) - 1, 0)
    span = finding.span
    if span is None:
        start = first = last = min(column, len(text))
    else:
        base = column - span.trigger.start if finding.location.column is not None else 0
        start = min(max(span.trigger.start + base, 0), len(text))
        first = min(max(span.sentence.start + base, 0), len(text))
        last = min(max(span.sentence.end + base, first), len(text))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if span is None:
        return line_start, line_end
    return max(first, line_start), min(last, line_end)


def _range(element: Any, nodes: Sequence[tuple[Any, int]], start: int, end: int) -> tuple[Any, Any]:
    """Split runs so that ``text[start:end]`` of the block is whole runs; return the ends.

    ``nodes`` are the block's text nodes with their offsets (from
    :func:`block_text_nodes`). Only nodes in ordinary runs (``w:r``) are used. When none
    of them falls inside the span (text only in a text box or an equation), the whole
    block is anchored.
    """
    if start < 0 or end <= start:
        return _whole(element, nodes)
    inside: list[tuple[Any, int]] = []
    for node, at in nodes:
        size = len(visible_text(node))
        parent = node.getparent()
        if size and parent is not None and parent.tag == R and at < end and at + size > start:
            inside.append((node, at))
    if not inside:
        return _whole(element, nodes)
    first_node, first_at = inside[0]
    last_node, last_at = inside[-1]
    _split(last_node, raw_index(last_node, end - last_at))
    same_run = first_node.getparent() is last_node.getparent()
    first_run = _split(first_node, raw_index(first_node, max(start - first_at, 0)))
    if first_run is None:  # cannot happen: the first node overlaps the span
        first_run = first_node.getparent()
    last_run = first_run if same_run else last_node.getparent()
    return first_run, last_run


def _whole(element: Any, nodes: Sequence[tuple[Any, int]] | None = None) -> tuple[Any, Any]:
    """The first and last run of a block (a new empty run when it has none)."""
    if nodes is None:
        _, nodes = block_text_nodes(element)
    runs = [node.getparent() for node, _ in nodes if node.getparent().tag == R]
    if not runs:
        runs = [r for r in element.iter(R) if not _inside(r, TXBX)]
    if runs:
        return runs[0], runs[-1]
    from docx.oxml import OxmlElement

    p = element if element.tag == P else next(element.iter(P), None)
    if p is None:
        raise SpeclintError("a table cell without a paragraph cannot hold a comment")
    run = OxmlElement("w:r")
    p.append(run)
    return run, run


def _split(node: Any, at: int) -> Any | None:
    """Split the run holding the ``w:t`` ``node`` before ``node.text[at]``.

    The run keeps everything before the split point; a copy of it (same properties)
    placed right after it takes the rest. Returns the run that starts at the split
    point: the copy, the run itself when nothing in it precedes the point, or ``None``
    when nothing in it follows the point.
    """
    run = node.getparent()
    text = str(node.text or "")
    content = [child for child in run if child.tag != RPR]
    position = content.index(node)
    if at <= 0 and position == 0:
        return run
    if at >= len(text) and position == len(content) - 1:
        return None
    twin = copy.deepcopy(run)
    twin_content = [child for child in twin if child.tag != RPR]
    twin_node = twin_content[position]
    for child in content[position + 1 :]:
        run.remove(child)
    for child in twin_content[:position]:
        twin.remove(child)
    _set_text(node, text[:at])
    _set_text(twin_node, text[at:])
    if not text[:at]:
        run.remove(node)
    if not text[at:]:
        twin.remove(twin_node)
    run.addnext(twin)
    return twin


def _set_text(node: Any, text: str) -> None:
    node.text = text
    if text != text.strip() or "  " in text:
        node.set(_XML_SPACE, "preserve")


def _lift_reference(body: Any, comment_id: int) -> None:
    """Move the comment's reference mark out of any wrapper it was placed in.

    python-docx puts the run holding ``w:commentReference`` right after the range's
    last run. When that run sits inside a tracked insertion, hyperlink or content
    control, the mark would belong to it (rejecting the insertion would delete the
    comment), so it goes just after the wrapper instead; the range itself still ends
    where the sentence does. When the paragraph is inside a block-level content
    control, the mark goes to the start of the paragraph after the control, as Word
    does for a range that ends with a paragraph mark: LibreOffice otherwise drops the
    comment's first line.
    """
    wanted = str(comment_id)
    ref = next((e for e in body.iter(COMMENT_REF) if e.get(ID) == wanted), None)
    if ref is None:
        return
    run = ref.getparent()
    outer = run.getparent()
    if outer is None:
        return
    if outer.tag != P:
        while outer.getparent() is not None and outer.getparent().tag != P:
            outer = outer.getparent()
        if outer.getparent() is None:
            return
        outer.addnext(run)
    paragraph = run.getparent()
    control = None
    parent = paragraph.getparent()
    while parent is not None and parent is not body:
        if parent.tag == SDT:
            control = parent
        parent = parent.getparent()
    if control is None or parent is not body:
        return
    following = control.getnext()
    if following is None or following.tag != P:
        return
    properties = following.find(PPR)
    if properties is not None:
        properties.addnext(run)
    else:
        following.insert(0, run)

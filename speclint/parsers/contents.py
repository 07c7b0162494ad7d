"""Leave a document's contents list out of the blocks the rules read, whatever the format.

A contents list repeats the document's headings, often with their clause numbers
("6.8 Guidance on short welfare visits | 20"). Read as text, each entry would open its
clause a second time and be linted as if it were a requirement: a contents line naming
an incentive scheme or fifteen-minute calls is not a clause that places one. Every
parser's blocks pass through :func:`without_contents`, which drops

* a block that ends in a leader and a page number ("Summary ....... 2"), anywhere;
* a one-paragraph contents list ("Contents: Introduction; Scope; Payment");
* the entries under a "Contents" (or "Table of contents") heading: a table whose last
  column holds page numbers, and the run of title-like blocks beneath the heading.
  That run ends where the body begins: at the first block that repeats an entry
  above it (the first heading again) or at running text. A run that reaches running
  text without repeating an entry is dropped only as far as its entries carry page
  numbers, so that a heading with no list under it keeps the clauses it heads.

The PDF parser also finds contents lists from the layout of their rows
(:mod:`speclint.parsers.pdf_contents`); this pass catches what any format leaves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from speclint.models import Block, Document
from speclint.parsers.pdf_contents import CONTENTS_HEADING, ends_in_leader
from speclint.parsers.textio import SENTENCE_VERB

#: A page number ending an entry, after a tab, a gap, a bar, a dash or a space.
_PAGE_END = re.compile(
    r"(?P<gap>\t|\s{2,}|\s*\|\s*|\s*[-–]\s*|\s)(?:\d{1,4}|[ivx]{1,5})$", re.IGNORECASE
)
#: Words a number after a single space belongs to: "Schedule 2" is a title, not page 2.
_NUMBERED_NAME = re.compile(
    r"\b(?:schedule|section|part|annex|annexe|appendix|lot|year|phase|stage|table|figure|"
    r"chapter|clause|paragraph|tier|level|band|step|version|standard|page)$",
    re.IGNORECASE,
)
#: "Contents: Introduction; Scope; …": a contents list written as one paragraph.
_INLINE = re.compile(r"^(?:table\s+of\s+)?contents\s*:\s*\S", re.IGNORECASE)
#: A header naming the page column of a contents table.
_PAGE_HEADER = re.compile(r"^(?:page|pages|page\s+no\.?|page\s+numbers?|pg\.?|p\.)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:\d{1,4}|[ivx]{1,5})(?:\s*[-–]\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":")
#: The longest entry (in words) still read as a title; a run parted by ";" counts each.
_ENTRY_WORDS = 40


def without_contents(document: Document) -> Document:
    """``document`` without the blocks of its contents list (the same object if it has none)."""
    blocks = document.blocks
    drop = contents_blocks(blocks)
    if not drop:
        return document
    kept = tuple(block for i, block in enumerate(blocks) if i not in drop)
    return document.model_copy(update={"blocks": kept})


def contents_blocks(blocks: Sequence[Block]) -> set[int]:
    """The indices of ``blocks`` that belong to a contents list."""
    drop: set[int] = set()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block.text.strip()
        if block.kind != "table_cell" and CONTENTS_HEADING.match(text):
            drop.add(i)
            end = _list_under(blocks, i + 1, drop)
            i = max(end, i + 1)
            continue
        if ends_in_leader(text) or (
            block.kind != "table_cell" and _INLINE.match(text) and text.count(";") >= 2
        ):
            drop.add(i)
        i += 1
    return drop


def _list_under(blocks: Sequence[Block], start: int, drop: set[int]) -> int:
    """Add the entries under a contents heading to ``drop``; return where the body begins."""
    i = start
    if i < len(blocks) and blocks[i].kind == "table_cell":
        end = _table_end(blocks, i)
        if _is_contents_table(blocks[i:end]):
            drop.update(range(i, end))
            return end
        return i
    run: list[int] = []
    while i < len(blocks) and blocks[i].kind != "table_cell" and _title_like(blocks[i].text):
        run.append(i)
        i += 1
    seen: set[str] = set()
    for position, index in enumerate(run):
        text = blocks[index].text
        if _key(text) in seen:  # the first heading again: the body starts here
            drop.update(run[:position])
            return index
        seen.update(_key(part) for part in [text, *text.split(";")])
    if i >= len(blocks):
        drop.update(run)  # a contents list that runs to the end of what is there
        return i
    numbered = [index for index in run if _ends_in_page(blocks[index].text.strip())]
    if numbered:
        drop.update(range(run[0], numbered[-1] + 1))
        return numbered[-1] + 1
    return start


def _table_end(blocks: Sequence[Block], i: int) -> int:
    """Where the table whose cell is ``blocks[i]`` ends."""
    table = blocks[i].location.table
    j = i
    while j < len(blocks) and blocks[j].kind == "table_cell":
        ref = blocks[j].location.table
        if table is None or ref is None or ref.index != table.index:
            break
        j += 1
    return j


def _is_contents_table(cells: Sequence[Block]) -> bool:
    """True when a table's last column holds page numbers (or is headed "Page")."""
    last: dict[int, str] = {}
    for cell in cells:
        ref = cell.location.table
        if ref is not None:
            last[ref.row] = cell.text.strip()  # cells come row by row, left to right
    header = next((cell.header for cell in cells if cell.header), None)
    if header and _PAGE_HEADER.match(header[-1].strip()):
        return True
    values = [text for text in last.values() if text]
    numbers = sum(1 for text in values if _NUMBER.match(text))
    return len(values) >= 2 and numbers * 4 >= len(values) * 3


def _title_like(text: str) -> bool:
    """True for a contents entry: a title, with or without its page number."""
    text = text.strip()
    if not text:
        return False
    if _ends_in_page(text) or ends_in_leader(text):
        return True
    if text.endswith(_SENTENCE_END) or SENTENCE_VERB.search(text):
        return False
    parts = text.split(";")  # "Introduction; Scope; 1. Population needs": titles in a row
    return all(len(part.split()) <= _ENTRY_WORDS for part in parts)


def _ends_in_page(text: str) -> bool:
    """True when ``text`` ends in a page number ("Scope of the service 7", "Scope | 7")."""
    match = _PAGE_END.search(text)
    if match is None:
        return False
    if match.group("gap") == " " and _NUMBERED_NAME.search(text[: match.start()]):
        return False
    return match.start() > 0


def _key(text: str) -> str:
    """An entry's words, to match it with its heading: no numbers, case or punctuation."""
    if _ends_in_page(text):
        text = _PAGE_END.sub("", text)
    return " ".join(re.findall(r"[^\W\d_]+", text.lower()))

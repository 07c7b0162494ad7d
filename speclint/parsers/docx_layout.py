"""Tell a Word table used for layout from a table of data.

Authors of NHS Standard Contract documents build a service specification as a run of
one-column tables: a shaded title row ("3. Scope") and a row below whose cell holds
the section's clauses as paragraphs, each with its clause number typed at its start
("3.2.5 The Provider will..."). Boxed notes are single-cell tables. Such a table is
page layout, not data: its paragraphs are read as the body's are, one block each.

A table of several columns is data (a row reads ``Header: cell | Header: cell``)
unless a cell in a row holds a section body, that is several paragraphs each opening
with a clause number (typed, or Word's own numbering): then that row is layout too.

These are pure functions of a paragraph's text, label and style; the reader in
:mod:`speclint.parsers.docx` decides where they apply.
"""

from __future__ import annotations

import re

from speclint.structure.labels import looks_like_title

#: A decimal clause number at the start of a paragraph: "1.", "3.2", "3.2.5." then a space.
_LEADING_NUMBER = re.compile(r"[ \t]*(\d{1,3}(?:\.\d{1,3})*)\.?(?:[ \t]+|$)")
#: A clause number of at least two parts ("3.1", "3.2.5") as a section body uses.
_CLAUSE_NUMBER = re.compile(r"[ \t]*\d{1,3}(?:\.\d{1,3})+\.?[ \t]+\S")
#: Longest text (in characters) read as a table's title.
TITLE_MAX_CHARS = 120


def opens_with_clause_number(text: str, label: str | None) -> bool:
    """Return whether a paragraph opens with a clause number such as ``3.1`` or ``3.2.5``.

    The number is either typed at the start of ``text`` or rendered by Word's
    automatic numbering (``label``); a single number ("3.") or a bullet does not count.
    """
    if label is not None:
        return _CLAUSE_NUMBER.match(label + " x") is not None
    return _CLAUSE_NUMBER.match(text) is not None


def is_title(text: str, label: str | None, heading: int | None, listed: bool) -> bool:
    """Return whether a paragraph reads as a section title such as ``1. Population Needs``.

    A paragraph in a heading style always does. Otherwise it must be one short line
    that, after any clause number, reads as a title (capitalised, no sentence
    punctuation at its end, no verb such as *shall* or *will*: see
    :func:`speclint.structure.labels.looks_like_title`). A bulleted paragraph (in a
    Word list, with no number) never does.
    """
    if heading is not None:
        return True
    if listed and label is None:
        return False
    stripped = text.strip()
    if not stripped or "\n" in stripped or len(stripped) > TITLE_MAX_CHARS:
        return False
    if label is not None:
        if _LEADING_NUMBER.fullmatch(label.strip() + " ") is None:
            return False  # "(a)" or "Part I": an item of a list, not a section title
    else:
        match = _LEADING_NUMBER.match(stripped)
        if match is not None:
            stripped = stripped[match.end() :]
    return looks_like_title(stripped)


def opens_with_number(text: str, label: str | None) -> bool:
    """Return whether a paragraph opens with a decimal number ("2.", "3.2"), typed or Word's."""
    return _LEADING_NUMBER.match(label + " " if label is not None else text) is not None


def title_depth(text: str, label: str | None) -> int:
    """Return how many parts a title's clause number has (``3.2 Scope`` gives 2; none, 1)."""
    match = _LEADING_NUMBER.match(label + " " if label is not None else text)
    if match is None:
        return 1
    return match.group(1).count(".") + 1

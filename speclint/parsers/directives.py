"""Collecting ``speclint:`` directives in text-like formats, for the block that follows.

A directive is written on a line of its own (``# speclint: ignore PBR001 -- reason``)
or in a comment (``<!-- speclint: ignore-file -->``). Whatever the format, it belongs
to the block after it, so that the engine can read it as that clause's, and one left
after the last block (``ignore-file`` at the end) belongs to the last block. Each
text-like parser finds its directives its own way and hands them to one
:class:`DirectiveCollector`, which attaches them.
"""

from __future__ import annotations

import re

from speclint.models import Block, Location

#: What a directive line may open with: a common comment wrapper.
_OPENERS = ("<!--", "#", "//", "[")
#: A comment that starts with ``speclint:`` is meant as a directive, well formed or not.
_SPECLINT = re.compile(r"speclint\s*:", re.IGNORECASE)


def directive_text(line: str) -> str | None:
    """The ``speclint: …`` text of a directive line, or ``None`` when it is not one.

    The line may open with ``<!--``, ``#``, ``//`` or ``[`` and close with ``-->`` or
    ``]``; what is returned runs from ``speclint`` to before the closer, well formed or
    not (a malformed one is still a directive, so that it is reported). Written as
    string operations, not a pattern, so a long line costs linear time.
    """
    body = line.strip()
    for opener in _OPENERS:
        if body.startswith(opener):
            body = body[len(opener) :].lstrip()
            break
    if body[:8].lower() != "speclint" or not body[8:].lstrip().startswith(":"):
        return None
    for closer in ("-->", "]"):
        if body.endswith(closer):
            return body[: -len(closer)].rstrip()
    return body


def comment_directive(content: str) -> str | None:
    """The directive a comment's ``content`` holds (its text inside ``<!--``/``-->``).

    A comment that opens with ``speclint:`` but is not well formed is still returned,
    so that it is reported (SPL001); one that merely mentions speclint is not a directive.
    """
    directive = directive_text(content)
    if directive is None and _SPECLINT.match(content):
        return content
    return directive


class DirectiveCollector:
    """Directives read so far, waiting for the block that follows them."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.locations: list[Location] = []  # where each directive itself is

    def __bool__(self) -> bool:
        return bool(self.texts)

    def add(self, text: str, location: Location) -> None:
        """Queue directive ``text``, written at ``location``."""
        self.texts.append(text)
        self.locations.append(location)

    def add_line(self, raw: str, number: int, path: str) -> bool:
        """Queue ``raw`` (source line ``number``, 1-based) if it is a directive line.

        Its location runs from its first to past its last visible character (the end
        column is exclusive, as for every finding). Returns whether it was one.
        """
        text = directive_text(raw)
        if text is None:
            return False
        self.add(
            text,
            Location(
                path=path,
                line=number,
                column=len(raw) - len(raw.lstrip()) + 1,
                end_line=number,
                end_column=len(raw.rstrip()) + 1,
            ),
        )
        return True

    def take(self) -> tuple[tuple[str, ...], tuple[Location, ...]]:
        """The queued directives and their locations, for a block; the queue is emptied."""
        taken = tuple(self.texts), tuple(self.locations)
        self.texts.clear()
        self.locations.clear()
        return taken

    def attach_trailing(self, blocks: list[Block]) -> None:
        """Attach directives left after the last block (``ignore-file`` at the end) to it."""
        if self.texts and blocks:
            last = blocks[-1]
            comments, where = self.take()
            blocks[-1] = last.model_copy(
                update={
                    "comments": last.comments + comments,
                    "comment_locations": last.comment_locations + where,
                }
            )

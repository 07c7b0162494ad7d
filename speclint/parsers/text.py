"""Plain-text specifications: paragraphs split at blank lines and at clause numbers."""

from __future__ import annotations

import re

from speclint.models import Anchor, Block, Document, Location
from speclint.parsers.textio import (
    DIRECTIVE_LINE,
    attach_trailing_directives,
    decode,
    split_lines,
)
from speclint.structure.labels import looks_like_title, parse_heading

#: A line starting ``speclint:`` that :data:`DIRECTIVE_LINE` does not take (it holds a
#: ``]``, say) is still meant as a directive: it is kept, and reported as malformed.
_SPECLINT_LINE = re.compile(r"^\s*(?:<!--|#|//)?\s*(speclint\s*:.*?)\s*(?:-->)?\s*$", re.I)


def parse(data: bytes, path: str) -> Document:
    """Parse a ``.txt`` file into blocks, one per paragraph or numbered clause."""
    return parse_text(decode(data, path), path)


def parse_text(text: str, path: str) -> Document:
    """Parse already-decoded plain text."""
    blocks: list[Block] = []
    lines: list[tuple[int, int, str]] = []  # (line number, column, stripped text)
    pending: list[str] = []
    where: list[Location] = []  # where each pending directive line is

    def flush() -> None:
        if not lines:
            return
        parts: list[str] = []
        anchors: list[Anchor] = []
        offset = 0
        for number, column, content in lines:
            anchors.append(Anchor(offset=offset, line=number, column=column))
            parts.append(content)
            offset += len(content) + 1
        first_line, first_col, first = lines[0]
        title = len(lines) == 1 and parse_heading(first) is None and looks_like_title(first)
        blocks.append(
            Block(
                text="\n".join(parts),
                kind="heading" if title else "paragraph",
                location=Location(path=path, line=first_line, column=first_col),
                anchors=tuple(anchors),
                comments=tuple(pending),
                comment_locations=tuple(where),
            )
        )
        lines.clear()
        pending.clear()
        where.clear()

    all_lines = split_lines(text)
    for number, raw in enumerate(all_lines, start=1):
        content = raw.strip()
        if not content:
            flush()
            continue
        directive = DIRECTIVE_LINE.match(raw) or _SPECLINT_LINE.match(raw)
        if directive:
            flush()
            pending.append(directive.group(1))
            start = len(raw) - len(raw.lstrip()) + 1
            where.append(
                Location(
                    path=path,
                    line=number,
                    column=start,
                    end_line=number,
                    end_column=len(raw.rstrip()) + 1,  # exclusive, as for every finding
                )
            )
            continue
        heading = parse_heading(content)
        if lines and heading is not None:
            flush()
        column = len(raw) - len(raw.lstrip()) + 1
        lines.append((number, column, content))
        following = all_lines[number].lstrip() if number < len(all_lines) else ""
        if heading is not None and (
            heading.markdown_level or (heading.is_title and not following[:1].islower())
        ):
            flush()  # "2.2 Staffing" is a heading even without a blank line after it
    flush()
    attach_trailing_directives(blocks, pending, where)
    return Document(path=path, format="txt", blocks=tuple(blocks))

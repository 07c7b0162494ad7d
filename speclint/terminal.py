"""Text bound for a terminal: documents and file names shown, never obeyed."""

from __future__ import annotations

import re

#: Characters a terminal acts on rather than shows: C0 and C1 controls (ESC, BEL, CR,
#: newline...) and the bidirectional overrides that reorder what is shown.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``).

    Text from documents and file names goes through this before it reaches a terminal,
    so that it can neither drive the terminal nor forge a line of its own.
    """
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

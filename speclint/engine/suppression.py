"""Inline suppressions: ``speclint: ignore CODE[, CODE] -- reason``.

A directive in a Markdown comment (``<!-- speclint: ignore PBR001 -- agreed -->``), a
plain-text line of its own, or a Word comment on a clause silences those codes (or
family prefixes, or ``all``) for the clause it is attached to.
``speclint: ignore-file CODE`` silences them for the whole file. The reason follows
``--`` (or an en or em dash).

The engine keeps directives honest with two rules of its own: ``SPL001`` for a
directive, or a code in it, that silenced nothing (as ruff's RUF100), and ``SPL002``
for a directive without a reason. Those findings are about the directives, so only
configuration silences them, never a directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"^\s*speclint\s*:\s*(?P<verb>ignore-file|ignore)\s+"
    r"(?P<codes>[A-Za-z0-9_][A-Za-z0-9_,\s-]*?)"
    r"\s*(?:(?:--|–|—)\s*(?P<reason>.*))?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Suppression:
    """Codes (or prefixes) silenced, where, and the reason given (``""`` when none)."""

    codes: tuple[str, ...]
    whole_file: bool
    reason: str

    def covers(self, code: str) -> bool:
        """True when this suppression silences ``code``."""
        return self.entry_for(code) is not None

    def entry_for(self, code: str) -> int | None:
        """The index of the first code (or prefix, or ``ALL``) here that covers ``code``."""
        for index, entry in enumerate(self.codes):
            if entry == "ALL" or code.startswith(entry):
                return index
        return None


def parse_directive(text: str) -> Suppression | None:
    """Parse one comment; ``None`` when it is not a speclint directive."""
    match = _DIRECTIVE.match(text.strip())
    if not match:
        return None
    pieces = (c.strip("-").upper() for c in re.split(r"[\s,]+", match.group("codes")))
    return Suppression(
        tuple(c for c in pieces if c),
        match.group("verb").lower() == "ignore-file",
        (match.group("reason") or "").strip(),
    )

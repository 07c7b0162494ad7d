"""Inline suppressions: ``speclint: ignore CODE[, CODE] -- reason``.

A directive in a Markdown comment (``<!-- speclint: ignore PBR001 -- agreed -->``), a
plain-text line of its own, or a Word comment on a clause silences those codes (or
family prefixes, or ``all``) for the clause it is attached to.
``speclint: ignore-file CODE`` silences them for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"^\s*speclint\s*:\s*(?P<verb>ignore-file|ignore)\s+(?P<codes>[A-Za-z0-9_,\s-]+?)"
    r"\s*(?:(?:--|–|—)\s*(?P<reason>.*))?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Suppression:
    """Codes (or prefixes) silenced, where, and the reason given."""

    codes: tuple[str, ...]
    whole_file: bool
    reason: str

    def covers(self, code: str) -> bool:
        """True when this suppression silences ``code``."""
        return any(c == "ALL" or code.startswith(c) for c in self.codes)


def parse_directive(text: str) -> Suppression | None:
    """Parse one comment; ``None`` when it is not a speclint directive."""
    match = _DIRECTIVE.match(text.strip())
    if not match:
        return None
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", match.group("codes")) if c)
    return Suppression(
        codes, match.group("verb").lower() == "ignore-file", (match.group("reason") or "").strip()
    )

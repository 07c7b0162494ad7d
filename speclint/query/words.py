"""How the query language reads a word: lower case, curly apostrophes folded."""

from __future__ import annotations


def normalise(text: str) -> str:
    """Lower-case ``text`` and fold curly apostrophes, as every token is (same length)."""
    return text.lower().replace("’", "'")

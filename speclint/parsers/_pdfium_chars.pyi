"""Types of the compiled per-character pass (speclint/parsers/_pdfium_chars.c)."""

from collections.abc import Callable
from typing import Any

Row = tuple[str, float, float, float, float, bool, bool, int]

def read(
    textpage: int,
    functions: tuple[int, int, int, int, int, int, int],
    text: str,
    transform: tuple[float, float, float, float, float, float],
    cos_r: float,
    sin_r: float,
    words: bool,
    normalise: Callable[[str], str | None],
    font_kind: Callable[[bytes], tuple[bool, Any]],
    symbol_char: Callable[[str, Any], str | None],
) -> list[Row] | None:
    """Read a text page's characters as layout records; ``None`` when a run overlaps."""

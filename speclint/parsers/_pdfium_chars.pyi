"""Types of the compiled per-character pass (speclint/parsers/_pdfium_chars.c)."""

from collections.abc import Callable, Iterable
from typing import Any

#: A record before :func:`bind` (then a ``Char`` of ``speclint.parsers.pdf_layout``).
Row = tuple[str, float, float, float, float, bool, bool, int]
Measured = tuple[str, float, float, float, float, bool, list[tuple[float, float]], dict[float, int]]

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
) -> list[Any] | None:
    """Read a text page's characters as layout records; ``None`` when a run overlaps."""

def bind(char: type, raised: Callable[[Any, Any], bool]) -> None:
    """Make :func:`read` return ``char`` instances, and :func:`line` and :func:`rows` read them."""

def line(chars: list[Any]) -> Measured | None:
    """A line's text and measures (``pdf_layout.Line``); ``None``: Python reads it."""

def rows(chars: Iterable[Any]) -> list[list[Any]] | None:
    """Characters grouped into printed rows (``pdf_layout.group_rows``); ``None``: Python."""

def cells(
    chars: list[Any], tables: list[Any]
) -> tuple[list[Any], list[dict[tuple[int, int], list[Any]]], list[list[Any]]] | None:
    """A page's characters sorted into table cells (``pdf_layout.split_tables``)."""

def bind_line(line: type) -> None:
    """Let :func:`new_line` build ``line`` instances (``pdf_layout.Line``)."""

def new_line(chars: list[Any], page: int, role: str, column: int, right_edge: float) -> Any:
    """A ``pdf_layout.Line`` of ``chars``; ``None``: Python builds it."""

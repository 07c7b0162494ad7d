"""Every PDF page these tests read is read twice: by the compiled pass and in Python.

The compiled per-character pass (``speclint/parsers/_pdfium_chars.c``) must give the
same records as the Python loop it replaces, on every page: rotated pages, symbol
fonts, ligatures, overlapping glyphs and hostile files included. This fixture wraps
the compiled pass so that each call also runs the Python loop on the same text page
and fails the test when the two differ. The compiled layout loops (a line's measures,
whole lines, a page's rows, the characters in table cells) are checked against theirs
in the same way, on every line and page.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pytest

from speclint.parsers import pdf_chars, pdf_layout


class _Checked:
    """Stands in for the compiled module: runs it and the Python loop, and compares."""

    def __init__(self, compiled: Any) -> None:
        self.compiled = compiled

    def read(
        self,
        textpage: int,
        functions: tuple[int, ...],
        text: str,
        transform: tuple[float, float, float, float, float, float],
        cos_r: int,
        sin_r: int,
        words: bool,
        *callbacks: Any,
    ) -> Any:
        rows = self.compiled.read(
            textpage, functions, text, transform, cos_r, sin_r, words, *callbacks
        )
        upright = transform[0] == 1.0 and transform[1] == 0.0 and transform[4] == -1.0
        raw = ctypes.c_void_p(textpage)
        try:
            expected = pdf_chars._read_python(raw, text, transform, cos_r, sin_r, words, upright)
        except pdf_chars._Overlap:
            assert rows is None, "only the Python loop found an overlapping glyph"
            return rows
        assert rows is not None, "only the compiled pass found an overlapping glyph"
        assert rows == expected
        return rows


def _checked_line(compiled: Any) -> Any:
    def line(chars: list[pdf_layout.Char]) -> Any:
        try:
            expected = pdf_layout._measure(chars)
        except ValueError:
            with pytest.raises(ValueError):
                compiled(chars)
            raise
        measured = compiled(chars)
        if measured is not None:
            assert measured == expected
            assert [type(v) for v in measured] == [type(v) for v in expected]
        return measured

    return line


def _checked_rows(compiled: Any) -> Any:
    def rows(chars: Any) -> Any:
        chars = list(chars)
        grouped = compiled(chars)
        if grouped is not None:
            expected = pdf_layout._group_rows(chars)
            # The same Char objects, in the same rows and order.
            assert [[id(c) for c in row] for row in grouped] == [
                [id(c) for c in row] for row in expected
            ]
        return grouped

    return rows


def _checked_cells(compiled: Any) -> Any:
    def cells(chars: list[pdf_layout.Char], tables: list[Any]) -> Any:
        found = compiled(chars, tables)
        if found is not None:
            body: list[pdf_layout.Char] = []
            buckets: list[dict[tuple[int, int], list[pdf_layout.Char]]] = [{} for _ in tables]
            in_table: list[list[pdf_layout.Char]] = [[] for _ in tables]
            geoms = [pdf_layout.TableGeom(bbox, []) for bbox, _grid in tables]
            grids = [grid for _bbox, grid in tables]
            pdf_layout._sort_into_cells(chars, geoms, grids, body, buckets, in_table)
            ids = (
                [id(c) for c in body],
                [{k: [id(c) for c in v] for k, v in b.items()} for b in buckets],
                [[id(c) for c in held] for held in in_table],
            )
            got = (
                [id(c) for c in found[0]],
                [{k: [id(c) for c in v] for k, v in b.items()} for b in found[1]],
                [[id(c) for c in held] for held in found[2]],
            )
            assert got == ids
        return found

    return cells


def _checked_new_line(compiled: Any) -> Any:
    def new_line(
        chars: list[pdf_layout.Char], page: int, role: str, column: int, right_edge: float
    ) -> Any:
        made = compiled(chars, page, role, column, right_edge)
        if made is not None:
            expected = pdf_layout.Line(
                chars, page=page, role=role, column=column, right_edge=right_edge
            )
            fields = [f for f in pdf_layout.Line.__dataclass_fields__]
            assert [getattr(made, f) for f in fields] == [getattr(expected, f) for f in fields]
            assert [type(getattr(made, f)) for f in fields] == [
                type(getattr(expected, f)) for f in fields
            ]
        return made

    return new_line


@pytest.fixture(autouse=True)
def _compiled_pass_checked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if pdf_chars.compiled_pass():
        monkeypatch.setattr(pdf_chars, "_compiled", _Checked(pdf_chars._compiled))
    if pdf_layout._line is not None:
        monkeypatch.setattr(pdf_layout, "_line", _checked_line(pdf_layout._line))
    if pdf_layout._rows is not None:
        monkeypatch.setattr(pdf_layout, "_rows", _checked_rows(pdf_layout._rows))
    if pdf_layout._new_line is not None:
        monkeypatch.setattr(pdf_layout, "_new_line", _checked_new_line(pdf_layout._new_line))
    if pdf_layout._cells is not None:
        monkeypatch.setattr(pdf_layout, "_cells", _checked_cells(pdf_layout._cells))
    yield

"""``Outline.locate`` builds its locations without validation; they must equal validated ones.

Every unit of a Markdown, Word, PDF and plain-text fixture is located at its start,
its middle and its end, and each location is compared with the one validation makes
of the same values, and with the block's own location it refines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import OUTLINE_FIXTURES

from speclint.models import Location
from speclint.parsers import parse_path
from speclint.structure.build import build_outline

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = OUTLINE_FIXTURES


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_located_places_equal_validated_locations(path: Path) -> None:
    outline = build_outline(parse_path(path))
    located = 0
    for unit in outline.units:
        length = len(unit.text)
        for start, end in ((0, min(5, length)), (length // 2, length), (length, length)):
            where = outline.locate(unit, start, end)
            validated = Location.model_validate(where.model_dump())
            assert where == validated
            assert list(where.__dict__) == list(Location.model_fields)
            assert where.path == outline.document.path
            assert where.clause == unit.number
            located += 1
    assert located >= 15


def test_a_place_in_a_later_line_has_that_line() -> None:
    path = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
    outline = build_outline(parse_path(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    checked = 0
    for unit in outline.units:
        where = outline.locate(unit, 0, len(unit.text))
        if where.line is None or unit.table_header:
            continue  # a table row's text opens with its header, which no line holds
        line = lines[where.line - 1]
        assert unit.text[:8].strip("*_ ")[:4] in line
        checked += 1
    assert checked >= 10

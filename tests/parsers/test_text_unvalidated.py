"""Plain-text blocks, built without validation, equal validated ones.

The plain-text reader builds every block, location and anchor from values it worked out
(paragraphs, headings after rule lines, pipe-table cells with their header, list items,
directive comments) without validating them; each must equal what validation makes of the
same values, field by field and in field order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REAL, ROOT, assert_blocks_equal_validated

from speclint.parsers import parse_path

TEXT_FILES = sorted((ROOT / "fixtures").rglob("*.txt")) + (
    sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
)


@pytest.mark.parametrize("path", TEXT_FILES, ids=[p.name for p in TEXT_FILES])
def test_text_blocks_equal_validated_blocks(path: Path) -> None:
    assert_blocks_equal_validated(parse_path(path))

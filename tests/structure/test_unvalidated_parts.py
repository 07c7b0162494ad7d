"""Sentences, segments and Word blocks built without validation equal validated ones.

The structure builder makes every :class:`Sentence` and :class:`Segment` of the outline
from offsets it worked out, and the Word reader every body paragraph's
:class:`Block` and :class:`Location`, without validating them. Each is compared here
with what validation makes of the same values, field by field and in field order, on
Markdown, Word, PDF and plain-text fixtures (tables, lists after lead-ins, long clauses
read in pieces, comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import OUTLINE_FIXTURES, assert_blocks_equal_validated

from speclint.models import Segment, Sentence
from speclint.parsers import parse_path
from speclint.structure.build import build_outline

FIXTURES = OUTLINE_FIXTURES


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_outline_parts_equal_validated_parts(path: Path) -> None:
    outline = build_outline(parse_path(path))
    seen = 0
    for unit in [*outline.units, *(c for root in outline.clauses for c in root.walk())]:
        for sentence in unit.sentences:
            validated = Sentence.model_validate(sentence.model_dump())
            assert sentence == validated
            assert list(sentence.__dict__) == list(validated.__dict__)
            assert type(sentence.flags) is frozenset
            assert 0 <= sentence.start < sentence.end <= len(unit.text)
            seen += 1
        for segment in unit.segments:
            validated_segment = Segment.model_validate(segment.model_dump())
            assert segment == validated_segment
            assert list(segment.__dict__) == list(validated_segment.__dict__)
            assert all(type(v) is int for v in segment.__dict__.values())
    assert seen >= 10


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.suffix == ".docx"], ids=lambda p: p.name)
def test_word_blocks_equal_validated_blocks(path: Path) -> None:
    document = parse_path(path)
    assert_blocks_equal_validated(document)
    for block in document.blocks:
        assert type(block.text) is str

"""The word-sense memos stay bounded in a process that lints without end (``serve``)."""

from __future__ import annotations

import pytest

from speclint.query import concepts
from speclint.rules import vocabulary


def test_the_per_word_memos_never_grow_past_their_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concepts, "MEMO_WORDS", 50)
    senses = vocabulary().senses
    senses._heads.clear()
    senses._targets.clear()
    for batch in range(20):
        words = [f"neologism{batch}x{i}" for i in range(30)]
        senses.masked(words)
        assert len(senses._heads) <= 50
        assert len(senses._targets) <= 50
    # Still right after the memos started afresh: a known wrong sense is masked.
    before = concepts.Senses(senses.senses)
    assert senses.masked(["the", "target", "audience"]) == before.masked(
        ["the", "target", "audience"]
    )

"""``Senses.may_be_told`` (asked of every unit's words) answers as a word-by-word test would."""

from __future__ import annotations

from helpers import corpus_sentences

from speclint.query.analysis import analyse, builtin_senses
from speclint.rules import all_rules
from speclint.structure import text_unit


def _word_by_word(words: dict[str, list[int]]) -> bool:
    """The test as it read before: each word met with the whole words, then the stems."""
    senses = builtin_senses()
    if not senses.contextual:
        return False
    stems = senses._told_stems
    return any(w in senses._told_words or (stems and w.startswith(stems)) for w in words)


def test_may_be_told_agrees_with_a_word_by_word_test() -> None:
    senses = builtin_senses()
    assert senses.contextual and senses._told_words and senses._told_stems
    texts = [t for rule in all_rules() for t in (*rule.tests.fail, *rule.tests.pass_)]
    texts += corpus_sentences()[::5]
    told = 0
    for text in texts:
        vocab = analyse(text_unit(text)).vocabulary
        expected = _word_by_word(vocab)
        assert senses.may_be_told(vocab) is expected, text
        told += expected
    assert 0 < told < len(texts)
    # A word told only by a stem, and none at all.
    stem = senses._told_stems[0]
    assert senses.may_be_told({stem + "zz": [0]}) is _word_by_word({stem + "zz": [0]}) is True
    assert senses.may_be_told({}) is False

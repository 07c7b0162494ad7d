"""The senses' tests asked of every unit answer as the word-by-word tests before them did.

``Senses.may_be_told`` (asked of every unit's words), ``Sense.told_by_context`` (of each
sentence of a unit that may be told) and ``analysis._wrong_senses`` (the wrong-sense
patterns a unit's words allow, looked up by a first and a second word).
"""

from __future__ import annotations

from collections import Counter

from helpers import corpus_sentences

from speclint.query import analysis
from speclint.query.analysis import analyse, builtin_senses
from speclint.query.concepts import Sense
from speclint.query.words import normalise
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


def _texts() -> list[str]:
    texts = [t for rule in all_rules() for t in (*rule.tests.fail, *rule.tests.pass_)]
    return texts + corpus_sentences()[::5]


def _targets_word_by_word(sense: Sense, norms: list[str]) -> list[int]:
    """``told_by_context`` as it read before: :meth:`Sense.is_target` asked of each word."""
    targets = [j for j, norm in enumerate(norms) if sense.is_target(norm)]
    if not targets:
        return []
    told = [i for i in range(len(norms)) if any(p.matches_at(norms, i) for p in sense.context)]
    if not told:
        return []
    kept = [i for i in range(len(norms)) if any(p.matches_at(norms, i) for p in sense.unless)]
    reach = 10
    return [
        j
        for j in targets
        if any(abs(i - j) <= reach for i in told) and not any(j - reach <= i <= j for i in kept)
    ]


def test_told_by_context_agrees_with_a_word_by_word_test() -> None:
    senses = builtin_senses()
    found = 0
    for text in _texts():
        norms = [t.norm for t in analyse(text_unit(text)).tokens]
        for sense in senses.contextual:
            expected = _targets_word_by_word(sense, norms)
            assert sense.told_by_context(norms) == expected, (sense.name, text)
            found += bool(expected)
    assert found > 0
    # A sense of any word ("?"), and one whose words only a stem gives.
    anything = Sense("any", ("?",), (), senses.contextual[0].context)
    stemmed = next(s for s in senses.contextual if any(t.endswith("*") for t in s.target))
    stem = next(t[:-1] for t in stemmed.target if t.endswith("*"))
    for sense in (anything, stemmed):
        for text in _texts()[:300]:
            norms = [t.norm for t in analyse(text_unit(text)).tokens] + [stem + "zz"]
            assert sense.told_by_context(norms) == _targets_word_by_word(sense, norms)


def test_wrong_senses_agree_with_a_test_of_every_pattern() -> None:
    """Looked up by a first and a second word, the patterns a unit allows are those it was
    given when each pattern of its first word was tested against the unit's words."""
    senses = builtin_senses()
    spelling, stemmed = analysis._spelling(senses) or ({}, {})
    assert sum(len(paired) for _, paired in spelling.values()) > 0
    by_first = {
        word: [*alone, *(wrong for _, wrongs in paired for wrong in wrongs)]
        for word, (alone, paired) in spelling.items()
    }

    def before(vocab: dict[str, list[int]], low: str) -> Counter[tuple[object, ...]]:
        words = vocab.keys()
        found = [w for word in words & by_first.keys() for w in by_first[word] if words >= w[2]]
        for stem, entries in stemmed.items():
            if stem in low:
                starting = [word for word in words if word.startswith(stem)]
                for _, offset, sense, pattern, spelt_words, spelt in entries:
                    if words >= spelt_words:
                        for word in starting:
                            found.append((sense, pattern, spelt_words, 0, ((offset, word), *spelt)))
        return _counted(found)

    matched = 0
    for text in _texts():
        unit = text_unit(text)
        vocab = analyse(unit).vocabulary
        low = normalise(unit.text)
        expected = before(vocab, low)
        assert _counted(analysis._wrong_senses(senses, vocab, low) or []) == expected, text
        matched += bool(expected)
    assert matched > 0


def _counted(found: list[analysis._Wrong]) -> Counter[tuple[object, ...]]:
    """Wrong-sense entries as a multiset (their order never matters to the analysis)."""
    return Counter((id(w[0]), id(w[1]), w[2], w[3], w[4]) for w in found)

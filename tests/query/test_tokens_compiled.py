"""The compiled tokenising loop (``speclint/_scan.c``) and its Python twin agree.

:func:`speclint.query.analysis._tokenise_python` is what the compiled loop replaces for
lower-cased text; both must give the same tokens (every field), the same vocabulary
(in the same order) and the same sentence bounds, on every corpus sentence, on every
fixture's text and on generated text built from the pieces the token pattern treats
specially (money, percentages in figures and words, multipliers, apostrophes, dashes,
Unicode digits and spaces), with search ranges that cut words and numbers short.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
from pathlib import Path

import pytest
from helpers import ROOT, corpus_sentences

from speclint.query import analysis
from speclint.query.words import normalise

_COMPILED = pytest.mark.skipif(
    analysis._compiled is None, reason="built without a C compiler: only the Python loop runs"
)


def test_compiled_loop_is_built_where_required() -> None:
    """CI sets SPECLINT_REQUIRE_COMPILED: there ``speclint._scan`` must have been built."""
    if not os.environ.get("SPECLINT_REQUIRE_COMPILED"):
        pytest.skip("only checked where SPECLINT_REQUIRE_COMPILED is set (CI)")
    assert analysis._compiled is not None


_PIECES = (
    "a", "z", "ten", "twenty", "twenty-one", "forty nine", "seventeen", "seven", "one hundred",
    "hundred", "zero", "eleven", "per", "cent", "percent", "per cent", "%", "percentage",
    " ", "  ", "\t", "\n", "\u00a0", "\u2003", "-", " - ", "£", "£ ", "5", "12", "3.5",
    "1,000", "1.", "..", "...", "k", "m", "bn", "million", "billion", "thousand", "kilo",
    "'", "’", "don't", "_", "é", "\u0663", "\u00b2", "\u2167", "x2", "abc12d3", ",", ";",
    ":", "(", ")", "[", "]", "|", "–", "—", "…", "No.", "5%", "£5m", "£ 5 million",
    "5 per cent", "5percent", "centre",
)  # fmt: skip


def _both(text: str, spans: list[tuple[int, int]]) -> None:
    low = normalise(text)
    if len(low) != len(text) or any(c in text for c in analysis.CASE_TRAPS):
        return  # read by the Python loop alone
    compiled = analysis._compiled.tokens(
        low, spans, 3, 7, analysis._WORD_VALUES, analysis.Token, analysis._value, text
    )
    python = analysis._tokenise_python(text, low, spans, 3, 7, True, True)
    assert compiled[0] == python[0], text
    assert list(compiled[1].items()) == list(python[1].items()), text
    assert compiled[2] == python[2], text
    for mine, theirs in zip(compiled[0], python[0], strict=True):
        assert type(mine.value) is type(theirs.value)


def test_token_fields_are_what_the_compiled_loop_fills_in() -> None:
    """The compiled loop fills a token's slots itself: these fields, these defaults."""
    fields = dataclasses.fields(analysis.Token)
    assert [f.name for f in fields] == [
        "start", "end", "norm", "kind", "sentence", "clause", "pos",
        "value", "negated_by", "masked",
    ]  # fmt: skip
    assert [f.default for f in fields[7:]] == [None, (), False]
    assert not hasattr(analysis.Token, "__post_init__")


@_COMPILED
def test_corpus_sentences_tokenise_alike() -> None:
    """Every labelled sentence of ``../shared/corpus`` gives the same tokens both ways."""
    sentences = corpus_sentences()
    if not sentences:
        pytest.skip("no ../shared/corpus")
    for text in sentences:
        _both(text, [(0, len(text))])


@_COMPILED
def test_fixture_texts_tokenise_alike() -> None:
    """The Markdown and text fixtures, a paragraph at a time, give the same tokens."""
    paths = [*Path(ROOT / "fixtures").rglob("*.md"), *Path(ROOT / "fixtures").rglob("*.txt")]
    for path in paths:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            _both(block, [(0, len(block))])


@_COMPILED
def test_generated_text_tokenises_alike() -> None:
    """Text made of the pattern's special pieces, in random search ranges, agrees."""
    rnd = random.Random(18)
    for _ in range(30_000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12)))
        if rnd.random() < 0.3:
            text = text.upper() if rnd.random() < 0.5 else text.title()
        cuts = sorted(rnd.randint(0, len(text)) for _ in range(rnd.randint(2, 4)))
        spans = list(itertools.pairwise(cuts))
        if rnd.random() < 0.2:
            spans = [(rnd.randint(-2, len(text) + 2), rnd.randint(-2, len(text) + 3))]
        _both(text, spans)


@_COMPILED
def test_analyse_uses_the_python_loop_without_the_compiled_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no compiled module, :func:`analyse` gives the same analysis in Python."""
    from speclint.structure import text_unit

    clause = text_unit("The fee is £5 million, not twenty-one per cent. It won't rise – ever.")
    compiled = analysis.analyse(clause, 2, 5)
    monkeypatch.setattr(analysis, "_compiled", None)
    python = analysis.analyse(clause, 2, 5)
    assert compiled.tokens == python.tokens
    assert compiled._vocab == python._vocab
    assert compiled.flags == python.flags

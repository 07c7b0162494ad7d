"""A document is searched for a procurement's own record only where its keys are.

``kinds.procurement_record`` answers as ``_PROCUREMENT_RECORD.search`` does, but turns
away, in one compiled pass, a text whose lower case holds none of ``_RECORD_KEYS`` and
which has none of the case traps. Here the keys are held to the pattern (each
alternative's required strings hold one) and the answers to the search itself, on the
corpus sentences, whole documents of them, and variants in capitals and with the traps.
"""

from __future__ import annotations

import re

from helpers import corpus_sentences

from speclint.lazy_re import CASE_TRAPS, required_substrings, split_alternatives
from speclint.structure import kinds
from speclint.structure.voice import PROCUREMENT_RECORD


def test_every_alternative_requires_a_key() -> None:
    body = PROCUREMENT_RECORD + r"|ocds-[a-z0-9]{4,}-"
    assert kinds._PROCUREMENT_RECORD.pattern == r"\b(?:" + body + ")"
    for alternative in split_alternatives(body):
        promised = required_substrings(rf"\b(?:{alternative})", re.IGNORECASE)
        assert promised, alternative
        for key in promised:
            assert any(k in key for k in kinds._RECORD_KEYS.keys), (alternative, key)


def _texts() -> list[str]:
    sentences = corpus_sentences()
    texts = sentences[::5] + ["\n".join(sentences[i : i + 200]) for i in range(0, 2000, 200)]
    texts += [
        "Summary of the contracting process: open procedure.",
        "THIS PUBLIC PROCUREMENT RECORD HAS 2 RELEASES",
        "Procurement Identifier: ocds-h6vhtk-04f2a1-",
        "OCDS-ABCD-1234 is the notice",
        "Notice \u0130dentifier: 2026/S 000-123456",  # a dotted capital I
        "this public procurement record (long \u017f)",
        "summary of the contracting\nprocess",
        "the procurement identifiers list",
        "",
    ]
    return texts


def test_the_screen_answers_as_the_search() -> None:
    for text in _texts():
        expected = kinds._PROCUREMENT_RECORD.search(text) is not None
        assert kinds.procurement_record(text) == expected, text[:80]
        for variant in (text.upper(), *(trap + text.upper() for trap in CASE_TRAPS)):
            expected = kinds._PROCUREMENT_RECORD.search(variant) is not None
            assert kinds.procurement_record(variant) == expected, variant[:80]

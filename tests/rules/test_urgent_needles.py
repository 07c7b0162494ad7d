"""CMP004's urgent-award test reads only the units holding one of its needles, to the same answer.

``urgent_award`` asks its pattern of every unit whose lower-cased text holds one of
``URGENT_NEEDLES`` (the document's pre-filter), not of every unit. That is exact when
every match of the pattern holds a needle in lower case: each alternative's required
strings each contain one, and no needle has a letter whose matches ignoring case
include one that ``str.lower`` does not turn into it. Here both are checked, and the
answers compared with asking every unit, on the corpus sentences and variants in
capitals and with the case traps.
"""

from __future__ import annotations

import re

import pytest
from helpers import corpus_sentences

from speclint.lazy_re import CASE_TRAPS, required_substrings, split_alternatives
from speclint.parsers import parse_bytes
from speclint.rules.checks import _term_context
from speclint.rules.checks._term_context import URGENT_NEEDLES, urgent_award
from speclint.rules.context import RuleContext
from speclint.structure.build import build_outline


def test_every_alternative_requires_a_needle() -> None:
    pattern = _term_context._URGENT
    for alternative in split_alternatives(pattern.pattern):
        promised = required_substrings(alternative, re.IGNORECASE)
        assert promised, alternative
        for key in promised:
            assert any(needle in key for needle in URGENT_NEEDLES), (alternative, key)


def test_no_needle_has_a_letter_that_lowers_otherwise() -> None:
    # "İ" matches "i", "ſ" matches "s" and "K" (the Kelvin sign) matches "k" ignoring case.
    trapped = {"i", "s", "k"}
    assert not any(set(needle) & trapped for needle in URGENT_NEEDLES)
    for trap in CASE_TRAPS:
        for needle in URGENT_NEEDLES:
            assert trap.lower() not in needle


def _every_unit(ctx: RuleContext) -> bool:
    units = ctx.outline.units
    return any(_term_context._URGENT.holds(u.text) for u in units) or any(
        _term_context._URGENT.holds(h) for u in units[:6] for h in u.heading_path
    )


def _texts() -> list[str]:
    texts = corpus_sentences()[::7]
    texts += [
        "An urgent direct award was made to the incumbent.",
        "THE CONTRACT IS AN URGENT AWARD UNDER REGULATION 14.",
        "The award was made under REGULAT\u0130ON 14 of the regime.",
        "A non-emergency contract runs for a year.",
        "An EMERGENCY ARRANGEMENT is in place for one year.",
        "The urgency\nbasis is set out below.",
    ]
    return texts


@pytest.mark.parametrize("size", [1, 40])
def test_needles_answer_as_every_unit(size: int) -> None:
    texts = _texts()
    if len(texts) < 10:
        pytest.skip("no ../shared/corpus")
    for start in range(0, len(texts), size):
        chunk = texts[start : start + size]
        text = "# Notice\n\n" + "\n\n".join(f"{n}.1 {t}" for n, t in enumerate(chunk, 1))
        document = parse_bytes(text.encode(), "spec.md", "md")
        ctx = RuleContext.build(build_outline(document))
        assert urgent_award(ctx) == _every_unit(ctx), chunk

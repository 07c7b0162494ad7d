"""VOI005 and VOI006 count sentences only as far as their tests need, and in full to report.

VOI005 asks whether a document has enough sentences (``min_sentences``) and places enough
requirements (``min_requirements``) to be judged, and VOI006 whether it has enough
sentences; each stops counting there, and VOI005 counts both in full only for the message
of the finding it gives. These tests hold them to checks that always count everything:
the same hits, with the same evidence, on the rules' own examples, the Markdown drafts
and documents made of the corpus sentences.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import ROOT, corpus_sentences

from speclint.parsers import parse_bytes
from speclint.registry import builtin_registry
from speclint.rules import Rule, check_function
from speclint.rules.checks import _common, market_only, voice_absent
from speclint.rules.context import RuleContext, RuleHit
from speclint.structure.build import build_outline

CODES = ("VOI005", "VOI006")


def _rule(code: str) -> Rule:
    rule = builtin_registry().get(code)
    assert rule is not None
    return rule


def _hits(code: str, text: str) -> list[RuleHit]:
    outline = build_outline(parse_bytes(text.encode(), "draft.md", "md"))
    return list(check_function(_rule(code))(RuleContext.build(outline)))


def _texts() -> list[str]:
    texts = [t for code in CODES for t in (*_rule(code).tests.fail, *_rule(code).tests.pass_)]
    drafts = sorted((ROOT / "fixtures" / "drafts").glob("*.md"))
    texts += [path.read_text(encoding="utf-8") for path in drafts]
    sentences = corpus_sentences()
    for start in range(0, min(len(sentences), 600), 200):
        clauses = sentences[start : start + 200]
        body = "\n\n".join(f"{n}.1 {s}" for n, s in enumerate(clauses, 1))
        texts.append("# Service specification\n\n" + body)
    return texts


def test_counting_as_far_as_needed_gives_the_hits_of_counting_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _texts()
    found = {code: [_hits(code, text) for text in texts] for code in CODES}
    assert all(any(hits) for hits in found.values()), "a rule fires on none of the texts"
    matching: Callable[..., int] = voice_absent._sentences_matching
    worded: Callable[..., int] = _common.worded_sentences

    def every_match(ctx: RuleContext, query: str, enough: int | None = None) -> int:
        return matching(ctx, query, None if query == _requirement() else enough)

    def every_sentence(ctx: RuleContext, enough: int | None = None) -> int:
        return worded(ctx)

    monkeypatch.setattr(voice_absent, "_sentences_matching", every_match)
    monkeypatch.setattr(voice_absent, "worded_sentences", every_sentence)
    monkeypatch.setattr(market_only, "worded_sentences", every_sentence)
    for code in CODES:
        assert [_hits(code, text) for text in texts] == found[code], code


@pytest.mark.parametrize("enough", [None, 0, 1, 5, 30, 10_000])
def test_worded_sentences_counts_up_to_enough(enough: int | None) -> None:
    text = "# Spec\n\n" + "\n\n".join(f"{n}.1 Staff shall attend session {n}." for n in range(40))
    ctx = RuleContext.build(build_outline(parse_bytes(text.encode(), "draft.md", "md")))
    every = _common.worded_sentences(ctx)
    assert every >= 40
    expected = every if enough is None else min(every, enough)
    assert _common.worded_sentences(ctx, enough) == expected


def _requirement() -> str:
    options = _rule("VOI005").options or {}
    return str(options.get("requirement", voice_absent._REQUIREMENT))

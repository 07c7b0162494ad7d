"""VOI005 counts the requirement sentences only as far as it needs to, and in full to report.

The check first asks whether a document places enough requirements to be judged
(``min_requirements``); it stops counting there, and counts them all only for the message
of the finding it gives. These tests hold it to a check that always counts them all: the
same hits, with the same evidence, on the rule's own examples, the Markdown drafts and
documents made of the corpus sentences.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import ROOT, corpus_sentences

from speclint.parsers import parse_bytes
from speclint.registry import builtin_registry
from speclint.rules import Rule, check_function
from speclint.rules.checks import voice_absent
from speclint.rules.context import RuleContext, RuleHit
from speclint.structure.build import build_outline


def _hits(text: str) -> list[RuleHit]:
    rule = _rule()
    outline = build_outline(parse_bytes(text.encode(), "draft.md", "md"))
    return list(check_function(rule)(RuleContext.build(outline)))


def _texts() -> list[str]:
    rule = _rule()
    texts = [*rule.tests.fail, *rule.tests.pass_]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "drafts").glob("*.md"))
    ]
    sentences = corpus_sentences()
    for start in range(0, min(len(sentences), 600), 200):
        clauses = sentences[start : start + 200]
        texts.append(
            "# Service specification\n\n"
            + "\n\n".join(f"{n}.1 {s}" for n, s in enumerate(clauses, 1))
        )
    return texts


def test_counting_as_far_as_needed_gives_the_hits_of_counting_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _texts()
    found = [_hits(text) for text in texts]
    assert any(found), "no text the rule fires on"
    counted: Callable[..., int] = voice_absent._sentences_matching

    def every(ctx: RuleContext, query: str, enough: int | None = None) -> int:
        return counted(ctx, query, None if query == _requirement() else enough)

    monkeypatch.setattr(voice_absent, "_sentences_matching", every)
    assert [_hits(text) for text in texts] == found


def _requirement() -> str:
    options = _rule().options or {}
    return str(options.get("requirement", voice_absent._REQUIREMENT))


def _rule() -> Rule:
    rule = builtin_registry().get("VOI005")
    assert rule is not None
    return rule

"""Findings folded away are built only as far as folding reads them, to the same report.

The engine knows before it builds any finding which ones ``fold_related`` will fold into
another of their sentence (their severity and code decide it), and builds those without a
location, message or fingerprint (``engine._folded_in``); here that is held to building
every finding whole (the reports are equal, field by field), and the findings it builds
lightly to those ``fold_related`` drops. ``fold_repeats`` reads the key words of a
section's paragraph only where another finding of its code shares the section (a
finding alone there has nothing to be compared with): the last test shows one not read.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from helpers import draft_and_corpus_documents

import speclint
import speclint.engine as engine
from speclint.engine import grouping
from speclint.models import Finding


def _documents() -> list[tuple[str, str]]:
    return draft_and_corpus_documents(slice(None, None, 2), 600)


def _reports(text: str) -> list[dict[str, object]]:
    report = speclint.check_text(text, "md")
    return [finding.model_dump(mode="json") for finding in report.findings]


@pytest.mark.parametrize(("name", "text"), _documents(), ids=lambda value: str(value)[:24])
def test_folded_findings_built_lightly_report_alike(
    name: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _reports(text)
    monkeypatch.setattr(engine, "_folded_in", lambda *args: set())  # every finding whole
    assert _reports(text) == fast, name


def test_the_folded_in_are_those_fold_related_drops() -> None:
    """``_folded_in`` names exactly the findings ``fold_related`` leaves out."""
    documents = draft_and_corpus_documents(slice(0, 0), 300)  # the corpus sentences only
    if not documents:
        pytest.skip("no ../shared/corpus")
    text = documents[0][1]
    seen: dict[str, object] = {}
    folded_in = engine._folded_in
    fold_related = engine.fold_related

    def spy_folded_in(*args: object) -> set[int]:
        found = folded_in(*args)  # type: ignore[arg-type]
        seen["folded_in"] = found
        return found

    def spy_fold_related(
        placed: Sequence[tuple[object, Finding]], keys: Sequence[object]
    ) -> list[tuple[object, Finding]]:
        kept = fold_related(placed, keys)  # type: ignore[arg-type]
        # A kept finding keeps its place (a folding lead is a new finding, not a new place).
        places = {id(order) for order, _ in kept}
        seen["dropped"] = {i for i, (order, _) in enumerate(placed) if id(order) not in places}
        return kept

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_folded_in", spy_folded_in)
        patch.setattr(engine, "fold_related", spy_fold_related)
        speclint.check_text(text, "md")
    assert seen["folded_in"] == seen["dropped"]
    assert seen["dropped"]  # the corpus clauses give findings to fold


def test_a_paragraph_alone_in_its_section_is_not_read_for_key_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "# Visits\n\n"
        "1.1 Each home visit shall last exactly 30 minutes.\n\n"
        "1.2 Each home visit shall last exactly 30 minutes on Sundays too.\n\n"
        "1.3 Ten per cent of the monthly payment will be withheld until the targets are met.\n"
    )
    read: list[str] = []
    every_key_word = grouping.key_words

    def key_words(finding: Finding) -> frozenset[str]:
        read.append(finding.code)
        return every_key_word(finding)

    monkeypatch.setattr(grouping, "key_words", key_words)
    findings = speclint.check_text(text, "md").findings
    # The two visits fold, read for their key words; the payment, alone, is not read.
    assert [(f.code, len(f.folded)) for f in findings] == [("OVR001", 1), ("PBR001", 0)]
    assert read == ["OVR001", "OVR001"]

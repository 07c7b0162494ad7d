"""What the structure layer says of each sentence and unit, frozen when it builds them.

Sentences carry their classification (definition, history, commentary, quotation),
units under a Definitions or Background heading are quiet, and a list item knows
where its lead-in is written. Query and rules only read these.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from speclint.models import Clause, Sentence, Unit
from speclint.parsers import parse_bytes
from speclint.query.analysis import analyse
from speclint.structure import build_outline, text_unit
from speclint.structure.build import Outline
from speclint.structure.meaning import (
    classify,
    flaggable,
    sentence_classes,
    sentence_flags,
)
from speclint.structure.sentences import split_sentences

DRAFT = """\
# Schedule 2 – Community Falls Service

## 1. Definitions

1.1 "Falls Lead" means the clinician named in the Provider's mobilisation plan.

## 2. Background

2.1 Until 2023 the service was run from two hospital sites.

## 3. Service requirements

3.1 "Home visit" means a visit to the person's usual place of residence. The Provider shall
offer a first home visit within ten working days of referral.

3.2 The previous provider ran a waiting list. The Provider shall not hold one.

> Commissioners have found that short contracts break up teams that work well.

3.3 The Provider will report each quarter on:

- the number of people seen within ten working days;
- the number of falls avoided after a visit.
"""


def _outline(text: str = DRAFT, name: str = "falls.md") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, name.rsplit(".", 1)[1]))


def _flags_by_sentence(outline: Outline) -> dict[str, frozenset[str]]:
    return {
        unit.text[s.start : s.end]: frozenset(s.flags)
        for unit in outline.units
        for s in unit.sentences
    }


def test_each_sentence_carries_what_it_is() -> None:
    flags = _flags_by_sentence(_outline())
    assert flags['"Home visit" means a visit to the person\'s usual place of residence.'] == {
        "definition"
    }
    operative = next(text for text in flags if text.startswith("The Provider shall\noffer"))
    assert flags[operative] == frozenset()
    assert flags["The previous provider ran a waiting list."] == {"history"}
    assert flags["The Provider shall not hold one."] == frozenset()
    quoted = next(text for text in flags if text.startswith("Commissioners have found"))
    assert flags[quoted] == {"quotation", "meta"}


def test_units_under_definitions_and_background_are_quiet() -> None:
    quiet = {unit.number: unit.quiet for unit in _outline().units}
    assert quiet["Schedule 2 1.1"] and quiet["Schedule 2 2.1"]
    assert not quiet["Schedule 2 3.1"] and not quiet["Schedule 2 3.3"]


def test_the_analysis_reads_the_flags_the_structure_set() -> None:
    outline = _outline()
    for unit in outline.units:
        analysis = analyse(unit)
        assert list(analysis.flags.values()) == [s.flags for s in unit.sentences]


def test_units_are_frozen() -> None:
    unit = _outline().units[0]
    with pytest.raises(ValidationError):
        unit.text = "The Provider may charge for visits."  # type: ignore[misc]
    with pytest.raises(ValidationError):
        unit.sentences[0].flags = frozenset()  # type: ignore[misc]
    assert isinstance(unit.sentences, tuple) and isinstance(unit.children, tuple)
    assert Clause is Unit


def test_units_built_without_validation_equal_validated_ones() -> None:
    outline = _outline()
    for root in outline.clauses:
        for unit in root.walk():
            assert Unit.model_validate(unit.model_dump()) == unit
    for unit in outline.units:
        assert Unit.model_validate(unit.model_dump()) == unit


def test_a_list_item_knows_where_its_lead_in_is_written() -> None:
    outline = _outline()
    units = outline.units
    items = [(i, u) for i, u in enumerate(units) if u.lead_in]
    assert len(items) == 2
    for _, item in items:
        source = item.lead_source
        assert source is not None
        holder = units[source.unit]
        assert holder.number == "Schedule 2 3.3" and not holder.lead_in
        written = holder.text[source.start : source.end]
        assert written == item.text[: item.lead_in] == "The Provider will report each quarter on:"


def test_a_nested_item_points_at_the_item_above_it() -> None:
    source = """\
4.1 The Provider shall:

(a) train every visiting clinician in:

(i) falls risk assessment; and

(ii) safe moving and handling;

(b) keep a record of the training.
"""
    units = _outline(source, "nested.txt").units
    by_number = {u.number: (i, u) for i, u in enumerate(units)}
    _, deeper = by_number["4.1(a)(i)"]
    assert deeper.lead_source is not None
    assert units[deeper.lead_source.unit].number == "4.1(a)"
    _, sibling = by_number["4.1(b)"]
    assert sibling.lead_source is not None
    assert units[sibling.lead_source.unit].number == "4.1"


def test_a_lead_in_at_the_end_of_a_long_clause_is_found_in_its_last_piece() -> None:
    sentence = "The Provider shall keep the visit record up to date after every contact. "
    source = (
        "5.1 " + sentence * 60 + "The Provider shall also record:\n\n- the outcome of each visit.\n"
    )
    units = _outline(source, "long.md").units
    item = units[-1]
    assert item.lead_in and item.lead_source is not None
    holder = units[item.lead_source.unit]
    assert holder.continues  # a later piece of clause 5.1, not its first
    assert holder.text[item.lead_source.start : item.lead_source.end] == (
        "The Provider shall also record:"
    )


def test_a_paragraph_without_a_colon_is_no_source() -> None:
    source = "6.1 The Provider shall visit each person.\n\n- within ten working days.\n"
    assert all(u.lead_source is None for u in _outline(source, "plain.md").units)


@pytest.mark.parametrize(
    "texts",
    [
        ["The fee was previously £40.", "The Provider shall visit weekly.", ""],
        ["Safeguarding training is mandatory.", "Staff guard against falls at home."],
        ["Between 2019 and 2021 the service was paused.", "between teams"],
        ["\u0130ntroduced in 2020, the tariff applies.", "The Provider shall report."],
        ["Kelvin \u212a", "A \u017fteer clear of zone"],
    ],
)
def test_the_document_screen_agrees_with_each_sentence(texts: list[str]) -> None:
    screened = flaggable(texts)
    for text, may in zip(texts, screened, strict=True):
        sentences = split_sentences(text)
        expected = tuple(
            Sentence(start=s.start, end=s.end, flags=sentence_classes(text[s.start : s.end], False))
            for s in sentences
        )
        assert classify(text, sentences, False, may) == expected
        if not may:
            assert all(not sentence_flags(text[s.start : s.end], False) for s in sentences)


def test_a_lone_text_is_classified_as_a_documents_would_be() -> None:
    unit = text_unit("Previously the service ran weekly. The Provider shall run it daily.")
    assert [s.flags for s in unit.sentences] == [frozenset({"history"}), frozenset()]
    quoted = text_unit("This guidance asks for trust.", kind="quote")
    assert quoted.sentences[0].flags == {"quotation", "meta"}


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("The Provider used to be paid for each visit made.", True),
        ("The Council used to fund the training separately.", True),
        ("Call logging will be used to calculate each payment.", False),
        ("Attendance figures are used to set next year's price.", False),
        ("Monitoring data is being used to rank the providers.", False),
    ],
)
def test_used_to_is_history_only_when_it_tells_what_once_was(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("The former provider ran the clinic from two hospital sites.", True),
        ("Formerly the Council paid a separate fee for each assessment.", True),
        ("A payment of £150 is made for each former rough sleeper still housed at a year.", False),
        ("Places are kept for former service users who need to come back.", False),
    ],
)
def test_former_people_are_not_a_past_arrangement(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history

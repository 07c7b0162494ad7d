"""The rule query language: parsing, errors that point at a column, and evaluation."""

from __future__ import annotations

import pytest

from speclint.errors import QuerySyntaxError
from speclint.query.analysis import analyse
from speclint.query.ast import And, Near, Not, NumberTest, Or, Phrase, Term
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.structure import text_unit


def matches(query: str, text: str) -> list[str] | None:
    clause = text_unit(text)
    analysis = analyse(clause)
    hits = Evaluator(analysis).run(parse_query(query))
    if hits is None:
        return None
    return [text[analysis.tokens[a].start : analysis.tokens[b].end] for a, b in hits]


def test_parse_tree_and_precedence() -> None:
    query = parse_query('withh* OR deduct* /s "key target*" AND NOT PERCENT < 1')
    assert query == And(
        (
            Near(
                Or((Term("withh", True), Term("deduct", True))),
                Phrase((Term("key"), Term("target", True))),
                "s",
            ),
            Not(NumberTest("percent", "<", 1.0)),
        )
    )


def test_proximity_operators() -> None:
    assert parse_query("a w/5 b") == Near(Term("a"), Term("b"), "w", 5)
    assert parse_query("a pre/3 b") == Near(Term("a"), Term("b"), "pre", 3)
    assert parse_query("a /c b") == Near(Term("a"), Term("b"), "c")
    assert parse_query("re-tender*") == Phrase((Term("re"), Term("tender", True)))


@pytest.mark.parametrize(
    ("query", "column", "words"),
    [
        ("payment AND", 12, "ends too early"),
        ("(payment OR fee", 1, "unbalanced"),
        ('"at risk', 1, "closing quote"),
        ("payment /s", 11, "ends too early"),
        ("payment ) fee", 9, "unbalanced"),
        ("payment OR", 11, "ends too early"),
        ("payment fee", 9, "unexpected 'fee'"),
        ("PERCENT >=", 11, "ends too early"),
        ("", 1, "empty"),
    ],
)
def test_syntax_errors_point_at_the_column(query: str, column: int, words: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert info.value.column == column
    assert words in info.value.problem
    assert "^" in str(info.value)


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("withh*", "Payment will be withheld.", ["withheld"]),
        ('"at risk"', "Ten per cent is held at risk.", ["at risk"]),
        ("payment /s target*", "Payment is made. Targets are reviewed.", None),
        ("payment /s target*", "Payment depends on targets.", ["Payment", "targets"]),
        ("payment w/4 target*", "Payment depends on the agreed targets.", None),
        ("payment w/5 target*", "Payment depends on the agreed targets.", ["Payment", "targets"]),
        ("target* pre/5 payment", "Payment depends on targets.", None),
        ("PERCENT >= 5", "Ten per cent of the payment.", ["Ten per cent"]),
        ("PERCENT >= 5", "0.25% of the value.", None),
        ("PERCENT == 25", "twenty-five per cent of the fee", ["twenty-five per cent"]),
        ("MONEY > 1000000", "The value is £1.2m.", ["£1.2m"]),
        ("MONEY > 1000000", "The value is £900,000.", None),
        ("NUMBER >= 6 pre/1 sessions", "exactly six sessions", ["six", "sessions"]),
        (
            "supervision /s NOT funded",
            "Supervision is funded. Supervision is weekly.",
            ["Supervision"],
        ),
        ("supervision AND NOT funded", "Supervision is funded.", None),
    ],
)
def test_evaluation(query: str, text: str, expected: list[str] | None) -> None:
    assert matches(query, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Payment will not be linked to activity volumes.",
        "We will not use payment by results.",
        "Payment by results does not apply to this Contract.",
        "Rather than linking payment to activity, the service is a block.",
        "No payment shall be linked to activity.",
    ],
)
def test_negated_mechanism_does_not_match(text: str) -> None:
    assert matches("(payment OR results) /s (activity OR linked)", text) is None


def test_negation_inside_the_mechanism_is_evidence() -> None:
    text = "No payment is made if uptake is 50% or lower."
    assert matches('"no payment" /s uptake', text) == ["No payment", "uptake"]
    assert matches("payment /s uptake", text) is None


def test_negation_scope_stops_at_punctuation_and_conjunctions() -> None:
    text = "Debriefs happen after the shift ends and will not count as paid time."
    assert matches("debrief*", text) == ["Debriefs"]
    assert matches("paid", text) is None
    assert matches("fee", "There is no fee, but supervision is unpaid.") is None
    assert matches("supervision", "There is no fee, but supervision is unpaid.") == ["supervision"]


def test_quantities_are_not_negations() -> None:
    assert matches("sessions", "no more than six sessions") == ["sessions"]
    assert matches("report", "no later than 30 days, the report") == ["report"]


def test_what_an_alternative_replaces_is_not_what_it_is() -> None:
    text = "The contract is an alternate payment mechanism to payment by results (PbR)."
    assert matches('"payment by results"', text) is None
    assert matches('"payment mechanism"', text) == ["payment mechanism"]
    assert matches("PbR", "Payment by results (PbR) is the alternative.") == ["PbR"]


def test_a_partial_denial_is_not_a_negation() -> None:
    """'not always' and 'not necessarily' say sometimes, not never."""
    assert matches("funding", "The funding does not always reach the refuges.") == ["funding"]
    assert matches("funding", "Funding is not necessarily cut.") == ["Funding"]
    assert matches("funding", "The funding does not reach the refuges.") is None


def test_a_code_with_a_number_in_it_is_one_word_not_a_quantity() -> None:
    # "under GC9" names a contract condition; it is not "under 9".
    assert matches("under pre/2 NUMBER", "Payment may be withheld under GC9.") is None
    assert matches("gc9", "Payment may be withheld under GC9.") == ["GC9"]
    assert matches("KPI*", "KPI3 is reported quarterly.") == ["KPI3"]
    assert matches("under pre/1 NUMBER", "Caseloads stay under 9 families.") == ["under", "9"]


def test_whether_or_not_denies_nothing() -> None:
    # "whether or not" weighs both ways; the "not" in it is no negation cue.
    text = "The hours are paid whether or not the visits run longer on the day."
    assert matches("NEG(longer)", text) is None
    assert matches("longer", text) == ["longer"]
    assert matches("NEG(longer)", "The visits must not run longer.") == ["not run longer"]
    assert matches("NEG(paid)", "The hours are worked or not paid at all.") == ["not paid"]


def test_a_phrase_that_spells_out_a_wrong_sense_matches_that_sense() -> None:
    # The improvement-plan sense masks "improvement" in "improvement plan", so that no
    # rule reads a remedial plan as a person's improvement; a query that writes the
    # phrase itself means the plan, and matches it there and nowhere else.
    text = "Payment is held until the improvement plan is carried out."
    assert matches("improvement", text) is None
    assert matches('"improvement plan"', text) == ["improvement plan"]
    assert matches('"improvement plan*"', text) == ["improvement plan"]
    assert matches('"improvement in"', "An improvement in mood is recorded.") == ["improvement in"]
    assert matches('"the improvement"', text) is None
    assert matches('"link worker*"', "Each link worker holds a caseload.") == ["link worker"]


def test_a_cue_inside_the_other_side_of_a_proximity_match_counts() -> None:
    text = "Visits must not exceed 45 minutes."
    assert matches('"not exceed" w/3 (NUMBER pre/1 minutes)', text) == [
        "not exceed",
        "45",
        "minutes",
    ]
    assert matches("NUMBER pre/1 minutes", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Board will not reimburse any new pharmacies for expired stock.", None),
        ("The Board will not reimburse the new duties.", ["not reimburse", "new"]),
    ],
)
def test_a_blocker_is_judged_as_the_words_it_blocks(text: str, expected: list[str] | None) -> None:
    """Inside a negated clause "new pharmacies" is still new pharmacies, not new work."""
    query = "NEG(reimburse) /s (new pre/1 NOT pharmacies)"
    assert matches(query, text) == expected
    analysis = analyse(text_unit(text))
    interpreted = Evaluator(analysis).interpret(parse_query(query))
    assert (interpreted is None) == (expected is None)


def test_a_cue_between_the_two_sides_still_negates() -> None:
    assert matches("payment w/6 activity", "Payment will not be linked to activity.") is None


def test_ellipsis_ends_a_negation_scope() -> None:
    text = "The Provider shall run a staff wellbeing programme … the price will not be adjusted."
    assert matches('"staff wellbeing"', text) == ["staff wellbeing"]


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [
        # history is the past, not any date
        ("Savings of 3% are required in 2027/28.", "history", False),
        ("The contract starts in 2027 and runs for five years.", "history", False),
        ("Rounds were introduced by the Trust in 2019.", "history", True),
        ("Under the previous contract, payment was per contact.", "history", True),
        # sentences saying what to avoid are commentary; avoiding harm is not
        ("The Council will avoid short contracts that break relationships.", "meta", True),
        ("Commissioning will move away from lowest-price awards.", "meta", True),
        (
            "To avoid hospital admission, 5% of the payment is withheld against the target.",
            "meta",
            False,
        ),
        ("The Provider shall report quarterly.", "meta", False),
    ],
)
def test_sentence_flags(text: str, flag: str, expected: bool) -> None:
    clause = text_unit(text)
    assert (flag in analyse(clause).flags[0]) is expected


@pytest.mark.parametrize(
    ("words", "value"),
    [("six", 6), ("twenty-five", 25), ("sixty five", 65), ("one hundred", 100), ("lots", None)],
)
def test_numbers_in_words(words: str, value: float | None) -> None:
    from speclint.query.analysis import word_value

    assert word_value(words) == value
    if value is not None:
        assert matches(f"PERCENT == {value}", f"{words} per cent of the fee") is not None


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("PERCENT >= 50", "Payment stops below sixty per\ncent uptake."),
        ("PERCENT >= 50", "Payment stops below sixty per\tcent uptake."),
        ("PERCENT", "Savings of 5percent are expected."),
        ("PERCENT", "A 5% cut."),
        ("MONEY > 1000", "A fee of £2,500 applies."),
        ('"people\'s views"', "People’s views shape the service."),
        ("withh* /s target*", "Payment is Withheld until TARGETS are met."),
    ],
)
def test_prefilter_admits_every_clause_the_evaluator_matches(query: str, text: str) -> None:
    from speclint.query.prefilter import Candidates

    assert matches(query, text) is not None
    assert Candidates(["Nothing to see here.", text]).of(parse_query(query)) == {1}


def test_a_walk_finds_a_subclass_by_its_base_and_refuses_what_is_no_node() -> None:
    from speclint.query.ast import ByKind, Concept, Term

    class CachedTerm(Term):
        pass

    table = ByKind(((Term, "term"), (Concept, "concept")))
    assert table[Term] == "term"
    assert table[CachedTerm] == "term"  # by its base, then remembered
    assert CachedTerm in table
    with pytest.raises(TypeError, match="not a query node: str"):
        table[str]
    assert ByKind(((Term, "term"),), default="other")[str] == "other"


@pytest.mark.parametrize(
    ("query", "column", "words"),
    [
        ("lowest bid\n  OR cheap & nasty", 8, "unexpected 'bid'"),  # the first fault
        ("a OR *", 6, "'*' needs a word"),
        ('a OR\n  "" OR b', 3, "empty phrase"),
        ("a AND AND b", 7, "expected"),
        ("()", 2, "a word"),
    ],
)
def test_the_first_fault_is_the_one_reported_at_its_column(
    query: str, column: int, words: str
) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert info.value.column == column
    assert words in info.value.problem


def test_brackets_inside_a_phrase_are_words() -> None:
    assert parse_query('"sched (a" OR b') == Or((Phrase((Term("sched"), Term("a"))), Term("b")))


def test_threads_parsing_at_once_each_resolve_concepts_alone() -> None:
    import sys
    import threading

    from speclint.query import parser

    errors: list[str] = []

    names = sorted(parser.builtin_concepts())[:40]

    def work(n: int) -> None:
        for name in names:
            try:
                parser._parse(f"zz{n} OR @{name}")
            except QuerySyntaxError as error:
                errors.append(error.problem)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside a concept's resolution
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert errors == []


def test_an_error_in_a_query_of_several_lines_names_its_line() -> None:
    """A pack's queries are blocks of several lines: the error names the line and shows it."""
    query = '"lowest price"\n  OR cheapest\n  OR (bid AND'
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert (info.value.line, info.value.column) == (3, 6)
    assert "line 3, column 6: unbalanced brackets" in str(info.value)
    assert "\n    OR (bid AND\n       ^" in str(info.value)
    with pytest.raises(QuerySyntaxError) as info:
        parse_query("payment\n  AND")
    assert (info.value.line, info.value.column) == (2, 6)
    assert "ends too early" in info.value.problem
    with pytest.raises(QuerySyntaxError) as info:
        parse_query("payment OR\n  @NO_SUCH_CONCEPT")
    assert (info.value.line, info.value.column) == (2, 3)

"""The fast paths of analysis and evaluation give what the plain paths give.

Each fast path has a slow one beside it: the token pattern run over lower-cased text
against the same pattern ignoring case, the sentence-flag screen against the flag
pattern itself, the pre-filter's pruning of a query against evaluating every part of
it. These tests hold each pair to the same answer, on drafts written to hit the
corners (letters that ignore-case matching treats specially, flags at sentence
edges), and check that the garbage collector comes back on after a lint.
"""

from __future__ import annotations

import gc
import threading

import pytest

from speclint.api import check_text
from speclint.engine.collector import collector_paused
from speclint.models import Clause
from speclint.query.analysis import _GROUP_KINDS, _TOKEN, _TOKEN_LOWER, analyse
from speclint.query.ast import Concept, Or
from speclint.query.concepts import Sense, SensePattern, Senses
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.query.words import normalise
from speclint.rules.context import RuleContext
from speclint.structure.build import build_outline
from speclint.structure.meaning import _ANY_FLAG, sentence_flags
from speclint.structure.sentences import split_sentences

DRAFT = """# Schedule 2: Service Specification

## 3. Workforce

3.1 Practitioners will receive monthly reflective supervision; this is not funded
separately and is to be met within the existing budget.

3.2 Supervision orders made by the court are monitored by the probation service.

3.3 Staff shall attend CPD sessions. The Provider shall not charge for them.

## 4. Payment

4.1 Ten per cent of the contract value will be withheld until the targets are met.

4.2 Previously the service was paid by activity; this no longer applies.

4.3 "Outcome payment" means the sum paid when a person's goals are met.
"""

ODD = [
    "The \u0130ntroduced fee is withheld.",  # dotted capital I: lower-cases to two characters
    "Staff are \u017fupervised monthly, not funded.",  # long s: matches 's' ignoring case
    "The \u212aPI target is 95\u00a0per cent.",  # Kelvin sign: lower-cases to 'k'
    "A d\u0131scount applies; \u0130t was previously 5%.",  # dotless i
    "\u03a3\u0391\u03a3 isn\u2019t paid, and No. 5 is not funded \u2013 at all...",
    "For the purposes of this Schedule, 'Provider' means the organisation.",
]

QUERIES = [
    "supervision /s NOT funded",
    "(withh* OR deduct*) /s target*",
    "@FUNDING",
    "NEG(@FUNDING)",
    "supervision w/5 (budget OR funded)",
    "payment pre/4 sum",
    "PERCENT >= 5 /s (withheld OR withhold*)",
    "CPD /c NOT charge",
    "(monthly OR reflective) AND NOT court",
    # An OR mixing plain words (one twice, one masked) with stems, phrases and concepts.
    '(supervision OR "reflective supervision" OR @FUNDING OR budg* OR court OR supervision)',
    '(fee OR discount OR withheld) /s (target* OR "per cent" OR PERCENT >= 5 OR targets)',
]


def _clause(text: str) -> Clause:
    return Clause(text=text, sentences=split_sentences(text))


@pytest.mark.parametrize("text", ODD + DRAFT.split("\n\n"))
def test_tokens_from_lowered_text_match_case_blind_tokens(text: str) -> None:
    """The lower-cased fast path finds the tokens the case-blind pattern finds."""
    clause = _clause(text)
    fast = analyse(clause)
    slow = []
    for sentence in clause.sentences:
        for match in _TOKEN.finditer(text, sentence.start, sentence.end):
            norm = normalise(match.group())
            kind = match.lastgroup
            slow.append(
                (match.start(), match.end(), norm.strip() if kind == "punct" else norm, kind)
            )
    assert [(t.start, t.end, t.norm, t.kind) for t in fast.tokens] == slow


def test_token_kinds_by_group_number_are_the_patterns_group_names() -> None:
    """The tokeniser names a token's kind by the number of the group that matched."""
    for pattern in (_TOKEN, _TOKEN_LOWER):
        assert pattern.groups == len(_GROUP_KINDS) - 1
        assert pattern.groupindex == {name: i for i, name in enumerate(_GROUP_KINDS) if name}


@pytest.mark.parametrize("text", ODD + [s for s in DRAFT.splitlines() if s.strip()])
def test_flag_screen_never_hides_a_flag(text: str) -> None:
    """A sentence the screen passes over is one the flag pattern does not match."""
    flags = sentence_flags(text, quoted=False)
    if _ANY_FLAG.search(text) is None:
        assert flags == frozenset()
    assert (flags != frozenset()) <= (_ANY_FLAG.search(text) is not None)


def test_flags_still_found() -> None:
    """The screen keeps real flags: a definition and history."""
    assert "definition" in sentence_flags(ODD[-1], quoted=False)
    assert "history" in sentence_flags("Previously the fee was £40.", quoted=False)


@pytest.mark.parametrize("query", QUERIES)
def test_pruned_evaluation_gives_the_same_hits(query: str) -> None:
    """The evaluator gives the same hits with and without the pre-filter's pruning."""
    from speclint.parsers import parse_bytes

    outline = build_outline(parse_bytes((DRAFT + "\n\n" + "\n\n".join(ODD)).encode(), "d.md", "md"))
    ctx = RuleContext.build(outline)
    parsed = parse_query(query)
    pruned_any = False
    for unit in range(len(outline.units)):
        analysis = ctx.analyses[unit]
        assert analysis.prefilter is not None
        skip = ctx.skipped_sentences(unit)
        for affirmed in (True, False):
            pruned = Evaluator(analysis, affirmed, skip).run(parsed)
            view, analysis.prefilter = analysis.prefilter, None
            try:
                plain = Evaluator(analysis, affirmed, skip).run(parsed)
            finally:
                analysis.prefilter = view
            assert pruned == plain, (query, unit)
            pruned_any |= plain is not None
    assert pruned_any or query.startswith("payment")


def test_a_lint_leaves_the_collector_as_it_found_it() -> None:
    """The collector is back on after a lint, and stays off if it was off."""
    assert gc.isenabled()
    report = check_text(DRAFT)
    assert report.files[0].findings
    assert gc.isenabled()
    gc.disable()
    try:
        check_text(DRAFT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_and_threaded_pauses_restore_the_collector() -> None:
    """Pauses nest; across threads the first to end may turn the collector back on.

    That costs the other thread time, never correctness, and no count is kept that a
    time-limit signal could strand with the collector off.
    """
    inside = threading.Event()
    release = threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        inside.wait(5)
        with collector_paused():
            seen.append(gc.isenabled())
    seen.append(gc.isenabled())  # the other thread still lints, with the collector on
    release.set()
    thread.join(5)
    assert seen == [False, True]
    assert gc.isenabled()


PROXIMITY = (
    "The fee is paid monthly. Payment of the fee follows each visit, and the monthly fee "
    "is reviewed; a late fee applies where the visit report is paid late, fee by fee."
)


@pytest.mark.parametrize(
    ("query", "within", "ordered"),
    [
        ("fee w/2 paid", 2, False),
        ("fee w/5 (visit OR report)", 5, False),
        ("paid w/2 fee", 2, False),
        ("fee pre/3 (paid OR visit)", 3, True),
        ("monthly pre/1 fee", 1, True),
        ("(paid OR late) pre/6 fee", 6, True),
        # One hit on one side ("payment", "report"): judged against it directly.
        ("payment w/3 fee", 3, False),
        ("fee w/5 report", 5, False),
        ("fee pre/5 report", 5, True),
        ("report pre/4 (paid OR fee OR late)", 4, True),
    ],
)
def test_proximity_pairs_every_hit_with_a_partner_in_its_window(
    query: str, within: int, ordered: bool
) -> None:
    """Without negation, ``w/N`` and ``pre/N`` keep exactly the hits that have a partner.

    The evaluator looks only in each hit's window; the reference here tries every pair.
    """
    analysis = analyse(_clause(PROXIMITY))
    parsed = parse_query(query)
    if isinstance(parsed, Concept):  # read from a warm query cache: the tree it stands for
        parsed = parsed.query
    left = Evaluator(analysis).run(parsed.left) or []  # type: ignore[union-attr]
    right = Evaluator(analysis).run(parsed.right) or []  # type: ignore[union-attr]

    def close(a: tuple[int, int], b: tuple[int, int]) -> bool:
        if ordered:
            return 0 < b[0] - a[1] <= within
        return max(b[0] - a[1], a[0] - b[1]) <= within

    expected = sorted(
        {a for a in left if any(close(a, b) for b in right)}
        | {b for b in right if any(close(a, b) for a in left)}
    )
    assert expected  # each query pairs somewhere in the draft
    assert (Evaluator(analysis).run(parsed) or []) == expected


def test_number_tests_read_only_valued_tokens_of_their_kind() -> None:
    """``valued`` indexes the tokens each kind of number test reads, and nothing else."""
    analysis = analyse(_clause("Ten per cent, or £40 for 3 visits in twelve weeks, is withheld."))
    norms = {
        kind: [analysis.tokens[i].norm for i in analysis.valued(kind)]
        for kind in ("number", "percent", "money")
    }
    assert norms == {"number": ["3", "twelve"], "percent": ["ten per cent"], "money": ["£40"]}


def test_findings_built_without_validation_equal_validated_ones() -> None:
    """The engine builds findings and their spans unvalidated: each equals its validated copy."""
    from speclint.models import Finding

    findings = check_text(DRAFT).files[0].findings
    assert len(findings) >= 2
    spans = 0
    for finding in findings:
        copy = Finding.model_validate(finding.model_dump())
        assert copy == finding
        assert copy.model_dump_json() == finding.model_dump_json()
        assert copy.model_fields_set == finding.model_fields_set
        spans += finding.span is not None
    assert spans


def test_a_file_report_built_without_validation_equals_its_validated_copy() -> None:
    """The engine builds each file's report unvalidated: it equals its validated copy."""
    from speclint.models import FileReport

    report = check_text(DRAFT).files[0]
    copy = FileReport.model_validate(report.model_dump())
    assert copy == report
    assert list(copy.__dict__) == list(report.__dict__)
    assert copy.model_dump_json() == report.model_dump_json()
    assert copy.model_fields_set == report.model_fields_set


def test_a_block_s_default_location_equals_a_validated_one() -> None:
    """Blocks made unvalidated take ``Location()`` as their location when given none."""
    from speclint.models import Location, unvalidated_block

    block = unvalidated_block(text="x", kind="paragraph")
    assert block.location == Location()
    assert list(block.location.__dict__) == list(Location().__dict__)


@pytest.mark.parametrize(
    "text",
    [
        *ODD,
        *DRAFT.split("\n\n"),
        "The providers' staff won't be paid; the Council’s 'lead' officer’s fee rises.",
        "Rock 'n' roll, o''clock, '' and ' apostrophes' ' alone, and naïve café fees.",
        "Kelvin \u212aPI, ﬁnal ﬂat-rate fees: 10% (ten per cent) — pro-rata.",
    ],
)
def test_word_index_finds_the_words_the_pattern_finds(text: str) -> None:
    """The pre-filter's word index, built by a split, holds the words the pattern finds."""
    from speclint.query.prefilter import _WORD, _words

    lowered = normalise(text)
    assert _words(lowered) == set(_WORD.findall(lowered))


def test_or_alternatives_are_the_items_holding_each_unit_and_their_tests_are_bounded() -> None:
    """An OR's alternatives in each unit are exactly its items the unit allows, before and
    after the map from units to items is made; and the per-unit tests stop at a bounded
    multiple of the map's size however many units ask. Asked through each unit's view,
    as the evaluator asks, and through the candidates themselves."""
    from speclint.query.ast import Or
    from speclint.query.prefilter import _ENTRY_COST, Candidates

    words = ["fee", "visit", "budget", "carer", "review", "tariff"]
    texts = [
        " ".join(w for n, w in enumerate(words) if (unit >> n) & 1 or unit % (n + 2) == 0)
        for unit in range(400)
    ]
    candidates = Candidates(texts)
    query = parse_query("fee OR visit OR (budget w/3 carer) OR review OR tariff OR absentword")
    if isinstance(query, Concept):  # read from a warm query cache: the tree it stands for
        query = query.query
    assert isinstance(query, Or)
    expected = {
        unit: [item for item in query.items if unit in candidates.of(item)]
        for unit in range(len(texts))
    }
    views = [candidates.view(unit) for unit in range(len(texts))]
    for _ in range(_ENTRY_COST + 2):  # the first rounds test each item; later ones read the map
        for unit, view in enumerate(views):
            assert view.alternatives(query) == expected[unit]
            assert candidates.alternatives(query, unit) == expected[unit]
    known = candidates._items[id(query)]
    assert known.by_unit is not None
    assert all(units for _, units in known.items)  # the absent word was dropped once
    assert known.spent <= _ENTRY_COST * known.size + len(known.items)


def test_candidate_sets_as_masks_give_the_units_of_each_word() -> None:
    """Units read back from the pre-filter's bit masks are those holding each word."""
    from speclint.query.prefilter import Candidates

    texts = [
        f"clause {n} " + ("fee " if n % 3 == 0 else "") + ("£5" if n % 7 == 0 else "")
        for n in range(300)
    ]
    candidates = Candidates(texts)
    assert candidates.word("fee", False) == {n for n in range(300) if n % 3 == 0}
    assert candidates.containing("£") == {n for n in range(300) if n % 7 == 0}
    assert candidates.word("clau", True) == candidates.everything
    assert candidates.word("absent", False) == frozenset()
    query = parse_query("fee AND MONEY")
    assert candidates.sorted_units(query) == [n for n in range(300) if n % 21 == 0]
    assert candidates.containing_any(["fee", "£"]) == sorted(
        {n for n in range(300) if n % 3 == 0 or n % 7 == 0}
    )


def _masked_sentence_by_sentence(clause: Clause, senses: Senses) -> list[bool]:
    """Which tokens :meth:`Senses.masked` hides, asked one sentence at a time."""
    tokens = analyse(clause).tokens
    hidden: list[bool] = []
    for sid in sorted({t.sentence for t in tokens}):
        norms = [t.norm for t in tokens if t.sentence == sid]
        masked = senses.masked(norms)
        hidden.extend(i in masked for i in range(len(norms)))
    return hidden


def _sense_texts() -> list[str]:
    """Every ``masked`` and ``kept`` example of the built-in senses, and the draft."""
    from speclint.query.vocabulary import builtin_vocabulary

    texts = [t for s in builtin_vocabulary().pack.senses for t in (*s.masked, *s.kept)]
    return [*texts, " ".join(texts[:12]), *DRAFT.split("\n\n")]


def test_masking_by_spelt_words_hides_what_each_sentence_would() -> None:
    """Only patterns whose words are all in a unit are tried, and they hide the same tokens.

    Several examples run together as one unit, so a pattern's words spread over two
    sentences must not match across the boundary.
    """
    from speclint.query.analysis import builtin_senses

    senses = builtin_senses()
    masked_any = False
    for text in _sense_texts():
        clause = _clause(text)
        fast = [t.masked for t in analyse(clause).tokens]
        assert fast == _masked_sentence_by_sentence(clause, senses), text
        masked_any |= any(fast)
    assert masked_any


@pytest.mark.parametrize(
    ("odd", "key", "masks"),
    [
        (("agenc*", "?"), ((0, "agency"),), 2),
        (("the", "agenc*", "staff*"), ((1, "agency"), (0, "the")), 1),
        (("?", "?"), None, 4),
    ],
)
def test_a_pattern_of_stems_poor_words_or_gaps_hides_what_each_sentence_would(
    monkeypatch: pytest.MonkeyPatch,
    odd: tuple[str, ...],
    key: tuple[tuple[int, str], ...] | None,
    masks: int,
) -> None:
    """A pattern spelling out no word but "the" is looked up by a stem; ``?`` alone, not at all.

    Either way it hides what :meth:`Senses.masked` hides sentence by sentence.
    """
    from speclint.query import analysis

    senses = Senses(
        (Sense("staff", ("staff",), (SensePattern(("bank*", "staff")), SensePattern(odd))),)
    )
    vocab = {"bank": [0], "staff": [1], "the": [2], "agency": [3]}
    screened = analysis._wrong_senses(senses, vocab, "bank staff the agency")
    if key is None:
        assert screened is None  # nothing to look it up by: every sentence is tried
    else:
        assert screened is not None
        assert [w[4] for w in screened if w[1].words == odd] == [key]
    monkeypatch.setattr(analysis, "_SENSES", [senses])
    texts = [
        "Agency staff cover leave. Bank staff and core staff are paid; staff agency rates apply.",
        "Agencies staff the rota. An agency. Staff from the agency, and agency-staff too.",
        "The agency staff and the agencies' staff.",
    ]
    for text in texts:
        clause = _clause(text)
        fast = [t.masked for t in analyse(clause).tokens]
        assert fast == _masked_sentence_by_sentence(clause, senses), text
    first = [t.masked for t in analyse(_clause(texts[0])).tokens]
    assert sum(first) == masks


def test_the_command_freezes_what_its_first_lint_leaves_alive_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asked (as the command asks), the end of the next pause freezes, once; else never."""
    from speclint import lifetime

    frozen: list[bool] = []
    monkeypatch.setattr(lifetime.gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(lifetime, "_PENDING", [])
    with collector_paused():
        pass
    assert frozen == []  # a library's caller: the collector as it was
    lifetime.freeze_after_first_lint()
    with collector_paused(), collector_paused():
        pass
    assert frozen == [True] and gc.isenabled()  # once, as the outermost pause ended
    with collector_paused():
        pass
    assert frozen == [True]


def test_default_settings_equal_validated_defaults() -> None:
    """The defaults made without the settings' validator equal ``Settings()``."""
    from speclint.config import Settings, default_settings

    made, validated = default_settings(), Settings()
    assert made == validated
    assert list(made.__dict__) == list(validated.__dict__)
    assert made.model_fields_set == validated.model_fields_set
    assert made.with_limits(5, 0) == validated.with_limits(5, 0)


def test_masked_and_joined_word_indexes_equal_a_pass_over_the_tokens() -> None:
    """Every token of a word, masked or not, and a join's words, as a pass over tokens finds.

    Phrases naming a sense read masked tokens through :meth:`Analysis.all_hits` instead
    of a pass over every token; a document-wide join moves each part's word index rather
    than indexing its tokens again.
    """
    from speclint.query.analysis import Analysis

    parts = [analyse(_clause(text)) for text in _sense_texts()]
    joined = Analysis.join(parts)
    plain = Analysis(joined.tokens, joined.flags)  # no index given: built from the tokens
    assert joined.vocabulary == plain.vocabulary
    assert joined.masked_vocabulary == plain.masked_vocabulary
    assert any(plain.masked_vocabulary.values())
    for analysis in (*parts, joined):
        words = {t.norm for t in analysis.tokens}
        stems = {w[:n] for w in words for n in (1, 3, 5) if len(w) > n}
        for word, prefix in [*((w, False) for w in words), *((s, True) for s in stems)]:
            expected = [
                i
                for i, t in enumerate(analysis.tokens)
                if (t.norm.startswith(word) if prefix else t.norm == word)
            ]
            assert analysis.all_hits(word, prefix) == expected, (word, prefix)


def _every_item_or(ev: Evaluator, query: Or) -> list[tuple[int, int]] | None:
    """An ``OR`` as the query language defines it: every item evaluated, no shortcut."""
    found: list[tuple[int, int]] = []
    holds = False
    for item in query.items:
        hits = ev._eval(item)
        if hits is not None:
            holds = True
            found.extend(hits)
    return found if holds else None


def test_or_shortcuts_give_every_rule_the_hits_of_every_item() -> None:
    """An ``OR``'s words and phrases found from the unit's words lose and add no hit.

    Every rule's query (and ``unless_anywhere``) is run over each of its own examples
    and the draft, pre-filtered as the engine runs it and then with every ``OR``
    evaluating each of its items and no pre-filter, in both negation modes.
    """
    from speclint.parsers import parse_bytes
    from speclint.query import evaluate
    from speclint.rules import all_rules

    compared = held = 0
    for rule in all_rules():
        queries = [parse_query(q) for q in (rule.query, rule.unless_anywhere) if q]
        if not queries:
            continue
        texts = [*rule.tests.fail, *rule.tests.pass_, DRAFT]
        outline = build_outline(parse_bytes("\n\n".join(texts).encode(), "d.md", "md"))
        ctx = RuleContext.build(outline)
        for unit in range(len(outline.units)):
            analysis = ctx.analyses[unit]
            skip = ctx.skipped_sentences(unit)
            for parsed in queries:
                for affirmed in (True, False):
                    fast = Evaluator(analysis, affirmed, skip).run(parsed)
                    view, analysis.prefilter = analysis.prefilter, None
                    memo, analysis.memo = analysis.memo, {}
                    handlers = evaluate._HANDLERS
                    handlers[Or] = _every_item_or
                    try:
                        slow = Evaluator(analysis, affirmed, skip).interpret(parsed)
                    finally:
                        handlers[Or] = Evaluator._or
                        analysis.prefilter, analysis.memo = view, memo
                    assert fast == slow, (rule.code, unit, affirmed)
                    compared += 1
                    held += slow is not None
    assert held > 500 and compared > 2 * held


def test_a_mask_s_units_are_its_set_bits_in_order() -> None:
    """``Candidates.units`` reads a bit mask as its units, lowest first, sparse or dense."""
    import random

    from speclint.query.prefilter import Candidates

    rng = random.Random(18)
    for count in (1, 7, 8, 9, 64, 1709):
        candidates = Candidates(["a"] * count)
        masks = [0, (1 << count) - 1, 1 << (count - 1)]
        masks += [sum(1 << u for u in rng.sample(range(count), k)) for k in range(1, count, 5)]
        for mask in masks[:60]:
            assert candidates.units(mask) == [u for u in range(count) if mask >> u & 1]

"""The engine: run the selected rules over a document and report findings.

``Engine(registry, settings).run(document)`` is the whole pipeline for one parsed
document: build the clause outline, evaluate each rule (query or Python check) on the
clauses its words can match (each clause is analysed once, on first use), drop
findings cancelled document-wide, by an inline suppression or by
``per-clause-ignores``, apply the configured severities, fold the findings of one
family on one sentence into one, then those of one family in one table or one list
(:mod:`speclint.engine.grouping`). The registry is the one
the caller loaded (:func:`speclint.registry.builtin_registry` for the built-in rules).

Inline suppressions are judged as ruff judges ``noqa`` comments (RUF100): each finding
a directive silences is credited to the first code that covers it (``ignore-file``
directives first, then the clause's own in document order), and the engine's own
rules (``engine = true`` in the SPL pack) report a directive, or a code in it, that
silenced nothing or could not be read (SPL001) and a directive without a reason
(SPL002), at the directive.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterator, Sequence

from speclint.config import Settings, default_settings
from speclint.engine.collector import collector_paused
from speclint.engine.grouping import PARAGRAPH, fold_related, fold_repeats, related_groups
from speclint.engine.suppression import Directive, Directives
from speclint.models import (
    Clause,
    Document,
    FileReport,
    Finding,
    Location,
    Span,
    TextRange,
    unvalidated,
)
from speclint.query.analysis import Token
from speclint.query.ast import Query
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.registry import RuleRegistry
from speclint.rules import Rule, check_function
from speclint.rules.checks.framed import holds_in_context
from speclint.rules.context import RuleContext, RuleHit, opted_in
from speclint.structure.build import Outline, build_outline
from speclint.structure.labels import looks_like_title

__all__ = ["Engine", "RuleContext", "RuleHit", "fingerprint", "rule_hits"]

CheckFunction = Callable[[RuleContext], Iterator[RuleHit]]
_EXCERPT = 200


def _check(rule: Rule) -> CheckFunction:
    return check_function(rule)


def _holds_anywhere(query: Query, ctx: RuleContext, include: frozenset[str], negated: bool) -> bool:
    """True when ``query`` holds somewhere in the document as a whole."""
    return ctx.holds_anywhere(query, include, not negated)


def rule_hits(rule: Rule, ctx: RuleContext) -> list[RuleHit]:
    """Every place ``rule`` fires in the document, before suppressions.

    An engine rule (``engine = true``) has none here: the engine raises it while it
    applies the document's directives. Nor has a rule that speaks only in a buyer's voice
    (``buyer_voice``) on a page that buys nothing (:attr:`Outline.bought`), nor one that
    speaks only where buying is marked (``buyer_marks``) on a page of several sentences
    with no mark of buying (:attr:`Outline.buying_marked`).
    """
    if rule.engine:
        return []
    if rule.buyer_voice and not ctx.outline.bought:
        return []  # a statement of purpose, an employer's policy, an Act: no buyer speaks
    if rule.buyer_marks and not ctx.outline.buying_marked:
        return []  # a page of several sentences that names no buying at all
    units = ctx.outline.units
    include = opted_in(rule.family, rule.include)
    if rule.check is not None:
        # A hit made from a list's lead-in alone belongs to the clause that holds it.
        checked = _check(rule)(ctx.reading(include))
        return [h for h in checked if not _lead_in_only(units, h)]
    assert rule.query is not None
    query = parse_query(rule.query)
    if rule.absent_from_document:
        if (
            not ctx.outline.units
            or _holds_anywhere(query, ctx, include, rule.include_negated)
            or (
                rule.unless_anywhere
                and _holds_anywhere(parse_query(rule.unless_anywhere), ctx, include, False)
            )
        ):
            return []
        return [RuleHit(unit=0, start=0, end=0, evidence="")]
    hits: list[RuleHit] = []
    # ``unless_anywhere`` is asked at the rule's first hit, as soon as it could matter:
    # when it holds, the units after that one need not be looked at.
    unless = rule.unless_anywhere
    for unit in ctx.could_match(query):
        skip = ctx.skipped_sentences(unit, include)
        if len(skip) == len(units[unit].sentences):
            continue
        analysis = ctx.analyses[unit]
        found = Evaluator(analysis, not rule.include_negated, skip).run(query)
        lead_in = units[unit].lead_in
        if found and lead_in and all(analysis.tokens[last].end <= lead_in for _, last in found):
            continue  # the lead-in alone: reported once, where it is written
        if (
            found
            and rule.unless_in_context
            and holds_in_context(rule.unless_in_context, units[unit])
        ):
            continue
        if found:
            found = _in_cells(ctx, unit, found)
            first, last = _anchor(ctx, unit, found)
            tokens = analysis.tokens
            quote, spans = _quote(ctx, unit, found)
            hits.append(RuleHit(unit, tokens[first].start, tokens[last].end, quote, spans))
            if unless:
                if _holds_anywhere(parse_query(unless), ctx, include, False):
                    return []
                unless = None
    return hits


def _lead_in_only(units: list[Clause], hit: RuleHit) -> bool:
    """True when a check's hit lies wholly in a list item's borrowed lead-in."""
    lead_in = units[hit.unit].lead_in if 0 <= hit.unit < len(units) else 0
    return bool(lead_in) and hit.end <= lead_in


def lead_sources(units: Sequence[Clause]) -> dict[int, tuple[int, int, int]]:
    """For each list item read with a lead-in, where that lead-in is written.

    The value is ``(unit, start, end)``: the unit holding the lead-in (the paragraph
    ending in it, or the table row whose cell holds it) and the lead-in's place in that
    unit's text, as the structure layer recorded it (:attr:`Clause.lead_source`).
    """
    return {
        index: (source.unit, source.start, source.end)
        for index, unit in enumerate(units)
        if (source := unit.lead_source) is not None
    }


#: A lead-in that leaves its condition to the list: "The grant may be withheld if:".
_OPEN_CONDITION = re.compile(
    r"\b(?:if|where|when|whenever|unless|until|should|provided that|on condition that|"
    r"(?:any|one|either|each) of the following(?: \w+)?|"
    r"in (?:the|any of the) following (?:circumstances|cases|events|situations))"
    r"\s*[:\u2013\u2014-]\s*$",
    re.IGNORECASE,
)


def open_condition_lead_ins(
    units: Sequence[Clause], sources: dict[int, tuple[int, int, int]]
) -> dict[int, list[tuple[int, int]]]:
    """Per unit, the spans of lead-ins that end on an open condition ("... if:").

    Such a sentence names a consequence and leaves the condition to each list item; a
    finding on it alone would judge the consequence without its reason, so it is left to
    the items, which are read with the lead-in in front of them.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for unit, start, end in set(sources.values()):
        if 0 <= unit < len(units) and _OPEN_CONDITION.search(units[unit].text[start:end]):
            spans.setdefault(unit, []).append((start, end))
    return spans


def _in_open_condition(hit: RuleHit, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """True when ``hit`` lies wholly in a lead-in that leaves its condition to the list."""
    return any(start <= hit.start and hit.end <= end for start, end in spans.get(hit.unit, ()))


def _repeats_lead_in(
    hits: list[RuleHit], sources: dict[int, tuple[int, int, int]]
) -> list[RuleHit]:
    """``hits`` without a list item's hit where the same rule flags the lead-in itself.

    "Success will be measured by the number of:" is one finding, at the lead-in; a
    bullet under it that adds a word of its own is the same finding again. A hit
    elsewhere in the paragraph that holds the lead-in leaves the bullet's own finding.
    """
    fired: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        fired.setdefault(hit.unit, []).append((hit.start, hit.end))
    kept = []
    for hit in hits:
        source = sources.get(hit.unit)
        if source is not None:
            unit, start, end = source
            if any(s < end and start < e for s, e in fired.get(unit, ())):
                continue
        kept.append(hit)
    return kept


def _in_cells(ctx: RuleContext, unit: int, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For a table row, the hits in what the cells say rather than in the header keys."""
    clause = ctx.outline.units[unit]
    if not clause.table_header:
        return found
    tokens = ctx.analyses[unit].tokens
    inside = [
        h for h in found if any(s.start <= tokens[h[0]].start < s.end for s in clause.segments)
    ]
    return inside or found


def _anchor(ctx: RuleContext, unit: int, found: list[tuple[int, int]]) -> tuple[int, int]:
    """The hit a finding points at: the first in the sentence (or table cell) with most hits."""
    tokens = ctx.analyses[unit].tokens
    clause = ctx.outline.units[unit]
    segments = clause.segments
    lead_in = clause.lead_in  # a list item's lead-in counts as the item
    if lead_in:
        # Every item shares its lead-in: a finding points at the item's own words, so
        # that the items a lead-in is read with are not all reported at the lead-in.
        own = [hit for hit in found if tokens[hit[0]].start >= lead_in]
        found = own or found
    if len(found) == 1:
        return found[0]
    starts = [s.start for s in segments]
    groups: dict[tuple[int, int], int] = {}
    keys = []
    for first, _ in found:
        tok = tokens[first]
        cell = bisect_right(starts, max(tok.start, lead_in + 1) if lead_in else tok.start)
        key = (tok.sentence, cell)
        keys.append(key)
        groups[key] = groups.get(key, 0) + 1
    best = max(groups, key=lambda k: (groups[k], -k[0], -k[1]))
    # Point at the item's own words where they hit, not at the lead-in.
    for hit, key in zip(found, keys, strict=True):
        if key == best and tokens[hit[0]].start >= lead_in:
            return hit
    return found[keys.index(best)]


_FUNCTION_WORDS = frozenset("a an the of to in on at by for and or as is are be".split())
#: Quoted only when nothing else triggered the rule: "'shall', 'supervision'" tells a
#: reader no more than "'supervision'".
_MODALS = frozenset("will shall must should may can could would".split())


def _glued(text: str, tokens: Sequence[Token], k: int) -> bool:
    """True when punctuation token ``k`` joins two figures with no space: "07:00", "24/7"."""
    return (
        0 < k < len(tokens) - 1
        and tokens[k].kind == "punct"
        and tokens[k - 1].end == tokens[k].start
        and tokens[k].end == tokens[k + 1].start
        and text[tokens[k - 1].end - 1].isdigit()
        and text[tokens[k + 1].start].isdigit()
    )


def _quote(
    ctx: RuleContext, unit: int, found: list[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The trigger words, quoted, and where they are in the unit's text.

    Nearby hits are merged into one phrase and function words at either end dropped; a
    lone modal verb ("shall", "will") is dropped when other words triggered the rule too.
    """
    text = ctx.outline.units[unit].text
    tokens = ctx.analyses[unit].tokens
    spans: list[list[int]] = []
    for first, last in sorted(found) if len(found) > 1 else found:
        if spans:
            span = spans[-1]
            before = span[1]
            # Pieces within two words join; a phrase is never cut (next words join).
            if (first <= before + 1 and tokens[first].sentence == tokens[before].sentence) or (
                first - before <= 2
                and tokens[first].sentence == tokens[before].sentence
                and tokens[last].end - tokens[span[0]].start <= 48
                and all(
                    tokens[k].kind != "punct" or _glued(text, tokens, k)
                    for k in range(before, first)
                )
            ):
                span[1] = max(before, last)
                continue
        spans.append([first, last])
    function_words = _FUNCTION_WORDS
    pieces: list[tuple[str, str, tuple[int, int]]] = []  # each piece, lower-cased, place
    for first, last in spans:
        # A figure is quoted whole: "07:00", not "07"; "£1.5m", not "1".
        while _glued(text, tokens, first - 1):
            first -= 2
        while _glued(text, tokens, last + 1):
            last += 2
        while first < last and tokens[first].norm in function_words:
            first += 1
        while last > first and tokens[last].norm in function_words:
            last -= 1
        at = (tokens[first].start, tokens[last].end)
        piece = " ".join(text[at[0] : at[1]].split())
        low = piece.lower()
        if low not in function_words:
            pieces.append((piece, low, at))
    if any(low not in _MODALS for _, low, _ in pieces):
        pieces = [p for p in pieces if p[1] not in _MODALS]
    # Keep each piece once, and drop one that another piece already contains.
    # Only the first four kept are quoted, so the search stops there.
    distinct = {low for _, low, _ in pieces}
    kept: list[str] = []
    known: set[str] = set()
    for piece, low, _ in pieces:
        if low in known:
            continue
        known.add(low)
        if not any(low in other and low != other for other in distinct):
            kept.append(piece)
            if len(kept) == 4:
                break
    return "', '".join(kept), tuple(at for _, _, at in pieces)


#: What the findings of one sentence share, worked out for its first finding: its
#: bounds in the unit, its text collapsed, the map of offsets into that text, and the
#: sentence's words for the fingerprint. Keyed by unit and sentence start.
_SentenceMemo = dict[tuple[int, int], tuple[int, int, str, Callable[[int], int], str]]


def _sentence(
    ctx: RuleContext, hit: RuleHit, memo: _SentenceMemo | None = None
) -> tuple[str, tuple[tuple[int, int], ...], str]:
    """The excerpt for a hit, where its triggers are in it, and its sentence's words.

    The excerpt is the sentence the hit starts in, whitespace collapsed and shortened.
    A trigger in another sentence of the unit (a clause whose second sentence says
    that the time is not funded) brings that sentence too, so that every quoted word
    can be seen: up to two more, in the order of the text, after " … " where sentences
    lie between. The trigger ranges (``hit.spans``, or the hit itself) are given as
    offsets into the excerpt. Last come the words of the hit's own sentence as
    :func:`fingerprint` reads them: the identity does not depend on the other
    sentences. ``memo`` keeps what the findings of one sentence share.
    """
    unit = ctx.outline.units[hit.unit]
    start, end = _sentence_bounds(unit, hit.start) or (0, len(unit.text))
    known = memo.get((hit.unit, start)) if memo is not None else None
    if known is not None and known[1] == end:
        _, _, text, collapsed, words = known
    else:
        text, collapsed = _collapsed(unit.text[start:end])
        words = _fingerprint_words(text)
        if memo is not None:
            memo[(hit.unit, start)] = (start, end, text, collapsed, words)
    triggers = hit.spans or ((hit.start, hit.end),)
    pieces = [(start, end, text, collapsed)]
    for first, last in _other_sentences(unit, triggers, start, end):
        pieces.append((first, last, *_collapsed(unit.text[first:last])))
    pieces.sort(key=lambda piece: piece[0])
    excerpt = ""
    marks: list[tuple[int, int]] = []
    previous = None
    for first, last, piece_text, piece_map in pieces:
        found = []
        for a, b in triggers:
            if first <= a < b <= last:
                quoted = " ".join(unit.text[a:b].split())
                at = piece_map(a - first)
                if piece_text[at : at + len(quoted)] == quoted:
                    found.append((at, at + len(quoted)))
        piece_text, kept = _shorten(piece_text, found)
        if previous is not None:
            excerpt += " " if not unit.text[previous:first].strip() else " … "
        marks.extend((a + len(excerpt), b + len(excerpt)) for a, b in kept)
        excerpt += piece_text
        previous = last
    return excerpt, tuple(marks), words


def _collapsed(raw: str) -> tuple[str, Callable[[int], int]]:
    """``raw`` with its whitespace collapsed, and the map of offsets into it."""
    text = " ".join(raw.split())
    return text, _collapser(raw) if text != raw else _unchanged  # most: single spaces


def _other_sentences(
    unit: Clause, triggers: Sequence[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """The bounds of up to two other sentences of ``unit`` holding a trigger, nearest first."""
    found = []
    for sentence in unit.sentences:
        apart = sentence.end <= start or sentence.start >= end
        if apart and any(sentence.start <= a < sentence.end for a, _ in triggers):
            found.append((sentence.start, sentence.end))
    found.sort(key=lambda bounds: abs(bounds[0] - start))
    return found[:2]


def _shorten(
    text: str, marks: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` cut to the excerpt's length, with the marks that still fall inside it.

    A long sentence keeps its start, unless its first mark lies past the cut: then the
    cut window starts a little before that mark ("… the time for supervision …").
    """
    if len(text) <= _EXCERPT:
        return text, tuple(marks)
    first = min((a for a, _ in marks), default=0)
    if first + 20 < _EXCERPT - 1:
        text = text[: _EXCERPT - 1].rstrip() + "…"
        return text, tuple(m for m in marks if m[1] < len(text))
    start = min(first - 20, len(text) - (_EXCERPT - 2))
    start = text.find(" ", start) + 1 or start  # from a word's start
    body = text[start : start + _EXCERPT - 2].rstrip()
    tail = "…" if start + len(body) < len(text) else ""
    shift = 1 - start  # the leading "…"
    kept = tuple((a + shift, b + shift) for a, b in marks if a >= start and b <= start + len(body))
    return "…" + body + tail, kept


def _sentence_bounds(unit: Clause, offset: int) -> tuple[int, int] | None:
    """Where the written sentence of ``unit`` holding ``offset`` starts and ends (``None``: none).

    A sentence the structure layer split in two is quoted whole (:attr:`Sentence.quoted_from`).
    """
    for sentence in unit.sentences:
        if sentence.start <= offset < sentence.end:
            first = sentence.start if sentence.quoted_from is None else sentence.quoted_from
            return first, sentence.end
    return None


def _unchanged(offset: int) -> int:
    """The offset itself: a sentence with single spaces only collapses to itself."""
    return offset


def _collapser(raw: str) -> Callable[[int], int]:
    """Map an offset in ``raw`` to the same place in ``" ".join(raw.split())``.

    Built once per sentence from its runs of whitespace, so that a sentence with
    thousands of triggers costs n log n, not one scan of the sentence per trigger. An
    offset inside or just after a run inside the text maps to just after its one space.
    """
    starts: list[int] = []
    ends: list[int] = []
    gone = [0]  # characters dropped by the runs before each run
    for run in _SPACES.finditer(raw):
        starts.append(run.start())
        ends.append(run.end())
        gone.append(gone[-1] + run.end() - run.start() - (1 if run.start() else 0))

    def collapsed(offset: int) -> int:
        i = bisect_right(starts, offset - 1) - 1  # the last run that starts before offset
        if i < 0:
            return offset
        dropped = gone[i] + min(ends[i], offset) - starts[i] - (1 if starts[i] else 0)
        return offset - dropped

    return collapsed


# The runs of whitespace that move an offset: two characters or more, or any run at the
# start. A single whitespace character inside becomes one space and moves nothing (most
# PDF sentences break lines with one "\n" and so need no map at all).
_SPACES = re.compile(r"^\s+|\s\s+")


def fingerprint(code: str, sentence: str) -> str:
    """A finding's identity: its code and the sentence's words, not where they sit.

    Case, punctuation, quote styles and spacing are ignored, so re-typesetting a
    clause keeps the identity; changing a word makes a new one.
    """
    return _fingerprint_of(code, _fingerprint_words(sentence))


def _fingerprint_words(sentence: str) -> str:
    """The words of ``sentence`` a fingerprint is made of: case and punctuation dropped."""
    return " ".join(_WORD.findall(sentence.casefold()))


def _fingerprint_of(code: str, words: str) -> str:
    """:func:`fingerprint` from the sentence's words (:func:`_fingerprint_words`)."""
    return hashlib.sha256(f"{code}\0{words}".encode()).hexdigest()[:20]


_WORD = re.compile(r"[^\W_]+|[£$€%]")


class Engine:
    """Lints parsed documents with the rules of ``registry`` and ``settings``.

    ``rules`` replaces the rules to run (all of the registry's by default); codes of
    the registry stay known, so a directive naming one is not an unknown code.
    """

    def __init__(
        self,
        registry: RuleRegistry,
        settings: Settings | None = None,
        rules: Sequence[Rule] | None = None,
    ) -> None:
        self.registry = registry
        self.settings = settings
        self.rules = rules

    def run(self, document: Document) -> FileReport:
        """Lint one parsed document.

        Findings silenced by an ``ignore-file`` directive, by a directive on their
        clause or by ``per-clause-ignores`` are dropped; then the engine's own rules
        report the directives that silenced nothing (SPL001) or give no reason (SPL002).
        """
        with collector_paused():
            return _lint(document, self.settings, self.rules, self.registry)


def _lint(
    document: Document,
    settings: Settings | None,
    rules: Sequence[Rule] | None,
    registry: RuleRegistry,
) -> FileReport:
    """Lint one parsed document with ``settings`` (defaults when ``None``); see :class:`Engine`."""
    settings = settings or default_settings()
    builtin = registry.rules
    pool = builtin if rules is None else rules
    chosen = [r for r in pool if settings.enabled(r.code, document.path)]
    engine_rules = {r.code: r for r in chosen if r.engine}
    outline = build_outline(document)
    ctx = RuleContext.build(outline)
    directives = Directives.gather(document, outline)
    judging = "SPL001" in engine_rules  # then hits under ignore-file are still looked for
    placed: list[tuple[tuple[int, float, str], Finding]] = []
    pending: list[tuple[tuple[int, float, str], Rule, RuleHit]] = []  # to become findings
    groups: list[tuple[int, int, str] | None] = []  # sentence and family, to fold
    sources = lead_sources(outline.units)
    open_conditions = open_condition_lead_ins(outline.units, sources) if sources else {}
    memo: _SentenceMemo = {}
    for rule in chosen:
        if rule.engine or (not judging and directives.whole_file_covers(rule.code)):
            continue
        hits = rule_hits(rule, ctx)
        if open_conditions:
            hits = [h for h in hits if not _in_open_condition(h, open_conditions)]
        for hit in _repeats_lead_in(hits, sources) if sources else hits:
            unit = None if rule.absent_from_document or not outline.units else hit.unit
            if directives.silence(rule.code, unit):
                continue
            clause = outline.units[unit].number if unit is not None else None
            if settings.clause_ignored(rule.code, clause, document.path):
                continue
            order = (-1, 0, rule.code) if unit is None else (hit.unit, hit.start, rule.code)
            pending.append((order, rule, hit))
            if unit is None or not settings.group_related:
                groups.append(None)
            else:
                bounds = _sentence_bounds(outline.units[unit], hit.start) or (0, 0)
                groups.append((unit, bounds[0], rule.family))
    folded_in = _folded_in(pending, groups, settings) if settings.group_related else set()
    placed = [
        (order, _finding(rule, ctx, hit, settings, memo, whole=index not in folded_in))
        for index, (order, rule, hit) in enumerate(pending)
    ]
    if settings.group_related:
        placed = fold_related(placed, groups)
    if settings.group_repeats and len(placed) > 1:
        placed.sort(key=lambda item: item[0])
        sections = settings.group_repeats is True  # "tables": tables and lists only
        keys = _repeat_keys(outline, sources, placed, sections)
        placed = fold_repeats(placed, keys, [int(order[0]) for order, _ in placed])
    enabled = {r.code for r in chosen if not r.engine}
    known = {r.code for r in (*builtin, *pool)}
    for directive in directives.in_order:
        for code, detail in directives.housekeeping(directive, enabled, known, settings):
            spl = engine_rules.get(code)
            if spl is None or settings.clause_ignored(code, directive.clause, document.path):
                continue
            placed.append(
                (directive.order(code), _directive_finding(spl, directive, detail, settings))
            )
    # Document order: Word tables have no paragraph number, so positions cannot sort them.
    placed.sort(key=lambda item: item[0])
    findings = [finding for _, finding in placed]
    # Values of the fields' own types (findings are made unvalidated too): built so.
    return unvalidated(
        FileReport,
        {
            "path": document.path,
            "format": document.format,
            "findings": tuple(findings),
            "fail_on": settings.fail_on,
        },
    )


#: What a finding is to the table or list it sits in: one of its rows or items, or the
#: finding of the whole (the sentence introducing the table or list, the clause above
#: lettered sub-clauses). See :func:`speclint.engine.grouping.fold_repeats`.
_MEMBER, _HEAD = "member", "head"
#: A clause number's last part when it is a letter or a roman numeral: "1(b)", "4.2 (iv)".
_LETTERED = re.compile(r"\s*\((?:[a-z]{1,2}|[ivxl]+)\)$", re.IGNORECASE)


def _repeat_keys(
    outline: Outline,
    sources: dict[int, tuple[int, int, int]],
    placed: Sequence[tuple[tuple[int, float, str], Finding]],
    by_section: bool = True,
) -> list[tuple[str, frozenset[tuple[Hashable, str]]]]:
    """The family of each finding of ``placed`` and the tables, lists and sections it sits in.

    ``placed`` is in document order; findings of one family that share a table or a
    list are folded into one (:func:`speclint.engine.grouping.fold_repeats`).

    - A table: the rows of one table (:attr:`Location.table` of the block a finding
      starts in).
    - A list: the items read with one lead-in (:attr:`Unit.lead_source`), and a finding
      in that lead-in itself; likewise a clause and its lettered sub-clauses ("1",
      "1(b)", "1(c)": a list written with letters, often a table flattened to text).
      Numbered sub-clauses ("8.05", "8.06") are clauses of their own, not a list.
    - A section (``by_section``): the paragraphs under one heading, no other heading
      between (:func:`_sections`); its findings of one code fold only when they are at
      most ``NEAR`` units apart and their trigger
      words share a key word or figure (:func:`speclint.engine.grouping.key_words`).

    Only a family's first finding on each row, item or clause stands for it (in a
    section too, a table's row counting as one place): a second
    is another sentence of the same row or clause (a table that lays out a whole
    section holds distinct requirements in one cell), and stays a finding of its own.
    Findings about the whole document or about a directive sit in none.
    """
    blocks = outline.document.blocks
    units = outline.units
    owned: dict[int, set[tuple[Hashable, str]]] = {}
    clauses: dict[str, int] = {}  # the clause group of the last clause of each number
    for index, clause in enumerate(units):
        keys: set[tuple[Hashable, str]] = set()
        source = sources.get(index)
        if source is not None:
            keys.add((("list", source), _MEMBER))
        number = clause.number
        if number:
            lettered = _LETTERED.search(number)
            if lettered is None:
                clauses[number] = clause.group
                keys.add((("clause", clause.group), _HEAD))
            else:
                parent = number[: lettered.start()].strip()
                if parent in clauses:
                    keys.add((("clause", clauses[parent]), _MEMBER))
                elif any(c.isdigit() for c in parent):
                    keys.add((("clause", parent, clause.heading_path), _MEMBER))
        owned[index] = keys
    lead_ins: dict[int, list[tuple[int, int, int]]] = {}
    for source in set(sources.values()):
        lead_ins.setdefault(source[0], []).append(source)
    sections = _sections(outline) if by_section else [None] * len(units)
    captions = _captions(outline)
    taken: set[tuple[str, Hashable, Hashable]] = set()  # (family, container, row or clause)
    out: list[tuple[str, frozenset[tuple[Hashable, str]]]] = []
    for order, finding in placed:
        unit, start = int(order[0]), int(order[1])
        family = finding.family
        if unit < 0 or finding.span is None:
            out.append((family, frozenset()))
            continue
        held: list[tuple[tuple[Hashable, str], Hashable]]
        held = [(key, units[unit].group) for key in owned.get(unit, ())]
        held += [
            ((("list", source), _HEAD), units[unit].group)
            for source in lead_ins.get(unit, ())
            if source[1] <= start < source[2]
        ]
        block = finding.span.block
        table = blocks[block].location.table if 0 <= block < len(blocks) else None
        if table is not None:
            held.append(((("table", table.index), _MEMBER), table.row))
        section = sections[unit]
        if section is not None:  # one finding of a family stands for a row, or a clause
            row = (table.index, table.row) if table is not None else units[unit].group
            held.append(((("section", section), PARAGRAPH), row))
        caption = captions.get(unit)
        if caption is not None and start >= caption[1]:
            held.append(((("table", caption[0]), _HEAD), 0))  # the sentence introducing it
        keys = set()
        for key, place in held:
            if (family, key, place) not in taken:
                taken.add((family, key, place))
                keys.add(key)
        out.append((family, frozenset(keys)))
    return out


def _sections(outline: Outline) -> list[int | None]:
    """The section of each unit: runs of units under one heading, no other heading between.

    A new section starts at a heading (of the format, or a numbered clause's title), where
    the headings above a unit change, and at a paragraph that is only a short title
    ("Rationale", "Process"). A title itself sits in none.
    """
    blocks = outline.document.blocks
    out: list[int | None] = []
    run = 0
    path: tuple[str, ...] | None = None
    last = -1
    for unit in outline.units:
        first = unit.segments[0].block if unit.segments else last + 1
        titled = bool(unit.heading) and not unit.text.strip()
        if not titled and unit.kind == "paragraph" and "\n" not in unit.text.strip():
            table = blocks[first].location.table if 0 <= first < len(blocks) else None
            titled = table is None and looks_like_title(unit.text)
        if (
            titled
            or unit.heading_path != path
            or any(block.kind == "heading" for block in blocks[last + 1 : first])
        ):
            run += 1
        path = unit.heading_path
        last = unit.segments[-1].block if unit.segments else last
        out.append(None if titled else run)
    return out


#: The last sentence of a paragraph that introduces the table after it: "... against the
#: indicators in the table below.", "... as follows:".
_CAPTION = re.compile(
    r"(?:[:\u2013\u2014-]\s*$|\b(?:(?:the )?table (?:below|that follows)|(?:the )?following "
    r"table|as follows|set out below|listed below|shown below)\b)",
    re.IGNORECASE,
)


def _captions(outline: Outline) -> dict[int, tuple[int, int]]:
    """The paragraphs that introduce a table: unit -> (its table, its last sentence's start).

    The paragraph right before a table's first row, no heading between, whose last
    sentence points at it ("... in the table below.") or ends on a colon: a finding in
    that sentence is the table's own finding, and folds with its rows.
    """
    blocks = outline.document.blocks
    units = outline.units
    out: dict[int, tuple[int, int]] = {}
    for index in range(1, len(units)):
        unit, before = units[index], units[index - 1]
        first = unit.segments[0].block if unit.segments else -1
        table = blocks[first].location.table if 0 <= first < len(blocks) else None
        if table is None or not before.sentences or not before.segments:
            continue
        if blocks[before.segments[-1].block].kind != "paragraph" or any(
            blocks[s.block].location.table is not None for s in before.segments
        ):
            continue
        between = blocks[before.segments[-1].block + 1 : first]
        if any(block.kind == "heading" for block in between):
            continue  # a heading between: the table is not the paragraph's
        last = before.sentences[-1]
        if _CAPTION.search(before.text[last.start : last.end].rstrip()):
            out[index - 1] = (table.index, last.start)
    return out


def _directive_finding(
    rule: Rule, directive: Directive, detail: str, settings: Settings
) -> Finding:
    """A finding about a directive itself, placed at the directive."""
    excerpt, _ = _shorten(directive.text, ())
    words = _fingerprint_words(directive.text)
    return _make_finding(
        rule, settings, detail, directive.clause, directive.location, excerpt, words=words
    )


def _folded_in(
    pending: Sequence[tuple[tuple[int, float, str], Rule, RuleHit]],
    groups: Sequence[tuple[int, int, str] | None],
    settings: Settings,
) -> set[int]:
    """The hits of ``pending`` whose findings :func:`fold_related` will fold into another.

    It keeps one finding of each group of ``groups`` (a sentence and family), chosen by
    severity and code alone (:func:`speclint.engine.grouping.related_groups`), known
    before any finding is built; of the others it reads only the code, severity,
    excerpt and highlights.
    """

    def rank(index: int) -> tuple[int, str]:
        rule = pending[index][1]
        return (-settings.severity_for(rule.code, rule.severity).rank, rule.code)

    return {i for lead, members in related_groups(groups, rank) for i in members if i != lead}


def _finding(
    rule: Rule,
    ctx: RuleContext,
    hit: RuleHit,
    settings: Settings,
    memo: _SentenceMemo | None = None,
    *,
    whole: bool = True,
) -> Finding:
    """The finding for one hit of a rule: located, quoted and worded.

    ``memo`` keeps what the findings of one sentence share (see :func:`_sentence`).
    ``whole=False`` is for a finding to be folded into another of its sentence
    (:func:`_folded_in`): it has the code, severity, excerpt and highlights that folding
    reads, and is neither located, worded nor fingerprinted.
    """
    outline = ctx.outline
    if rule.absent_from_document or not outline.units:
        return _make_finding(rule, settings, hit.evidence, None, _title_location(outline))
    unit = outline.units[hit.unit]
    sentence, highlights, words = _sentence(ctx, hit, memo)
    if not whole:
        return _folded_finding(rule, settings, sentence, highlights)
    return _make_finding(
        rule,
        settings,
        hit.evidence,
        unit.number,
        outline.locate(unit, hit.start, hit.end),
        sentence,
        highlights,
        _span(unit, hit),
        words,
    )


def _title_location(outline: Outline) -> Location:
    """Where a finding about the whole document is placed: at its title.

    The title is the document's first heading (its line, page or paragraph, with the
    title as the section); in a document without a heading, the finding is placed where
    the text begins. The finding still has no clause: it is about the document, and only
    ``ignore-file`` silences it.
    """
    path = outline.document.path
    title = outline.title()
    first = title or next((b for b in outline.document.blocks if b.text.strip()), None)
    if first is None:
        return Location(path=path)
    where = first.location
    return Location(
        path=path,
        line=where.line,
        page=where.page,
        paragraph=where.paragraph,
        section=(title.text.strip(),) if title is not None else None,
    )


def _span(unit: Clause, hit: RuleHit) -> Span | None:
    """The block the hit starts in, and its sentence and trigger as ranges of that block.

    Offsets in the unit's text are carried to the block through the unit's segments; a
    sentence reaching into other blocks is cut to the part in this one.
    """
    segments = unit.segments
    if not segments:
        return None
    at = max(0, bisect_right([s.start for s in segments], hit.start) - 1) if segments[1:] else 0
    if hit.start >= segments[at].end and at + 1 < len(segments):
        at += 1  # text no block holds (a table header's key): the cell that follows it
    seg = segments[at]
    start = min(max(hit.start, seg.start), seg.end)
    first, last = _sentence_bounds(unit, hit.start) or (start, start)
    starts: list[int] = []
    ends: list[int] = []
    for piece in segments:
        if piece.block == seg.block and piece.start < last and first < piece.end:
            shift = piece.block_start - piece.start
            starts.append(max(first, piece.start) + shift)
            ends.append(min(last, piece.end) + shift)
    shift = seg.block_start - seg.start
    end = max(min(hit.end, seg.end), start)
    if not starts:
        starts, ends = [start + shift], [end + shift]
    # Every value is an int the engine worked out: built without validation.
    return unvalidated(
        Span,
        {
            "block": seg.block,
            "sentence": unvalidated(TextRange, {"start": min(starts), "end": max(ends)}),
            "trigger": unvalidated(TextRange, {"start": start + shift, "end": end + shift}),
        },
    )


def _folded_finding(
    rule: Rule, settings: Settings, excerpt: str, highlights: tuple[tuple[int, int], ...]
) -> Finding:
    """A finding that :func:`fold_related` folds into another: what folding reads of it.

    Its code, severity, excerpt and highlights are those :func:`_make_finding` gives;
    its message, advice and fingerprint are left empty and its location is the
    document's, since the finding is dropped once its codes and highlights are carried.
    """
    return _built_finding(
        rule,
        settings,
        message="",
        location=_NOWHERE,
        excerpt=excerpt,
        suggestion="",
        fingerprint_="",
        highlights=highlights,
        span=None,
    )


def _built_finding(
    rule: Rule,
    settings: Settings,
    *,
    message: str,
    location: Location,
    excerpt: str,
    suggestion: str,
    fingerprint_: str,
    highlights: tuple[tuple[int, int], ...],
    span: Span | None,
) -> Finding:
    """A finding of ``rule`` built from values already of their fields' types.

    The rule and settings were validated when loaded, so the finding is not validated
    again.
    """
    return unvalidated(
        Finding,
        {
            "code": rule.code,
            "name": rule.name,
            "family": rule.family,
            "principle": rule.principle,
            "severity": settings.severity_for(rule.code, rule.severity),
            "message": message,
            "location": location,
            "excerpt": excerpt,
            "suggestion": suggestion,
            "fingerprint": fingerprint_,
            "highlights": highlights,
            "span": span,
            "related": (),
            "folded": (),
            "own_related": None,
        },
    )


#: The location of a finding that is folded away before it is reported: none known.
_NOWHERE = unvalidated(Location, dict.fromkeys(Location.model_fields))


def _make_finding(
    rule: Rule,
    settings: Settings,
    evidence: str,
    clause: str | None,
    location: Location,
    excerpt: str = "",
    highlights: tuple[tuple[int, int], ...] = (),
    span: Span | None = None,
    words: str | None = None,
) -> Finding:
    """Fill in a rule's message and advice, with ``excerpt`` (already shortened) quoted.

    ``words``: the words of the sentence the finding starts in, for its fingerprint
    (:func:`_fingerprint_words`); without them the fingerprint is made from ``excerpt``.
    """
    values = {"match": evidence, "evidence": evidence, "clause": clause or "(unnumbered)"}
    return _built_finding(
        rule,
        settings,
        message=rule.message.format(**values),
        location=location,
        excerpt=excerpt,
        suggestion=rule.suggestion.format(**values),
        fingerprint_=(
            fingerprint(rule.code, excerpt) if words is None else _fingerprint_of(rule.code, words)
        ),
        highlights=highlights,
        span=span,
    )

"""The engine: run the selected rules over a document and report findings.

``lint_document`` is the whole pipeline for one parsed document: build the clause
outline, evaluate each rule (query or Python check) on the clauses its words can
match (each clause is analysed once, on first use), drop findings cancelled
document-wide, by an inline suppression or by ``per-clause-ignores``, and apply the
configured severities.

Inline suppressions are judged as ruff judges ``noqa`` comments (RUF100): each finding
a directive silences is credited to the first code that covers it (``ignore-file``
directives first, then the clause's own in document order), and the engine's own
rules (``engine = true`` in the SPL pack) report a directive, or a code in it, that
silenced nothing (SPL001) and a directive without a reason (SPL002), at the directive.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from speclint.config import Settings
from speclint.engine.context import Hit, RuleContext
from speclint.engine.suppression import Suppression, parse_directive
from speclint.models import Block, Document, FileReport, Finding, Location
from speclint.query.ast import Query
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules import Rule, all_rules
from speclint.rules.schema import ENGINE_CODES
from speclint.structure.build import Outline, build_outline

__all__ = ["Hit", "RuleContext", "fingerprint", "lint_document", "rule_hits"]

CheckFunction = Callable[[RuleContext], Iterator[Hit]]
_EXCERPT = 200


def _check(rule: Rule) -> CheckFunction:
    assert rule.check is not None
    module, _, name = rule.check.partition(":")
    func: CheckFunction = getattr(importlib.import_module(module), name)
    return func


def _holds_anywhere(query: Query, ctx: RuleContext, include: frozenset[str], negated: bool) -> bool:
    """True when ``query`` holds somewhere in the document as a whole."""
    units = sorted(ctx.candidates.anywhere(query))
    skip = ctx.document_skips(include, units)
    return Evaluator(ctx.document(units), not negated, skip).run(query) is not None


def rule_hits(rule: Rule, ctx: RuleContext) -> list[Hit]:
    """Every place ``rule`` fires in the document, before suppressions.

    An engine rule (``engine = true``) has none here: the engine raises it while it
    applies the document's directives.
    """
    include = frozenset(rule.include)
    if rule.engine:
        return []
    if rule.check is not None:
        return list(_check(rule)(ctx))
    assert rule.query is not None
    query = parse_query(rule.query)
    if rule.absent_from_document:
        if not ctx.outline.units or _holds_anywhere(query, ctx, include, rule.include_negated):
            return []
        return [Hit(unit=0, start=0, end=0, evidence="")]
    hits: list[Hit] = []
    for unit in ctx.could_match(query):
        analysis = ctx.analyses[unit]
        skip = ctx.skipped_sentences(unit, include)
        if len(skip) == len(analysis.flags):
            continue
        found = Evaluator(analysis, not rule.include_negated, skip).run(query)
        if found:
            found = _in_cells(ctx, unit, found)
            first, last = _anchor(ctx, unit, found)
            tokens = analysis.tokens
            hits.append(Hit(unit, tokens[first].start, tokens[last].end, _quote(ctx, unit, found)))
    if (
        hits
        and rule.unless_anywhere
        and _holds_anywhere(parse_query(rule.unless_anywhere), ctx, include, False)
    ):
        return []
    return hits


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
    starts = [s.start for s in ctx.outline.units[unit].segments]
    groups: dict[tuple[int, int], int] = {}
    keys = []
    for first, _ in found:
        key = (tokens[first].sentence, bisect_right(starts, tokens[first].start))
        keys.append(key)
        groups[key] = groups.get(key, 0) + 1
    best = max(groups, key=lambda k: (groups[k], -k[0], -k[1]))
    return found[keys.index(best)]


_FUNCTION_WORDS = frozenset("a an the of to in on at by for and or as is are be".split())


def _quote(ctx: RuleContext, unit: int, found: list[tuple[int, int]]) -> str:
    """The trigger words, quoted: nearby hits merged into one phrase, function words dropped."""
    text = ctx.outline.units[unit].text
    tokens = ctx.analyses[unit].tokens
    spans: list[list[int]] = []
    for first, last in sorted(found):
        if (
            spans
            and tokens[first].sentence == tokens[spans[-1][1]].sentence
            and first - spans[-1][1] <= 2
            and tokens[last].end - tokens[spans[-1][0]].start <= 48
            and not any(t.kind == "punct" for t in tokens[spans[-1][1] : first])
        ):
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([first, last])
    seen: list[str] = []
    for first, last in spans:
        while first < last and tokens[first].norm in _FUNCTION_WORDS:
            first += 1
        while last > first and tokens[last].norm in _FUNCTION_WORDS:
            last -= 1
        piece = " ".join(text[tokens[first].start : tokens[last].end].split())
        if piece.lower() in _FUNCTION_WORDS:
            continue
        seen.append(piece)
    # Keep each piece once, and drop one that another piece already contains.
    lowered = [p.lower() for p in seen]
    kept = [
        p
        for i, p in enumerate(seen)
        if lowered.index(lowered[i]) == i
        and not any(lowered[i] in other and lowered[i] != other for other in lowered)
    ]
    return "', '".join(kept[:4])


def _sentence(ctx: RuleContext, hit: Hit) -> tuple[str, tuple[int, int] | None]:
    """The sentence the hit starts in, whitespace collapsed, and the hit's span within it."""
    unit = ctx.outline.units[hit.unit]
    start, end = 0, len(unit.text)
    for sentence in unit.sentences:
        if sentence.start <= hit.start < sentence.end:
            start, end = sentence.start, sentence.end
            break
    raw = unit.text[start:end]
    text = " ".join(raw.split())
    if hit.end <= hit.start:
        return text, None
    first = len(" ".join(raw[: hit.start - start].split()))
    if first and raw[hit.start - start - 1].isspace() and raw[: hit.start - start].strip():
        first += 1
    piece = " ".join(unit.text[hit.start : min(hit.end, end)].split())
    return text, (first, first + len(piece)) if text[first : first + len(piece)] == piece else None


def fingerprint(code: str, sentence: str) -> str:
    """A finding's identity: its code and the sentence's words, not where they sit.

    Case, punctuation, quote styles and spacing are ignored, so re-typesetting a
    clause keeps the identity; changing a word makes a new one.
    """
    words = " ".join(_WORD.findall(sentence.casefold()))
    return hashlib.sha256(f"{code}\0{words}".encode()).hexdigest()[:20]


_WORD = re.compile(r"[^\W_]+|[£$€%]")


def lint_document(
    document: Document, settings: Settings | None = None, rules: list[Rule] | None = None
) -> FileReport:
    """Lint one parsed document with ``settings`` (defaults when ``None``).

    Findings silenced by an ``ignore-file`` directive, by a directive on their clause
    or by ``per-clause-ignores`` are dropped; then the engine's own rules report the
    directives that silenced nothing (SPL001) or give no reason (SPL002).
    """
    settings = settings or Settings()
    pool = rules or all_rules()
    chosen = [r for r in pool if settings.enabled(r.code, document.path)]
    engine_rules = {r.code: r for r in chosen if r.engine}
    outline = build_outline(document)
    ctx = RuleContext.build(outline)
    directives = _Directives.gather(document, outline)
    judging = "SPL001" in engine_rules  # then hits under ignore-file are still looked for
    placed: list[tuple[tuple[int, float, str], Finding]] = []
    for rule in chosen:
        if rule.engine or (not judging and directives.whole_file_covers(rule.code)):
            continue
        for hit in rule_hits(rule, ctx):
            unit = None if rule.absent_from_document or not outline.units else hit.unit
            if directives.silence(rule.code, unit):
                continue
            clause = outline.units[unit].number if unit is not None else None
            if settings.clause_ignored(rule.code, clause, document.path):
                continue
            order = (-1, 0, rule.code) if unit is None else (hit.unit, hit.start, rule.code)
            placed.append((order, _finding(rule, ctx, hit, settings)))
    enabled = {r.code for r in chosen if not r.engine}
    known = {r.code for r in (*all_rules(), *pool)}
    for directive in directives.all:
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
    return FileReport(
        path=document.path,
        format=document.format,
        findings=tuple(findings),
        fail_on=settings.fail_on,
    )


@dataclass
class _Directive:
    """One ``speclint:`` directive in the document and what it has silenced so far."""

    suppression: Suppression
    text: str
    location: Location
    clause: str | None  # the clause it is attached to (None for ignore-file)
    position: tuple[int, float]  # where it sorts among findings
    used: set[int] = field(default_factory=set)  # indexes of codes that silenced a finding

    def order(self, code: str) -> tuple[int, float, str]:
        """Sort key among findings: just before the text it is attached to."""
        return (*self.position, code)


@dataclass
class _Directives:
    """Every directive of a document, by scope, with the credit each code earns."""

    all: list[_Directive]
    whole_file: list[_Directive]
    by_unit: dict[int, list[_Directive]]

    @classmethod
    def gather(cls, document: Document, outline: Outline) -> _Directives:
        """Parse each block's directives once.

        A Word comment anchored on several paragraphs is one directive: the copies
        attached to each paragraph share its text and its (first) anchor.
        """
        unit_of: dict[int, tuple[int, int]] = {}  # block -> (unit, offset in unit text)
        for u, unit in enumerate(outline.units):
            for seg in unit.segments:
                unit_of.setdefault(seg.block, (u, seg.start))
        found: dict[object, _Directive] = {}
        by_unit: dict[int, list[_Directive]] = {}
        next_unit = len(outline.units)
        places: list[tuple[int, float]] = [(0, 0.0)] * len(document.blocks)
        for b in range(len(document.blocks) - 1, -1, -1):  # a block outside every unit
            if b in unit_of:  # sorts before the next unit
                next_unit = unit_of[b][0]
                places[b] = (next_unit, unit_of[b][1] - 0.5)
            else:
                places[b] = (next_unit, -1.0)
        for b, block in enumerate(document.blocks):
            located = len(block.comment_locations) == len(block.comments)
            for i, text in enumerate(block.comments):
                suppression = parse_directive(text)
                if suppression is None:
                    continue
                where = block.comment_locations[i] if located else None
                key: object = (text, where) if where is not None else (text, b, i)
                directive = found.get(key)
                if directive is None:
                    owner = outline.units[unit_of[b][0]] if b in unit_of else None
                    clause = owner.number if owner is not None else None
                    section = owner.heading_path if owner is not None else ()
                    base = where or block.location
                    location = base.model_copy(
                        update={
                            "path": document.path,
                            "clause": None if suppression.whole_file else clause,
                            "section": section or None,
                        }
                    )
                    directive = _Directive(
                        suppression,
                        " ".join(text.split()),
                        location,
                        None if suppression.whole_file else clause,
                        _after(block, where, places[b], unit_of.get(b)),
                    )
                    found[key] = directive
                if suppression.whole_file:
                    continue
                if b in unit_of:
                    listed = by_unit.setdefault(unit_of[b][0], [])
                    if directive not in listed:
                        listed.append(directive)
        every = list(found.values())
        return cls(every, [d for d in every if d.suppression.whole_file], by_unit)

    def whole_file_covers(self, code: str) -> bool:
        """True when an ``ignore-file`` directive covers ``code``."""
        return any(d.suppression.covers(code) for d in self.whole_file)

    def silence(self, code: str, unit: int | None) -> bool:
        """True when a directive silences ``code`` in ``unit``; credit the first that does.

        ``ignore-file`` directives come first, then the clause's own directives in
        document order; a finding with no clause (``unit`` ``None``) is silenced only
        by ``ignore-file``.
        """
        candidates = self.whole_file + (self.by_unit.get(unit, []) if unit is not None else [])
        for directive in candidates:
            entry = directive.suppression.entry_for(code)
            if entry is not None:
                directive.used.add(entry)
                return True
        return False

    def housekeeping(
        self, directive: _Directive, enabled: set[str], known: set[str], settings: Settings
    ) -> Iterator[tuple[str, str]]:
        """The SPL findings ``directive`` earns: (code, detail for the message).

        A code is judged only when some rule it names ran here: a code whose rules
        were all deselected (or are ignored in this clause by configuration) may well
        be needed in another run, so it is not called unused.
        """
        problems: list[str] = []
        codes = directive.suppression.codes
        for index, entry in enumerate(codes):
            named = [c for c in known if entry == "ALL" or c.startswith(entry)]
            if not named:
                problems.append(f"'{entry}' names no rule")
            elif entry in codes[:index]:
                problems.append(f"'{entry}' is named twice")
            elif all(c in ENGINE_CODES for c in named):
                problems.append(f"'{entry}' is silenced only by configuration")
            elif index not in directive.used and any(
                c in enabled
                and c not in ENGINE_CODES
                and not settings.clause_ignored(c, directive.clause, directive.location.path)
                for c in named
            ):
                problems.append(f"'{entry}' silenced nothing")
        if problems:
            yield "SPL001", "; ".join(problems)
        if not directive.suppression.reason:
            yield "SPL002", ", ".join(codes)


def _after(
    block: Block,
    where: Location | None,
    place: tuple[int, float],
    owner: tuple[int, int] | None,
) -> tuple[int, float]:
    """Where a directive sorts: before its block, or after it when it sits below it.

    Directives left after the last block (an ``ignore-file`` at the end of a file) are
    attached to that block, but their findings still come after its text.
    """
    last = block.anchors[-1].line if block.anchors else block.location.line
    if where is None or where.line is None or last is None or where.line <= last:
        return place
    if owner is None:
        return (place[0], -0.5)
    unit, start = owner
    return (unit, start + len(block.text) + 0.5)


def _directive_finding(
    rule: Rule, directive: _Directive, detail: str, settings: Settings
) -> Finding:
    """A finding about a directive itself, placed at the directive."""
    values = {"match": detail, "evidence": detail, "clause": directive.clause or "(unnumbered)"}
    return Finding(
        code=rule.code,
        name=rule.name,
        family=rule.family,
        principle=rule.principle,
        severity=settings.severity_for(rule.code, rule.severity),
        message=rule.message.format(**values),
        location=directive.location,
        excerpt=directive.text,
        suggestion=rule.suggestion.format(**values),
        fingerprint=fingerprint(rule.code, directive.text),
    )


def _finding(rule: Rule, ctx: RuleContext, hit: Hit, settings: Settings) -> Finding:
    outline = ctx.outline
    if rule.absent_from_document or not outline.units:
        location = Location(path=outline.document.path)
        sentence = excerpt = ""
        highlight = None
        clause = None
    else:
        unit = outline.units[hit.unit]
        location = outline.locate(unit, hit.start, hit.end)
        sentence, highlight = _sentence(ctx, hit)
        excerpt = sentence if len(sentence) <= _EXCERPT else sentence[: _EXCERPT - 1].rstrip() + "…"
        if highlight is not None and highlight[1] > len(excerpt) - 1 and excerpt != sentence:
            highlight = None
        clause = unit.number
    values = {
        "match": hit.evidence,
        "evidence": hit.evidence,
        "clause": clause or "(unnumbered)",
    }
    return Finding(
        code=rule.code,
        name=rule.name,
        family=rule.family,
        principle=rule.principle,
        severity=settings.severity_for(rule.code, rule.severity),
        message=rule.message.format(**values),
        location=location,
        excerpt=excerpt,
        suggestion=rule.suggestion.format(**values),
        fingerprint=fingerprint(rule.code, sentence),
        highlight=highlight,
    )

"""A query that holds in a unit whose context frames it: its heading, lead-in or table column.

Some wording is harmless on its own and a finding only under a frame: "a fall in
outpatient follow-ups" is a plain aim in a list of changes, but an activity count
presented as a result when it is a bullet under an "Expected outcomes" heading, a row
of a metrics table or an item after "The intended benefits are:". This check runs
``query`` on each unit's own text and keeps the hits whose unit is framed: ``frame``
holds in its own or nearest heading, in the sentence that leads into its list, or in
the column headers of its table row. ``unless`` (on the unit's own text) cancels a
hit, for counts reported for planning, say.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field, field_validator

from speclint.errors import QuerySyntaxError
from speclint.models import Clause
from speclint.query.analysis import analyse
from speclint.query.ast import Query
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.query.prefilter import Candidates
from speclint.rules.checks._common import CheckOptions
from speclint.rules.context import RuleContext, RuleHit
from speclint.structure import text_unit

#: The defaults are OUT006's: an activity count listed as an outcome, metric or benefit.
_QUERY = (
    "@ACTIVITY_CHANGE OR @ACTIVITY_RATE"
    ' OR (("number of" OR "count of" OR volume OR volumes OR total) w/3 @SERVICE_ACTIVITY)'
)
_UNLESS = (
    'planning OR "for information" OR "information only" OR "not a measure" OR "not targets"'
    ' OR "not a target" OR @OUT_RESULT OR NEG(@OUT_RESULT) OR @NOT_APPLICABLE'
    " OR @MEASURE_FRAME"  # a unit that frames its own count is OUT001's
)


class Options(CheckOptions):
    """``[rules.options]`` of a rule that needs its context to say what its words mean."""

    query: str = Field(default=_QUERY, min_length=1, description="what the unit's own text says")
    frame: str = Field(
        default="@RESULTS_FRAME",
        min_length=1,
        description="what its heading, lead-in or columns say",
    )
    unless: str | None = Field(default=_UNLESS, description="own wording that cancels the hit")

    @field_validator("query", "frame", "unless")
    @classmethod
    def _parses(cls, query: str | None) -> str | None:
        if query is not None:
            try:
                parse_query(query)
            except QuerySyntaxError as exc:
                raise ValueError(str(exc)) from None
        return query


@lru_cache(maxsize=512)
def _holds(query: str, text: str) -> bool:
    """True when ``query`` holds anywhere in ``text`` (a heading, lead-in or header row).

    The pre-filter answers first: a text lacking some word the query needs (nearly
    every unit's context, for these queries) is neither split, classified nor analysed.
    It is exact (a text it turns away is one :func:`_evaluated` finds nothing in), as it
    is for a document's units; ``tests/rules/test_framed_prefilter.py`` holds the two equal.
    """
    parsed = parse_query(query)
    if not Candidates([text]).of(parsed):
        return False
    return _evaluated(parsed, text)


def _evaluated(query: Query, text: str) -> bool:
    """True when ``query`` holds in ``text``, found by analysing it (no pre-filter)."""
    return Evaluator(analyse(text_unit(text))).run(query) is not None


def frame_text(clause: Clause) -> list[str]:
    """What a unit is read under: its own or nearest heading, lead-in and column headers."""
    found = [clause.heading] if clause.heading else []
    if clause.heading_path:
        found.append(clause.heading_path[-1])
    if clause.lead_in:
        found.append(clause.text[: clause.lead_in])
    if clause.table_header:
        found.append(" | ".join(clause.table_header))
    return [text for text in found if text.strip()]


def holds_in_context(query: str, clause: Clause) -> bool:
    """True when ``query`` holds over a unit's context and its own text read together.

    The context is its heading, lead-in and column headers (:func:`frame_text`); a unit
    with none is never cancelled this way ("Metric: Number of referrals" under a heading
    *Process measures* is, under *Outcome measures* it is not).
    """
    context = frame_text(clause)
    if not context:
        return False
    return _holds(query, "\n".join([*context, clause.text]))


def _own_hits(
    ctx: RuleContext, unit: int, query: Query, skip: frozenset[int]
) -> list[tuple[int, int]]:
    """The query's hits in the unit's own words (after any borrowed lead-in)."""
    analysis = ctx.analyses[unit]
    found = Evaluator(analysis, True, skip).run(query) or []
    lead_in = ctx.outline.units[unit].lead_in
    return [h for h in found if analysis.tokens[h[0]].start >= lead_in]


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Yield a hit for each unit whose own text holds ``query`` under a ``frame``."""
    query = parse_query(options.query)
    unless = parse_query(options.unless) if options.unless else None
    units = ctx.outline.units
    for unit in ctx.could_match(query):
        clause = units[unit]
        context = frame_text(clause)
        if not context or not any(_holds(options.frame, text) for text in context):
            continue
        skip = ctx.skipped_sentences(unit)
        found = _own_hits(ctx, unit, query, skip)
        if not found:
            continue
        if unless is not None and Evaluator(ctx.analyses[unit], True, skip).run(unless):
            continue
        tokens = ctx.analyses[unit].tokens
        first, last = found[0]
        words = clause.text[tokens[first].start : tokens[last].end]
        yield RuleHit(unit, tokens[first].start, tokens[last].end, " ".join(words.split()))

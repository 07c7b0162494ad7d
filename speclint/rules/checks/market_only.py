"""VOI006: a page that heard only the market about a service.

A page reports engagement with the market (market engagement or sounding events, soft
market testing, supplier briefings) and nowhere says that people who use the service,
carers, families or front-line staff were engaged. A query could find the first half;
this check adds what a query cannot say: that the text is a page, not a lone sentence.
One sentence telling of a market engagement day says nothing of who else was heard
elsewhere in the document it came from, so a text under ``min_sentences`` sentences is
not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules.checks._common import CheckOptions, worded_sentences
from speclint.rules.context import NON_OPERATIVE, RuleContext, RuleHit

#: Engagement with the market reported as done (not an event still to come).
_MARKET = """
(@RULESSS_MARKET_TALK
  /s (held OR ran OR "carried out" OR undertook OR undertaken OR issued OR conducted OR attended
    OR "took part" OR informed OR shaped OR shape OR "fed into" OR reflects OR reflected
    OR "told us" OR feedback OR views OR responses OR comments OR tested OR completed OR gathered
    OR developed OR designed OR consulted OR "based on" OR "drew on" OR "draws on" OR "rests on"
    OR "built on" OR "written using" OR "results of" OR said OR following))
/s NOT (will OR "is to" OR "are to" OR shall OR "to be held" OR planned OR register* OR upcoming
  OR forthcoming OR NEG(@RULESSS_MARKET_TALK))
"""
#: People engaged about the service, in a sentence that is not a duty still to be done ("the
#: Provider will survey carers") nor staff merely "involved in delivering" it.
_PEOPLE = """
@RULESSS_PEOPLE_ENGAGED
/s NOT (shall OR must OR "is to" OR "are to" OR ((Provider OR Providers) pre/2 will)
  OR ((involved OR involvement) pre/2 (in OR with)
    pre/2 (delivering OR providing OR running OR "the delivery" OR "delivery of" OR "direct care")))
"""

#: Engagement still under way or to come: a page part way through its engagement (a
#: notice whose job is to engage the market, with more engagement to follow) is not judged.
_ONGOING = "@RVV_ENGAGEMENT_ONGOING"


class Options(CheckOptions):
    """``[rules.options]`` of VOI006."""

    query: str = Field(
        default=_MARKET, description="query for a sentence reporting engagement with the market"
    )
    people: str = Field(
        default=_PEOPLE,
        description="query for people who use the service, carers or staff being engaged; "
        "where it holds anywhere, the page is not judged",
    )
    ongoing: str = Field(
        default=_ONGOING,
        description="query for engagement still under way or to come; where it holds anywhere, "
        "the page is not judged",
    )
    min_sentences: int = Field(
        default=4, ge=1, description="judge only texts of at least this many sentences"
    )

    @field_validator("query", "people", "ongoing")
    @classmethod
    def _parses(cls, query: str) -> str:
        parse_query(query)  # a bad query or unknown concept fails the pack's load
        return query


def _merged(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` (sorted) with those that overlap or touch across spaces joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and (start < out[-1][1] or not text[out[-1][1] : start].strip(" ")):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """A hit on each clause that reports market-only engagement, on a page that hears nobody else.

    People engaged anywhere (any sentence but a definition or commentary) clear the page, and
    so does engagement still under way or to come.
    """
    if worded_sentences(ctx, options.min_sentences) < options.min_sentences:
        return
    for clears in (parse_query(options.people), parse_query(options.ongoing)):
        for unit in sorted(ctx.candidates.of(clears)):
            analysis = ctx.analyses[unit]
            skip = frozenset(analysis.sentences_flagged(frozenset({"definition", "meta"})))
            if Evaluator(analysis, True, skip).run(clears) is not None:
                return
    query = parse_query(options.query)
    for unit in sorted(ctx.candidates.of(query)):
        analysis = ctx.analyses[unit]
        # A quiet section (a Background, say) is where such engagement is reported: its
        # sentences are read, though a report, history or quotation in it is not.
        skip = ctx.skipped_sentences(unit)
        if ctx.quiet(unit):
            skip = frozenset(analysis.sentences_flagged(NON_OPERATIVE - ctx.reads))
        found = Evaluator(analysis, True, skip).run(query)
        if not found:
            continue
        tokens = analysis.tokens
        first = min(start for start, _ in found)
        last = max(end for _, end in found)
        text = ctx.outline.units[unit].text
        spans = _merged(text, sorted({(tokens[a].start, tokens[b].end) for a, b in found}))
        quoted = "', '".join(text[a:b] for a, b in spans)
        yield RuleHit(unit, tokens[first].start, tokens[last].end, f"'{quoted}'", spans)

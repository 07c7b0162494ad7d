"""What every Python check shares: its options base and the sentences it should read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from pydantic import BaseModel, ConfigDict

from speclint.lazy_re import Alternation
from speclint.rules.context import RuleContext


class CheckOptions(BaseModel):
    """A check's options, as ``[rules.options]`` in its pack; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def units_holding(ctx: RuleContext, needles: Iterable[str]) -> list[int]:
    """Sorted units whose lower-cased text contains one of ``needles`` (a C-speed scan).

    A pattern matched case-insensitively can only match a unit that holds one of its
    literal pieces, so this is an exact pre-filter for it, and far cheaper than running
    the pattern over every unit.
    """
    return ctx.candidates.containing_any(needles)


def operative_sentences(
    ctx: RuleContext,
    prefilter: re.Pattern[str] | Alternation | None = None,
    needles: Iterable[str] | None = None,
) -> Iterator[tuple[int, int, int, str]]:
    """Yield ``(unit, start, end, text)`` for every sentence a rule should look at.

    Units whose text does not match ``prefilter`` are passed over without being
    analysed, so that a check stays cheap on long documents; ``needles``, the literal
    pieces (lower case) any match of ``prefilter`` must contain, narrow the units it is
    tried on.
    """
    units = ctx.outline.units
    chosen = range(len(units)) if needles is None else units_holding(ctx, needles)
    for unit in chosen:
        clause = units[unit]
        if prefilter is not None and not (
            prefilter.holds(clause.text)
            if isinstance(prefilter, Alternation)
            else prefilter.search(clause.text)
        ):
            continue
        skip = ctx.skipped_sentences(unit)
        ids = ctx.sentence_ids(unit)
        # A list item's borrowed lead-in is read where it is written, not once per item.
        own = clause.lead_in + 1 if clause.lead_in else 0
        for n, sentence in enumerate(clause.sentences):
            if n < len(ids) and ids[n] in skip:
                continue
            start = max(sentence.start, own)
            if start < sentence.end:
                yield unit, start, sentence.end, clause.text[start : sentence.end]


def table_rows(ctx: RuleContext, unit: int) -> list[int]:
    """The units of the table ``unit`` is a row of (consecutive rows with its header)."""
    units = ctx.outline.units
    header = units[unit].table_header
    if not header:
        return [unit]
    first = unit
    while first > 0 and units[first - 1].table_header == header:
        first -= 1
    last = unit
    while last + 1 < len(units) and units[last + 1].table_header == header:
        last += 1
    return list(range(first, last + 1))


#: A sentence with words in it: not a clause number ("2.") split off a line of text.
_WORDED = re.compile(r"[^\W\d_]{2,}")


def worded_sentences(ctx: RuleContext, enough: int | None = None) -> int:
    """How many sentences the document has, leaving out bare numbers and symbols.

    With ``enough``, counted no further than that: a check asking only whether a document
    has so many sentences need not read the rest of it.
    """
    worded = (
        1
        for unit in ctx.outline.units
        for sentence in unit.sentences
        if _WORDED.search(unit.text, sentence.start, sentence.end)
    )
    return sum(worded if enough is None else islice(worded, enough))

"""Rules a query cannot express: arithmetic across clauses.

Each check takes a :class:`~speclint.engine.context.RuleContext` and yields
:class:`~speclint.engine.context.Hit` objects; the engine turns them into findings
exactly as it does for query rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speclint.engine.context import Hit, RuleContext
from speclint.query.analysis import Analysis, Token

_PRICE = frozenset(
    """value price prices rate rates budget envelope acv aav funding grant fee fees tariff cost
    costs spend spending allocation contract""".split()
)
_VOLUME = frozenset(
    """people persons referrals contacts hours places visits sessions clients patients families
    activity demand caseload caseloads users households children adults young admissions
    appointments""".split()
)
_DOWN = frozenset(
    """reduce reduces reduced reduction fall falls fell decrease decreases cut cuts saving
    savings efficiency lower lowered""".split()
)
_UP = frozenset(
    """increase increases increased rise rises rising grow grows growth uplift higher more
    additional""".split()
)
_FLAT = frozenset("frozen freeze held remain remains unchanged fixed".split())
_WINDOW = 7


@dataclass
class _Change:
    unit: int
    first: int  # token index of the evidence, for the finding's position
    last: int
    delta: float  # fractional change: -0.05 for a 5% fall
    what: str


def _near(tokens: list[Token], i: int, words: frozenset[str]) -> Token | None:
    best: Token | None = None
    best_gap = _WINDOW + 1
    for j in range(max(0, i - _WINDOW), min(len(tokens), i + _WINDOW + 1)):
        tok = tokens[j]
        if tok.sentence != tokens[i].sentence or tok.norm not in words:
            continue
        if abs(j - i) < best_gap:
            best, best_gap = tok, abs(j - i)
    return best


def _is_year(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    before = tokens[i - 1].norm if i else ""
    value = tok.value or 0
    return before in ("year", "years", "yr") or (1900 <= value <= 2100 and "," not in tok.norm)


def _changes(unit: int, analysis: Analysis, skip: frozenset[int]) -> Iterator[_Change]:
    tokens = analysis.tokens
    for i, tok in enumerate(tokens):
        if tok.sentence in skip or tok.value is None:
            continue
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        # "from £1.20m ... to £1.14m" / "from 900 to 950"
        if i and tokens[i - 1].norm == "from" and tok.kind in ("money", "number"):
            if tok.kind == "number" and _is_year(tokens, i):
                continue
            for j in range(i + 1, min(len(tokens), i + 12)):
                other = tokens[j]
                if other.sentence != tok.sentence:
                    break
                if tokens[j - 1].norm == "to" and other.kind == tok.kind and other.value:
                    if other.kind == "number" and _is_year(tokens, j):
                        continue
                    delta = other.value / tok.value - 1 if tok.value else 0.0
                    kind = "price" if tok.kind == "money" else "volume"
                    if kind == "volume" and _near(tokens, i, _VOLUME) is None:
                        break
                    yield _Change(unit, i, j, delta, kind)
                    break
        elif tok.kind == "percent" and nxt not in ("of",):
            change = _percent_change(tokens, i)
            if change is not None:
                yield _Change(unit, i, i, change[0], change[1])
    for i, tok in enumerate(tokens):
        if tok.sentence not in skip and tok.norm in _FLAT and _near(tokens, i, _PRICE):
            yield _Change(unit, i, i, 0.0, "price")


def _scan(
    tokens: list[Token], start: int, stop: int, step: int, words: frozenset[str]
) -> int | None:
    """Index of the first token in ``words`` from ``start`` towards ``stop``, in one sentence."""
    sentence = tokens[start].sentence if 0 <= start < len(tokens) else None
    for j in range(start, stop, step):
        if not 0 <= j < len(tokens) or tokens[j].sentence != sentence or tokens[j].kind == "punct":
            return None
        if tokens[j].norm in words:
            return j
    return None


def _percent_change(tokens: list[Token], i: int) -> tuple[float, str] | None:
    """Read "referrals rise by 15%", "15% growth in referrals", "savings of 3%"."""
    nouns = _PRICE | _VOLUME
    value = (tokens[i].value or 0.0) / 100
    left = _scan(tokens, i - 1, i - 5, -1, _DOWN | _UP)
    right = _scan(tokens, i + 1, i + 4, 1, _DOWN | _UP)
    if left is not None:
        direction = tokens[left].norm
        noun = _scan(tokens, left - 1, left - 12, -1, nouns)
        if noun is None:
            noun = _scan(tokens, i + 1, i + 8, 1, nouns)
    elif right is not None:
        direction = tokens[right].norm
        noun = _scan(tokens, right + 1, right + 8, 1, nouns)
        if noun is None:
            noun = _scan(tokens, i - 1, i - 12, -1, nouns)
    else:
        return None
    sign = -1.0 if direction in _DOWN else 1.0
    if noun is None:
        # "efficiency savings of 3%" speaks of money even without a price noun.
        return (sign * value, "price") if direction in _DOWN else None
    return sign * value, "volume" if tokens[noun].norm in _VOLUME else "price"


def price_falls_as_volume_rises(ctx: RuleContext) -> Iterator[Hit]:
    """Flag a price that falls (or is frozen) while volume or demand rises."""
    prices: list[_Change] = []
    volumes: list[_Change] = []
    for unit, analysis in enumerate(ctx.analyses):
        skip = ctx.skipped_sentences(unit)
        for change in _changes(unit, analysis, skip):
            (prices if change.what == "price" else volumes).append(change)
    if not prices or not volumes:
        return
    rise = max(volumes, key=lambda c: c.delta)
    if rise.delta <= 0:
        return
    for price in prices:
        unit_change = (1 + price.delta) / (1 + rise.delta) - 1
        if price.delta > 0 and unit_change > -0.01:
            continue
        where = "" if rise.unit == price.unit else f" in clause {ctx.clause_number(rise.unit)}"
        evidence = (
            f"price {price.delta:+.1%} vs volume {rise.delta:+.1%}{where}: "
            f"price per unit {unit_change:+.1%}"
        )
        analysis = ctx.analyses[price.unit]
        yield Hit(
            unit=price.unit,
            start=analysis.tokens[price.first].start,
            end=analysis.tokens[price.last].end,
            evidence=evidence.replace("-", "−"),
        )
        return

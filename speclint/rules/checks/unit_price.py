"""MFL003: the price per unit falls because the price falls (or is frozen) while volume rises.

Changes are read from the whole document, each as a fraction with a side:

* **price** (money paid for the service): a contract value, budget, envelope, fee,
  tariff or payment that reduces, rises, is frozen or is "within the existing
  contract value"; "from £1.20m to £1.14m"; "savings of 3%"; "reduce by £50,000";
* **volume** (activity the money buys): people, referrals, contacts, hours, places
  or "the number of" anything, rising by a percentage ("10% more patients", "increase
  the number of people treated by 10%"), from one count to another ("from 900 to
  950"), doubling, or by a number of extra people ("add 3,000 residents").

Tables are read too, when their rows or cells are years: a row per year ("Year 2 |
£1.2m | 640 clients" under "Year | Contract value | Minimum caseload") gives a price
and a volume column, compared between the first and the last year; a row that runs
across the years ("Year 1 £1.8m | Year 2 £1.7m | Activity: 14,000 | 15,000") gives a
series of each. A table whose rows are not years (lots, localities) compares nothing.

Like is compared with like: a change is counted only when the noun it is about is
money or activity. Staff, posts and hours of workforce are inputs, neither price nor
volume, so "14% more contacts with 19% more staff" compares nothing. The implied
change in the price per unit is ``(1 + price) / (1 + volume) - 1``; a change stated as
an amount with no base has a direction but no size, which is enough when the price
falls or is frozen while the volume rises.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from pydantic import Field, field_validator

from speclint import lazy_re as re
from speclint.errors import QuerySyntaxError
from speclint.query.analysis import WORD, Token
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules.checks._common import CheckOptions, units_holding
from speclint.rules.context import RuleContext, RuleHit

#: What a saving may be kept for and still stay in the service: the service, the
#: contract, its visits, hours, staff or the people it serves.
_KEPT_IN = (
    "(service OR contract OR visits OR visit OR hours OR care OR support OR staff OR staffing"
    " OR workforce OR time OR capacity OR provision OR team OR pathway OR wages OR pay OR training"
    " OR people OR residents OR patients OR clients OR tenants OR families)"
)
#: A saving spent outside the service: not kept in it.
_ELSEWHERE = (
    '(elsewhere OR "other service" OR "other services" OR "other areas" OR "other priorities"'
    ' OR "wider council" OR "general fund" OR corporate* OR "outside the")'
)
#: A saving kept in the service or a cut matched openly by less service: no hidden cut.
_OPEN_SAVING = (
    "@HONEST_REDUCTION OR ((@MFLQ_REINVESTED OR ((reinvest* OR re-invest*"
    f" OR ((recycled OR ploughed OR put) pre/3 back)) pre/8 {_KEPT_IN})) /s NOT {_ELSEWHERE})"
)
#: A cut that is a sanction for a failure: a condition (where, if, when, for ...) tied to
#: a shortfall ("where a standard is missed", "for each late report"), or money taken back.
_SANCTION = (
    "((where OR if OR when OR whenever OR for OR following OR should OR once) pre/8 @SHORTFALL)"
    ' OR @MONEY_TAKEN OR penalty OR penalties OR sanction OR sanctions OR "service credit*"'
)


def _parses(query: str) -> str:
    """``query`` itself when it parses (against the built-in concepts), else ValueError."""
    try:
        parse_query(query)  # parsed as the pack loads, so a lint never parses it
    except QuerySyntaxError as exc:
        raise ValueError(str(exc)) from None
    return query


class Options(CheckOptions):
    """``[rules.options]`` of MFL003."""

    tolerance_percent: float = Field(
        default=1.0,
        ge=0,
        description="a price rise that leaves the unit price within this of level is fine",
    )
    open_saving: str = Field(
        default=_OPEN_SAVING,
        min_length=1,
        description=(
            "wording in a price change's own sentence that keeps the saving in the service"
            " or matches the cut with less service"
        ),
    )
    sanction: str = Field(
        default=_SANCTION,
        min_length=1,
        description=(
            "wording near a price change, in its own sentence, that makes the cut a sanction"
            " for a failure"
        ),
    )

    @field_validator("open_saving", "sanction")
    @classmethod
    def _query(cls, query: str) -> str:
        return _parses(query)


_PRICE = frozenset(
    "value values price prices rate rates budget budgets envelope acv aav funding grant fee fees "
    "tariff tariffs cost costs spend spending allocation contract payment payments block "
    "settlement charge charges allowance allowances".split()
)
#: Price nouns that a "frozen" or "fixed" may attach to ("fixed term contract" is no price).
_FIXED_PRICE = _PRICE - {"contract", "cost", "costs", "block"}
_VOLUME = frozenset(
    "people persons referrals contacts hours places visits sessions clients patients families "
    "activity demand caseload caseloads users households children adults young admissions "
    "appointments attendances carers residents tenants population cohort cases episodes packages "
    "assessments consultations treatments interventions calls enquiries placements beds discharges "
    "number "
    "numbers".split()
)
#: What the provider spends to do the work: neither price nor volume.
_INPUT = frozenset(
    "staff staffing workforce practitioners posts wte workers nurses clinicians employees "
    "vacancies salaries wages overheads premises".split()
)
_DOWN = frozenset(
    "reduce reduces reduced reducing reduction fall falls fell falling decrease decreases "
    "decreased cut cuts saving savings efficiency lower lowered fewer less drop drops dropped "
    "shrink shrinks".split()
)
_UP = frozenset(
    "increase increases increased increasing rise rises rising rose grow grows growing grew "
    "growth uplift higher more additional extra raise raises raised".split()
)
_FLAT = frozenset("frozen freeze held remain remains unchanged fixed flat capped".split())
#: Verbs that freeze a price only with a level after them ("remain at £18", "held flat"):
#: a person who "remains in employment" freezes nothing.
_STAY = frozenset("held remain remains".split())
_LEVEL = frozenset("at flat unchanged fixed frozen capped same level static constant".split())
_BARRIER = frozenset("while whilst whereas although but yet however".split())
#: "rate" is a price only in these company: "hourly rate", "unit rate", "rate of £18".
_RATE_PRICE = frozenset(
    "hourly weekly daily nightly unit fee contract tariff price agreed standard banded base "
    "fixed usual".split()
)
_NOT_PRICE_BEFORE = frozenset("social".split())
_WINDOW = 7


@dataclass
class Change:
    """One change read from the text: ``delta`` is fractional (-0.05 is a 5% fall)."""

    unit: int
    first: int  # token index of the evidence, for the finding's position
    last: int
    delta: float | None  # None: the direction is stated but not the size
    sign: int  # -1, 0 or +1
    what: str  # "price" or "volume"
    noun: str
    years: float | None = (
        None  # the period the change covers: 1 for "a year", 4 for "over four years"
    )

    @property
    def yearly(self) -> float | None:
        """The change as a yearly rate when its period is known, else as stated."""
        if self.delta is None or not self.years or self.years == 1:
            return self.delta
        if self.delta <= -1:
            return self.delta
        return float((1 + self.delta) ** (1 / self.years) - 1)


def _side(tokens: list[Token], j: int) -> str | None:
    """What token ``j`` names: "price", "volume", "input", or None."""
    norm = tokens[j].norm
    before = tokens[j - 1].norm if j else ""
    after = tokens[j + 1].norm if j + 1 < len(tokens) else ""
    if norm in _INPUT:
        return "input"
    if norm in ("rate", "rates"):
        # "rate of £18", "rate by 17% to £918.49": a sum just after the rate names its price
        money_near = any(
            t.kind == "money" for t in tokens[j + 1 : j + 6] if t.sentence == tokens[j].sentence
        )
        return "price" if before in _RATE_PRICE or money_near else None
    if norm == "value" and (before in _NOT_PRICE_BEFORE or after == "for"):
        return None
    if norm in _PRICE:
        return "price"
    if norm in _VOLUME:
        return "volume"
    return None


_MODIFIERS = frozenset(
    "annual contract block hourly weekly daily unit total core care home overall".split()
)


def _name(tokens: list[Token], j: int) -> str:
    """How the evidence names the noun at ``j``: "contract value", "number of people"."""
    norm = tokens[j].norm
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if norm in ("number", "numbers") and nxt is not None and nxt.norm == "of":
        words = [t.norm for t in tokens[j + 2 : j + 5] if t.kind == "word"]
        volume = next((k for k, w in enumerate(words) if w in _VOLUME), None)
        if volume is not None:  # "number of home visits": the words up to the count's noun
            start = volume
            while start and words[start - 1] not in _FUNCTION and words[start - 1] not in _VOLUME:
                start -= 1
            return f"number of {' '.join(words[start : volume + 1])}"
        content = next((w for w in words if w not in _FUNCTION), None)
        return f"number of {content}" if content else norm
    if nxt is not None and nxt.sentence == tokens[j].sentence and nxt.norm in _PRICE - {"contract"}:
        return f"{norm} {nxt.norm}"
    before = tokens[j - 1] if j else None
    if before is not None and before.sentence == tokens[j].sentence and before.norm in _MODIFIERS:
        return f"{before.norm} {norm}"
    return norm


_FUNCTION = frozenset("the a an of older young new".split())


def _barrier(tok: Token) -> bool:
    return tok.kind == "punct" or tok.norm in _BARRIER


def _noun(tokens: list[Token], start: int, stop: int, step: int) -> int | None:
    """Index of the first price, volume or input noun from ``start`` towards ``stop``.

    Read backwards, a count that completes a price names whom the price is for, and the
    change is the price's: "the allowances for children aged 0-15 increase by 6%".
    """
    sentence = tokens[start].sentence if 0 <= start < len(tokens) else None
    for j in range(start, stop, step):
        if not 0 <= j < len(tokens) or tokens[j].sentence != sentence or _barrier(tokens[j]):
            return None
        if _side(tokens, j) is not None:
            return _price_completed(tokens, j) if step < 0 else j
    return None


#: Words joining a price to whom or what it is for: "the fee for each child".
_COMPLEMENT = frozenset("for of per".split())


def _price_completed(tokens: list[Token], j: int) -> int:
    """The price noun a volume noun at ``j`` completes ("allowances for children"), else ``j``."""
    if _side(tokens, j) != "volume":
        return j
    k = j - 1
    sentence = tokens[j].sentence
    while k > 0 and tokens[k].norm in _FUNCTION | _EACH and tokens[k].sentence == sentence:
        k -= 1
    price = k - 1
    if (
        k > 0
        and tokens[k].norm in _COMPLEMENT
        and tokens[price].sentence == sentence
        and _side(tokens, price) == "price"
    ):
        return price
    return j


def _word(
    tokens: list[Token], start: int, stop: int, step: int, words: frozenset[str]
) -> int | None:
    """Index of the first token in ``words`` from ``start`` towards ``stop``, within a clause."""
    sentence = tokens[start].sentence if 0 <= start < len(tokens) else None
    for j in range(start, stop, step):
        if not 0 <= j < len(tokens) or tokens[j].sentence != sentence or _barrier(tokens[j]):
            return None
        if tokens[j].norm in words:
            return j
    return None


def _near(
    tokens: list[Token], i: int, side: str, nouns: frozenset[str] | None = None
) -> int | None:
    """The nearest noun of ``side`` within a few tokens of ``i``, in the same sentence."""
    best: int | None = None
    for j in range(max(0, i - _WINDOW), min(len(tokens), i + _WINDOW + 1)):
        if tokens[j].sentence != tokens[i].sentence or _side(tokens, j) != side:
            continue
        if nouns is not None and tokens[j].norm not in nouns:
            continue
        if best is None or abs(j - i) < abs(best - i):
            best = j
    return best


def _subject(
    tokens: list[Token], i: int, side: str, nouns: frozenset[str] | None = None
) -> int | None:
    """The nearest noun of ``side`` up to 14 tokens back from ``i``, within its clause."""
    for j in range(i - 1, max(-1, i - 15), -1):
        if tokens[j].sentence != tokens[i].sentence or _barrier(tokens[j]):
            return None
        if _side(tokens, j) == side and (nouns is None or tokens[j].norm in nouns):
            return j
    return None


def _is_year(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    before = tokens[i - 1].norm if i else ""
    value = tok.value or 0
    return before in ("year", "years", "yr") or (1900 <= value <= 2100 and "," not in tok.norm)


def _classified(
    unit: int, tokens: list[Token], first: int, last: int, value: float | None, sign: int, noun: int
) -> Change | None:
    side = _side(tokens, noun)
    if side not in ("price", "volume"):
        return None  # staff and other inputs: not comparable with price or volume
    delta = None if value is None else sign * value
    return Change(unit, first, last, delta, sign, side, _name(tokens, noun))


_EACH = frozenset("a each every per".split())
_ANNUAL = frozenset("annually annum yearly annual".split())
_EVERY = frozenset("each every".split())


def _period(tokens: list[Token], i: int) -> float | None:
    """The years a change at ``i`` covers: 1 for "a year", N for "over N years", else None."""
    sentence = tokens[i].sentence
    for j in range(i + 1, min(len(tokens), i + 12)):
        tok = tokens[j]
        if tok.kind == "percent" and tokens[j - 1].norm == "(":
            continue  # "two per cent (2%)"
        if tok.sentence != sentence or tok.kind == "percent" or tok.norm in _BARRIER:
            break
        if tok.norm in _ANNUAL or (tok.norm == "year" and tokens[j - 1].norm in _EACH):
            return 1.0
        if tok.norm in YEARS and any(t.norm in _EVERY for t in tokens[max(i + 1, j - 5) : j]):
            return 1.0  # "in each of the three contract years"
        if tok.norm == "over":
            for k in range(j + 1, min(len(tokens), j + 5)):
                if tokens[k].value and k + 1 < len(tokens) and tokens[k + 1].norm in YEARS:
                    return float(tokens[k].value or 0) or None
    for j in range(max(0, i - 6), i):
        if tokens[j].sentence == sentence and (
            tokens[j].norm in _ANNUAL or (tokens[j].norm == "year" and tokens[j - 1].norm in _EACH)
        ):
            return 1.0
    return None


YEARS = frozenset(["year", "years"])


def _percent_change(unit: int, tokens: list[Token], i: int) -> Change | None:
    """Read "referrals rise by 15%", "15% growth in referrals", "10% more patients"."""
    value = (tokens[i].value or 0.0) / 100
    after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    if after in ("more", "fewer", "less", "additional", "extra"):
        noun = _noun(tokens, i + 2, i + 6, 1)
        sign = -1 if after in ("fewer", "less") else 1
        if noun is None:
            return None
        return _classified(unit, tokens, i, noun, value, sign, noun)
    reach = 11 if i and tokens[i - 1].norm == "by" else 5
    left = _word(tokens, i - 1, i - reach, -1, _DOWN | _UP)
    right = _word(tokens, i + 1, i + 4, 1, _DOWN | _UP) if left is None else None
    if left is not None:
        sign = -1 if tokens[left].norm in _DOWN else 1
        noun = _noun(tokens, left + 1, i, 1)  # "increase the number of people treated by 10%"
        if noun is None:
            noun = _noun(tokens, left - 1, left - 12, -1)
        if noun is None:
            noun = _noun(tokens, i + 1, i + 8, 1)
    elif right is not None:
        sign = -1 if tokens[right].norm in _DOWN else 1
        noun = _noun(tokens, right + 1, right + 8, 1)
        if noun is None:
            noun = _noun(tokens, i - 1, i - 12, -1)
    elif i and tokens[i - 1].norm == "at":
        # "referral growth, forecast at 6% a year": the direction is a noun further back
        back = [
            j for j in range(i - 2, max(-1, i - 8), -1) if tokens[j].sentence == tokens[i].sentence
        ]
        left = next((j for j in back if tokens[j].norm in _DOWN | _UP), None)
        if left is None:
            return None
        sign = -1 if tokens[left].norm in _DOWN else 1
        noun = _noun(tokens, left - 1, left - 6, -1)
    else:
        return None
    direction = tokens[left if left is not None else right or i].norm
    if noun is None:
        # "efficiency savings of 3%" speaks of money even without a price noun.
        if direction in ("saving", "savings", "efficiency"):
            return Change(unit, i, i, -value, -1, "price", direction)
        return None
    if direction in ("saving", "savings", "efficiency") and _side(tokens, noun) == "volume":
        return None  # "savings of 8% with no reduction in places" is not a fall in places
    return _classified(unit, tokens, min(i, noun), max(i, noun), value, sign, noun)


def _year_label(tokens: list[Token], i: int) -> float | None:
    """N in "in Year N" just after token ``i``."""
    for j in range(i + 1, min(len(tokens) - 1, i + 4)):
        if tokens[j].norm == "year" and tokens[j + 1].kind == "number":
            return tokens[j + 1].value
    return None


def _year_gap(tokens: list[Token], i: int, j: int) -> float | None:
    """Years between "£1.20m in Year 1" and "£1.14m in Year 2", when both are labelled."""
    first, last = _year_label(tokens, i), _year_label(tokens, j)
    if first is None or last is None or last <= first:
        return None
    return last - first


def _from_to(unit: int, tokens: list[Token], i: int) -> Change | None:
    """Read "from £1.20m ... to £1.14m" (price) and "from 900 to 950" (volume)."""
    tok = tokens[i]
    if tok.kind == "number" and _is_year(tokens, i):
        return None
    for j in range(i + 1, min(len(tokens), i + 12)):
        other = tokens[j]
        if other.sentence != tok.sentence:
            return None
        if tokens[j - 1].norm != "to" or other.kind != tok.kind or not other.value:
            continue
        if other.kind == "number" and _is_year(tokens, j):
            continue
        delta = other.value / tok.value - 1 if tok.value else 0.0
        sign = (delta > 0) - (delta < 0)
        if tok.kind == "money":
            noun = _near(tokens, i, "price")
            name = _name(tokens, noun) if noun is not None else "price"
            years = _year_gap(tokens, i, j)
            return Change(unit, i, j, delta, sign, "price", name, years)
        noun = _near(tokens, i, "volume")
        if noun is None:  # "the number of residents it serves is forecast to grow from"
            noun = _subject(tokens, i, "volume")
        if noun is None:
            return None
        return Change(unit, i, j, delta, sign, "volume", _name(tokens, noun))
    return None


#: Single words that make a sum a one-off outlay rather than a year of the price.
_ONE_OFF = frozenset("oneoff setup startup mobilisation mobilization capital".split())
#: Two-word spellings of the same ("one-off", "set-up", "start-up" are split at the hyphen).
_ONE_OFF_PAIRS = frozenset([("one", "off"), ("set", "up"), ("start", "up")])


def _one_off(tokens: list[Token], k: int) -> bool:
    """True when the sum at ``k`` is marked one-off, set-up, mobilisation, start-up or capital.

    The marker is looked for in the sum's own clause: up to eight words before it and
    five after it, stopping at punctuation, a contrast or another sum.
    """
    for run in (_clause_words(tokens, k, -1, 8)[::-1], _clause_words(tokens, k, 1, 5)):
        if any(w in _ONE_OFF for w in run) or any(p in _ONE_OFF_PAIRS for p in pairwise(run)):
            return True
    return False


def _clause_words(tokens: list[Token], k: int, step: int, reach: int) -> list[str]:
    """Up to ``reach`` words from ``tokens[k]`` (back for ``step`` -1), in the order walked.

    The walk stops at the sentence's end, punctuation or a contrast, or another sum.
    """
    words: list[str] = []
    j = k + step
    while 0 <= j < len(tokens) and len(words) < reach:
        tok = tokens[j]
        if tok.sentence != tokens[k].sentence or _barrier(tok) or tok.kind == "money":
            break
        words.append(tok.norm)
        j += step
    return words


def _by_year(unit: int, tokens: list[Token], i: int) -> Change | None:
    """Read "£3.6 million in Year 1 and £3.3 million in Year 2": a price set year by year.

    Both sums must name their year and lie in one sentence, the later year second; the
    price noun is the nearest one ("the budget for the service will be ..."). The two
    sums must be the same price: another price noun between them ("set-up costs are
    £150,000 in Year 1 and the annual price is £120,000 in Year 2") names a second
    price, and a sum marked one-off, set-up, mobilisation, start-up or capital is no
    year of a price path.
    """
    first = _year_label(tokens, i)
    if first is None or _one_off(tokens, i):
        return None
    for j in range(i + 1, min(len(tokens), i + 14)):
        other = tokens[j]
        if other.sentence != tokens[i].sentence:
            return None
        if other.kind != "money" or not other.value:
            continue
        years = _year_gap(tokens, i, j)
        if years is None:
            return None
        noun = _near(tokens, i, "price")
        if noun is None:
            noun = _subject(tokens, i, "price")
        if noun is None or _one_off(tokens, j):
            return None
        same = set(_name(tokens, noun).split()) | {"contract"}
        if any(_side(tokens, k) == "price" and tokens[k].norm not in same for k in range(i + 1, j)):
            return None  # another price between the sums: two prices, not one path
        delta = other.value / (tokens[i].value or 1.0) - 1
        sign = (delta > 0) - (delta < 0)
        return Change(unit, i, j, delta, sign, "price", _name(tokens, noun), years)
    return None


def _amount_change(unit: int, tokens: list[Token], i: int) -> Change | None:
    """Read "reduce by £50,000" (price, size unknown) and "add 3,000 residents" (volume)."""
    tok = tokens[i]
    if tok.kind == "money" and tok.value:
        labelled = _by_year(unit, tokens, i)
        if labelled is not None:
            return labelled
    if tok.kind == "money" and i >= 2 and tokens[i - 1].norm == "by":
        verb = tokens[i - 2].norm
        if verb in _DOWN | _UP:
            noun = _noun(tokens, i - 3, i - 12, -1)
            if noun is not None and _side(tokens, noun) == "price":
                sign = -1 if verb in _DOWN else 1
                return Change(unit, i - 2, i, None, sign, "price", _name(tokens, noun))
    if tok.kind == "number" and not _is_year(tokens, i):
        before = _word(tokens, i - 1, i - 3, -1, frozenset(["add", "adds", "additional", "extra"]))
        after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if before is not None or after in ("additional", "extra", "more"):
            noun = _noun(tokens, i + 1, i + 7, 1)
            if noun is not None and _side(tokens, noun) == "volume":
                return Change(unit, i, noun, None, 1, "volume", _name(tokens, noun))
    return None


_FUNDED = frozenset("funded met financed resourced absorbed covered".split())
_NO_MORE = frozenset("allowance uplift increase additional extra new change inflationary".split())
_EXISTING = frozenset("the its their our this existing current same".split())
_SAME = frozenset("existing current same this".split())


def _held_level(tokens: list[Token], i: int) -> bool:
    """True after "remain at £18", "held flat"; not after "remains in work at 26 weeks"."""
    after = [t for t in tokens[i + 1 : i + 3] if t.sentence == tokens[i].sentence]
    if after and after[0].norm == "at":
        return True
    return any(t.norm in _LEVEL - {"at"} for t in after)


#: After a fixed price, what makes it a freeze over time: "for three years", "throughout".
_OVER_TIME = frozenset("for throughout until over across during".split())
_SPAN = frozenset("term life duration period years year months whole contract".split())
#: What a price is an amount of rather than a way of paying: a "fixed budget" is held.
_AMOUNT = frozenset(
    "budget budgets envelope allocation value values acv aav spend spending settlement".split()
)
_PREDICATE = frozenset(
    "is are be been being was were remain remains remained stay stays kept held".split()
)


def _fixed_basis(tokens: list[Token], i: int) -> bool:
    """True for "a fixed management fee", "Basis: Fixed, paid monthly": a basis of payment.

    A fee that is fixed rather than variable with activity is no freeze. "Fixed" freezes
    a price when it is said of it ("the fee is fixed", "will remain fixed"), says for
    how long or at what level ("a fixed price for three years", "fixed at £1m"), or
    names an amount held rather than a way of paying ("within the fixed annual budget").
    """
    before = tokens[i - 1].norm if i and tokens[i - 1].sentence == tokens[i].sentence else ""
    if before in _PREDICATE:
        return False
    noun = _near(tokens, i, "price", _FIXED_PRICE)
    if noun is not None and tokens[noun].norm in _AMOUNT:
        return False  # "the fixed annual budget": a sum held, not a way of paying
    after = [t for t in tokens[i + 1 : i + 8] if t.sentence == tokens[i].sentence]
    for n, tok in enumerate(after):
        if tok.norm == "at" and n == 0:
            return False
        if tok.norm in _OVER_TIME and any(
            t.kind == "number" or t.norm in _SPAN for t in after[n + 1 : n + 4]
        ):
            return False
    return True


def _flat_change(unit: int, tokens: list[Token], i: int) -> Change | None:
    """Read a frozen price: "held at", "remain flat", "within their existing contract value"."""
    norm = tokens[i].norm
    if norm == "fixed" and _fixed_basis(tokens, i):
        return None
    if norm in _FLAT and (norm not in _STAY or _held_level(tokens, i)):
        noun = _near(tokens, i, "price", _FIXED_PRICE)
        if noun is None:  # "the budget for the next contract period stays flat"
            noun = _subject(tokens, i, "price", _FIXED_PRICE)
        if noun is not None:
            return Change(unit, min(i, noun), max(i, noun), 0.0, 0, "price", _name(tokens, noun))
    if norm == "no" and i + 1 < len(tokens) and tokens[i + 1].norm in _NO_MORE:
        # "the price includes no allowance for growth", "no uplift to the hourly rate"
        noun = _near(tokens, i, "price", _FIXED_PRICE)
        if noun is not None:
            return Change(unit, min(i, noun), max(i, noun), 0.0, 0, "price", _name(tokens, noun))
    if norm == "within" or (norm == "from" and i and tokens[i - 1].norm in _FUNDED):
        j = i + 1
        while j < len(tokens) and tokens[j].norm in _EXISTING and j - i <= 3:
            j += 1
        if any(t.norm in _SAME for t in tokens[i + 1 : j]):  # "within the existing budget"
            noun = _noun(tokens, j, j + 3, 1)
            if noun is not None and _side(tokens, noun) == "price":
                return Change(unit, i, noun, 0.0, 0, "price", _name(tokens, noun))
    if norm == "double" or norm == "doubles":
        noun = _near(tokens, i, "volume")
        if noun is not None:
            return Change(unit, min(i, noun), max(i, noun), 1.0, 1, "volume", _name(tokens, noun))
    return None


def changes(unit: int, tokens: list[Token], skip: frozenset[int]) -> Iterator[Change]:
    """Every price or volume change in one unit's tokens, outside ``skip`` sentences."""
    for change in _changes(unit, tokens, skip):
        if tokens[change.first].kind == "percent" or tokens[change.last].kind == "percent":
            at = change.first if tokens[change.first].kind == "percent" else change.last
            change.years = _period(tokens, at)
        yield change


#: Nouns naming a saving, which "of 2% of the contract price" after them measures.
_SAVING = frozenset("saving savings efficiency efficiencies".split())
#: How far (in tokens) from a price change a sanction's wording may start or end.
_SANCTION_REACH = 12


def _own_sentence(ctx: RuleContext, change: Change, query: str) -> list[tuple[int, int]] | None:
    """The hits of ``query`` in the sentence of a price change alone (None: it does not hold)."""
    tokens = ctx.analyses[change.unit].tokens
    sentence = tokens[change.first].sentence
    others = {t.sentence for t in tokens} - {sentence}
    skip = ctx.skipped_sentences(change.unit) | others
    return Evaluator(ctx.analyses[change.unit], True, frozenset(skip)).run(parse_query(query))


def _sanction(ctx: RuleContext, change: Change, query: str) -> bool:
    """True when a price change is a sanction for a failure, not a price path.

    The wording (``query``) must be in the change's own sentence and near the change
    ("may reduce the next payment by 1.5% where a standard is missed"): a failure named
    in another clause of the sentence, with no condition tying the cut to it, leaves
    the cut a cut.
    """
    hits = _own_sentence(ctx, change, query)
    low, high = change.first - _SANCTION_REACH, change.last + _SANCTION_REACH
    return hits is not None and any(first <= high and last >= low for first, last in hits)


def _open_saving(ctx: RuleContext, change: Change, query: str) -> bool:
    """True when a price change's own sentence keeps the saving in the service or stops some."""
    return _own_sentence(ctx, change, query) is not None


#: The only words :func:`_flat_change` can start from.
_FLAT_CUES = frozenset(_FLAT | {"no", "within", "from", "double", "doubles"})


def _changes(unit: int, tokens: list[Token], skip: frozenset[int]) -> Iterator[Change]:
    for i, tok in enumerate(tokens):
        if tok.sentence in skip:
            continue
        change: Change | None = None
        if tok.kind in ("money", "number") and tok.value and i and tokens[i - 1].norm == "from":
            change = _from_to(unit, tokens, i)
        elif tok.kind == "percent" and i and tokens[i - 1].norm == "(":
            continue  # a figure echoing the words before it: "two per cent (2%)"
        elif tok.kind == "percent" and (i + 1 >= len(tokens) or tokens[i + 1].norm != "of"):
            change = _percent_change(unit, tokens, i)
        elif tok.kind == "percent":
            # "a 3% reduction of the price", "savings of 2% of the contract price"
            saved = i > 1 and tokens[i - 1].norm == "of" and tokens[i - 2].norm in _SAVING
            cut = tokens[i - 1].norm in _DOWN or saved
            change = _percent_change(unit, tokens, i) if cut else None
        elif tok.kind in ("money", "number"):
            change = _amount_change(unit, tokens, i)
        elif tok.kind == "word" and tok.norm in _FLAT_CUES:
            change = _flat_change(unit, tokens, i)
        if change is not None and not _trigger(tokens, change):
            yield change


#: Words that open a condition, and those that make a figure a threshold to cross.
_CONDITION = frozenset("where if should once when whenever".split())
_THRESHOLD = frozenset("than beyond exceeds exceed over above".split())


def _trigger(tokens: list[Token], change: Change) -> bool:
    """True for a rise that only sets off a response: "where demand grows by more than 10%".

    A volume that grows "more than", "beyond" or "over" a figure inside a condition
    (where, if, should, once) names the point at which something is done, such as a
    new price agreed; it forecasts nothing.
    """
    if change.what != "volume" or change.sign <= 0:
        return False
    first, last = change.first, change.last
    near = [t for t in tokens[max(0, first - 8) : last + 1] if t.sentence == tokens[first].sentence]
    return any(t.norm in _CONDITION for t in near[:9]) and any(
        t.norm in _THRESHOLD for t in tokens[first : last + 1]
    )


_QUANTIFIED = re.compile(
    r"£|%|per ?cent|\bfrom\b[^.;]{0,60}?\bto\b|\bdoubles?\b|\bwithin\b|\badds?\b|\bno\b|"
    r"\bexisting\b|\bcurrent\b|\badditional\b|\bextra\b|\b(?:" + "|".join(sorted(_FLAT)) + r")\b",
    re.IGNORECASE,
)


#: Whole words any match of :data:`_QUANTIFIED` may rest on (besides "£", "%", "cent").
_QUANTIFIED_WORDS = (
    "double",
    "doubles",
    "within",
    "add",
    "adds",
    "no",
    "existing",
    "current",
    "additional",
    "extra",
    *sorted(_FLAT),
)


_PER_CENT = re.compile(r"per ?cent")
_FROM_TO = re.compile(r"\bfrom\b[^.;]{0,60}?\bto\b")
_WORD_RUN = re.compile(r"\w+")
_QUANTIFIED_SET = frozenset(_QUANTIFIED_WORDS)
#: The characters that ``re.IGNORECASE`` folds onto an ASCII letter ("ſ" is "s", the
#: Kelvin sign "k", dotted and dotless i are "i"): a text holding one is left to the regex.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def quantified(text: str) -> bool:
    """Whether :data:`_QUANTIFIED` matches ``text``, without running it over the text.

    The text is lower-cased once and its whole words are looked up in a set; only a
    text holding both "from" and "to" is searched for the pair. Outside the four
    characters case-insensitive matching folds onto ASCII letters, lower-casing is
    exactly what ``re.IGNORECASE`` does to these ASCII patterns.
    """
    if "£" in text or "%" in text:
        return True
    if not _FOLDS_TO_ASCII.isdisjoint(text):
        return _QUANTIFIED.search(text) is not None
    lowered = text.lower()
    if "cent" in lowered and _PER_CENT.search(lowered):
        return True
    words = set(_WORD_RUN.findall(lowered))
    if not _QUANTIFIED_SET.isdisjoint(words):
        return True
    return "from" in words and "to" in words and _FROM_TO.search(lowered) is not None


def _quantified_units(ctx: RuleContext) -> list[int]:
    """A superset of the units :data:`_QUANTIFIED` matches, from the word index.

    A whole word followed by an apostrophe ("no's") is a different token, so that
    spelling is looked for as text too.
    """
    found = set(units_holding(ctx, ("£", "%", "cent")))
    found |= ctx.candidates.containing("from") & ctx.candidates.containing("to")
    for word in _QUANTIFIED_WORDS:
        found |= ctx.candidates.word(word, False) | ctx.candidates.containing(f"{word}'")
    return sorted(found)


def _describe(change: Change) -> str:
    if change.sign == 0:
        return f"{change.noun} frozen"
    if change.delta is not None and change.years and change.years != 1:
        yearly = f"{change.yearly:+.1%}/yr"
        return f"{change.noun} {change.delta:+.1%} over {change.years:g} years ({yearly})"
    if change.delta is not None:
        return f"{change.noun} {change.delta:+.1%}{'/yr' if change.years else ''}"
    return f"{change.noun} {'rises' if change.sign > 0 else 'falls'}"


@dataclass
class _Cell:
    """The tokens of one ``|``-parted cell of a table row, sorted by what they are."""

    label: list[str]  # words that are not a year's label
    money: list[int]  # token indices
    counts: list[int]  # plain numbers that are not years
    years: int  # how many year labels ("Year 2", "2025/26") the cell holds
    year: float | None = None  # the first year label's number ("2025" of "2025/26")


_YEAR_WORDS = frozenset(["year", "yr", "years"])


def _cells(text: str, tokens: list[Token]) -> list[_Cell]:
    """The cells of a table row's tokens (a row unit reads "Header: text | Header: text")."""
    cells = [_Cell([], [], [], 0)]
    year_at = -2  # index of the last token that belongs to a year label
    for i, tok in enumerate(tokens):
        cell = cells[-1]
        if tok.norm == "|":
            cells.append(_Cell([], [], [], 0))
            continue
        gap = text[tokens[i - 1].end : tok.start] if i else " "
        if tok.kind == "number" and (_is_year(tokens, i) or tokens[i - 1].norm in _YEAR_WORDS):
            cell.years += 1
            if cell.year is None:
                cell.year = tok.value
            year_at = i
        elif tok.kind == "number" and year_at == i - 1 and gap in ("/", "-", "–"):
            year_at = i  # "2025/26": the second part of the year's label
        elif tok.kind == "money":
            cell.money.append(i)
        elif tok.kind == "number":
            cell.counts.append(i)
        elif tok.kind == "word" and tok.norm not in _YEAR_WORDS:
            cell.label.append(tok.norm)
    return cells


def _newest_first(years: list[float | None]) -> bool:
    """True when a series' year labels run from the newest back, as accounts often do."""
    known = [year for year in years if year is not None]
    return len(known) >= 2 and all(a > b for a, b in pairwise(known))


def _side_of(words: list[str], money: bool) -> str | None:
    """What a column or series labelled ``words`` holds: "price", "volume" or None."""
    if any(w in _INPUT for w in words):
        return None
    if money:
        return "price"
    return "volume" if any(w in _VOLUME and w != "number" for w in words) else None


def _series_change(
    unit: int, first: Token, last: Token, last_index: int, steps: int, side: str, noun: str
) -> Change | None:
    """The change from ``first`` to ``last`` over ``steps`` years, as a :class:`Change`."""
    if not first.value or last.value is None or steps < 1:
        return None
    delta = last.value / first.value - 1
    sign = (delta > 0) - (delta < 0)
    return Change(unit, last_index, last_index, delta, sign, side, noun, float(steps))


def _name_of(words: list[str], side: str) -> str:
    """How a finding names a series: its label ("contract value"), or its side."""
    return " ".join(words[:3]) or side


def _year_rows(ctx: RuleContext, rows: list[int]) -> Iterator[Change]:
    """Changes down a table whose rows are years, column by column (first to last year)."""
    units = ctx.outline.units
    read = []
    for unit in rows:
        tokens = ctx.analyses[unit].tokens
        cells = _cells(units[unit].text, tokens)
        if not any(cell.years for cell in cells):
            return  # a row that is not a year: the rows are lots, places or services
        read.append((unit, tokens, cells))
    if len(read) < 2:
        return
    if _newest_first([next(c.year for c in cells if c.years) for _, _, cells in read]):
        read.reverse()
    header = units[rows[0]].table_header or ()
    for name in header:
        # The words of the header as a cell's label holds them: no "(£)", no "year".
        words = [w for w in re.findall(WORD, name.lower()) if w not in _YEAR_WORDS]
        if not words:
            continue
        found = []
        for n, (unit, tokens, cells) in enumerate(read):
            cell = next((c for c in cells if c.label[: len(words)] == words), None)
            if cell is None:
                continue
            if len(cell.money) == 1:
                found.append((n, unit, tokens, cell.money[0], True, cell.label))
            elif len(cell.counts) == 1 and not cell.money:
                found.append((n, unit, tokens, cell.counts[0], False, cell.label))
        if len(found) < 2 or len({f[4] for f in found}) != 1:
            continue
        side = _side_of(found[0][5], found[0][4])
        if side is None:
            continue
        (n0, _, tokens0, i0, _, _), (n1, unit1, tokens1, i1, _, _) = found[0], found[-1]
        change = _series_change(
            unit1, tokens0[i0], tokens1[i1], i1, n1 - n0, side, name.strip().lower()
        )
        if change is not None:
            yield change


def _row_series(ctx: RuleContext, unit: int) -> Iterator[Change]:
    """Changes along one row that runs across the years ("Year 1 £1.8m | Year 2 £1.7m")."""
    tokens = ctx.analyses[unit].tokens
    cells = _cells(ctx.outline.units[unit].text, tokens)
    if sum(cell.years for cell in cells) < 2:
        return
    run: list[int] = []  # token indices of the values in the current series
    years: list[float | None] = []  # the year of each value in the series
    label: list[str] = []
    money = False
    previous: list[str] = []  # the label of the cell before the series, a row title

    def close() -> Iterator[Change]:
        if len(run) >= 2:
            side = _side_of(label, money)
            first, last = (run[-1], run[0]) if _newest_first(years) else (run[0], run[-1])
            if side is not None:
                change = _series_change(
                    unit,
                    tokens[first],
                    tokens[last],
                    last,
                    len(run) - 1,
                    side,
                    _name_of(label, side),
                )
                if change is not None:
                    yield change

    for cell in cells:
        values = cell.money if cell.money else cell.counts
        kind = bool(cell.money)
        one = len(values) == 1 and not (cell.money and cell.counts)
        carries_on = (
            run
            and one
            and kind == money
            and (not cell.label or cell.label == label or (not cell.years and len(cell.label) <= 1))
        )
        if carries_on:
            run.append(values[0])
            years.append(cell.year)
            label = label + [w for w in cell.label if w not in label]
            continue
        yield from close()
        run, years, label, money = [], [], [], kind
        if one:
            run, years = [values[0]], [cell.year]
            label = cell.label or list(previous)
        previous = cell.label if not values else []
    yield from close()


def table_changes(ctx: RuleContext) -> Iterator[Change]:
    """Price and volume changes read from tables whose rows or cells are years."""
    units = ctx.outline.units
    candidates = ctx.candidates
    # A year's label holds "year" or a year's digits ("2025/26").
    dated = (
        candidates.containing("year") | candidates.containing("20") | candidates.containing("19")
    )
    holding = sorted(candidates.containing("|") & dated)
    seen: set[int] = set()
    for unit in holding:
        if ctx.skipped_sentences(unit):
            continue
        yield from _row_series(ctx, unit)
        header = units[unit].table_header
        if not header or unit in seen:
            continue
        rows = [unit]
        while rows[-1] + 1 < len(units) and units[rows[-1] + 1].table_header == header:
            rows.append(rows[-1] + 1)
        seen.update(rows)
        yield from _year_rows(ctx, rows)


#: Verbs that say a volume goes up, with no figure ("demand is expected to grow").
_RISE_VERBS = frozenset(
    "grow grows growing rise rises rising increase increases increasing".split()
)
#: Words that make such a verb a forecast or a present trend, not a wish or a history.
_TREND = frozenset(
    "expected forecast projected predicted anticipated likely set continue continues continuing "
    "will is are".split()
)
#: Words between a volume and its rise verb that deny the rise ("is unlikely to grow").
_DENIED = frozenset("not no never unlikely cannot won't isn't aren't".split())


def _stated_rise(unit: int, tokens: list[Token], i: int) -> Change | None:
    """A volume said to rise with no figure: "the number of people ... is expected to grow".

    The subject is a volume noun up to 14 tokens back within the clause, a forecast or
    trend word stands between them, and the sentence holds no figure (a figure is read
    by :func:`changes` with its size). A rise said in the negative ("is not expected to
    grow", "is unlikely to rise") is no rise.
    """
    if tokens[i].negated_by:
        return None
    noun = _subject(tokens, i, "volume")
    if noun is None or any(t.norm in _DENIED for t in tokens[noun + 1 : i]):
        return None
    if (
        noun > 1
        and tokens[noun - 1].norm == "of"
        and tokens[noun - 2].norm in ("number", "numbers")
    ):
        noun -= 2  # "the number of people", as the evidence names it
    if not any(t.norm in _TREND for t in tokens[noun + 1 : i]):
        return None
    sentence = tokens[i].sentence
    if any(t.sentence == sentence and t.kind in ("number", "percent", "money") for t in tokens):
        return None
    return Change(unit, noun, i, None, 1, "volume", _name(tokens, noun))


def stated_rises(ctx: RuleContext) -> Iterator[Change]:
    """Volumes said to rise in words alone, across the document (see :func:`_stated_rise`)."""
    found: set[int] = set()
    for verb in _RISE_VERBS:
        found |= ctx.candidates.word(verb, False)
    for unit in sorted(found):
        skip = ctx.skipped_sentences(unit)
        tokens = ctx.analyses[unit].tokens
        for i, tok in enumerate(tokens):
            if tok.norm in _RISE_VERBS and tok.sentence not in skip:
                change = _stated_rise(unit, tokens, i)
                if change is not None:
                    yield change
                    break


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Flag a price that falls (or is frozen) while the volume it buys rises."""
    prices: list[Change] = []
    volumes: list[Change] = []
    for unit in _quantified_units(ctx):
        if not quantified(ctx.outline.units[unit].text):
            continue
        skip = ctx.skipped_sentences(unit)
        for change in changes(unit, ctx.analyses[unit].tokens, skip):
            (prices if change.what == "price" else volumes).append(change)
    for change in table_changes(ctx):
        (prices if change.what == "price" else volumes).append(change)
    prices = [
        p
        for p in prices
        if not _sanction(ctx, p, options.sanction) and not _open_saving(ctx, p, options.open_saving)
    ]
    if prices and not any(v.sign > 0 for v in volumes):
        volumes.extend(stated_rises(ctx))
    rises = [v for v in volumes if v.sign > 0]
    if not prices or not rises:
        return
    sized = [v for v in rises if v.delta is not None]
    rise = max(sized, key=lambda c: c.yearly or 0.0) if sized else rises[0]
    tolerance = options.tolerance_percent / 100
    cuts: list[tuple[float, int, Change, float | None]] = []
    for n, price in enumerate(prices):
        price_rate, rise_rate = price.yearly, rise.yearly
        if price_rate is not None and rise_rate is not None:
            unit_change: float | None = (1 + price_rate) / (1 + rise_rate) - 1
            if price_rate > 0 and unit_change is not None and unit_change > -tolerance:
                continue
        elif price.sign > 0:
            continue  # a rise of unknown size against a rise: cannot say
        else:
            unit_change = None
        cuts.append((unit_change if unit_change is not None else 0.0, n, price, unit_change))
    if not cuts:
        return
    # one finding, on the price change that cuts the unit price most
    _, _, price, unit_change = min(cuts, key=lambda c: (c[0], c[1]))
    where = "" if rise.unit == price.unit else f" (clause {ctx.clause_number(rise.unit)})"
    per = "/yr" if price.years and rise.years else ""
    result = "falls" if unit_change is None else f"{unit_change:+.1%}{per}"
    evidence = f"{_describe(price)} vs {_describe(rise)}{where}: price per unit {result}"
    tokens = ctx.analyses[price.unit].tokens
    yield RuleHit(
        unit=price.unit,
        start=tokens[price.first].start,
        end=tokens[price.last].end,
        evidence=evidence.replace("-", "−"),
    )

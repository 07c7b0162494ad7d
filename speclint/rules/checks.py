"""Rules a query cannot express: arithmetic across clauses.

Each check takes a :class:`~speclint.engine.context.RuleContext` and yields
:class:`~speclint.engine.context.Hit` objects; the engine turns them into findings
exactly as it does for query rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from speclint.engine.context import Hit, RuleContext
from speclint.query.analysis import NUMBER_IN_WORDS, PERCENT_SIGN, Analysis, Token, word_value
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query

_PRICE = frozenset(
    [
        "value",
        "price",
        "prices",
        "rate",
        "rates",
        "budget",
        "envelope",
        "acv",
        "aav",
        "funding",
        "grant",
        "fee",
        "fees",
        "tariff",
        "cost",
        "costs",
        "spend",
        "spending",
        "allocation",
        "contract",
    ]
)
_VOLUME = frozenset(
    [
        "people",
        "persons",
        "referrals",
        "contacts",
        "hours",
        "places",
        "visits",
        "sessions",
        "clients",
        "patients",
        "families",
        "activity",
        "demand",
        "caseload",
        "caseloads",
        "users",
        "households",
        "children",
        "adults",
        "young",
        "admissions",
        "appointments",
    ]
)
_DOWN = frozenset(
    [
        "reduce",
        "reduces",
        "reduced",
        "reduction",
        "fall",
        "falls",
        "fell",
        "decrease",
        "decreases",
        "cut",
        "cuts",
        "saving",
        "savings",
        "efficiency",
        "lower",
        "lowered",
    ]
)
_UP = frozenset(
    [
        "increase",
        "increases",
        "increased",
        "rise",
        "rises",
        "rising",
        "grow",
        "grows",
        "growth",
        "uplift",
        "higher",
        "more",
        "additional",
    ]
)
_FLAT = frozenset(["frozen", "freeze", "held", "remain", "remains", "unchanged", "fixed"])
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
        gap = abs(j - i)
        if gap < best_gap:
            best, best_gap = tok, gap
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


_QUANTIFIED = re.compile(
    r"£|%|per ?cent|\bfrom\b[^.;]{0,60}?\bto\b|\b(?:" + "|".join(sorted(_FLAT)) + r")\b",
    re.IGNORECASE,
)


def _quantified_units(ctx: RuleContext) -> list[int]:
    """Units that can state a change: money, a percentage, "from … to …", a frozen price."""
    return [i for i, unit in enumerate(ctx.outline.units) if _QUANTIFIED.search(unit.text)]


def price_falls_as_volume_rises(ctx: RuleContext) -> Iterator[Hit]:
    """Flag a price that falls (or is frozen) while volume or demand rises."""
    prices: list[_Change] = []
    volumes: list[_Change] = []
    for unit in _quantified_units(ctx):
        analysis = ctx.analyses[unit]
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


# -- shared helpers for sentence-level checks ---------------------------------------------


def _operative_sentences(
    ctx: RuleContext, prefilter: re.Pattern[str] | None = None
) -> Iterator[tuple[int, int, int, str]]:
    """Yield ``(unit, start, end, text)`` for every sentence a rule should look at.

    Units whose text does not match ``prefilter`` are passed over without being
    analysed, so that a check stays cheap on long documents.
    """
    for unit, clause in enumerate(ctx.outline.units):
        if prefilter is not None and not prefilter.search(clause.text):
            continue
        analysis = ctx.analyses[unit]
        skip = ctx.skipped_sentences(unit)
        ids = sorted(analysis.flags)
        for n, sentence in enumerate(clause.sentences):
            if n < len(ids) and ids[n] in skip:
                continue
            yield unit, sentence.start, sentence.end, clause.text[sentence.start : sentence.end]


# A count in figures or words ("two further periods", "a single term").
_NUM = r"(\d+(?:\.\d+)?|(?:" + NUMBER_IN_WORDS + r"|an?|single)(?![\w-]))"


def _num(text: str) -> float:
    text = text.lower().strip()
    if text[0].isdigit():
        return float(text)
    return 1.0 if text in ("a", "an", "single") else word_value(text) or 0.0


# -- CMP: price weighting ---------------------------------------------------------------------

_LABEL = r"(price|cost|quality|technical|social value)"
_RATIO_AFTER = re.compile(
    r"(\d{1,3})\s*(?:%\s*)?[:/]\s*(\d{1,3})\s*%?\s*(?:split\s+|weighting\s+|ratio\s+)?"
    r"(?:in favour of\s+|between\s+|for\s+)?\(?" + _LABEL + r"\s*(?:[:/]|and|to)\s*" + _LABEL,
    re.IGNORECASE,
)
_RATIO_BEFORE = re.compile(
    _LABEL + r"\s*[:/]\s*" + _LABEL + r"\)?\s*(?:split|ratio|weighting|weightings)?\s*"
    r"(?:of\s+|is\s+|will be\s+|at\s+)?(\d{1,3})\s*%?\s*[:/]\s*(\d{1,3})",
    re.IGNORECASE,
)
_SEGMENT = re.compile(r",|;|/|\||\band\b|\bwith\b|\bwhile\b|\bplus\b", re.IGNORECASE)
_SEG_LABEL = re.compile(r"\b" + _LABEL + r"\b", re.IGNORECASE)
_SEG_NUMBER = re.compile(
    r"(?<![£\d.])(\d{1,3}(?:\.\d+)?)\s*(" + PERCENT_SIGN + r"|marks?\b|points?\b)?",
    re.IGNORECASE,
)
_EVALUATION = re.compile(
    r"\b(evaluat\w*|weight\w*|scor\w*|marks?|award\w*|criteria|criterion|tenders?|bids?|"
    r"quotes?|split|assessed|assessment)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(increas\w*|reduc\w*|rise|rises|fall|falls|below|above|uplift|saving\w*|discount\w*|"
    r"cut|more than|less than|threshold|minimum|at least|pass mark)\b",
    re.IGNORECASE,
)


_WORDED = re.compile(
    r"\b(" + NUMBER_IN_WORDS + r")\b(?=\s*(?:" + PERCENT_SIGN + r"|marks?\b|points?\b))",
    re.IGNORECASE,
)


def _digits(sentence: str) -> str:
    """Write worded weights as digits: "sixty per cent" -> "60 per cent"."""
    return _WORDED.sub(lambda m: f"{word_value(m.group(1)) or 0:g}", sentence)


def _weights(sentence: str) -> dict[str, float] | None:
    """Weights by label (price, quality, ...) as percentages of the total, when stated."""
    sentence = _digits(sentence)
    for pattern, before in ((_RATIO_AFTER, False), (_RATIO_BEFORE, True)):
        match = pattern.search(sentence)
        if match:
            groups = match.groups()
            labels = (groups[0], groups[1]) if before else (groups[2], groups[3])
            values = (groups[2], groups[3]) if before else (groups[0], groups[1])
            a, b = float(values[0]), float(values[1])
            if a + b <= 0:
                return None
            first, second = (_norm_label(x) for x in labels)
            return {first: 100 * a / (a + b), second: 100 * b / (a + b)}
    found: dict[str, float] = {}
    units: set[str] = set()
    for segment in _SEGMENT.split(sentence):
        named = {_norm_label(m) for m in _SEG_LABEL.findall(segment)}
        numbers = [
            m for m in _SEG_NUMBER.finditer(segment) if m.group(2) or _bare_weight(segment, m)
        ]
        if len(named) != 1 or len(numbers) != 1 or _CHANGE.search(segment):
            continue
        label = named.pop()
        value = float(numbers[0].group(1))
        if value > 100 or label in found:
            continue
        found[label] = value
        unit = (numbers[0].group(2) or "").lower()
        units.add("%" if unit.startswith(("%", "per")) else "marks")
    if "price" not in found:
        return None
    if units == {"%"} or (len(found) == 1 and units == {"%"}):
        return found
    if len(found) >= 2:
        total = sum(found.values())
        return {k: 100 * v / total for k, v in found.items()}
    return None


_LABEL_BEFORE = re.compile(r"\b(price|cost|quality|technical|value)\s*\(?$|\bout of$")


def _bare_weight(segment: str, match: re.Match[str]) -> bool:
    """A bare number counts as a weight only right after its label ("Quality 60")."""
    before = segment[: match.start()].rstrip().lower()
    return bool(_LABEL_BEFORE.search(before))


def _norm_label(label: str) -> str:
    label = label.lower()
    return {"cost": "price", "technical": "quality"}.get(label, label)


_PRICE_WORD = re.compile(r"\b(?:price|cost)", re.IGNORECASE)


def price_weighted_above_quality(ctx: RuleContext) -> Iterator[Hit]:
    """Flag evaluation weightings that give price 50% or more, or more than quality."""
    for unit, start, end, sentence in _operative_sentences(ctx, _PRICE_WORD):
        if not _EVALUATION.search(sentence) or _negated_award(sentence):
            continue
        weights = _weights(sentence)
        if not weights or "price" not in weights:
            continue
        price = weights["price"]
        quality = weights.get("quality")
        if price >= 50 or (quality is not None and price > quality):
            other = f", quality {quality:.0f}%" if quality is not None else ""
            yield Hit(unit, start, end, f"price {price:.0f}%{other}")


_NOT_AWARDED_ON = re.compile(r"\bnot (?:be )?(?:on|based on|the basis of)\b", re.IGNORECASE)


def _negated_award(sentence: str) -> bool:
    return bool(_NOT_AWARDED_ON.search(sentence))


# -- CMP: short contract terms ----------------------------------------------------------------

_DURATION = re.compile(
    _NUM
    + r"[\s-]*(?:further\s+|additional\s+|more\s+|extra\s+)?(month|year)s?\b(?!['’]?\s*notice)",
    re.IGNORECASE,
)
_YEARS = re.compile(r"\byears?\b", re.IGNORECASE)
#: What just before a duration makes it a rate or a price, not a term ("£40 per month").
_NOT_A_TERM = re.compile(r"£|%|\bper\b|\bcent\b|\d\s*$")
_FURTHER = re.compile(r"\w+\s+(?:further|additional)")
_TERM_CUE = re.compile(
    r"\b(run for|runs for|initial (?:contract )?(?:term|period)|(?:contract|initial|fixed) term|"
    r"term of|term is|term will be|contract period|contract duration|duration of|let for|"
    r"awarded for|for a (?:fixed )?period of|commissioned for|last for|"
    r"(?:contract|agreement|framework|term)\s+(?:will |shall |is to |is )?(?:be |run )?(?:of|for)|"
    r"(?:will|shall) be let for|"
    r"(?:month|year)\s+(?:contract|agreement|term|framework)|each let|"
    r"framework (?:of|for|will run)|agreement (?:of|for|will run))\b",
    re.IGNORECASE,
)
_EXTENSION = re.compile(
    r"\b(?:extend\w*|extension\w*|further periods?|additional periods?|renew\w*)\b", re.IGNORECASE
)
_NO_EXTENSION = re.compile(
    r"\b(?:no (?:option|provision|right) (?:to|for) (?:extend|extension|renew)\w*|"
    r"not be extended|will not be extended|cannot be extended|no extensions?)\b",
    re.IGNORECASE,
)
_PERIODS = re.compile(_NUM + r"\s+(?:further\s+)?periods?\s+of\s+(?:up to\s+)?", re.IGNORECASE)
_PLUS = re.compile(r"\b(\d)\s*\+\s*(\d)(?:\s*\+\s*(\d))?(?:\s*\+\s*(\d))?\b")
_PILOT = re.compile(
    r"\b(pilot\w*|time[- ]limited|non[- ]recurrent|test and learn|proof of concept)\b", re.I
)


def _months(match: re.Match[str]) -> float:
    value = _num(match.group(1))
    return value * (12 if match.group(2).lower() == "year" else 1)


_MONTHS = "january february march april may june july august september october november december"
_DATE = r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTHS.replace(" ", "|") + r")\s+(\d{4})"
_DATE_RANGE = re.compile(
    r"\b(?:from|between|commenc\w*(?:\s+on)?)\s+" + _DATE + r"\s+(?:to|until|and|-|–)\s+"
    r"(?:and\s+(?:ending|expiring)\s+on\s+)?" + _DATE,
    re.IGNORECASE,
)
_CONTRACT = re.compile(r"\b(contract|agreement|framework|term|service|grant|lot)\b", re.I)


def _date_range_months(match: re.Match[str]) -> float:
    d1, m1, y1, d2, m2, y2 = match.groups()
    names = _MONTHS.split()
    months = (int(y2) - int(y1)) * 12 + names.index(m2.lower()) - names.index(m1.lower())
    if int(d2) >= 28 or int(d2) >= int(d1) - 1:
        months += 1  # "1 April 2026 to 31 March 2027" is twelve whole months
    return float(months)


def contract_term_months(sentence: str) -> float | None:
    """The maximum total term, in months, that ``sentence`` gives a contract (None if none)."""
    plus = _PLUS.search(sentence)
    if plus and _YEARS.search(sentence, plus.end(), plus.end() + 12):
        return 12.0 * sum(int(g) for g in plus.groups() if g)
    dates = _DATE_RANGE.search(sentence)
    if dates and _CONTRACT.search(sentence):
        total = _date_range_months(dates)
        if _NO_EXTENSION.search(sentence) or not _EXTENSION.search(sentence, dates.end()):
            return total
        extra = list(_DURATION.finditer(sentence, dates.end()))
        return total + sum(_months(m) for m in extra) if extra else None
    cue = _TERM_CUE.search(sentence)
    if cue is None:
        return None
    # the initial term: the first duration from the cue onwards (or just before it)
    window_start = max(0, cue.start() - 25)
    durations = [
        m
        for m in _DURATION.finditer(sentence)
        if window_start < m.end()
        and m.start() <= cue.end() + 40
        and not _NOT_A_TERM.search(sentence[max(0, m.start() - 15) : m.start()])
        and (m.group(1).lower() not in ("a", "an") or _FURTHER.match(m.group()))
    ]
    if not durations:
        return None
    initial = durations[0]
    if _EXTENSION.search(sentence, 0, initial.start()):
        return None  # a clause about extensions only, not the term itself
    total = _months(initial)
    if _NO_EXTENSION.search(sentence):
        return total
    extension = _EXTENSION.search(sentence, initial.end())
    if extension is None:
        return total
    rest = sentence[max(initial.end(), extension.start() - 12) :]
    periods = _PERIODS.search(rest)
    extra = [m for m in _DURATION.finditer(rest)]
    if not extra:
        return None  # an extension of unknown length: cannot say
    if periods is not None:
        following = [m for m in extra if m.start() >= periods.end() - 1]
        if following:
            return total + _num(periods.group(1)) * _months(following[0])
    return total + sum(_months(m) for m in extra)


_TERM_WORD = re.compile(
    r"\b(?:months?|years?|\d\s*\+\s*\d|" + _MONTHS.replace(" ", "|") + r")\b", re.IGNORECASE
)


def short_contract_term(ctx: RuleContext) -> Iterator[Hit]:
    """Flag contract terms whose maximum length, with extensions, is under 36 months."""
    for unit, start, end, sentence in _operative_sentences(ctx, _TERM_WORD):
        if _PILOT.search(ctx.outline.units[unit].text):
            continue
        months = contract_term_months(sentence)
        if months is not None and 0 < months < 36:
            yield Hit(unit, start, end, f"maximum term {months:.0f} months")


# -- VOI: no voice anywhere in the document -----------------------------------------------------

#: A document shorter than this says too little to judge that voices are missing.
MIN_SENTENCES = 6
_VOICE = """
co-produc* OR coproduc* OR co-design* OR codesign* OR co-creat* OR "lived experience"
OR "expert* by experience" OR "user-led" OR "user led" OR "peer-led" OR Healthwatch
OR "reference group*" OR forum OR forums OR panel OR panels OR "told us" OR "people said"
OR "in their own words" OR "their own accounts"
OR ((people OR person OR "service user*" OR users OR patients OR carers OR families OR residents
     OR communit* OR citizens OR staff OR practitioners OR clinicians OR "front-line" OR frontline
     OR workforce OR providers OR "voluntary sector" OR "community organisations")
    /s (involv* OR engag* OR consult* OR views OR voice* OR feedback OR participat* OR partnership
     OR jointly OR "developed with" OR "designed with" OR "written with" OR "agreed with"
     OR "worked with" OR "with them" OR dialogue OR workshops OR "shaped by" OR "led by"
     OR together OR shape OR "have a say"))
"""


def _token_voice_queries() -> list[str]:
    """The queries of the VOI rules that find token involvement (VOI002, VOI003)."""
    from speclint.rules import get_rule  # the registry imports this module's package

    rules = (get_rule(code) for code in ("VOI002", "VOI003"))
    return [r.query for r in rules if r is not None and r.query is not None]


def voice_absent_from_document(ctx: RuleContext) -> Iterator[Hit]:
    """One document-level hit when nobody but the commissioner has a voice anywhere.

    History sentences count as evidence of voice ("the previous version was written
    without users; this one was developed with them"); definitions, commentary
    (quotations of Box 3) and token involvement found by VOI002/VOI003 ("providers will
    be consulted following contract award") do not. Documents under
    :data:`MIN_SENTENCES` sentences are not judged.
    """
    if sum(len(unit.sentences) for unit in ctx.outline.units) < MIN_SENTENCES:
        return
    token = [parse_query(q) for q in _token_voice_queries()]
    voice = parse_query(_VOICE)
    # _VOICE is an OR of clause-local patterns, so one clause that holds it is enough, and
    # only the clauses the pre-filter admits can.
    for unit in sorted(ctx.candidates.of(voice)):
        analysis = ctx.analyses[unit]
        skip = set(analysis.sentences_flagged(frozenset({"definition", "meta"})))
        operative = ctx.skipped_sentences(unit)
        for query in token:  # consulted after award, observers only: not a voice
            rule_hits = Evaluator(analysis, True, operative).run(query) or []
            skip |= {analysis.tokens[first].sentence for first, _ in rule_hits}
        if Evaluator(analysis, True, frozenset(skip)).run(voice) is not None:
            return
    yield Hit(unit=0, start=0, end=0, evidence="")


# -- OVR: stacks of absolute obligations --------------------------------------------------------

_ABSOLUTE = re.compile(
    r"\b(at all times|must always|shall always|will always|without exception|in all cases|"
    r"under no circumstances|in every case)\b",
    re.IGNORECASE,
)
_PROTECTIVE = re.compile(
    r"\b(identification|identity|badge|confidential\w*|dignity|respect\w*|lawful\w*|law|legislation|"
    r"data protection|safeguard\w*|safe|safety|courteous\w*|polite\w*|choices?|wishes|consent|"
    r"reachable|contactable|on call|available)\b",
    re.IGNORECASE,
)
#: How many absolute practice rules in one section make a stack.
STACK = 3


def stacked_rigid_obligations(ctx: RuleContext) -> Iterator[Hit]:
    """Flag a section (units under one heading) holding three or more absolute practice rules."""
    groups: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    for unit, start, end, sentence in _operative_sentences(ctx, _ABSOLUTE):
        if _PROTECTIVE.search(sentence):
            continue
        count = len(_ABSOLUTE.findall(sentence))
        key = tuple(ctx.outline.units[unit].heading_path)
        groups.setdefault(key, []).extend([(unit, start, end)] * count)
    for hits in groups.values():
        if len(hits) >= STACK:
            unit, start, end = hits[0]
            yield Hit(unit, start, end, f"{len(hits)} absolute rules")

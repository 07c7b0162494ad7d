"""CMP003: evaluation weightings that give price at least half the marks, or more than quality.

Weightings are read in the forms tender documents write them: "Price 70% / Quality
30%", "60:40 price:quality", "quality 40%, price 60%", "price scored out of 55 marks",
the Find a Tender form's "quality – Quality – 40; price – 60", and evaluation tables
whose rows read ``Criterion: Price | Weighting: 60%``. Labels are normalised (cost and
financial are price; technical is quality) and marks become percentages of the total
before price is compared with quality. A table is judged as a whole: the rows of one
table are added up, and the finding is placed on the price row.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from speclint import lazy_re as re
from speclint.query.analysis import NUMBER_IN_WORDS, PERCENT_SIGN, word_value
from speclint.rules.checks._common import CheckOptions, operative_sentences, table_rows
from speclint.rules.context import RuleContext, RuleHit
from speclint.structure.meaning import CASE_TRAPS
from speclint.substrings import Screen


class Options(CheckOptions):
    """``[rules.options]`` of CMP003."""

    max_price_percent: float = Field(
        default=50, gt=0, le=100, description="flag price weighted at this share or more"
    )
    price_above_quality: bool = Field(
        default=True, description="also flag price weighted above quality, whatever its share"
    )


_LABEL = r"(price|cost|financial|commercial|quality|technical|social value)"
_RATIO_AFTER = re.compile(
    r"(\d{1,3})\s*(?:%\s*)?[:/]\s*(\d{1,3})\s*%?\s*(?:split\s+|weighting\s+|ratio\s+)?"
    r"(?:in favour of\s+|between\s+|for\s+)?\(?"
    + _LABEL
    + r"\s*(?:[:/\-\u2013]|and|to)\s*"
    + _LABEL,
    re.IGNORECASE,
)
_RATIO_BEFORE = re.compile(
    _LABEL + r"\s*[:/\-\u2013]\s*" + _LABEL + r"\)?\s*(?:split|ratio|weighting|weightings)?\s*:?\s*"
    r"(?:of\s+|is\s+|will be\s+|at\s+)?(\d{1,3})\s*%?\s*[:/]\s*(\d{1,3})",
    re.IGNORECASE,
)
#: "cost 55 : quality 45", "Price (60) v Quality (40)", "Price: 60 Quality: 40", "60 cost
#: to 40 quality": each label beside its own weight, the pairs joined by a colon, slash,
#: dash, "to" or "v".
_PAIRS = (
    re.compile(
        r"\b"
        + _LABEL
        + r"\s*:?\s*\(?\s*(\d{1,3})(?![\d.,]\d)\s*%?\s*\)?\s*(?:[:/\-\u2013,]|to|vs?\.?|versus)?\s*"
        + _LABEL
        + r"\s*:?\s*\(?\s*(\d{1,3})\s*%?\s*\)?(?![\d:/%]|\.\d)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d.:/])(\d{1,3})\s*%?\s*" + _LABEL + r"\s*(?:[:/\-\u2013]|to|vs?\.?|versus)\s*"
        r"(\d{1,3})\s*%?\s*" + _LABEL + r"\b",
        re.IGNORECASE,
    ),
)
#: The words of an evaluation that both the pair frame and the evaluation test know.
_EVALUATION_WORDS = (
    r"evaluat\w*|weight\w*|scor\w*|marks?|award\w*|criteria|criterion|tenders?|bids?|"
    r"quotes?|assessed"
)
#: The evaluation a label-beside-weight pair must sit in ("split" alone may share out an uplift).
_PAIR_FRAME = re.compile(rf"\b(?:{_EVALUATION_WORDS}|judged)\b", re.IGNORECASE)
#: "80:20 in favour of price": the larger share goes to the one label named.
_RATIO_FAVOUR = re.compile(
    r"(\d{1,3})\s*%?\s*[:/]\s*(\d{1,3})\s*%?\s*(?:split\s+|weighting\s+|ratio\s+)?"
    r"(?:weighted\s+)?in favour of\s+(?:the\s+)?" + _LABEL + r"\b(?!\s*[:/])",
    re.IGNORECASE,
)
#: "at least half of the marks": a share in words of the whole evaluation.
_HALF = re.compile(
    r"\b(at least half|half|more than half|over half|the majority|most|"
    r"the (?:greater|larger|bigger|biggest|largest|major) (?:share|part|proportion|portion)|"
    r"the bulk|the lion's share)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:available\s+|total\s+|overall\s+)?(?:marks|weighting|score|points|evaluation)\b",
    re.IGNORECASE,
)
#: "three-fifths of the total score": a fraction in words of the whole evaluation.
_FRACTION = re.compile(
    r"\b(two|three|four|a|one)[- ](thirds?|quarters?|fifths?)\s+of\s+(?:the\s+)?"
    r"(?:available\s+|total\s+|overall\s+)?(?:marks|weighting|score|points|evaluation)\b",
    re.IGNORECASE,
)
#: What every match of :data:`_HALF` and :data:`_FRACTION` ends on, in lower case
#: (matching ignoring case finds no other spelling unless one of :data:`CASE_TRAPS` is
#: in the text): a sentence without one is not searched with them.
_WHOLE_SCREEN = Screen(("marks", "weighting", "score", "points", "evaluation"))
_EACH = re.compile(r"\beach\b", re.IGNORECASE)
_FRACTION_TOP = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FRACTION_BOTTOM = {"third": 3, "quarter": 4, "fifth": 5}
#: "Commercial | 55% | Quality | 45%": a row of label and weight cells, read as "Commercial 55%".
_LABEL_CELL = re.compile(_LABEL + r"\s*\|\s*(?=\d)", re.IGNORECASE)
#: "worth 70 of the 100 marks": a share of a stated total.
_OF_TOTAL = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)\s+(?:of|out of)\s+(?:the\s+|a\s+)?(?:available\s+|total\s+)?"
    r"(\d{1,3})\s+(?:available\s+)?(?:marks|points)\b",
    re.IGNORECASE,
)
#: "70 marks available out of 100": the share said before its total.
_OF_TOTAL_AFTER = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)\s+(?:available\s+)?(?:marks|points)\s+(?:available\s+)?(?:out\s+)?of\s+"
    r"(?:a\s+(?:total|maximum)\s+of\s+|the\s+)?(\d{1,3})\b",
    re.IGNORECASE,
)
#: "... and price for the remainder": a label given whatever share the others leave.
_REMAINDER = re.compile(r"\b(remainder|remaining|balance|the rest)\b", re.IGNORECASE)
#: Where a sentence's weights part: a comma, semicolon, slash or bar, or a joining word.
#: At any place at most one of them can match, so the class and the one group find what
#: ",|;|/|\||\band\b|\bwith\b|..." finds, at half the cost.
#: Where one criterion's weight ends and the next begins; a bracketed weight ends its
#: field ("Award criterion (price): Total annual cost (50%) Award criterion (quality): ...",
#: a notice's lines run together).
_SEGMENT = re.compile(r"[,;/|]|\b(?:and|with|while|plus)\b|(?<=%\))\s+", re.IGNORECASE)
_SEG_LABEL = re.compile(r"\b" + _LABEL + r"\b", re.IGNORECASE)
_SEG_NUMBER = re.compile(
    r"(?<![£\d.])(\d{1,3}(?:\.\d+)?)\s*(" + PERCENT_SIGN + r"|marks?\b|points?\b)?",
    re.IGNORECASE,
)
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
_EVALUATION = re.Alternation(
    # "of the available points": points said as a share of a whole are the evaluation's
    # (bare "points" may be access points or points of contact).
    _EVALUATION_WORDS + r"|split|assessment|(?:available|total) points|of the points",
    re.IGNORECASE,
    head=r"\b(",
    tail=r")\b",
)
_CHANGE = re.compile(
    r"\b(increas\w*|reduc\w*|rise|rises|fall|falls|below|above|uplift|saving\w*|discount\w*|"
    r"cut|more than|less than|threshold|minimum|at least|pass mark)\b",
    re.IGNORECASE,
)
#: A threshold said in brackets beside a weight: "quality 70 marks (minimum 42)".
_ASIDE_THRESHOLD = re.compile(
    r"\((?=[^()]*\b(?:minimum|threshold|at least|pass mark|min\.?)\b)[^()]*\)", re.IGNORECASE
)
#: Each number word searched only where the sentence holds it (see
#: :class:`speclint.lazy_re.Alternation`): the whole pattern tries every word at every
#: character. ``NUMBER_IN_WORDS`` is one group of alternatives, opened in ``head``.
_WORDED = re.Alternation(
    NUMBER_IN_WORDS[len("(?:") : -len(")")],
    re.IGNORECASE,
    head=r"\b((?:",
    tail=r"))\b(?=\s*(?:" + PERCENT_SIGN + r"|marks?\b|points?\b))",
)
#: A bare number is a weight only right after its label, perhaps through a form's
#: separators and field names: "Quality 60", "Price - Weighting: 60", "price – Price – 60",
#: "Cost criterion: Price / Weighting: 70".
_LABEL_BEFORE = re.compile(
    r"\b(?:price|cost|financial|commercial|quality|technical|value)\b"
    r"(?:[\s\-–—:=(/]*(?:price|quality|weighting|weight|weighted|score|marks?|of)\b)*"
    r"[\s\-–—:=(/]*$|\bout of$"
)
#: ... or right before it: "70 for price, 30 for quality", "60 are for price".
_LABEL_AFTER = re.compile(
    r"\s*(?:marks?|points?)?\s*"
    r"(?:(?:are|is|go|goes|will\s+be|shall\s+be|given|allocated|awarded)\s+)?(?:for|to|on)\s+(?:the\s+)?"
    r"(?:price|cost|financial|commercial|quality|technical|social value)\b",
    re.IGNORECASE,
)
_WEIGHTING = re.compile(r"\bweight(?:ing|ed)?\b", re.IGNORECASE)
#: The Find a Tender form: "quality – Method statement – 35" (label, criterion name, weight).
_FORM_FIELD = re.compile(
    r"(?:^|:)\s*(price|cost|quality|technical|social value)\s*[–—-]\s*(?:[^–—\-:;]{1,40}[–—-])?$"
)
_NOT_AWARDED_ON = re.compile(r"\bnot (?:be )?(?:on|based on|the basis of)\b", re.IGNORECASE)
#: A sentence that opens as an illustration ("For example, price 60% / quality 40%.")
#: shows what a weighting can look like; it does not set this tender's weighting.
_ILLUSTRATION = re.compile(
    r"^\W*(?:for (?:example|instance)|e\.\s?g\.|as an example|by way of (?:example|illustration)|"
    r"an example (?:would be|is|might be))\b",
    re.IGNORECASE,
)
_PRICE_WORD = re.compile(r"\b(?:price|cost|financial|commercial|fee)", re.IGNORECASE)
_PRICE_NEEDLES = ("price", "cost", "financial", "commercial", "fee")
#: One criterion of a list of weights, whatever it is called: "Delivery approach: 35",
#: "Accessibility 30%", "Service proposal 35 points" (a name of up to six words, a weight).
_CRITERION = re.compile(
    r"^\s*(?:[a-z]\)\s*|\(?[a-z0-9]\)\s*)?(?P<name>[A-Za-z][A-Za-z'’/&\- ]{0,60}?)\s*[:=\-–—]?\s*"
    r"(?P<num>\d{1,3}(?:\.\d+)?)\s*(?P<unit>%|per ?cent|percent|points?|marks?)?\s*\.?\s*$",
    re.IGNORECASE,
)
#: What names the money side of a criterion: price, cost, a fee, a rate or a charge.
_PRICE_NAME = re.compile(
    r"\b(?:price|prices|priced|pricing|cost|costs|fee|fees|financial|commercial|charge|charges|rate|rates|tariff)\b",
    re.IGNORECASE,
)
_CRITERIA_SPLIT = re.compile(r"\||;|,|/")
#: A criterion called "price" itself, not only a cost, fee or rate.
_PRICE_ITSELF = re.compile(r"\bprices?\b", re.IGNORECASE)
#: Table cells: "Key: value" separated by " | ".
# Space before a bar is taken from where the run of space starts, never from inside it:
# tried from every space of a long run, the split would be quadratic in the run.
_CELL = re.compile(r"(?:(?<!\s)\s+)?\|\s*")
_WEIGHT_KEY = re.compile(r"weight|%|marks?|score|points|percent|max", re.IGNORECASE)
_WEIGHT_VALUE = re.compile(
    r"^\s*(\d{1,3}(?:\.\d+)?)\s*(" + PERCENT_SIGN + r"|marks?|points?)?"
    r"(?:\s+of\s+(?:the\s+)?(?:total\s+|overall\s+|available\s+)?(?:evaluation\s+|tender\s+)?"
    r"(?:score|scores|marks|weighting|points|evaluation))?\s*$",
    re.I,
)


def _digits(sentence: str) -> str:
    """Write worded weights as digits: "sixty per cent" -> "60 per cent"."""
    low = sentence.lower()
    if not _WORDED_SCREEN.found_in(low) and not any(c in sentence for c in CASE_TRAPS):
        return sentence  # no sign or word a worded weight is followed by: nothing to write
    # _WORDED.sub(value, sentence): its matches are never empty.
    out: list[str] = []
    at = 0
    for match in _WORDED.finditer(sentence):
        out += (sentence[at : match.start()], f"{word_value(match.group(1)) or 0:g}")
        at = match.end()
    return "".join(out) + sentence[at:] if out else sentence


#: What follows every worded weight :data:`_WORDED` finds, in lower case: a percent
#: sign, "per cent" or "percent", "marks" or "points". Matching ignoring case finds no
#: other spelling of them unless one of :data:`CASE_TRAPS` is in the text.
_WORDED_NEEDS = ("%", "cent", "mark", "point")
_WORDED_SCREEN = Screen(_WORDED_NEEDS)


def _norm_label(label: str) -> str:
    label = label.lower()
    return {
        "cost": "price",
        "financial": "price",
        "commercial": "price",
        "technical": "quality",
    }.get(label, label)


#: How far before a bare number its label is looked for ("Quality weighting of 60"), so
#: that a segment of thousands of numbers costs linear time, not a rescan per number.
_LABEL_REACH = 160


def _bare_weight(segment: str, match: re.Match[str], end: int) -> bool:
    """A bare number counts as a weight only next to its label: "Quality 60", "60 for quality".

    ``end`` is where the segment's text ends before any trailing spaces, full stops and
    per cent signs.
    """
    if _LABEL_AFTER.match(segment, match.end()):
        return True
    start = max(0, match.start() - _LABEL_REACH)
    before = segment[start : match.start()].rstrip().lower()
    if start:
        # Cut at a word boundary; "~" stands for the text left out, so that neither
        # pattern can take the cut for the start of the segment.
        cut = before.split(None, 1)
        before = "~ " + (cut[1] if len(cut) == 2 else "")
    if match.end() < end:
        return bool(_LABEL_BEFORE.search(before))
    return bool(_LABEL_BEFORE.search(before) or _FORM_FIELD.search(before))


#: Words a weighting written on its own line may have beside its pair: a field name or
#: a closing full stop ("Weighting - Price 60 Quality 40").
_PAIR_ALONE_WORDS = 3


def _pair_alone(sentence: str, match: re.Match[str]) -> bool:
    """True when a price-and-quality pair is nearly all its sentence says, with no change."""
    rest = sentence[: match.start()] + " " + sentence[match.end() :]
    words = re.findall(r"[A-Za-z]+", rest)
    return len(words) <= _PAIR_ALONE_WORDS and not _CHANGE.search(rest)


def _single_share(sentence: str) -> dict[str, float] | None:
    """One label's share said whole: "70 of the 100 marks", "half the marks", "80:20 in favour"."""
    of_total = _OF_TOTAL.search(sentence) or _OF_TOTAL_AFTER.search(sentence)
    if of_total and 0 < float(of_total.group(1)) <= float(of_total.group(2)):
        named = {_norm_label(m) for m in _SEG_LABEL.findall(sentence[: of_total.start()])}
        if len(named) == 1:
            return {named.pop(): 100 * float(of_total.group(1)) / float(of_total.group(2))}
    # Both wordings below end on a word of the evaluation: without one, neither matches.
    whole = _WHOLE_SCREEN.found_in(sentence.lower()) or any(c in sentence for c in CASE_TRAPS)
    half = _HALF.search(sentence) if whole else None
    if half:
        named = {_norm_label(m) for m in _SEG_LABEL.findall(sentence[: half.start()])}
        each = _EACH.search(sentence[: half.start()])
        if len(named) == 2 and half.group(1).lower() == "half" and each:
            return dict.fromkeys(named, 50.0)  # "price and quality each carry half the marks"
        if len(named) == 1:
            return {
                named.pop(): 50.0 if half.group(1).lower() in ("half", "at least half") else 51.0
            }
    fraction = _FRACTION.search(sentence) if whole else None
    if fraction:
        named = {_norm_label(m) for m in _SEG_LABEL.findall(sentence[: fraction.start()])}
        top = _FRACTION_TOP[fraction.group(1).lower()]
        bottom = _FRACTION_BOTTOM[fraction.group(2).lower().rstrip("s")]
        if len(named) == 1 and top < bottom:
            return {named.pop(): 100.0 * top / bottom}
    favour = _RATIO_FAVOUR.search(sentence)
    if favour:
        a, b = float(favour.group(1)), float(favour.group(2))
        if a + b > 0:
            return {_norm_label(favour.group(3)): 100 * max(a, b) / (a + b)}
    return None


def weights(sentence: str) -> dict[str, float] | None:
    """Weights by label (price, quality, ...) as percentages of the total, when stated."""
    sentence = _digits(sentence)
    if "|" in sentence:  # every label cell ends on a bar
        sentence = _LABEL_CELL.sub(r"\1 ", sentence)
    if not any(c.isdigit() for c in sentence):
        return _single_share(sentence)  # with no figure, only "half of the marks" is a share
    # Both ratios hold a colon or a slash between their figures.
    ratios = ((_RATIO_AFTER, False), (_RATIO_BEFORE, True))
    for pattern, before in ratios if ":" in sentence or "/" in sentence else ():
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
    # Two splits in one sentence (one dropped, one kept; last round's and this one's): the
    # pairs cannot tell which is in force, so they decide nothing.
    pair_count = sum(len(pattern.findall(sentence)) for pattern in _PAIRS)
    for number, pattern in enumerate(_PAIRS):
        match = pattern.search(sentence) if pair_count == 1 else None
        if match:
            groups = match.groups()
            if number == 0:
                labels, values = (groups[0], groups[2]), (groups[1], groups[3])
            else:
                labels, values = (groups[1], groups[3]), (groups[0], groups[2])
            first, second = (_norm_label(x) for x in labels)
            a, b = float(values[0]), float(values[1])
            # Only a split of price against quality and nothing else: with social value
            # or a third criterion beside them, the segments below add every weight up.
            named = {_norm_label(m) for m in _SEG_LABEL.findall(sentence)}
            # Weights of an evaluation, not a fee uplift or a budget split between the two:
            # the evaluation is named, or the pair is the line's whole text ("Price 60
            # Quality 40" as a notice's field or a table cell says nothing else).
            whole = abs(a + b - 100) <= 1 and bool(
                _PAIR_FRAME.search(sentence) or _pair_alone(sentence, match)
            )
            if {first, second} == named == {"price", "quality"} and a + b > 0 and whole:
                return {first: 100 * a / (a + b), second: 100 * b / (a + b)}
    single = _single_share(sentence)
    if single is not None:
        return single
    found: dict[str, float] = {}
    units: set[str] = set()
    remainder: str | None = None
    for segment in _SEGMENT.split(sentence):
        segment = _ASIDE_THRESHOLD.sub(" ", segment)
        end = len(segment.rstrip(" .%"))
        numbers = [
            m for m in _SEG_NUMBER.finditer(segment) if m.group(2) or _bare_weight(segment, m, end)
        ]
        if not numbers and _REMAINDER.search(segment):
            named = {_norm_label(m) for m in _SEG_LABEL.findall(segment)}
            if len(named) == 1:
                remainder = named.pop()
            continue
        if len(numbers) != 1 or _is_change(segment) or _BID_SCORE.search(segment):
            continue
        value = float(numbers[0].group(1))
        form = _FORM_FIELD.search(segment[: numbers[0].start()].rstrip().lower())
        if form is not None:  # "quality – Social value – 20": the form's kind is the label
            label = _norm_label(form.group(1))
            if value <= 100:
                found[label] = found.get(label, 0.0) + value
                units.add("%")  # the form's weights are shares of 100
            continue
        named = {_norm_label(m) for m in _SEG_LABEL.findall(segment)}
        if len(named) != 1:
            continue
        label = named.pop()
        if value > 100 or label in found:
            continue
        found[label] = value
        unit = (numbers[0].group(2) or "").lower()
        percent = unit.startswith(("%", "per")) or (not unit and _WEIGHTING.search(segment))
        units.add("%" if percent else "marks")
    if remainder is not None and remainder not in found and units == {"%"}:
        rest = 100 - sum(found.values())
        if 0 < rest < 100:
            found[remainder] = rest
    return _normalised(found, units)


#: A score given to one bid, not a criterion's weight: "the cheapest price is given a 100%
#: score", "the lowest bid receives 40 marks".
_BID_SCORE = re.compile(
    r"\b(?:cheapest|lowest|highest|best|keenest)\b[^.;|]{0,40}?\d{1,3}\s*(?:%|per ?cent)?\s*"
    r"(?:score|scores|marks?|points?)\b",
    re.IGNORECASE,
)
#: Words of :data:`_CHANGE` that, beside "weighting", set a floor on a weight ("a
#: weighting of at least 50%") rather than a threshold or a change.
_FLOOR_WORDS = frozenset(["at least", "minimum", "more than"])


#: A floor said in the negative ("no less than 60%"), read as "at least".
_NEGATED_FLOOR = re.compile(r"\b(?:no|not)\s+less\s+than\b", re.IGNORECASE)
#: A ceiling said in the negative ("price no more than 60%"): the most a weight may be, so
#: the weight itself, not a threshold or a change.
_NEGATED_CEILING = re.compile(r"\b(?:no|not)\s+more\s+than\b", re.IGNORECASE)
#: Beside a floor word, what makes it a floor on a weight: a weighting, or a share of the marks.
_FLOOR_OF_WEIGHT = re.compile(
    r"\bweight(?:ing|ed|s)?\b|\bmarks\b|\bpoints\b|\b(?:evaluation|total) score\b", re.IGNORECASE
)


def _is_change(segment: str) -> bool:
    """True when ``segment`` speaks of a change, threshold or pass mark, not a weight."""
    segment = _NEGATED_CEILING.sub("at most", _NEGATED_FLOOR.sub("at least", segment))
    said = {m.group(1).lower() for m in _CHANGE.finditer(segment)}
    return bool(said) and not (said <= _FLOOR_WORDS and _FLOOR_OF_WEIGHT.search(segment))


def _normalised(found: dict[str, float], units: set[str]) -> dict[str, float] | None:
    if "price" not in found:
        return None
    if units == {"%"}:
        if sum(found.values()) < 95:  # some criteria unstated: price can only be judged alone
            return {"price": found["price"]}
        return found
    if len(found) >= 2:
        total = sum(found.values())
        return {k: 100 * v / total for k, v in found.items()} if total else None
    return None


def row_weight(text: str) -> tuple[str, float, str] | None:
    """A table row's criterion and weight: ``Criterion: Price | Weighting: 60%``."""
    label: str | None = None
    weight: tuple[float, str] | None = None
    for cell in _CELL.split(_digits(text)):
        key, _, value = cell.rpartition(":")
        number = _WEIGHT_VALUE.match(value)
        if number and (number.group(2) or _WEIGHT_KEY.search(key)):
            if weight is not None:
                return None  # two weights in one row: not a simple criterion row
            unit = (number.group(2) or "").lower()
            weight = float(number.group(1)), "%" if unit.startswith(("%", "per")) else "marks"
            continue
        named = {_norm_label(m) for m in _SEG_LABEL.findall(value)}
        if len(named) == 1 and label is None and len(value.split()) <= 6:
            label = named.pop()
    if label is None or weight is None or weight[0] > 100:
        return None
    return label, weight[0], weight[1]


def _table_weights(ctx: RuleContext, unit: int) -> tuple[dict[str, float], int] | None:
    """The weights of the whole table ``unit`` is a row of, and the unit of its price row."""
    found: dict[str, float] = {}
    units: set[str] = set()
    price_row = -1
    for row in table_rows(ctx, unit):
        text = ctx.outline.units[row].text
        read = row_weight(text)
        if read is None or _CHANGE.search(text):  # a quality threshold is not a weight
            continue
        label, value, kind = read
        found[label] = found.get(label, 0.0) + value  # sub-criteria add up
        units.add(kind)
        if label == "price":
            price_row = row
    normal = _normalised(found, units)
    return (normal, price_row) if normal is not None else None


def criteria_weights(sentence: str) -> tuple[dict[str, float], bool] | None:
    """Weights read from a list of named criteria, each a name and a weight.

    Criteria not named as price (method statement, accessibility, community benefit)
    all count as quality, the non-price side. Returns the weights as percentages and
    whether a price criterion is called "price" itself, or None unless at least one
    price and one other criterion are read and every weighted part of the list is a
    criterion: "Marking | Total cost: 55 | Service model: 30 | Local benefit: 15".
    """
    sentence = _digits(sentence)
    price = other = 0.0
    units: set[str] = set()
    named_price = False
    seen_price = seen_other = False
    for part in _CRITERIA_SPLIT.split(sentence):
        if not any(c.isdigit() for c in part):
            continue
        match = _CRITERION.match(part)
        if match is None or len(match.group("name").split()) > 6 or _CHANGE.search(part):
            return None
        value = float(match.group("num"))
        unit = (match.group("unit") or "").lower()
        units.add("marks" if unit.startswith(("point", "mark")) else "%")
        name = match.group("name")
        if _PRICE_NAME.search(name):
            price += value
            seen_price = True
            named_price = named_price or bool(_PRICE_ITSELF.search(name))
        else:
            other += value
            seen_other = True
    if not (seen_price and seen_other) or len(units) != 1:
        return None
    total = price + other
    if total <= 0 or (units == {"%"} and abs(total - 100) > 1):
        return None
    return {"price": 100 * price / total, "quality": 100 * other / total}, named_price


def _verdict(found: dict[str, float], options: Options) -> str | None:
    if "price" not in found:
        return None  # "quality carries most of the marks": a share of the other side only
    price = found["price"]
    quality = found.get("quality")
    heavy = price >= options.max_price_percent
    above = options.price_above_quality and quality is not None and price > quality
    if not (heavy or above):
        return None
    other = f", quality {quality:.0f}%" if quality is not None else ""
    return f"price {price:.0f}%{other}"


def _complete_split(found: dict[str, float]) -> bool:
    """Price and quality weights that add up to the whole: a weighting, whatever the words."""
    return "quality" in found and abs(sum(found.values()) - 100) < 0.5


def _evaluation_context(ctx: RuleContext, unit: int, sentence: str) -> bool:
    clause = ctx.outline.units[unit]
    return bool(
        _EVALUATION.holds(sentence)
        or any(_EVALUATION.holds(h) for h in clause.heading_path)
        or any(_EVALUATION.holds(h) for h in clause.table_header or ())
    )


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Flag weightings that give price ``max_price_percent`` or more, or more than quality."""
    tables_done: set[int] = set()
    for unit, start, end, sentence in operative_sentences(ctx, _PRICE_WORD, _PRICE_NEEDLES):
        if _NOT_AWARDED_ON.search(sentence) or _ILLUSTRATION.search(sentence):
            continue
        context = _evaluation_context(ctx, unit, sentence)
        clause = ctx.outline.units[unit]
        if clause.table_header and row_weight(clause.text) is not None:
            if not context:
                continue
            rows = table_rows(ctx, unit)
            if rows[0] in tables_done:
                continue
            tables_done.add(rows[0])
            table = _table_weights(ctx, unit)
            if table is not None:
                verdict = _verdict(table[0], options)
                if verdict is not None:
                    price_row = table[1]
                    yield RuleHit(price_row, 0, len(ctx.outline.units[price_row].text), verdict)
            continue
        found = weights(sentence)
        if not found and context and "|" in sentence:
            # a table row written out: "Criterion: Price | Weighting: 60%"
            written = row_weight(sentence)
            if written is not None:
                found = _normalised({written[0]: written[1]}, {written[2]})
        if not found or "quality" not in found:
            listed = criteria_weights(sentence)
            if listed is not None and (context or listed[1]):
                found = listed[0]
                context = True
        if found and (context or _complete_split(found)):
            verdict = _verdict(found, options)
            if verdict is not None:
                yield RuleHit(unit, start, end, verdict)

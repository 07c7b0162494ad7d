"""What a sentence is, when it is not an operative requirement.

A sentence can define a term ("X means ..."), recount history ("previously ..."), or
comment on commissioning itself (a quotation, "this guidance", what to avoid); rules
skip such sentences unless they opt in. A clause under a Definitions, Glossary or
Background heading is quiet as a whole.

The structure builder classifies every sentence once, when it makes a unit
(:func:`classify`), and marks quiet units (:func:`quiet_section`); the query and rule
layers only read :attr:`speclint.models.Sentence.flags` and
:attr:`speclint.models.Unit.quiet`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from speclint.models import Sentence, SentenceClass, SentenceFlag

# The defined term: leading punctuation, then one to ten words, then "means". Written
# so that no two parts can take the same characters (the old form backtracked cubically
# on a run of spaces).
_DEFINITION = re.compile(
    r"(?:^[^\w'’\"“‘]*[\w’'-]+(?:[^\w\s]* +[\w’'-]+){0,9}[^\w\s]*\s+"
    r"|['‘\"“][^'’\"”]{1,60}['’\"”]\s+)"
    r"(?:means|refers to|is defined as|shall mean|has the meaning)\b"
    r"|\bfor the purposes of this\b",
    re.IGNORECASE,
)
# "Former rough sleepers" and "former service users" are people, not a past arrangement.
_FORMER_PEOPLE = (
    r"(?:rough sleepers?|service users?|patients?|residents?|tenants?|offenders?|prisoners?|"
    r"smokers?|drinkers?|users?|carers?|clients?|pupils?|students?|staff|employees?|"
    r"looked[- ]after|care leavers?|armed forces|service personnel|veterans?|members?)\b"
)
_HISTORY = re.compile(
    rf"\b(?:previous(?:ly)?|historically|formerly|former(?! {_FORMER_PEOPLE})|until (?:19|20)\d\d|"
    r"^\W*between (?:19|20)\d\d and (?:19|20)\d\d|"
    r"(?:introduced|established|began|started|launched) (?:by [\w ]{1,40} )?in (?:19|20)\d\d|"
    r"was commissioned|were levied|not (?:been )?carried forward|"
    r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )(?<!\bbeen )used to|"
    r"(?:was|were|has been|have been|had been) replaced|replaced [\w ]{1,40} in (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_META = re.compile(
    r"\b(?:box [1-4]|intelligent kindness|anti-?patterns?|"
    r"commissioners have|this guidance)\b",
    re.IGNORECASE,
)
# A sentence saying what to avoid ("the Council will avoid short contracts") describes
# the anti-pattern rather than imposing it; avoiding harm ("to avoid hospital
# admission, ...") does not make a sentence commentary.
_AVOID = re.compile(
    r"\b(?:avoid|avoids|avoiding|guards? against|mov(?:e|es|ing) away from|steer clear of)\b",
    re.IGNORECASE,
)
_AVOID_HEALTH = re.compile(
    r"\b(?:admissions?|hospital|harm|injur\w*|unnecessary|duplicat\w*|delays?|crisis|escalat\w*|"
    r"eviction|homelessness|isolation|falls|infections?)\b",
    re.IGNORECASE,
)
_QUIET_SECTION = re.compile(
    r"(?i)\b(?:definitions?|glossary|interpretation|background|evidence base|references|"
    r"document (?:history|control)|version (?:history|control))\b"
)

_ANY_FLAG = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_DEFINITION, _HISTORY, _META, _AVOID)), re.IGNORECASE
)

_NONE: frozenset[SentenceFlag] = frozenset()
_QUOTATION: frozenset[SentenceClass] = frozenset({"quotation"})

__all__ = [
    "CASE_TRAPS",
    "SentenceClass",
    "SentenceFlag",
    "classify",
    "flaggable",
    "quiet_section",
    "sentence_classes",
    "sentence_flags",
]


def quiet_section(path: tuple[str, ...]) -> bool:
    """True when a clause sits under a heading such as Definitions, Glossary or Background."""
    return any(_QUIET_SECTION.search(h) for h in path)


# Every match of _ANY_FLAG holds one of these, in lower case, so a sentence with none of
# them needs no regex search. Exact only where ``str.lower`` agrees with IGNORECASE,
# which it does except for the characters in CASE_TRAPS.
_FLAG_KEYS = (
    "mean", "refers to", "is defined as", "for the purposes of this",
    "previous", "historically", "former", "until 19", "until 20", "between 19", "between 20",
    "introduced", "established", "began", "started", "launched", "was commissioned",
    "were levied", "carried forward", "used to", "replaced",
    "box ", "intelligent kindness", "pattern", "commissioners have", "this guidance",
    "avoid", "guard against", "guards against", "away from", "steer clear of",
)  # fmt: skip
#: Characters that IGNORECASE matching equates with an ASCII letter while ``str.lower``
#: does not turn them into it (dotted and dotless I, long S, the Kelvin sign).
CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")


def sentence_flags(body: str, quoted: bool) -> frozenset[SentenceFlag]:
    """Why a sentence is not operative, if it is not; one scan in the common case."""
    if not quoted:
        low = body.lower()
        if not any(k in low for k in _FLAG_KEYS) and not any(c in body for c in CASE_TRAPS):
            return _NONE
        if not _ANY_FLAG.search(body):
            return _NONE
    marks: set[SentenceFlag] = set()
    if _DEFINITION.search(body):
        marks.add("definition")
    if _HISTORY.search(body):
        marks.add("history")
    if quoted or _META.search(body) or (_AVOID.search(body) and not _AVOID_HEALTH.search(body)):
        marks.add("meta")
    return frozenset(marks)


def sentence_classes(body: str, quoted: bool) -> frozenset[SentenceClass]:
    """What a sentence is: :func:`sentence_flags`, and ``quotation`` when ``quoted``."""
    flags: frozenset[SentenceClass] = sentence_flags(body, quoted)
    return flags | _QUOTATION if quoted else flags


def _may_flag(text: str) -> bool:
    """False only when no sentence of ``text`` can carry a flag (one scan of the text)."""
    low = text.lower()
    return any(k in low for k in _FLAG_KEYS) or any(c in text for c in CASE_TRAPS)


def flaggable(texts: Sequence[str]) -> list[bool]:
    """For each of ``texts``, false only when none of its sentences can carry a flag.

    One search of the joined texts for each word a flag needs, rather than one per text:
    a document's units are screened at the cost of a few passes over its characters.
    """
    joined = "\0".join(texts)
    low = joined.lower()
    if len(low) != len(joined) or any(c in joined for c in CASE_TRAPS):
        return [_may_flag(text) for text in texts]
    starts = [0, *accumulate(len(text) + 1 for text in texts)]
    found = [False] * len(texts)
    for key in _FLAG_KEYS:
        at = low.find(key)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found[i] = True
            at = low.find(key, starts[i + 1])  # on to the next text: this one is settled
    return found


def classify(
    text: str, sentences: Iterable[Sentence], quoted: bool = False, may_flag: bool | None = None
) -> tuple[Sentence, ...]:
    """``sentences`` of ``text`` with their :attr:`~speclint.models.Sentence.flags` set.

    ``quoted`` is true for the text of a block quotation. A text holding none of the
    words a flag needs is passed over, its sentences kept as they are; ``may_flag`` is
    what :func:`flaggable` said of it, when it was asked (else one scan finds out).
    """
    if may_flag is None:
        may_flag = _may_flag(text)
    if not quoted and not may_flag:
        return tuple(s if not s.flags else Sentence(start=s.start, end=s.end) for s in sentences)
    out = []
    for s in sentences:
        flags = sentence_classes(text[s.start : s.end], quoted)
        out.append(s if flags == s.flags else Sentence(start=s.start, end=s.end, flags=flags))
    return tuple(out)

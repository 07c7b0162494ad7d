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
from collections.abc import Iterable

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
_HISTORY = re.compile(
    r"\b(?:previous(?:ly)?|historically|formerly|former|until (?:19|20)\d\d|"
    r"^\W*between (?:19|20)\d\d and (?:19|20)\d\d|"
    r"(?:introduced|established|began|started|launched) (?:by [\w ]{1,40} )?in (?:19|20)\d\d|"
    r"was commissioned|were levied|not (?:been )?carried forward|used to|"
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
    "previous", "historically", "former", "until ", "between ", "introduced", "established",
    "began", "started", "launched", "was commissioned", "were levied", "carried forward",
    "used to", "replaced",
    "box ", "intelligent kindness", "pattern", "commissioners have", "this guidance",
    "avoid", "guard", "away from", "steer clear of",
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


def classify(
    text: str, sentences: Iterable[Sentence], quoted: bool = False
) -> tuple[Sentence, ...]:
    """``sentences`` of ``text`` with their :attr:`~speclint.models.Sentence.flags` set.

    ``quoted`` is true for the text of a block quotation. A text holding none of the
    words a flag needs is passed over in one scan, its sentences kept as they are.
    """
    if not quoted and not _may_flag(text):
        return tuple(s if not s.flags else Sentence(start=s.start, end=s.end) for s in sentences)
    out = []
    for s in sentences:
        flags = sentence_classes(text[s.start : s.end], quoted)
        out.append(s if flags == s.flags else Sentence(start=s.start, end=s.end, flags=flags))
    return tuple(out)

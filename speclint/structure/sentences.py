"""Split clause text into sentences without breaking on abbreviations or numbers."""

from __future__ import annotations

import re

from speclint.models import Sentence, SentenceClass, unvalidated

# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "eg",
        "i.e",
        "ie",
        "etc",
        "para",
        "paras",
        "cf",
        "vs",
        "approx",
        "incl",
        "inc",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "cl",
        "sch",
        "fig",
        "ref",
        "art",
        "s",
        "ss",
        "p",
        "pp",
        "ch",
        "vol",
        "viz",
        "al",
        "co",
        "ltd",
        "plc",
        "dept",
        "govt",
        "max",
        "min",
        "est",
        "sec",
        "reg",
        "regs",
    ]
)
# A boundary starts at the first of a run of stops (the look-behind), so a run of
# thousands of dots is tried once, not once per dot: linear, not quadratic.
# A line break also ends a sentence between two field lines, each opening with a label
# of up to five words ("Lot 1 contractPeriod: ...", "Lot 1 renewal: ..."), as notices
# and forms are laid out; a wrapped line of prose that happens to open with one
# ("Schedule 2: at least 95%") carries on its sentence.
_FIELD = r"[ \t]*[A-Z][A-Za-z0-9]*(?:[ \t][A-Za-z0-9]+){0,4}:[ \t]"
# Every alternative opens with a stop or a line break (the look-behind after the first
# stop asks that no stop comes before it), so the pattern is tried only at those.
_STOPS = (
    r"[.!?](?<![.!?][.!?])[.!?]*[\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9£])|\n[ \t]*\n"
    rf"|\n(?={_FIELD})"
)
_BOUNDARY = re.compile(_STOPS)
# A bullet glyph set inline, mid-paragraph ("... offering: • Signposting • Fundraising
# support"), as web pages and notices flatten their lists, also starts a new sentence:
# each item is read on its own, not as one run-on sentence with its neighbours. This
# pattern is tried at every space, so only text holding a bullet glyph is given it.
_INLINE_BULLET = r"[ \t](?=[•▪●][ \t]|\*[ \t]+[A-Z])"
_BOUNDARY_OR_BULLET = re.compile(rf"{_STOPS}|{_INLINE_BULLET}")
_BULLETS = ("•", "▪", "●", "*")
_FIELD_LINE = re.compile(_FIELD)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NUMBER_WORDS = frozenset(["no", "nos"])
_DIGIT_NEXT = re.compile(r"\s*[0-9]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1).lower()
    if word in _NUMBER_WORDS:  # "No. 4" abbreviates "number"; "A: No. The fee is fixed" ends
        return bool(_DIGIT_NEXT.match(text, dot + 1))
    return word in _ABBREVIATIONS or (len(word) == 1 and text[match.start(1)].isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` as offsets, trimmed of surrounding space.

    >>> [text[s.start:s.end] for text in ["See para. 4.3, e.g. the fee. It is £2.4m."]
    ...  for s in split_sentences(text)]
    ['See para. 4.3, e.g. the fee.', 'It is £2.4m.']
    """
    out: list[Sentence] = []
    last = len(text.rstrip()) - 1
    if (
        "\n" not in text
        and all(text.find(stop, 0, last) == -1 for stop in ".!?")
        and not any(bullet in text for bullet in _BULLETS)
    ):
        # Every boundary holds a line break, a stop with text after it or an inline
        # bullet: none here.
        _append(text, 0, len(text), out)
        return out
    start = 0
    bullets = any(bullet in text for bullet in _BULLETS)
    for match in (_BOUNDARY_OR_BULLET if bullets else _BOUNDARY).finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if match.group() == "\n":  # a break before a field line: after another field only
            line = text.rfind("\n", 0, match.start()) + 1
            before = text[line : match.start()].rstrip()
            if before.endswith((":", ",", ";")) or not _FIELD_LINE.match(text, line):
                continue  # a lead-in, a list, or a wrapped line of prose
        _append(text, start, match.end(), out)
        start = match.end()
    _append(text, start, len(text), out)
    return out


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(unvalidated_sentence(start, end))


_NO_FLAGS: frozenset[SentenceClass] = frozenset()


def unvalidated_sentence(
    start: int,
    end: int,
    flags: frozenset[SentenceClass] = _NO_FLAGS,
    quoted_from: int | None = None,
) -> Sentence:
    """A sentence of offsets worked out here (ints), made without validation."""
    values = {"start": start, "end": end, "flags": flags, "quoted_from": quoted_from}
    return unvalidated(Sentence, values)

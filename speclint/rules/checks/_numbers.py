"""Reading the numbers commissioning documents write: counts, dates and periods.

Small helpers shared by the arithmetic checks. They work on a sentence's text, so a
check can read "two (2) periods of twelve (12) months" or "1 October 2017 – 31 March
2018" without the query tokeniser's help.
"""

from __future__ import annotations

from speclint import lazy_re as re
from speclint.query.analysis import NUMBER_IN_WORDS, word_value

#: A count in figures or words ("two further periods", "a single term", "another year"),
#: as a group.
# A figure starts where its digits start: tried inside a run of digits as well, a search
# would rescan the rest of the run from every digit (quadratic in the run's length).
NUM = (
    r"((?<!\d)\d+(?:\.\d+)?|\b(?:" + NUMBER_IN_WORDS + r"|an?|single|another)"
    r"(?:(?![\w-])|(?=-(?:month|year|week|day))))"
)

MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTH = r"(" + "|".join(MONTH_NAMES) + r"|" + "|".join(m[:3] for m in MONTH_NAMES) + r")\.?"
#: A written date, "1 April 2025", "1st Oct 2017" or "the 1st of May 2026": groups day,
#: month, year.
DATE = r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})"
#: A month of a year, "April 2026": groups month, year.
MONTH_YEAR = r"(?<!\d\s)(?<!\d)\b" + _MONTH + r",?\s+(\d{4})"

_ECHO = re.compile(r"\b([a-z]+(?:-[a-z]+)?)\s+\((\d+)\)", re.IGNORECASE)


def count(text: str) -> float:
    """The value of a count in figures or words: "12" 12, "two" 2, "a" and "another" 1."""
    text = text.lower().strip()
    if text[0].isdigit():
        return float(text)
    return 1.0 if text in ("a", "an", "single", "another") else word_value(text) or 0.0


def without_echoes(text: str) -> str:
    """Drop figures that repeat a worded number: "two (2) periods" -> "two periods".

    The result has the same length, so offsets into it are offsets into ``text``.
    """
    if "(" not in text:
        return text  # every echo is bracketed: most sentences need no search

    def blank(match: re.Match[str]) -> str:
        value = word_value(match.group(1))
        if value is None or value != float(match.group(2)):
            return match.group(0)
        return match.group(1) + " " * (len(match.group(0)) - len(match.group(1)))

    return _ECHO.sub(blank, text)


def month_index(name: str) -> int:
    """0 for January (or "Jan") to 11 for December."""
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTH_NAMES].index(key)


def months_between(start: tuple[str, str, str], end: tuple[str, str, str]) -> float:
    """Whole months from a start date to an inclusive end date (day, month, year as written).

    "1 October 2017" to "31 March 2018" is 6; "1 April 2025" to "31 March 2026" is 12;
    "1 July 2025" to "30 June 2026" is 12.
    """
    d1, m1, y1 = start
    d2, m2, y2 = end
    months = (int(y2) - int(y1)) * 12 + month_index(m2) - month_index(m1)
    if int(d1) == 1 and int(d2) >= 28:
        return float(months + 1)  # "1 April ... 31 March": the last month counts in full
    return float(round(months + (int(d2) + 1 - int(d1)) / 30))

"""Recognise clause numbering and headings with the lark grammar in ``clause.lark``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from speclint import lazy_re as re

LabelStyle = Literal[
    "keyword", "decimal", "lower_alpha", "upper_alpha", "lower_roman", "upper_roman", "number"
]

_ROMAN = re.compile(r"^(?i:[ivxlc]+)$")
_UNITS = re.compile(
    r"(?i)^(?:hours?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|per|x|times|"
    r"people|persons?|places|beds|sessions|visits|contacts|referrals|staff|wte|%)\b"
)
# Plain-text starts that can open a labelled block. Anything else is not tried.
_CANDIDATE = re.compile(
    r"^\s*(?:#{1,6}\s|[0-9]|\(|[a-zA-Z]{1,6}[).]|"
    r"(?i:clause|schedule|part|annexe?|appendix|section|article|paragraph|para\.)\s)"
)


@dataclass(frozen=True)
class Label:
    """One clause label as printed, e.g. ``"4.3.2"``, ``"(b)"``, ``"Schedule 2"``."""

    text: str
    style: LabelStyle
    depth: int = 1  # parts of a decimal: "4.3.2" has depth 3


@dataclass(frozen=True)
class Heading:
    """What the grammar found at the start of a block."""

    labels: tuple[Label, ...]
    text: str  # the text after the labels
    text_offset: int  # where ``text`` starts in the block text
    markdown_level: int | None = None  # number of '#' when a Markdown heading

    @property
    def is_title(self) -> bool:
        """True when a clause number is followed by a short title, not a sentence."""
        return (
            bool(self.labels)
            and self.labels[-1].style in ("decimal", "keyword")
            and looks_like_title(self.text)
        )


_MODAL = re.compile(r"(?i)\b(shall|must|will|should|may|is|are|means|has|have)\b")
#: A figure stated as a value: money, a percentage, or a split such as "60 / 40" or
#: "60:40". A line that states one ("Price 60 / Quality 40") is a field, not a title.
_VALUE = re.compile(
    r"[£$€]\s?\d|\d\s?(?:%|per ?cent\b)|\d\s+/\s+\S|\b\d{1,3}\s?:\s?\d{1,3}\b(?!\s?[ap]m)"
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = re.compile(rf"(?i)^(?:{_MONTHS})\b")
#: Words that carry no heading on their own: dates, times, references, page furniture.
_FURNITURE_WORD = re.compile(
    rf"(?i)^(?:{_MONTHS}|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m|p\.m|noon|midday|midnight|hrs|"
    r"to|and|from|until|on|at|of|the|by|page|date|time|ref|reference|no|number|id|"
    r"notice|award|contract|tender|ocid|project|code)\.?$"
)


def is_date_or_reference(text: str) -> bool:
    """True when ``text`` is only dates, times, references or page numbers.

    ``Thursday 20th March 2025 - 1.00pm to 3.00pm``, ``Page 3 of 9``, ``Award Notice
    2025/S 000-002404`` and ``2024-03-01`` are; ``Winter Pressures 2025`` is not. Every
    word holding a digit counts as part of a date or reference.
    """
    words = [w for w in re.findall(r"[^\s,:;()]+", text) if any(c.isalnum() for c in w)]
    if not words:
        return False
    return all(any(c.isdigit() for c in word) or _FURNITURE_WORD.match(word) for word in words)


def looks_like_title(text: str) -> bool:
    """True for a short heading such as ``Staffing`` or ``Payment and Performance``.

    A date, a time, a notice reference, a page number or a line stating a figure (money,
    a percentage, a split such as "Price 60 / Quality 40") is never a title.
    """
    text = text.strip()
    return (
        bool(text)
        and len(text.split()) <= 8
        and text[0].isupper()
        and "|" not in text  # a table row written out, not a title
        and not text.endswith((".", ";", ",", ":"))
        and not _MODAL.search(text)
        and not states_figure(text)
        and not is_date_or_reference(text)
    )


#: Two names, each with a number, the numbers making up a whole: "Price 60 Quality 40",
#: "Quality: 35, Cost: 65" (a split written with spaces only).
_SPACED_SPLIT = re.compile(
    r"^\W*[A-Za-z][A-Za-z ]{0,24}?\s*:?\s*(\d{1,3})\s*,?\s+"
    r"[A-Za-z][A-Za-z ]{0,24}?\s*:?\s*(\d{1,3})\W*$"
)


def states_figure(text: str) -> bool:
    """True when ``text`` states a figure as a value: money, a percentage or a split."""
    if _VALUE.search(text) is not None:
        return True
    split = _SPACED_SPLIT.match(text)
    return split is not None and int(split.group(1)) + int(split.group(2)) == 100


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("speclint.structure").joinpath("clause.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", cache=True, maybe_placeholders=False)


def item_style(item: str, previous: LabelStyle | None = None) -> LabelStyle:
    """Classify a list item such as ``b``, ``iv`` or ``C``.

    ``i``, ``v`` and ``x`` on their own read as roman numerals unless ``previous`` (the
    style of the sibling before) says the list is alphabetic.
    """
    if item.isdigit():
        return "number"
    lower = item.islower()
    alpha: LabelStyle = "lower_alpha" if lower else "upper_alpha"
    roman: LabelStyle = "lower_roman" if lower else "upper_roman"
    if _ROMAN.match(item) and (len(item) > 1 or item.lower() in "ivx") and previous != alpha:
        return roman
    return alpha


def _decimal(value: str) -> Label:
    """A decimal label; its depth is the number of parts ("4.3.2." has three)."""
    return Label(value, "decimal", depth=len([p for p in value.split(".") if p]))


def _labels(tree: Tree[Token]) -> list[Label]:
    out: list[Label] = []
    for node in tree.children:
        if not isinstance(node, Tree):
            continue
        token = node.children[0] if node.children else None
        if not isinstance(token, Token):
            continue
        value = " ".join(str(token).split())
        if node.data == "keyword":
            out.append(Label(value.lstrip(",–—- ").rstrip(".,"), "keyword"))
        elif node.data == "decimal":
            out.append(_decimal(value))
        elif node.data == "paren":
            prev = out[-1].style if out and out[-1].style != "decimal" else None
            out.append(Label(f"({value})", item_style(value, prev if prev != "keyword" else None)))
        elif node.data == "closing":
            out.append(Label(f"{value})", item_style(value)))
        elif node.data == "dotted":
            out.append(Label(value, item_style(value.rstrip("."))))
    return out


def _plausible(labels: list[Label], text: str) -> bool:
    """Reject numbers that open ordinary sentences ("24 hours a day", "Section 3 sets out")."""
    first = labels[0]
    last = labels[-1]
    starts_upper = not text or text[0].isupper() or text[0] in "\"'‘“(["
    bare = last.style == "keyword" or (last.style == "decimal" and not last.text.endswith("."))
    if bare and not starts_upper and not (last.style == "decimal" and last.depth >= 3):
        # "2.2.1 crisis support …" (an item under a lead-in) is a clause; no quantity
        # has two decimal points.
        return False
    return not (
        len(labels) == 1
        and first.style == "decimal"
        and first.depth == 1
        and not first.text.endswith(".")
    )


# The plain shapes ("4.3.2", "(a)", "iv)") followed by a separator: the grammar's own
# terminals, matched without running the parser. ``test_fast_path_agrees_with_grammar``
# checks that both give the same answer.
_FAST = re.compile(
    r"^(?:(?P<decimal>[0-9]{1,3}(?:\.[0-9]{1,3})*\.?)"
    r"|\((?P<paren>(?i:[ivxlc]{1,6})|[a-z]{1,2}|[A-Z]{1,2}|[0-9]{1,3})\)"
    r"|(?P<closing>(?i:[ivxlc]{1,6})|[a-z]{1,2}|[A-Z]{1,2}|[0-9]{1,3})\))"
    r"(?P<sep>[ \t]*[-–—:][ \t]+|[ \t]+|$)"
)


def _fast(stripped: str) -> tuple[list[Label], str, int] | None:
    match = _FAST.match(stripped)
    if match is None:
        return None
    rest_at = match.end()
    rest = stripped[rest_at:]
    if (match.group("sep") == "" and rest) or rest.startswith("("):
        return None  # "3(b)" or "1.1 (a)": the grammar decides
    if match.group("decimal"):
        label = _decimal(match.group("decimal"))
    elif match.group("paren"):
        label = Label(f"({match.group('paren')})", item_style(match.group("paren")))
    else:
        label = Label(f"{match.group('closing')})", item_style(match.group("closing")))
    return [label], rest, rest_at


def parse_heading(text: str) -> Heading | None:
    """Parse the labels at the start of ``text``; ``None`` when it has none.

    >>> parse_heading("4.3.2 The Provider shall...").labels[0].text
    '4.3.2'
    """
    if not _CANDIDATE.match(text):
        return None
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    first, newline, below = stripped.partition("\n")
    if newline and below.strip():
        # "4.2" on a line of its own with the clause text underneath.
        alone = parse_heading(first)
        if alone is not None and alone.labels and not alone.text:
            rest = below.strip()
            return Heading(alone.labels, rest, lead + stripped.index(rest), alone.markdown_level)
    level: int | None = None
    fast = _fast(stripped)
    if fast is not None:
        labels, rest, rest_at = fast
    else:
        parsed = _grammar_parse(stripped)
        if parsed is None:
            return None
        labels, rest, rest_at, level = parsed
    return _finish(stripped, lead, labels, rest, rest_at, level)


def _grammar_parse(stripped: str) -> tuple[list[Label], str, int, int | None] | None:
    """Parse ``stripped`` with the clause grammar: labels, rest, where it starts, '#' count."""
    try:
        tree = _parser().parse(stripped)
    except LarkError:
        return None
    level: int | None = None
    labels: list[Label] = []
    rest = ""
    rest_at = len(stripped)
    for child in tree.children:
        if isinstance(child, Token):
            if child.type == "HASHES":
                level = len(child.strip())
            elif child.type == "TEXT":
                rest = str(child)
                rest_at = child.start_pos or 0
        elif child.data == "labels":
            labels = _labels(child)
    return labels, rest, rest_at, level


#: What follows a number that makes it a time ("10.30 am", "10.30 – 12.00", "9.00 to 5.00").
_TIME_AFTER = re.compile(r"(?i)^(?:a\.?m\b|p\.?m\b|noon|midday|hrs\b|(?:[-–—]|to)\s*[0-9])")


def _is_date_or_time(labels: list[Label], rest: str) -> bool:
    """True for a day and month ("20 March 2025") or a time ("10.30 am"), not a clause."""
    if len(labels) != 1 or labels[0].style != "decimal":
        return False
    label = labels[0].text.rstrip(".")
    if labels[0].depth == 1 and _MONTH.match(rest):
        return True
    parts = label.split(".")
    return (
        len(parts) == 2
        and int(parts[0]) <= 24
        and len(parts[1]) == 2
        and int(parts[1]) < 60
        and bool(_TIME_AFTER.match(rest))
    )


def _finish(
    stripped: str, lead: int, labels: list[Label], rest: str, rest_at: int, level: int | None
) -> Heading | None:
    if labels and _is_date_or_time(labels, rest):
        if level is None:
            return None
        labels, rest, rest_at = [], stripped[len("#" * level) :].strip(), len(stripped)
        rest_at = stripped.index(rest) if rest else len(stripped)
    if labels and not _plausible(labels, rest):
        if level is None:
            # A bare integer followed by a capitalised heading ("3 Finance") is a label;
            # one followed by a sentence is not.
            only = labels[0]
            if not (
                len(labels) == 1
                and only.style == "decimal"
                and only.depth == 1
                and rest[:1].isupper()
                and len(rest.split()) <= 8
                and not rest.rstrip().endswith((".", ";", ","))
                and not _UNITS.match(rest)
            ):
                return None
        else:
            labels = []
            rest = stripped[len("#" * level) :].strip()
            rest_at = stripped.index(rest) if rest else len(stripped)
    if level is None and not labels:
        return None
    return Heading(tuple(labels), rest.rstrip(), lead + rest_at, level)

"""Linear time on pathological input: time at 1x, 4x and 16x for each family.

Each family once made speclint take tens of seconds on a few kilobytes (a regex that
backtracked, a scan repeated per match). Here the work must grow about linearly: from
4x to 16x the input, time may grow by at most 10x (about 2x linear, with room for a busy
machine); a quadratic cost grows 16x and fails. Sizes are small enough for seconds, not
minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import best_of

import speclint
from speclint.engine import _sentence
from speclint.parsers import parse_bytes
from speclint.parsers.markdown import comment_spans
from speclint.parsers.pdf_contents import ends_in_leader
from speclint.parsers.pdf_layout import _pages_near
from speclint.parsers.textio import directive_text
from speclint.rules.checks.price_weight import row_weight, weights
from speclint.rules.checks.short_term import _DURATION
from speclint.rules.context import RuleHit
from speclint.structure.build import build_outline
from speclint.structure.meaning import sentence_flags
from speclint.structure.sentences import split_sentences

BASE = 2000
#: From 4x to 16x the input, the time may grow at most this much (linear is 4x).
LIMIT = 10


def _growth(work: Callable[[int], object], tries: int = 3) -> float:
    """How much longer the work takes on 16x the input than on 4x.

    A load spike from another process can slow one timing; it is measured again, up to
    ``tries`` times, while it reads over the limit. A quadratic cost reads about 16x
    every time, so it still fails.
    """
    work(BASE)  # warm up: imports and caches are not what is measured
    growth = float("inf")
    for _ in range(tries):
        small = best_of(lambda: work(4 * BASE), repeats=5)
        large = best_of(lambda: work(16 * BASE), repeats=5)
        growth = min(growth, large / max(small, 1e-4))
        if growth < LIMIT:
            break
    return growth


@cache
def _header_rows(pages: int) -> list[tuple[Any, Any]]:
    """One running-header row per page, made once per size (only the sweep is timed)."""
    return [(SimpleNamespace(number=i), SimpleNamespace(cy=20.0 + i % 3)) for i in range(pages)]


def _quoted_sentence(size: int) -> object:
    """The sentence of a finding whose triggers are every word of a long sentence."""
    text = "payment  withheld " * (size // 9)
    unit = SimpleNamespace(
        text=text, sentences=[SimpleNamespace(start=0, end=len(text), quoted_from=None)]
    )
    context = SimpleNamespace(outline=SimpleNamespace(units=[unit]))
    spans = tuple((i, i + 7) for i in range(0, len(text), 9))
    return _sentence(context, RuleHit(0, 0, len(text), spans=spans))  # type: ignore[arg-type]


def _long_clause(size: int) -> object:
    """One clause of many unnumbered paragraphs, cut into pieces of readable length."""
    paragraphs = "\n\n".join(
        f"The Provider shall report visit {i} to the commissioner each month."
        for i in range(size // 16)
    )
    return build_outline(parse_bytes(("4.1 " + paragraphs).encode(), "long.txt", "txt"))


FAMILIES: dict[str, Callable[[int], object]] = {
    "a run of full stops": lambda n: split_sentences("The Provider shall " + "." * n + " Next."),
    "unclosed Markdown comments": lambda n: comment_spans("<!--" * (n // 4)),
    "unclosed link targets": lambda n: speclint.check_text("](" * (n // 2), "md"),
    "a long directive line": lambda n: directive_text("# speclint: ignore " + " " * n + "x"),
    "spaces before a sentence": lambda n: speclint.check_text(
        "!" + " " * n + "The Provider shall be paid.", "txt"
    ),
    "a long line of dots in Markdown": lambda n: speclint.check_text("1. " + "." * n, "md"),
    "punctuation and spaces before a lower-case sentence": lambda n: speclint.check_text(
        "!" + " " * n + "the provider shall be paid", "txt"
    ),
    "the sentence-kind pattern on a run of spaces": lambda n: sentence_flags(
        "!" + " " * (n // 100) + "the provider shall be paid", False
    ),
    "a table row of many cells": lambda n: speclint.check_text(
        "| "
        + " | ".join(f"h{i}" for i in range(n // 20))
        + " |\n|"
        + "---|" * (n // 20)
        + "\n| "
        + " | ".join(f"Cell {i}." for i in range(n // 20))
        + " |\n",
        "md",
    ),
    "many directives": lambda n: speclint.check_text(
        "".join(
            f"<!-- speclint: ignore PBR001 -- agreed {i} -->\n{i}.1 The Provider shall report.\n\n"
            for i in range(n // 20)
        ),
        "md",
    ),
    "a running header on every page": lambda n: _pages_near(_header_rows(n), 4.0),
    "one long sentence full of proximity hits": lambda n: speclint.check_text(
        "4.1 " + "payment withheld until the KPI target is met and " * (n // 50) + "so on.", "txt"
    ),
    "a finding quoting every word of a long sentence": _quoted_sentence,
    "one clause of thousands of paragraphs": lambda n: _long_clause(4 * n),
    "a long run of digits before a duration": lambda n: list(
        _DURATION.finditer("The term is " + "1" * (n * 4) + "x months.")
    ),
    "a long dot leader with no page number": lambda n: ends_in_leader("Scope " + "." * n * 8),
    "a table row with a long run of spaces": lambda n: row_weight("Price" + " " * n * 8 + "x"),
    "a weighting sentence of thousands of numbers": lambda n: weights(
        "Quality weighting " + "12 " * n + "end"
    ),
    "one long sentence full of negated hits": lambda n: speclint.check_text(
        "4.1 " + "no payment is withheld and no KPI target is set and " * (n // 50) + "so on.",
        "txt",
    ),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_work_grows_linearly(family: str) -> None:
    growth = _growth(FAMILIES[family])
    assert growth < LIMIT, f"{family}: 4x more input took {growth:.1f}x longer (linear is 4x)"

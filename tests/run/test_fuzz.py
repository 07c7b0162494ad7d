"""Fuzzing every parser: findings, or one line naming the cause; never a traceback.

Two kinds of input, for each format:

* **mutations** of real fixtures (bytes flipped, cut, repeated or spliced in), which
  reach deep into the Word and PDF readers while still looking like their format;
* **generated text** for Markdown and plain text, drawn from the characters that
  drive their grammars (numbers, bullets, pipes, emphasis, comments, control bytes).

The property: ``check_bytes`` returns a report whose errors are single lines and never
an "internal error", quickly. CI runs a short, fixed budget with a fixed seed
(derandomised, so a failure is reproducible); ``SPECLINT_FUZZ_LONG=1`` runs at length.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speclint
from speclint.models import Report

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
LONG = os.environ.get("SPECLINT_FUZZ_LONG") == "1"
BUDGET = settings(
    max_examples=1000 if LONG else 12,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = {
    "md": ROOT / "markdown" / "community-support-spec.md",
    "txt": ROOT / "text" / "portal-notices.txt",
    "docx": ROOT / "docx" / "spec_numbered.docx",
    "pdf": ROOT / "pdf" / "spec_multipage.pdf",
}
#: Seconds one input may take here (in-process, no worker to stop it).
LIMIT = 20.0


def _holds(data: bytes, fmt: str) -> None:
    start = time.monotonic()
    report: Report = speclint.check_bytes(data, fmt, path=f"fuzz.{fmt}")  # type: ignore[arg-type]
    assert time.monotonic() - start < LIMIT
    for error in report.errors:
        assert "\n" not in error.message and error.message.strip()
        assert "internal error" not in error.message, error.message
    for file in report.files:
        for finding in file.findings:
            assert finding.code and finding.message


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few random edits: flips, cuts, repeats and splices."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "splice", "truncate"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            chunk = data[at : at + draw(st.integers(1, 256))]
            data[at:at] = chunk * draw(st.integers(1, 8))
        elif kind == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.parametrize("fmt", list(SEEDS))
def test_mutated_fixtures_never_break_a_parser(fmt: str) -> None:
    seed = SEEDS[fmt].read_bytes()

    @BUDGET
    @given(mutated(seed))
    def check(data: bytes) -> None:
        _holds(data, fmt)

    check()


_PIECES = st.sampled_from(
    [
        "1.",
        "4.3.2",
        "(a)",
        "(iii)",
        "Schedule 2",
        "- ",
        "* ",
        "• ",
        "| ",
        " |",
        "---",
        "**",
        "_",
        "#",
        "<!--",
        "-->",
        "speclint: ignore PBR001 -- x",
        "](",
        "\\",
        "£30",
        "10%",
        " per cent",
        "shall",
        "not",
        "withheld",
        "target",
        "supervision",
        "existing resources",
        ":",
        ".",
        " ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        "\x00",
        "\x1b",
        "\u202e",
        "\ufeff",
    ]
)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_generated_text_never_breaks_a_parser(fmt: str) -> None:
    @BUDGET
    @given(st.lists(_PIECES, max_size=400).map("".join))
    def check(text: str) -> None:
        _holds(text.encode("utf-8", "surrogatepass"), fmt)

    check()

"""What the bench scripts share: the fixture generators, Chromium settings, timing.

The generators are the ones the tests use (``tests/helpers.py``), so a bench measures
the same documents the test suite checks.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_ARGS, find_chromium, load_generator  # noqa: E402

__all__ = ["CHROMIUM_ARGS", "ROOT", "best_of", "find_chromium", "load_generator"]


def best_of(func: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of ``repeats`` calls of ``func``, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best

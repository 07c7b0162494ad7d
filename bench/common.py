"""What the bench scripts share: the fixture generators, Chromium settings, timing.

The generators are the ones the tests use (``tests/helpers.py``), so a bench measures
the same documents the test suite checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_ARGS, best_of, find_chromium, load_generator  # noqa: E402

__all__ = ["CHROMIUM_ARGS", "ROOT", "best_of", "find_chromium", "load_generator"]

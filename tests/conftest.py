"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Keep the query cache of test runs (and of the processes they start) out of ~/.cache.
os.environ.setdefault("SPECLINT_CACHE_DIR", tempfile.mkdtemp(prefix="speclint-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES

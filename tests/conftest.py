"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Keep the query cache of test runs (and of the processes they start) out of ~/.cache.
os.environ.setdefault("SPECLINT_CACHE_DIR", tempfile.mkdtemp(prefix="speclint-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _results_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Give every test an empty results cache, so no test sees another's results."""
    folder = tmp_path_factory.mktemp("results-cache")
    monkeypatch.setenv("SPECLINT_RESULTS_CACHE_DIR", str(folder))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (skipped when it is not installed)."""
    from helpers import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()

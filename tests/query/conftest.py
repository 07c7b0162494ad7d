"""Fixtures shared by the query tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import programs_cleared


@pytest.fixture
def fresh_programs() -> Iterator[None]:
    """Compiled programs forgotten before the test and after it (see :func:`programs_cleared`)."""
    programs_cleared()
    yield
    programs_cleared()  # later tests compile in the default mode again

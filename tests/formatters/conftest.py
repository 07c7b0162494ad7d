"""Fixtures of the formatter tests: the hand-built report and outline (see ``hand_built``)."""

from __future__ import annotations

import pytest
from hand_built import hand_built_outline, hand_built_report

from speclint.models import OutlineReport, Report


@pytest.fixture(scope="session")
def report() -> Report:
    """The hand-built report."""
    return hand_built_report()


@pytest.fixture(scope="session")
def outline() -> OutlineReport:
    """The hand-built outline."""
    return hand_built_outline()

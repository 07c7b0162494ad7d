"""A body's own decision told under a Background heading counts; the rest stays quiet."""

from __future__ import annotations

from speclint.parsers import parse_bytes
from speclint.structure import build_outline
from speclint.structure.build import Outline


def _outline(text: str, name: str = "variation.md") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, "md"))


def test_a_bodys_own_decision_under_background_is_not_quiet() -> None:
    text = """\
# Variation to the day services contract

## Background

The Board approved the award of the day services contract to the lowest bid at its June meeting.

Until 2023 the service was let on annual contracts.

## Definitions

The Board approved the definitions below.
"""
    quiet = {unit.text[:24]: unit.quiet for unit in _outline(text).units}
    assert not quiet["The Board approved the a"]  # the body's own decision counts
    assert quiet["Until 2023 the service w"]  # past practice told in the background stays quiet
    assert quiet["The Board approved the d"]  # Definitions stay quiet whatever they say

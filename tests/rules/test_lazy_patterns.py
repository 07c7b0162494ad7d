"""Check modules compile their regular expressions on first use; each must still be valid."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import speclint.rules.checks as checks
from speclint import lazy_re as _lazy_re
from speclint.lazy_re import LazyPattern


def _lazy_patterns() -> list[tuple[str, LazyPattern]]:
    found = []
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found.append((f"{info.name}.{name}", value))
    return found


def test_the_checks_patterns_are_found() -> None:
    assert len(_lazy_patterns()) >= 20


@pytest.mark.parametrize(("name", "pattern"), _lazy_patterns(), ids=lambda x: str(x))
def test_every_lazy_pattern_compiles_as_re_would(name: str, pattern: LazyPattern) -> None:
    # A mistake in a pattern no longer fails at import: it would cost a file, mid-run.
    compiled = re.compile(pattern.pattern, pattern._flags)
    assert pattern.flags == compiled.flags and pattern.groups == compiled.groups, name


def test_a_lazy_pattern_is_compiled_once_and_answers_as_a_pattern() -> None:
    pattern = _lazy_re.compile(r"(\d+)\s+months?", _lazy_re.IGNORECASE)
    assert "search" not in vars(pattern)  # nothing compiled yet
    found = pattern.search("a term of 24 Months")
    assert found is not None and found.group(1) == "24"
    assert "search" in vars(pattern)
    assert pattern.sub("N", "3 months, 6 months") == "N, N"
    with pytest.raises(re.error):
        _lazy_re.compile("(unclosed").search("text")

"""The ``speclint`` command readies its process to end quickly; a caller's process is left alone."""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Iterator

import pytest

from speclint import cli


@pytest.fixture
def unfrozen() -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_command_freezes_its_objects_before_it_exits(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["speclint", "--version"])
    assert cli.main(out=io.StringIO(), err=io.StringIO()) == 0
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == cli._YOUNG_SWEEP


def test_a_caller_passing_arguments_keeps_its_garbage_collector(unfrozen: None) -> None:
    threshold = gc.get_threshold()
    assert cli.main(["--version"], out=io.StringIO(), err=io.StringIO()) == 0
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold


def test_the_command_skips_pydantic_plugins_unless_asked_for_them(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["speclint", "--version"])
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # restored after the test
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    assert cli.main(out=io.StringIO(), err=io.StringIO()) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    assert cli.main(out=io.StringIO(), err=io.StringIO()) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""

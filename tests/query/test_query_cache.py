"""The on-disk cache of parsed rule queries: exact round trip, never fails a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_python

from speclint.query import cache
from speclint.query.parser import _parse
from speclint.rules import all_rules


def test_every_rule_query_round_trips() -> None:
    for rule in all_rules():
        for text in (rule.query, rule.unless_anywhere):
            if text:
                parsed = _parse(text)
                assert cache.from_data(cache.to_data(parsed)) == parsed, rule.code


def _lint(cache_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_python("import speclint; print(len(speclint.all_rules()))", cache_dir)


def test_first_run_writes_the_cache_and_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    first = _lint(tmp_path)
    assert first.returncode == 0
    (written,) = tmp_path.glob("queries-*.json")
    assert written.stat().st_size > 1000
    written.write_text("{not json", "utf-8")
    again = _lint(tmp_path)
    assert again.returncode == 0 and again.stdout == first.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unwritable_cache_folder_is_ignored(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    result = _lint(blocked / "cache")
    assert result.returncode == 0 and result.stderr == ""

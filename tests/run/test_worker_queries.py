"""Queries first parsed inside worker processes reach the on-disk query cache."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from speclint.query import cache, parser
from speclint.signing import unseal
from speclint.workers import Limits, Supervisor


def _parse_in_worker(text: str) -> str:
    """A task that parses a query no rule has (as a check's own query is parsed)."""
    parser.parse_query(text)
    return text


def _saved() -> set[str]:
    target = cache.cache_file()
    content = unseal(target.name, target.read_bytes())
    assert content is not None
    return set(marshal.loads(content)["queries"])


@pytest.fixture
def empty_query_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query cache in a folder of its own, and a process that has parsed nothing."""
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(tmp_path / "queries"))
    monkeypatch.setattr(parser, "_PARSED", {})
    monkeypatch.setattr(parser, "_FRESH", set())
    cache.cache_file.cache_clear()
    cache._stored.cache_clear()
    yield
    cache.cache_file.cache_clear()
    cache._stored.cache_clear()


@pytest.mark.usefixtures("empty_query_cache")
def test_queries_parsed_by_two_workers_are_all_saved() -> None:
    texts = [f'"care plan" w/3 "review{i}"' for i in range(8)]
    supervisor: Supervisor[str, str] = Supervisor(
        _parse_in_worker, lambda task, cause: cause, 2, Limits(timeout=60, max_memory_mb=None)
    )
    done = sorted(result for _i, result in supervisor.run(list(enumerate(texts))))
    assert done == sorted(texts)
    assert set(texts) <= _saved()  # every worker's queries, none lost to another's save

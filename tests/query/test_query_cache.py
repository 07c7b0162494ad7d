"""The on-disk cache of parsed rule queries: exact round trip, never fails a run."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_python

from speclint.models import Clause
from speclint.query import cache
from speclint.query.analysis import analyse
from speclint.query.ast import Concept, Query
from speclint.query.evaluate import Evaluator
from speclint.query.parser import _parse
from speclint.query.prefilter import Candidates
from speclint.rules import all_rules, vocabulary
from speclint.structure import split_sentences


def test_every_rule_query_round_trips() -> None:
    for rule in all_rules():
        for text in (rule.query, rule.unless_anywhere, rule.unless_in_context):
            if text:
                parsed = _parse(text)
                assert cache.from_data(cache.to_data(parsed)) == parsed, rule.code


def _lint(cache_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_python("import speclint; print(len(speclint.all_rules()))", cache_dir)


def test_first_run_writes_the_cache_and_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    first = _lint(tmp_path)
    assert first.returncode == 0
    (written,) = tmp_path.glob("queries-*.marshal")
    assert written.stat().st_size > 1000
    written.write_text("{not marshal", "utf-8")
    again = _lint(tmp_path)
    assert again.returncode == 0 and again.stdout == first.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unwritable_cache_folder_is_ignored(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    result = _lint(blocked / "cache")
    assert result.returncode == 0 and result.stderr == ""


def test_a_cache_that_cannot_be_put_in_place_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: str, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "cache_file", lambda: tmp_path / "queries-test.json")
    monkeypatch.setattr(cache, "cache_path", lambda: tmp_path / "queries-test.json")
    monkeypatch.setattr(os, "replace", full)  # the rename of the finished file
    cache.save([("payment", _parse("payment"))])
    assert list(tmp_path.iterdir()) == []


def test_the_cache_key_covers_every_query_module_a_parse_depends_on() -> None:
    # A module left out could change how a query parses while an old parse is still read.
    folder = Path(cache.__file__).parent
    for name in cache.KEYED:
        if not name.endswith(".py"):
            continue
        imported = re.findall(r"speclint\.query\.(\w+)", (folder / name).read_text("utf-8"))
        missing = {f"{m}.py" for m in imported} - set(cache.KEYED)
        assert not missing, (name, missing)


def _through_the_cache(parsed: dict[str, Query]) -> dict[str, Query]:
    """``parsed`` written as the cache writes it and read back (lazy, concepts shared)."""
    concepts: dict[str, object] = {}
    entries = {
        text: cache._entry(query, json.dumps(cache.to_data(query, concepts)))
        for text, query in parsed.items()
    }
    table = cache._Concepts(json.loads(json.dumps(concepts)), _parse)
    return {text: cache.CachedConcept("", entry, table, text) for text, entry in entries.items()}


def _queries() -> dict[str, Query]:
    texts = [q for r in all_rules() for q in (r.query, r.unless_anywhere, r.unless_in_context) if q]
    texts += ["@" + name for name in vocabulary().registry]
    # Corners no pack may hold today: a negated item that needs no word of its own.
    texts += [
        "NEG(NUMBER)",
        "session* /s NEG(NUMBER)",
        "NUMBER pre/3 NEG(NUMBER) pre/4 NEG(NUMBER)",
    ]
    return {text: _parse(text) for text in texts}


def _examples() -> list[str]:
    found = [t for r in all_rules() for t in (*r.tests.fail, *r.tests.pass_)]
    found += [t for c in vocabulary().pack.concepts for t in (*c.match, *c.no_match)]
    return found


def test_a_cached_query_lets_through_the_units_its_tree_does() -> None:
    fresh = _queries()
    cached = _through_the_cache(fresh)
    examples = _examples()
    # One document of every example, and small ones, so that sets are tight and empty too.
    for texts in (examples, *(examples[i : i + 7] for i in range(0, len(examples), 97))):
        walked, flattened = Candidates(texts), Candidates(texts)
        for text, query in fresh.items():
            assert flattened.of(cached[text]) == walked.of(query), text[:60]
            assert flattened.anywhere(cached[text]) == walked.anywhere(query), text[:60]


def test_a_cached_query_is_decoded_only_when_read_and_finds_the_same_hits() -> None:
    fresh = _queries()
    cached = _through_the_cache(fresh)
    some = next(iter(cached.values()))
    assert "query" not in some.__dict__  # not decoded yet
    for text in _examples()[::5]:
        clause = Clause(text=text, sentences=split_sentences(text))
        for query_text, query in fresh.items():
            want = Evaluator(analyse(clause)).run(query)
            assert Evaluator(analyse(clause)).run(cached[query_text]) == want, query_text[:60]
    assert cached[next(iter(fresh))] == Concept("", next(iter(fresh.values())))
    restored = pickle.loads(pickle.dumps(some))
    assert type(restored) is Concept and restored == some


def test_concepts_are_shared_by_every_cached_query() -> None:
    cached = _through_the_cache(_queries())
    seen: dict[str, int] = {}

    def walk(query: object) -> None:
        if isinstance(query, Concept):
            if query.name and seen.setdefault(query.name, id(query)) != id(query):
                raise AssertionError(f"two copies of @{query.name}")
            if query.name:
                return
            query = query.query
        for child in getattr(query, "items", ()) or ():
            walk(child)
        for attr in ("item", "left", "right"):
            if hasattr(query, attr):
                walk(getattr(query, attr))

    for query in cached.values():
        walk(query)
    assert len(seen) > 10


def test_a_tree_that_does_not_decode_is_parsed_afresh() -> None:
    text = "@FUNDING /s withh*"
    query = _parse(text)
    (cached,) = _through_the_cache({text: query}).values()
    cached.__dict__["_entry"] = {**cached.__dict__["_entry"], "tree": '["nonsense"]'}
    assert cached.query == query


def test_parses_are_not_saved_when_the_concepts_changed_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name was fixed when the run began; a concept edited since gives another name,
    # and what the run parsed may belong to either version: nothing is written.
    began = tmp_path / "queries-began.json"
    monkeypatch.setattr(cache, "cache_file", lambda: began)
    monkeypatch.setattr(cache, "cache_path", lambda: tmp_path / "queries-edited.json")
    cache.save([("fund*", _parse("fund*"))])
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(cache, "cache_path", lambda: began)
    cache.save([("fund*", _parse("fund*"))])
    assert [p.name for p in tmp_path.iterdir()] == ["queries-began.json"]


def test_concepts_another_process_saved_join_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that read the file before another saved to it still decodes what it reads.

    After a save the file is read again, and its queries may name concepts that the
    process's table, made from the earlier file, lacks.
    """
    text = "@FUNDING /s withh*"
    query = _parse(text)
    concepts: dict[str, object] = {}
    entry = cache._entry(query, json.dumps(cache.to_data(query, concepts)))
    later = {"concepts": json.loads(json.dumps(concepts)), "queries": {text: entry}}
    monkeypatch.setattr(cache, "_TABLE", [])
    monkeypatch.setattr(cache, "_stored", lambda: {"concepts": {}, "queries": {}})
    cache._concepts(_parse)  # the table, made before the other process saved
    monkeypatch.setattr(cache, "_stored", lambda: later)
    (loaded,) = cache.load([text], _parse).values()
    assert "FUNDING" in cache._TABLE[0]._entries
    assert loaded.query == query

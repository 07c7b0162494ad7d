"""The pre-filter's compiled ``meet_need`` and its Python twin ``_meet_python`` agree.

:meth:`speclint.query.prefilter.Candidates._meet` (the units a concept's flattened need
allows, a bit mask) runs ``meet_need`` in ``speclint/_scan.c`` when the module is built,
``_meet_python`` without it or with ``SPECLINT_PURE_QUERY=1``. Every rule's query and
every concept, met both ways (their units, and their units for document-wide queries) over
the Markdown drafts and the corpus sentences in paragraphs, give the same units; so does every
need and every part of a need met directly, in a document of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import ROOT, corpus_sentences

from speclint.parsers import parse_bytes
from speclint.query import prefilter
from speclint.query.ast import Concept
from speclint.query.parser import parse_query
from speclint.query.prefilter import Candidates, Need, need_data
from speclint.rules import all_rules, vocabulary
from speclint.structure.build import build_outline

_COMPILED = pytest.mark.skipif(
    prefilter._compiled is None, reason="built without a C compiler: only the Python one exists"
)


def _documents() -> Iterator[list[str]]:
    """The unit texts of each Markdown draft, and of corpus sentences in paragraphs."""
    for path in sorted((ROOT / "fixtures" / "drafts").glob("*.md")):
        outline = build_outline(parse_bytes(path.read_bytes(), str(path), "md"))
        yield [unit.text for unit in outline.units]
    sentences = corpus_sentences()
    for start in range(0, len(sentences), 400):
        part = sentences[start : start + 400]
        yield [" ".join(part[i : i + 2]) for i in range(0, len(part), 2)]


def _both(texts: list[str]) -> tuple[Candidates, Candidates]:
    """The same document's candidates twice: meeting needs compiled, and in Python."""
    compiled, python = Candidates(texts), Candidates(texts)
    assert compiled._meet_compiled
    python._meet_compiled = False
    return compiled, python


def _needs(need: Need) -> Iterator[Need]:
    """``need`` and every part of its ``every``, depth first."""
    yield need
    if not need.everything:
        for each in need.parts()[7]:
            for part in each:
                yield from _needs(part)


@_COMPILED
def test_compiled_meet_gives_the_python_units(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {q for rule in all_rules() for q in (rule.query, rule.unless_anywhere) if q}
    texts.update("@" + concept.name for concept in vocabulary().pack.concepts)
    queries = [parse_query(text) for text in sorted(texts)]
    met = 0
    real = prefilter._compiled.meet_need

    def counted(*args: object) -> int:
        nonlocal met
        met += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(prefilter._compiled, "meet_need", counted)
    documents = 0
    for texts_of_units in _documents():
        compiled, python = _both(texts_of_units)
        for query in queries:
            assert compiled.units(compiled._of(query)) == python.units(python._of(query)), query
            assert compiled.anywhere(query) == python.anywhere(query), query
        documents += 1
    assert documents >= 5
    assert met > 1000  # the compiled one ran, on needs of every shape


@_COMPILED
def test_every_part_of_every_need_agrees() -> None:
    """Each need of every rule's query and every concept, and each part of it, met alone.

    The needs are made here from each query's :func:`need_data`, as the query cache makes
    them, so that the test does not hang on what a cache folder holds (a first run parses
    every query afresh and meets no cached need at all).
    """
    texts = {q for rule in all_rules() for q in (rule.query, rule.unless_anywhere) if q}
    texts.update("@" + concept.name for concept in vocabulary().pack.concepts)

    def concept(name: str) -> Concept:
        found = parse_query("@" + name)
        assert isinstance(found, Concept)
        return found

    made: list[Need] = []
    for text in sorted(texts):
        query = parse_query(text)
        body = query.query if isinstance(query, Concept) else query
        made += [Need(need_data(body), concept), Need(need_data(body, anywhere=True), concept)]
    needs = {id(n): n for need in made for n in _needs(need)}
    assert len(needs) > 1000
    documents = list(_documents())
    for texts_of_units in documents[:3]:
        compiled, python = _both(texts_of_units)
        for need in needs.values():
            assert compiled._meet(need) == python._meet(need)


def test_pure_query_keeps_the_python_meet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    assert not Candidates(["The fee is not paid."])._meet_compiled

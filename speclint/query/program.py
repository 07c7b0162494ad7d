"""Queries compiled into nested closures, one per node, for :class:`Evaluator` to run.

The evaluator's handlers (:data:`speclint.query.evaluate._HANDLERS`) read a query as a
tree: at every node of every unit they look up the node's kind, and the split of an
``OR``, the id of a concept, the phrase's sense, afresh. Here each node is turned once
into a function of the evaluator, holding what the handler would work out each time
(its children's functions, an ``OR``'s words, the concept's memo key) in its closure, so
that a unit's evaluation is a chain of plain calls. The results are the handlers' own:
each function does what its handler does and calls the same helpers
(:meth:`Evaluator._negated`, :meth:`Evaluator._pairs` and the rest), or writes their
common case out (a word's unnegated hits, a phrase's words read once, a few hits paired
one by one); ``tests/query/test_program.py`` holds the two to each other.

An ``OR``'s run, the most frequent program of a lint, runs in C when ``speclint._scan``
is built (``or_hits`` in ``speclint/_scan.c``: the same steps, and the pre-filter's
answer for its other items, :meth:`UnitView.alternatives`, read in place);
``SPECLINT_PURE_QUERY=1`` keeps the Python ``run`` of :func:`_or`, its twin, and
``tests/query/test_or_compiled.py`` compares the two. So do a proximity connector's run
with its pairing (``near_hits``, :meth:`Evaluator._pairs` step for step), one whose right
side is ``NOT`` (``blocked_hits``), ``NOT`` (``not_hits``), ``AND`` (``and_hits``), a
concept's memo (``concept_hits``) and the pre-filter's test of a node (``checked_hits``);
``tests/query/test_near_compiled.py`` compares them on generated connectors too.

A concept's tree is compiled when the concept is first evaluated, not before: a concept
read from the query cache decodes its tree only when some unit's words let the
pre-filter through (:class:`speclint.query.cache.CachedConcept`), and compiling it
earlier would decode every tree a rule names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from speclint.query.analysis import NEGATION_REACH
from speclint.query.ast import (
    And,
    ByKind,
    Concept,
    Near,
    Neg,
    Not,
    NumberTest,
    Or,
    Phrase,
    Query,
    Term,
)
from speclint.query.hits import (
    NO_HITS,
    SortedHits,
    TokenSpan,
    distinct,
    names_sense,
    split_or,
)

if TYPE_CHECKING:
    from speclint.query.analysis import Analysis
    from speclint.query.evaluate import Evaluator

try:
    from speclint._scan import and_hits as _and_hits
    from speclint._scan import blocked_hits as _blocked_hits
    from speclint._scan import checked_hits as _checked_hits
    from speclint._scan import concept_hits as _concept_hits
    from speclint._scan import near_hits as _near_hits
    from speclint._scan import not_hits as _not_hits
    from speclint._scan import or_hits as _or_hits
except ImportError:  # built without a C compiler: the Python runs do the work
    _or_hits = None  # type: ignore[assignment]
    _near_hits = None  # type: ignore[assignment]
    _blocked_hits = None  # type: ignore[assignment]
    _not_hits = None  # type: ignore[assignment]
    _and_hits = None  # type: ignore[assignment]
    _concept_hits = None  # type: ignore[assignment]
    _checked_hits = None  # type: ignore[assignment]


def compiled_or() -> bool:
    """Whether an ``OR``, ``AND``, concept or proximity connector made now runs in C.

    It does (``speclint/_scan.c``'s ``or_hits``, ``and_hits``, ``concept_hits`` and
    ``near_hits``) when the compiled module is built, unless ``SPECLINT_PURE_QUERY`` is
    set: then the Python ``run`` of :func:`_or`, :func:`_and`, :func:`_concept` and
    :func:`_near`, their twins, runs (``tests/query`` compares them).
    """
    return _or_hits is not None and not os.environ.get("SPECLINT_PURE_QUERY")


#: A compiled node: the hits of the node in the evaluator's analysis, or ``None``.
Program = Callable[["Evaluator"], "list[TokenSpan] | None"]

#: Each node's two programs, by the node's id (the node is kept, so that the id is not
#: reused): the node evaluated as its handler evaluates it, and the same after asking
#: the pre-filter whether it can hold in the unit at all (:meth:`Evaluator._eval`).
_PROGRAMS: dict[int, tuple[Query, Program, Program]] = {}

#: How many nodes :data:`_PROGRAMS` holds before it starts afresh (the built-in rules
#: and concepts have about a tenth as many).
_MOST = 200_000


def compiled(query: Query) -> Program:
    """``query`` as :meth:`Evaluator._eval` evaluates it, compiled once per node."""
    known = _PROGRAMS.get(id(query))
    if known is None or known[0] is not query:
        known = _compile(query)
    return known[2]


def _raw(query: Query) -> Program:
    """``query`` as its handler evaluates it (the pre-filter not asked), compiled once."""
    known = _PROGRAMS.get(id(query))
    if known is None or known[0] is not query:
        known = _compile(query)
    return known[1]


def _compile(query: Query) -> tuple[Query, Program, Program]:
    """Both programs of ``query`` (see :data:`_PROGRAMS`), made and kept."""
    if len(_PROGRAMS) >= _MOST:
        _PROGRAMS.clear()  # a long-running ``serve`` parses new queries without end
    raw = _MAKERS[type(query)](query)

    ident = id(query)

    def checked(ev: Evaluator) -> list[TokenSpan] | None:
        view = ev.analysis.prefilter
        if view is not None:
            # view.could_hold(query), its common case written out.
            known = view._nodes.get(ident)
            if known is not None and known[0] is query:
                if not known[1] & view._bit:
                    return None
            elif not view.could_hold(query):
                return None
        return raw(ev)

    if compiled_or():
        checked = partial(_checked_hits, query, ident, raw)
    known = _PROGRAMS[id(query)] = (query, raw, checked)
    return known


def _vocabulary(analysis: Analysis) -> dict[str, list[int]]:
    """The analysis's words, as :meth:`Evaluator._word_hits` reads them."""
    vocab = analysis._vocab  # set by analyse(); the property builds it otherwise
    return analysis.vocabulary if vocab is None else vocab


def _term(term: Term) -> Program:
    word = term.word
    if term.prefix:

        def stem(ev: Evaluator) -> list[TokenSpan] | None:
            found = ev.analysis.stem_hits(word)
            skip = ev.skip_sentences
            if skip:
                tokens = ev.analysis.tokens
                found = [i for i in found if tokens[i].sentence not in skip]
            return ev._spans(found)

        return stem

    def plain(ev: Evaluator) -> list[TokenSpan] | None:
        analysis = ev.analysis
        found = _vocabulary(analysis).get(word, NO_HITS)
        if not found:
            return None
        skip = ev.skip_sentences
        if skip:
            tokens = analysis.tokens
            found = [i for i in found if tokens[i].sentence not in skip]
        return ev._spans(found)

    return plain


#: What "/s" and "/c" pair hits within: one sentence, one clause.
_SCOPES = {"s": attrgetter("sentence"), "c": attrgetter("clause")}


def _deferred(query: Query, raw: bool, keep: Callable[[Program], object]) -> Program:
    """A program that compiles ``query`` at its first run and gives the result to ``keep``.

    ``keep`` puts the compiled program where the deferred one stood, so later runs call
    it directly; compiling a rule's whole tree before any unit asks for it made a small
    file's lint compile thousands of nodes it never ran.
    """

    def first(ev: Evaluator) -> list[TokenSpan] | None:
        program = _raw(query) if raw else compiled(query)
        keep(program)
        return program(ev)

    return first


def _deferred_phrase(
    phrase: Phrase,
    needed: tuple[str, ...],
    programs: list[tuple[Program, tuple[str, ...]]],
    index: int,
) -> Program:
    """A phrase's program (no sense named) compiled at its first run, then kept in place."""

    def first(ev: Evaluator) -> list[TokenSpan] | None:
        program = _phrase_at(phrase, False)
        programs[index] = (program, needed)
        return program(ev)

    return first


def _phrase(phrase: Phrase) -> Program:
    return _phrase_at(phrase, names_sense(phrase))


def _phrase_at(phrase: Phrase, sense: bool) -> Program:
    """:meth:`Evaluator._phrase_at` for ``phrase``, its words read once.

    ``sense``: the phrase names a word sense (:func:`names_sense`), so the words the
    sense masks match inside it.
    """
    first, *others = phrase.words
    rest = tuple((term.word, term.prefix) for term in others)
    length = len(rest)
    word, prefix = first.word, first.prefix

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        analysis = ev.analysis
        if sense:
            starts = ev._masked_hits(first)
        else:
            # ev._word_hits(first), written out.
            if prefix:
                starts = analysis.stem_hits(word)
            else:
                starts = _vocabulary(analysis).get(word, NO_HITS)
            skip = ev.skip_sentences
            if skip and starts:
                tokens = analysis.tokens
                starts = [i for i in starts if tokens[i].sentence not in skip]
        if not starts:
            return None
        tokens = analysis.tokens
        size = len(tokens)
        check = ev.affirmed_only and not ev._lenient  # else no cue can negate a hit
        hits: list[TokenSpan] = []
        for i in starts:
            last = i + length
            if last >= size:
                continue  # the phrase would run past the last token
            sentence = tokens[i].sentence
            at = i
            for other, stem in rest:
                at += 1
                tok = tokens[at]
                if tok.sentence != sentence or (tok.masked and not sense):
                    break
                if (not tok.norm.startswith(other)) if stem else tok.norm != other:
                    break
            else:
                if not check or not ev._negated(i, last):
                    hits.append((i, last))
        return hits or None

    return run


def _number(test: NumberTest) -> Program:
    def run(ev: Evaluator) -> list[TokenSpan] | None:
        return ev._number(test)

    return run


def _or(query: Or) -> Program:
    _, split, rest = split_or(query)
    words = split.keys()
    # Each phrase found from its first word, as a program of its own, compiled when a
    # unit first holds that word.
    by_word: dict[str, tuple[int, list[tuple[Program, tuple[str, ...]]]]] = {}
    for word, (terms, phrases) in split.items():
        programs: list[tuple[Program, tuple[str, ...]]] = []
        for phrase, needed in phrases:
            programs.append((_deferred_phrase(phrase, needed, programs, len(programs)), needed))
        by_word[word] = (terms, programs)
    # The other items, each with its program, by id: the pre-filter names the items
    # that can hold in a unit, and each is run as its handler would be. Each is compiled
    # at its first run: most never run in a small document.
    items = rest.items if rest is not None else ()
    raws: dict[int, Program] = {}
    for item in items:
        raws[id(item)] = _deferred(item, True, partial(raws.__setitem__, id(item)))
    checks: list[Program] = []
    for item in items:
        checks.append(_deferred(item, False, partial(checks.__setitem__, len(checks))))

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        parts: list[list[TokenSpan]] = []
        analysis = ev.analysis
        if by_word:
            vocab = _vocabulary(analysis)
            skip = ev.skip_sentences
            strict = ev.affirmed_only and not ev._lenient
            for word in vocab.keys() & words:
                terms, phrases = by_word[word]
                if terms:
                    places = vocab[word]
                    if skip:
                        tokens = analysis.tokens
                        places = [i for i in places if tokens[i].sentence not in skip]
                    # ev._spans(places), written out.
                    if not places:
                        hits = None
                    elif strict:
                        tokens = analysis.tokens
                        hits = [
                            (i, i)
                            for i in places
                            if not tokens[i].negated_by or not ev._negated(i, i)
                        ] or None
                    else:
                        hits = [(i, i) for i in places]
                    if hits is not None:
                        if terms == 1:
                            parts.append(hits)
                        else:
                            parts.extend([hits] * terms)  # a word written twice counts twice
                for phrase, needed in phrases:
                    for other in needed:
                        if other not in vocab:
                            break
                    else:
                        hits = phrase(ev)
                        if hits is not None:
                            parts.append(hits)
        if rest is not None:
            view = analysis.prefilter
            if view is None:
                for check in checks:
                    hits = check(ev)
                    if hits is not None:
                        parts.append(hits)
            else:
                for item in view.alternatives(rest):
                    hits = raws[id(item)](ev)
                    if hits is not None:
                        parts.append(hits)
        if len(parts) < 2:
            return parts[0] if parts else None
        return [span for part in parts for span in part]

    if compiled_or():
        # The same run in C: the words' hits and the items' programs, without the loops.
        return partial(_or_hits, by_word, rest, raws, checks)
    return run


def _and(query: And) -> Program:
    # Items after the first are compiled at their first run: most ANDs fail on their first.
    items: list[Program] = []
    for item in query.items:
        keep = partial(items.__setitem__, len(items))
        items.append(_raw(item) if not items else _deferred(item, True, keep))

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        out: list[TokenSpan] = []
        for item in items:
            hits = item(ev)
            if hits is None:
                return None
            out.extend(hits)
        return out

    if compiled_or():
        return partial(_and_hits, items)  # the same loop in C
    return run


def _not(query: Not) -> Program:
    item = compiled(query.item)

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        saved, ev._lenient = ev._lenient, False
        hits = item(ev)
        ev._lenient = saved
        return [] if not hits else None

    if compiled_or():
        return partial(_not_hits, item)  # the same steps in C
    return run


def _concept(query: Concept) -> Program:
    # The tree is read and compiled at the first evaluation (see the module's docstring).
    inner: list[Program] = []
    ident = id(query)

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        key = (ident, ev.affirmed_only, ev._lenient, ev.skip_sentences)
        memo = ev.analysis.memo
        known = memo.get(key)
        if known is not None and known[0] is query:
            return known[1]
        if not inner:
            inner.append(_raw(query.query))
        found = inner[0](ev)
        memo[key] = (query, found)
        return found

    if compiled_or():
        return partial(_concept_hits, query, ident, inner, _raw)  # the same steps in C
    return run


def _neg(query: Neg) -> Program:
    item = _raw(query.item)

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        saved = ev.affirmed_only, ev._lenient
        ev.affirmed_only, ev._lenient = False, False
        hits = item(ev) or []
        ev.affirmed_only, ev._lenient = saved
        tokens = ev.analysis.tokens
        out: list[TokenSpan] = []
        for first, last in hits:
            cues = [
                i - tokens[i].pos + cue
                for i in range(first, last + 1)
                for cue in tokens[i].negated_by
            ]
            cues = [c for c in cues if not first <= c <= last]
            if cues:
                out.append((min(first, *cues), max(last, *cues)))
        return out or None

    return run


def _near(query: Near) -> Program:
    left = _raw(query.left)
    if isinstance(query.right, Not):
        blocker = compiled(query.right.item)

        def blocked(ev: Evaluator) -> list[TokenSpan] | None:
            hits = left(ev)
            if not hits:
                return None
            blocking = blocker(ev)  # judged as the left side is (Evaluator._near)
            if not blocking:
                return hits
            return unblocked(ev, hits, blocking)

        def unblocked(
            ev: Evaluator, hits: list[TokenSpan], blocking: list[TokenSpan]
        ) -> list[TokenSpan] | None:
            blockers = SortedHits(sorted(set(blocking)))
            kept = [a for a in hits if not ev._has_partner(query, a, blockers)]
            return kept or None

        if compiled_or():
            # The same run in C, up to the blockers' windows (``unblocked``).
            return partial(_blocked_hits, left, blocker, unblocked)
        return blocked
    right = _raw(query.right)
    pairs = _pairs(query)

    def run(ev: Evaluator) -> list[TokenSpan] | None:
        saved, ev._lenient = ev._lenient, True
        left_hits = left(ev)
        if not left_hits:
            ev._lenient = saved
            return None
        right_hits = right(ev)
        ev._lenient = saved
        if not right_hits:
            return None
        return pairs(ev, left_hits, right_hits) or None

    if compiled_or():
        # The same run in C, the pairing too (Evaluator._pairs step for step); sides with
        # very many pairs are handed to ``pairs``.
        kind = _KIND_CODES[query.kind]
        return partial(_near_hits, left, right, pairs, kind, query.distance, NEGATION_REACH)
    return run


#: How ``near_hits`` in ``speclint/_scan.c`` is told a connector's kind.
_KIND_CODES = {"s": 0, "c": 1, "pre": 2, "w": 3}


#: How many pairs of hits :func:`_pairs` tries one by one, at most; with more, the
#: evaluator's windows (:meth:`Evaluator._pairs`) cost less.
_FEW_PAIRS = 64


def _pairs(query: Near) -> Callable[[Evaluator, list[TokenSpan], list[TokenSpan]], list[TokenSpan]]:
    """:meth:`Evaluator._pairs` for ``query``, with its common case worked out here.

    That case: few hits, and none with a negation cue of its own to lend or borrow (an
    enclosing connector judges cues too, :meth:`Evaluator._pairs` says how). Then a hit
    is kept when some hit of the other side is its partner (the same sentence or clause,
    or close enough in one clause), which for a few hits is quickest tried pair by pair.
    Any other case goes to the evaluator's own method.
    """
    kind, distance = query.kind, query.distance
    scope = _SCOPES.get(kind)

    def pairs(ev: Evaluator, left: list[TokenSpan], right: list[TokenSpan]) -> list[TokenSpan]:
        # Either side may hold a hit twice, and in any order: tried pair by pair, that
        # changes nothing; the evaluator's windows want each side sorted, each hit once.
        if len(left) * len(right) > _FEW_PAIRS:
            return ev._pairs(query, distinct(left), distinct(right))
        tokens = ev.analysis.tokens
        if ev.affirmed_only:
            for hits in (left, right):
                for h in hits:
                    if h[0] == h[1] and not tokens[h[0]].negated_by:
                        continue
                    if ev._outside_cues(h):
                        return ev._pairs(query, distinct(left), distinct(right))
        kept: set[TokenSpan] = set()
        if scope is not None:
            for a in left:
                where = scope(tokens[a[0]])
                for b in right:
                    if scope(tokens[b[0]]) == where:
                        kept.add(a)
                        kept.add(b)
        elif kind == "pre":
            for a in left:
                clause, end = tokens[a[0]].clause, a[1]
                for b in right:
                    if 0 < b[0] - end <= distance and tokens[b[0]].clause == clause:
                        kept.add(a)
                        kept.add(b)
        else:
            for a in left:
                clause, start, end = tokens[a[0]].clause, a[0], a[1]
                for b in right:
                    if max(b[0] - end, start - b[1]) <= distance and tokens[b[0]].clause == clause:
                        kept.add(a)
                        kept.add(b)
        return sorted(kept)

    return pairs


#: How each kind of node is compiled, by its class.
_MAKERS: ByKind[Callable[[Any], Program]] = ByKind(
    (
        (Term, _term),
        (Phrase, _phrase),
        (NumberTest, _number),
        (Or, _or),
        (And, _and),
        (Not, _not),
        (Concept, _concept),
        (Neg, _neg),
        (Near, _near),
    )
)

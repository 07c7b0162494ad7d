"""Evaluate a parsed query against an :class:`~speclint.query.analysis.Analysis`.

A result is either ``None`` (the query does not hold) or the list of hits that make
it hold: ``(first, last)`` token indices. ``NOT`` holds with no hits of its own. A
term only matches where no negation cue outside the match has it in scope, unless
the rule asks for negated text too (``affirmed_only=False``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from speclint.query.analysis import NEGATION_REACH, Analysis
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
from speclint.query.concepts import MEMO_WORDS
from speclint.query.hits import (
    NO_HITS,
    SPLITS,
    SortedHits,
    TokenSpan,
    apart,
    distinct,
    matches_term,
    names_sense,
    scope_of,
    split_or,
)
from speclint.query.program import compiled

_COMPARE = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


@dataclass(slots=True)
class Evaluator:
    """Evaluates queries over one analysis."""

    analysis: Analysis
    affirmed_only: bool = True
    skip_sentences: frozenset[int] = frozenset()
    # Inside a proximity connector, leaves keep negated hits; the connector then accepts a
    # pair only when every cue negating one side is a word of the other side's match.
    _lenient: bool = field(default=False, repr=False)

    def run(self, query: Query) -> list[TokenSpan] | None:
        """Return the hits that satisfy ``query``, sorted, or ``None``.

        The query runs compiled (:mod:`speclint.query.program`); :meth:`interpret` walks
        its tree with the handlers below instead, to the same hits.
        """
        program = _PROGRAMS.get(id(query))
        if program is None or program[0] is not query:
            program = _program(query)
        hits = program[1](self)
        return sorted(set(hits)) if hits is not None else None

    def interpret(self, query: Query) -> list[TokenSpan] | None:
        """:meth:`run`, walking the query's tree node by node rather than compiled."""
        hits = self._eval(query)
        return sorted(set(hits)) if hits is not None else None

    # -- leaves ---------------------------------------------------------------
    def _negated(self, first: int, last: int, partner: TokenSpan | None = None) -> bool:
        """True when a cue outside tokens ``first``..``last`` (and ``partner``) negates them."""
        if not self.affirmed_only or (self._lenient and partner is None):
            return False
        tokens = self.analysis.tokens
        for i in range(first, last + 1):
            tok = tokens[i]
            if tok.negated_by:
                base = i - tok.pos  # cue indices are relative to the token's own unit
                for cue in tok.negated_by:
                    at = base + cue
                    if first <= at <= last:
                        continue
                    if partner is not None and partner[0] <= at <= partner[1]:
                        continue
                    return True
        return False

    def _eval_with(self, query: Query, *, lenient: bool) -> list[TokenSpan] | None:
        """Evaluate ``query`` with leaf negation on, or left to an enclosing connector.

        ``lenient=False`` is for NOT and blockers; ``lenient=True`` keeps negated leaf hits
        for a proximity connector to judge against its partner (:meth:`_near` sets it
        itself for its two sides).
        """
        # No try/finally: an evaluator that raises is not used again.
        saved, self._lenient = self._lenient, lenient
        hits = self._eval(query)
        self._lenient = saved
        return hits

    def _word_hits(self, term: Term) -> list[int]:
        analysis = self.analysis
        if term.prefix:
            found = analysis.stem_hits(term.word)
        else:
            vocab = analysis._vocab  # set by analyse(); the property builds it otherwise
            found = (analysis.vocabulary if vocab is None else vocab).get(term.word, NO_HITS)
        if self.skip_sentences:
            tokens = self.analysis.tokens
            return [i for i in found if tokens[i].sentence not in self.skip_sentences]
        return found

    def _term(self, term: Term) -> list[TokenSpan] | None:
        return self._spans(self._word_hits(term))

    def _spans(self, found: list[int]) -> list[TokenSpan] | None:
        """A word's hits at token indices ``found``: those no cue negates (when it matters)."""
        if not found:
            return None
        if not self.affirmed_only or self._lenient:
            hits = [(i, i) for i in found]
        else:
            tokens = self.analysis.tokens
            hits = [(i, i) for i in found if not tokens[i].negated_by or not self._negated(i, i)]
        return hits or None

    def _phrase(self, phrase: Phrase) -> list[TokenSpan] | None:
        return self._phrase_at(phrase, names_sense(phrase))

    def _phrase_at(self, phrase: Phrase, sense: bool) -> list[TokenSpan] | None:
        """A phrase's hits; ``sense``: the phrase names a sense (:func:`names_sense`)."""
        tokens = self.analysis.tokens
        first, *rest = phrase.words
        hits: list[TokenSpan] = []
        for i in self._masked_hits(first) if sense else self._word_hits(first):
            j = i
            ok = True
            for word in rest:
                j += 1
                if (
                    j >= len(tokens)
                    or tokens[j].sentence != tokens[i].sentence
                    or (tokens[j].masked and not sense)
                ):
                    ok = False
                    break
                if not matches_term(tokens[j].norm, word):
                    ok = False
                    break
            if ok and not self._negated(i, j):
                hits.append((i, j))
        return hits or None

    def _masked_hits(self, term: Term) -> list[int]:
        """:meth:`_word_hits` with the words a sense masks left in."""
        found = self.analysis.all_hits(term.word, term.prefix)
        skip = self.skip_sentences
        if skip:
            tokens = self.analysis.tokens
            return [i for i in found if tokens[i].sentence not in skip]
        return found

    def _number(self, test: NumberTest) -> list[TokenSpan] | None:
        hits: list[TokenSpan] = []
        tokens = self.analysis.tokens
        for i in self.analysis.valued(test.kind):
            tok = tokens[i]
            if tok.sentence in self.skip_sentences:
                continue
            if (
                test.op is not None
                and test.value is not None
                and not _COMPARE[test.op](tok.value, test.value)
            ):
                continue
            if not self._negated(i, i):
                hits.append((i, i))
        return hits or None

    # -- connectors --------------------------------------------------------------
    def _eval(self, query: Query) -> list[TokenSpan] | None:
        view = self.analysis.prefilter
        if view is not None and not view.could_hold(query):
            return None
        return _HANDLERS[type(query)](self, query)

    def _allowed(self, query: Query) -> list[TokenSpan] | None:
        """:meth:`_eval` for a node the pre-filter allows wherever its parent is allowed.

        The pre-filter gives an ``AND`` the units all of its positive items allow, a
        proximity connector those both sides allow, and a concept or ``NEG`` those of
        what it holds, so asking again for these children could only say yes.
        """
        return _HANDLERS[type(query)](self, query)

    def _or(self, query: Or) -> list[TokenSpan] | None:
        # The hits of the only item that holds are returned as they are (hit lists are
        # never changed once made); two or more make a list of their own.
        parts: list[list[TokenSpan]] = []
        split = SPLITS.get(id(query))
        if split is None or split[0] is not query:
            split = split_or(query)
        _, by_word, rest = split
        analysis = self.analysis
        if by_word:
            # Plain words, and phrases that start with one and name no sense, are met with
            # the unit's own vocabulary in one set operation (walking the smaller of the
            # two, in the set's order: readers sort an OR's hits, see split_or): no
            # pre-filter test per item. A word's hits are made from its places found
            # there, as its term's handler would make them; a phrase whose first word is
            # not there cannot hold.
            vocab = analysis._vocab
            if vocab is None:
                vocab = analysis.vocabulary
            skip = self.skip_sentences
            for word in vocab.keys() & by_word.keys():
                terms, phrases = by_word[word]
                if terms:
                    places = vocab[word]
                    if skip:
                        tokens = analysis.tokens
                        places = [i for i in places if tokens[i].sentence not in skip]
                    hits = self._spans(places)
                    if hits is not None:
                        if terms == 1:
                            parts.append(hits)
                        else:
                            parts.extend([hits] * terms)  # a word written twice counts twice
                for phrase, needed in phrases:
                    # Its other whole words must be in the unit too, unmasked (this phrase
                    # names no sense), or it cannot hold.
                    for other in needed:
                        if other not in vocab:
                            break
                    else:
                        hits = self._phrase_at(phrase, False)
                        if hits is not None:
                            parts.append(hits)
        if rest is not None:  # with no such words, ``rest`` is the query itself
            view = analysis.prefilter
            if view is None:
                for item in rest.items:
                    hits = self._eval(item)
                    if hits is not None:
                        parts.append(hits)
            else:
                # The pre-filter gives only the items that can hold: no need to ask again.
                handlers = _HANDLERS
                for item in view.alternatives(rest):
                    hits = handlers[type(item)](self, item)
                    if hits is not None:
                        parts.append(hits)
        if len(parts) < 2:
            return parts[0] if parts else None
        return [span for part in parts for span in part]

    def _and(self, query: And) -> list[TokenSpan] | None:
        out: list[TokenSpan] = []
        handlers = _HANDLERS
        for item in query.items:
            # A NOT item asks the pre-filter about what it holds, in its own handler.
            hits = handlers[type(item)](self, item)
            if hits is None:
                return None
            out.extend(hits)
        return out

    def _not(self, query: Not) -> list[TokenSpan] | None:
        return [] if not self._eval_with(query.item, lenient=False) else None

    def _concept(self, query: Concept) -> list[TokenSpan] | None:
        """A concept's hits, worked out once per analysis for every rule that uses it.

        TokenSpan lists are never changed once made, so one list serves every caller.
        """
        key = (id(query), self.affirmed_only, self._lenient, self.skip_sentences)
        memo = self.analysis.memo
        known = memo.get(key)
        if known is not None and known[0] is query:
            return known[1]
        inner = query.query
        found = _HANDLERS[type(inner)](self, inner)
        memo[key] = (query, found)
        return found

    def _neg(self, query: Neg) -> list[TokenSpan] | None:
        """Hits of ``query.item`` that a cue outside them negates, widened to take the cue in."""
        saved = self.affirmed_only, self._lenient
        self.affirmed_only, self._lenient = False, False
        hits = self._allowed(query.item) or []  # an evaluator that raises is dropped
        self.affirmed_only, self._lenient = saved
        tokens = self.analysis.tokens
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

    def _near(self, query: Near) -> list[TokenSpan] | None:
        if isinstance(query.right, Not):
            left = self._allowed(query.left)
            if not left:
                return None
            # The blocker is judged as the left side is: "new pharmacies" is not new work
            # where a cue before both ("will not reimburse any new pharmacies") negates them.
            blocking = self._eval(query.right.item)
            if not blocking:
                return left  # nothing blocks: every hit of the left side is kept
            blockers = SortedHits(sorted(set(blocking)))
            kept = [a for a in left if not self._has_partner(query, a, blockers)]
            return kept or None
        # Both sides keep their negated leaf hits, for _pairs to judge against a partner
        # (_eval_with(side, lenient=True) written out, the pre-filter not asked again:
        # it allows both sides wherever it allows the connector).
        saved, self._lenient = self._lenient, True
        side: Query = query.left
        left_hits = _HANDLERS[type(side)](self, side)
        if not left_hits:
            self._lenient = saved
            return None
        side = query.right
        right_hits = _HANDLERS[type(side)](self, side)
        self._lenient = saved
        if not right_hits:
            return None
        return self._pairs(query, distinct(left_hits), distinct(right_hits)) or None

    def _pairs(self, query: Near, left: list[TokenSpan], right: list[TokenSpan]) -> list[TokenSpan]:
        """Every hit of either side with a partner on the other that the connector accepts.

        A pair is judged on negation: each side's negation cues outside itself must lie
        in its partner. Most hits have no such cue, so they need only a partner without
        one nearby; the few that do can only pair with a partner that spans their cues.
        Inside an enclosing connector (``_lenient``) a cue the partner does not span may
        still lie in the enclosing connector's partner: the hit that carries it is kept
        for that connector to judge, and its partner is not (in "met every target, yet
        chose to extend rather than re-tender", ``(re-tender /s met) /s yet`` must not
        hold through "met" alone). Either way each hit looks at the partners in its
        window, never at every hit of the other side: n log n, not n².
        """
        # Only the hits with a cue of their own are in ``cues``: most have none, and a
        # one-token hit whose token no cue reaches needs no look at all.
        cues: dict[TokenSpan, tuple[int, ...]] = {}
        if self.affirmed_only:
            tokens = self.analysis.tokens
            outside = self._outside_cues
            for h in (*left, *right):
                if h[0] == h[1] and not tokens[h[0]].negated_by:
                    continue
                found = outside(h)
                if found:
                    cues[h] = found
        if query.kind in ("s", "c") and not cues:
            return self._same_scope(query, left, right)
        if not cues and (len(left) == 1 or len(right) == 1):
            # One hit on a side (most pairs): the other side's hits close to it are kept,
            # and it too when there is one (closeness is the same seen from either side).
            if len(right) == 1:
                b = right[0]
                kept = [a for a in left if self._is_close(query, a, b)]
            else:
                b = left[0]
                kept = [a for a in right if self._is_close(query, b, a)]
            if not kept:
                return []
            return sorted({*kept, b})
        sides = (SortedHits(left), SortedHits(right))
        out: set[TokenSpan] = set()
        if not cues:
            # No hit has a cue of its own: a hit needs only a partner in its window.
            for this, other in ((0, 1), (1, 0)):
                for a in sides[this].hits:
                    if a not in out and self._has_partner(query, a, sides[other], this == 1):
                        out.add(a)
            return sorted(out)
        plain = tuple(SortedHits([h for h in side.hits if h not in cues]) for side in sides)
        for this, other in ((0, 1), (1, 0)):
            for a in sides[this].hits:
                if a in out:
                    continue
                if a not in cues:
                    # Needs a partner with no cue of its own, or one whose cues it spans.
                    if self._has_partner(query, a, plain[other], this == 1):
                        out.add(a)
                        continue
                    # A partner's cues must lie in ``a``, and a cue reaches only so far.
                    reach = NEGATION_REACH + sides[other].longest
                    candidates = (
                        b
                        for b in sides[other].starting_between(a[0] - reach, a[1] + reach)
                        if b in cues and self._is_close(query, a, b, this == 1)
                    )
                else:
                    if self._lenient and any(
                        not all(b[0] <= c <= b[1] for c in cues[a])
                        for b in self._partners(query, a, sides[other], this == 1)
                    ):
                        out.add(a)  # a cue left for the enclosing connector's partner
                        continue
                    lo, hi = min(cues[a]), max(cues[a])
                    candidates = (
                        b
                        for b in sides[other].covering(lo, hi)
                        if self._is_close(query, a, b, this == 1)
                    )
                for b in candidates:
                    if (
                        all(b[0] <= c <= b[1] for c in cues.get(a, ()))
                        and all(a[0] <= c <= a[1] for c in cues.get(b, ()))
                        and apart(a, b)
                    ):
                        out.add(a)
                        out.add(b)
                        break
        return sorted(out)

    def _same_scope(
        self, query: Near, left: list[TokenSpan], right: list[TokenSpan]
    ) -> list[TokenSpan]:
        """``/s`` or ``/c`` when no hit has a cue of its own: hits sharing a scope pair up."""
        tokens = self.analysis.tokens
        if query.kind == "s":
            lefts = [tokens[h[0]].sentence for h in left]
            rights = [tokens[h[0]].sentence for h in right]
        else:
            lefts = [tokens[h[0]].clause for h in left]
            rights = [tokens[h[0]].clause for h in right]
        in_left, in_right = set(lefts), set(rights)
        out = {h for h, sc in zip(left, lefts, strict=True) if sc in in_right}
        out.update(h for h, sc in zip(right, rights, strict=True) if sc in in_left)
        return sorted(out)

    def _outside_cues(self, hit: TokenSpan) -> tuple[int, ...]:
        """Token indices of the negation cues that reach into ``hit`` from outside it."""
        tokens = self.analysis.tokens
        found = []
        for i in range(hit[0], hit[1] + 1):
            tok = tokens[i]
            for cue in tok.negated_by:
                at = i - tok.pos + cue
                if not hit[0] <= at <= hit[1]:
                    found.append(at)
        return tuple(found)

    def _has_partner(
        self, query: Near, a: TokenSpan, others: SortedHits, swapped: bool = False
    ) -> bool:
        """Whether a hit of ``others`` is close enough to ``a``, as :meth:`_is_close` judges.

        Only the hits in ``a``'s window are looked at (``swapped``: ``a`` is the right side).
        """
        tokens = self.analysis.tokens
        kind = query.kind
        if kind in ("s", "c"):
            return bool(others.hits_in(query, tokens, scope_of(query, tokens[a[0]])))
        reach = query.distance
        clause = tokens[a[0]].clause
        if kind == "pre":
            if not swapped:
                for b in others.starting_between(a[1] + 1, a[1] + reach):
                    if tokens[b[0]].clause == clause and 0 < b[0] - a[1] <= reach:
                        return True
                return False
            for b in others.starting_between(a[0] - reach - others.longest, a[0] - 1):
                if tokens[b[0]].clause == clause and 0 < a[0] - b[1] <= reach:
                    return True
            return False
        for b in others.starting_between(a[0] - reach - others.longest, a[1] + reach):
            if tokens[b[0]].clause == clause and max(b[0] - a[1], a[0] - b[1]) <= reach:
                return True
        return False

    def _partners(
        self, query: Near, a: TokenSpan, others: SortedHits, swapped: bool = False
    ) -> Iterator[TokenSpan]:
        """The hits of ``others`` in ``a``'s window that :meth:`_is_close` accepts."""
        tokens = self.analysis.tokens
        if query.kind in ("s", "c"):
            yield from others.hits_in(query, tokens, scope_of(query, tokens[a[0]]))
            return
        reach = query.distance
        for b in others.starting_between(a[0] - reach - others.longest, a[1] + reach):
            if self._is_close(query, a, b, swapped):
                yield b

    def _is_close(self, query: Near, a: TokenSpan, b: TokenSpan, swapped: bool = False) -> bool:
        """Whether ``b`` is ``a``'s partner under the connector (``swapped``: ``a`` is right)."""
        tokens = self.analysis.tokens
        if query.kind in ("s", "c"):
            return scope_of(query, tokens[a[0]]) == scope_of(query, tokens[b[0]])
        if tokens[b[0]].clause != tokens[a[0]].clause:
            return False
        if query.kind == "pre":
            first, second = (b, a) if swapped else (a, b)
            return 0 < second[0] - first[1] <= query.distance
        return max(b[0] - a[1], a[0] - b[1]) <= query.distance


_Handler = Callable[[Evaluator, Any], "list[TokenSpan] | None"]
#: How each kind of node is evaluated, by its class.
_HANDLERS: ByKind[_Handler] = ByKind(
    (
        (Term, Evaluator._term),
        (Phrase, Evaluator._phrase),
        (NumberTest, Evaluator._number),
        (Or, Evaluator._or),
        (And, Evaluator._and),
        (Not, Evaluator._not),
        (Concept, Evaluator._concept),
        (Neg, Evaluator._neg),
        (Near, Evaluator._near),
    )
)


#: Whether each query node keeps to the unit it is in (:func:`unit_local`), by id (the
#: node is kept, so that the id is not reused).
_LOCAL: dict[int, tuple[Query, bool]] = {}


def unit_local(query: Query) -> bool:
    """True when ``query`` holds in a run of joined units only where it holds in one of them.

    Words, phrases, figures and ``NEG`` are found in one unit's tokens, a phrase within a
    sentence, and a proximity connector pairs hits of one sentence or clause (its
    ``NOT`` blocks in that sentence or clause only), so the hits of such a query in a
    joined document are its hits in each unit; an ``OR`` or a concept made of them is
    the same. An ``AND`` or any other ``NOT`` asks about the whole run at once: "A AND
    B" holds in a document with A in one unit and B in another. Such a query never has
    an empty list of hits: it holds with hits or not at all.
    """
    known = _LOCAL.get(id(query))
    if known is not None and known[0] is query:
        return known[1]
    if isinstance(query, (Term, Phrase, NumberTest)):
        local = True
    elif isinstance(query, Or):
        local = all(unit_local(item) for item in query.items)
    elif isinstance(query, Near):
        right = query.right.item if isinstance(query.right, Not) else query.right
        local = unit_local(query.left) and unit_local(right)
    elif isinstance(query, Concept):
        local = unit_local(query.query)
    elif isinstance(query, Neg):
        local = unit_local(query.item)
    else:  # And, Not
        local = False
    if len(_LOCAL) >= MEMO_WORDS:
        _LOCAL.clear()  # a long-running ``serve`` parses new queries without end
    _LOCAL[id(query)] = (query, local)
    return local


def document_parts(query: Query) -> Iterator[Query]:
    """The outermost ``AND`` and ``NOT`` nodes in ``query`` that ask about a whole run of units.

    Not a proximity connector's own ``NOT``, which blocks in its sentence or clause (the
    parts inside its item are given). Every other node of ``query`` keeps to its unit
    once these are answered (:func:`unit_local`).
    """
    if isinstance(query, (And, Not)):
        yield query
    elif isinstance(query, Or):
        for item in query.items:
            yield from document_parts(item)
    elif isinstance(query, Near):
        yield from document_parts(query.left)
        right = query.right
        yield from document_parts(right.item if isinstance(right, Not) else right)
    elif isinstance(query, Concept):
        yield from document_parts(query.query)
    elif isinstance(query, Neg):
        yield from document_parts(query.item)


#: Each query :meth:`Evaluator.run` has run, by id, with its compiled program (the query
#: is kept, so that the id is not reused).
_PROGRAMS: dict[int, tuple[Query, Callable[[Evaluator], list[TokenSpan] | None]]] = {}


def _program(query: Query) -> tuple[Query, Callable[[Evaluator], list[TokenSpan] | None]]:
    """``query`` compiled (:func:`speclint.query.program.compiled`), kept for the next run."""
    if len(_PROGRAMS) >= MEMO_WORDS:
        _PROGRAMS.clear()  # a long-running ``serve`` parses new queries without end
    found = _PROGRAMS[id(query)] = (query, compiled(query))
    return found

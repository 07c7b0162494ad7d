"""Evaluate a parsed query against an :class:`~speclint.query.analysis.Analysis`.

A result is either ``None`` (the query does not hold) or the list of hits that make
it hold: ``(first, last)`` token indices. ``NOT`` holds with no hits of its own. A
term only matches where no negation cue outside the match has it in scope, unless
the rule asks for negated text too (``affirmed_only=False``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from speclint.query.analysis import Analysis, Token
from speclint.query.ast import And, Concept, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term

Hit = tuple[int, int]

_COMPARE = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


@dataclass
class Evaluator:
    """Evaluates queries over one analysis."""

    analysis: Analysis
    affirmed_only: bool = True
    skip_sentences: frozenset[int] = frozenset()
    # Inside a proximity connector, leaves keep negated hits; the connector then accepts a
    # pair only when every cue negating one side is a word of the other side's match.
    _lenient: bool = field(default=False, repr=False)

    def run(self, query: Query) -> list[Hit] | None:
        """Return the hits that satisfy ``query``, sorted, or ``None``."""
        hits = self._eval(query)
        return sorted(set(hits)) if hits is not None else None

    # -- leaves ---------------------------------------------------------------
    def _negated(self, first: int, last: int, partner: Hit | None = None) -> bool:
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

    def _eval_with(self, query: Query, *, lenient: bool) -> list[Hit] | None:
        """Evaluate ``query`` with leaf negation on, or left to an enclosing connector.

        ``lenient=False`` is for NOT and blockers; ``lenient=True`` keeps negated leaf hits
        for a proximity connector to judge against its partner.
        """
        saved, self._lenient = self._lenient, lenient
        try:
            return self._eval(query)
        finally:
            self._lenient = saved

    def _word_hits(self, term: Term) -> list[int]:
        vocab = self.analysis.vocabulary
        if not term.prefix:
            found = vocab.get(term.word, [])
        else:
            found = sorted(i for w, idxs in vocab.items() if _matches(w, term) for i in idxs)
        if self.skip_sentences:
            tokens = self.analysis.tokens
            return [i for i in found if tokens[i].sentence not in self.skip_sentences]
        return found

    def _term(self, term: Term) -> list[Hit] | None:
        hits = [(i, i) for i in self._word_hits(term) if not self._negated(i, i)]
        return hits or None

    def _phrase(self, phrase: Phrase) -> list[Hit] | None:
        tokens = self.analysis.tokens
        first, *rest = phrase.words
        hits: list[Hit] = []
        for i in self._word_hits(first):
            j = i
            ok = True
            for word in rest:
                j += 1
                if j >= len(tokens) or tokens[j].sentence != tokens[i].sentence or tokens[j].masked:
                    ok = False
                    break
                if not _matches(tokens[j].norm, word):
                    ok = False
                    break
            if ok and not self._negated(i, j):
                hits.append((i, j))
        return hits or None

    def _number(self, test: NumberTest) -> list[Hit] | None:
        hits: list[Hit] = []
        for i, tok in enumerate(self.analysis.tokens):
            if tok.sentence in self.skip_sentences:
                continue
            if not _is_kind(tok, test.kind) or tok.value is None:
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
    def _eval(self, query: Query) -> list[Hit] | None:
        if isinstance(query, Term):
            return self._term(query)
        if isinstance(query, Phrase):
            return self._phrase(query)
        if isinstance(query, NumberTest):
            return self._number(query)
        if isinstance(query, Or):
            found: list[Hit] = []
            holds = False
            for item in query.items:
                hits = self._eval(item)
                if hits is not None:
                    holds = True
                    found.extend(hits)
            return found if holds else None
        if isinstance(query, And):
            out: list[Hit] = []
            for item in query.items:
                hits = self._eval(item)
                if hits is None:
                    return None
                out.extend(hits)
            return out
        if isinstance(query, Not):
            return [] if not self._eval_with(query.item, lenient=False) else None
        if isinstance(query, Concept):
            return self._eval(query.query)
        if isinstance(query, Neg):
            return self._neg(query)
        return self._near(query)

    def _neg(self, query: Neg) -> list[Hit] | None:
        """Hits of ``query.item`` that a cue outside them negates, widened to take the cue in."""
        saved = self.affirmed_only, self._lenient
        self.affirmed_only, self._lenient = False, False
        try:
            hits = self._eval(query.item) or []
        finally:
            self.affirmed_only, self._lenient = saved
        tokens = self.analysis.tokens
        out: list[Hit] = []
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

    def _near(self, query: Near) -> list[Hit] | None:
        if isinstance(query.right, Not):
            left = self._eval(query.left)
            if not left:
                return None
            blockers = self._eval_with(query.right.item, lenient=False) or []
            group = self._grouping(query, blockers)
            kept = [a for a in left if not self._partners(query, a, blockers, group)]
            return kept or None
        left = self._eval_with(query.left, lenient=True)
        if not left:
            return None
        right = self._eval_with(query.right, lenient=True)
        if not right:
            return None
        group = self._grouping(query, right)
        out: set[Hit] = set()
        nested = self._lenient  # an enclosing connector judges negation against its partner
        for a in left:
            for b in self._partners(query, a, right, group):
                if not nested and (self._negated(a[0], a[1], b) or self._negated(b[0], b[1], a)):
                    continue
                out.add(a)
                out.add(b)
        return sorted(out) or None

    def _grouping(self, query: Near, hits: list[Hit]) -> dict[int, list[Hit]]:
        """For ``/s`` and ``/c``: ``hits`` by sentence or clause id (empty otherwise)."""
        if query.kind not in ("s", "c"):
            return {}
        tokens = self.analysis.tokens
        groups: dict[int, list[Hit]] = {}
        for b in hits:
            groups.setdefault(_scope(query, tokens[b[0]]), []).append(b)
        return groups

    def _partners(
        self, query: Near, a: Hit, others: list[Hit], groups: dict[int, list[Hit]]
    ) -> list[Hit]:
        """The hits in ``others`` close enough to ``a`` under ``query``'s connector."""
        tokens = self.analysis.tokens
        if query.kind in ("s", "c"):
            return groups.get(_scope(query, tokens[a[0]]), [])
        clause = tokens[a[0]].clause
        found: list[Hit] = []
        for b in others:
            if tokens[b[0]].clause != clause:
                continue
            if query.kind == "pre":
                close = 0 < b[0] - a[1] <= query.distance
            else:
                close = max(b[0] - a[1], a[0] - b[1]) <= query.distance
            if close:
                found.append(b)
        return found


def _scope(query: Near, tok: Token) -> int:
    """The sentence (``/s``) or clause (``/c``) a token belongs to."""
    return tok.sentence if query.kind == "s" else tok.clause


def _matches(norm: str, term: Term) -> bool:
    """True when a token's normal form is ``term`` (or starts with it, for a stem)."""
    return norm.startswith(term.word) if term.prefix else norm == term.word


def _is_kind(tok: Token, kind: str) -> bool:
    if kind == "number":
        return tok.kind in ("number", "word")
    return tok.kind == kind

"""What the evaluator and the compiled programs share: hit spans and their look-ups.

:mod:`speclint.query.evaluate` walks a query's tree and :mod:`speclint.query.program`
runs it compiled; both read an ``OR`` split by its words, a phrase's sense, hits sorted
for window look-ups and the rest from here, so that the two give the same hits.

These names are the module's interface to the rest of the query layer: :data:`TokenSpan`,
:data:`Split`, :data:`SPLITS` and :func:`split_or`, :class:`SortedHits`, :func:`scope_of`,
:data:`NO_HITS`, :func:`apart`, :func:`distinct`, :func:`names_sense` and
:func:`matches_term`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from speclint.query.analysis import Token, builtin_senses
from speclint.query.ast import Near, Or, Phrase, Query, Term
from speclint.query.concepts import MEMO_WORDS

#: The first and last token of a match (inclusive), as the evaluator passes them round.
TokenSpan = tuple[int, int]


#: What :func:`split_or` makes of an ``OR``: the ``OR`` itself; by word, how many of its
#: items are that plain word and its phrases that start with it and name no sense (each
#: with its other words that are not stems); and an ``OR`` of its other items (``None``:
#: there are none; the ``OR`` itself: all are).
Split = tuple[Or, dict[str, tuple[int, list[tuple[Phrase, tuple[str, ...]]]]], "Or | None"]

#: Each ``OR``'s :data:`Split`, by id (the ``OR`` is kept, so that the id is not reused).
SPLITS: dict[int, Split] = {}


def split_or(query: Or) -> Split:
    """``query``'s items parted into those found from one word, by word, and the rest.

    See :data:`SPLITS`. The order of an ``OR``'s hits never matters (every reader sorts
    them or takes them one at a time), so items may be evaluated in any order.
    """
    by_word: dict[str, tuple[int, list[tuple[Phrase, tuple[str, ...]]]]] = {}
    rest: list[Query] = []
    for item in query.items:
        if type(item) is Term and not item.prefix:
            terms, phrases = by_word.get(item.word, (0, []))
            by_word[item.word] = (terms + 1, phrases)
        elif type(item) is Phrase and not item.words[0].prefix and not names_sense(item):
            needed = tuple(dict.fromkeys(t.word for t in item.words[1:] if not t.prefix))
            by_word.setdefault(item.words[0].word, (0, []))[1].append((item, needed))
        else:
            rest.append(item)
    if not by_word:
        found: Split = (query, by_word, query)
    else:
        found = (query, by_word, Or(tuple(rest)) if rest else None)
    SPLITS[id(query)] = found
    return found


class SortedHits:
    """Hits sorted by their first token, for window and scope look-ups."""

    def __init__(self, hits: list[TokenSpan]) -> None:
        self.hits = hits
        self.starts = [h[0] for h in hits]
        self.longest = max([last - first for first, last in hits]) if hits else 0
        self._scopes: dict[tuple[str, int], list[TokenSpan]] | None = None
        self._grouped: set[str] = set()

    def starting_between(self, lo: int, hi: int) -> list[TokenSpan]:
        """The hits whose first token is in ``lo``..``hi``."""
        return self.hits[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def covering(self, lo: int, hi: int) -> list[TokenSpan]:
        """The hits that span tokens ``lo``..``hi``."""
        window = self.starting_between(hi - self.longest, lo)
        return [h for h in window if h[0] <= lo and h[1] >= hi]

    def hits_in(self, query: Near, tokens: list[Token], scope: int) -> list[TokenSpan]:
        """The hits in sentence (``/s``) or clause (``/c``) ``scope``."""
        if self._scopes is None:
            self._scopes = {}
        if query.kind not in self._grouped:
            self._grouped.add(query.kind)
            groups: dict[int, list[TokenSpan]] = {}
            for h in self.hits:
                groups.setdefault(scope_of(query, tokens[h[0]]), []).append(h)
            for sc, hs in groups.items():
                self._scopes[(query.kind, sc)] = hs
        return self._scopes.get((query.kind, scope), [])


def scope_of(query: Near, tok: Token) -> int:
    """The sentence (``/s``) or clause (``/c``) a token belongs to."""
    return tok.sentence if query.kind == "s" else tok.clause


#: No hits, shared (hit lists are never changed once made).
NO_HITS: list[int] = []


def apart(a: TokenSpan, b: TokenSpan) -> bool:
    """Whether two hits that lend each other negation cues are two pieces of text.

    A hit that is its partner's own first or last word cannot borrow the partner's cue:
    in "the price will not increase", "not increase" is a price held, and the "increase"
    it ends on is no rise beside it. A word further inside the partner is another word
    ("neither the meetings nor the cover will be paid for": "meetings" lies inside
    "neither ... paid" and borrows its "neither").
    """
    for inner, outer in ((a, b), (b, a)):
        if outer[0] <= inner[0] and inner[1] <= outer[1]:
            return inner[0] != outer[0] and inner[1] != outer[1]
    return True


def distinct(hits: list[TokenSpan]) -> list[TokenSpan]:
    """``hits`` sorted, each once (a list of one is returned as it is)."""
    return hits if len(hits) < 2 else sorted(set(hits))


#: Whether each phrase met so far spells out a wrong-sense pattern, by the phrase's id
#: (the phrase is kept, so that the id is not reused).
_SENSE_PHRASES: dict[int, tuple[Phrase, bool]] = {}


def names_sense(phrase: Phrase) -> bool:
    """True when ``phrase`` spells out a pattern of a word sense ("improvement plan").

    A rule that writes the wrong-sense wording itself means that sense, so the words the
    sense masks still match inside this phrase (and only inside it).
    """
    known = _SENSE_PHRASES.get(id(phrase))
    if known is None:
        if len(_SENSE_PHRASES) >= MEMO_WORDS:
            _SENSE_PHRASES.clear()  # a long-running ``serve`` parses new queries without end
        words = [t.word + "*" if t.prefix else t.word for t in phrase.words]
        known = _SENSE_PHRASES[id(phrase)] = (phrase, bool(builtin_senses().masked(words)))
    return known[1]


def matches_term(norm: str, term: Term) -> bool:
    """True when a token's normal form is ``term`` (or starts with it, for a stem)."""
    return norm.startswith(term.word) if term.prefix else norm == term.word

"""Which clauses could a query possibly match? A cheap, exact-safe pre-filter.

Every word a query needs is looked for once in the lower-cased text of the whole
document (a C-speed ``str.find``), giving the set of clauses that contain it. Sets
combine by the query's logic: ``OR`` is a union, ``AND`` and the proximity connectors
are intersections, ``NOT`` constrains nothing. The result is a superset of the clauses
the query can match, so the evaluator, which does the real work, sees far fewer.

A concept's tree can hold hundreds of phrases, so what it needs is also kept flattened
(:class:`Need`: its words, stems and phrases, with nested concepts by reference). The
query cache stores it beside each concept, and a concept read from the cache is
answered from its ``need`` without decoding, or walking, its tree.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from itertools import compress
from operator import or_
from typing import Any

from speclint.query.analysis import CUE_ENDINGS, CUE_WORDS, WORD
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
from speclint.query.words import normalise

_WORD = re.compile(WORD)
_LETTERS_ONLY = re.compile("[a-z]+")
_PLAIN_WORD = re.compile(f"^{WORD}$")


#: What a negation needs besides its words: a cue word, or a word ending in "n't".
CUE_NEED: dict[str, str] = {"w": " ".join(sorted(CUE_WORDS)), "o": " ".join(CUE_ENDINGS)}


class Candidates:
    """Finds, for each needed word, the units whose text contains it.

    Sets of units are kept as bit masks (bit ``u`` for unit ``u``): a union or an
    intersection of two large sets is then one machine-level operation, not a walk of
    their members. The public methods answer with frozensets, as before.
    """

    def __init__(self, texts: list[str]) -> None:
        self.everything = frozenset(range(len(texts)))
        self._all = (1 << len(texts)) - 1
        self._bytes = (len(texts) + 7) // 8
        self._count = len(texts)
        self._starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for text in texts:
            self._starts.append(offset)
            parts.append(normalise(text))
            offset += len(parts[-1]) + 1  # "İ" is two characters in lower case
        self._text = "\n".join(parts)
        self._cache: dict[str, int] = {}
        self._index: dict[str, list[int]] = {}
        # By word; a word of the document is filled in when first read (_Plain).
        self._plain_found = _Plain(self._index, self._count, self._bytes)
        self._stems_found: dict[str, int] = {}  # by stem
        self._atoms: dict[str, int] = {}
        self._nodes: dict[int, tuple[Query, int]] = {}
        self._cue_need = Need(CUE_NEED, _no_concept)
        self._items: dict[int, _Alternatives] = {}
        # Units are visited in order and each word once per unit: every list is sorted.
        index = self._index
        for unit, part in enumerate(parts):
            for word in _words(part):
                found = index.get(word)
                if found is None:
                    index[word] = [unit]
                else:
                    found.append(unit)
        self._words = sorted(self._index)
        self._vocabulary: str | None = None  # the words, one a line (see _in_words)
        self._word_starts: list[int] = []
        self._present = frozenset(self._index)
        # What the compiled _meet reads of the document (each never rebound).
        self._meet_context = (self._present, self._plain_found, self._atoms, self._all)
        self._meet_compiled = _meet_in_c()

    def _mask(self, units: Sequence[int]) -> int:
        """The bit mask of ``units``."""
        return _mask(units, self._count, self._bytes)

    def units(self, mask: int) -> list[int]:
        """The units of a bit mask, in order."""
        out: list[int] = []
        if mask.bit_count() <= 24:
            # Few units: peel off the lowest bit, rather than read every byte.
            while mask:
                low = mask & -mask
                out.append(low.bit_length() - 1)
                mask ^= low
            return out
        # Many units: the mask's binary digits, lowest first, as bytes 0 and 1, pick the
        # units out of their range at C speed.
        flags = bin(mask)[:1:-1].encode("ascii").translate(_DIGIT_FLAGS)
        return list(compress(range(len(flags)), flags))

    def _set(self, mask: int) -> frozenset[int]:
        return self.everything if mask == self._all else frozenset(self.units(mask))

    def word(self, word: str, prefix: bool) -> frozenset[int]:
        """Units holding ``word`` as a whole word, or a word starting with it."""
        return self._set(self._word(word, prefix))

    def _word(self, word: str, prefix: bool) -> int:
        if not prefix:
            found = self._plain_found.get(word)
            if found is None:
                found = self._plain_found[word] = self._plain(word)
            return found
        found = self._stems_found.get(word)
        if found is None:
            if not _PLAIN_WORD.match(word):
                found = self._containing(word)
            else:
                lo = bisect_left(self._words, word)
                hi = bisect_left(self._words, word + "\uffff")
                index = self._index
                found = self._mask([u for w in self._words[lo:hi] for u in index[w]])
            self._stems_found[word] = found
        return found

    def _plain(self, word: str) -> int:
        """The units holding ``word`` (not a stem), as :meth:`_word` finds them the first time."""
        if word in self._present:  # a word of the index is a plain word
            return self._mask(self._index[word])
        if not _PLAIN_WORD.match(word):
            return self._containing(word)
        return 0  # a plain word the document does not have

    def containing(self, needle: str) -> frozenset[int]:
        """Indices of units whose text contains ``needle`` (already lower-case)."""
        return self._set(self._containing(needle))

    def containing_any(self, needles: Iterable[str]) -> list[int]:
        """Sorted indices of units whose text contains one of ``needles`` (lower case)."""
        found = 0
        for needle in needles:
            found |= self._containing(needle)
        return self.units(found)

    def _containing(self, needle: str) -> int:
        found = self._cache.get("s:" + needle)
        if found is not None:
            return found
        if _LETTERS_ONLY.fullmatch(needle):
            found = self._cache["s:" + needle] = self._in_words(needle)
            return found
        units: list[int] = []
        text, starts = self._text, self._starts
        at = text.find(needle)
        while at != -1:
            unit = bisect_right(starts, at) - 1
            units.append(unit)
            # Jump to the next unit: one hit per unit is enough.
            nxt = starts[unit + 1] if unit + 1 < len(starts) else len(text)
            at = text.find(needle, nxt)
        result = self._mask(units)
        self._cache["s:" + needle] = result
        return result

    def _in_words(self, needle: str) -> int:
        """The units whose text holds ``needle``, a run of letters ``a``-``z``.

        Such a run lies inside one word of the index (a word holds every run of
        letters it touches), so the units are those of the words holding it: the
        document's distinct words are searched, not its whole text.
        """
        if self._vocabulary is None:
            self._vocabulary = "\n".join(self._words)
            starts = self._word_starts
            at = 0
            for word in self._words:
                starts.append(at)
                at += len(word) + 1
        text, starts, words, index = self._vocabulary, self._word_starts, self._words, self._index
        units: list[int] = []
        at = text.find(needle)
        while at != -1:
            i = bisect_right(starts, at) - 1
            units.extend(index[words[i]])
            if i + 1 >= len(starts):
                break
            at = text.find(needle, starts[i + 1])
        return self._mask(units)

    def atom(self, atom: str) -> frozenset[int]:
        """Units holding one word of a :class:`Need` (``word``, or ``stem*``)."""
        return self._set(self._atom(atom))

    def _atom(self, atom: str) -> int:
        found = self._atoms.get(atom)
        if found is None:
            found = self._atoms[atom] = (
                self._word(atom[:-1], True) if atom.endswith("*") else self._word(atom, False)
            )
        return found

    def meet(self, need: Need) -> frozenset[int]:
        """The units ``need`` allows: the same set :meth:`of` gives the tree it stands for."""
        return self._set(self._meet(need))

    def _meet(self, need: Need) -> int:
        if self._meet_compiled:
            return _compiled.meet_need(self, need, self._meet_context)
        return self._meet_python(need)

    def _meet_python(self, need: Need) -> int:
        """:meth:`_meet` in Python: ``meet_need`` in ``speclint/_scan.c`` is the same, compiled."""
        parts = need._parts
        if parts is None:
            if need._data is True:
                return self._all  # needs no word
            parts = need.parts()
        words, odd, stems, headed, phrases, concepts, anywhere, every = parts
        present = self._present
        plain = self._plain_found
        # The need's words as read (split, not made a set): a set would cost more to
        # make than one look-up of each word in the document's, and is made once only.
        # The document's words among them are met and their units joined at C speed.
        found = reduce(or_, map(plain.__getitem__, present.intersection(words)), 0)
        # Most needs have one or two of the eight parts: an absent one costs a test.
        if odd:
            for w in odd:
                found |= self._containing(w)
        if stems:
            for w in stems:
                found |= self._word(w, True)
        if headed:
            # A phrase headed by a plain word is looked at only when the document has
            # that word: the cost follows the document's words, not the vocabulary's.
            phrase = self._phrase
            for head in present.intersection(headed):
                units = plain[head]
                for rest in headed[head].split("|"):
                    found |= phrase(rest.split(), units)
        if phrases:
            for atoms in phrases:
                found |= self._phrase(atoms, self._all)
        if concepts:
            for concept in concepts:
                found |= self._of(concept)
        if anywhere:
            for concept in anywhere:
                found |= self._anywhere(concept)
        if every:
            for each in every:
                units = self._all
                for part in each:
                    units &= self._meet_python(part)
                    if not units:
                        break
                found |= units
        return found

    def _phrase(self, atoms: Sequence[str], first: int) -> int:
        """The units holding every atom of a phrase (and lying in ``first``), if any may."""
        units = first
        for atom in atoms:
            units &= self._atom(atom)
            if not units:
                return 0
        return units

    def of(self, query: Query) -> frozenset[int]:
        """A superset of the units ``query`` can match (remembered for each query node)."""
        return self._set(self._of(query))

    def sorted_units(self, query: Query) -> list[int]:
        """The units of :meth:`of`, in order."""
        return self.units(self._of(query))

    def _of(self, query: Query) -> int:
        known = self._nodes.get(id(query))
        if known is not None and known[0] is query:
            return known[1]
        found = _WALKS[type(query)](self, query)  # self._walk(query), written out
        # The node is kept with its result, so that its id cannot be reused meanwhile.
        self._nodes[id(query)] = (query, found)
        return found

    def view(self, unit: int) -> UnitView:
        """What the pre-filter says about the query nodes that can hold in ``unit``."""
        return UnitView(self, unit)

    def alternatives(self, query: Or, unit: int) -> list[Query]:
        """The items of ``query`` that can hold in ``unit``, in order.

        Each item's units are tested while that is cheap (one AND of two integers); once
        the tests for an ``OR`` have cost as much as a map from each unit to its items
        would, the map is made, and later units find their few items by one look-up
        (never more than twice the cheaper of the two). An entry of the map costs about
        :data:`_ENTRY_COST` tests to make. Asked of the unit's view
        (:meth:`UnitView.alternatives`), as the evaluator asks it.
        """
        return self.view(unit).alternatives(query)

    def _alternatives(self, query: Or) -> _Alternatives:
        """The items of ``query`` with their units, made once per ``OR`` and document.

        Items whose words the document lacks are dropped once, not tested per unit; an
        item that needs a plain word the document does not have (a plain word, or a
        phrase it starts) is dropped on that word alone, without a walk: it holds in no
        unit, as its walk would find.
        """
        present = self._present
        of = self._of
        items = [
            (item, units)
            for item, head in zip(query.items, _heads(query), strict=True)
            if (head is None or head in present) and (units := of(item))
        ]
        known = self._items[id(query)] = _Alternatives(query, items)
        return known

    def _by_unit(self, known: _Alternatives) -> dict[int, list[Query]]:
        """Map each unit to the items of ``known`` that can hold there (made once)."""
        by_unit: dict[int, list[Query]] = {}
        for item, units in known.items:
            for at in self.units(units):
                if at in by_unit:
                    by_unit[at].append(item)
                else:
                    by_unit[at] = [item]
        known.by_unit = by_unit
        return by_unit

    def _walk(self, query: Query) -> int:
        return _WALKS[type(query)](self, query)

    def _walk_term(self, query: Term) -> int:
        return self._word(query.word, query.prefix)

    def _walk_concept(self, query: Concept) -> int:
        # Expanded: the concept's own words.
        need: Need | None = getattr(query, "need", None)  # a concept from the cache
        return self._meet(need) if need is not None else self._of(query.query)

    def _walk_neg(self, query: Neg) -> int:
        # The negated words must be there, and a cue.
        units = self._of(query.item)
        return units & self._meet(self._cue_need) if units else 0

    def _walk_phrase(self, query: Phrase) -> int:
        units = self._all
        word = self._word
        for w in query.words:
            units &= word(w.word, w.prefix)
            if not units:
                break
        return units

    def _walk_number(self, query: NumberTest) -> int:
        if query.kind == "money":
            return self._containing("£")
        if query.kind == "percent":
            # The word "cent", not the needle "per cent": any space may part the two.
            return self._containing("%") | self._word("percent", True) | self._word("cent", True)
        return self._all

    def _walk_or(self, query: Or) -> int:
        # Plain words and the phrases they start are tested against the document's
        # words in one set operation: only those it has cost a look-up each.
        _, words, headed, rest = _or_parts(query)
        present = self._present
        found = reduce(or_, map(self._plain_found.__getitem__, present.intersection(words)), 0)
        of = self._of
        if headed:
            for head in present.intersection(headed):  # walks the smaller
                for phrase in headed[head]:
                    found |= of(phrase)
        for item in rest:
            found |= of(item)
        return found

    def _walk_and(self, query: And) -> int:
        units = self._all
        for item in query.items:
            if not isinstance(item, Not):
                units &= self._of(item)
                if not units:
                    break
        return units

    def _walk_near(self, query: Near) -> int:
        if isinstance(query.right, Not):
            return self._of(query.left)
        return self._of(query.left) & self._of(query.right)

    def _walk_other(self, query: Query) -> int:
        return self._all  # NOT on its own constrains nothing

    def anywhere(self, query: Query) -> frozenset[int]:
        """Units holding any positive word of ``query``: enough for document-wide queries."""
        return self._set(self._anywhere(query))

    def _anywhere(self, query: Query) -> int:
        if isinstance(query, (Term, Phrase, NumberTest)):
            return self._of(query)
        if isinstance(query, (Or, And)):
            found = 0
            for item in query.items:
                found |= self._anywhere(item)
            return found
        if isinstance(query, Near):
            return self._anywhere(query.left) | self._anywhere(query.right)
        if isinstance(query, (Not, Neg)):
            return self._anywhere(query.item)
        if isinstance(query, Concept):
            found_need: Need | None = getattr(query, "need_anywhere", None)
            return self._meet(found_need) if found_need is not None else self._anywhere(query.query)
        return self._all


#: Each ``OR`` (by id, kept so that the id is not reused) with the words of its plain-word
#: items, its phrases that start with a plain word by that word, and its other items.
_OR_PARTS: dict[int, tuple[Or, frozenset[str], dict[str, list[Phrase]], tuple[Query, ...]]] = {}


def _or_parts(
    query: Or,
) -> tuple[Or, frozenset[str], dict[str, list[Phrase]], tuple[Query, ...]]:
    """``query``'s items parted as :data:`_OR_PARTS` keeps them (made once per ``OR``).

    A plain word (:data:`WORD`, not a stem) the document lacks holds in no unit, and so
    does a phrase whose first word is one: both are answered from the word index.
    """
    known = _OR_PARTS.get(id(query))
    if known is not None and known[0] is query:
        return known
    words: set[str] = set()
    headed: dict[str, list[Phrase]] = {}
    rest: list[Query] = []
    for item in query.items:
        if type(item) is Term and not item.prefix and _PLAIN_WORD.match(item.word):
            words.add(item.word)
        elif type(item) is Phrase:
            head = item.words[0]
            if not head.prefix and _PLAIN_WORD.match(head.word):
                headed.setdefault(head.word, []).append(item)
            else:
                rest.append(item)
        else:
            rest.append(item)
    known = _OR_PARTS[id(query)] = (query, frozenset(words), headed, tuple(rest))
    return known


#: Each ``OR`` (by id, kept so that the id is not reused) with, for each of its items, the
#: plain word the item cannot hold without (a plain-word item's word, or the first word
#: of a phrase when that is a plain word), or ``None``.
_HEADS: dict[int, tuple[Or, tuple[str | None, ...]]] = {}


def _heads(query: Or) -> tuple[str | None, ...]:
    """The word each item of ``query`` needs, as :data:`_HEADS` keeps them (made once)."""
    known = _HEADS.get(id(query))
    if known is not None and known[0] is query:
        return known[1]
    heads: list[str | None] = []
    for item in query.items:
        term = item.words[0] if type(item) is Phrase else item
        if type(term) is Term and not term.prefix and _PLAIN_WORD.match(term.word):
            heads.append(term.word)
        else:
            heads.append(None)
    _HEADS[id(query)] = (query, tuple(heads))
    return tuple(heads)


_Walk = Callable[[Candidates, Any], int]
#: How :meth:`Candidates._walk` reads each kind of node, by its class.
_WALKS: ByKind[_Walk] = ByKind(
    (
        (Term, Candidates._walk_term),
        (Concept, Candidates._walk_concept),
        (Neg, Candidates._walk_neg),
        (Phrase, Candidates._walk_phrase),
        (NumberTest, Candidates._walk_number),
        (Or, Candidates._walk_or),
        (And, Candidates._walk_and),
        (Near, Candidates._walk_near),
    ),
    default=Candidates._walk_other,
)


#: What one entry of an ``OR``'s map from units to items costs, in tests of one item
#: against one unit (measured: reading the mask's units and filing the item there).
_ENTRY_COST = 4

try:
    import speclint._scan as _compiled
except ImportError:  # built without a C compiler: the OR's items are found in Python
    _compiled = None  # type: ignore[assignment]
else:
    # The compiled OR (program._or) finds an OR's items as UnitView.alternatives does.
    _compiled.set_entry_cost(_ENTRY_COST)


def _meet_in_c() -> bool:
    """Whether :meth:`Candidates._meet` runs compiled (``meet_need``).

    It does when the module is built and ``SPECLINT_PURE_QUERY`` is not set, as for the
    query programs; read once per document.
    """
    return _compiled is not None and not os.environ.get("SPECLINT_PURE_QUERY")


#: Bytes that are not a letter or an apostrophe, as spaces.
_LETTERS = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz'" else 32 for c in range(256))


def _words(text: str) -> set[str]:
    """The words :data:`WORD` finds in lower-cased ``text``, as a set.

    Characters other than the letters ``a``-``z`` and the apostrophe become spaces at
    C speed (any other character, ASCII or not, can only part words), so a split gives
    the words; only the few pieces holding an apostrophe go to the pattern itself.
    """
    found = set(text.encode("ascii", "replace").translate(_LETTERS).decode("ascii").split())
    odd = [piece for piece in found if "'" in piece]
    if odd:
        found.difference_update(odd)
        for piece in odd:
            found.update(_WORD.findall(piece))
    return found


def _mask(units: Sequence[int], count: int, size: int) -> int:
    """The bit mask of ``units``, of ``count`` units in all (``size`` bytes)."""
    if len(units) * 32 > count:
        # Many units: a byte a unit, read as binary digits, costs less per unit than
        # setting bits one by one.
        flags = bytearray(count)
        for unit in units:
            flags[unit] = 1
        flags.reverse()
        return int(flags.translate(_BINARY_DIGITS), 2)
    bits = bytearray(size)
    for unit in units:
        bits[unit >> 3] |= 1 << (unit & 7)
    return int.from_bytes(bits, "little")


class _Plain(dict[str, int]):
    """The units of each plain word (bit masks), by word.

    A word of the document's index is filled in when first read, so that a set of
    words the document has can be met in one call (``map(plain.__getitem__, words)``);
    any other word is filled in by :meth:`Candidates._word` first.
    """

    __slots__ = ("_bytes", "_count", "_index")

    def __init__(self, index: dict[str, list[int]], count: int, size: int) -> None:
        super().__init__()
        self._index = index
        self._count = count
        self._bytes = size

    def __missing__(self, word: str) -> int:
        found = self[word] = _mask(self._index[word], self._count, self._bytes)
        return found


#: Bytes 0 and 1 as the digits "0" and "1".
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

#: The digits "0" and "1" as bytes 0 and 1.
_DIGIT_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


#: No items (shared: the evaluator only reads the lists it is given).
_NO_ITEMS: list[Query] = []


class _Alternatives:
    """An ``OR``'s items with their units (bit masks), and (once it pays) each unit's items."""

    __slots__ = ("by_unit", "items", "query", "size", "spent")

    def __init__(self, query: Or, items: list[tuple[Query, int]]) -> None:
        self.query = query  # kept, so that its id is not reused meanwhile
        self.items = items
        self.size = sum(units.bit_count() for _, units in items)
        self.spent = 0
        self.by_unit: dict[int, list[Query]] | None = None


class UnitView:
    """The pre-filter's word for one unit: which query nodes can hold there at all.

    The evaluator asks before it evaluates a node, and takes only the alternatives of an
    ``OR`` that can hold, so the parts of a large query (a concept of a hundred phrases)
    whose words are not in the unit cost a set look-up, not a search of its tokens.
    """

    __slots__ = ("_bit", "_candidates", "_nodes", "unit")

    def __init__(self, candidates: Candidates, unit: int) -> None:
        self._candidates = candidates
        self._nodes = candidates._nodes
        self.unit = unit
        self._bit = 1 << unit

    def could_hold(self, query: Query) -> bool:
        """False when ``query`` cannot hold in the unit: it lacks some word the query needs."""
        known = self._nodes.get(id(query))
        if known is not None and known[0] is query:
            return bool(known[1] & self._bit)
        return bool(self._candidates._of(query) & self._bit)

    def alternatives(self, query: Or) -> list[Query]:
        """The items of ``query`` that can hold in the unit, in order.

        How they are found, and what that costs: :meth:`Candidates.alternatives`. The
        evaluator asks this for every ``OR`` it meets in every unit.
        """
        candidates = self._candidates
        known = candidates._items.get(id(query))
        if known is None or known.query is not query:
            known = candidates._alternatives(query)
        by_unit = known.by_unit
        if by_unit is not None:
            return by_unit.get(self.unit, _NO_ITEMS)
        return self.allowed(known)

    def allowed(self, known: _Alternatives) -> list[Query]:
        """:meth:`alternatives` of an ``OR`` whose items ``known`` holds, before its map is made.

        Each item's units are tested until that has cost as much as the map would; then
        the map is made and read.
        """
        known.spent += len(known.items)
        if known.spent < known.size * _ENTRY_COST:
            bit = self._bit
            return [item for item, units in known.items if units & bit]
        return self._candidates._by_unit(known).get(self.unit, _NO_ITEMS)


class Need:
    """What a query needs of a unit's words, flattened: a union of its parts.

    A unit may hold the query only if it has one of ``words`` (whole words; ``odd``
    holds those the word index cannot answer, found as text), a word starting with one
    of ``stems``, every word of one of ``phrases`` (each ``word`` or ``stem*``; filed
    under its first word when that is a plain word, ``h`` in the stored form), what
    one of ``concepts`` needs (``anywhere``: has one of its positive words), or what every
    part of one of ``every`` needs. ``everything``: no word is needed (a bare ``NOT``, a
    plain number). Read from its :func:`need_data` form when first used.
    """

    __slots__ = ("_concept", "_data", "_parts")

    def __init__(self, data: Any, concept: Callable[[str], Concept]) -> None:
        self._data = data
        self._concept = concept
        self._parts: _Parts | None = None

    @property
    def everything(self) -> bool:
        """True when the query needs no word at all."""
        return self._data is True

    def parts(self) -> _Parts:
        """The need's parts: ``words``, ``odd``, ``stems``, ``headed``, ``phrases``, and more.

        After ``phrases`` come ``concepts``, ``anywhere`` and ``every``. A phrase whose
        first word is a plain word is in ``headed``, under that word (the rests of its
        phrases, as written and parted by ``|``: split only when the document has the
        word); ``phrases`` holds the others, whole.
        """
        if self._parts is None:
            # Most needs have two or three of the eight parts: an absent one costs a look-up.
            data, concept = self._data, self._concept
            get = data.get
            words, odd, stems, headed = get("w"), get("o"), get("p"), get("h")
            phrases, concepts, anywhere, every = get("ph"), get("c"), get("ca"), get("a")
            self._parts = (
                tuple(words.split()) if words else (),
                tuple(odd.split()) if odd else (),
                tuple(stems.split()) if stems else (),
                headed if headed else _NO_HEADS,
                tuple([tuple(p.split()) for p in phrases]) if phrases else (),
                tuple([concept(name) for name in concepts]) if concepts else (),
                tuple([concept(name) for name in anywhere]) if anywhere else (),
                tuple([tuple([Need(n, concept) for n in e]) for e in every]) if every else (),
            )
        return self._parts


#: No phrases headed by a word (shared: only ever read).
_NO_HEADS: dict[str, str] = {}

_Parts = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    dict[str, str],
    tuple[tuple[str, ...], ...],
    tuple[Concept, ...],
    tuple[Concept, ...],
    tuple[tuple[Need, ...], ...],
]


def need_data(query: Query, anywhere: bool = False) -> Any:
    """The JSON-ready :class:`Need` of ``query``, its concepts by name (``True``: none).

    Mirrors :meth:`Candidates.of` (or :meth:`Candidates.anywhere`), so that
    ``meet(need)`` gives the same units as walking the tree.
    """
    parts = _need_parts(query, anywhere)
    if parts is None:
        return True
    out: dict[str, Any] = {}
    for key, items in parts.items():
        if items:
            if key == "w":
                plain = [w for w in dict.fromkeys(items) if _PLAIN_WORD.match(w)]
                odd = [w for w in dict.fromkeys(items) if not _PLAIN_WORD.match(w)]
                if plain:
                    out["w"] = " ".join(plain)
                if odd:
                    out["o"] = " ".join(odd)
            elif key == "p":
                out[key] = " ".join(dict.fromkeys(items))
            elif key == "ph":
                headed: dict[str, list[str]] = {}
                others = []
                for phrase in dict.fromkeys(items):
                    head, _, rest = phrase.partition(" ")
                    if head.endswith("*") or not _PLAIN_WORD.match(head):
                        others.append(phrase)
                    else:
                        headed.setdefault(head, []).append(rest)
                if headed:
                    out["h"] = {head: "|".join(rests) for head, rests in headed.items()}
                if others:
                    out["ph"] = others
            elif key in ("c", "ca"):
                out[key] = list(dict.fromkeys(items))
            else:
                out[key] = items
    return out


def _no_concept(name: str) -> Concept:
    raise KeyError(name)  # CUE_NEED names no concept


def _atom(term: Term) -> str:
    return term.word + ("*" if term.prefix else "")


def _need_parts(query: Query, anywhere: bool) -> dict[str, list[Any]] | None:
    """The union parts of ``query``'s need; ``None`` when it needs no word at all."""
    parts: dict[str, list[Any]] = {"w": [], "p": [], "ph": [], "c": [], "ca": [], "a": []}
    if isinstance(query, Term):
        parts["p" if query.prefix else "w"].append(query.word)
    elif isinstance(query, Phrase):
        parts["ph"].append(" ".join(_atom(w) for w in query.words))
    elif isinstance(query, NumberTest):
        if query.kind == "money":
            parts["w"].append("£")
        elif query.kind == "percent":
            parts["w"].append("%")
            parts["p"] += ["percent", "cent"]
        else:
            return None
    elif isinstance(query, Concept):
        parts["ca" if anywhere else "c"].append(query.name)
    elif isinstance(query, Neg):
        if anywhere:
            return _need_parts(query.item, anywhere)
        need = need_data(query.item)
        # Words that every unit may hold (a bare NUMBER) still need a cue, as the walk does.
        parts["a"].append([CUE_NEED] if need is True else [need, CUE_NEED])
    elif isinstance(query, Not):
        return _need_parts(query.item, anywhere) if anywhere else None
    elif anywhere and isinstance(query, (Or, And, Near)):
        for item in query.items if isinstance(query, (Or, And)) else (query.left, query.right):
            sub = _need_parts(item, anywhere)
            if sub is None:
                return None
            for key, values in sub.items():
                parts[key] += values
    elif isinstance(query, Or):
        for item in query.items:
            sub = _need_parts(item, anywhere)
            if sub is None:
                return None
            for key, values in sub.items():
                parts[key] += values
    else:
        needed: list[Query]
        if isinstance(query, And):
            needed = [i for i in query.items if not isinstance(i, Not)]
        else:
            assert isinstance(query, Near)
            needed = [query.left] if isinstance(query.right, Not) else [query.left, query.right]
        needs = [n for n in (need_data(i) for i in needed) if n is not True]
        if not needs:
            return None
        parts["a"].append(needs)
    return parts

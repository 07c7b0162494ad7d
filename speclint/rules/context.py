"""What a rule sees: the outline of a document and the analysis of each unit.

Units are analysed lazily, on first use, and a pre-filter says which units a query
could possibly match, so a long document costs little more than the clauses that
actually carry a rule's vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import overload

from speclint.query.analysis import Analysis, analyse
from speclint.query.ast import And, Concept, Near, Not, Or, Query
from speclint.query.evaluate import Evaluator, document_parts, unit_local
from speclint.query.prefilter import Candidates
from speclint.structure.build import Outline

#: The families whose questions ask about the anti-pattern itself ("Is price the deciding
#: factor?", "Is success the number of contacts?"), so that an answer of no denies it. A
#: "no" to the other families' questions admits their anti-pattern ("Is supervision
#: funded? No.", "Were carers asked? No.", "Can the visit run longer? No."), and PBR's
#: rules weigh a "no" themselves (``ANSWERED_NO``): their rules read a ``denied``
#: question with its answer.
DENIAL_CLEARS = frozenset({"CMP", "OUT"})


def opted_in(family: str, include: tuple[str, ...]) -> frozenset[str]:
    """The non-operative classes a rule of ``family`` reads.

    That is its ``include``, and ``denied`` unless a "no" clears its family's
    anti-pattern (:data:`DENIAL_CLEARS`).
    """
    return frozenset(include) | (frozenset() if family in DENIAL_CLEARS else {"denied"})


#: Sentences that are not operative requirements; rules skip them unless they opt in.
NON_OPERATIVE = frozenset(
    {"definition", "history", "meta", "question", "denied", "report", "form", "aim"}
)


@dataclass(frozen=True)
class RuleHit:
    """A place a rule fired: a character range of one unit's text.

    ``spans`` are the character ranges of the quoted trigger words (for highlighting);
    empty when the rule has no words to point at.
    """

    unit: int
    start: int
    end: int
    evidence: str = ""
    spans: tuple[tuple[int, int], ...] = ()


class _LazyAnalyses(Sequence[Analysis]):
    """The analysis of every unit, computed the first time each is asked for."""

    def __init__(self, outline: Outline) -> None:
        self._outline = outline
        self._candidates: Candidates | None = None
        self._done: dict[int, Analysis] = {}
        self._bases: list[int] = []
        base = 0
        for unit in outline.units:
            self._bases.append(base)
            base += len(unit.sentences)

    @property
    def candidates(self) -> Candidates:
        """The pre-filter over the units' texts, built on first use."""
        if self._candidates is None:
            self._candidates = Candidates([u.text for u in self._outline.units])
        return self._candidates

    def __len__(self) -> int:
        return len(self._outline.units)

    def first_sentence(self, index: int) -> int:
        """The id its analysis gives the first sentence of unit ``index``."""
        return self._bases[index]

    @overload
    def __getitem__(self, index: int) -> Analysis: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Analysis]: ...

    def __getitem__(self, index: int | slice) -> Analysis | Sequence[Analysis]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        found = self._done.get(index)
        if found is None:
            unit = self._outline.units[index]
            found = analyse(unit, clause_id=index, sentence_base=self.first_sentence(index))
            found.prefilter = self.candidates.view(index)
            self._done[index] = found
        return found

    def __iter__(self) -> Iterator[Analysis]:
        return (self[i] for i in range(len(self)))


@dataclass
class RuleContext:
    """The document as rules see it: units (clauses with text) and their analyses."""

    outline: Outline
    analyses: Sequence[Analysis] = field(default_factory=list)
    _skipped: dict[tuple[int, frozenset[str]], frozenset[int]] = field(
        default_factory=dict, repr=False
    )
    #: The non-operative classes the rule being run reads (:func:`opted_in`): what
    #: :meth:`skipped_sentences` leaves in when it is not told otherwise.
    reads: frozenset[str] = frozenset()

    @classmethod
    def build(cls, outline: Outline) -> RuleContext:
        """A context whose units are analysed on demand."""
        return cls(outline, _LazyAnalyses(outline))

    def reading(self, classes: frozenset[str]) -> RuleContext:
        """The context as a rule reading ``classes`` sees it, sharing analyses and caches."""
        return self if classes == self.reads else replace(self, reads=classes)

    @cached_property
    def candidates(self) -> Candidates:
        """The pre-filter over this document's unit texts."""
        if isinstance(self.analyses, _LazyAnalyses):
            return self.analyses.candidates
        return Candidates([u.text for u in self.outline.units])

    def could_match(self, query: Query) -> list[int]:
        """Sorted indices of the units ``query`` could match."""
        return self.candidates.sorted_units(query)

    def quiet(self, unit: int) -> bool:
        """True when the unit sits under a Definitions, Glossary or Background heading.

        The structure layer decides it (:attr:`speclint.models.Unit.quiet`).
        """
        return self.outline.units[unit].quiet

    def skipped_sentences(self, unit: int, include: frozenset[str] | None = None) -> frozenset[int]:
        """Sentence ids of ``unit`` a rule should not look at (all of them in a quiet section).

        ``include`` names the non-operative classes the rule reads (by default
        :attr:`reads`).
        """
        if include is None:
            include = self.reads
        key = (unit, include)
        found = self._skipped.get(key)
        if found is None:
            analyses = self.analyses
            if not isinstance(analyses, _LazyAnalyses):
                analysis = analyses[unit]
                if self.quiet(unit) and "definition" not in include:
                    found = frozenset(analysis.flags)
                else:
                    found = analysis.sentences_flagged(NON_OPERATIVE - include)
            else:
                # Read from the units' sentences, as the analysis would copy them, so that
                # a unit need not be analysed to learn that a rule passes it over.
                base = analyses.first_sentence(unit)
                sentences = self.outline.units[unit].sentences
                if self.quiet(unit) and "definition" not in include:
                    found = frozenset(range(base, base + len(sentences)))
                else:
                    wanted = NON_OPERATIVE - include
                    found = frozenset(base + n for n, s in enumerate(sentences) if s.flags & wanted)
            self._skipped[key] = found
        return found

    def sentence_ids(self, unit: int) -> range:
        """The ids the analysis of ``unit`` gives its sentences, in order."""
        analyses = self.analyses
        if isinstance(analyses, _LazyAnalyses):
            base = analyses.first_sentence(unit)
            return range(base, base + len(self.outline.units[unit].sentences))
        ids = sorted(analyses[unit].flags)
        return range(ids[0], ids[-1] + 1) if ids else range(0)

    def document(self, units: Sequence[int]) -> Analysis:
        """One analysis joining ``units``, for a document-wide query."""
        return Analysis.join([self.analyses[i] for i in units])

    def holds_anywhere(
        self, query: Query, include: frozenset[str], affirmed_only: bool = True
    ) -> bool:
        """Whether ``query`` holds in the document as a whole (read as one joined analysis).

        ``include`` names the non-operative classes read. A query that keeps to its unit
        (:func:`~speclint.query.evaluate.unit_local`) holds in the document where it holds
        in one unit: the units the pre-filter allows are read one by one, each with the
        analysis the rules share, until one holds. An ``OR`` holds where one of its items
        does, an ``AND`` where all do, a ``NOT`` of such a query where it does not, each
        item asked in the same way (those that keep to their unit first); anything else
        is evaluated over the joined analysis of the units that decide it
        (:meth:`_deciding`).
        """
        if isinstance(query, Concept):
            return self.holds_anywhere(query.query, include, affirmed_only)
        if unit_local(query):
            for unit in self.could_match(query):
                skip = self.skipped_sentences(unit, include)
                if Evaluator(self.analyses[unit], affirmed_only, skip).run(query) is not None:
                    return True
            return False
        if isinstance(query, (Or, And)):
            # The same answer in any order: the items that keep to their unit are cheapest.
            items = sorted(query.items, key=lambda item: not unit_local(item))
            held = (self.holds_anywhere(item, include, affirmed_only) for item in items)
            return any(held) if isinstance(query, Or) else all(held)
        if isinstance(query, Not) and unit_local(query.item):
            return not self.holds_anywhere(query.item, include, affirmed_only)
        deciding = self._deciding(query)
        if deciding is None:
            return False  # a proximity connector with no unit where a pair can be
        units = sorted(deciding)
        skip = self.document_skips(include, units)
        return Evaluator(self.document(units), affirmed_only, skip).run(query) is not None

    def _deciding(self, query: Query) -> frozenset[int] | None:
        """Units enough to evaluate ``query`` over as over the whole document.

        The units holding its words (:meth:`Candidates.anywhere`). For a proximity
        connector, the units where it can have hits (:meth:`_reach`: both sides can, or
        its left side when its right is a ``NOT``), and for each ``AND`` or ``NOT``
        inside it that asks about the whole run of units
        (:func:`~speclint.query.evaluate.document_parts`) the units that answer it as
        the whole document does (:meth:`_answering`); ``None`` when it has no unit with
        hits, where it cannot hold. With those in, every other part has in each unit the
        hits it has there in the whole document, and each ``AND`` or ``NOT`` its answer.
        """
        candidates = self.candidates
        if not isinstance(query, Near):
            return candidates.anywhere(query)
        near = self._reach(query)
        if not near:
            return None
        return near.union(*(self._answering(part) for part in document_parts(query)))

    def _reach(self, query: Query) -> frozenset[int]:
        """The units in which ``query`` can have hits when read over a run of joined units.

        A query that keeps to its unit has them only where the pre-filter allows it
        (:meth:`Candidates.of`); an ``OR`` where one of its items can, an ``AND`` where
        one of its items other than a ``NOT`` can (those add no hits), a ``NOT`` nowhere,
        and a proximity connector where both sides can (the left side alone when the
        right is a ``NOT``), since it pairs hits of one sentence or clause. Anything else
        has them at most where its words are (:meth:`Candidates.anywhere`).
        """
        if unit_local(query):
            return self.candidates.of(query)
        if isinstance(query, Concept):
            return self._reach(query.query)
        if isinstance(query, (Or, And)):
            return frozenset().union(
                *(self._reach(item) for item in query.items if not isinstance(item, Not))
            )
        if isinstance(query, Not):
            return frozenset()
        if isinstance(query, Near):
            left = self._reach(query.left)
            if isinstance(query.right, Not) or not left:
                return left
            return left & self._reach(query.right)
        return self.candidates.anywhere(query)

    def _answering(self, part: Query) -> frozenset[int]:
        """Units enough to answer ``part``, an ``AND`` or a ``NOT``, as the whole document does.

        Each item of an ``AND`` (and what a ``NOT`` holds) that keeps to its unit holds
        in a run of units holding every unit the pre-filter allows it
        (:meth:`Candidates.of`) where it holds in the document; any other item needs the
        units holding its words (:meth:`Candidates.anywhere`), as before.
        """
        candidates = self.candidates
        units: set[int] = set()
        for item in part.items if isinstance(part, And) else (part,):
            inner = item.item if isinstance(item, Not) else item
            units |= candidates.of(inner) if unit_local(inner) else candidates.anywhere(inner)
        return frozenset(units)

    def document_skips(self, include: frozenset[str], units: Sequence[int]) -> frozenset[int]:
        """Sentence ids across ``units`` a document-wide query should not look at."""
        return frozenset().union(*(self.skipped_sentences(i, include) for i in units))

    def clause_number(self, unit: int) -> str:
        """The printed clause number of a unit, or a description when it has none."""
        return self.outline.units[unit].number or "(unnumbered)"

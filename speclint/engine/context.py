"""What a rule sees: the outline of a document and the analysis of each unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from speclint.query.analysis import Analysis, analyse, quiet_section
from speclint.structure.build import Outline

#: Sentences that are not operative requirements; rules skip them unless they opt in.
NON_OPERATIVE = frozenset({"definition", "history", "meta"})


@dataclass(frozen=True)
class Hit:
    """A place a rule fired: a character range of one unit's text."""

    unit: int
    start: int
    end: int
    evidence: str = ""


@dataclass
class RuleContext:
    """The document as rules see it: units (clauses with text) and their analyses."""

    outline: Outline
    analyses: list[Analysis] = field(default_factory=list)
    _document: Analysis | None = None

    @classmethod
    def build(cls, outline: Outline) -> RuleContext:
        """Analyse every unit once; sentence ids are unique across the document."""
        analyses: list[Analysis] = []
        base = 0
        for i, unit in enumerate(outline.units):
            analyses.append(analyse(unit, clause_id=i, sentence_base=base))
            base += len(unit.sentences)
        return cls(outline, analyses)

    def quiet(self, unit: int) -> bool:
        """True when the unit sits under a Definitions, Glossary or Background heading."""
        return quiet_section(self.outline.units[unit].heading_path)

    def skipped_sentences(self, unit: int, include: frozenset[str] = frozenset()) -> frozenset[int]:
        """Sentence ids of ``unit`` a rule should not look at (all of them in a quiet section)."""
        analysis = self.analyses[unit]
        if self.quiet(unit) and "definition" not in include:
            return frozenset(analysis.flags)
        return analysis.sentences_flagged(NON_OPERATIVE - include)

    def document(self) -> Analysis:
        """One analysis of the whole document, for document-wide queries."""
        if self._document is None:
            self._document = Analysis.join(self.analyses)
        return self._document

    def document_skips(self, include: frozenset[str] = frozenset()) -> frozenset[int]:
        """Sentence ids across the document a document-wide query should not look at."""
        out: set[int] = set()
        for i in range(len(self.analyses)):
            out |= self.skipped_sentences(i, include)
        return frozenset(out)

    def clause_number(self, unit: int) -> str:
        """The printed clause number of a unit, or a description when it has none."""
        return self.outline.units[unit].number or "(unnumbered)"

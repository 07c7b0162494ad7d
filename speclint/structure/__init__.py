"""Document structure: clause labels (lark), sentences, what each sentence is, the clause tree."""

from speclint.structure.build import Outline, build_outline, text_unit
from speclint.structure.sentences import split_sentences

__all__ = ["Outline", "build_outline", "split_sentences", "text_unit"]

"""Document structure: clause labels (lark), sentences and the clause tree."""

from speclint.structure.build import Outline, build_outline
from speclint.structure.sentences import split_sentences

__all__ = ["Outline", "build_outline", "split_sentences"]

"""Whether a text holds any of a set of substrings, in one pass over the text.

Many screens in speclint ask ``any(key in text for key in keys)`` before a regular
expression or a closer reading (sentence meaning, other parties' voices, the kind of a
document, worded weights). :class:`Screen` answers the same question; the compiled
module (``speclint/_scan.c``, built at install) does it in one pass over the
text, each position compared only with the keys that start with its two characters. Without
it the ``any`` above runs. A test compares the two.
"""

from __future__ import annotations

from collections.abc import Iterable

try:
    import speclint._scan as _compiled
except ImportError:  # built without a C compiler: the Python ``any`` does the work
    _compiled = None  # type: ignore[assignment]


class Screen:
    """A fixed set of substrings, asked about text by :meth:`found_in`."""

    __slots__ = ("_compiled", "keys")

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = tuple(keys)
        self._compiled = _compiled.screen(self.keys) if _compiled is not None else None

    @property
    def compiled(self) -> bool:
        """Whether :meth:`found_in` is the compiled pass (else the Python ``any``)."""
        return self._compiled is not None

    def found_in(self, text: str) -> bool:
        """``any(key in text for key in self.keys)``."""
        if self._compiled is not None:
            return _compiled.holds_any(self._compiled, text)
        return any(key in text for key in self.keys)


class GroupScreen:
    """Sets of substrings, up to 64, asked which of them a text holds any of.

    :meth:`groups_in` answers with a bit mask: bit ``g`` is set when some key of group
    ``g`` is in the text, as ``any(key in text for key in groups[g])`` would say. The
    compiled pass finds every group in one pass over the text.
    """

    __slots__ = ("_compiled", "groups")

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.groups = tuple(tuple(keys) for keys in groups)
        if len(self.groups) > 64:
            raise ValueError("a group screen holds at most 64 groups")
        self._compiled = None
        if _compiled is not None:
            keys = tuple(key for keys in self.groups for key in keys)
            owners = tuple(g for g, keys in enumerate(self.groups) for _ in keys)
            self._compiled = _compiled.screen(keys, owners)

    def groups_in(self, text: str) -> int:
        """The bit mask of the groups with a key in ``text``."""
        if self._compiled is not None:
            return _compiled.groups_in(self._compiled, text)
        found = 0
        for g, keys in enumerate(self.groups):
            if any(key in text for key in keys):
                found |= 1 << g
        return found

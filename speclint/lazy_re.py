"""Regular expressions compiled when they are first used, not when a module is imported.

Modules with many module-level patterns (the checks, sentence meaning, clause labels,
the tokeniser) import this module as ``re``: it offers every public name of :mod:`re`,
but ``compile`` returns a pattern that is compiled the first time one of its methods
is read. Patterns a document never needs cost start-up nothing, so that linting a
small file stays quick.
"""

from __future__ import annotations

import re as _re
import sys
from collections.abc import Iterator
from re import (
    ASCII,
    DEBUG,
    DOTALL,
    IGNORECASE,
    LOCALE,
    MULTILINE,
    UNICODE,
    VERBOSE,
    A,
    I,
    L,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
    findall,
    finditer,
    fullmatch,
    match,
    purge,
    search,
    split,
    sub,
    subn,
)
from typing import Any, cast

from speclint.substrings import GroupScreen

__all__ = [
    "ASCII",
    "DEBUG",
    "DOTALL",
    "IGNORECASE",
    "LOCALE",
    "MULTILINE",
    "UNICODE",
    "VERBOSE",
    "A",
    "Alternation",
    "I",
    "L",
    "M",
    "Match",
    "Pattern",
    "RegexFlag",
    "S",
    "U",
    "X",
    "compile",
    "error",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "purge",
    "required_substrings",
    "search",
    "split",
    "sub",
    "subn",
]

_METHODS = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A pattern's text and flags, compiled when a method or attribute is first read.

    The compiled pattern's methods are then kept on the instance, so later calls cost
    what calling the compiled pattern costs.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = _re.compile(self.pattern, self._flags)
        for attr in _METHODS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


def compile(pattern: str, flags: int = 0) -> Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast("Pattern[str]", LazyPattern(pattern, flags))


# -- alternations searched through the alternatives a text could match ------------------

#: Characters that IGNORECASE matching equates with an ASCII letter while ``str.lower``
#: does not turn them into it (dotted and dotless I, long S, the Kelvin sign): a text
#: holding one is searched with the whole pattern.
CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
#: Any of :data:`CASE_TRAPS`, found in one call rather than a search for each.
_TRAP = _re.compile("[" + "".join(CASE_TRAPS) + "]")

#: How many strings a node's exact set may hold before it is given up (see
#: :func:`required_substrings`).
_MOST_EXACT = 64


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source, in order.

    An alternative that is one whole non-capturing group, ``(?:a|b)``, is opened up into
    its own alternatives: matched leftmost-first, ``(?:a|b)|c`` is ``a|b|c``.
    """
    out: list[str] = []
    for alternative in _split_top(source):
        inner = _whole_group(alternative)
        if inner is not None:
            out.extend(split_alternatives(inner))
        else:
            out.append(alternative)
    return out


def _skip_class(source: str, i: int) -> int:
    """The index just past the character class opening at ``source[i]``."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def _grouping(source: str) -> Iterator[tuple[int, str, int]]:
    """Each ``(``, ``)`` and ``|`` outside classes and escapes, with its index and depth after.

    The depth counts the groups open once the character is read.
    """
    depth = i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _skip_class(source, i)
            continue
        if char in "()|":
            depth += (char == "(") - (char == ")")
            yield i, char, depth
        i += 1


def _split_top(source: str) -> list[str]:
    """``source`` cut at each ``|`` outside groups, classes and escapes."""
    parts: list[str] = []
    start = 0
    for i, char, depth in _grouping(source):
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def _whole_group(alternative: str) -> str | None:
    """``x`` when ``alternative`` is one non-capturing group ``(?:x)``, else ``None``."""
    if not alternative.startswith("(?:") or not alternative.endswith(")"):
        return None
    last = len(alternative) - 1
    for i, char, depth in _grouping(alternative):
        if char == ")" and depth == 0 and i != last:
            return None  # the group closes before the end: "(?:a)b"
    return alternative[3:-1]


def required_substrings(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains, or ``None`` if unknown.

    Read from the pattern's parse tree: a literal run, or the strings an alternation or
    a small class spells out, joined along a sequence; a repeat that may be absent, a
    look-around, a class of many characters or a back-reference promise nothing. Of
    the sets a sequence offers, the one whose shortest string is longest is kept. With
    IGNORECASE the strings are in lower case, to be looked for in the lower-cased text
    (a text holding one of :data:`CASE_TRAPS` cannot be judged so); a cased letter
    outside ASCII promises nothing then. Anything the reading does not know (a parser
    this Python lacks, a node it does not name) gives ``None``: search everywhere.
    """
    try:
        try:
            from re import _constants as constants  # type: ignore[attr-defined]
            from re import _parser as parser  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10
            import sre_constants as constants
            import sre_parse as parser
        tree = parser.parse(source, flags)
        found = _Reading(constants, tree.state.flags).sequence(tree)
    except Exception:  # an unknown tree only costs the screen
        return None
    exact, required = found
    best = _better(required, exact)
    if best is None:
        return None
    # A string holding another of the set adds nothing: the other is in the text too.
    return frozenset(s for s in best if not any(o != s and o in s for o in best))


def _better(best: frozenset[str] | None, other: frozenset[str] | None) -> frozenset[str] | None:
    """Of two sets of required strings, the more selective (``None``: no promise)."""
    if other is None or not other or "" in other:
        return best
    if best is None:
        return other
    mine, theirs = min(map(len, best)), min(map(len, other))
    if theirs > mine or (theirs == mine and len(other) < len(best)):
        return other
    return best


_Found = tuple["frozenset[str] | None", "frozenset[str] | None"]


class _Reading:
    """The walk of :func:`required_substrings` over one parse tree.

    Each node gives ``(exact, required)``: every string it can match when there are few
    (``None``: too many, or unknown), and strings one of which each of its matches holds.
    """

    def __init__(self, constants: Any, flags: int) -> None:
        self.c = constants
        self.fold = bool(flags & _re.IGNORECASE)
        if flags & (_re.LOCALE | _re.VERBOSE):
            raise ValueError("locale or verbose patterns are not read")

    def char(self, code: int) -> str | None:
        """The character as the screen looks for it (``None``: it cannot be)."""
        char = chr(code)
        if not self.fold or char.isascii():
            return char.lower() if self.fold else char
        return char if char.lower() == char.upper() else None  # uncased: as it is

    def sequence(self, items: Any) -> _Found:
        current: frozenset[str] | None = frozenset({""})
        best: frozenset[str] | None = None
        exact = True
        for node in items:
            node_exact, required = self.node(node)
            best = _better(best, required)
            if (
                current is not None
                and node_exact is not None
                and len(current) * len(node_exact) <= _MOST_EXACT
            ):
                current = frozenset(a + b for a in current for b in node_exact)
                continue
            exact = False
            best = _better(best, current)
            current = node_exact
            if current is None:
                current = frozenset({""})
        best = _better(best, current)
        return (current if exact else None), best

    def node(self, node: Any) -> _Found:
        c = self.c
        op, av = node
        if op is c.LITERAL:
            char = self.char(av)
            return (frozenset({char}) if char is not None else None), None
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return frozenset({""}), None  # zero-width: nothing of the match
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    codes = [value]
                elif kind is c.RANGE and value[1] - value[0] < 16:
                    codes = list(range(value[0], value[1] + 1))
                else:
                    return None, None  # a negated class, a category, a wide range
                for code in codes:
                    char = self.char(code)
                    if char is None:
                        return None, None
                    chars.add(char)
            return (frozenset(chars) if len(chars) <= 16 else None), None
        if op is c.SUBPATTERN:
            _group, add, remove, items = av
            if add or remove:
                return None, None  # inline flags change what the letters match
            return self.sequence(items)
        if op is c.BRANCH:
            exacts: set[str] = set()
            every = True
            required: set[str] | None = set()
            for items in av[1]:
                branch_exact, branch_required = self.sequence(items)
                if branch_exact is None:
                    every = False
                else:
                    exacts |= branch_exact
                promise = _better(branch_required, branch_exact)
                if promise is None or required is None:
                    required = None
                else:
                    required |= promise
            found = frozenset(required) if required is not None else None
            if every and len(exacts) <= _MOST_EXACT:
                return frozenset(exacts), found
            return None, found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
            least, most, items = av
            if least == 0:
                return None, None
            inner_exact, inner_required = self.sequence(items)
            if least == most == 1:
                return inner_exact, inner_required
            return None, _better(inner_required, inner_exact)
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.sequence(av)
        return None, None  # any character, a negated literal, a back-reference, ...


def distributed_alternatives(source: str, most: int = 64) -> list[str]:
    """Alternatives of which some matches somewhere exactly when ``source`` does.

    :func:`split_alternatives`, and then a group of alternatives inside an alternative
    is multiplied out, ``p(?:a|b)s`` into ``p(?:a)s`` and ``p(?:b)s`` (a group not
    repeated), the longest alternative first, while there are at most ``most``. Where a
    text holds a match, and which, may differ from the whole pattern's; only whether it
    holds one is kept.
    """
    out = split_alternatives(source)
    stuck: set[str] = set()  # alternatives with no group to multiply out, or too many
    while True:
        # The longest first: the alternation's costliest parts.
        left = [a for a in out if a not in stuck]
        if not left:
            return out
        longest = max(left, key=len)
        spread = _spread(longest)
        if spread is None or len(out) - 1 + len(spread) > most:
            stuck.add(longest)
            continue
        i = out.index(longest)
        out[i : i + 1] = spread


def _spread(alternative: str) -> list[str] | None:
    """``alternative``'s first unrepeated group of alternatives multiplied out, or ``None``."""
    opened = -1
    for i, char, depth in _grouping(alternative):
        if char == "(" and depth == 1:
            opened = i
        elif char == ")" and depth == 0 and alternative.startswith("(?:", opened):
            after = alternative[i + 1 : i + 2]
            inner = alternative[opened + 3 : i]
            parts = _split_top(inner)
            if after not in ("*", "+", "?", "{") and len(parts) > 1:
                head, tail = alternative[:opened], alternative[i + 1 :]
                return [f"{head}(?:{part}){tail}" for part in parts]
    return None


#: How many times an :class:`Alternation` is used with its whole pattern before its
#: alternatives are worked out: that costs up to 35 ms (every alternative parsed), more
#: than a small document's few sentences would save, and a few dozen sentences repay it.
WHOLE_FIRST = 64


def lowered_pattern(source: str) -> str | None:
    """``source`` with its letters in lower case, escapes (``\\W``, ``\\S``) left as they are.

    Matched without IGNORECASE against text already lower-cased, it finds what
    ``source`` finds ignoring case in the text itself, wherever ``str.lower`` keeps the
    text's length and none of :data:`CASE_TRAPS` is there; about three times faster, as
    Python's IGNORECASE matching looks at every alternative of an alternation in turn.
    ``None`` for a pattern with inline case flags or named characters, whose meaning
    lowering would change.
    """
    if "(?-i" in source or "(?i" in source or "\\N{" in source:
        return None
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


class _Parts:
    """An alternation's alternatives as patterns of their own, and the screen that picks them.

    With IGNORECASE each alternative is also kept in lower case (:func:`lowered_pattern`),
    to be searched in the lower-cased text where that stands in.
    """

    __slots__ = ("always", "compiled", "low", "lowered", "screen", "sources")

    def __init__(self, sources: list[str], flags: int) -> None:
        # At most 64 groups (the screen's bit mask): neighbours share one past that.
        size = -(-len(sources) // 64)
        groups = [sources[i : i + size] for i in range(0, len(sources), size)]
        self.sources = [group[0] if len(group) == 1 else "|".join(group) for group in groups]
        self.compiled: list[Pattern[str] | None] = [None] * len(self.sources)
        # Lower-case sources, compiled without IGNORECASE (None: this one cannot be).
        self.lowered: list[str | None] = [None] * len(self.sources)
        if flags & _re.IGNORECASE:
            self.lowered = [lowered_pattern(source) for source in self.sources]
        self.low: list[Pattern[str] | None] = [None] * len(self.sources)
        self.always = 0
        keys: list[tuple[str, ...]] = []
        for g, group in enumerate(groups):
            promises = [required_substrings(source, flags) for source in group]
            if any(promise is None for promise in promises):
                self.always |= 1 << g
                keys.append(())
            else:
                keys.append(tuple(sorted(set().union(*promises))))  # type: ignore[arg-type]
        self.screen = GroupScreen(keys)


class Alternation:
    """``head + (a|b|...) + tail``, searched through the alternatives a text could match.

    Python's regular expressions try every alternative at every position of the text; an
    alternation of dozens of long alternatives costs a hundred microseconds a sentence.
    Here each alternative is a pattern of its own (``head + a + tail``) with the strings
    one of which its every match holds (:func:`required_substrings`); a text is searched
    only with the alternatives whose strings it holds, found in one pass
    (:class:`speclint.substrings.GroupScreen`), and the match kept is the one the whole
    pattern finds: the leftmost, and at that position the first alternative in order.
    That holds when ``head`` matches one way only at a position (a ``\\b``, a group's
    opening parenthesis) and the alternatives hold no capturing group of their own, so
    that groups are numbered as in the whole pattern. With IGNORECASE, the place and the
    alternative are found in the lower-cased text where that stands in
    (:func:`lowered_pattern`), and the match is then made in the text itself, at that
    place, with that alternative. :meth:`holds` asks only whether there is a match, and
    multiplies groups out further (:func:`distributed_alternatives`). The first
    :data:`WHOLE_FIRST` uses are the whole pattern's own; then the alternatives are
    worked out, each compiled when a text first needs it.
    """

    def __init__(self, body: str, flags: int = 0, head: str = "", tail: str = "") -> None:
        self.pattern = f"{head}{body}{tail}"
        self._flags = flags
        # Asked at every search: a RegexFlag's ``&`` is Python code making a new flag.
        self._ignorecase = bool(flags & _re.IGNORECASE)
        self._head, self._body, self._tail = head, body, tail
        self._parts: _Parts | None = None
        self._spread: _Parts | None = None
        self._whole: Pattern[str] | None = None
        self._uses = 0  # with the whole pattern, up to WHOLE_FIRST
        # Verbose text or back-references (their groups renumbered once split): no split.
        self._whole_only = (
            bool(flags & _re.VERBOSE)
            or "(?P=" in self.pattern
            or any(f"\\{digit}" in self.pattern for digit in "123456789")
        )

    def _worth_splitting(self) -> bool:
        """Whether to work the alternatives out now (else this use is the whole pattern's)."""
        if self._whole_only or self._uses < WHOLE_FIRST:
            self._uses += 1
            return False
        return True

    def _whole_pattern(self) -> Pattern[str]:
        if self._whole is None:
            self._whole = _re.compile(self.pattern, self._flags)
        return self._whole

    def _screened(self, parts: _Parts, text: str, lowered: str | None) -> tuple[int, str | None]:
        """The groups to search ``text`` with (``-1``: the whole pattern), and its lower case.

        The lower-cased text is given when the lower-case alternatives may search it.
        """
        if not self._ignorecase:
            return parts.screen.groups_in(text) | parts.always, None
        if _TRAP.search(text) is not None:
            return -1, None
        if lowered is None:
            lowered = text.lower()
        mask = parts.screen.groups_in(lowered) | parts.always
        return mask, (lowered if len(lowered) == len(text) else None)

    def _pattern(self, parts: _Parts, g: int) -> Pattern[str]:
        compiled = parts.compiled[g]
        if compiled is None:
            compiled = parts.compiled[g] = _re.compile(parts.sources[g], self._flags)
        return compiled

    def _low_pattern(self, parts: _Parts, g: int) -> Pattern[str] | None:
        """Alternative ``g`` in lower case, without IGNORECASE (``None``: it has none)."""
        compiled = parts.low[g]
        if compiled is None:
            source = parts.lowered[g]
            if source is None:
                return None
            compiled = parts.low[g] = _re.compile(source, self._flags & ~_re.IGNORECASE)
        return compiled

    def _search_group(
        self, parts: _Parts, g: int, text: str, low: str | None, pos: int, endpos: int
    ) -> Match[str] | None:
        """Alternative ``g``'s match in ``text[pos:endpos]``.

        Searched in the lower-cased ``low`` where the alternative has a lower-cased form,
        else in ``text`` itself.
        """
        pattern = self._low_pattern(parts, g) if low is not None else None
        if pattern is not None:
            assert low is not None
            return pattern.search(low, pos, endpos)
        return self._pattern(parts, g).search(text, pos, endpos)

    def _search(
        self, parts: _Parts, mask: int, text: str, low: str | None, pos: int, endpos: int
    ) -> Match[str] | None:
        best: Match[str] | None = None
        best_group = -1
        mask_all = mask
        g = 0
        while mask:
            if mask & 1:
                found = self._search_group(parts, g, text, low, pos, endpos)
                if found is not None and (best is None or found.start() < best.start()):
                    best, best_group = found, g
                    if found.start() == pos:
                        break  # no match can start further left
            mask >>= 1
            g += 1
        if best is not None and best.string is not text:
            # Found in the lower-cased text: the same alternative, at the same place, in
            # the text itself.
            again = self._pattern(parts, best_group).match(text, best.start(), endpos)
            if again is None or again.span() != best.span():
                return self._search(parts, mask_all, text, None, pos, endpos)  # never seen
            return again
        return best

    def _split(self) -> _Parts:
        if self._parts is None:
            head, tail = self._head, self._tail
            sources = [f"{head}{a}{tail}" for a in split_alternatives(self._body)]
            self._parts = _Parts(sources, self._flags)
        return self._parts

    def search(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, *, lowered: str | None = None
    ) -> Match[str] | None:
        """``re.compile(pattern, flags).search(text, pos, endpos)``.

        ``lowered``: ``text.lower()``, when the caller has it already (IGNORECASE only).
        """
        if self._parts is None and not self._worth_splitting():
            return self._whole_pattern().search(text, pos, endpos)
        parts = self._split()
        mask, low = self._screened(parts, text, lowered)
        if mask < 0:
            return self._whole_pattern().search(text, pos, endpos)
        return self._search(parts, mask, text, low, pos, endpos)

    def finditer(self, text: str, *, lowered: str | None = None) -> Iterator[Match[str]]:
        """``re.compile(pattern, flags).finditer(text)``, the matches found at once."""
        if self._parts is None and not self._worth_splitting():
            return self._whole_pattern().finditer(text)
        parts = self._split()
        mask, low = self._screened(parts, text, lowered)
        if mask < 0:
            return self._whole_pattern().finditer(text)
        found: list[Match[str]] = []
        pos = 0
        while True:
            match = self._search(parts, mask, text, low, pos, len(text))
            if match is None:
                return iter(found)
            if match.end() == match.start():
                # An empty match: the whole pattern's own rules for what comes next.
                return self._whole_pattern().finditer(text)
            found.append(match)
            pos = match.end()

    def holds(self, text: str, *, lowered: str | None = None) -> bool:
        """Whether ``re.compile(pattern, flags).search(text)`` finds a match."""
        if self._spread is None:
            if not self._worth_splitting():
                return self._whole_pattern().search(text) is not None
            head, tail = self._head, self._tail
            whole = "|".join(f"(?:{head}{a}{tail})" for a in split_alternatives(self._body))
            self._spread = _Parts(distributed_alternatives(whole), self._flags)
        parts = self._spread
        mask, low = self._screened(parts, text, lowered)
        if mask < 0:
            return self._whole_pattern().search(text) is not None
        g = 0
        while mask:
            if mask & 1 and self._search_group(parts, g, text, low, 0, sys.maxsize) is not None:
                return True
            mask >>= 1
            g += 1
        return False

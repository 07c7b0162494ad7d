"""A recursive-descent reader of the rule query language written down in ``query.lark``.

``query.lark`` is the language's reference: its terms, connectors and binding. This
module reads the same language by hand: one regular expression splits a query into
tokens and a function per rule of the grammar builds the tree, so that compiling every
query of the built-in packs (thousands of them, concepts included) costs a fraction of
what a general parser generator's table-driven parse and tree transform cost. A fresh
machine's first lint, and each worker's first file on a cold cache, pay that compile.
``tests/query/test_grammar.py`` holds the two readers equal on every query of the
built-in packs and on generated ones.

The reader is told how to resolve a concept (``@NAME``) and how to split a word into
terms, and returns the tree of :mod:`speclint.query.ast`. Errors carry the line of
the faulty token and its column there, or the place just past the end when the query
stops too early.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from speclint.errors import QuerySyntaxError
from speclint.query.ast import And, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term

__all__ = ["error_at", "read"]

# Tokens, in the order a match is tried at each position; the names are query.lark's.
# A connector and a concept are tried before a word (they take priority there), and a
# word equal to a keyword (AND, OR, NOT, NEG) is that keyword.
_TOKEN = re.compile(
    r"""(?P<NEAR>/[sScC]\b|(?:w|W|pre|PRE)/[0-9]+)
    |(?P<CONCEPT>@[A-Za-z][A-Za-z0-9_]*)
    |(?P<CMP>>=|<=|==|!=|>|<|=)
    |(?P<LPAR>\()
    |(?P<RPAR>\))
    |(?P<PHRASE>"[^"]*"|'[^']*')
    |(?P<WORD>[A-Za-z0-9£%][A-Za-z0-9'’£%.-]*\*?|\*)
    |(?P<ERR>[^ \t\f\r\n])
    """,
    re.VERBOSE,
)
_KEYWORDS = frozenset({"AND", "OR", "NOT", "NEG"})
_NUMKINDS = frozenset({"PERCENT", "MONEY", "NUMBER"})
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_EOF = "$END"

#: What each kind of token is called in an error message.
_NAMES = {
    "AND": "AND",
    "OR": "OR",
    "NOT": "NOT",
    "NEAR": "a connector (/s, /c, w/N, pre/N)",
    "LPAR": "'('",
    "RPAR": "')'",
    "CMP": "a comparison such as >=",
    "NUMBER": "a number",
    "WORD": "a word",
    "PHRASE": "a quoted phrase",
    "CONCEPT": "a concept such as @FUNDING",
    "NUMKIND": "PERCENT, MONEY or NUMBER",
    "NEG": "NEG(...)",
}
#: What may follow a complete expression, by where it stands.
_AFTER_TERM = ("AND", "OR", "NEAR")
#: What may stand where a term is wanted.
_A_TERM = ("WORD", "PHRASE", "CONCEPT", "NUMKIND", "NEG", "LPAR")


#: A token: its kind (a name of ``_TOKEN`` or a keyword), its text and its offset.
_Token = tuple[str, str, int]


def _tokens(query: str) -> list[_Token]:
    """``query`` as tokens, ending with an end-of-query token.

    A character no token takes is an ``ERR`` token, refused when the reader reaches it,
    so that the first fault in the query is the one reported.
    """
    out: list[_Token] = []
    append = out.append
    for found in _TOKEN.finditer(query):
        kind = found.lastgroup
        text = found.group()
        if kind == "WORD" and text in _KEYWORDS:
            kind = text
        append((kind, text, found.start()))  # type: ignore[arg-type]
    append((_EOF, "", len(query)))
    return out


def error_at(query: str, pos: int, problem: str) -> QuerySyntaxError:
    """``problem`` at offset ``pos`` of ``query``, placed by its line and its column there."""
    line = query.count("\n", 0, pos) + 1
    column = pos - (query.rfind("\n", 0, pos) + 1) + 1
    return QuerySyntaxError(query, column, problem, line)


class _Reader:
    """One query's tokens, read from left to right by the grammar's rules."""

    __slots__ = ("at", "concept", "query", "tokens", "words")

    def __init__(
        self,
        query: str,
        concept: Callable[[str, int], Query],
        words: Callable[[str], tuple[Term, ...]],
    ) -> None:
        self.query = query
        self.tokens = _tokens(query)
        opened = [t[2] for t in self.tokens if t[0] == "LPAR"]
        closed = [t[2] for t in self.tokens if t[0] == "RPAR"]
        if len(opened) != len(closed):
            # Said before any other fault: a missing bracket throws every later token off.
            at = opened[-1] if len(opened) > len(closed) else closed[-1]
            raise error_at(query, at, "unbalanced brackets")
        self.at = 0
        self.concept = concept
        self.words = words

    def _fail(self, token: _Token, expected: tuple[str, ...]) -> QuerySyntaxError:
        if token[0] == "ERR":
            text = token[1]
            if text in "\"'":
                problem = "a phrase is missing its closing quote"
            else:
                problem = f"unexpected character {text!r}"
            return error_at(self.query, token[2], problem)
        if token[0] == _EOF:
            return error_at(
                self.query,
                len(self.query),
                "the query ends too early: something is missing after the last word",
            )
        names = sorted({_NAMES.get(e, e) for e in expected})
        hint = f"; expected {', '.join(names)}" if names and len(names) <= 6 else ""
        got = token[1]
        if token[0] in ("AND", "OR", "NEAR"):
            problem = f"'{got}' needs a term on each side{hint}"
        elif token[0] == "RPAR":
            problem = f"unexpected ')'{hint}"
        else:
            problem = f"unexpected {got!r}{hint}"
        return error_at(self.query, token[2], problem)

    def read(self) -> Query:
        tree = self._and()
        token = self.tokens[self.at]
        if token[0] != _EOF:
            raise self._fail(token, _AFTER_TERM)
        return tree

    # and_expr: not_expr ("AND" not_expr)*
    def _and(self) -> Query:
        items = self._joined(self._not, "AND")
        return items[0] if len(items) == 1 else And(items)

    # not_expr: "NOT" not_expr | near_expr
    def _not(self) -> Query:
        if self.tokens[self.at][0] == "NOT":
            self.at += 1
            return Not(self._not())
        return self._near()

    # near_expr: or_expr (NEAR near_rhs)*; near_rhs: "NOT" or_expr | or_expr
    def _near(self) -> Query:
        left = self._or()
        tokens = self.tokens
        while tokens[self.at][0] == "NEAR":
            op = tokens[self.at][1].lower()
            self.at += 1
            if tokens[self.at][0] == "NOT":
                self.at += 1
                right: Query = Not(self._or())
            else:
                right = self._or()
            if op in ("/s", "/c"):
                left = Near(left, right, "s" if op == "/s" else "c")
            else:
                kind, _, distance = op.partition("/")
                left = Near(left, right, "pre" if kind == "pre" else "w", int(distance))
        return left

    # or_expr: atom ("OR" atom)*
    def _or(self) -> Query:
        items = self._joined(self._atom, "OR")
        return items[0] if len(items) == 1 else Or(items)

    def _joined(self, item: Callable[[], Query], keyword: str) -> tuple[Query, ...]:
        """``item`` once, then again after each ``keyword`` that follows it."""
        items = [item()]
        tokens = self.tokens
        while tokens[self.at][0] == keyword:
            self.at += 1
            items.append(item())
        return tuple(items)

    # atom: WORD | PHRASE | NUMKIND (CMP NUMBER)? | CONCEPT | NEG "(" and_expr ")" | "(" … ")"
    def _atom(self) -> Query:
        token = self.tokens[self.at]
        kind = token[0]
        if kind == "WORD":
            self.at += 1
            if token[1] in _NUMKINDS:
                return self._number(token[1])
            words = self.words(token[1])
            if not words:
                raise error_at(self.query, token[2], "a '*' needs a word before it")
            return words[0] if len(words) == 1 else Phrase(words)
        if kind == "PHRASE":
            self.at += 1
            words = self.words(token[1][1:-1])
            if not words:
                raise error_at(self.query, token[2], "an empty phrase")
            return Phrase(words) if len(words) > 1 else words[0]
        if kind == "CONCEPT":
            self.at += 1
            return self.concept(token[1][1:].upper(), token[2])
        if kind == "NEG":
            self.at += 1
            self._expect("LPAR")
            inner = self._and()
            self._expect("RPAR")
            return Neg(inner)
        if kind == "LPAR":
            self.at += 1
            inner = self._and()
            self._expect("RPAR")
            return inner
        raise self._fail(token, _A_TERM)

    def _number(self, kind: str) -> Query:
        name = kind.lower()
        assert name in ("percent", "money", "number")
        token = self.tokens[self.at]
        if token[0] != "CMP":
            return NumberTest(name)  # type: ignore[arg-type]
        self.at += 1
        value = self.tokens[self.at]
        if value[0] != "WORD" or not _NUMBER.fullmatch(value[1]):
            raise self._fail(value, ("NUMBER",))
        self.at += 1
        op = "==" if token[1] == "=" else token[1]
        return NumberTest(name, op, float(value[1]))  # type: ignore[arg-type]

    def _expect(self, kind: str) -> None:
        token = self.tokens[self.at]
        if token[0] != kind:
            raise self._fail(token, (kind, *_AFTER_TERM) if kind == "RPAR" else (kind,))
        self.at += 1


def read(
    query: str,
    concept: Callable[[str, int], Query],
    words: Callable[[str], tuple[Term, ...]],
) -> Query:
    """The tree of ``query``; ``concept(name, offset)`` resolves ``@NAME``, ``words`` splits a word.

    Raises :class:`QuerySyntaxError` at the line and column of the first token that does
    not fit.
    """
    return _Reader(query, concept, words).read()

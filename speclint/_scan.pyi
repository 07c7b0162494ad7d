"""Types of the compiled tokenising loop, substring screen and query runs (speclint/_scan.c)."""

from collections.abc import Callable
from typing import Any

def tokens(
    low: str,
    spans: list[tuple[int, int]],
    sentence_base: int,
    clause_id: int,
    word_values: dict[str, float],
    token: type[Any],
    value: Callable[[str, str], float | None],
    text: str,
) -> tuple[list[Any], dict[str, list[int]], list[tuple[int, int]]]:
    """Tokenise lower-cased ``low`` in sentences ``spans`` (see analysis._tokenise_python)."""

def screen(keys: tuple[str, ...], groups: tuple[int, ...] = ...) -> object:
    """A screen for any of ``keys`` (see speclint.substrings.Screen).

    With ``groups``, each key's group from 0 to 63 (see speclint.substrings.GroupScreen).
    """

def holds_any(screen: object, text: str) -> bool:
    """Whether any of the screen's keys occurs in ``text``."""

def groups_in(screen: object, text: str) -> int:
    """The bit mask of the groups of a screen built with groups whose keys occur in ``text``."""

def set_entry_cost(cost: int) -> None:
    """What one entry of an OR's map from units to items costs (prefilter._ENTRY_COST)."""

def or_hits(
    by_word: dict[str, tuple[int, list[tuple[Callable[[Any], Any], tuple[str, ...]]]]],
    rest: Any,
    raws: dict[int, Callable[[Any], Any]],
    checks: list[Callable[[Any], Any]],
    ev: Any,
) -> list[tuple[int, int]] | None:
    """A compiled OR's hits in the evaluator's unit (see query.program._or)."""

def near_hits(
    left: Callable[[Any], Any],
    right: Callable[[Any], Any],
    pairs: Callable[[Any, Any, Any], Any],
    kind: int,
    distance: int,
    reach: int,
    ev: Any,
) -> list[tuple[int, int]] | None:
    """A compiled proximity connector's hits (see query.program._near)."""

def blocked_hits(
    left: Callable[[Any], Any],
    blocker: Callable[[Any], Any],
    rest: Callable[[Any, Any, Any], Any],
    ev: Any,
) -> list[tuple[int, int]] | None:
    """A proximity connector's hits with NOT as its right side (see query.program._near)."""

def not_hits(item: Callable[[Any], Any], ev: Any) -> list[tuple[int, int]] | None:
    """NOT's hits: ``[]`` when ``item`` does not hold (see query.program._not)."""

def and_hits(items: list[Callable[[Any], Any]], ev: Any) -> list[tuple[int, int]] | None:
    """A compiled AND's hits (see query.program._and)."""

def concept_hits(
    query: Any, ident: int, inner: list[Any], compile: Callable[[Any], Any], ev: Any
) -> list[tuple[int, int]] | None:
    """A concept's hits, from the analysis's memo or worked out (see query.program._concept)."""

def checked_hits(
    query: Any, ident: int, raw: Callable[[Any], Any], ev: Any
) -> list[tuple[int, int]] | None:
    """``raw(ev)`` unless the unit's pre-filter rules ``query`` out (query.program._compile)."""

def meet_need(
    candidates: Any, need: Any, context: tuple[frozenset[str], dict[str, int], dict[str, int], int]
) -> int:
    """The units a flattened need allows, a bit mask (query.prefilter.Candidates._meet)."""

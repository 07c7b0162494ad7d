"""One finding per family and sentence: the other rules of the family folded into it.

Two rules of one family often fire on the same sentence ("a tenth of the price is
withheld until the target is met" is both payment withheld against a target and
payment per result). A reader gains nothing from two findings that say the same thing
about one sentence, so the engine reports one: the most severe, then the lowest code.
The codes of the others go in its ``related`` field, and its highlights cover every
rule's trigger words. ``group-related = false`` in the configuration turns this off.

Grouping comes after inline suppressions and ``per-clause-ignores`` (each code is
silenced on its own, as before) and before a baseline is applied.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from typing import TypeVar

from speclint.models import Finding

__all__ = ["fold_related"]

Order = TypeVar("Order")


def fold_related(
    placed: Sequence[tuple[Order, Finding]], keys: Sequence[Hashable | None]
) -> list[tuple[Order, Finding]]:
    """``placed`` with the findings that share a key folded into one of them.

    ``keys[i]`` is the sentence and family of ``placed[i]``, or ``None`` for a finding
    never grouped (about the whole document, or about a directive). The finding kept
    from a group is the most severe, then the one with the lowest code; it keeps its
    place in ``placed``.
    """
    groups: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            groups.setdefault(key, []).append(index)
    out = list(placed)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        lead = min(members, key=lambda i: (-placed[i][1].severity.rank, placed[i][1].code))
        finding = placed[lead][1]
        others = {placed[i][1].code for i in members} - {finding.code}
        spans = [span for i in members for span in _carried(placed[i][1], finding.excerpt)]
        update = {"related": tuple(sorted(others)), "highlights": _merged(spans)}
        out[lead] = (placed[lead][0], finding.model_copy(update=update))
        dropped.update(i for i in members if i != lead)
    return [item for index, item in enumerate(out) if index not in dropped]


def _carried(member: Finding, excerpt: str) -> list[tuple[int, int]]:
    """``member``'s highlights as ranges of ``excerpt``, the excerpt kept for the group.

    Members start in the same sentence but may quote different other sentences (see
    ``engine._sentence``): a highlight is found again by its text, and left out when
    the kept excerpt does not hold it.
    """
    if member.excerpt == excerpt:
        return list(member.highlights)
    out = []
    for start, end in member.highlights:
        text = member.excerpt[start:end]
        places = [m.start() for m in re.finditer(re.escape(text), excerpt)] if text else []
        if places:
            at = min(places, key=lambda place: abs(place - start))  # the nearest copy
            out.append((at, at + len(text)))
    return out


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character ranges in order, overlapping or touching ones joined."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return tuple(joined)

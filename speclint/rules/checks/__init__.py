"""Rules a query cannot express: arithmetic across clauses and document-wide facts.

One module per check, named by a rule's ``check`` (``check = "short_term"`` is
:mod:`speclint.rules.checks.short_term`). Each module exposes

* ``Options``, a pydantic model of the check's settings, filled from the rule's
  ``[rules.options]`` table in its pack and validated when the pack is loaded, and
* ``check(context, options)``, which takes a
  :class:`~speclint.rules.context.RuleContext` and yields
  :class:`~speclint.rules.context.RuleHit` objects; the engine turns them into findings
  exactly as it does for query rules.

Modules whose names start with ``_`` are shared helpers, not checks.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from speclint.rules.checks._common import CheckOptions
from speclint.rules.context import RuleContext, RuleHit

__all__ = [
    "CHECKS",
    "CheckOptions",
    "bind",
    "contract_term_months",
    "module",
    "price_falls_as_volume_rises",
    "price_weighted_above_quality",
    "short_contract_term",
    "stacked_rigid_obligations",
    "voice_absent_from_document",
]

#: Every check module, by the name a pack's ``check`` gives it.
CHECKS = (
    "framed",
    "market_only",
    "price_weight",
    "rigid_stack",
    "short_term",
    "unit_price",
    "voice_absent",
)

BoundCheck = Callable[[RuleContext], Iterator[RuleHit]]


def module(name: str) -> ModuleType:
    """The module of check ``name``; ``KeyError`` when there is none."""
    if name not in CHECKS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")


def bind(name: str, options: dict[str, Any]) -> BoundCheck:
    """Check ``name`` with ``options`` validated by its ``Options`` model, ready to run.

    Raises ``KeyError`` for an unknown check and pydantic's ``ValidationError`` for
    bad options.
    """
    found = module(name)
    settings = found.Options.model_validate(options)
    run: Callable[[RuleContext, CheckOptions], Iterator[RuleHit]] = found.check

    def bound(ctx: RuleContext) -> Iterator[RuleHit]:
        return run(ctx, settings)

    return bound


# -- the functions rule packs named before the split (``speclint.rules.checks:name``) -----


def price_weighted_above_quality(ctx: RuleContext) -> Iterator[RuleHit]:
    """CMP003 with its default options."""
    return bind("price_weight", {})(ctx)


def short_contract_term(ctx: RuleContext) -> Iterator[RuleHit]:
    """CMP004 with its default options."""
    return bind("short_term", {})(ctx)


def price_falls_as_volume_rises(ctx: RuleContext) -> Iterator[RuleHit]:
    """MFL003 with its default options."""
    return bind("unit_price", {})(ctx)


def voice_absent_from_document(ctx: RuleContext) -> Iterator[RuleHit]:
    """VOI005 with its default options."""
    return bind("voice_absent", {})(ctx)


def stacked_rigid_obligations(ctx: RuleContext) -> Iterator[RuleHit]:
    """OVR006 with its default options."""
    return bind("rigid_stack", {})(ctx)


def contract_term_months(sentence: str) -> float | None:
    """The maximum total term, in months, that ``sentence`` gives a contract (None if none)."""
    from speclint.rules.checks.short_term import contract_term_months as read

    return read(sentence)

"""The rule context, under its old name: it is defined in :mod:`speclint.rules.context`."""

from __future__ import annotations

from speclint.rules.context import NON_OPERATIVE, RuleContext, RuleHit

#: The old name of :class:`~speclint.rules.context.RuleHit`.
Hit = RuleHit

__all__ = ["NON_OPERATIVE", "Hit", "RuleContext", "RuleHit"]

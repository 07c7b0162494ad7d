"""The rule registry a run is given: loaded once, passed down, read where it is needed.

The engine runs its rules, configuration checks selectors against its codes and the
formatters take rule docs and family titles from it; none of them reaches for a global.
Making a registry costs nothing: the built-in packs are read the first time a rule is.
This module imports nothing at load time, so a run answered from the results cache
never loads the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from speclint.rules.schema import Rule, RulePack


class RuleRegistry:
    """The rules speclint knows, by pack, ordered by code, and looked up by code or name."""

    def __init__(self, load: Callable[[], Iterable[RulePack]]) -> None:
        self._load = load

    @classmethod
    def of(cls, packs: Iterable[RulePack]) -> RuleRegistry:
        """A registry of the given packs (for tests and tools with packs of their own)."""
        fixed = tuple(packs)
        return cls(lambda: fixed)

    @cached_property
    def packs(self) -> tuple[RulePack, ...]:
        """Every pack, in family order (loaded on first use)."""
        return tuple(self._load())

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, ordered by code."""
        return tuple(sorted((r for p in self.packs for r in p.rules), key=lambda r: r.code))

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """Every rule's code, in order."""
        return tuple(r.code for r in self.rules)

    @cached_property
    def titles(self) -> dict[str, str]:
        """Each family's title (``PBR`` -> its anti-pattern), in pack order."""
        return {pack.family: pack.title for pack in self.packs}

    def load(self) -> RuleRegistry:
        """Read every pack now (before worker processes start, say); return the registry."""
        _ = self.rules
        return self

    def get(self, code_or_name: str) -> Rule | None:
        """The rule with this code (``PBR001``) or name (``payment-withheld-against-target``)."""
        key = code_or_name.strip()
        for rule in self.rules:
            if rule.code == key.upper() or rule.name == key.lower():
                return rule
        return None


def _builtin_packs() -> tuple[RulePack, ...]:
    from speclint.rules import packs

    return packs()


_BUILTIN = RuleRegistry(_builtin_packs)


def builtin_registry() -> RuleRegistry:
    """The built-in rules (``speclint/rules/packs``), one registry per process."""
    return _BUILTIN

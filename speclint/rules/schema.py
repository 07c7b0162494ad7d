"""What a rule is: pydantic models for rule packs, validated strictly on load."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from speclint.models import Severity

# The concepts file's models are defined with the query language, which reads them.
from speclint.query.vocabulary import ConceptDef as ConceptDef
from speclint.query.vocabulary import ConceptPack as ConceptPack
from speclint.query.vocabulary import SenseDef as SenseDef
from speclint.structure.meaning import SentenceFlag

#: Codes the engine raises itself while applying inline suppressions (``engine = true``).
ENGINE_CODES = frozenset({"SPL001", "SPL002"})
_PLACEHOLDERS = frozenset({"match", "clause", "evidence"})


class _Strict(BaseModel):
    # Validators are built when a pack is first validated: a run that reads the
    # registry cache (:func:`speclint.rules._stored_registry`) never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class RuleDocs(_Strict):
    """The four parts of every rule's documentation."""

    what: str = Field(min_length=10, description="What it flags")
    why: str = Field(min_length=10, description="Why it matters, citing the book by page")
    example: str = Field(min_length=10, description="A clause that the rule flags")
    better: str = Field(min_length=10, description="A better clause that passes")


class RuleTests(_Strict):
    """Examples that must fail (be flagged) and pass (stay silent), as sqlfluff's YAML cases."""

    fail: tuple[str, ...]
    pass_: tuple[str, ...] = Field(alias="pass")


class Rule(_Strict):
    """One rule: metadata, how it matches, what it says, and its examples."""

    code: str = Field(pattern=r"^[A-Z]{3}\d{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
    family: str = Field(pattern=r"^[A-Z]{3}$")
    principle: str
    severity: Severity = Severity.WARNING
    query: str | None = None
    check: str | None = Field(
        default=None,
        pattern=r"^(?:[a-z][a-z0-9_]*|[\w.]+:\w+)$",
        description="a module of speclint.rules.checks, or module:function (no options)",
    )
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="the check's settings, validated by its Options model when loaded",
    )
    engine: bool = Field(
        default=False,
        description="Raised by the engine itself (suppression housekeeping), not matched",
    )
    unless_anywhere: str | None = None
    unless_in_context: str | None = Field(
        default=None,
        description="a query read over a unit's heading, lead-in and column headers with its own"
        " text; where it holds, the rule is silent on that unit",
    )
    absent_from_document: bool = False
    buyer_voice: bool = Field(
        default=False,
        description="speaks only on a page in a buyer's voice: silent on a page that buys nothing"
        " (a provider's own policy, a statement of purpose, an Act)",
    )
    buyer_marks: bool = Field(
        default=False,
        description="speaks only on a page that shows a mark of buying (a contract, a provider,"
        " a payment, a numbered clause): silent on a page of four sentences or more with none",
    )
    include_negated: bool = False
    include: tuple[SentenceFlag, ...] = ()
    message: str
    suggestion: str
    docs: RuleDocs
    tests: RuleTests

    @field_validator("name")
    @classmethod
    def _name_is_the_pattern(cls, name: str) -> str:
        if name.startswith(("no-", "avoid-", "disallow-")):
            raise ValueError("a rule name names the pattern it flags, not the fix")
        return name

    @field_validator("message", "suggestion")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        unknown = set(re.findall(r"{(\w+)}", text)) - _PLACEHOLDERS
        if unknown:
            raise ValueError(f"unknown placeholder(s) {sorted(unknown)}")
        return text

    @model_validator(mode="after")
    def _one_way_to_match(self) -> Rule:
        ways = (self.query is not None) + (self.check is not None) + self.engine
        if ways != 1:
            raise ValueError("a rule needs exactly one of 'query', 'check' or 'engine = true'")
        if self.engine and self.code not in ENGINE_CODES:
            raise ValueError(f"the engine raises only {', '.join(sorted(ENGINE_CODES))}")
        if self.engine and (
            self.unless_anywhere
            or self.unless_in_context
            or self.absent_from_document
            or self.buyer_voice
            or self.buyer_marks
            or self.include_negated
            or self.include
        ):
            raise ValueError("an engine rule takes no matching options")
        # The engine reads these only beside a query matched unit by unit: anywhere else
        # they would be accepted and silently do nothing.
        if self.check is not None and (self.unless_anywhere or self.unless_in_context):
            raise ValueError(
                "'unless_anywhere' and 'unless_in_context' go with a 'query', not a 'check'"
            )
        if self.absent_from_document and self.unless_in_context:
            raise ValueError(
                "'unless_in_context' reads a unit's context; 'absent_from_document' finds no unit"
            )
        if self.options and (self.check is None or ":" in self.check):
            raise ValueError("'options' belong to a check named by its module (check = \"name\")")
        if not self.code.startswith(self.family):
            raise ValueError(f"code {self.code} does not start with its family {self.family}")
        return self


class RulePack(_Strict):
    """A family's rules, as one TOML file under ``speclint/rules/packs``."""

    family: str = Field(pattern=r"^[A-Z]{3}$")
    title: str
    principle: str
    buyer_voice: bool = Field(
        default=False, description="every rule of the pack speaks only in a buyer's voice"
    )
    buyer_marks: bool = Field(
        default=False, description="every rule of the pack speaks only on a page marked as buying"
    )
    rules: tuple[Rule, ...]

    @model_validator(mode="before")
    @classmethod
    def _inherit(cls, data: object) -> object:
        if isinstance(data, dict):
            for rule in data.get("rules", []):
                if isinstance(rule, dict):
                    rule.setdefault("family", data.get("family"))
                    rule.setdefault("principle", data.get("principle"))
                    if data.get("buyer_voice"):
                        rule.setdefault("buyer_voice", True)
                    if data.get("buyer_marks"):
                        rule.setdefault("buyer_marks", True)
        return data

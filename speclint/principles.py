"""The Box 3 principles (*Intelligent Kindness*, p215) as the reports present them.

One entry per rule family, in the order of Box 3's bullets, plus an entry for each
bullet no rule checks, so a reader of a report sees what was checked and what was not.
Each entry has a short title, the Box 3 bullet numbers it stands for, and a
plain-English line of what the pattern does to care, citing the book by page.

Rule families that have no entry here (housekeeping codes such as ``SPL``, or a
family added later) are not Box 3 principles; reports list them under
:data:`HOUSEKEEPING`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BOX3_BULLETS", "HOUSEKEEPING", "PRINCIPLES", "Principle", "for_family"]

BOX3_BULLETS = 14
"""Box 3 (p215) has fourteen bullets; every one is covered by an entry below."""

HOUSEKEEPING = "Housekeeping"
"""The group for findings whose family serves no Box 3 principle (for example ``SPL``)."""


@dataclass(frozen=True)
class Principle:
    """One row of a report's scorecard.

    ``family`` is the rule family that checks the principle, or ``None`` when no rule
    can (the row then says "not checked automatically"). ``bullets`` are the Box 3
    bullet numbers (p215), ``title`` names the principle, ``pattern`` names the
    anti-pattern the family looks for, and ``care`` says in plain English what that
    pattern does to care, citing the book by page.
    """

    key: str
    family: str | None
    bullets: tuple[int, ...]
    title: str
    pattern: str
    care: str

    @property
    def checked(self) -> bool:
        """True when a rule family checks this principle."""
        return self.family is not None

    @property
    def bullet_label(self) -> str:
        """``bullet 7``, ``bullets 9 and 10`` or ``bullets 2–5``."""
        nums = self.bullets
        if len(nums) == 1:
            return f"bullet {nums[0]}"
        if len(nums) > 2 and list(nums) == list(range(nums[0], nums[-1] + 1)):
            return f"bullets {nums[0]}–{nums[-1]}"
        return "bullets " + ", ".join(str(n) for n in nums[:-1]) + f" and {nums[-1]}"


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        key="CMP",
        family="CMP",
        bullets=(1, 13),
        title="Put relationships first, within and between organisations",
        pattern="Price-led competition and churn",
        care=(
            "Awarding on price and re-tendering as routine break the working relationships "
            "care depends on: providers under-price to win, staff move on and people lose "
            "the workers who know them (Box 3, p215)."
        ),
    ),
    Principle(
        key="VOI",
        family="VOI",
        bullets=(2, 4, 5, 6),  # bullet 3 ("make the required time available") is RFL's row
        title="Close the gaps; hear practitioners, people who use services and citizens",
        pattern="Missing voices and top-down design",
        care=(
            "A service designed without the people who give and receive it misses what they "
            "know, and leaves providers and staff carrying out decisions they had no part in "
            "(Box 3, p215; Box 4, p211)."
        ),
    ),
    Principle(
        key="RFL",
        family="RFL",
        bullets=(3,),
        title="Make the required time available",
        pattern="Unfunded reflective time",
        care=(
            "Supervision and reflection that are required but not paid for are the first "
            "things squeezed out by the next visit; staff carry the strain alone and "
            "kindness wears thin (Box 1, p224; Box 2, p219; Box 3, p215)."
        ),
    ),
    Principle(
        key="PBR",
        family="PBR",
        bullets=(7,),
        title="Beware the skew of payment by results",
        pattern="Payment-by-results skew",
        care=(
            "When money follows a target, attention follows the money: easier cases are "
            "chosen, people are moved on to trigger payment, and whatever is not counted is "
            "dropped (Box 3, p215)."
        ),
    ),
    Principle(
        key="OUT",
        family="OUT",
        bullets=(8,),
        title="Plan for whole systems and outcomes, not outputs",
        pattern="Output counting and fragmentation",
        care=(
            "Counting contacts and pricing care as separate tasks rewards throughput over "
            "whether a person is better off, and breaks the thread between one part of their "
            "care and the next (Box 3, p215)."
        ),
    ),
    Principle(
        key="LOC",
        family="LOC",
        bullets=(9, 10),
        title="Root services in their communities",
        pattern="No community rootedness",
        care=(
            "One model or outcome imposed everywhere ignores what a particular community "
            "needs and the local strengths it already has, so the people it fits least are "
            "served worst (Box 3, p215)."
        ),
    ),
    Principle(
        key="OVR",
        family="OVR",
        bullets=(11,),
        title="Allow agency and creativity; avoid over-specification",
        pattern="Over-specification",
        care=(
            "Fixed minutes, scripts and prior approval for every change stop staff responding "
            "to the person in front of them; care becomes a production line of tasks "
            "(Box 3, p215; p207)."
        ),
    ),
    Principle(
        key="MFL",
        family="MFL",
        bullets=(12,),
        title="Be honest about resource limits",
        pattern='"More for less"',
        care=(
            "Asking for more for less without saying what gives pushes the cut onto staff and "
            "the people they support, where it stays hidden until the quality of care falls "
            "(Box 3, p215; p225)."
        ),
    ),
    Principle(
        key="BOX3-14",
        family=None,
        bullets=(14,),
        title="Recognise that commissioning shapes culture",
        pattern="Not checked automatically",
        care=(
            "How a contract is written and managed shapes the culture of the service that "
            "delivers it; judging that takes the people involved, not a linter "
            "(Box 3, p215)."
        ),
    ),
)
"""Every Box 3 principle, in the order of its first bullet."""


def for_family(family: str) -> Principle | None:
    """The principle a rule family serves, or ``None`` (a housekeeping family)."""
    for principle in PRINCIPLES:
        if principle.family == family:
            return principle
    return None

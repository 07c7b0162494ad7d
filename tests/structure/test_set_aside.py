"""Options a report weighed and did not take (:func:`speclint.structure.meaning.set_aside_parts`).

A council's decision record or cabinet report lists the alternatives it considered and
rejected: "To tender on price alone. Rejected.", "Option 1: pay by results. Not
recommended." What such a part describes is what the report will not do, so the rules
pass it over; the option the report adopts, told elsewhere, still counts.
"""

from __future__ import annotations

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline
from speclint.structure.meaning import quiet_section, set_aside_parts

# Alternatives under a heading of their own.
HEADED = """\
# Report to Cabinet: Respite services for carers

## 1. Recommendation

1.1 That Cabinet approves a five-year block contract for respite services from April.

## 2. Alternative options considered and rejected

2.1 Awarding the contract to the lowest-priced bid, with price weighted at 70%. Rejected, as it
would not secure a stable service.

2.2 Paying the provider only for each carer who reports a reduced strain score. Rejected.

2.3 Closing the service without further engagement with carers. Rejected.
"""

# A decision record with run-in labels and no headings.
LABELLED = """\
Decision details

Decision Maker: Cabinet Member for Adults

The Cabinet Member approved a three-year contract for the befriending service.

Reasons for the decision:

The service is valued by people who use it.

Alternative options considered:

Retendering the contract with 15% of its value held back against the visit targets was
considered, but this would discourage local charities from bidding.

Reducing the price by 10% while keeping the same number of visits was also looked at.

Report author: Jo Bloggs
"""

# An appraisal that names its rejected option inline.
APPRAISAL = """\
# Cabinet paper: Day opportunities

## Options

Option 1: Retender with payment linked to outcomes and 20% of the contract value at risk. Not
recommended.

Option 2: Extend the current block contract for two years. Recommended.
"""


def _families(text: str, name: str = "doc.md") -> set[str]:
    report = speclint.check_text(text, name.rsplit(".", 1)[1])
    return {f.family for file in report.files for f in file.findings}


def test_a_section_of_alternatives_rejected_raises_nothing() -> None:
    assert not ({"CMP", "PBR", "VOI"} & _families(HEADED))


def test_run_in_alternatives_are_set_aside_until_the_next_label() -> None:
    outline = build_outline(parse_bytes(LABELLED.encode(), "doc.txt", "txt"))
    quiet = {u.text.split()[0]: u.quiet for u in outline.units}
    assert quiet["Retendering"] and quiet["Reducing"]
    assert not quiet["The"]  # the decision itself, before the label
    assert not quiet["Report"]
    assert not ({"PBR", "MFL"} & _families(LABELLED, "doc.txt"))


def test_an_option_marked_not_recommended_is_set_aside_but_not_its_neighbour() -> None:
    assert "PBR" not in _families(APPRAISAL)
    marks = set_aside_parts(
        [
            ("Option 1: Pay per result, 20% at risk. Not recommended.", ("Options",)),
            ("Option 2: Keep the block contract. Recommended.", ("Options",)),
        ]
    )
    assert marks == [True, False]


def test_the_adopted_option_still_counts() -> None:
    adopted = APPRAISAL.replace("Not\nrecommended.", "Recommended.").replace(
        "Option 2: Extend the current block contract for two years. Recommended.", ""
    )
    assert "PBR" in _families(adopted)


def test_which_headings_set_options_aside() -> None:
    for heading in (
        "Alternative options considered and rejected",
        "Alternative Options Considered",
        "Other options considered",
        "Alternatives considered",
        "Options rejected",
        "Options considered and rejected",
        "Rejected options",
        "6. Alternative options",
    ):
        assert quiet_section((heading,)), heading
    for heading in (
        "Alternatives to hospital admission",
        "Options for people who use the service",
        "Service options",
        "Recommended option",
    ):
        assert not quiet_section((heading,)), heading


# A decision record that adopts payment by results: its own choice, still found.
ADOPTS = """\
Decision details

Decision Maker: Cabinet Member for Adults

The Cabinet Member approved the award of the employment support contract from 1 April. A
quarter of the contract value will be paid only for each person who keeps a job for 26 weeks.

Reasons for the decision:

The model rewards lasting outcomes.

Alternative options considered:

A block contract with no payment linked to outcomes was considered and rejected.
"""


def test_a_decision_that_adopts_payment_by_results_is_still_found() -> None:
    assert "PBR" in _families(ADOPTS, "doc.txt")


def test_an_option_followed_by_its_verdict_is_set_aside() -> None:
    """With no options heading or label, an option told and then judged in a sentence or
    a line of its own ("... from April. Rejected - ...", "Rejected due to ...") is set
    aside; a sentence that only starts with the word ("Rejected referrals are ...") is not
    a verdict, and neither is the option told after a verdict."""
    marks = set_aside_parts(
        [
            ("Issue new annual grant agreements from 1 April. Rejected - too unstable.", ()),
            ("Cut the grant completely.", ()),
            ("Rejected due to the harm to people waiting for support.", ()),
            ("Tender a three-year contract for the whole service.", ()),
            ("Rejected referrals are returned to the GP within two working days.", ()),
        ]
    )
    assert marks == [True, True, True, False, False]
    assert "CMP" not in _families(
        "Issue new annual grant agreements to two charities from 1 April 2027. Rejected - "
        "the council wishes to move away from short grants.\n",
        "doc.txt",
    )

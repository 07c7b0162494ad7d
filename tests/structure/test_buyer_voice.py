"""Four families speak only where a buyer speaks (:mod:`speclint.structure.buyer`).

A care home's account of the supervision it gives, an employer's supervision policy or a
section of an Act names supervision, visit lengths and who designed what, but nobody in
it buys a service: the OVR, RFL, VOI and LOC findings are for what a commissioner asks
of those it pays. A page is set aside only when it has no mark of buying and shows a
positive mark of a voice that buys nothing (an employer's first person about its own
staff, a policy about itself, a registered person, a statute's sections); any mark of
buying, or no mark of either voice, keeps it in their sight, and a text too short to
tell is always read.
"""

from __future__ import annotations

import pytest
from helpers import RULE_DOCS_AND_TESTS

from speclint import check_text
from speclint.parsers import parse_bytes
from speclint.structure import build_outline

OWN_PRACTICE = """\
How we look after our team

Every member of our care team meets a senior colleague for one-to-one supervision every six weeks.

New starters are seen every fortnight until they finish their probation.

Anyone may ask for an extra session whenever they feel they need one.

Our induction pack was drafted internally by the deputy manager.

The whole team meets on Wednesdays to talk through the week and reflect on it.

Everyone must complete refresher first aid training every year.
"""


def _bought(text: str) -> bool:
    return build_outline(parse_bytes(text.encode(), "page.txt", "txt")).bought


def _codes(text: str) -> set[str]:
    return {f.code[:3] for f in check_text(text, "txt").findings}


def test_a_page_in_its_own_voice_buys_nothing() -> None:
    assert not _bought(OWN_PRACTICE)
    assert not _codes(OWN_PRACTICE) & {"OVR", "RFL", "VOI", "LOC"}


@pytest.mark.parametrize(
    "added",
    [
        "The Council will review the supervision records at each contract meeting.",
        "This service is commissioned by the borough for three years.",
        "Providers must send the induction pack to the commissioning team.",
        "4.2 Supervision is recorded on the template at Annex B.",
        "Care hours are billed to the county at the agreed unit rate.",
        "The service will keep its doors open on Saturday mornings.",
        "We will pay a set sum for every afternoon a member attends.",
        "The time this takes is not funded and must be found within current hours.",
        # 'your contract', 'agency contracts' and a list item that asks are a buyer's words
        "Under your contract with us, each visit is paid at the agreed rate.",
        "The county's agency contracts set the visit lengths.",
        "- Attend the quarterly review with the scheme's coordinator.",
    ],
)
def test_any_mark_of_buying_keeps_the_page_in_sight(added: str) -> None:
    assert _bought(OWN_PRACTICE + "\n" + added + "\n")


def test_a_worker_s_own_contract_is_not_a_buyer_s() -> None:
    added = "Part-time staff have supervision pro rata to their contracted hours.\n"
    assert not _bought(OWN_PRACTICE + "\n" + added)
    employment = "Supervision is a condition of every contract of employment.\n"
    assert not _bought(OWN_PRACTICE + "\n" + employment)


def test_a_short_text_is_always_read() -> None:
    assert _bought("All staff shall attend monthly supervision in their own time.")
    assert "RFL" in _codes("All staff shall attend monthly supervision in their own time.")


SERVICE_DESCRIPTION = """\
Young Carers Service: how it will work

The service will offer group activities, one-to-one help and a phone line to young carers.

Each young carer's support will be written down with them and looked at again every term.

The shape of the service has been fixed by the council's directors and will not change
whatever young carers say.

Young carers will hear about the new arrangements once the service has opened.

Every district will get exactly the same offer, and no district may add anything of its own.
"""


def test_a_service_description_without_the_word_provider_is_a_buyer_s() -> None:
    """A short description of a service the council buys keeps VOI and LOC in sight."""
    assert _bought(SERVICE_DESCRIPTION)
    assert {"VOI", "LOC"} <= _codes(SERVICE_DESCRIPTION)


STANDARDS_PAGE = """\
# What we expect of befriending schemes in Wessex

Schemes must make sure every befriending visit lasts exactly one hour.

Volunteers may not move a visit to another day.

Coordinators must hold reflective sessions with volunteers in the evening, unpaid.

The model is the same in every town, and no town may change it.
"""


def test_no_buying_words_without_an_own_voice_is_still_read() -> None:
    """Lacking the words of buying is not enough: a standards page in no one's own voice is read."""
    assert _bought(STANDARDS_PAGE)
    assert _codes(STANDARDS_PAGE) & {"OVR", "RFL", "LOC"}


@pytest.mark.parametrize(
    "mark",
    [
        "Our staff have a one-to-one with their manager every six weeks.",
        "We supervise every volunteer ourselves.",
        "This policy applies to everyone who works in the scheme.",
        "The registered person must keep a note of each visit.",
        "This Part does not apply to a scheme that runs for less than a month.",
        "The duty in section 4(2) applies to every visit.",
    ],
)
def test_a_positive_mark_of_an_own_voice_sets_the_page_aside(mark: str) -> None:
    """Only a positive mark of an employer's, provider's or statute's voice sets a page aside."""
    assert not _bought(STANDARDS_PAGE + "\n" + mark + "\n")


_OWN_PACK = """\
family = "XYZ"
title = "A policy team's own pack"
principle = "Supervision is funded (Intelligent Kindness, p215)"
{flag}

[[rules]]
code = "XYZ001"
name = "supervision-named-anywhere"
severity = "warning"
query = 'supervision'
message = "Supervision is named ('{{match}}')."
suggestion = "Say how it is funded."
"""


@pytest.mark.parametrize(("flag", "heard"), [("buyer_voice = true", False), ("", True)])
def test_the_pack_says_whether_its_rules_need_a_buyer_s_voice(flag: str, heard: bool) -> None:
    """The gate is the pack's data (``buyer_voice``), not a list of families in the engine."""
    from speclint.engine import Engine
    from speclint.registry import RuleRegistry
    from speclint.rules import load_pack

    pack = load_pack(_OWN_PACK.format(flag=flag) + RULE_DOCS_AND_TESTS, "own.toml")
    assert all(rule.buyer_voice is (not heard) for rule in pack.rules)
    document = parse_bytes(OWN_PRACTICE.encode(), "page.txt", "txt")
    found = Engine(RuleRegistry.of([pack])).run(document).findings
    assert bool(found) is heard


def test_the_four_buyer_voice_packs_are_marked_in_their_data() -> None:
    from speclint.rules import packs

    marked = {pack.family for pack in packs() if pack.buyer_voice}
    assert marked == {"OVR", "RFL", "VOI", "LOC"}
    assert all(rule.buyer_voice for pack in packs() if pack.buyer_voice for rule in pack.rules)


THIRD_PERSON_PROCEDURE = """\
# Supervision Procedure - Larchwood Support Services Ltd

1. Purpose

Larchwood Support Services Ltd is committed to supporting its support workers
through regular supervision.

2. Procedure

2.1 Every support worker must meet their team leader for supervision at least every eight weeks.

2.2 Each session must be written up on the supervision form and signed by both people.

2.3 Support workers must attend a group reflective session every quarter.

2.4 Team leaders must not cancel supervision because the rota is short.
"""


def test_an_employer_s_own_procedure_in_the_third_person_buys_nothing() -> None:
    """Numbered clauses under a procedure's title are the employer's own rules."""
    outline = build_outline(parse_bytes(THIRD_PERSON_PROCEDURE.encode(), "page.md", "md"))
    assert not outline.bought
    assert not {f.code[:3] for f in check_text(THIRD_PERSON_PROCEDURE, "md").findings} & {"RFL"}


def test_a_procedure_that_names_a_provider_is_still_a_buyer_s() -> None:
    text = THIRD_PERSON_PROCEDURE.replace(
        "2.4 Team leaders", "2.4 The Provider shall send these records to the Council. Team leaders"
    )
    assert build_outline(parse_bytes(text.encode(), "page.md", "md")).bought


def test_numbered_clauses_without_an_own_voice_are_still_a_buyer_s() -> None:
    """A policy title alone does not set aside a page that never speaks of its own staff."""
    text = THIRD_PERSON_PROCEDURE.replace(
        "is committed to supporting its support workers", "believes that supervision"
    ).replace("through regular supervision.", "keeps practice safe.")
    assert build_outline(parse_bytes(text.encode(), "page.md", "md")).bought


def test_care_for_its_patients_is_not_an_employer_s_own_voice() -> None:
    """A body committed to supporting its patients speaks of care it arranges, not of its staff."""
    text = THIRD_PERSON_PROCEDURE.replace(
        "is committed to supporting its support workers\nthrough regular supervision.",
        "is committed to supporting its patients\nto stay at home.",
    )
    assert build_outline(parse_bytes(text.encode(), "page.md", "md")).bought


SUPERVISION_STANDARD = """\
Clinical supervision standard

Clinical supervision keeps practice safe and gives staff room to reflect on their work.

Everyone who sees patients will have clinical supervision, whether registered or not.

Supervision must take place every four to six weeks, in groups or one to one.

A short record of each session lets nurses use it towards their revalidation.
"""


def test_a_page_with_no_mark_of_buying_is_not_marked_as_buying() -> None:
    """RFL002 ('nothing in the document funds it') needs a page that buys (``buyer_marks``)."""
    outline = build_outline(parse_bytes(SUPERVISION_STANDARD.encode(), "page.txt", "txt"))
    assert outline.bought  # no own voice either: the other buyer-voice rules still read it
    assert not outline.buying_marked
    assert "RFL002" not in {f.code for f in check_text(SUPERVISION_STANDARD, "txt").findings}
    bought = SUPERVISION_STANDARD + "\nThis service is commissioned by the ICB for three years.\n"
    assert "RFL002" in {f.code for f in check_text(bought, "txt").findings}


def test_explicitly_unfunded_time_on_a_page_with_no_buying_words_is_still_found() -> None:
    """Only RFL002 waits for a mark of buying: RFL001's own evidence is still read."""
    assert not build_outline(parse_bytes(STANDARDS_PAGE.encode(), "page.txt", "txt")).buying_marked
    assert "RFL001" in {f.code for f in check_text(STANDARDS_PAGE, "txt").findings}


def test_a_named_employer_s_policy_is_its_own_voice() -> None:
    mark = "Larchwood's policy is to offer supervision every month to every worker."
    assert not _bought(STANDARDS_PAGE + "\n" + mark + "\n")


def test_a_record_keeping_bullet_asks_nothing() -> None:
    """'Record keeping' names a topic in a list; 'Record the date' asks something."""
    assert not _bought(OWN_PRACTICE + "\n- Record keeping and where notes are stored\n")
    assert _bought(OWN_PRACTICE + "\n- Record the date of each session on the form\n")


@pytest.mark.parametrize(
    "reach",
    [
        "These standards apply to every home care worker supporting Fenmoor residents.",
        "All organisations delivering care in the county will follow this charter.",
        "The standard is issued by the Council's adult social care department.",
    ],
)
def test_a_council_s_standards_page_is_marked_as_buying(reach: str) -> None:
    """A council's or a county's standards name no contract but reach those it pays."""
    page = SUPERVISION_STANDARD + "\n" + reach + "\n"
    outline = build_outline(parse_bytes(page.encode(), "page.txt", "txt"))
    assert outline.buying_marked

"""Whether a page speaks as a buyer of services: the voice some rule families need.

Over-specification, unfunded reflective time, missing voices and a ban on local
difference (the OVR, RFL, VOI and LOC families) are faults of what a commissioner asks
of those it pays. The same words stand in texts that buy nothing: a care home's
statement of purpose ("all staff receive monthly supervision"), an employer's policy on
supervision, a section of an Act ("a visit of less than 30 minutes ..."). There the
supervision is the employer's own remedy, the duty a statute's, and no commissioner's
demand. :func:`buyer_reading` needs two things before it sets a page aside. The page lacks every
mark of buying: it never names a contract, a tender, a commissioner or a provider, no
party as a contract defines one, no numbered clause, field of particulars or list item
that asks something, no price, and its title names no specification or decision. And
it shows a positive mark of a voice that buys nothing: an organisation speaking of its
own staff or home ("our staff", "we supervise"), a statement of purpose, a staff
handbook or a policy about itself, a registered person's duties, or a statute's own
words ("this Act", "section 7(1)"). The absence of buying words alone proves nothing: a
commissioner's service description, pathway or standards page often uses none. A page
with any mark of buying, a page with no mark of either voice, and any text too short to
tell (a lone sentence, a line or two) are read as a buyer's.
"""

from __future__ import annotations

from collections.abc import Sequence

from speclint import lazy_re as re
from speclint.structure.voice import (
    CLAUSE_OR_FIELD,
    COMMISSIONING_TITLE,
    DEFINED_PARTY,
    MONEY_TERM,
)

__all__ = ["buyer_reading"]

#: Words of buying and of those bought from: a contract, a tender, commissioning, a
#: provider or supplier, a grant, a specification.
_BUYING = re.compile(
    r"\b(?:commission(?:s|ed|ing|ers?)?|contract(?:s|ed|ing|ors?|ual|ually)?|tender(?:s|ed|ing|ers?)?|"
    r"procur(?:e|ed|es|ing|ement)|purchas(?:e|ed|er|ers|ing)|specifications?|"
    r"the provider|providers|vendors?|suppliers?|grants?|grantees?|funders?|bidders?|"
    r"service level agreement|framework agreements?|ICB|CCG|integrated care board|funded by|"
    # Paying for the service: what is billed, invoiced or reimbursed, at a unit rate.
    r"bill(?:s|ed|ing|able)|invoic(?:e|es|ed|ing)|reimburs(?:e|ed|es|ing|ement)|unit rates?|"
    # Fees paid for places or care: "fee rates", "the fee paid to each home".
    r"fees? (?:paid|payable|rates?|bands?|levels?|uplifts?)|"
    # What a funder authorises and costs: units of service, a waiver, Medicaid.
    r"units? of service|service costs?|waivers?|medicaid|authori[sz]ed (?:services?|hours|units)|"
    # Paying for or funding the service, and the service described as what is bought:
    # "we will pay a fixed amount", "this time is not funded", "the service will offer".
    r"pa(?:y|ys|id|ying|yments?)|fund(?:s|ed|ing)|budgets?|the service (?:will|shall|must|should)|"
    # A request for proposals, quotes or bids.
    r"RFPs?|RFQs?|IFBs?|requests? for (?:proposals?|quotes?|quotations?|bids?)|"
    r"invitations? (?:to|for) (?:bid|tender|quote))\b",
    re.IGNORECASE,
)
#: A worker's own contract, which an employer's policy names as often as a buyer names
#: its contract: set aside before the words of buying are looked for.
_EMPLOYMENT = re.compile(
    r"\bcontracts? of employment\b|\b(?:employment|fixed[- ]term|zero[- ]hours?|permanent|"
    r"temporary|honorary|bank|staff|employee'?s?|his|her) contracts?\b"
    r"|\bcontracted (?:hours|time|working|to work)\b"
    r"|\bcontractual (?:hours|entitlements?|duties)\b"
    # Paid working time, the remedy an employer's policy promises its own staff.
    r"|\bpaid (?:work(?:ing)? )?(?:time|hours)\b",
    re.IGNORECASE,
)
#: A positive mark of a voice that buys nothing: an organisation's first person about its
#: own staff, team or home ("our staff", "we supervise"), its statement of purpose,
#: handbook or a policy about itself, a registered person's duties, or a statute speaking
#: of itself or citing its sections ("this Act", "section 7(1)", "regulation 12").
_OWN_VOICE = re.compile(
    r"\bour (?:own )?(?:(?:care |support |nursing |clinical |staff |whole )?(?:staff|teams?|"
    r"employees|workforce|colleagues|managers?|trainers|supervisors|nurses|carers|"
    r"care workers|support workers)|(?:care |children's |nursing )?homes?|house)\b"
    r"|\bwe (?:employ|supervise|recruit|train|induct|offer|provide)\b"
    r"|\bstatement of purpose\b|\bstaff (?:handbook|team)\b|\bprobation(?:ary)?\b"
    # a named employer's or our own policy: "Kasper's policy is to offer", "it is our policy"
    r"|\b\w+['’]s? policy is (?:to|that)\b|\bit is (?:our|the \w+['’]s?) policy\b"
    r"|\bthis (?:policy|procedure|guideline) (?:applies|covers|sets out|describes)\b"
    r"|\bthe registered (?:person|manager)s?\b|\ba registered person\b"
    # the same in the third person: a named employer "is committed to supporting its care
    # workers", "expects its staff to ..."
    r"|\b(?:(?:is|are) committed to (?:supporting|developing|training|valuing|looking after)"
    r"|expects|requires|supports|supervises|trains) its (?:own )?(?:care |support )?"
    r"(?:staff|employees|workforce|care workers|support workers|colleagues|nurses|carers)\b"
    r"|\bthis (?:Act|Part|Chapter|section|regulation|Order)\b"
    r"|\b(?:section|regulation|paragraph)s? \d+[A-Z]?\(\d+\)"
    r"|\b(?:section|regulation)s? \d+[A-Z]? of (?:the|this|that)\b",
    re.IGNORECASE,
)
#: A title naming the page an organisation's own policy, procedure or handbook (and no
#: buying): its numbered clauses are the employer's own rules, not a contract's clauses.
_OWN_TITLE = re.compile(
    r"\b(?:polic(?:y|ies)|procedures?|handbook|statement of purpose|code of conduct)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

#: How many sentences of four words or more a page needs before its lack of any
#: buyer's mark says whose voice it is.
_TELLS_MIN = 4


#: What a page that names no buying may still say of a buyer's reach: organisations that
#: deliver or provide care, a place's residents, a council, county or borough, adult social
#: care as a body. A council's practice standards or a workforce charter addressed to every
#: organisation in the county sets terms for those it pays, though it names no contract.
_BUYER_REACH = re.compile(
    r"\b(?:organisations?|agencies|services|employers) (?:that |who )?"
    r"(?:deliver|provid)(?:e|es|ing)\b"
    r"|\bresidents\b|\b(?:county|borough|district|city|parish|town) councils?\b|\bcouncils?\b"
    r"|\bcounty\b|\bborough\b|\blocal authorit(?:y|ies)\b|\badult social care\b|\bDASS\b"
    r"|\bdirector of (?:adult|children)",
    re.IGNORECASE,
)


def _scan(texts: Sequence[str], title: str) -> tuple[bool, bool]:
    """(a mark of buying or too short to tell, a positive mark of a voice that buys nothing)."""
    if COMMISSIONING_TITLE.search(title) or _BUYING.search(title):
        return True, False
    sentences = 0
    own_voice = bool(_OWN_VOICE.search(title))
    own_title = bool(_OWN_TITLE.search(title))
    for text in texts:
        if (
            _BUYING.search(_EMPLOYMENT.sub(" ", text))
            or DEFINED_PARTY.search(text)
            or (CLAUSE_OR_FIELD.search(text) and not own_title)
            or MONEY_TERM.search(text)
        ):
            return True, own_voice
        own_voice = own_voice or bool(_OWN_VOICE.search(text))
        sentences += sum(1 for s in _SENTENCE_END.split(text) if len(s.split()) >= 4)
    return sentences < _TELLS_MIN, own_voice


def buyer_reading(texts: Sequence[str], title: str = "") -> tuple[bool, bool]:
    """Whether ``texts`` (a page's blocks) buy, in two strengths: ``(buys, buying_marked)``.

    ``buys`` is False only for a page of four sentences or more with no buyer's mark at
    all (no word of buying such as contract, tender, commissioning, provider, supplier,
    grant, specification, paying or funding, "the service will"; no party named as a
    defined term such as "the Council"; no numbered clause, field of particulars or list
    item that asks something; no term of money; no title naming a specification,
    agreement, tender or decision) that also shows a positive mark of a voice that buys
    nothing (:data:`_OWN_VOICE`). The absence of buying words alone never sets a page
    aside. Under a title naming the page a policy, procedure or handbook
    (:data:`_OWN_TITLE`), numbered clauses are the organisation's own rules and are not a
    mark of buying.

    ``buying_marked`` is stricter: a page of four sentences or more with no mark of buying
    is set aside even when it shows no voice of its own. Unfunded reflective time (RFL) is
    a buyer's fault only: a page that names no contract, provider, payment or funding
    anywhere (an NHS trust's supervision standard, an agency's guide to its supervision)
    has nobody whose price could leave the time unfunded. A council, a county, residents
    or organisations that deliver care (:data:`_BUYER_REACH`) still count as a buyer's
    reach: a council's practice standards or a charter for every provider.
    """
    marked, own_voice = _scan(texts, title)
    reach = marked or any(_BUYER_REACH.search(t) for t in (title, *texts))
    return marked or not own_voice, reach

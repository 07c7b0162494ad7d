"""What a period read by CMP004 belongs to, when it is not a new contract's term.

A short term matters because the service is bought again and again. These kinds of
period look like terms but are not that:

- a period that continues a relationship already running: an extension of contracts
  already let ("the extension of four of the five care contracts for nine months"), the
  renewal of an existing or annual contract ("renew the annual contract with the trust
  from 1 April"), current arrangements or providers carried on ("continue the current
  arrangements with the provider from ..."), a stop-gap given to the incumbent;
- a year of a contract or the dates of a specification ("the contract year 2024/25",
  a service specification's "Period" row), which name no term at all;
- a small project grant under a community grants scheme, which funds a project for a
  year, not an ongoing service bought again each year;
- a quarter or reporting period ("Q4 1st July 2023 to 30th September 2023");
- any period in a notice that modifies a contract already let;
- any period in a decision whose title says it extends contracts ("Homecare Extension",
  "Waiver to Extend Current Contract Term"), unless the sentence names a new contract.
"""

from __future__ import annotations

from collections.abc import Callable

from speclint import lazy_re as re
from speclint.rules.checks._common import units_holding
from speclint.rules.context import RuleContext

_WORDS = r"(?:[\w'’,()-]+\s+)"
_AGREEMENTS = r"(?:contracts?|agreements?|arrangements?|call-offs?|frameworks?|grants?)"

#: Not an option the contract offers (each look-behind one fixed width).
_NOT_AN_OPTION = (
    r"(?<!option to )(?<!options to )(?<!right to )(?<!may )(?<!can )(?<!could )(?<!might )"
    r"(?<!possibility to )(?<!option for an )(?<!options for an )(?<!possible )(?<!optional )"
    r"(?<!potential )"
)
#: Wherever it stands, the period added to a contract already running, not its term: "a
#: contract modification for a 2-year extension to the existing service", "extend the
#: contract for 12 months".
_EXTENDS_EXISTING = re.compile(
    r"\bcontract\s+modification\b|\bextension\s+to\s+(?:the|an?|its|this|our)\b"
    # "add an additional year to the combined contract"
    r"|\badd(?:s|ed|ing)?\s+(?:an?\s+|one\s+)?(?:additional|further|extra)\s+(?:[\w-]+\s+)?"
    r"(?:years?|months?|period)\s+to\s+(?:the|its|this|our|their)\b"
    r"|\bextension\s+of\s+(?:the|its|this|our)\s+(?:existing|current)\s+(?:contract|agreement|service)s?\b"
    r"|\bextend(?:s|ed|ing)?\s+(?:the|its|this|our)\s+(?:existing|current)\s+(?:contract|agreement)s?\b"
    # the contract itself extended, unless as an option it offers: "with an option to
    # extend the contract by 12 months" is this contract's own extension, not one running
    + "|"
    + _NOT_AN_OPTION
    + r"(?:\bextension\s+of\s+(?:the|its|this|our)\s+(?:contract|agreement|service)s?\b"
    r"|\bextend(?:s|ed|ing)?\s+(?:the|its|this|our)\s+(?:contract|agreement)s?\b)",
    re.IGNORECASE,
)
#: Named before the period it spans: an extension or renewal of contracts already let.
_CARRIED_ON_BEFORE = re.compile(
    rf"\bextension\s+of\s+{_WORDS}{{0,6}}?{_AGREEMENTS}\b"
    # "the extension of the contracted drug and alcohol services": what is let already
    r"|\b(?:extension\s+of|extend(?:s|ed|ing)?)\s+(?:the\s+|its\s+|these\s+|all\s+)?"
    r"(?:contracted|commissioned|existing|current|present)\b"
    rf"|\bextend(?:s|ed|ing)?\s+{_WORDS}{{0,6}}?{_AGREEMENTS}\b"
    rf"|\b{_AGREEMENTS}\s+{_WORDS}{{0,8}}?(?:is|are|be|been|was|were)\s+(?:being\s+)?(?:extended|renewed)\b"
    rf"|\brenew(?:s|ed|ing|al)?\s+(?:of\s+)?{_WORDS}{{0,4}}?{_AGREEMENTS}\b",
    re.IGNORECASE,
)
#: Anywhere in the sentence: what is running already, carried on or handed to the incumbent.
_CARRIED_ON = re.compile(
    rf"\bcontinu\w*\s+{_WORDS}{{0,4}}?(?:existing|current|present|incumbent)\s+{_WORDS}{{0,2}}?"
    r"(?:contracts?|agreements?|arrangements?|provision|providers?|services?)\b"
    r"|\b(?:existing|current|incumbent)\s+providers?\s+(?:will\s+|shall\s+|to\s+|would\s+)?(?:continue|remain)\b"
    rf"|\b(?:award\w*|offer\w*|give|given|grant(?:ed)?)\s+{_WORDS}{{0,5}}?(?:to|with)\s+"
    r"(?:(?:the|its|our|their|an?)\s+)?(?:existing|current|incumbent)\s+providers?\b"
    # "under the existing contractual terms", "on current terms": the same contract again
    r"|\b(?:under|on)\s+(?:the\s+|its\s+)?(?:existing|current|same|present)\s+(?:contractual\s+)?"
    r"(?:terms|terms\s+and\s+conditions|contract)\b"
    # "a direct award of the short breaks contract": the contract already there, awarded again
    rf"|\bdirect\s+award\s+of\s+the\s+{_WORDS}{{0,5}}?(?:contracts?|agreements?|services?)\b",
    re.IGNORECASE,
)
#: Renewed one year at a time with no cap: the rolling short term CMP004 is for.
_ROLLING = re.compile(
    r"\brenew\w*\s+(?:(?:each|every)\s+year|annually|year[- ](?:by|to|on)[- ]year)", re.IGNORECASE
)


#: A year cue that makes a renewal serial: "annually", "year on year", "since 2019".
_EACH_YEAR = (
    r"(?:annually|(?:each|every)\s+(?:year|twelve\s+months|12\s+months)|"
    r"year[- ](?:on|by|to|after)[- ]year|from\s+year\s+to\s+year|"
    r"(?:one\s+)?year\s+at\s+a\s+time|12\s+months\s+at\s+a\s+time|(?:each|every)\s+year\s+since\s+\d{4}|"
    r"annually\s+since\s+\d{4})"
)
#: Short renewals repeated, the short term CMP004 is for however long each one is said
#: to be: a contract "rolled over every year since 2019", "extended year on year", "the
#: third one-year extension in a row", "successive one-year extensions". Asked of every
#: term sentence, each alternative only where its words are
#: (:class:`speclint.lazy_re.Alternation`).
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|2nd|3rd|4th|5th|6th|7th)"
_A_YEAR = r"(?:one-year|1-year|12-month|twelve-month|annual|yearly|six-month|short(?:-term)?)"
_RENEWALS = r"(?:extensions|renewals|roll-?overs|contracts|awards|waivers|grants|agreements)"
_SERIAL = re.Alternation(
    # "rolled over every year since 2019", "extended year on year", "re-let annually"
    rf"\b(?:roll(?:ed|ing|s)?[\s-]+(?:it\s+|them\s+)?(?:over|on|forward)|extended|renewed|"
    rf"re-?awarded|re-?let|re-?procured|re-?tendered|re-?commissioned)\s+{_WORDS}{{0,4}}?{_EACH_YEAR}"
    # "the third one-year extension", "a second consecutive annual contract"
    rf"|\b{_ORDINAL}\s+(?:consecutive\s+|successive\s+)?{_A_YEAR}\s+"
    r"(?:extension|renewal|roll-?over|contract|term|(?:direct\s+)?award|waiver|grant|agreement)"
    # "one-year extensions in a row", "successive one-year extensions"
    rf"|\b{_A_YEAR}\s+{_RENEWALS}\s+(?:in\s+a\s+row|in\s+succession|back[- ]to[- ]back)"
    rf"|\b(?:successive|consecutive|repeated|back-to-back|serial|rolling)\s+{_A_YEAR}\s+(?:direct\s+)?{_RENEWALS}"
    # "the fourth in a row", "the third year running" (with a word of renewing beside it)
    rf"|\b{_ORDINAL}\s+(?:(?:year|time|one)\s+)?(?:in\s+a\s+row|in\s+succession|running)\b",
    re.IGNORECASE,
)
#: What a serial renewal needs to be a contract's: a contract, agreement, arrangement,
#: call-off, framework, grant or award named (not a service, insurance or training).
_BOUGHT_THING = re.compile(rf"\b(?:{_AGREEMENTS}|awards?)\b", re.IGNORECASE)
#: A word of renewing what is bought, which "the third year in a row" needs beside it.
_RENEWING = re.compile(
    r"\b(?:extend\w*|extension\w*|renew\w*|roll\w*|re-?award\w*|re-?let|re-?procur\w*|re-?tender\w*|"
    r"re-?commission\w*|direct(?:ly)?\s+award\w*|waiv\w+|continued|funded|granted|awarded|annual|yearly|"
    r"one-year|1-year|12-month|twelve-month)\b",
    re.IGNORECASE,
)
#: A serial renewal ruled out, ended or criticised rather than made: "rather than rolling
#: contracts over each year", "no longer renewed annually", "to avoid successive ...".
_NOT_SERIAL = re.compile(
    r"\b(?:not|never|no\s+longer(?!-)|instead\s+of|rather\s+than|avoid\w*|stop\w*|move\s+away\s+from|"
    r"replac\w+|cannot|can't|won't|prevent\w*|no\s+more|until\s+now|"
    r"end(?:s|ing)?\s+(?:the|this|these|annual|yearly|year)|"
    r"without\s+(?:rolling|renewing|extending|re-?procuring|annual|yearly))\b",
    re.IGNORECASE,
)


def serial_renewal(sentence: str) -> int | None:
    """Where ``sentence`` tells of a contract renewed or extended a year at a time, else None.

    "The contract has been rolled over every year since 2019", "the third one-year extension
    in a row", "successive annual renewals": however long each renewal, the service is
    bought a year at a time. Not when the sentence rules it out or ends it ("rather than
    rolling contracts over each year", "no longer renewed annually"), nor for a renewal of
    something that is not bought (a worker's training renewed every year).
    """
    match = _SERIAL.search(sentence)
    if match is None or not _BOUGHT_THING.search(sentence) or not _RENEWING.search(sentence):
        return None
    if _NOT_SERIAL.search(sentence, max(0, match.start() - 60), match.end() + 80):
        return None
    return match.start()


def carries_on(sentence: str, at: int) -> bool:
    """True when the period stated at ``at`` continues a contract or provider already there."""
    if _EXTENDS_EXISTING.search(sentence):
        return True
    if _ROLLING.search(sentence):
        return False
    before = _CARRIED_ON_BEFORE.search(sentence)
    return bool((before is not None and before.end() <= at) or _CARRIED_ON.search(sentence))


#: Names that hold a contract word but name no contract being let: the year of a
#: contract, and the specification document itself.
_NAME_ONLY = re.compile(r"\bservice\s+specifications?\b|\bcontract\s+years?\b", re.IGNORECASE)


def without_names(sentence: str) -> str:
    """``sentence`` with "contract year" and "service specification" blanked (same length)."""
    if "specification" not in sentence.lower() and "year" not in sentence.lower():
        return sentence
    return _NAME_ONLY.sub(_blank, sentence)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


#: A scheme of small grants for community projects: said so, or a grant capped low.
_SMALL_GRANTS = re.compile(
    r"\b(?:small|micro|mini|community|one-off|annual community)[\s-]+grants?\b"
    r"|\bgrants?\s+(?:fund|scheme|programme)s?\b[^.]{0,80}?\b(?:projects?|groups?|applications?|apply)\b"
    # "grants of up to £5,000", "Size of grant: up to £20,000", "Grant range: up to £10,000"
    r"|\bgrants?\b[^.£\n]{0,16}?(?:up\s+to|between|from|not\s+exceeding|maximum\s+of|of)\s+£\s?"
    r"(\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?\s*(k\b)?",
    re.IGNORECASE,
)
#: The largest grant still read as a small project grant.
_SMALL_GRANT_CAP = 50_000
#: What a term sentence about a grant may not name for it to be a project grant's period.
_BOUGHT = re.compile(
    r"\b(?:contracts?|agreements?|frameworks?|lots?|call-offs?|tenders?|tendered|procure\w*|commission\w*)\b",
    re.IGNORECASE,
)


def _small(match: re.Match[str]) -> bool:
    if match.group(1) is None:
        return True
    amount = float(match.group(1).replace(",", "")) * (1000 if match.group(2) else 1)
    return amount <= _SMALL_GRANT_CAP


def project_grant_scheme(ctx: RuleContext) -> Callable[[str], bool]:
    """A test of sentences: True for a grant's period in a document offering small grants."""
    units = ctx.outline.units
    scheme = any(
        _small(m)
        for unit in ctx.candidates.containing_any(("grant",))
        for m in _SMALL_GRANTS.finditer(units[unit].text)
    )

    def test(sentence: str) -> bool:
        lowered = sentence.lower()
        return (
            scheme
            and ("grant" in lowered or "fund" in lowered or "award" in lowered)
            and not _BOUGHT.search(sentence)
        )

    return test


#: A quarter or a reporting period: the span of a return, not of a contract.
_QUARTER = re.compile(
    r"\b(?:Q[1-4]|quarters?|quarterly|(?:reporting|monitoring|review)\s+periods?)\b[^.;]{0,12}$",
    re.IGNORECASE,
)


def quarter_before(sentence: str, at: int) -> bool:
    """True when the period at ``at`` is labelled as a quarter or a reporting period."""
    return bool(_QUARTER.search(sentence, max(0, at - 40), at))


#: A title or heading that says the decision extends contracts already running: "Extension
#: of the community equipment contract", "Contract extensions 2025/26", "Extending the
#: advocacy contracts" (not "Extensions are at the Council's discretion").
_EXTENSION_TITLE = re.compile(
    r"\b(?:extensions?\s+(?:of|to)|extend(?:s|ed|ing)?)\s+(?:the\s+|existing\s+|current\s+)?"
    r"(?:[\w'’&-]+\s+){0,4}?(?:contracts?|agreements?|frameworks?|arrangements?|grants?|call-offs?)\b"
    r"|\b(?:contracts?|agreements?|frameworks?|grants?)\s+extensions?\b",
    re.IGNORECASE,
)
#: What a title offering an option, or stating a term, says: not a decision to extend.
_NOT_A_TITLE = re.compile(
    r"\b(?:options?|optional|possible|may|might|could|months?|years?|until|to\s+\d)\b|\d+\s*\+\s*\d",
    re.IGNORECASE,
)
#: The words a title of at most this many words may hold.
_TITLE_WORDS = 16
#: A new contract named in the sentence: its term is read even in an extension decision.
_NEW_CONTRACT = re.compile(
    r"\b(?:new|replacement|future|proposed|re-?procured|recommissioned)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:contracts?|agreements?|frameworks?|services?|call-offs?)\b",
    re.IGNORECASE,
)


def extension_decision(ctx: RuleContext) -> Callable[[int, str], bool]:
    """A test of sentences: True for a period in a decision titled as a contract extension.

    The title is a heading of one of the first six units, or a short line (at most
    sixteen words) among the first four, other than the unit the period is in, that names
    the extension of contracts and neither offers one as an option nor states a term. A
    lone paragraph has no title.
    """
    units = ctx.outline.units
    titles = [(-1, h) for unit in units[:6] for h in unit.heading_path]
    titles += [(n, u.text) for n, u in enumerate(units[:4]) if len(u.text.split()) <= _TITLE_WORDS]
    extends = [
        n
        for n, title in titles
        if _EXTENSION_TITLE.search(title) and not _NOT_A_TITLE.search(title)
    ]

    def test(unit: int, sentence: str) -> bool:
        return (
            len(units) > 1
            and any(n != unit for n in extends)
            and not _NEW_CONTRACT.search(sentence)
        )

    return test


#: A service any eligible practice or pharmacy may provide: an enhanced or locally
#: commissioned service, a community pharmacy service, a scheme practices sign up to.
_OPEN_SERVICE = re.compile(
    r"\b(?:(?:local(?:ly)?|directed|national(?:ly)?|advanced)\s+(?:commissioned\s+|enhanced\s+)?"
    r"(?:enhanced\s+)?services?|enhanced\s+services?|LCS|LES|DES|(?:community\s+)?pharmac(?:y|ies)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:service|scheme)s?)\b",
    re.IGNORECASE,
)
#: Open to every eligible provider, who joins by signing up, opting in or registering, with
#: no competition between them.
_OPEN_TO_ALL = re.compile(
    r"\b(?:opts?[\s-]+in(?:to)?|opting[\s-]+in|sign(?:s|ing)?[\s-]+up|sign-up|register(?:s|ing)?\s+to\s+"
    r"(?:provide|deliver|take\s+part|participate)|"
    r"(?:annual|yearly)\s+(?:registration|sign-up|sign up|opt-in)|"
    r"(?:any|all|every|each)\s+(?:eligible\s+|contracted\s+|accredited\s+)?(?:(?:GP|general|community)\s+)?"
    r"(?:practices?|pharmac(?:y|ies)|contractors?|dental\s+practices?|optometr\w+)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:may|can|is\s+eligible|are\s+eligible|wishing|who\s+wish)|"
    r"offered\s+to\s+(?:all|every|each|any)\b|participation\s+is\s+voluntary|voluntary\s+participation|"
    r"no\s+limit\s+(?:on|to)\s+the\s+number\s+of\s+(?:practices|pharmacies|providers|contractors))",
    re.IGNORECASE,
)
#: An award made because of urgency: the Provider Selection Regime's urgent award
#: (regulation 14), an emergency or urgent contract, a direct award for urgent reasons.
#: Asked of every unit, each alternative only where its words are.
_URGENT = re.Alternation(
    r"\burgen(?:t|cy)\s+(?:direct\s+)?(?:award|contract|procurement|basis|circumstances|"
    r"arrangement)s?\b|\bregulation\s+14\b|(?<!non-)(?<!non )\bemergency\s+(?:direct\s+)?(?:award|"
    r"contract|procurement|arrangement)s?\b",
    re.IGNORECASE,
)

#: Every match of :data:`_URGENT` holds one of these in lower case, so a unit whose text
#: holds none is not searched (:func:`units_holding`). None has an "i", "s" or "k", whose
#: matches ignoring case include letters that ``str.lower`` does not make them ("İ", "ſ",
#: "K"): "REGULATİON 14" holds "regulat" in lower case. A test holds them to the pattern.
URGENT_NEEDLES = ("urgen", "regulat", "emergenc")


def urgent_award(ctx: RuleContext) -> bool:
    """True when the page holding the units is an urgent or emergency award.

    A contract awarded because of urgency (the Provider Selection Regime's urgent award,
    limited by law in length; an emergency contract to keep a service running) is short
    by force of circumstance, not by a choice to buy a year at a time.
    """
    units = ctx.outline.units
    return any(_URGENT.holds(units[u].text) for u in units_holding(ctx, URGENT_NEEDLES)) or any(
        _URGENT.holds(h) for u in units[:6] for h in u.heading_path
    )


#: A notice or decision that modifies a contract already let.
_MODIFIED = re.compile(
    r"\bcontract\s+modification\s+notice\b"
    r"|\bmodification\s+(?:of|to)\s+(?:the|an?|this|its)\s+(?:[\w'’-]+\s+){0,5}?(?:contract|agreement)s?\b"
    r"|\b(?:contract|agreement)s?\b[^.;]{0,40}?\b(?:has|have|was|were)\s+(?:now\s+)?been\s+(?:formally\s+)?"
    r"modified\b",
    re.IGNORECASE,
)


def per_page(ctx: RuleContext, holds: Callable[[list[int]], bool]) -> Callable[[int], bool]:
    """A test of units that ``holds`` answers once for each page, given the page's units.

    The page is the unit's top section (a file of many notices, each under its own
    heading, is many pages) with the units that stand under no heading; each page is
    read when a unit of it is first asked about.
    """
    units = ctx.outline.units
    read: dict[str, bool] = {}

    def section(unit: int) -> str:
        path = units[unit].heading_path
        return path[0] if path else ""

    def test(unit: int) -> bool:
        key = section(unit)
        if key not in read:
            read[key] = holds([n for n in range(len(units)) if section(n) in (key, "")])
        return read[key]

    return test


def modifies_contract(ctx: RuleContext) -> Callable[[int], bool]:
    """Whether the page holding a unit is a notice or decision modifying a contract.

    "This contract has now been formally modified", "a modification of the community
    nursing contract": the period the page states is the modified contract's, already
    let and carried on, however short what is left of it; no provider is churned.
    """
    units = ctx.outline.units
    return per_page(ctx, lambda page: any(_MODIFIED.search(units[n].text) for n in page))


#: Those a locally commissioned or enhanced service is open to by its nature: community
#: pharmacies and general practices, each of which may take it up.
_PRIMARY_CARE = re.compile(
    r"\b(?:community\s+pharmac(?:y|ies)|pharmacy\s+contractors?|GP\s+practices?|general\s+practices?)\b",
    re.IGNORECASE,
)
#: What a term sentence may not say for it to be an open scheme's year: a competition.
_COMPETED = re.compile(
    r"\b(?:tender\w*|re-?tender\w*|procure\w*|procurement|competiti\w+|bid|bids|bidders?|lots?|"
    r"framework|award\w*)\b",
    re.IGNORECASE,
)


def open_enrolment(ctx: RuleContext) -> Callable[[str], bool]:
    """A test of sentences: True for the year of a service every eligible provider may join.

    An enhanced or locally commissioned service (a pharmacy or general practice service)
    that each practice or pharmacy opts into for a year is not let by competition, so its
    year is not a short contract bought again and again. The page must name such a service
    and say that providers join it by opting in or signing up, or name community
    pharmacies or general practices, who take such a service up as it is offered; neither
    the page nor the term's sentence may speak of a tender, a procurement or an award.
    Headings are read with the text (the service is often named only in the title).
    """
    read: list[bool] = []  # read once, when a term is first found

    def open_page() -> bool:
        if not read:
            units = ctx.outline.units
            headings = dict.fromkeys(h for u in units for h in u.heading_path)
            whole = "\n".join([*headings, *(u.text for u in units)])
            read.append(
                bool(_OPEN_SERVICE.search(whole))
                and bool(_OPEN_TO_ALL.search(whole) or _PRIMARY_CARE.search(whole))
                and not _COMPETED.search(whole)
            )
        return read[0]

    def test(sentence: str) -> bool:
        return open_page() and not _COMPETED.search(sentence)

    return test

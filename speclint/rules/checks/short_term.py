"""CMP004: a contract whose maximum term, extensions included, is short.

A stop-gap awarded without competition (an interim contract or an extension of up to 24
months, directly awarded while the service is re-procured) is short-term buying too, and is
read by :func:`direct_stop_gap` before the term itself.

The term is read from a duration ("an initial term of two years", "364 days", read to the
nearest month), a "1+1" pattern or a date range ("1 October 2017 – 31 March 2018",
"commenced on 1 April and will last until 31 March"), and the extensions from what follows
("extendable by another 12 months", "two optional 12-month
extensions", "up to two (2) further periods of twelve (12) months", "one year plus one
optional year", "1 year + 1 year"), in the same
sentence or the next one. A term is judged on its maximum: a 12-month contract with
two optional 12-month extensions runs up to 36 months and is not flagged.

Periods that are not contract terms (records kept "for a period of two years", an
account closed after 12 months of inactivity, notice periods, review intervals, the
months a sum is paid over) are not read as terms, nor is the year of a contract between
an NHS commissioner and an NHS trust, agreed year by year and rolled on, nor are counts
of days under half a year or set as deadlines ("within 90 days"), nor the span a sum is
quoted over ("£2m over the two years").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from pydantic import Field

from speclint import lazy_re as re
from speclint.rules.checks._common import CheckOptions, operative_sentences
from speclint.rules.checks._numbers import (
    DATE,
    MONTH_NAMES,
    MONTH_YEAR,
    NUM,
    count,
    month_index,
    months_between,
    without_echoes,
)
from speclint.rules.checks._term_context import (
    carries_on,
    extension_decision,
    modifies_contract,
    open_enrolment,
    per_page,
    project_grant_scheme,
    quarter_before,
    serial_renewal,
    urgent_award,
    without_names,
)
from speclint.rules.context import RuleContext, RuleHit


class Options(CheckOptions):
    """``[rules.options]`` of CMP004."""

    min_months: int = Field(default=36, ge=1, description="flag a maximum term under this")
    exempt_pilots: bool = Field(
        default=True,
        description="stay silent in a time-limited clause or a funded or evaluated pilot",
    )


_DURATION = re.compile(
    NUM
    # "one further year", "an optional third year" (one year more)
    + r"[\s-]*(?:(?:further|additional|more|extra|optional|possible)\s+)?"
    + r"(?:(?:second|third|fourth|fifth|sixth)\s+)?(month|year|day)s?\b"
    # a notice period, however it is qualified: "three months' (prior) (written) notice",
    # "a 12 month termination notice period"
    + r"(?!['’]?\s*(?:(?:prior|written|advance|clear|formal|termination|break|exit|"
    r"cancellation|mutual|minimum)\s+){0,3}notice)",
    re.IGNORECASE,
)
_YEARS = re.compile(r"\byears?\b", re.IGNORECASE)
#: What just before a duration makes it a rate or a price, not a term ("£40 per month").
_NOT_A_TERM = re.compile(r"£|%|\bper\b|\bcent\b|\d\s*$")
_FURTHER = re.compile(r"\w+\s+(?:further|additional)")
#: Each alternative is searched only in a sentence holding its words (see
#: :class:`speclint.lazy_re.Alternation`): the whole alternation cost 250 µs a sentence.
_TERM_CUE = re.Alternation(
    r"run for|runs for|initial (?:contract )?(?:term|period)|(?:contract|initial|fixed) term|"
    r"for an initial|an initial|term of|term is|term will be|contract period|contract duration|"
    r"duration of|let for|awarded for|for a (?:fixed )?period of|commissioned for|"
    r"last(?:s|ing)? for|"
    r"(?:contract|agreement|framework|term)\s+(?:will |shall |is to |is )?(?:be |run )?(?:of|for)|"
    r"(?:will|shall) be let for|(?:contract|agreement|framework)\s+(?:will |shall )?lasts?|"
    r"(?:month|year)\s+(?:(?:interim|initial|fixed|rolling|pilot|temporary|bridging|transitional|"
    r"holding|stop-gap|one-off|short|service[\s-]+level)\s+)?"
    r"(?:contract|agreement|term|framework|arrangement|grant|call-off)s?\b|"
    r"each let|funded for|"
    # "will run the befriending service for twelve months"
    r"(?:run|runs|operate|operates)\s+(?:the|this)\s+(?:[\w'’-]+\s+){0,2}?service\s+for|"
    # "will begin on the 1st of April 2026 for one year": a start date and then the length
    # (weak: read only in a sentence that names a contract or service)
    r"(?:begin\w*|start\w*|commenc\w*|open\w*|launch\w*)\s+(?:on\s+|from\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?[a-z]+\.?,?\s+\d{4},?\s+(?:and\s+(?:will\s+)?operate\s+)?for"
    r"(?=\s+(?:an?\s+(?:initial\s+|fixed\s+)?period\s+of\s+)?\S+[\s-]+(?:months?|years?)\b)|"
    # "the 12-month life of the contract", "the 12 months of the agreement" (not "the first
    # three months of the contract", a part of it; a price held over "the 12 months of the
    # contract" is read as the term only when the sentence rules extensions out)
    r"the\s+(?!first\b|initial\b|last\b|final\b|opening\b|early\b)\S+[\s-]+(?:months?|years?)\s+"
    r"(?:(?:life|length|duration|term)\s+)?of\s+(?:the|this|its)\s+(?:contract|agreement|framework|grant)\b|"
    # "awarded to the current providers for 12 months", "let by open tender for one year":
    # weak, read only in a sentence that names a contract
    r"(?:awarded|let|commissioned|procured|tendered)\s+(?:(?!for\b|(?:provide|deliver|support|offer|"
    r"give|work|run|see|treat|help)\b)[\w'’-]+\s+){1,6}?for"
    r"(?=\s+(?:an?\s+(?:initial\s+|fixed\s+)?period\s+of\s+)?\S+[\s-]+(?:months?|years?)\b)|"
    # a notice's headline: "(intention) to award a contract to X Ltd for two years" (weak too)
    r"(?:to|will|shall|would)\s+award\s+(?:[\w'’-]+\s+){0,3}?(?:contracts?|agreements?|frameworks?|"
    r"grants?|call-offs?|lots?)\s+(?:(?!for\b|to\s+(?:provide|deliver|support|offer|"
    r"give|work|run|see|treat|help)\b)[\w'’&.-]+\s+){0,7}?for"
    r"(?=\s+(?:an?\s+(?:initial\s+|fixed\s+)?period\s+of\s+)?\S+[\s-]+(?:months?|years?)\b)|"
    # "the contract for X support is for one year", "the grant covers the 18 months from ...":
    # weak cues, read only in a sentence that names a contract
    r"(?:is|are|will be|shall be) for"
    r"(?=\s+(?:an?\s+(?:initial\s+|fixed\s+)?period\s+of\s+)?\S+[\s-]+(?:months?|years?)\b)|"
    r"covers?(?=\s+(?:the\s+)?\S+[\s-]+(?:months?|years?)\s+(?:from|starting|beginning|commencing)\b)|"
    # "the awarded contract ... spans one year", "services over a 30-month period valued at
    # £3.7 million" (weak: read only in a sentence naming a contract)
    r"(?:spans?|spanning)(?=\s+(?:an?\s+(?:initial\s+)?period\s+of\s+)?\S+[\s-]+(?:months?|years?)\b)|"
    r"over\s+an?(?=\s+\S+[\s-]+(?:months?|years?)\s+(?:period|term)\b)|"
    r"(?:expir\w*|end\w*|terminat\w*|conclud\w*|runs? out)"
    r"(?=\s+\S+[\s-]+(?:months?|years?)\s+(?:after|from)\s+"
    r"(?:the\s+|its\s+)?(?:start|commencement|signature|award|it starts|it begins))|"
    r"(?:commissioned|contracted|let|awarded|funded|procured|renewed|purchased|bought)\s+on\s+an?\s+"
    r"(?=(?!year-)\S+[\s-]+(?:months?|years?)\s+basis)|"
    r"re-?(?:let|tender\w*|procur\w*|compet\w*)\s+(?:after|every)|"
    r"(?:contract|agreement|framework) length|let on|rolling|"
    r"(?<!staff )(?<!employment )(?<!fixed-term )(?<!honorary )"
    r"(?:funding|grants?|contracts?|agreements?|awards?)\s+(?:is|are|will be|has been|have been)\s+"
    r"(?:awarded\s+|available\s+|agreed\s+|offered\s+|provided\s+|given\s+|made\s+|confirmed\s+|"
    r"approved\s+|secured\s+)?(?:only\s+)?for|"
    r"contracts\s+of|"
    r"length of (?:the |this |its )?(?:contract|agreement|framework)|duration|"
    r"framework (?:of|for|will run)|agreement (?:of|for|will run)|(?:contract\s+)?term\s*[|:]",
    re.IGNORECASE,
    head=r"\b(",
    tail=")",
)
#: Cues that say little on their own: the sentence must also name a contract.
_WEAK_CUE = re.compile(
    r"^(?:for a (?:fixed )?period of|last(?:s|ing)? for|duration of|duration|term of|rolling|"
    r"funded for|"
    r"(?:is|are|will be|shall be) for|covers?|spans?|spanning|over\s+an?|"
    r"(?:begin|start|commenc|open|launch)\w*\s.+\sfor|"
    r"(?:awarded|let|commissioned|procured|tendered|(?:to|will|shall|would)\s+award)\s.+\sfor)$",
    re.IGNORECASE,
)
#: "Staff contracts are for 12 months": people's employment, not the service contract.
_STAFF_CONTRACT = re.compile(
    r"\b(?:staff|employment|fixed-term|honorary|employees?|workers?|apprentices?)\s+"
    r"(?:contracts?|posts?|placements?)\s*$",
    re.IGNORECASE,
)
#: "... is for one year": a term only when the sentence is about a contract, which opens it.
_IS_FOR = re.compile(r"^(?:is|are|will be|shall be) for$", re.IGNORECASE)
_CONTRACT_SUBJECT = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,2}?(?:contracts?|agreements?|frameworks?|grants?|lots?|call-offs?|awards?|funding)\b",
    re.IGNORECASE,
)
#: What a contract is called: a sentence naming one says a period is its term.
_CONTRACT_NOUNS = r"contracts?|agreements?|frameworks?|term|grants?|lots?|call-offs?|awards?"
_CONTRACT = re.compile(
    rf"\b(?:{_CONTRACT_NOUNS}|services?|arrangements?|funding|procurement)\b", re.IGNORECASE
)
#: "Awarded to Elm Care Ltd, 1 May 2026 - 30 April 2027": an award names the contract it makes.
_AWARDED_TO = re.compile(r"\b(?:awarded|award)\s+to\b", re.IGNORECASE)
#: The rest of a clause up to the period it names, with no clause break, contract or term
#: between (``also``: more words that would name the term): "Schedule 2 sets out the
#: services for ..." runs on to its period; "Schedule 3 lists the outcomes, and the
#: contract runs for ..." does not.
_ON_TO_THE_PERIOD = (
    r"(?:(?!\b(?:and|which|that|terms?|contracts?|agreements?|commissioned|let{also})\b)[^,;:])*$"
)
#: Periods that belong to something other than the contract's life.
_OTHER_PERIOD = re.compile(
    r"\b(stor\w*|retain\w*|retention|records?|kept|archiv\w*|inactiv\w*|no activity|dormant|"
    r"reviewed|review period|notice|warranty|guarantee|probation\w*|suspen\w*|clos\w*|"
    # a change to the contract for a while, not its life: "varied for a period of six months"
    r"vari(?:ed|ations?)|vary\w*|"
    # a saving or a change brought in by stages: "a reduction made over a phased period
    # between April 2018 and November 2020"
    r"phased|phasing|(?:savings?|reductions?|cuts?)\s+over|"
    # a service brought in across the area over a while: "rolled out across the county
    # between August 2010 and July 2011"
    r"rolled\s+out\s+(?:across|over|to|in)\b|roll-?out\s+(?:period|phase)|"
    r"excluded|exclusion|debarr?\w*|insurance|liabilit\w*|invoices?|licen[cs]e|"
    r"employed|experience|worked|qualified|registered|resident|lived|waiting|wait|"
    # a window for talking to people, getting ready or spending a sum, not the contract's life
    # (not where a clause break or the contract's own running comes between: "after a
    # three-month mobilisation, the contract runs for 12 months")
    r"(?:consult\w*|engagement|mobilis\w*|mobiliz\w*|spent|spend)(?![^.;]*(?:,|\b(?:contracts?|agreements?|"
    r"frameworks?)\s+(?:\w+\s+){0,2}?(?:runs?|will\s+run|lasts?|will\s+last|is\s+let|is\s+for|will\s+be\s+for)\b))|"
    r"authori[sz]\w*|episodes?|stays?|prescri\w*|polic(?:y|ies)|procedures?|strateg(?:y|ies)|"
    # how long one person's break, placement or course lasts, not the contract's life
    r"(?:breaks?|respite|admissions?|placements?|courses?|treatments?|interventions?|visits?)"
    r"\s+(?:(?!(?:contracts?|agreements?|frameworks?|services?|lots?|grants?|call-offs?)\b)\w+\s+){0,2}?"
    r"(?:lasts?|lasting|length|exceeds?|exceeding)|"
    # how long an offer, quote or tender stays open for acceptance
    r"validity|(?:offers?|quot\w*|tenders?|bids?|prices?|submissions?)\s+(?:is|are|will be|must be|"
    r"must remain|remains?|shall be|shall remain|stays?)\s+(?:valid|open))\b"
    # one year's schedule inside a longer agreement (a section 75 agreement's service
    # schedule, refreshed each year): "Schedule 2 sets out the services for 2025/26"
    # (the period must follow the schedule's own words, with no clause break, term or
    # contract between: "Schedule 3 lists the outcomes, and the contract runs for 18
    # months" states the term)
    r"|\bschedules?(?:\s+[\w.()-]+){0,3}?\s+(?:for|covering|covers?|sets? out|setting out|lists?|"
    r"details?|describes?)"
    + _ON_TO_THE_PERIOD.format(also="|runs?|lasts?")
    # the months a payment is made over, not the contract's life: "paid in monthly
    # instalments for the six months from 1 October", "the payment period runs from ..."
    + r"|\b(?:instalments?|payment periods?|paid for (?:the|a) period|"
    # "practices are being paid for the service from October to March": who is paid when
    r"(?:is|are|be|being|been|was|were|get|gets|getting)\s+(?:\w+\s+)?paid|"
    r"payments? (?:will be |are |is |shall be )?(?:made|paid|payable))"
    # "paid under a 12-month contract": the period is the contract's
    + _ON_TO_THE_PERIOD.format(also="|under|through|via")
    # something that has run its course: "the programme, which ran for two years"
    # one year of a longer contract, named as such: "in the contract year 1 April to ..."
    + r"|\bcontract years?\W{0,3}(?:(?:of|from|is|runs?|covering)\s+)?$"
    + r"|\b(?:ran|lasted|operated|had (?:run|lasted)|was (?:run|delivered)|"
    r"were (?:run|delivered))\b"
    r"(?:(?!\b(?:runs?|run|will|shall|is|are|lasts?|last)\b)[^.;]){0,40}$",
    re.IGNORECASE,
)
_EXTENSION = re.compile(
    # not "the contract period extends over one year": a span, not an extension
    r"\b(?:extend\w*(?!\s+(?:over|across)\b)|extension\w*|further periods?|additional periods?|"
    r"renew\w*|stretch\w*|prolong\w*|lengthen\w*|(?:further|additional|optional|subsequent)\s+terms?|"
    # "with an option for a further six months", "an option of plus six months"
    r"options?\s+(?:for|of)\s+(?:a\s+further|an?\s+additional|another|plus|up\s+to\s+a\s+further)"
    r"(?=\s+(?:[\w()-]+\s+){0,2}(?:months?|years?)\b))"
    r"\b(?!\s*:)"
    # "one year plus one optional year", "1 year + 1 year": a period added on
    r"|(?:\+|\bplus\b)(?=\s*(?:an?\s+|one\s+|another\s+|\d+\s*|[a-z]+\s+)?"
    r"(?:(?:further|additional|optional|extra|possible)\s+)?(?:(?:second|third|fourth|fifth)\s+)?"
    r"(?:months?|years?)\b)",
    re.IGNORECASE,
)
#: Extensions or renewals named as a field: "Extension options", "Renewals", "Extension period".
_EXTENSIONS_NAMED = r"(?:extensions?|renewals?)(?:\s+(?:options?|periods?))?"
_NO_EXTENSION = re.compile(
    r"\b(?:no (?:option|provision|right|power|intention|plan)s? (?:to|for) "
    r"(?:extend|extension|renew|lengthen|stretch|prolong)\w*|"
    r"not be extended|will not be extended|cannot be extended|no extensions?|"
    # "a single year, not extendable", "12 months, non-extendable", "not renewable"
    r"(?:not|non)[\s-]+(?:extendable|extendible|renewable)|not be renewed(?!\s+automatically)|"
    r"no renewals?|"
    r"no (?:further )?(?:option|provision) for (?:an? )?(?:extension|renewal)s?|"
    + _EXTENSIONS_NAMED
    + r"\s*[:|]\s*(?:none|nil|n/a|no\b|not applicable))\b",
    re.IGNORECASE,
)
#: "24 months in total, including any extension": the stated length already holds them.
_INCLUSIVE = re.compile(
    r"^\s*,?\s*in total\b|\b(?:including (?:any |all |the )?(?:extensions?|options? to extend)"
    # "including options to extend for an additional two years": the options' own length
    r"(?!\s+(?:for|by|of)\b)|"
    r"inclusive of (?:any |all )?extensions?|extensions? included)\b",
    re.IGNORECASE,
)
#: "renewable each year", "renewed annually": one year at a time, with no cap on renewals.
_ROLLING_RENEWAL = re.compile(
    r"\brenew\w*\s+(?:(?:each|every)\s+year|annually|year[- ](?:by|to|on)[- ]year)", re.IGNORECASE
)
#: "covers the 2026/27 and 2027/28 financial years": a run of financial years.
_FINANCIAL_YEARS = re.compile(
    r"\b20(\d\d)\s*/\s*(?:20)?\d\d\s*(?:,|and|to|until|through|-|–)\s*(?:(?:the\s+)?20\d\d\s*/\s*(?:20)?\d\d"
    r"\s*(?:,|and)\s*)*(?:the\s+)?20(\d\d)\s*/\s*(?:20)?\d\d\s+financial\s+years\b",
    re.IGNORECASE,
)
#: "ends on 31 March 2028, having started on 1 April 2026": the range said end first.
_REVERSED_RANGE = re.compile(
    r"\b(?:end\w*|expir\w*|finish\w*|clos\w*)\s+(?:on\s+)?"
    + DATE
    + r"[^.;]{0,40}?\b(?:start\w*|began|begun|begin\w*|commenc\w*|open\w*)\s+(?:on\s+)?"
    + DATE,
    re.IGNORECASE,
)
#: "two further periods of up to 12 months", "two optional extensions of 12 months"
_PERIODS = re.compile(
    NUM
    + r"\s+(?:(?:further|additional|optional|possible|potential|separate|subsequent|annual)\s+)*"
    r"(?:periods?|extensions?|renewals?)\s+of\s+(?:up to\s+)?",
    re.I,
)
#: "two optional 12-month extensions", "2 x 12 months", "two one-year extensions"
_COUNTED = re.compile(
    NUM + r"\s*(?:x|×|times)?\s+"
    r"(?:(?:further|additional|optional|separate|subsequent|potential|possible)\s+)*"
    + NUM
    + r"[\s-]*(month|year)s?\b(?:\s+(?:optional\s+)?(?:extensions?|periods?|terms?|renewals?|"
    r"intervals?))?",
    re.IGNORECASE,
)
#: "extend for up to two years (in total)": a cap on all extensions together
_UP_TO = re.compile(r"^[^.;]{0,25}?\bup to\s+(?:a (?:total|maximum) of\s+)?$", re.IGNORECASE)
#: "Total maximum 18 months", "maximum term (including extensions) of 18 months": stated outright
_TOTAL = re.compile(
    r"\b(?:total\s+(?:maximum\b|(?:maximum\s+)?(?:contract\s+)?(?:term|duration|length|period)|of\b)|"
    r"maximum\s+(?:total\s+)?(?:contract\s+)?(?:term|duration|length|period))\b[^.;]{0,40}?"
    + NUM
    + r"[\s-]*(month|year)s?\b",
    re.IGNORECASE,
)
#: "2+1+1 years", "12+12+12 months": a term and its extensions added up
_PLUS = re.compile(r"\b(\d{1,2})\s*\+\s*(\d{1,2})(?:\s*\+\s*(\d{1,2}))?(?:\s*\+\s*(\d{1,2}))?\b")
_MONTHS = re.compile(r"\bmonths?\b", re.IGNORECASE)
#: "1+1 year extensions", "2+2 years' extension options": the sum is the extensions alone
_PLUS_EXTENSIONS_AFTER = re.compile(
    r"[\s-]*(?:years?|yrs?|months?)?'?[\s-]*(?:(?:optional|annual|further|possible)\s+)?"
    r"(?:extensions?|extension\s+options?|options?\s+to\s+extend|renewals?)\b",
    re.I,
)
#: "Options: 1+1", "extendable by 1+1 years", "with an option of 1+1 years": likewise
_PLUS_EXTENSIONS_BEFORE = re.compile(
    r"\b(?:extensions?|options?|extend(?:ed|able)?|renewals?|renewable)\b[^.;]{0,25}$", re.I
)
#: A short term with a reason: a time-limited or non-recurrent service, or a pilot that
#: says how it is funded or evaluated (a bare "pilot" is not a rationale).
_TIME_LIMITED = re.compile(
    r"\b(time[- ]limited|non[- ]recurrent|test and learn|proof of concept|"
    r"one[- ]off(?:[\s,]+[\w-]+){0,3}?\s+(?:grants?|awards?|funding|payments?))\b",
    re.I,
)
#: A year's prices or tariffs ("the tariffs for 1 April 2024 to 31 March 2025"): a
#: price list dated by financial year, not a contract's term, unless a contract is named.
_PRICE_LIST = re.compile(
    r"\b(?:prices|price list|tariffs?|financial terms|rates for|charges|fee levels|uplifts?|"
    # "the funding for 1 April to 31 March is calculated as £3 per patient": a year's rate
    r"(?:calculated|worked out|set)\s+(?:as|at)"
    r"|per\s+(?:registered\s+)?(?:patient|head|capita|bed))\b",
    re.I,
)
#: A contract named as such (not a service or funding): a dated price list names none.
_CONTRACT_NOUN = re.compile(rf"\b(?:{_CONTRACT_NOUNS})\b", re.I)
_PILOT = re.compile(r"\bpilot\w*\b", re.I)
_RATIONALE = re.compile(r"\b(evaluat\w*|grant|funded|funding)\b", re.I)
#: What a pilot is for, said as a purpose: to test or trial a new approach, to explore
#: one, to learn from it. With the pilot named in the same paragraph, a reason for its
#: short term (:func:`_page_pilot`).
_PILOT_PURPOSE = re.compile(
    r"\b(?:test(?:s|ing)?|trial(?:l?ing)?|explor(?:e|es|ing)|try(?:ing)? out)\s+"
    r"(?:(?:a|an|the|whether|how|if|out|new|different|alternative|innovative|other)\s+)+"
    r"|\blearn(?:ing)? from\b|\blearning (?:about|from|what)\b|\bproof of concept\b",
    re.I,
)
#: What joins the two ends of a range: "to", "-", "and ending on", "and will expire on".
_RANGE_JOIN = (
    r"\s*(?:to|until|till|through|and|-|–|—|"
    # "start on 1 April 2026, expire on 31 December 2026" (not a tender window "from 1 April,
    # closing on 30 April")
    r",\s*(?:and\s+)?(?:will\s+|shall\s+)?(?:expir\w*|end\w*|terminat\w*|conclud\w*|"
    r"(?:run|last|continu)\w*\s+(?:to|until|till|through))(?:\s+on)?|"
    r"(?:and\s+)?(?:will\s+|shall\s+)?(?:end\w*|expir\w*|finish\w*|"
    r"conclud\w*|terminat\w*|clos\w*|ceas\w*|stop\w*|(?:run|last|continu)\w*\s+(?:to|until|till|through))(?:\s+on)?|"
    # "a start date of 1 April 2026 and an end date of 31 March 2027"; a table row read with
    # its headers, "Contract start: 1 April 2026 | Contract end: 31 March 2027"
    r",?\s*(?:and|with)\s+(?:an?\s+|the\s+|its\s+)?(?:contract\s+)?(?:end|expiry|finish|completion)\s+date"
    r"(?:\s+(?:of|is|will\s+be|on))?|"
    r"\|\s*(?:[\w'’-]+\s+){0,2}?(?:end|expiry|finish|completion)(?:\s+date)?\s*:|"
    # "... and is set to conclude on 31 March 2026", "..., with completion expected by 31
    # March 2029": a notice's summary of the dates of the contract it lets
    r",?\s*(?:and\s+)?(?:(?:is|are|was|will\s+be|shall\s+be)\s+)?(?:set|due|expected|scheduled|"
    r"planned|anticipated)\s+to\s+(?:end|expire|finish|conclude|terminate|close|cease|complete)\w*"
    r"(?:\s+(?:on|by|in))?|"
    r",?\s*with\s+(?:its\s+|the\s+)?(?:completion|end|expiry|conclusion)\s+(?:date\s+)?"
    r"(?:(?:is\s+)?(?:expected|due|scheduled|planned|anticipated|set)\s+)?(?:on|by|of|in|for)?)\s*"
    r"(?:and\s+(?:ending|expiring|closing)\s+on\s+)?"
    r"(?:(?:the\s+)?(?:end|close|last\s+day)\s+of\s+)?(?:the\s+)?"
)
_DATE_RANGE = re.compile(
    r"(?:\b(?:from|between|commenc\w*(?:\s+on)?|start\w*(?:\s+on)?|begin\w*(?:\s+on)?)\s+)?"
    + DATE
    + _RANGE_JOIN
    + DATE,
    re.IGNORECASE,
)
#: Two dates joined by a bare "and", which is a span only after "between".
_BARE_AND = re.compile(r"\W*and\W*", re.IGNORECASE)


def _two_points(sentence: str, found: re.Match[str], last_of_first: int) -> bool:
    """True when the two ends of a range ``found`` are joined by a bare "and", not "between".

    ``last_of_first`` is the group ending the first date or month; the next group opens
    the second.
    """
    return _BARE_AND.fullmatch(
        sentence, found.end(last_of_first), found.start(last_of_first + 1)
    ) is not None and not found.group(0).lower().startswith("between")


#: "01/04/2026 to 31/03/2027": day, month and year in figures.
_NUMERIC_RANGE = re.compile(
    r"\b(\d{1,2})/(\d{1,2})/(\d{4})" + _RANGE_JOIN + r"(\d{1,2})/(\d{1,2})/(\d{4})\b", re.IGNORECASE
)
#: "from April 2026 to March 2027": whole months, the last one included.
_MONTH_RANGE = re.compile(
    r"(?:\b(?:from|between)\s+)?" + MONTH_YEAR + _RANGE_JOIN + MONTH_YEAR, re.IGNORECASE
)
#: "annual contracts", "a yearly agreement": a one-year term said in one word (not the
#: annual contract value, review or report).
_ANNUAL = re.compile(
    r"\b(?:(?:commissioned|contracted|let|awarded|funded|procured|renewed|purchased|bought)\s+on\s+an?\s+"
    r"(?:year-by-year|year-to-year|annual|yearly)\s+basis|"
    r"(?:annual|yearly|year-to-year|year-by-year)\s+(?:grant\s+)?(?:contracts?|agreements?|call-offs?))\b"
    r"(?!\s+(?:value|price|sum|review|management|meeting|report|monitoring|uplift|payment))",
    re.IGNORECASE,
)
#: "covers 2026/27 only", "for the 2026/27 financial year only": one financial year.
_ONE_YEAR_ONLY = re.compile(
    r"\b(?:covers?|for|runs? (?:for|in)|in|during)\s+(?:the\s+)?(?:financial\s+year\s+)?"
    r"20\d\d\s*[/-]\s*(?:20)?\d\d\s+(?:financial\s+year\s+)?only\b",
    re.IGNORECASE,
)
#: "the contract value for 2026/27 only": the year of a sum, not of the contract.
_MONEY_BEFORE = re.compile(r"\b(?:value|price|budget|uplift|rate|fees?|sum|allocation)\s*$", re.I)
#: Whether a unit may state a term at all, its alternatives each searched only in a unit
#: holding its words (see :class:`speclint.lazy_re.Alternation`): a third of the cost.
_TERM_WORD = re.Alternation(
    r"\b(?:months?|years?|days|annual|yearly|\d\s*\+\s*\d|"
    + "|".join(m[:3] for m in MONTH_NAMES)
    + r")\w*\b|\b(?:renew|extend|extension|roll)|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d\d-\d\d\b|"
    r"\b20\d\d\s*[/-]\s*(?:20)?\d\d\s+(?:financial\s+year\s+)?only\b",
    re.IGNORECASE,
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_TERM_NEEDLES = (
    "days",
    "month",
    "year",
    "annual",
    "+",
    "renew",
    "extend",
    "extension",
    "roll",
    "/",  # a date in figures, "01/04/2026"
    "-0",  # a date in figures, year first, "2026-04-01" or "2026-12-01"
    "-1",
    "only",
    *(m[:3].lower() for m in MONTH_NAMES),
)


@dataclass(frozen=True)
class Term:
    """A term read from one sentence: its maximum length, and whether extensions were read."""

    months: float
    extensions: bool  # the sentence says something about extensions (or rules them out)
    at: int = 0  # where the term is stated in the sentence (character offset)


def _months(match: re.Match[str]) -> float:
    value = count(match.group(1))
    unit = match.group(2).lower()
    if unit == "day":
        return float(round(value * 12 / 365))  # "364 days": a year, to the nearest month
    return value * (12 if unit == "year" else 1)


#: A count of days before which a term is not stated: deadlines and intervals, not terms.
_DAYS_NOT_A_TERM = re.compile(
    r"\b(?:within|after|before|every|each|per|up to|of the)\s*$", re.IGNORECASE
)
#: "a value of £3.7m over the two years": the span a sum covers, not a further extension.
_SPAN_OF_A_SUM = re.compile(
    r"\b(?:over|across|throughout|during)\s+(?:the|its|this|a)\s*$", re.IGNORECASE
)


def _term_length(match: re.Match[str], text: str) -> bool:
    """True when a duration can be a term: days only from half a year, and not as a deadline."""
    if match.group(2).lower() != "day":
        return True
    return count(match.group(1)) >= 180 and not _DAYS_NOT_A_TERM.search(
        text[max(0, match.start() - 12) : match.start()]
    )


def _months_of(match: re.Match[str]) -> float:
    """Months of a match whose last two groups are a number and its unit (month or year)."""
    groups = match.groups()
    value = count(groups[-2])
    return value * (12 if groups[-1].lower() == "year" else 1)


def _counted_months(match: re.Match[str]) -> float:
    return count(match.group(1)) * count(match.group(2)) * (12 if match.group(3)[0] in "yY" else 1)


#: A sum just before "including the extension": the value holds the extension, not the length.
_VALUE_BEFORE = re.compile(
    r"(?:£\s?[\d,.]+\s*(?:[mk]|million|bn)?|\bvalu\w*(?:\s+\w+){0,2})\s*,?\s*$", re.IGNORECASE
)


def _length_inclusive(text: str) -> bool:
    """True when ``text`` says the stated length already holds the extensions.

    "24 months in total, including any extension" does; "valued at £3.99m including the
    extension" says what the value holds, not the length.
    """
    return any(
        not _VALUE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        for m in _INCLUSIVE.finditer(text)
    )


def extension_months(text: str, start: int = 0) -> float | None:
    """Months of extension ``text`` offers after ``start``: 0 for none, None when unstated."""
    if (
        _NO_EXTENSION.search(text)
        or _length_inclusive(text[start:])
        or _ROLLING_RENEWAL.search(text)
    ):
        return 0.0
    extension = _EXTENSION.search(text, start)
    if extension is None:
        return 0.0
    rest = text[max(start, extension.start() - 40) :]
    durations = [
        m
        for m in _DURATION.finditer(rest)
        if _term_length(m, rest)
        and not _SPAN_OF_A_SUM.search(rest[max(0, m.start() - 14) : m.start()])
    ]
    if not durations:
        return None  # an extension of unknown length: cannot say
    first = durations[0]
    if _UP_TO.search(rest[: first.start()]) and not _PERIODS.search(rest[: first.start()]):
        return _months(first)  # "extend by up to two years": the cap on all of them
    counted = _COUNTED.search(rest)
    if counted is not None and count(counted.group(1)) > 1:
        return _counted_months(counted)
    periods = _PERIODS.search(rest)
    if periods is not None:
        following = [m for m in durations if m.start() >= periods.end() - 1]
        if following:
            return count(periods.group(1)) * _months(following[0])
    return sum(_months(m) for m in durations)


#: What just after a range says it is the span a sum is paid over: "from October to
#: March in six monthly instalments", "..., paid quarterly in arrears".
_PAID_OVER = re.compile(
    r"^\W{0,3}(?:(?:in|by|through|as|via)\s+(?:[\w-]+\s+){0,3}?(?:instalments?|payments?)\b|"
    r"(?:paid|payable)\s+(?:monthly|quarterly|in\s+(?:arrears|advance|instalments?)))",
    re.IGNORECASE,
)


#: The contract itself said to run over the range: "The contract runs from ... to ...".
_CONTRACT_RUNS = re.compile(
    r"\b(?:contract|agreement|framework|call-off|term)s?\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:runs?|will run|shall run|lasts?|will last|is for|will be for|covers?|starts?|commences?)"
    r"\b[^,;]{0,20}$",
    re.IGNORECASE,
)


def _paid_over(sentence: str, end: int, start: int = 0) -> bool:
    """True when the range from ``start`` to ``end`` is the span a sum is paid over.

    A range the contract itself is said to run over ("The contract runs from 1 October
    to 31 March, payable monthly in arrears") is its term, however it is paid.
    """
    if _CONTRACT_RUNS.search(sentence, 0, start):
        return False
    return bool(_PAID_OVER.search(sentence[end : end + 60]))


#: A sentence that says its year is all there is: no extension, a re-procurement or
#: re-tender to follow, the only year, or a new or pilot service bought for it.
_SAID_SHORT = re.compile(
    r"\bno (?:option (?:to|of) )?exten\w*|\bnot be extended\b|\b(?:not|non)[\s-]+extend[ai]ble\b|"
    r"\bre-?(?:procure|tender|let)\w*|"
    r"\bonly year\b|\b(?:one|1|single) year only\b|\bnew\b|\bpilot\w*",
    re.IGNORECASE,
)


#: What a period that belongs to a price may not have between it and its price: a
#: contract, agreement or framework said to run, last or be let (then the period is the
#: contract's, whatever the price does).
_NO_TERM_BETWEEN = (
    r"(?:(?!\b(?:(?:contracts?|agreements?|frameworks?|call-offs?|term)\s+(?:will\s+|shall\s+)?"
    r"(?:be\s+)?(?:runs?|lasts?|is\s+for|let|awarded)|terms?|let|awarded|runs?|lasts?|lasting|duration)\b)"
    r"(?:[^.;]|(?<=\d)\.(?=\d)))"
)
#: The period a price keeps or a change of price applies in, not the contract's life:
#: rates "held for a period of 12 months" before an uplift may be asked for, prices
#: "fixed for the first 18 months", the hourly rate "increased to £21 from 1 April 2026
#: until 31 March 2027" by a modification of a longer contract, a price review "every 12
#: months", an increase that "applies for the 12 months from April". The price (or its
#: change) comes first, then what is done to it, then the period. A price that merely
#: applies ("the rate applies from April 2027 to March 2028") does not say it: the
#: period may be the contract's own.
_PRICE_PERIOD = re.compile(
    r"\b(?:(?:prices?|pric(?:ing|ed)|rates?|fees?|tariffs?|charges?)\b"
    + _NO_TERM_BETWEEN
    + r"{0,120}?\b(?:held|hold|fixed|frozen|freeze|firm|locked|unchanged|maintained|honoured|"
    r"remain\w*|stay\w*|increased|raised|uplifted|rises?|risen|rising|goes up|go up|changed|"
    r"revised|reviewed|review|reviews|indexed)\b"
    r"|(?:increases?|uplifts?|rises?|changes?|new (?:rates?|prices?|fees?))\b"
    + _NO_TERM_BETWEEN
    + r"{0,80}?\b(?:appl(?:y|ies)|(?:takes?|in) effect|in force|effective)\b)"
    + _NO_TERM_BETWEEN
    + r"{0,60}$",
    re.IGNORECASE,
)
#: The period named as the contract's own just after it: "the one-year contract term".
_CONTRACT_AFTER = re.compile(
    r"[\w.]+[\s-]+(?:months?|years?)\b[\s-]*"
    r"(?:(?:contract|agreement|framework|call-off|grant)s?\b|term\b)",
    re.IGNORECASE,
)


#: The period said to be the contract's whole life just after it: "the 12 months of the
#: agreement", "the 12-month life of the contract", "18 months, which is the full length
#: of this contract" (but not "the first 18 months of the contract", a part of it).
_WHOLE_CONTRACT_AFTER = re.compile(
    r"[\w.]+[\s-]+(?:months?|years?)\b[^.;]{0,40}?\b(?:of|for|is|as)\s+(?:the|this|its|our)\s+"
    r"(?:(?:whole|full|entire)\s+(?:(?:life|length|term|duration)\s+of\s+(?:the|this|its)\s+)?|"
    r"(?:life|length|term|duration)\s+of\s+(?:the|this|its)\s+)"
    r"(?:contract|agreement|framework|call-off|grant)s?\b",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(r"\b(?:first|initial|opening|early)\s*$", re.IGNORECASE)


def _price_period(sentence: str, at: int) -> bool:
    """True when the period at ``at`` is one a price is held for or a change of price applies in.

    Not when the sentence says the period is all there is (a re-tender, no extension:
    :data:`_SAID_SHORT`, :data:`_NO_EXTENSION`), nor when the period is named as the
    contract's own or its whole life.
    """
    if not _PRICE_PERIOD.search(sentence[max(0, at - 200) : at]):
        return False
    if _SAID_SHORT.search(sentence) or _NO_EXTENSION.search(sentence):
        return False
    whole = _WHOLE_CONTRACT_AFTER.match(sentence, at) and not _PART_BEFORE.search(
        sentence[max(0, at - 12) : at]
    )
    return not (whole or _CONTRACT_AFTER.match(sentence, at))


#: A sum paid over a period: "paid £18 per hour for the".
_PAID_FOR = re.compile(r"\b(?:paid|pay|pays|payable)\b", re.IGNORECASE)
#: "the 12 months of the agreement": the period named as the contract's own.
_OF_THE_CONTRACT = re.compile(
    r"[\w.]+[\s-]+(?:months?|years?)\s+(?:(?:life|length|duration|term)\s+)?of\s+(?:the|this|its)\s+"
    r"(?:contract|agreement|framework|grant)s?\b",
    re.IGNORECASE,
)


def _paid_for_whole_life(sentence: str, at: int) -> bool:
    """True when the period at ``at`` is one a sum is paid over and also the contract's whole life.

    "paid £18 an hour for the 12 months of the agreement, with no extension": the months
    a sum is paid over (:data:`_OTHER_PERIOD`) are the term here (:func:`_whole_life_said`).
    """
    found = _OTHER_PERIOD.search(sentence, max(0, at - 60), at)
    return bool(found and _PAID_FOR.search(found.group(0)) and _whole_life_said(sentence, at))


def _whole_life_said(sentence: str, at: int) -> bool:
    """True when the period at ``at`` is named as the contract's whole life and nothing follows it.

    "for the 12 months of the agreement, with no extension": the period is the contract's
    own (not its first part) and the sentence rules extensions out or says it is all there is.
    """
    if _PART_BEFORE.search(sentence[max(0, at - 12) : at]):
        return False
    own = _OF_THE_CONTRACT.match(sentence, at) or _WHOLE_CONTRACT_AFTER.match(sentence, at)
    return bool(own) and bool(_SAID_SHORT.search(sentence) or _NO_EXTENSION.search(sentence))


#: A length given as a span of lengths ("3-6 months", "6 to 12 weeks"): how long one
#: person's support lasts, when the people it is for are named before it.
_LENGTHS_SPAN = re.compile(r"\d+\s*(?:-|–|to)\s*(?=\d+\s*(?:weeks?|months?)\b)", re.IGNORECASE)
_PEOPLE_SERVED = re.compile(
    r"\b(?:for|to|with)\s+(?:(?:each|every|all|the|those|any)\s+)?(?:\w+\s+)?"
    r"(?:women|men|people|persons?|clients?|famil(?:y|ies)|tenants?|residents?|individuals?|survivors?|"
    r"service users?|patients?|carers?|households?|children|adults|parents?)\b",
    re.IGNORECASE,
)


def _other_period(sentence: str, at: int) -> bool:
    """True when the duration at ``at`` belongs to records, inactivity, notice and the like.

    A range named as a contract year is one year of a longer contract, unless the
    sentence says the year is all there is (:data:`_SAID_SHORT`). A period a price is
    held for, or a change of price applies in (:func:`_price_period`), is not a term;
    nor is a span of lengths after the people a service is for ("support for women ...
    for a maximum of 3-6 months").
    """
    if _specification_period(sentence, at):
        return True
    span = _LENGTHS_SPAN.search(sentence, max(0, at - 8), at + 40)
    if (
        span
        and not any(c.isdigit() for c in sentence[at : span.start()])
        and _PEOPLE_SERVED.search(sentence, 0, span.start())
    ):
        return True
    found = _OTHER_PERIOD.search(sentence, max(0, at - 60), at)
    if found and found.group(0).lower().startswith("contract year"):
        return not _SAID_SHORT.search(sentence)
    return bool(found) or _price_period(sentence, at)


#: Half a year and a year and a half, written out: read as months, keeping the length.
_HALVES = (
    (re.compile(r"\bhalf[ -]a[ -]year\b", re.IGNORECASE), "six months "),
    (re.compile(r"\ba year and a half\b", re.IGNORECASE), "eighteen months  "),
)


def _plain_lengths(sentence: str) -> str:
    """Write lengths and dates in the forms a term is read in, keeping the text's length.

    "Half a year" as "six months"; a notice's field giving its unit in its label
    ("Duration in months: 12", "Contract length (months): 24") with the unit after the
    figure; a date written month first ("April 1, 2026") or as figures year first
    ("2024-08-01") day first, as every date range is read. Offsets into the text hold.
    """
    lowered = sentence.lower()
    if " in " in lowered or "(" in lowered:
        sentence = _UNIT_FIELD.sub(_unit_after, sentence)
    if "," in sentence:
        sentence = _MONTH_FIRST_DATE.sub(_day_first, sentence)
    if "-0" in sentence or "-1" in sentence:
        sentence = _ISO_DATE.sub(r"\3/\2/\1", sentence)
    if "half" not in lowered:
        return sentence
    for pattern, months in _HALVES:
        sentence = pattern.sub(_same_length(months), sentence)
    return sentence


#: "April 1, 2026", "March 31st, 2027": groups month, day, its suffix, year.
_MONTH_FIRST_DATE = re.compile(
    r"\b(" + "|".join(MONTH_NAMES) + r")\s+(\d{1,2})(st|nd|rd|th)?,\s+(\d{4})\b", re.IGNORECASE
)
#: "2024-08-01": groups year, month, day (read as "01/08/2024", the same length).
_ISO_DATE = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")


def _day_first(match: re.Match[str]) -> str:
    """A date written month first, "April 1, 2026", as "1 April 2026 " (the same length)."""
    month, day, suffix, year = match.groups()
    return f"{day}{suffix or ''} {month} {year} "


#: A field of a notice naming its unit in its label: "Duration in months: 12",
#: "Contract duration (months): 24", "Length of contract (in years) | 2".
_UNIT_FIELD = re.compile(
    r"\b((?:contract\s+|agreement\s+|framework\s+|estimated\s+)?(?:duration|length|term|period)"
    r"(?:\s+of\s+(?:the\s+)?(?:contract|agreement|framework))?)\s*"
    r"(?:\(\s*(?:in\s+)?(months|years|days)\s*\)|in\s+(months|years|days))\s*([:|])\s*(\d{1,4})\b",
    re.IGNORECASE,
)


def _unit_after(match: re.Match[str]) -> str:
    """``match`` of :data:`_UNIT_FIELD` as "<label>: <figure> <unit>", as long as it was.

    A bare "Duration" or "Length" is a notice's field for the contract it lets, read as
    "Term".
    """
    unit = match.group(2) or match.group(3)
    label = match.group(1)
    if label.lower() in ("duration", "length", "period"):
        label = "Term"  # a notice's bare field: the duration of what the notice lets
    return f"{label}{match.group(4)} {match.group(5)} {unit}".ljust(len(match[0]))


def _same_length(words: str) -> Callable[[re.Match[str]], str]:
    """A replacement that writes ``words`` padded or cut to the length of the match."""

    def replace(match: re.Match[str]) -> str:
        return words[: len(match[0])].ljust(len(match[0]))

    return replace


#: A contract other than the one being let: "the previous contract, which was let for two
#: years", "under the existing arrangement"; its length is history, not this contract's term.
_EARLIER_CONTRACT = re.compile(
    r"\b(?:previous|former|existing|incumbent|expiring|outgoing|predecessor|earlier|old|"
    r"current(?=[^.;]*\b(?:was|were|had been|has been)\b))\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:contracts?|agreements?|frameworks?|grants?|arrangements?|call-offs?|services?)\b",
    re.IGNORECASE,
)
#: An extension named just before the period it spans ("a contract extension from 1 April
#: 2026 to 30 September 2026", "the extension period: 1 April to 30 June").
_EXTENSION_PERIOD = re.compile(
    r"\b(?:extension|extensions|extended|variation|varied)\s*(?:period\s*)?[:(]?\s*"
    r"(?:(?:will\s+|shall\s+)?(?:run|runs|last|lasts|apply|applies|covers?)\s+)?"
    r"(?:from|between|of|for|covering|running)?\s*$",
    re.IGNORECASE,
)
#: A label naming what follows as the extensions or renewals on offer: "Renewal: ...",
#: "Extension options | ...".
_EXTENSION_LABEL = re.compile(
    r"^\W*(?:" + _EXTENSIONS_NAMED + r"|options?\s+to\s+(?:extend|renew))\s*[:|]",
    re.IGNORECASE,
)
#: A length said to come on top of another: "a further year", "an additional 12 months".
_MORE_WORD = re.compile(r"\b(?:further|additional|another|extra)\b", re.IGNORECASE)


def _offers_more_only(sentence: str) -> bool:
    """True for a labelled renewal or extension whose first length is one more on top.

    "Renewal: This contract may be awarded for a further year" offers time after the term
    without stating it; "Renewal: an initial period of 12 months, with the option of a
    6-month extension" states the term under the same label.
    """
    label = _EXTENSION_LABEL.match(sentence)
    if label is None or _NO_EXTENSION.search(sentence):
        return False
    first = next(
        (m for m in _DURATION.finditer(sentence, label.end()) if _term_length(m, sentence)), None
    )
    if first is None:
        return False
    return bool(_MORE_WORD.search(sentence, max(label.end(), first.start() - 20), first.end()))


#: The contract being let, named after an earlier one: its term is this document's.
_THIS_CONTRACT = re.compile(
    r"\b(?:new|this|replacement|future|proposed|next|re-?procured)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:contracts?|agreements?|frameworks?|grants?|arrangements?|call-offs?|services?)\b",
    re.IGNORECASE,
)


#: "run for a year": "a" as one, after a verb that gives a term (replaced by "1", which
#: keeps every offset).
_A_PERIOD = re.compile(
    r"\b((?:run|runs|running|last|lasts|let|awarded|funded|commissioned|contracted|procured|"
    r"contract) for )"
    r"a( (?:year|month)\b)",
    re.IGNORECASE,
)


#: A window in which contracts already let come to an end ("current contracts expire
#: between 1 June and 31 October 2025", "agreements with five providers are due to end
#: between April and August"): when several contracts end, not how long one runs.
_ENDING_WINDOW = re.compile(
    r"\b(?:contracts|agreements|arrangements|grants|frameworks|call-offs|placements|packages)\b"
    r"[^.;:]{0,60}?\b(?:expir\w*|end|ends|ending|conclud\w*|terminat\w*|lapse\w*|fall\w*\s+due|"
    r"run\w*\s+out|com(?:e|es|ing)\s+to\s+an\s+end)\s+(?:at\s+various\s+(?:points|dates|times)\s+)?"
    r"(?:between|during|over|from|across)\b",
    re.IGNORECASE,
)
#: An extension offered somewhere on the page, its length not given: "Extension options
#: available: Yes", "the Council may extend the contract", "options to extend". Asked of
#: every sentence of the page, each alternative only where its words are.
_EXTENSION_OFFERED = re.Alternation(
    r"options?\s+to\s+extend(?:\s+(?:the\s+|this\s+|its\s+)?(?:contract|agreement|framework|term)\b|"
    r"\s*[:|(]|\s*$)|extension\s+options?|optional\s+extensions?|"
    r"(?:further|additional)\s+(?:extension\s+)?periods?\s+of\s+(?:the\s+|this\s+)?(?:contract|agreement)|"
    r"(?:contract|agreement|framework|term|pilot|grant|award|arrangement)\s+(?:may|can|could|might)\s+"
    r"(?:also\s+)?be\s+(?:extended|renewed)|"
    r"(?:may|can|could)\s+(?:choose\s+to\s+|decide\s+to\s+)?extend\s+(?:the|this|its)\s+"
    r"(?:contract|agreement|framework|term)|"
    r"extensions?\s+(?:to\s+the\s+(?:contract|agreement)\s+)?(?:are|is|will\s+be|may\s+be)\s+"
    r"(?:available|possible|permitted|offered)",
    re.IGNORECASE,
    head=r"\b(?:",
    tail=")",
)
#: An answer that declines an extension: "Extension options available: No".
_DECLINED = re.compile(r"[:|]\s*(?:no|none|nil|n/a|not\s+applicable)\b", re.IGNORECASE)


#: A framework or list opened again to providers, or refreshed.
_REOPENS = re.compile(r"\bre-?open\w*|\brefresh\w*", re.IGNORECASE)
#: A period said as a cycle: "12-month basis", "12 monthly basis".
_A_CYCLE = re.compile(r"[\w-]+[- ]month(?:ly)?\s+(?:basis|cycle|intervals?)\b", re.IGNORECASE)


def read_term(sentence: str) -> Term | None:
    """The contract term ``sentence`` states, with its extensions (None if it states none).

    The term of an earlier contract ("the previous contract was let for two years") is
    not read: it says how the service used to be bought, not how it will be.
    """
    # Every match of _A_PERIOD holds "for a " (letters IGNORECASE equates with nothing else).
    read = _A_PERIOD.sub(r"\g<1>1\g<2>", sentence) if "for a " in sentence.lower() else sentence
    if _offers_more_only(sentence):
        return None  # "Renewal: may be awarded for a further year": the options, not the term
    term = _read_term(read)
    if term is None:
        return None
    if _EXTENSION_PERIOD.search(sentence, 0, term.at) and not _NO_EXTENSION.search(sentence):
        return None  # "an extension from 1 April to 30 September": the extension's span, not a term
    if carries_on(sentence, term.at):
        return None  # the period added to a contract already running, not its term
    if quarter_before(sentence, term.at):
        return None  # a quarter or a reporting period, not a term
    if _REOPENS.search(sentence) and _A_CYCLE.match(sentence, term.at):
        return None  # "re-opened on a 12-month basis": how often a framework admits providers
    ending = _ENDING_WINDOW.search(sentence, 0, term.at + 12)
    if ending is not None and ending.end() <= term.at + 12:
        return None  # the span in which contracts already let end, not a term
    # the contract named before the term is stated
    earlier = _EARLIER_CONTRACT.search(sentence, 0, term.at + 40)
    if (
        earlier is None
        or earlier.start() > term.at
        or _THIS_CONTRACT.search(sentence, earlier.end(), term.at + 40)
    ):
        return term
    return None


def _read_term(sentence: str) -> Term | None:
    """The term ``sentence`` states, read without regard to which contract it belongs to."""
    lowered = sentence.lower()
    if (
        "month" not in lowered
        and "year" not in lowered
        and "annual" not in lowered
        and "days" not in lowered
        and not _FOUR_DIGITS.search(sentence)
    ):
        return None  # every way of stating a term names months, years or "annual", or dates a year
    sentence = _plain_lengths(without_echoes(sentence))
    named = without_names(sentence)  # "contract year", "service specification": no contract named
    stated = _TOTAL.search(sentence)
    if stated is not None and not _other_period(sentence, stated.start()):
        return Term(_months_of(stated), True, stated.start())
    cut = _term_cut(sentence) if " from " in sentence or ":" in sentence else None
    if cut is not None:
        return cut
    plus = _PLUS.search(sentence)
    unit = None
    if plus and all(len(g) == 1 for g in plus.groups() if g):
        unit = 12.0 if _YEARS.search(sentence, plus.end(), plus.end() + 12) else None
    if plus and unit is None and _MONTHS.match(sentence, plus.end() + 1, plus.end() + 9):
        unit = 1.0  # "12+12 months", the unit just after the sum
    if plus and unit is not None:
        summed = unit * sum(int(g) for g in plus.groups() if g)
        span = _plus_extensions(sentence, plus)
        if span is not None:
            return _initial_plus(sentence, span, summed)
        return Term(summed, True, plus.start())
    # Each range holds two years in figures, the one-year pattern one year and "only",
    # the annual pattern "annual" or "year": texts without them are not searched.
    figures = len(_FOUR_DIGITS.findall(sentence))
    lowered = sentence.lower()
    dates = None
    if figures >= 2:
        dates = _DATE_RANGE.search(sentence) or _NUMERIC_RANGE.search(sentence)
    if dates and _PRICE_LIST.search(sentence) and not _CONTRACT_NOUN.search(sentence):
        dates = None  # a year's price list or tariff, not a term
    if dates and _two_points(sentence, dates, 3):
        dates = None  # "signed on 10 June and 1 July, respectively": two dates, not a span
    if (
        dates
        and (_CONTRACT.search(named) or _AWARDED_TO.search(sentence, 0, dates.start()))
        and not _other_period(sentence, dates.start())
        and not _paid_over(sentence, dates.end(), dates.start())
    ):
        d1, m1, y1, d2, m2, y2 = dates.groups()
        if m1.isdigit() or m2.isdigit():
            if not (1 <= int(m1) <= 12 and 1 <= int(m2) <= 12):
                return None
            m1, m2 = MONTH_NAMES[int(m1) - 1], MONTH_NAMES[int(m2) - 1]
        total = months_between((d1, m1, y1), (d2, m2, y2))
        dated = _with_extensions(total, sentence, dates.end(), dates.start())
        # "an initial term of 24 months, from 01/04/2026 to 31/03/2027": where a length stated
        # just before the dates disagrees with them, the longer is read (no warning on a slip)
        stated_term = _cue_term(sentence, lowered, named)
        if (
            dated is not None
            and stated_term is not None
            and stated_term.months > dated.months
            and 0 <= dates.start() - stated_term.at <= _STATED_BEFORE_DATES
        ):
            return stated_term
        return dated
    backwards = _REVERSED_RANGE.search(sentence) if figures >= 2 else None
    if backwards and _CONTRACT.search(named) and not _other_period(sentence, backwards.start()):
        d2, m2, y2, d1, m1, y1 = backwards.groups()
        total = months_between((d1, m1, y1), (d2, m2, y2))
        term = _with_extensions(total, sentence, backwards.end(), backwards.start())
        if term is not None:
            return term
    years = _FINANCIAL_YEARS.search(sentence) if figures >= 2 else None
    if years and _CONTRACT.search(named):
        total = 12.0 * (int(years.group(2)) - int(years.group(1)) + 1)
        term = _with_extensions(total, sentence, years.end(), years.start())
        if term is not None:
            return term
    months = _MONTH_RANGE.search(sentence) if figures >= 2 else None
    if months and _two_points(sentence, months, 2):
        months = None  # "scheduled for April 2026 and April 2027": two months, not a span
    if (
        months
        and _CONTRACT.search(named)
        and not _other_period(sentence, months.start())
        and not _paid_over(sentence, months.end(), months.start())
    ):
        m1, y1, m2, y2 = months.groups()
        total = (int(y2) - int(y1)) * 12 + month_index(m2) - month_index(m1) + 1
        return _with_extensions(total, sentence, months.end(), months.start())
    single = _ONE_YEAR_ONLY.search(sentence) if figures and "only" in lowered else None
    if (
        single is not None
        and _CONTRACT.search(named)
        and not _MONEY_BEFORE.search(sentence, max(0, single.start() - 20), single.start())
    ):
        extra = extension_months(sentence, single.end())
        return Term(12.0 + (extra or 0.0), _mentions_extension(sentence), single.start())
    annual = _ANNUAL.search(sentence) if "annual" in lowered or "year" in lowered else None
    if annual is not None and "call-off" in annual.group(0).lower() and "framework" in lowered:
        annual = None  # "a four-year framework, whereby annual call-offs will be issued"
    if annual is not None and (
        _TERM_CUE.search(sentence, lowered=lowered) is None
        or not any(_term_length(m, sentence) for m in _DURATION.finditer(sentence))
    ):
        # "annual contracts, renewed each year": a one-year term with no cap on renewals
        extra = extension_months(sentence, annual.end())
        return Term(12.0 + (extra or 0.0), _mentions_extension(sentence), annual.start())
    return _cue_term(sentence, lowered, named)


#: How far before its dates a stated length may stand to be read as the same term's.
_STATED_BEFORE_DATES = 60


def _cue_term(sentence: str, lowered: str, named: str) -> Term | None:
    """The term a duration near a cue states ("the contract runs for two years")."""
    cues = list(_TERM_CUE.finditer(sentence, lowered=lowered))
    if not cues:
        return None
    durations: list[re.Match[str]] = []
    # the initial term: the first duration from a cue onwards (or just before it); a cue
    # with none near it ("the contract for X support is for one year") gives way to the
    # next, and a strong cue ("the contract runs for") is read before any weak one ("for a
    # period of"), wherever each stands
    for cue in sorted(cues, key=lambda c: bool(_WEAK_CUE.match(c.group(1)))):
        if _WEAK_CUE.match(cue.group(1)) and (
            not _CONTRACT.search(named) or _STAFF_CONTRACT.search(sentence, 0, cue.start())
        ):
            continue
        if _IS_FOR.match(cue.group(1)) and not _CONTRACT_SUBJECT.match(sentence):
            continue  # "support under the contract is for 12 months": the support's length
        window_start = max(0, cue.start() - 25)
        durations = [
            m
            for m in _DURATION.finditer(sentence)
            if window_start < m.end()
            and m.start() <= cue.end() + 40
            and not _NOT_A_TERM.search(sentence[max(0, m.start() - 15) : m.start()])
            and (m.group(1).lower() not in ("a", "an") or _FURTHER.match(m.group()))
            and _term_length(m, sentence)
        ]
        if cue.group(1).lower().startswith(("month", "year")):
            # "the first 12 months of the seven-year agreement": a "year agreement" cue's
            # length is the one it ends, not a part of it named before
            own = [m for m in durations if m.end() > cue.start()]
            durations = own or durations
        if durations:
            break
    if not durations:
        return None
    initial = durations[0]
    if _other_period(sentence, initial.start()) and not _paid_for_whole_life(
        sentence, initial.start()
    ):
        return None
    if _EXTENSION.search(sentence, 0, initial.start()):
        return None  # a clause about extensions only, not the term itself
    extra = extension_months(sentence, initial.end())
    if extra is None:
        return None
    mentioned = bool(_NO_EXTENSION.search(sentence) or _EXTENSION.search(sentence, initial.end()))
    return Term(_months(initial) + extra, mentioned, min(cue.start(), initial.start()))


# A contract's length cut or changed, the new length its term: "the term is cut
# from three years to 18 months", "the contract is reduced from 4 years to 18 months",
# "Contract term shortened: 3 years to 1 year" (not a running contract extended, which
# CMP004 leaves alone).
_TERM_CUT = re.compile(
    r"\b(?:contract|agreement|term|grant period|contract period|length|duration)\b[^.;]{0,40}?"
    r"\b(?:cut|reduced|shortened|brought down|changed|amended)\s*:?\s*(?:from\s+)?",
    re.IGNORECASE,
)
_TO_BETWEEN = re.compile(r"\s*to\s*", re.IGNORECASE)


def _term_cut(sentence: str) -> Term | None:
    """The new length of a contract changed from one length to another, or None."""
    for cut in _TERM_CUT.finditer(sentence):
        old = _DURATION.match(sentence, cut.end())
        between = _TO_BETWEEN.match(sentence, old.end()) if old is not None else None
        new = _DURATION.match(sentence, between.end()) if between is not None else None
        if new is not None and _term_length(new, sentence):
            extra = extension_months(sentence, new.end())
            if extra is not None:
                return Term(_months(new) + extra, _mentions_extension(sentence), cut.start())
    return None


def _plus_extensions(sentence: str, plus: re.Match[str]) -> tuple[int, int] | None:
    """Where "N+N years" counts the extensions only ("options: 1+1 year extensions").

    A bracketed "(1+1)" after the term and its extension sums the whole term, so it is
    read as written.
    """
    head, tail = sentence[: plus.start()].rstrip(), sentence[plus.end() :].lstrip()
    if head.endswith("(") and tail.startswith(")"):
        return None
    after = _PLUS_EXTENSIONS_AFTER.match(sentence, plus.end())
    window = max(0, plus.start() - 40)
    before = _PLUS_EXTENSIONS_BEFORE.search(sentence[window : plus.start()])
    if after is None and before is None:
        return None
    start = window + before.start() if before is not None else plus.start()
    return start, after.end() if after is not None else plus.end()


def _initial_plus(sentence: str, span: tuple[int, int], years: float) -> Term | None:
    """The initial term read without the "N+N" extensions, plus those extensions.

    "A 3 year contract with 1+1 year extensions" runs up to five years; "Options: 1+1 year
    extensions" alone does not say how long the contract is, so nothing is read.
    """
    start, end = span
    initial = _read_term(sentence[:start] + " " * (end - start) + sentence[end:])
    if initial is None:
        return None
    return Term(initial.months + years, True, initial.at)


def contract_term_months(sentence: str) -> float | None:
    """The maximum total term, in months, that ``sentence`` gives a contract (None if none)."""
    term = read_term(sentence)
    return term.months if term is not None else None


#: A date in words or in figures ("1 April 2026", "01/04/2026"): groups day, month, year
#: in words, then day, month, year in figures.
_ANY_DATE = "(?:" + DATE + r"|(\d{1,2})/(\d{1,2})/(\d{4})\b)"
#: "The commencement date for the contract is 1 July 2026." followed by "The expiry date
#: for the contract is 30 June 2027 ...": a term stated across two sentences.
#: A table row read with its headers says it with a colon or a bar: "Contract start date |
#: Detail: 1 July 2026" over "Contract end date | Detail: 30 June 2027".
_STARTS_ON = re.compile(
    r"\b(?:commencement|start)(?:\s+date\b(?:[^.;]{0,60}?\b(?:is|will\s+be)\s+|[^.;]{0,30}?[:|]\s*)|\s*[:|][^.;]{0,30}?[:|]\s*)"
    + _ANY_DATE,
    re.IGNORECASE,
)
_ENDS_ON = re.compile(
    r"\b(?:expiry|end|completion)(?:\s+date\b(?:[^.;]{0,60}?\b(?:is|will\s+be)\s+|[^.;]{0,30}?[:|]\s*)|"
    r"\s*[:|][^.;]{0,30}?[:|]\s*)" + _ANY_DATE,
    re.IGNORECASE,
)


def _day_month_year(match: re.Match[str]) -> tuple[str, str, str] | None:
    """The day, month (by name) and year of a :data:`_ANY_DATE` match; None for no month."""
    d, m, y, nd, nm, ny = match.groups()[-6:]
    if d is not None:
        return d, m, y
    if not 1 <= int(nm) <= 12:
        return None
    return nd, MONTH_NAMES[int(nm) - 1], ny


def _with_extensions(
    total: float, text: str, after: int, at: int, *, mentioned: bool | None = None
) -> Term | None:
    """A term of ``total`` months stated at ``at``, with the extensions offered after it.

    The extensions are those ``text`` offers after ``after``; ``None`` when the span is
    empty or an extension's length cannot be read. ``mentioned`` (whether extensions are
    spoken of at all) is read from ``text`` unless given.
    """
    extra = extension_months(text, after)
    if extra == 0 and _INITIAL_BEFORE.search(text, max(0, at - 40), at):
        # "contract renewal, extending up to another 12 months following the initial
        # contract period between October 2026 and September 2028": the span is named the
        # initial one, the contract's extension offered before it in the same clause
        clause = text[max(text.rfind(".", 0, at), text.rfind(";", 0, at)) + 1 : at]
        if _CONTRACT_EXTENSION.search(clause):
            extra = extension_months(clause) or 0.0
    if total <= 0 or extra is None:
        return None
    return Term(total + extra, _mentions_extension(text) if mentioned is None else mentioned, at)


#: An extension or renewal of the contract itself, not of a deadline or a check.
_CONTRACT_EXTENSION = re.compile(
    r"\b(?:contract|agreement)\s+(?:renewal|extension)s?\b|"
    r"\b(?:renewal|extension)s?\s+(?:of|to)\s+(?:the|this)\s+(?:contract|agreement)\b|"
    r"\boptions?\s+to\s+(?:extend|renew)\b",
    re.IGNORECASE,
)
#: The span just after named as the initial one: "the initial contract period between".
_INITIAL_BEFORE = re.compile(
    r"\binitial\s+(?:contract\s+|agreement\s+)?(?:term|period)\b[^.;]{0,20}$", re.IGNORECASE
)


def _mentions_extension(text: str) -> bool:
    """True when ``text`` speaks of extensions at all, offering them or ruling them out."""
    return bool(_NO_EXTENSION.search(text) or _EXTENSION.search(text))


def split_term(sentence: str, follower: str) -> Term | None:
    """The term a start date in ``sentence`` and an end date in ``follower`` state together."""
    start = _STARTS_ON.search(sentence)
    end = _ENDS_ON.search(follower) if start is not None else None
    if start is None or end is None:
        return None
    if not (_CONTRACT.search(without_names(sentence)) or _CONTRACT.search(without_names(follower))):
        return None
    first, last = _day_month_year(start), _day_month_year(end)
    if first is None or last is None:
        return None
    total = months_between(first, last)
    return _with_extensions(total, follower, end.end(), start.start(), mentioned=True)


def _next_part(ctx: RuleContext, unit: int, following: int) -> bool:
    """True when ``following`` may finish what ``unit`` starts.

    Its own clause, or the next row of the same table ("Contract start date | 1 July 2026"
    over "Contract end date | 30 June 2027").
    """
    if following == unit:
        return True
    units = ctx.outline.units
    here, below = units[unit], units[following]
    return (
        following == unit + 1
        and here.kind == below.kind == "table_cell"
        and here.table_header is not None
        and here.table_header == below.table_header
    )


def _justified(text: str) -> bool:
    """True when the clause gives a reason for a short term (a funded or evaluated pilot)."""
    return bool(_TIME_LIMITED.search(text) or (_PILOT.search(text) and _RATIONALE.search(text)))


def _pilot_explained_next(ctx: RuleContext, unit: int, end: int, sentence: str) -> bool:
    """True when a pilot's term is followed at once by its funding or evaluation.

    "A pilot will run for 12 months." then, in the next sentence of the clause or in the
    first sentence of the sub-clause under it (4.1 then 4.1.1), "It has its own funding
    and an independent evaluation." The term's own sentence must name the pilot, so that
    a contract's term never borrows a pilot, and only a sub-clause of the term's own
    clause is read, never the next clause.
    """
    if not _PILOT.search(sentence):
        return False
    units = ctx.outline.units
    here = units[unit]
    for later in here.sentences:
        if later.start >= end:
            return bool(_RATIONALE.search(here.text[later.start : later.end]))
    if unit + 1 >= len(units):
        return False
    below = units[unit + 1]
    if not (here.label and below.label and below.label.startswith(here.label + ".")):
        return False
    first = below.sentences[0] if below.sentences else None
    return first is not None and bool(_RATIONALE.search(below.text[first.start : first.end]))


#: An NHS commissioner and an NHS trust named together: "the ICB's contract with the
#: community trust for 2026/27". Contracts between NHS bodies are agreed year by year
#: for whole services and rolled on, not re-procured: a year there is not a short term.
_NHS_COMMISSIONER = re.compile(
    r"\b(?:ICBs?|CCGs?|NHS England|integrated care boards?|clinical commissioning groups?|"
    r"(?:local )?health boards?)\b"
)
_NHS_TRUST = re.compile(
    r"\b(?:the|an?|our|its|local|NHS|foundation|community|acute|hospital|mental health|ambulance|"
    r"health(?:care)?|provider|partnership|university)\s+(?:(?:NHS\s+)?foundation\s+)?trusts?\b",
    re.IGNORECASE,
)


_NHS_STANDARD_CONTRACT = re.compile(r"\bNHS Standard Contract\b", re.IGNORECASE)


#: The bare "Period" field of a service specification's header, just before the dates:
#: "Period: 1 April 2026 - 31 March 2027", "Provider Lead ... Period April 2026 to March
#: 2027". Not "Contract period", "Grant period", "Initial period" or "Extension period",
#: which name a term.
_PERIOD_FIELD = re.compile(
    r"(?<![\w-])(?<!contract )(?<!grant )(?<!initial )(?<!extension )(?<!agreement )"
    r"period\s*[:|\-–]?\s*(?:from\s+)?$",
    re.IGNORECASE,
)
#: The other fields of that header (the NHS Standard Contract's service specification
#: template), which say the "Period" is the specification's.
_SPEC_HEADER = re.compile(
    r"\b(?:commissioner lead|provider lead|service specification|specification no|"
    r"date of review)\b",
    re.IGNORECASE,
)


def _specification_period(sentence: str, at: int) -> bool:
    """True for a contract year in the "Period" field of an NHS service specification's header.

    The header of a specification under a standing NHS contract gives the contract year the
    specification covers ("Service Specification No. 4 ... Provider Lead ... NHS Trust ...
    Period April 2026 to March 2027"), not a term let for that long. Only a year (11.5 to
    13.5 months, as "April to April" reads), and only where the header names an NHS body
    or the NHS Standard Contract: a four-month winter pilot, or a year with a private
    provider, is a term, and so is a year the header itself calls a pilot or says cannot be
    extended. A tender's "Contract period:" or "Contract term: 12 months", and a sentence
    saying the contract runs for a year, are read as terms.
    """
    if not (
        _PERIOD_FIELD.search(sentence, max(0, at - 40), at)
        and _SPEC_HEADER.search(sentence)
        and (_NHS_WORD.search(sentence) or _NHS_TRUST.search(sentence))
        and not (_SAID_SHORT.search(sentence) or _NO_EXTENSION.search(sentence))
    ):
        return False
    dates = _DATE_RANGE.match(sentence, at)
    if dates is not None:
        d1, m1, y1, d2, m2, y2 = dates.groups()
        if m1.isdigit() or m2.isdigit():
            return False
        months = months_between((d1, m1, y1), (d2, m2, y2))
    else:
        span = _MONTH_RANGE.match(sentence, at)
        if span is None:
            return False
        m1, y1, m2, y2 = span.groups()
        months = (int(y2) - int(y1)) * 12 + month_index(m2) - month_index(m1) + 1
    return 11.5 <= months <= 13.5


#: The NHS named as such: "NHS Standard Contract", "... NHS Foundation Trust".
_NHS_WORD = re.compile(r"\bNHS\b")


def _nhs_year(sentence: str, months: float) -> bool:
    """True for a year's contract between an NHS commissioner and an NHS trust.

    Both must be named, or one of them and the NHS Standard Contract; and the sentence
    must not say that the year is all there is (no extension, a re-procurement, a new
    or pilot service: :data:`_SAID_SHORT`).
    """
    if not 11.5 <= months <= 12.5 or _SAID_SHORT.search(sentence):
        return False  # "... with no option to extend", "... for the new virtual ward"
    parties = bool(_NHS_COMMISSIONER.search(sentence)) + bool(_NHS_TRUST.search(sentence))
    return parties == 2 or (parties == 1 and bool(_NHS_STANDARD_CONTRACT.search(sentence)))


#: An award made without competition: "directly awarded", "a direct award", "without a
#: competitive process", "with no competition", "a waiver of the procurement rules".
#: Each alternative is searched only in a sentence holding its words (see
#: :class:`speclint.lazy_re.Alternation`): the whole pattern cost 15 µs a sentence.
_DIRECT_AWARD = re.Alternation(
    r"direct(?:ly)?\s+award\w*|award\w*\s+(?:[\w'’-]+\s+){0,3}?directly|"
    r"without\s+(?:a\s+|any\s+)?(?:competiti\w+|competitive\s+\w+|tender\w*|procurement\s+process)|"
    r"(?:with\s+)?no\s+(?:competiti\w+|competitive\s+\w+|tender\w*)|single[- ]tender\s+waiver|"
    r"waiv\w+\s+(?:of\s+)?(?:the\s+)?(?:contract\s+)?(?:standing orders|procurement rules)",
    re.IGNORECASE,
    head=r"\b(?:",
    tail=")",
)
#: What makes a direct award a stop-gap: an interim or bridging contract, an extension, or
#: time bought until the service is procured.
_STOP_GAP = re.compile(
    r"\b(?:interim|bridging|temporary|stop-gap|extend\w*|extension\w*|pending|until|while|"
    r"to allow|re-?procur\w*|re-?tender\w*|procured|procurement)\b",
    re.IGNORECASE,
)
#: The longest stop-gap awarded directly that reads as short-term buying.
_STOP_GAP_MONTHS = 24
#: A rule that forbids or limits such awards rather than making one: "no contract may be
#: extended ... without competition", "may not be awarded directly", "must not exceed".
_FORBIDS = re.compile(
    r"\b(?:no\s+(?:[\w'’-]+\s+){0,3}?(?:may|can|shall|will|is to|should)\b|"
    r"(?:may|must|shall|should|will|can|cannot|could)\s+(?:not|never)\b|cannot\b|can't\b|"
    r"(?:is|are)\s+(?:not\s+)?(?:prohibited|forbidden|not (?:permitted|allowed))|never\b)",
    re.IGNORECASE,
)
#: A limit on a length, not a length: "for more than 12 months", "beyond 24 months".
_LIMIT_BEFORE = re.compile(
    r"\b(?:more than|longer than|beyond|exceed\w*|over|in excess of|greater than)\s*$",
    re.IGNORECASE,
)


def direct_stop_gap(sentence: str, term: Term | None) -> tuple[float, int] | None:
    """Months and offset of a stop-gap contract or extension awarded without competition.

    "To award an interim contract directly to the current provider for up to 24 months,
    without a competitive process", "extend the contract for 18 months by direct award, with
    no competition, while the service is re-procured": the service is bought for a short
    while at a time and re-procured soon, however the decision is titled. A direct award
    of a long contract (a provider selection regime award of five years) is not one, nor
    one whose ``term`` (the sentence's, from :func:`read_term`) offers extensions: it is
    read by its maximum.
    """
    if not _DIRECT_AWARD.holds(sentence) or not _STOP_GAP.search(sentence):
        return None
    if _FORBIDS.search(sentence):
        return None
    if term is not None and term.extensions:
        return None  # "for 24 months, with the option to extend for 12": read by its maximum
    for match in _DURATION.finditer(sentence):
        if not _term_length(match, sentence) or _NOT_A_TERM.search(
            sentence[max(0, match.start() - 15) : match.start()]
        ):
            continue
        if _LIMIT_BEFORE.search(sentence[max(0, match.start() - 25) : match.start()]):
            return None
        if _other_period(sentence, match.start()):
            continue
        months = _months(match)
        if 0 < months <= _STOP_GAP_MONTHS:
            return months, match.start()
        return None
    return None


def _page_extension(ctx: RuleContext) -> Callable[[int], bool]:
    """Whether the page holding a unit offers, somewhere, an extension of unstated length.

    "Contract length: 24 months" in one row and "Extension options available: Yes" in
    another: the 24 months are the initial term, not the maximum, and how long the
    extensions run is not said, so no short maximum can be claimed (as when the term's
    own sentence offers such an extension). The page is read once (see
    :func:`~speclint.rules.checks._term_context.per_page`), when a short term with no
    extension of its own is first found there.
    """
    units = ctx.outline.units

    def holds(page: list[int]) -> bool:
        return any(
            _EXTENSION_OFFERED.holds(text)
            and not _NO_EXTENSION.search(text)
            and not _DECLINED.search(text)
            and not extension_months(text)
            for n in page
            for text in (units[n].text[x.start : x.end] for x in units[n].sentences)
        )

    return per_page(ctx, holds)


#: A term that comes after a pilot, not the pilot's own: "following the pilot", "continues
#: the pilot", "after a successful pilot".
_AFTER_PILOT = re.compile(
    r"\b(?:after|following|end of|beyond|continu\w*|extend\w*|previous|former|earlier|"
    r"successful)\s+(?:the\s+|a\s+|an\s+|its\s+|this\s+|our\s+)?(?:successful\s+)?pilot",
    re.I,
)


def _page_pilot(ctx: RuleContext) -> Callable[[], bool]:
    """Whether one paragraph of the page says why its pilot runs.

    The reason is funding, an evaluation, or a purpose of testing or exploring a new
    approach: "The procurement involved a pilot for a small block contract ... The Council aimed to
    explore new approaches to service delivery." in one paragraph, and "The contract is
    for a pilot block contract operating for 1 year" further down: the term's own
    sentence names the pilot, and the page has given its reason. Read once, when a short
    term whose sentence names a pilot is first found.
    """
    read: list[bool] = []

    def explained() -> bool:
        if not read:
            read.append(
                any(
                    _PILOT.search(unit.text)
                    and (_RATIONALE.search(unit.text) or _PILOT_PURPOSE.search(unit.text))
                    for unit in ctx.outline.units
                )
            )
        return read[0]

    return explained


#: A sentence opening on a pronoun for what the sentence before it named: "It spans one year".
_PRONOUN_OPENS = re.compile(r"^\W*(?:It|This)\s+(?=[a-z])")
_THE_CONTRACT = "The contract "


def _term_of_the_contract_before(sentence: str, before: str) -> Term | None:
    """The term of a sentence whose subject is the contract the sentence ``before`` names.

    "The contract ... became effective on 2 May 2025. It spans one year starting from 1
    April 2025": "it" is the contract, as if the sentence had said so (a weak cue such as
    "spans" needs a contract named in its sentence).
    """
    pronoun = _PRONOUN_OPENS.match(sentence)
    if pronoun is None or not _CONTRACT_NOUN.search(without_names(before)):
        return None
    term = read_term(_THE_CONTRACT + sentence[pronoun.end() :])
    if term is None:
        return None
    return replace(term, at=max(0, term.at - len(_THE_CONTRACT) + pronoun.end()))


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Flag contract terms whose maximum length, with extensions, is under ``min_months``."""
    sentences = list(operative_sentences(ctx, _TERM_WORD, _TERM_NEEDLES))
    if sentences and urgent_award(ctx):
        return  # an urgent or emergency award: short by force of circumstance
    project_grant = project_grant_scheme(ctx)
    extending = extension_decision(ctx)
    page_extension = _page_extension(ctx)
    page_pilot = _page_pilot(ctx)
    open_scheme = open_enrolment(ctx)
    modified = modifies_contract(ctx)
    for n, (unit, start, end, sentence) in enumerate(sentences):
        term = read_term(sentence)
        if term is None and n and sentences[n - 1][0] == unit:
            term = _term_of_the_contract_before(sentence, sentences[n - 1][3])
        stop_gap = direct_stop_gap(sentence, term)
        if stop_gap is not None:
            months, at = stop_gap
            evidence = f"a stop-gap of {months:.0f} months awarded without competition"
            yield RuleHit(unit, start + at, end, evidence)
            continue
        if modified(unit):
            continue  # the period of a contract the page modifies
        serial = serial_renewal(sentence) if term is None else None
        if serial is not None and not project_grant(sentence) and not open_scheme(sentence):
            yield RuleHit(unit, start + serial, end, "renewed or extended a year at a time")
            continue
        if term is None and n + 1 < len(sentences) and _next_part(ctx, unit, sentences[n + 1][0]):
            term = split_term(sentence, without_echoes(sentences[n + 1][3]))
        if term is None or project_grant(sentence) or extending(unit, sentence):
            continue  # no term, a small project grant's year, or a decision to extend
        if open_scheme(sentence):
            continue  # the year of a service every practice or pharmacy may opt into
        if options.exempt_pilots:
            # the sentence and the two before it in its clause: long clauses (a notice
            # read as one paragraph) must not lend a pilot from elsewhere
            nearby = " ".join(t for u, _, _, t in sentences[max(0, n - 2) : n + 1] if u == unit)
            if _justified(nearby) or _pilot_explained_next(ctx, unit, end, sentence):
                continue
            if _PILOT.search(sentence) and not _AFTER_PILOT.search(sentence) and page_pilot():
                continue  # the term's own sentence names the pilot the page explains
        months = term.months
        if not term.extensions and n + 1 < len(sentences) and sentences[n + 1][0] - unit <= 1:
            # "The contract runs for 12 months. It may be extended by a further 12 months."
            follower = without_echoes(sentences[n + 1][3])
            if read_term(follower) is None and _EXTENSION.search(follower):
                extra = extension_months(follower)
                if extra is None:
                    if not (_NO_EXTENSION.search(follower) or _DECLINED.search(follower)):
                        continue  # an extension of unstated length: no maximum is read
                    extra = 0.0  # "Extension options available: No"
                months += extra
        if not term.extensions and months == term.months and page_extension(unit):
            continue  # an extension of unstated length offered elsewhere: no maximum is read
        # Half a month's slack: a term read from dates or a listing site's "35.5 months"
        # for a three-year framework is not short, and would be reported as 36.
        if _nhs_year(sentence, months):
            continue  # a year of a standing contract between NHS bodies
        if 0 < months < options.min_months - 0.5:
            shown = f"{months:.0f}"
            plural = "" if shown == "1" else "s"
            yield RuleHit(unit, start + term.at, end, f"maximum term {shown} month{plural}")

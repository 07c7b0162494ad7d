"""What a sentence is, when it is not an operative requirement.

A sentence can define a term ("X means ..."), recount history ("previously ..."),
comment on commissioning itself (a quotation, "this guidance", what to avoid), or ask a
yes-or-no question that nothing in its clause answers ("Will payment be withheld if a
target is missed?"); rules skip such sentences unless they opt in. A clause under a
Definitions, Glossary or Background heading is quiet as a whole.

The structure builder classifies every sentence once, when it makes a unit
(:func:`classify`), and marks quiet units (:func:`quiet_section`); the query and rule
layers only read :attr:`speclint.models.Sentence.flags` and
:attr:`speclint.models.Unit.quiet`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, pairwise

from speclint import lazy_re as re
from speclint.models import Sentence, SentenceClass, SentenceFlag
from speclint.structure.voice import VOICE_KEYS, continues_account, others_voice, voice_may
from speclint.substrings import Screen

# The defined term: leading punctuation, then one to ten words, then "means". Written
# so that no two parts can take the same characters (the old form backtracked cubically
# on a run of spaces).
#: A kind of contract, commissioning or payment, named in general.
_KIND_OF_CONTRACT = (
    r"(?:contracts?|contracting|commissioning|agreements?|payment (?:schemes?|models?|mechanisms?|"
    r"systems?)|schemes?|payment by results|PbR|social impact bonds?|SIBs?)"
)
_DEFINITION = re.compile(
    r"(?:^[^\w'’\"“‘]*[\w’'-]+(?:[^\w\s]* +[\w’'-]+){0,9}[^\w\s]*\s+"
    r"|['‘\"“][^'’\"”]{1,60}['’\"”]\s+)"
    r"(?:means|refers to|is defined as|shall mean|has the meaning)\b"
    r"|\bfor the purposes of this\b"
    # A kind of contract or payment defined in general, as an explainer does: "Outcome
    # based commissioning is a way to deliver services where ...", "Payment by results
    # takes two forms", "Such schemes are often referred to as ...".
    rf"|\bthere (?:is|are) (?:also )?(?:[\w-]+\s+){{0,4}}?{_KIND_OF_CONTRACT}\s+(?:where|in which|"
    r"whereby)\b"
    r"|^\W*(?:in (?:the )?[\w ]{1,20},\s*)?(?!(?:the|this|these|that|our|its|their|each|every|"
    r"any)\b)(?:(?:an?|such)\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_KIND_OF_CONTRACT}(?:\s*\([\w&]{{2,8}}\))?,?\s+"
    r"(?:(?:is|are)\s+(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:way|form|type|kind|method|means|model|"
    r"approach|mechanism|tool)s?\s+(?:of|to|for|in which|where|whereby)\b"
    r"|takes?\s+(?:two|three|four|several|many|various|different|\d)\s+(?:[\w-]+\s+)?forms\b"
    r"|describes?\s+an?\s+approach\b)"
    r"|\b(?:is|are)\s+(?:often|commonly|sometimes|usually|generally|widely)\s+"
    r"(?:referred to|known) as\b",
    re.IGNORECASE,
)
# "Former rough sleepers" and "former service users" are people, not a past arrangement.
_FORMER_PEOPLE = (
    r"(?:rough sleepers?|service users?|patients?|residents?|tenants?|offenders?|prisoners?|"
    r"smokers?|drinkers?|users?|carers?|clients?|pupils?|students?|staff|employees?|"
    r"looked[- ]after|care leavers?|armed forces|service personnel|veterans?|members?)\b"
)
# "The former mining villages" and "former coalfield communities" are places as they are now.
_FORMER_PLACES = (
    r"(?:(?:mining|coalfield|colliery|pit|industrial|mill|steel|textile|fishing|shipbuilding|"
    r"market|railway|garrison|new|council|housing) )?"
    r"(?:villages?|towns?|valleys?|communities|estates?|coalfields?|docklands?)\b"
)
#: Each alternative is searched only in a sentence holding its words (see
#: :class:`speclint.lazy_re.Alternation`): the whole pattern cost 110 µs a sentence.
_HISTORY = re.Alternation(
    rf"previous(?:ly)?|historically|formerly|former(?! {_FORMER_PEOPLE}| {_FORMER_PLACES})|"
    # "frozen until 2028" is a state that will hold, not history.
    r"(?<!frozen )(?<!fixed )(?<!held )(?<!kept )(?<!capped )(?<!pegged )until (?:19|20)\d\d|"
    r"^\W*between (?:19|20)\d\d and (?:19|20)\d\d|"
    # "Prior to 2006 dentists were paid ...": a dated past told in the past tense
    r"^\W*(?:prior to|before) (?:19|20)\d\d\b(?=[^.;]*\b(?:was|were|had|did|used to)\b)"
    r"(?![^.;]*\b(?:shall|must|will|is to|are to)\b)|"
    # A span of past dates opening what was done in it: "Between 16 May 2016 and 19 August
    # 2016 the council consulted ...", not a term ("Between 1 April 2026 and ... shall").
    r"^\W*between (?:the )?\d{1,2}(?:st|nd|rd|th)? [a-z]+ (?:19|20)\d\d and (?:the )?\d{1,2}"
    r"(?:st|nd|rd|th)? [a-z]+ (?:19|20)\d\d\b"
    r"(?=[^.;]*(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bremains )(?<!\bstays )"
    r"\b(?:\w+ed|undertook|took|held|ran|was|were|had|made|gave|saw|began)\b)"
    r"(?![^.;]*\b(?:shall|must|will|is to|are to)\b)|"
    r"(?:introduced|established|began|started|launched) (?:by [\w ]{1,40} )?in (?:19|20)\d\d|"
    r"was commissioned|were levied|not (?:been )?carried forward|"
    r"(?<=\w )(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )(?<!\bbeen )"
    # An instrument "used to" judge or measure is employed for it, not what was once done:
    # "the measures used to judge the success of the service".
    r"(?:(?<!measures )(?<!measure )(?<!indicators )(?<!indicator )(?<!KPIs )(?<!KPI )(?<!metrics )"
    r"(?<!metric )(?<!criteria )(?<!data )(?<!figures )(?<!targets )(?<!scores )used to|"
    # ... but "the targets used to be counts" is the habitual past, and so is an instrument
    # whose sentence goes on in the past: "the data used to judge the pilot included ...".
    r"used to (?!(?:judge|measure|evaluate|assess|monitor|determine|calculate|set|rank|rate|score|"
    r"track|check|inform|decide|show|demonstrate)\b)|"
    r"used to (?=\w+\b[^.;]*\b(?:was|were|had|did|included|showed|counted|found|gave)\b))|"
    r"(?:was|were|has been|have been|had been) replaced|replaced [\w ]{1,40} in (?:19|20)\d\d|"
    # The arrangement being replaced, and what people or a review found about it.
    r"in the past|"
    r"in (?:past|previous|earlier|former) (?:years|schemes|rounds|contracts|programmes|models)|"
    r"under the (?:current|existing|present|old) (?:[\w-]+ ){0,2}?"
    r"(?:contracts?|arrangements?|model|specification|system|scheme|regime)|"
    r"the old (?:contracts?|rotas?|framework|model|specification|system|arrangements?)|"
    r"(?:existing|current|present|old) (?:contract|specification|arrangement|model)s?(?:'s)? "
    r"(?:fixes|fixed|sets|caps|capped|limits|limited|specifies|specified|requires|required|pays|paid|buys|bought)|"
    r"(?:told|showed|shown) us|we heard|^\W*(?:today|currently|at present|at the moment)\b|"
    r"\b(?:is|are) currently\b|"
    # A change over recent years, told as a description: "The sector has been susceptible
    # to cost-cutting in recent years".
    r"(?:in|over|during) recent (?:years|decades|times)\b"
    r"(?![^.;]*\b(?:shall|must|will|is to|are to)\b)|"
    r"(?:people|respondents|carers|families|residents|patients|tenants|parents|participants|users|workers|"
    r"interviewees|staff)\b[^.;]{0,30}?\b"
    r"(?:described|said|complained|recalled|reported (?:that|how))|"
    r"(?:audit|review|survey|consultation|engagement|evaluation|inspection|feedback|research|inquiry)\b"
    r"[^.;]{0,40}?\b(?:found|showed|highlighted|revealed)|"
    # What a source reported, found or argued, opening the sentence: "An investigation
    # revealed that ...", "Research suggests that ...". Not a condition ("Where
    # monitoring shows that ..."), not what is to show ("Growth will show that ...") and
    # not a duty in what was found ("... that the fee will be cut").
    r"^\W*(?!(?:where|if|when|whenever|unless|once|should|until|in the event)\b)"
    r"(?:[\w’'£%,-]+ ){1,10}?(?<!\bwill )(?<!\bwould )(?<!\bshall )(?<!\bshould )"
    r"(?<!\bmust )(?<!\bmay )(?<!\bmight )(?<!\bcan )(?<!\bcould )(?<!\bto )"
    r"(?:reveal(?:s|ed)?|show(?:s|ed)?|f(?:ind|inds|ound)|"
    r"suggest(?:s|ed)?|indicate[sd]?|conclude[sd]?|highlight(?:s|ed)?|warn(?:s|ed)?|"
    r"claim(?:s|ed)?|argue[sd]?|evidence[sd]|demonstrate[sd]|uncover(?:s|ed)|expose[sd]|"
    r"documented|allege[sd]|observe[sd]|note[sd]) that\b"
    r"(?![^.;]*\b(?:shall|must|will|is to|are to)\b)|"
    # Minutes of a meeting record what was said: "Members understood the savings ...".
    r"^\W*(?:members|councillors|officers|the (?:committee|board|panel|cabinet))\b[^.;]{0,30}?\b"
    r"(?:noted|asked|understood|clarified|explained|queried|commented|raised|welcomed|"
    r"were (?:told|informed|advised|reminded))",
    re.IGNORECASE,
    head=r"\b(?:",
    tail=r")\b",
)
# A definition that sets a figure as the measure of success ("Success is defined as
# 1,200 appointments a year", "A successful outcome means a completed course of six
# sessions") states a target, not a glossary term.
_DEFINING_VERB = re.compile(
    r"\b(?:means|refers to|is defined as|shall mean|has the meaning)\b", re.IGNORECASE
)
_MEASURE_OF_SUCCESS = re.compile(
    r"\b(?:success\w*|(?:positive |good )?outcomes?|achievements?|achieved|KPIs?|thresholds?|"
    r"targets?(?! (?:population|group|cohort|audience|age))|"
    r"(?:expected|minimum) (?:level|volume|activity))\b",
    re.IGNORECASE,
)
# ... or a direction or tally of its own, with no figure: "Success means a rising tally
# of staff trained", "A good outcome means fewer appointments".
_DIRECTION = re.compile(
    r"\b(?:ris(?:e|es|ing)|increas(?:e|es|ing)|grow(?:s|ing|th)?|high(?:er|est)|more|fewer|"
    r"reduc(?:e|es|ing|tion)|fall(?:s|ing)?|lower|tall(?:y|ies)|counts?|number of|volumes?)\b",
    re.IGNORECASE,
)
_TIME = r"(?:days?|weeks?|months?|years?|hours?|minutes?|quarters?|working|calendar)"
#: A sum or a share: "£40", "20%", "ten per cent". In a sentence about "this framework"
#: or "this report" it is the agreement's own terms ("framework" and "report" are also
#: what is let and what is returned), not talk about the document.
_MONEY_OR_SHARE_SOURCE = r"£ ?\d|\d ?%|\bper ?cent\b"
_MONEY_OR_SHARE = re.compile(_MONEY_OR_SHARE_SOURCE, re.IGNORECASE)
_FIGURE = re.compile(
    _MONEY_OR_SHARE_SOURCE
    + rf"|(?<![\w.,])(?:\d[\d,]*|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|"
    rf"sixty|seventy|eighty|ninety|hundred)\b(?![.,]?\d)(?!\s+{_TIME}\b)(?!-(?:{_TIME}|minute)\b)",
    re.IGNORECASE,
)
# "Annex 2", "paragraph 4.3 of Schedule 5": a number naming a part of the contract.
_REFERENCE = re.compile(
    r"\b(?:schedules?|annex(?:es)?|appendix|appendices|clauses?|sections?|paragraphs?|parts?|"
    r"tables?|figures?|pages?|chapters?|articles?|regulations?|lots?|box(?:es)?)\s+\d[\d.]*\w*",
    re.IGNORECASE,
)
_AGED = re.compile(r"\baged?\s+(?:\d|under|over|between)", re.IGNORECASE)

#: Searched through the alternatives whose words a sentence holds, as :data:`_HISTORY`.
_META = re.Alternation(
    # "Commissioners have often …" talks about commissioning; "commissioners have no
    # discretion to …" and "commissioners have to …" state the agreement's terms.
    r"\b(?:box [1-4]|intelligent kindness|anti-?patterns?|"
    r"commissioners have(?!\s+(?:no|not|to|until|discretion|the (?:right|power))\b))\b"
    # What is common practice elsewhere, opening the sentence: "It is common for councils
    # to ...", "Many local authorities ...", "Typically, ...". Not when it speaks of this
    # contract ("Some lots under this framework ...").
    r"|^\W*(?:it is (?:common|usual|typical|normal|not unusual|standard|widespread)"
    r"(?: practice)?(?: for [^.;]{1,60}?)? to|(?:many|most|some|several) (?:other )?"
    r"(?:councils|local authorities|authorities|commissioners|ICBs|CCGs|trusts|areas|"
    r"providers|contracts|tenders|procurements|schemes|systems)|typically,|traditionally,)"
    r"(?![^.;]*\b(?:this|these) (?:contract|framework|agreement|specification|tender|lot|"
    r"service|call-off|grant)s?\b)"
    # What things of a kind tend to be, as an explainer tells it: "Conventional contracts
    # tend to be highly specific", "payments tend to come in arrears".
    r"|\b(?:tends?|tended) to\b(?![^.;]*\b(?:shall|must|is to|are to)\b)"
    # A publication offering itself to its reader: "Our guide will help you plan ...".
    r"|\b(?:will|can|could|may) help you\b(?![^.;]*\b(?:shall|must|is to|are to)\b)"
    # Pressure on a system, described: "Rising demand ... is putting pressure on services".
    r"|\b(?:is|are|has been|have been) (?:putting|placing|creating|adding) (?:\w+ )?(?:pressures?|"
    r"strain) on\b(?![^.;]*\b(?:shall|must|will|should|is to|are to)\b)",
    re.IGNORECASE,
)
# Talk about a document itself: its purpose, scope, readers and make-up ("This guidance
# explains ...", "the purpose of this document"). A recommendation the document makes
# ("This guidance recommends that ...", "Under this framework, providers should ...") is
# not commentary: it is what the rules read.
_DOC = r"this (?:guidance|document|framework|toolkit|handbook|paper|report|briefing|publication)"
_ABOUT_DOC = re.compile(
    r"\b(?:purpose|aims?|scope|audience|structure|status|focus|remit|readers?|layout|sections?|"
    rf"chapters?|annex(?:es)?|appendix|appendices|authors?|versions?) of {_DOC}\b"
    rf"|\b{_DOC} (?:is|are|was|has been|does not|do not|doesn't|describes|explains|summari[sz]es|"
    r"sets out|outlines|covers|aims|is intended|supports|helps|provides|draws|brings|replaces|"
    r"updates|supersedes|applies|focuses|considers|discusses|introduces|illustrates|builds|"
    r"looks|gives|reflects|contains|includes|shows|highlights|was written|is written)\b",
    re.IGNORECASE,
)
# "Framework" and "report" also name what is let and what the Provider returns: "this
# framework includes a single price per episode" and "this report includes the number of
# visits" are the agreement's terms. What such a framework or report holds as a document
# (chapters, case studies, guidance, an overview) stays talk about the document.
_HOLDS = r"(?:includes|contains|covers|provides|gives)"
_TERMS_HELD = re.compile(
    rf"\bthis (?:framework|report) {_HOLDS}\b"
    r"(?![^.;:]{0,80}?\b(?:chapters?|sections?|parts?|annex(?:es)?|appendix|appendices|"
    r"examples?|case stud(?:y|ies)|guidance|advice|overviews?|summary|summaries|findings|"
    r"information|background|links?|resources?|tools?|toolkits?|templates?|checklists?|"
    r"recommendations?|evidence|analys[ie]s|introductions?|references?|glossary|tables?|"
    r"figures?|diagrams?|illustrations?|contents|context|lessons|learning|insights?|"
    r"principles|detail|details)\b)",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(
    r"\b(?:should|must|ought|shall|recommend\w*|expect\w*|encourag\w*|advis\w*|urges?|"
    r"propos\w*|requir\w*|asks?|calls? (?:on|for)|needs? to|(?:is|are) to be)\b",
    re.IGNORECASE,
)
# "This document sets out how the Provider will be paid: ...": what the party to the
# contract will do or be paid is the contract speaking, whatever the sentence opens with
# (guidance talking of "providers" in general stays commentary).
_PARTY_WILL = re.compile(
    r"\b(?:the provider|the service provider|the contractor|the supplier)\b"
    r"[^.;]{0,40}?\b(?:will|is to|are to)\b",
    re.IGNORECASE,
)
# A sentence saying what to avoid ("the Council will avoid short contracts") describes
# the anti-pattern rather than imposing it; avoiding harm ("to avoid hospital
# admission, ...") does not make a sentence commentary. Advice against a practice ("we
# advise against linking the fee to targets", "commissioners are cautioned against it")
# names the anti-pattern to keep away from, as "avoid" does; a body's own decision
# against something ("decided against the block contract and approved ...") is not advice.
_AVOID = re.compile(
    r"\b(?:avoid|avoids|avoiding|guards? against|mov(?:e|es|ing) away from|steer clear of)\b",
    re.IGNORECASE,
)
_ADVISED_AGAINST = re.compile(
    r"\b(?:advis(?:e|es|ed|ing)|caution(?:s|ed|ing)?|counsel(?:s|led|ling)?|recommend(?:s|ed|ing)?|"
    r"warn(?:s|ed|ing)?|argu(?:e|es|ed|ing))(?:\s+\w+ly)?\s+against\b",
    re.IGNORECASE,
)
# "We advise against block contracts and recommend that 20% is withheld": advice against
# one thing that goes on to ask for another asks for that other thing.
_ADVICE_FOR = re.compile(
    r"\b(?:recommend\w*|should|must|shall|will|instead|in favour of|prefer\w*|rather)\b",
    re.IGNORECASE,
)


def _advised_against(body: str) -> bool:
    """True when ``body`` advises against a practice and asks for nothing else after it."""
    match = _ADVISED_AGAINST.search(body)
    return match is not None and _ADVICE_FOR.search(body, match.end()) is None


# "Staff should keep to the schedule and avoid spending longer with anyone": an
# instruction to those who give the care is what the document imposes, not commentary.
_AVOID_INSTRUCTED = re.compile(
    r"\b(?:the provider|providers|staff|workers|care workers|practitioners|clinicians|nurses|"
    r"the team|teams)\b[^.;:]{0,60}?\b(?:should|must|shall|will|are (?:expected|required) to)\b"
    r"[^.;:]{0,60}?\bavoid",
    re.IGNORECASE,
)
_AVOID_HEALTH = re.compile(
    r"\b(?:(?:re)?admissions?|hospital|harm|injur\w*|unnecessary|duplicat\w*|delays?|crisis|"
    r"escalat\w*|eviction|homelessness|isolation|falls|infections?|conveyances?|conveying|"
    r"(?:a&e|emergency department) attendances?|emergency departments?)\b",
    re.IGNORECASE,
)
# Options a report weighed and did not take: "Alternative options considered and
# rejected", "Other options considered", "Alternatives considered", "Rejected options".
# What such a section describes is what the report will not do ("To tender on price
# alone. Rejected."), never what it commissions. "Alternatives to admission" (a
# service's aim) is not one.
_SET_ASIDE = (
    r"(?:alternative|other) options?(?: (?:considered|appraised|explored|examined|assessed|"
    r"rejected|discounted|not (?:recommended|chosen|taken forward|pursued|preferred))\b"
    r"|\s*[:.]?\s*$)"
    r"|\balternatives? (?:considered|explored|examined|rejected)\b"
    r"|\boptions? (?:considered )?(?:and )?(?:rejected|discounted|not (?:recommended|chosen|"
    r"taken forward|pursued|preferred))\b"
    r"|\b(?:rejected|discounted) options?\b"
)
_QUIET_SECTION = re.compile(
    r"(?i)\b(?:definitions?|glossary|interpretation|background|evidence base|references|"
    r"document (?:history|control)|version (?:history|control)|abbreviations|acronyms|"
    r"jargon buster|terms used in)\b"
    rf"|\b(?:{_SET_ASIDE})"
)
# A run-in label opening a part of a decision record ("Alternative options considered:"
# on a line of its own, or before the text it introduces), and any short label ending in
# a colon, which opens the next part ("Reasons for the decision:", "Report author:").
_SET_ASIDE_LABEL = re.compile(rf"(?i)^\W*(?:\d[\d.]*\s*)?(?:the )?(?:{_SET_ASIDE})[^:\n]{{0,40}}:")
_LABEL_LINE = re.compile(
    r"^\W*(?:\d[\d.]*\s*)?(?![Oo]ption\b)[A-Z][^.:\n]{2,70}:(?:\s*$|[ \t]+\S[^\n]{0,60}$)"
)
# One option of an options appraisal, set aside in its own words: "Option 1: Retender
# the service ... Not recommended."
_OPTION_ITEM = re.compile(r"(?i)^\W*option (?:\d+|[a-h]|one|two|three|four|five)\b")
_SET_ASIDE_VERDICTS = (
    r"(?:not recommended|rejected|discounted|not preferred|ruled out|not taken forward|"
    r"not pursued|not supported|not viable)"
)
_OPTION_SET_ASIDE = re.compile(rf"(?i)\b{_SET_ASIDE_VERDICTS}\b")
# A verdict that sets aside the option just told, opening a sentence of its own: "Issue
# new annual grant agreements from April. Rejected - the Council wishes to ...", or a
# line of its own under it ("Rejected due to the adverse impact on ..."). Not "Rejected
# referrals are returned": the verdict stands alone or gives its reason.
_VERDICT = (
    _SET_ASIDE_VERDICTS
    + r"(?=\s*(?:$|[-–—:.,;]|\s(?:as|because|due|since|owing|on the grounds|for the reasons?)\b))"
)
_VERDICT_OPENS = re.compile(r"(?i)^\W*" + _VERDICT)
_VERDICT_AFTER = re.compile(r"(?i)[.;]\s+" + _VERDICT)

# A meeting held before a procurement, described: a market-engagement event, a supplier
# day, a bidders' briefing ("The session will help providers understand the procurement",
# "The engagement event will cover the following lots"). What such a meeting will do or
# cover is its agenda, not a term of the contract to come. Only with the talk of a
# procurement in the same sentence ("The group session will last an hour" is a service's)
# and not when it limits the meeting (:data:`_EVENT_LIMITED`).
_EVENT_NOUN = (
    r"(?:events?|sessions?|webinars?|briefings?|workshops?|meetings?|"
    r"(?:supplier|provider|market|bidders?'?) days?)"
)
_ENGAGEMENT_EVENT = re.compile(
    rf"^\W*(?:the|this|these|our|an?)\s+(?:[\w'’-]+\s+){{0,3}}?{_EVENT_NOUN}\s+"
    r"(?:will|would|aims?|seeks?|offers?|provides?|gives?|covers?|is to|are to|"
    r"(?:is|are) (?:intended|designed|an opportunity|a chance|for))\b"
    rf"|\b(?:purpose|aims?|objectives?|focus) of (?:the|this|these) (?:[\w'’-]+\s+){{0,3}}?"
    rf"{_EVENT_NOUN}\b",
    re.IGNORECASE,
)
# What says the meeting comes too late or allows too little is evidence about involvement,
# not an agenda: a briefing held only once bids are invited, or confined to questions.
_EVENT_LIMITED = re.compile(
    r"\b(?:only|limited to|restricted to|confined to|solely|after|once|not|no|cannot|never|"
    r"nothing)\b|n['’]t\b",
    re.IGNORECASE,
)
# Words that name a procurement itself: not "market", "lots" or "suppliers" alone, which a
# service's own sessions use too ("back into the job market", "lots of choice"). Kept in
# step with the concept @NN_PROCUREMENT_FAIRNESS, which the rules read.
_PROCUREMENT_TALK = re.compile(
    r"\b(?:procure\w*|tender\w*|bidders?|bidding|pre-?market|market[- ]engagement|"
    r"market (?:events?|days?|sounding|warming)|(?:supplier|provider)s?['’]? days?|"
    r"lots? (?:\d+|one|two|three|four|five)\b|"
    r"commissioning intentions|invitation to (?:tender|quote|bid)|expressions? of interest)\b",
    re.IGNORECASE,
)

# An option weighed and set aside, told in a sentence of a decision's reasons: "A one-year
# contract was considered but rejected because ...", "Scoring on price alone was ruled out
# as ...". What it names is what the decision will not do (a section or label naming
# such options is quiet already: :data:`_SET_ASIDE`).
_REJECTED = re.compile(
    r"\b(?:was|were|has been|have been|is|are)\s+(?:also\s+)?(?:considered|explored|examined|"
    r"looked at|assessed|appraised|proposed)\s*,?\s+(?:but|and)\s+(?:was\s+|were\s+)?"
    r"(?:rejected|discounted|ruled out|dismissed|not (?:recommended|supported|pursued|"
    r"taken forward|preferred))\b"
    r"|\b(?:was|were|has been|have been)\s+(?:rejected|discounted|ruled out|dismissed)\s+"
    r"(?:because|as|since|on the (?:grounds|basis))\b",
    re.IGNORECASE,
)

# A field of a council's record of a decision that files the decision, not the service:
# "Reason Key: spending over £500,000 or a new policy", "Decision type: Key". The
# categories such a field lists (new income, use of reserves) say why the decision was a
# key one, never what a contract requires.
_DECISION_FIELD = re.compile(
    r"^\W*(?:reasons? key|reasons? for (?:the )?key decision|"
    r"key decision (?:reasons?|criteria|type)|decision type|wards? affected)\s*[:\-–]",
    re.IGNORECASE,
)

# A question told as put, in minutes or a record of a meeting, and left open there: "A
# member asked whether the framework would be awarded on price.", "Officers to confirm
# whether the contract will run for a year." What it asks is not so. A question answered
# in the same sentence ("...; officers confirmed that ...", "... and was told that ...",
# "..., but ...") is read whole with its answer, as a question answered "Yes" is. Not a
# question nobody put ("no residents were asked whether ...", which tells of a voice left
# out), one still to be put ("carers will be asked whether ..."), nor one inside a
# condition ("If a person has asked whether ..., the worker must ...").
_ASKED_WHETHER = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )"
    r"\b(?:asked|queried|enquired|inquired|wondered|questioned|wanted to know|"
    r"to (?:confirm|check|clarify|establish|ascertain|find out|consider|explore))"
    r"(?:\s+(?!not\b)[\w'’]+){0,3}?\s+(?:whether|if)\b",
    re.IGNORECASE,
)
# What before a question put makes it no question: a negation or a condition.
_NOT_PUT = re.compile(
    r"\b(?:not|never|no|nobody|none|no-one|without|if|where|when|whenever|unless|once|should)\b|n[’']t\b",
    re.IGNORECASE,
)
# An answer after a question put, in the same sentence.
_ANSWER_AFTER = re.compile(r"[;:]|,?\s+(?:and|but|so|yet)\s+|,\s*(?:which|as)\s+", re.IGNORECASE)


#: Every match of :data:`_ASKED_WHETHER` holds one of these in lower case (a test holds
#: them to the pattern), unless the text has one of :data:`CASE_TRAPS`: its seven
#: look-behinds, tried at every position, cost far more than one pass for them.
_ASKED_KEYS = Screen(
    (
        "asked",
        "queried",
        "enquired",
        "inquired",
        "wondered",
        "questioned",
        "wanted to know",
        "to confirm",
        "to check",
        "to clarify",
        "to establish",
        "to ascertain",
        "to find out",
        "to consider",
        "to explore",
    )
)


def _open_question(body: str) -> bool:
    """True for a sentence that tells a question put and leaves it unanswered."""
    if not _ASKED_KEYS.found_in(body.lower()) and not any(c in body for c in CASE_TRAPS):
        return False  # none of the verbs that put a question
    match = _ASKED_WHETHER.search(body)
    return (
        match is not None
        and _NOT_PUT.search(body, 0, match.start()) is None
        and _ANSWER_AFTER.search(body, match.end()) is None
    )


_ANY_FLAG_SOURCE = "|".join(
    f"(?:{p.pattern})"
    for p in (
        _ASKED_WHETHER,
        _DEFINITION,
        _HISTORY,
        _META,
        _ABOUT_DOC,
        _AVOID,
        _ADVISED_AGAINST,
        _ENGAGEMENT_EVENT,
        _DECISION_FIELD,
        _REJECTED,
    )
)
_ANY_FLAG = re.compile(_ANY_FLAG_SOURCE, re.IGNORECASE)


def _lowered_pattern(source: str) -> str:
    """``source`` with its letters in lower case, escapes (``\\W``, ``\\S``) left as they are.

    Matched without IGNORECASE against text already lower-cased, it finds what
    ``source`` finds ignoring case in the text itself, wherever ``str.lower`` keeps the
    text's length and none of :data:`CASE_TRAPS` is there (as for the token pattern).
    :func:`speclint.lazy_re.lowered_pattern`, raising for a pattern it cannot lower.
    """
    lowered = re.lowered_pattern(source)
    if lowered is None:
        raise ValueError("a pattern with inline case flags or \\N{...} cannot be lowered")
    return lowered


#: :data:`_ANY_FLAG` for lower-cased text, searched without IGNORECASE: about three
#: times faster (see :func:`_lowered_pattern` for when it may stand in).
_ANY_FLAG_LOWER_SOURCE = _lowered_pattern(_ANY_FLAG_SOURCE)
_ANY_FLAG_LOWER = re.compile(_ANY_FLAG_LOWER_SOURCE)
#: :data:`_ANY_FLAG_LOWER` asked only whether it holds, through the alternatives whose
#: words the sentence has (:class:`speclint.lazy_re.Alternation`): a sentence is searched
#: with two or three of its sixty-odd alternatives, not all of them at every character.
_ANY_FLAG_PARTS = re.Alternation(_ANY_FLAG_LOWER_SOURCE)

# Where a sentence turns from one clause to the next (a dash too, or a spaced hyphen
# typed for one, but not one between figures): "Until 2024 the service was
# block-funded; from April the Provider will be paid ...", "..., but from Year 2 ...",
# "However, ...", ", and from 1 April ...". A history, definition or commentary clause
# covers only itself when another clause of the sentence says what is to be done.
# "..., and it must last no longer than 30 minutes": a pronoun taking up what a clause
# has just named, with a duty or a payment term of its own, opens a new clause. One that
# goes on describing ("and this includes young carers") does not.
_PRONOUN_DUTY = (
    r"(?:it|this|these|they|each one|each of (?:these|them)) "
    r"(?:must|will|shall|should|cannot|can only|may only|is to|are to|"
    r"(?:is|are) (?:only |not |never |then )?(?:paid|payable|funded|charged|capped|limited|"
    r"required|expected|commissioned|delivered|provided|restricted))\b"
)
_CLAUSE_BREAK = re.compile(
    r";\s*|\s+[–—]\s+"
    r"|(?<=[^\d\s])\s+-\s+(?=\S)|(?<=\d)\s+-\s+(?=[^\d\s])"
    r"|,\s*(?=(?:but|however|whereas|although|though|yet)\b)"
    r"|\s+(?=however\b)"
    r"|,\s*(?=(?:and\s+|while\s+|whilst\s+|so\s+)?(?:from|with effect from|as of|starting|"
    r"beginning|now|in future|going forward|henceforth|instead|today)\b)"
    r"|\s+(?=and (?:from|with effect from|as of|now|in future|going forward|henceforth)\b)"
    r"|,\s*(?=(?:which|who|as) (?:was|were|had|has been|have been|used to)\b)"
    rf"|[,:]\s*(?={_PRONOUN_DUTY})|,?\s+(?=(?:and|but|so) {_PRONOUN_DUTY})",
    re.IGNORECASE,
)
# A clause that says what is to be done now or from now on.
_OPERATIVE = re.compile(
    r"\b(?:will|shall|must|should|may|can|cannot|is|are|does|do|needs?|now|henceforth)\b",
    re.IGNORECASE,
)
# A clause that tells the past: no operative clause whatever its verbs.
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|used to|previously|historically|formerly)\b",
    re.IGNORECASE,
)
# "the offer previously delivered by Family Hubs": a past arrangement named inside a
# clause that says what will happen; the clause is not history.
_NAMED_PAST = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bhad )(?<!\bis )(?<!\bare )"
    r"\b(?:previously|formerly) (?:\w+ed|run|held|paid|provided|known|built|done|given|made|met|"
    r"undertaken|taken|seen|bought|spent|kept|led|set)\b"
    r"|\b(?:as|than) (?:previously|formerly|before)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:will|shall|must|should|is to|are to|from (?:next|january|february|march|april|may|"
    r"june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)

_NONE: frozenset[SentenceFlag] = frozenset()
_QUOTATION: frozenset[SentenceClass] = frozenset({"quotation"})

__all__ = [
    "CASE_TRAPS",
    "SentenceClass",
    "SentenceFlag",
    "classify",
    "clause_parts",
    "definition_row",
    "flaggable",
    "quiet_section",
    "sentence_classes",
    "sentence_flags",
    "set_aside_parts",
]


#: A row of a glossary table read with its headers: "Term: CQUIN | Meaning: ...",
#: "Abbreviation: KPI | Stands for: ...".
_DEFINITION_ROW = re.compile(
    r"(?i)^\W*(?:terms?|abbreviations?|acronyms?|words?|phrases?|glossary(?: terms?)?)\s*:"
    r"[^|\n]{1,80}\|\s*(?:meanings?|definitions?|descriptions?|explanations?|stands? for|"
    r"what (?:it|this) means|in full|full (?:name|term|title))\s*:"
)


def definition_row(text: str) -> bool:
    """True for a row of a glossary table: a term and what it means, as its headers say.

    Such a row defines a word, as "'Service credit' means ..." does: it sets no term of
    the contract by itself (domain brief 2.4).
    """
    return _DEFINITION_ROW.match(text) is not None


def quiet_section(path: tuple[str, ...]) -> bool:
    """True when a clause sits under a heading such as Definitions, Glossary or Background.

    A heading naming options weighed and not taken ("Alternative options considered and
    rejected") is one too: what it describes is what the document will not do.
    """
    return any(_QUIET_SECTION.search(h) for h in path)


#: A sentence that introduces a list ("Note that the Director approved the waiver below:",
#: "Members agreed the following:"), not a run-in label.
_LIST_LEAD_IN = re.compile(
    r"\b(?:below|following|as follows|listed)\s*:\s*$|\bthat\b", re.IGNORECASE
)


def label_runs(
    texts: Sequence[tuple[str, tuple[str, ...]]],
    opens: re.Pattern[str],
    continues: re.Pattern[str] | None = None,
) -> list[bool]:
    """Which of ``texts`` (a unit's text and heading path, in order) follow a run-in label.

    A decision record often has no headings, only run-in labels on lines of their own
    ("Alternative options considered:", "Decision:", "RESOLVED: To"). The unit holding a
    label ``opens`` matches and those after it under the same headings are marked, until
    the next short label ending in a colon, or a short field ("Minutes:", "Report author:
    Jo Bloggs"), that ``continues`` does not match; a sentence introducing a list ("Note
    that the Director approved the waiver below:") is not a label.
    """
    return _runs([(" ".join(text.split()), path) for text, path in texts], opens, continues)


def _runs(
    bodies: Sequence[tuple[str, tuple[str, ...]]],
    opens: re.Pattern[str],
    continues: re.Pattern[str] | None = None,
) -> list[bool]:
    """:func:`label_runs` of texts whose whitespace is already one space each."""
    marked: list[bool] = []
    on, path = False, None
    for body, heading_path in bodies:
        if heading_path != path:
            on, path = False, heading_path
        if opens.match(body):
            on = True
        elif (
            len(body.split()) <= 10
            and _LABEL_LINE.match(body)
            and not _LIST_LEAD_IN.search(body)
            and not (continues is not None and continues.match(body))
        ):
            on = False
        marked.append(on)
    return marked


def set_aside_parts(texts: Sequence[tuple[str, tuple[str, ...]]]) -> list[bool]:
    """Which of ``texts`` (a unit's text and heading path, in order) follow a set-aside label.

    The units after "Alternative options considered:" (see :func:`label_runs`); one
    option's own label ("Option 2: Do nothing.") does not end them. So is one option of
    an appraisal that says it was not taken ("Option 1: ... Not recommended."), and an
    option followed by its verdict in a sentence or a line of its own ("Issue annual
    grant agreements. Rejected - ...", then "Rejected due to ...").
    """
    bodies = [(" ".join(text.split()), path) for text, path in texts]
    judged_next = [
        n + 1 < len(bodies) and bool(_VERDICT_OPENS.match(bodies[n + 1][0]))
        for n in range(len(bodies))
    ]
    return [
        on
        or bool(_OPTION_ITEM.match(body) and _OPTION_SET_ASIDE.search(body))
        or bool(_VERDICT_OPENS.match(body) or _VERDICT_AFTER.search(body))
        or next_judged
        for on, (body, _), next_judged in zip(
            _runs(bodies, _SET_ASIDE_LABEL), bodies, judged_next, strict=True
        )
    ]


# A requirement of someone else's quoted to be criticised: a sentence telling what a
# national contract, ministers or the government ask ("Under the new national contract,
# each worker will be expected to make 400 referrals a year"), then a sentence pointing
# back at it to find fault ("That figure bears no relation to ...", "This is a target
# that ..."). The first is the writer's report of another's terms, not the page's own; a
# local specification adopting the same requirement does not go on to attack it.
_ELSEWHERE_ASKS = re.compile(
    r"\b(?:national(?:ly)?|ministers?|(?:the|central) government|NHS England|DHSC|"
    r"department of health|Whitehall|the new (?:contract|rules|guidance|framework|standard|"
    r"regime|scheme|target))\b[^.;]*?\b(?:will|must|shall|expected to|required to|have to|"
    r"has to|to be|requires?|expects?|wants?|asks?|demands?|sets?)\b",
    re.IGNORECASE,
)
_BACK_POINTER = (
    r"^\W*(?:(?:that|this|these|those|such)(?: (?:figure|target|number|requirement|rule|"
    r"expectation|quota|standard|threshold|measure|metric|approach|policy|demand)s?)?|"
    r"the (?:figure|target|number|requirement|rule|expectation|quota|standard|threshold))\b"
)
_CRITICISED = re.compile(
    _BACK_POINTER
    + r"[^.;]*?(?:\b(?:no (?:relation|relationship|connection|bearing)|ignor(?:es|ing)|"
    r"unrealistic|arbitrary|absurd|plucked|(?:makes|make) (?:no|little) sense|nonsense|"
    r"misses the point|perverse|flawed|counter-?productive|crude|simplistic|misguided|"
    r"short-sighted|punish(?:es|ing)|penalis(?:es|ing)|unworkable|unachievable|impossible|"
    r"ridiculous|hard to see|no evidence)\b"
    r"|\bis a (?:target|figure|number|quota|rule|measure) (?:that|which)\b)",
    re.IGNORECASE,
)
#: The page's own voice taking the requirement itself up: "This is a target which the ICB
#: will apply locally", "... that all providers must meet", "We will adopt it in full". A
#: criticism saying what providers will do as a result ("providers will struggle to meet
#: it") takes nothing up.
_ADOPTED = re.compile(
    r"\b(?:which|that)\s+(?:[\w'’-]+\s+){0,3}?(?:will|must|shall|is to|are to)\s+(?:be\s+)?"
    r"(?:appl(?:y|ied)|adopt\w*|use|used|follow\w*|meet|met|implement\w*|introduc\w*)\b"
    r"|\b(?:will|must|shall|is to|are to)\s+(?:appl(?:y|ies)|adopt|use|follow|meet|implement|"
    r"introduce)\s+(?:it|this|these|them|the (?:target|figure|requirement|rule|standard|"
    r"expectation|quota|threshold)s?)\b",
    re.IGNORECASE,
)
_CRITICISM_KEYS = (
    "relation", "connection", "bearing", "ignor", "unrealistic", "arbitrary", "absurd", "plucked",
    "sense", "misses the point", "perverse", "flawed", "productive", "crude", "simplistic",
    "misguided", "sighted", "punish", "penalis", "a target", "a figure", "a number", "a quota",
    "a rule", "a measure", "unworkable", "unachievable",
    "impossible", "ridiculous", "hard to see", "no evidence",
)  # fmt: skip
_CRITICISM_SCREEN = Screen(_CRITICISM_KEYS)


def _criticised_quotes(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with each requirement of another's, criticised next, marked ``report``."""
    out = list(sentences)
    for n in range(len(out) - 1):
        here, after = out[n], out[n + 1]
        following = text[after.start : after.end]
        criticised = _CRITICISED.search(following) if not here.flags else None
        if criticised is None:
            continue
        adopted = _ADOPTED.search(following)
        if adopted is not None and adopted.start() < criticised.end():
            continue  # taken up before any fault is found: "a target which the ICB will apply"
        if _ELSEWHERE_ASKS.search(text[here.start : here.end]):
            out[n] = Sentence(start=here.start, end=here.end, flags=here.flags | _REPORT)
    return out


# Every match of _ANY_FLAG holds one of these, in lower case, so a sentence with none of
# them needs no regex search. Exact only where ``str.lower`` agrees with IGNORECASE,
# which it does except for the characters in CASE_TRAPS.
_FLAG_KEYS = (
    "mean", "refers to", "is defined as", "for the purposes of this",
    # the nouns of a kind defined in general, however many words come before them
    "way", "form", "type", "kind", "method", "means", "model", "approach", "mechanism", "tool",
    "where", "in which", "referred to as", "known as", "tend to", "tends to", "tended to",
    "recent years", "recent decades", "recent times", "pressure", "strain",
    "help you",
    "previous", "historically", "former", "until 19", "until 20", "between 19", "between 20",
    "prior to 19", "prior to 20", "before 19", "before 20",
    "introduced", "established", "began", "started", "launched", "was commissioned",
    "were levied", "carried forward", "used to", "replaced",
    "in the past", "in past ", "in earlier ",
    "under the current", "under the existing", "under the present",
    "under the old", "the old ", "existing contract", "current contract", "present contract",
    "old contract", "existing specification", "current specification", "existing arrangement",
    "current arrangement", "existing model", "current model",
    "told us", "we heard", "found", "today",
    "reveal", "show", "find", "suggest", "indicat", "conclud", "highlight", "warn", "claim",
    "argu", "evidence", "demonstrat", "uncover", "expose", "documented", "allege", "observe",
    "it is common", "it is usual", "it is typical", "it is normal", "it is not unusual",
    "it is standard", "it is widespread", "many ", "most ", "some ", "several ", "typically",
    "traditionally",
    "currently", "at present",
    "at the moment", "described", "said", "complained", "recalled", "reported that",
    "reported how", "members", "councillors", "officers", "committee", "board", "panel",
    "cabinet",
    "box ", "intelligent kindness", "pattern", "commissioners have", "this guidance",
    "this document", "this framework", "this toolkit", "this handbook", "this paper",
    "this report", "this briefing", "this publication",
    "avoid", "guard against", "guards against", "away from", "steer clear of", "against",
    "?", "asked", "queried", "enquired", "inquired", "wondered", "questioned", "wanted to know",
    "to confirm", "to check", "to clarify", "to establish", "to ascertain", "to find out",
    "to consider", "to explore",
    "event", "session", "webinar", "briefing", "workshop", "meeting", " day",
    "reason key", "reasons key", "key decision", "decision type", "ward",
    "rejected", "discounted", "ruled out", "dismissed", "not recommended", "not supported",
    "not pursued", "not taken forward", "not preferred",
    # A span of dates opening a sentence: "Between 3 June 2019 and ...".
    *(f"between {the}{digit}" for the in ("", "the ") for digit in "0123456789"),
)  # fmt: skip
#: The words a sentence needs to carry any flag: those of :data:`_ANY_FLAG` and those of
#: another party's voice (:data:`speclint.structure.voice.VOICE_KEYS`).
_SCREEN_KEYS = (*_FLAG_KEYS, *VOICE_KEYS, *_CRITICISM_KEYS)
#: :data:`_FLAG_KEYS` and :data:`_SCREEN_KEYS` as one-pass screens.
_FLAG_SCREEN = Screen(_FLAG_KEYS)
_ANY_SCREEN = Screen(_SCREEN_KEYS)
_REPORT: frozenset[SentenceFlag] = frozenset({"report"})
#: Characters that IGNORECASE matching equates with an ASCII letter while ``str.lower``
#: does not turn them into it (dotted and dotless I, long S, the Kelvin sign).
CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")


def sentence_flags(body: str, quoted: bool) -> frozenset[SentenceFlag]:
    """Why a sentence is not operative, if it is not; one scan in the common case.

    Besides its own classes, a sentence telling what another party said, found, does or
    did (:func:`speclint.structure.voice.others_voice`) is ``report``.
    """
    voice = True
    if not quoted:
        low = body.lower()
        traps = any(c in body for c in CASE_TRAPS)
        voice = traps or voice_may(low)
        if traps:
            flagged = _ANY_FLAG.search(body) is not None
        elif not _FLAG_SCREEN.found_in(low):
            flagged = False
        elif len(low) != len(body):
            flagged = _ANY_FLAG.search(body) is not None
        else:
            flagged = _ANY_FLAG_PARTS.holds(low)
        if not flagged:
            return _REPORT if voice and others_voice(body) else _NONE
    marks: set[SentenceFlag] = set()
    if voice and others_voice(body):
        marks.add("report")
    if _DEFINITION.search(body) and not _sets_a_target(body):
        marks.add("definition")
    if _HISTORY.holds(body):
        marks.add("history")
    if _open_question(body):
        marks.add("question")
    if (
        quoted
        or _META.holds(body)
        or (
            _talks_about_document(body)
            and not _RECOMMENDS.search(body)
            and not _PARTY_WILL.search(body)
            and not _MONEY_OR_SHARE.search(body)
        )
        or (
            _AVOID.search(body)
            and not _AVOID_HEALTH.search(body)
            and not _AVOID_INSTRUCTED.search(body)
        )
        or _advised_against(body)
        or _DECISION_FIELD.search(body)
        or _REJECTED.search(body)
        or (
            _ENGAGEMENT_EVENT.search(body)
            and _PROCUREMENT_TALK.search(body)
            and not _EVENT_LIMITED.search(body)
        )
    ):
        marks.add("meta")
    return frozenset(marks)


def _talks_about_document(body: str) -> bool:
    """True when ``body`` talks about the document itself, not the agreement's terms."""
    return any(_TERMS_HELD.match(body, m.start()) is None for m in _ABOUT_DOC.finditer(body))


def _sets_a_target(body: str) -> bool:
    """True for a definition that makes a figure, a direction or a tally the measure of success."""
    verb = _DEFINING_VERB.search(body)
    if verb is None:
        return False
    term, meaning = body[: verb.start()], body[verb.end() :]
    if not _MEASURE_OF_SUCCESS.search(term):
        return False  # "'Service credit' means a deduction of 2% ...": a glossary term
    meaning = _REFERENCE.sub(" ", meaning)
    if _DIRECTION.search(meaning) is not None:
        return True
    return _FIGURE.search(meaning) is not None and _AGED.search(meaning) is None


_QUESTION: frozenset[SentenceClass] = frozenset({"question"})
_DENIED: frozenset[SentenceClass] = frozenset({"denied"})


def sentence_classes(body: str, quoted: bool) -> frozenset[SentenceClass]:
    """What a sentence is: :func:`sentence_flags`, and ``quotation`` when ``quoted``."""
    flags: frozenset[SentenceClass] = sentence_flags(body, quoted)
    return flags | _QUOTATION if quoted else flags


def _may_flag(text: str) -> bool:
    """False only when no sentence of ``text`` can carry a flag (one scan of the text)."""
    low = text.lower()
    return _ANY_SCREEN.found_in(low) or any(c in text for c in CASE_TRAPS)


def flaggable(texts: Sequence[str]) -> list[bool]:
    """For each of ``texts``, false only when none of its sentences can carry a flag.

    One search of the joined texts for each word a flag needs, rather than one per text:
    a document's units are screened at the cost of a few passes over its characters.
    """
    joined = "\0".join(texts)
    low = joined.lower()
    if len(low) != len(joined) or any(c in joined for c in CASE_TRAPS):
        return [_may_flag(text) for text in texts]
    starts = [0, *accumulate(len(text) + 1 for text in texts)]
    if _ANY_SCREEN.compiled:
        # One compiled pass over each text, every key at once.
        screen = _ANY_SCREEN.found_in
        return [screen(low[start : end - 1]) for start, end in pairwise(starts)]
    found = [False] * len(texts)
    for key in _SCREEN_KEYS:
        at = low.find(key)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found[i] = True
            at = low.find(key, starts[i + 1])  # on to the next text: this one is settled
    return found


def _clause_flags(clause: str) -> frozenset[SentenceFlag]:
    """The flags of one clause; a past arrangement only named in a future clause is none."""
    flags = sentence_flags(clause, False)
    if "history" in flags and _MODAL.search(clause):
        rest = _NAMED_PAST.sub(" ", clause)
        if not _HISTORY.holds(rest):
            flags -= {"history"}
    return flags


def _operative(clause: str) -> bool:
    """True when ``clause`` says what is (or will be) done, rather than what was.

    A clause of three words or more that tells no past ("no extra funding comes with
    the transfer") counts; a past arrangement it only names does not make it past.
    """
    clause = _NAMED_PAST.sub(" ", clause)
    if _PAST.search(clause) is not None:
        return False
    return _OPERATIVE.search(clause) is not None or len(clause.split()) >= 3


def _live_clauses(
    body: str, spans: list[tuple[int, int]], marks: list[frozenset[SentenceFlag]]
) -> list[bool]:
    """Which clauses of ``body`` say what is (or will be) done, each unflagged itself.

    A clause going on with another party's account ("... have started to pay by results
    - so providers only get paid in full if ...") is still the account unless it says
    what will, shall or must be done: it is not live after a ``report`` clause.
    """
    live: list[bool] = []
    told = False
    for mark, (a, b) in zip(marks, spans, strict=True):
        clause = body[a:b]
        if mark:
            told = "report" in mark
        live.append(
            not mark and _operative(clause) and not (told and _MODAL.search(clause) is None)
        )
    return live


def clause_parts(
    body: str, flags: frozenset[SentenceClass]
) -> list[tuple[int, int, frozenset[SentenceClass]]]:
    """``body`` (a sentence with ``flags``) cut where its flags stop applying.

    A sentence whose history, definition or commentary is one clause, while another
    clause says what is to be done ("The service was previously run by X; from April
    the Provider will be paid only for ..."), is cut into parts, each with its own
    flags; a clause that is neither (a past clause after a history one) keeps the flags
    of the clause before it. ``[(0, len(body), flags)]`` when the sentence is one piece.
    """
    bounds = [0]
    for match in _CLAUSE_BREAK.finditer(body):
        if match.start() > bounds[-1]:
            bounds.append(match.start())
            bounds.append(match.end())
    whole = [(0, len(body), flags)]
    if len(bounds) == 1:
        return [(0, len(body), _clause_flags(body))] if "history" in flags else whole
    bounds.append(len(body))
    spans = [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b > a]
    marks = [_clause_flags(body[a:b]) for a, b in spans]
    live = _live_clauses(body, spans, marks)
    if not any(live):
        return whole
    if not any(marks):
        return [(0, len(body), _NONE)]
    held: frozenset[SentenceClass] = next(m for m in marks if m)
    parts: list[tuple[int, int, frozenset[SentenceClass]]] = []
    for (a, b), mark, operative in zip(spans, marks, live, strict=True):
        if mark:
            held = mark
        own = _NONE if operative else held
        if parts and parts[-1][2] == own:
            parts[-1] = (parts[-1][0], b, own)
        else:
            parts.append((a, b, own))
    if len(parts) > 1:
        first = parts[0]
        parts[0] = (0, first[1], first[2])
    return parts


def classify(
    text: str, sentences: Iterable[Sentence], quoted: bool = False, may_flag: bool | None = None
) -> tuple[Sentence, ...]:
    """``sentences`` of ``text`` with their :attr:`~speclint.models.Sentence.flags` set.

    ``quoted`` is true for the text of a block quotation. A text holding none of the
    words a flag needs is passed over, its sentences kept as they are; ``may_flag`` is
    what :func:`flaggable` said of it, when it was asked (else one scan finds out).
    """
    if may_flag is None:
        may_flag = _may_flag(text)
    if not quoted and not may_flag:
        return tuple(s if not s.flags else Sentence(start=s.start, end=s.end) for s in sentences)
    out = _classified(text, sentences, quoted)
    if not quoted and _CRITICISM_SCREEN.found_in(text.lower()):
        out = _criticised_quotes(text, out)
    if any("report" in s.flags for s in out):
        out = _account_carried(text, out)
    return _questions_marked(text, out) if "?" in text else tuple(out)


def _account_carried(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with those going on with a report of another party marked ``report``.

    A paragraph of news tells its story over several sentences, only the first naming
    its source ("Critics say the council cut visits. Most were cut to 15 minutes."). A
    sentence after a ``report`` one in the same unit is ``report`` too while it goes on
    telling the past (:func:`speclint.structure.voice.continues_account`); the first
    that says what will or must be done, or what "we" do, ends the story.
    """
    out: list[Sentence] = []
    carrying = False
    for s in sentences:
        if "report" in s.flags:
            carrying = True
        elif carrying:
            if continues_account(text[s.start : s.end]):
                s = Sentence(start=s.start, end=s.end, flags=s.flags | _REPORT)
            else:
                carrying = False
        out.append(s)
    return out


def _classified(text: str, sentences: Iterable[Sentence], quoted: bool) -> list[Sentence]:
    """``sentences`` with the flags :func:`sentence_classes` gives each, split where needed."""
    out: list[Sentence] = []
    for s in sentences:
        flags = sentence_classes(text[s.start : s.end], quoted)
        if flags and not quoted:
            parts = clause_parts(text[s.start : s.end], flags)
            if len(parts) > 1 or parts[0][2] != flags:
                out.extend(
                    Sentence(start=s.start + a, end=s.start + b, flags=f) for a, b, f in parts
                )
                continue
        out.append(s if flags == s.flags else Sentence(start=s.start, end=s.end, flags=flags))
    return out


#: A yes-or-no question, after any label ("Q3:", "Question 4 -", "Clarification 9 |")
#: and an opening condition ("If a patient cancels, will ..."): it opens with an
#: auxiliary verb and ends with a question mark. A question opening with how, what or
#: which takes its content as given ("How will the provider meet the target within the
#: existing budget?") and is not one.
_CLOSED_QUESTION = re.compile(
    r"^[^\w?]*(?:[^?:|]{0,40}(?:\b(?:FAQ|Q(?:uestion|uery)?)\s*\d*\s*[:.)|\-–]|\|)\s*){0,2}"
    r"(?:\(?\d{1,2}[a-z]?[.)]+\s*)?"  # a list number: "2a) Is ...?"
    r"(?:if\b[^?,;]{1,120},\s*)?"
    r"(?:will|would|can|could|is|are|was|were|does|do|did|should|shall|must|may|might|"
    r"has|have|had)\b[^?]*\?[\s\W]*$",
    re.IGNORECASE,
)


#: A sentence that is only a list label: "5a.)", "(b)", "Q6:", "ii.".
_LABEL_ONLY = re.compile(
    r"^\W*(?:Q(?:uestion)?\s*)?\(?(?:\d{1,2}[a-z]?|[a-h]|[ivx]{1,4})[.):]+\)?\W*$", re.IGNORECASE
)
#: An answer of no: "No.", "A: No, ...", "Answer - No" (not "No. 4", a number).
_ANSWERED_NO = re.compile(
    r"^[\s|]*(?:(?:A|Answer|Response|Reply)\s*\d*\s*[:.)|\-–]\s*)?no\b(?!\.\s*\d)",
    re.IGNORECASE,
)


def _questions_marked(text: str, sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """``sentences`` with each yes-or-no question marked ``question`` or ``denied``.

    A question is unanswered (``question``) when no sentence follows it in its clause,
    or only another question does. One answered "No" ("A: No.", "No, the fee is fixed")
    is ``denied``: what it asked is not so. Both are skipped as rules skip history, but a
    rule for which a "no" admits a gap ("Were carers asked? No.") opts back in to
    ``denied``. A question answered otherwise ("Yes.") is read with its answer.
    The answer of a table row split as one sentence with its question ("Q: Is it…? |
    A: No.") is read in the same way.
    """
    out = list(sentences)
    for i, s in enumerate(out):
        body = text[s.start : s.end]
        # The first question of the sentence: a list of questions run together ("Is
        # there ...? 5a) What share ...?") is read from its first.
        mark = body.find("?")
        if mark < 0 or not _CLOSED_QUESTION.match(body[: mark + 1]):
            continue
        if body[mark + 1 :].strip():
            answer: str | None = body[mark + 1 :]
        else:
            # The next sentence that is more than a list label ("5a.)", "(b)", "Q6:").
            after = [n for n in out[i + 1 : i + 4] if not _LABEL_ONLY.match(text[n.start : n.end])][
                :1
            ]
            answer = text[after[0].start : after[0].end] if after else None
        if answer is None or answer.rstrip().endswith("?"):
            flag = _QUESTION
        elif _ANSWERED_NO.match(answer):
            flag = _DENIED
        else:
            continue
        out[i] = Sentence(start=s.start, end=s.end, flags=s.flags | flag)
    return tuple(out)

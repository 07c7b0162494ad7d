"""What kind of text a document, or a section of it, is: requirements or something else.

A commissioning document states what a contract requires. Much that is published about
commissioning does not: a news item or blog post describes a scheme ("Under the new
model, providers are paid ..."), the minutes of a meeting record what was said and
agreed ("It was agreed that ..."), a grant prospectus says what a fund is for ("The
fund aims to ..."), and a blank form or pricing schedule only asks for figures
("£____ per hour", "[insert]"). Read as clauses, such sentences look like terms of a
contract they are not.

This module reads cues over the whole document (:func:`document_kind`: bylines and
reported speech, attendance lists and "it was agreed", applications and grants, blanks
to fill in), over a section (:func:`narrative_section`: a heading such as "Case study",
"Minutes" or "What people told us") and over a unit (:func:`has_blank`), and says which
sentences of such text are not operative (:func:`kind_flags`). A sentence that states a
duty of a party ("The Provider shall ...", "the Contractor will be paid ...") stays
operative wherever it stands. So does what a public body records of its own decision
(:func:`decides`, :func:`own_record`): a cabinet's or a board's minutes, or a decision
record set out under "Decision:" and "Reasons for the decision:", adopt the weighting,
term and budget they state for their own procurement ("Bids were scored 60% on price",
"Members agreed a two-year contract"), while what they tell of other councils, of a
dated past or of a question put stays a report. A lone sentence (a test's, a corpus's)
has no document around it and is read as a requirement, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Literal

from speclint import lazy_re as re
from speclint.lazy_re import CASE_TRAPS
from speclint.models import Block, SentenceClass
from speclint.structure.meaning import label_runs
from speclint.structure.voice import (
    PIECE_LABEL,
    PROCUREMENT_RECORD,
    account_voice,
    commentary,
    commissions,
    officer_byline,
    recommends,
    states_term,
    tells,
)
from speclint.substrings import Screen

#: What a document is, as far as its requirements go: ``requirements`` (the usual
#: case: a specification, contract, schedule or strategy), ``report`` (news, a press
#: release, a blog post or case study describing a scheme), ``minutes`` (of a meeting,
#: workshop or consultation), ``funding`` (a grant or fund prospectus) or ``form``
#: (a form or schedule with blanks to fill in) or ``commentary`` (an opinion piece, a
#: bid-writing blog, a trade body's guide, a research review: a page about commissioning
#: in a voice that is not a buyer's, :func:`speclint.structure.voice.commentary`).
DocumentKind = Literal["requirements", "report", "minutes", "funding", "form", "commentary"]

#: What a sentence says of a party to the contract: a duty, or a payment it will receive.
#: Such a sentence stays operative in any kind of text.
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
DUTY = re.Alternation(
    r"\b(?:shall|must|is required to|are required to|will be required to)\b"
    r"|\bthe (?:provider|service provider|contractor|supplier)s?\b[^.;]{0,40}?"
    r"\b(?:will|is to|are to)\b",
    re.IGNORECASE,
)

# What a clause of a template says of money or of what will happen, blank or not:
# "[insert]% of the price is withheld", "will be paid at the rate bid".
_TERM = re.compile(
    r"\b(?:will|shall|may|should|is to|are to)\b"
    r"|\b(?:is|are|be|been) (?:not |only )?(?:paid|payable|withheld|deducted|retained|"
    r"contingent|linked|tied|reduced|released|calculated|made|earned|triggered|at risk)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|must|is to|are to|from (?:april|\d))\b", re.IGNORECASE)
_PARTY_DUTY = re.compile(
    r"\bthe (?:provider|service provider|contractor|supplier)s?\b[^.;\"“”]{0,40}?"
    r"\b(?:shall|must|will|is to|are to|is required to)\b",
    re.IGNORECASE,
)
# Labels that open the lines of a record of a meeting: "Present:", "Apologies:".
_MEETING_LABEL = re.compile(
    r"^\W*(?:present|apologies(?: for absence)?|attendees|attendance|in attendance|"
    r"also (?:present|in attendance)|minute[- ]?taker|matters arising|"
    r"minutes of (?:the )?(?:last|previous) meeting|date of (?:the )?next meeting|"
    r"any other business|quorum|quoracy|chair(?:ed by)?|facilitat(?:or|ed by)|resolved|"
    r"meeting(?: date)?|agenda item(?: \d+)?)\b[^:\n]{0,20}[:\-–]",
    re.IGNORECASE | re.MULTILINE,
)
# What a record of a meeting says was said or done.
_MEETING_SENTENCE = re.compile(
    r"\bit was (?:agreed|noted|resolved|confirmed|felt|suggested|reported|explained|"
    r"recognised|recognized|highlighted|discussed|raised|queried|acknowledged)\b"
    r"|\b(?:attendees|participants|delegates|members|councillors|the (?:committee|board|"
    r"commission|forum|group|panel|meeting|workshop))\b (?:noted|raised|agreed|discussed|"
    r"felt|received|asked|questioned|welcomed|expressed|highlighted|considered|resolved)\b"
    r"|\bapologies (?:were|had been) (?:received|noted)\b|\bconcern was (?:expressed|raised)\b"
    r"|\bintroduced the (?:[\w-]+ ){0,6}(?:report|paper|item)\b"
    r"|\b(?:action|decision)\s+[–—-]\s",
    re.IGNORECASE,
)
_MEETING_TITLE = re.compile(
    r"\b(?:minutes|meeting notes|notes of (?:the|a) (?:[\w-]+ ){0,3}(?:meeting|workshop|"
    r"session|event|forum)|action (?:log|notes)|decision (?:and action )?log|"
    r"workshop (?:notes|report|summary|outputs?|feedback)|consultation (?:summary|report|"
    r"feedback|findings|responses?)|engagement (?:summary|report|findings|feedback)|"
    r"agenda item|issue - meetings?|(?:committee|board|panel|cabinet) (?:meeting|report))\b",
    re.IGNORECASE,
)
# Reported speech, an announcement, a byline: the marks of news and articles.
_REPORT_SENTENCE = re.compile(
    r"\b(?:said|says|explains|explained|added|commented|told \w+)\s*[:,]\s*[\"“‘']"
    r"|[\"”’'],?\s+(?:he |she |they )?(?:said|says|explained|added)\b"
    r"|\bsays (?:a |the )?(?:new |recent |latest )?(?:report|study|review|survey)\b"
    r"|,\s+(?:says|said|writes|explains) [A-Z][\w'’-]+ [A-Z][\w'’-]+"
    r"|\b(?:this|the) (?:article|blog|blog post|post|story|news item|interview|podcast)"
    r" (?:was|is|has|looks|explores|sets|describes|explains|first)\b"
    r"|\b(?:has|have) (?:recently |now |today )?(?:launched|announced|unveiled|rolled out)\b"
    r"|\bpress release\b"
    # A notice to the public asking for their views ("have your say", "your feedback").
    r"|\b(?:have your say|your (?:views|feedback|comments)|tell us what you think|"
    r"letting you know)\b"
    r"|\b(?:local authorities|councils|commissioners|providers|organisations|areas|trusts)"
    r" (?:are|have been) (?:increasingly |now |also )?(?:looking|beginning|starting|moving|"
    r"turning|exploring|adopting)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_BYLINE = re.compile(
    r"^\s*(?:by [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}"
    rf"|(?:posted|published|updated|last updated)(?: on)?:? \d{{1,2}}\w* {_MONTH},? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
#: The marks of a record of questions put to a public body and its answers: a request
#: under the Freedom of Information Act, a parliamentary question ("To ask the Secretary
#: of State ...", "Answered by ..."). What such a record tells is what the body already
#: does or plans, disclosed on request, not terms it sets.
_QUESTION_RECORD = re.compile(
    r"\bto ask (?:the|his|her|his majesty's|her majesty's) (?:secretary of state|minister|"
    r"government|chancellor|prime minister)\b"
    r"|^\W*answered by\b|\bthis question was answered\b|^\W*asked by\b"
    r"|\b(?:request(?:ed|ing)?|ask(?:ed|ing)?) (?:for )?(?:the following )?information under the "
    r"freedom of information\b|\bthe freedom of information act\b"
    r"|\b(?:foi|freedom of information) (?:request|response|reference)\b"
    r"|\byour request for information\b|\bHC Deb\b"
    # A request's own words: "This request relates to information held by the council".
    r"|\b(?:this|the) request (?:relates|seeks|is for|concerns)\b"
    r"|\bfor the purposes of this request\b"
    r"|\bplease provide (?:the )?(?:recorded |the following )?information\b"
    r"|\b(?:recorded )?information held by the (?:council|authority|trust|board|department)\b",
    re.IGNORECASE | re.MULTILINE,
)
_QUESTION_RECORD_TITLE = re.compile(
    r"\b(?:foi|freedom of information|written (?:questions?|answers?)|parliamentary questions?|"
    r"information requests?)\b",
    re.IGNORECASE,
)
#: A headline led by the label of the kind of piece: "Guest blog: ...", "Opinion | ...".
_PIECE_TITLE = re.compile(rf"^\W*{PIECE_LABEL}", re.IGNORECASE)
#: A page presenting itself as a piece of writing: "This article sets out how providers
#: ...", "In this blog post we explore ...". Counted once more than any other sentence of
#: an account: a specification or a notice never calls itself an article.
_SELF_PRESENTED = re.compile(
    r"\b(?:this|the following|in this) (?:article|blog(?: post)?|post|piece|explainer|essay|"
    r"opinion piece|briefing note)\b(?! (?:of|number|no\.?|\d))",
    re.IGNORECASE,
)
# A grant or fund that people apply to.
_FUNDING_TITLE = re.compile(r"\b(?:fund|funds|grants?|funding)\b", re.IGNORECASE)
_APPLY = re.compile(
    r"\b(?:apply|applications?|applicants?)\b[^.;\n]{0,80}?\b(?:grants?|fund|funds|funding)\b"
    r"|\b(?:grants?|fund|funds|funding)\b[^.;\n]{0,80}?\b(?:apply|applications?|applicants?)\b",
    re.IGNORECASE,
)
#: What a fund, grant or programme is for: "The fund aims to ...", "This grant is
#: intended for ...", "The funding is aimed at ...".
PURPOSE = re.compile(
    r"\b(?:fund|funds|grants?|funding|programme|scheme|initiative|foundation)\b[^.;]{0,40}?"
    r"\b(?:aims?|aimed|is intended|are intended|is designed|seeks?|exists?|is for|are for|"
    r"principal aim|principle aim|purpose)\b"
    r"|\b(?:aims?|purpose|objective)s? of (?:the|this) (?:fund|grant|funding|programme|scheme)\b",
    re.IGNORECASE,
)
# A blank to fill in: a run of underscores (two, where Markdown read the rest as
# emphasis) or dots (not a contents page's dot leader,
# which a page number follows), a bracketed placeholder, a currency sign with no sum,
# or a label whose answer was a line of underscores (a colon, then only spaces).
_BLANK = re.compile(
    r"(?<![\w_])_{2,}(?![\w_])|_{3,}|(?:\.{5,}|…{2,})(?![.…\s]*\d)"
    r"|\[\s*(?:insert|enter|add|state|specify|complete|name|date|amount|value|price|rate|"
    r"figure|tbc|tbd|x{1,4}|£|\$|€)\b[^\]\n]{0,40}\]"
    r"|[£$€]\s*(?:\[|\(\s*per\b|$|\||\s{2,}\S)|:[ \t]{3,}$|<\s*insert\b[^>\n]{0,40}>",
    re.IGNORECASE | re.MULTILINE,
)
# What an account of the past says: "was", "had been", "have seen", "introduced".
_TOLD = re.compile(
    r"\b(?:was|were|had|did|has been|have been|used to)\b"
    r"|\b(?:has|have)(?: \w+ly| also| now| not)? (?:\w+ed|seen|made|done|shown|grown|taken|"
    r"given|found|become|begun|brought|built|run|met|led|won|lost|kept|spent|set|put)\b",
    re.IGNORECASE,
)
# What asks something of someone: a duty, a recommendation, a plan.
_ASKED = re.compile(
    r"\b(?:shall|must|should|will|need to|needs to|is to|are to|required|expected to|ought)\b",
    re.IGNORECASE,
)
_CONTRACT_TITLE = re.compile(
    r"\b(?:contract|schedule|specification|agreement|terms|conditions|tender|framework|"
    r"service description|requirements?|KPIs?|key performance)\b",
    re.IGNORECASE,
)
# A sentence about a kind of contract in general: "An outcome-based contract ties ...",
# "Fixed-price contracts guarantee ...", "Most block arrangements give ...".
_GENERIC = re.compile(
    r"^\W*(?:(?:an?|most|many|some|such|typical|standard|traditional)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:[\w]+-based|\w+ based|fixed-price|block|spot|cost and volume|"
    r"time-and-materials|payment-by-results|payment by results|fee[- ]for[- ]service|outcome|"
    r"outcomes-based|framework|conventional)\s+"
    r"(?:contracts?|contracting|agreements?|models?|approach(?:es)?|arrangements?|schemes?|"
    r"commissioning|payment schemes?)"
    # "Outcome based contracts, by contrast, tend ...".
    r"(?:\s*\([\w&]{2,8}\))?(?:,[^,.;]{1,40},)?"
    r"\s+(?!(?:shall|must|will|should|is to|are to)\b)[a-z]\w*",
    re.IGNORECASE,
)
_EXPLAINER_TITLE = re.compile(
    r"^\W*(?:how|what|why|when|should|is|are|can|does|do)\b|\?\s*$"
    r"|\b(?:explained|explainer|a guide to|guide|what you need to know|introduction to|"
    r"basics|tips|lessons|myths)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CURRENCY_ONLY = re.compile(r"^\s*[£$€]?\s*$")
_NARRATIVE_SECTION = re.compile(
    r"\b(?:minutes|case stud(?:y|ies)|press releases?|news|notes of (?:the |a )?"
    r"(?:meeting|workshop|session|event)|workshop (?:notes|feedback|summary|outputs?|findings)|"
    r"what (?:you|people|we|they|residents|patients|carers|providers|families|young people)"
    r" (?:told us|said|heard)|you said|feedback (?:from|received)|"
    r"(?:consultation|engagement) (?:feedback|findings|summary|responses?|outcomes?)|"
    r"lessons learn\w*|learning from (?:elsewhere|other areas)|"
    r"(?:national|local|strategic|policy) context|context and background|"
    r"current (?:service|services|provision|position|situation|arrangements?|model|picture)|"
    r"the story so far|how we got here|"
    r"examples? (?:from|of) (?:practice|elsewhere)|good practice examples?)\b",
    re.IGNORECASE,
)

#: The marks of a public body that decides for itself: a cabinet, a council's committee or
#: councillors, an integrated care board, a health and wellbeing board, a cabinet member.
_DECIDING_BODY = re.compile(
    r"\b(?:cabinet|councillors?|(?:sub-)?committee|integrated care board|ICB|"
    r"health and wellbeing board|(?:executive|cabinet) member|portfolio holder|"
    r"(?:the|this) (?:board|council|executive)|"
    r"(?:area|parish|town|county|city|borough|district) council)\b",
    re.IGNORECASE,
)
#: What such a body's record of a meeting says it decided: "RESOLVED: That ...", "The
#: Cabinet agreed ...", "Members approved ...", "It was resolved that ...". A run-in label
#: opening a part of a decision ("Decision:", "Reasons for the decision:") is one too.
#: "RESOLVED that ..." opening a line: a decision set out without a colon.
_RESOLVED_THAT = r"resolved,? that\b"
_DECISION_LABEL = (
    r"^\W*(?:(?:resolved|agreed|decisions?(?: made| taken)?|"
    rf"reasons? for (?:the )?decisions?)\b[^:\n]{{0,20}}[:\-–]|{_RESOLVED_THAT})"
)
_OWN_DECISION = re.compile(
    _DECISION_LABEL
    # "(i) That the procurement ... be approved": a resolution, numbered or not
    + r"|^\W*(?:(?:[ivx]{1,4}|[a-h]|\d{1,2})[.)]\s*)?that\b[^.;]{0,200}?\bbe "
    r"(?:approved|awarded|agreed|endorsed|let|procured|"
    r"re-?procured|commissioned|extended|authorised|authorized)\b"
    # "Cabinet endorsed ...": minutes name the cabinet without an article.
    r"|\b(?:the (?:cabinet|committee|sub-committee|board|panel|executive|council)|cabinet|members|"
    r"councillors)\b(?: [^.;]{0,40}?)? (?:has |have )?(?:also |unanimously )?"
    r"(?:agreed|approved|resolved|decided|endorsed|ratified|authorised|authorized)\b"
    r"|\bit (?:was|has been) (?:agreed|resolved|decided|approved)\b",
    re.IGNORECASE | re.MULTILINE,
)
#: A unit opening with a decision's label: all its sentences are the decision's.
_DECISION_LABELLED = re.compile(_DECISION_LABEL, re.IGNORECASE)
#: A heading over a decision or its reasons: "Decision", "7. Reasons for the decision".
#: Not "Recommendations": a watchdog's or a study's recommendations are no decision.
_DECISION_HEADING = re.compile(
    r"^\W*(?:\d[\d.]*\s*)?(?:decisions?(?: made| taken)?|resolved|resolutions?|"
    r"reasons? for (?:the )?decisions?)\W*$",
    re.IGNORECASE,
)
#: A decision's own mark as a record sets it out, which news and research never bear: a
#: run-in "Decision:", "RESOLVED", "RESOLVED that", "Reasons for the decision:".
_DECISION_MARK = re.compile(
    r"^\W*(?:(?:resolved|decisions?(?: made| taken)?|reasons? for (?:the )?decisions?)\b"
    rf"[^:\n]{{0,20}}[:\-–]|{_RESOLVED_THAT})",
    re.IGNORECASE | re.MULTILINE,
)
#: The marks of a decision ON a body, by an ombudsman, a court, a tribunal or an inspector
#: upholding a complaint: its "Decision" judges what a council did, and adopts nothing.
_ADJUDICATION = re.compile(
    r"\b(?:ombudsman|tribunal|the court|judg(?:e)?ment|maladministration|injustice|at fault|"
    r"complainants?|complains|upheld|(?:my|our|the) investigation)\b",
    re.IGNORECASE,
)
#: The body's own procurement, told as its design: "The tender was evaluated on ...",
#: "Bids were assessed against ...", "the contract will be let for ...".
_OWN_PROCUREMENT = re.compile(
    r"\b(?:tenders?|bids?|lots?|submissions?|contracts?|agreements?|frameworks?|services?|"
    r"evaluation|weightings?|price|quality|award|budget|providers?)\b[^.;]{0,40}?"
    r"\b(?:was|were|has been|have been|is|are|will be|is to be|are to be)\s+(?:\w+ly\s+)?"
    r"(?:evaluated|assessed|scored|weighted|awarded|let|procured|re-?procured|tendered|"
    r"re-?tendered|commissioned|split|fixed|capped|frozen|reduced|cut|set|extended|based|paid|"
    r"withheld)\b",
    re.IGNORECASE,
)
#: What a procurement or a service is made of, for a sentence saying what will be done.
_COMMISSIONING_TERM = re.compile(
    r"\b(?:tenders?|bids?|bidders?|lots?|contracts?|agreements?|frameworks?|services?|"
    r"providers?|budgets?|price|prices|quality|evaluation|weighting|term|payments?|paid|funding|"
    r"targets?|model)\b",
    re.IGNORECASE,
)
#: What a record tells that is not the body's own choice: the past before this decision
#: ("had been", a past year, the last tender), what someone asked, suggested or reported,
#: other councils, the region or what national guidance or regulations allow.
_NOT_OWN = re.compile(
    r"\bhad\b|\b(?:in|during|since|until|by|before) (?:19|20)\d\d\b"
    r"|\b(?:the |its |our )?(?:last|previous|earlier|former|old) (?:tenders?|contracts?|"
    r"procurements?|rounds?|frameworks?|arrangements?|model)\b"
    r"|\b(?:asked|queried|questioned|enquired|wondered|sought assurance) (?:whether|if|how|why|"
    r"what|about)\b|\b(?:suggested|argued|felt|commented|remarked)\b"
    r"|\b(?:reported|told|informed|advised|explained|found|heard) "
    r"(?:to )?(?:members |councillors |the (?:committee|board|cabinet|panel) )?that\b"
    r"|\b(?:other|neighbouring|another|nearby|similar|comparator) (?:councils?|authorities|"
    r"areas|boards|ICBs|trusts|places)\b|\belsewhere\b"
    r"|\b(?:across|throughout|elsewhere in) the (?:region|country|sector|county|nation)\b"
    r"|\b(?:national|government|statutory|nhs england|department of health|dhsc) guidance\b"
    r"|\b(?:guidance|regulations?|legislation|the law|the act|the (?:nhs )?standard contract)"
    r" (?:allows?|lets|advises|recommends|suggests|says|states|permits?|enables?|provides? for)\b",
    re.IGNORECASE,
)
#: Which way a decision goes: a record that ends, drops, replaces, declines or sets aside
#: what it names is not adopting it. Only the decided content's head counts: the verb the
#: decision takes ("agreed to end the practice of ...", "resolved to halt ...", a decision
#: opening "To end ..."), what is to be ended in the passive ("will be replaced by ..."),
#: a noun of ending ("approved the retirement of ..."), or a decision against ("would not
#: be repeated", "decided against", "no longer", "should give way to"). What a decision
#: mentions in passing stays adopted ("agreed a 12-month contract, which will replace
#: the grant scheme"), and a time after a verb of ending ("to end after 12 months") is a term.
_ENDING_VERB = (
    r"(?:stop|stops|stopped|stopping|end|ends|ended|ending|cease[sd]?|ceasing|drop|drops|"
    r"dropped|dropping|halt|halts|halted|halting|abandon\w*|discontinu\w*|retir(?:e|es|ed|ing)|"
    r"scrap\w*|abolish\w*|replac(?:e|es|ed|ing)|withdraw\w*|remov(?:e|es|ed|ing)|repeal\w*|"
    r"revers(?:e|es|ed|ing)|reject\w*|declin(?:e|es|ed|ing)|overturn\w*|phas(?:e|ed|ing) out|"
    r"do(?:ne)? away with|move[sd]? (?:away|on) from|moving (?:away|on) from|"
    r"switch(?:es|ed|ing)? (?:away )?from)\b"
    r"(?! (?:after|at|on|in|when|within|before|no later)\b)"
)
_SET_DOWN = re.compile(
    r"\b(?:agreed|decided|resolved|approved|voted|chose|endorsed|supported)\b[^.;,]{0,50}?\b"
    + _ENDING_VERB
    + r"|^\W*(?:to|that)\s+(?:\w+\s+){0,2}?"
    + _ENDING_VERB
    + r"|\b(?:be|been|being)\s+(?:\w+ly\s+)?(?:stopped|ended|ceased|dropped|halted|abandoned|"
    r"discontinued|retired|scrapped|abolished|replaced|withdrawn|removed|repealed|reversed|"
    r"rejected|phased out|done away with)\b"
    r"|\b(?:end|ending|retirement|removal|withdrawal|abolition|replacement|discontinuation|"
    r"scrapping|phasing out|reversal) of\b"
    # not a date: "from September 2012 to end of March 2015", "by the end of the year"
    r"(?!\s+(?:the\s+)?(?:(?:financial|contract|calendar|school)\s+)?(?:year|month|quarter|period|term|(?:19|20)\d\d\b)"
    rf"|\s+(?:the\s+)?{_MONTH}\b)"
    r"|\bno longer\b|\buntil now\b|\bgiv(?:e|es|ing) way\b|\bgave way\b|\bruled out\b"
    r"|\b(?:decided|voted|resolved|agreed|came down|advised) against\b"
    r"|\b(?:agreed|decided|resolved|chose|voted) not to\b"
    r"|\bnot (?:be |been )?(?:repeated|continued|renewed|retained|kept|adopted|pursued|"
    r"supported|recommended|preferred|taken forward|used|carried (?:forward|into|over))\b",
    re.IGNORECASE,
)


def decides(blocks: Sequence[Block], title: str = "", marked: bool = False) -> bool:
    """True for the record of a public body deciding for itself.

    A cabinet, a council's committee or an integrated care board records what it
    agreed, approved or resolved ("RESOLVED: That ...", "The Cabinet agreed ...",
    "Decision:"). What such a record says of its own procurement is what the body is
    adopting, not a report of another's practice. Notes of a provider forum or a
    workshop ("it was agreed that the rota pilot ...") name no such body. With
    ``marked`` (for a page read as an account), only a decision set out as a record
    sets it out counts: a run-in "Decision:" or "RESOLVED", or a heading "Decision" or
    "Reasons for the decision"; news of a cabinet that "agreed" something is news, and an
    ombudsman's or a court's decision on a council (:data:`_ADJUDICATION`) is no record of
    the council's own.
    """
    texts = [b.text for b in blocks if b.text.strip()]
    joined = "\n".join(texts)
    if not (_DECIDING_BODY.search(title) or _DECIDING_BODY.search(joined)):
        return False
    if marked:
        if _ADJUDICATION.search(title) or _ADJUDICATION.search(joined):
            return False  # an ombudsman's or a court's decision on a council
        if _DECISION_MARK.search(joined) is not None or any(
            b.kind == "heading" and _DECISION_HEADING.match(b.text) for b in blocks
        ):
            return True
        # Minutes full of what members said read as an account, but their form is a
        # record's: a title naming minutes, or "Present:" and "Apologies:" lines. What
        # the body itself endorsed, ratified or approved there is its own decision.
        if not _MEETING_TITLE.search(title) and len(_MEETING_LABEL.findall(joined)) < 2:
            return False
        return _OWN_DECISION.search(joined) is not None
    return _OWN_DECISION.search(joined) is not None


def decision_section(path: tuple[str, ...]) -> bool:
    """True under a heading such as Decision, Reasons for the decision or Recommendations."""
    return any(_DECISION_HEADING.match(h) for h in path)


def own_record(body: str, labelled: bool = False) -> bool:
    """True for a sentence of a deciding body's record that states its own choice.

    The decision itself ("Members agreed a two-year agreement", "RESOLVED: That ...
    be awarded"), every sentence of a unit under a decision's label (``labelled``), and
    what the record tells of its own procurement as its design ("The tender was
    evaluated on ...", "the service will ... within the same budget"). Not the past
    before it ("had been", a dated year), what someone asked, suggested or reported,
    other councils' practice, and not a decision that goes the other way: what the body
    ends, replaces, declines or sets aside (:data:`_SET_DOWN`).
    """
    if _NOT_OWN.search(body) or _SET_DOWN.search(body):
        return False
    if labelled or _OWN_DECISION.search(body):
        return True
    if _OWN_PROCUREMENT.search(body):
        return True
    return _FUTURE.search(body) is not None and _COMMISSIONING_TERM.search(body) is not None


#: Where a decision turns from what it sets down to what it takes up in its place: "agreed
#: to replace the five-year contract | with annual contracts ...", "to end the block
#: contract | and pay only for each session", "to remove the uplift, | so the price stays".
_TAKEN_UP = re.compile(
    r"(?:,\s*|\s+)(?:with|by|in favour of|and(?: to)?|so(?: that)?|so as to)\s+(?=\w)",
    re.IGNORECASE,
)


def taken_up(body: str) -> int | None:
    """Where a sentence of a deciding body's record turns to what it adopts, if it does.

    A decision that sets something down (:data:`_SET_DOWN`) often says in the same
    sentence what replaces it ("agreed to replace the five-year contract with annual
    contracts re-tendered each year"): the rest, from the turn, is the body's own choice.
    ``None`` when the sentence sets nothing down, or names nothing in its place.
    """
    if _NOT_OWN.search(body):
        return None
    down = _SET_DOWN.search(body)
    if down is None:
        return None
    turn = _TAKEN_UP.search(body, down.end())
    if turn is None or len(body[turn.end() :].split()) < 3:
        return None
    return turn.start()


#: A line that is only the label over a body's decision: "Decision:", "RESOLVED: To",
#: "The Cabinet resolved that:", "Decisions made:".
_DECISION_RUN = re.compile(
    r"^\W*(?:(?:the )?(?:cabinet|committee|sub-committee|board|panel|council|members) )?"
    r"(?:resolved|agreed|decisions?(?: made| taken)?)\b[^:\n]{0,20}:\s*(?:to|that)?\s*$",
    re.IGNORECASE,
)
#: Labels that carry on a decision's run: the reasons for it, or another label of it.
_DECISION_RUN_GOES_ON = re.compile(
    r"^\W*(?:(?:the )?(?:cabinet|committee|board|panel|council|members) )?(?:resolved|agreed|"
    r"decisions?|reasons? for (?:the )?decisions?)\b",
    re.IGNORECASE,
)


def decision_parts(texts: Sequence[tuple[str, tuple[str, ...]]]) -> list[bool]:
    """Which of ``texts`` (a unit's text and heading path, in order) set out a decision.

    The units after a line that is only a decision's label ("Decision:", then "RESOLVED:
    To", then "1. Approve the procurement of a four-year contract ..."), until the next
    label of another kind ("Minutes:"); see :func:`speclint.structure.meaning.label_runs`.
    """
    return label_runs(texts, _DECISION_RUN, _DECISION_RUN_GOES_ON)


def decision_labelled(text: str) -> bool:
    """True when a unit opens with a decision's label ("Decision:", "Reasons for the decision:")."""
    return _DECISION_LABELLED.match(text) is not None


__all__ = [
    "DUTY",
    "PURPOSE",
    "DocumentKind",
    "adopts",
    "advice_section",
    "decides",
    "decision_labelled",
    "decision_parts",
    "decision_section",
    "document_kind",
    "has_blank",
    "kind_flags",
    "narrative_section",
    "own_record",
    "record_section",
    "taken_up",
]


#: What every blank holds at least one of; a block with none of them holds no blank.
_BLANK_KEYS = ("_", ".....", "…", "[", "£", "$", "€", ":  ", ":\t", "<")
_BLANK_SCREEN = Screen(_BLANK_KEYS)


def _blanks(blocks: Sequence[Block]) -> tuple[int, int]:
    """How many blanks the blocks hold, and in how many blocks."""
    count = places = 0
    for block in blocks:
        text = block.text
        if not _BLANK_SCREEN.found_in(text) or not text.strip():
            continue
        found = len(_BLANK.findall(text))
        if not found and block.kind == "table_cell" and _CURRENCY_ONLY.match(text):
            found = 1  # a cell with a currency sign and nothing else
        if found:
            count += found
            places += 1
    return count, places


#: Words each cue holds, in lower case: a paragraph without any is not searched.
_MEETING_KEYS = (
    "it was ", "noted", "raised", "agreed", "discussed", "felt", "received", "asked",
    "questioned", "welcomed", "expressed", "highlighted", "considered", "resolved",
    "apologies", "concern was", "introduced the", "action", "decision",
)  # fmt: skip
_REPORT_KEYS = (
    "said", "says", "explain", "added", "commented", "told ", "writes", "article", "blog",
    "post ", "story", "news item", "interview", "podcast", "launched", "announced",
    "unveiled", "rolled out", "press release", "your views", "your feedback",
    "your comments", "have your say", "tell us what", "letting you know", "looking",
    "beginning", "starting", "moving", "turning", "exploring", "adopting",
)  # fmt: skip


#: The keys above, and "appl", as one-pass screens.
_MEETING_SCREEN = Screen(_MEETING_KEYS)
_REPORT_SCREEN = Screen(_REPORT_KEYS)
_APPLY_SCREEN = Screen(("appl",))


def _count(pattern: re.Pattern[str], texts: list[str], lowered: list[str], keys: Screen) -> int:
    """How often ``pattern`` matches in ``texts``, searching only those holding a key."""
    found_in = keys.found_in
    return sum(
        len(pattern.findall(text))
        for text, low in zip(texts, lowered, strict=True)
        if found_in(low)
    )


def document_kind(blocks: Sequence[Block], title: str = "") -> DocumentKind:
    """What kind of document ``blocks`` make, from cues over the whole of it.

    A document is read as requirements unless the cues of another kind are several and
    the duties of a party few: one sentence of news quoted in a specification, or one
    "Present:" in a contract's governance schedule, does not make it news or minutes.
    """
    texts = [b.text for b in blocks if b.text.strip()]
    if not texts:
        return "requirements"
    joined = "\n".join(texts)
    if len(texts) < 3 and (
        len(_SENTENCE_END.split(joined)) < _ONE_BLOCK_SENTENCES or _PAY_TERM.search(joined)
    ):
        # A line or two says too little; a page run into one paragraph may say enough,
        # unless it states how the service is paid (a tender portal's description runs
        # its background and its terms into one block).
        return "requirements"
    if procurement_record(joined):
        # A procurement's own record on a tender site or in a notice, however it is
        # worded ("The ICB has initiated a tender ... contract commencement on 1 July
        # 2026"): its dates, values and weightings are that procurement's terms.
        return "requirements"
    # Minutes, news and a fund's prospectus all ask little of a party; a document
    # stating many duties can only be a form (its cues are not looked for). Counted
    # only until they are too many to be few: no other answer reads the count then.
    most = max(2, len(texts) // 5)
    duties = 0
    for text in texts:
        if DUTY.holds(text):
            duties += 1
            if duties > most:
                break
    few_duties = duties <= most
    # A long document needs cues in proportion: a guide of 600 paragraphs that names
    # two case studies is not news.
    enough = len(texts) // 25
    lowered = [t.lower() for t in texts] if few_duties else []
    if few_duties:
        meeting = len(_MEETING_LABEL.findall(joined)) + _count(
            _MEETING_SENTENCE, texts, lowered, _MEETING_SCREEN
        )
        if _MEETING_TITLE.search(title):
            meeting += 2
        if meeting >= max(3, enough):
            return "minutes"
        asked = len(_QUESTION_RECORD.findall(joined))
        if asked + (2 if _QUESTION_RECORD_TITLE.search(title) else 0) >= max(2, enough):
            return "report"
        if duties <= max(1, len(texts) // 10):
            said = _count(_REPORT_SENTENCE, texts, lowered, _REPORT_SCREEN)
            report = said + len(_BYLINE.findall(joined))
            if title.rstrip().endswith("?"):
                report += 1
            if _PIECE_TITLE.match(title):
                report += 2
            if _SELF_PRESENTED.search(joined):
                report += 1
            # A byline naming the buyer's own officer is the body's voice, not an account.
            if account_voice(texts, report, max(2, enough), said, title) and not officer_byline(
                texts
            ):
                return "report"
    if _told_or_explained(joined, title):
        return "report"
    blanks, places = _blanks(blocks)
    if blanks >= 3 and places >= 2:
        return "form"
    if few_duties:
        applying = _count(_APPLY, texts, lowered, _APPLY_SCREEN)
        if applying + (2 if _FUNDING_TITLE.search(title) else 0) >= 2:
            return "funding"
    if _describes_only(blocks, texts, joined, title):
        return "report"
    if few_duties and commentary(texts, title):
        return "commentary"
    return "requirements"


#: One procurement's own record (:data:`speclint.structure.voice.PROCUREMENT_RECORD`), or
#: an OCDS identifier.
_PROCUREMENT_RECORD = re.compile(
    r"\b(?:" + PROCUREMENT_RECORD + r"|ocds-[a-z0-9]{4,}-)", re.IGNORECASE
)
#: Every match of :data:`_PROCUREMENT_RECORD` holds one of these in lower case (a test
#: holds them to the pattern), unless the text has one of :data:`CASE_TRAPS`.
_RECORD_KEYS = Screen(
    (
        "summary of the contracting process",
        "this public procurement record",
        "procurement identifier",
        "notice identifier",
        "ocds-",
    )
)


def procurement_record(text: str) -> bool:
    """Whether :data:`_PROCUREMENT_RECORD` matches in ``text`` (a whole document's).

    Searched ignoring case, the pattern tries its alternatives at every position of the
    text: about 16 ms over a 40,000-word document. Its matches can only be where the
    lower-cased text holds one of :data:`_RECORD_KEYS`, as every character IGNORECASE
    equates with an ASCII letter is that letter in either case but for the
    :data:`CASE_TRAPS`; a text holding none of the keys and no trap has no match, found
    in one compiled pass. Any other text is searched with the pattern.
    """
    if not any(c in text for c in CASE_TRAPS) and not _RECORD_KEYS.found_in(text.lower()):
        return False
    return _PROCUREMENT_RECORD.search(text) is not None


#: How many sentences a document of one or two blocks needs before its kind is read: a
#: news page whose lines run into one paragraph is still news, a lone clause is not.
_ONE_BLOCK_SENTENCES = 6
#: A payment term stated as this text's own: "A tenth of the fee is withheld if ...",
#: "Payment will be made per carer supported at £120".
_PAY_TERM = re.compile(
    r"\b(?:is|are|will be|shall be)\s+(?:withheld|paid|made|deducted|retained|held back|"
    r"released|payable|reduced)\b",
    re.IGNORECASE,
)


def _sentence_pieces(text: str) -> Iterator[str]:
    """``_SENTENCE_END.split(text)``, piece by piece, so that a reader may stop early.

    The pattern never matches empty text, so the pieces are the text between its matches.
    A whole document split at once cost a 40,000-word lint 1.5% of its time, where the
    first few pieces settle the question.
    """
    at = 0
    for match in _SENTENCE_END.finditer(text):
        yield text[at : match.start()]
        at = match.end()
    yield text[at:]


#: How many sentences of four words or more a page needs before its lack of any mark of
#: commissioning says what it is: a line or two of a notice says too little.
_DESCRIBED_MIN = 4


#: A table of the kind a contract holds: measures, targets, prices, weightings.
_TERMS_TABLE = re.compile(
    r"\b(?:measures?|indicators?|KPIs?|targets?|thresholds?|outcomes?|prices?|rates?|fees?|"
    r"tariffs?|weightings?|criteri(?:on|a)|consequences?|payments?|frequency|baseline)\b",
    re.IGNORECASE,
)


def _describes_only(blocks: Sequence[Block], texts: list[str], joined: str, title: str) -> bool:
    """True for a page that describes without commissioning anything itself.

    Its sentences name no party as a contract does ("the Provider", "the Council"), ask
    nothing of anyone ("shall", "pharmacies will", "commissioners should"), and it has
    no numbered clause, no field of particulars, no table of measures, prices or
    weightings and no title naming a specification, agreement, tender or decision
    (:func:`speclint.structure.voice.commissions`): an analysis of a national payment
    scheme, a trade paper's comment on it, a summary of a report. What it says of
    payment, targets or budgets is an account of others' choices. It must also bear a
    mark of an account (:func:`speclint.structure.voice.tells`): a pasted run of
    present-tense clauses stays requirements.
    """
    long_enough = (s for s in _sentence_pieces(joined) if len(s.split()) >= 4)
    if sum(1 for _ in islice(long_enough, _DESCRIBED_MIN)) < _DESCRIBED_MIN:
        return False
    if any(b.kind == "table_cell" and _TERMS_TABLE.search(b.text) for b in blocks):
        return False  # a table of measures, prices or weightings is a contract's
    if officer_byline(texts):
        return False  # the buyer's own officer: the body describing what it buys
    return not commissions(texts, title) and tells(texts)


def _told_or_explained(joined: str, title: str) -> bool:
    """True for an account or an explainer: sentences that tell, asking nothing of anyone.

    An account tells what was done, found or seen ("councils have seen needs rising",
    "the scheme was launched"), and its title does not name a contract, schedule or
    specification. An explainer speaks of a kind of contract in general ("An
    outcome-based contract ties payment to ...", "Most block arrangements give ...");
    a title asking how, what or why, or naming a guide, lowers the number of such
    sentences it takes. In either, few sentences say what shall, must, should or will
    be done.
    """
    contract_title = _CONTRACT_TITLE.search(title) is not None
    explainer_title = _EXPLAINER_TITLE.search(title) is not None
    if contract_title and not explainer_title:
        return False
    sentences = [s for s in _SENTENCE_END.split(joined) if len(s.split()) >= 4]
    if len(sentences) < 6:
        return False
    # Stop at the first sentence over the limit: a specification asks in most of them.
    limit, asked = len(sentences) * 3 // 20, 0
    for sentence in sentences:
        if _ASKED.search(sentence):
            asked += 1
            if asked > limit:
                return False
    if (
        not contract_title
        and sum(1 for s in sentences if _TOLD.search(s)) * 20 >= len(sentences) * 9
    ):
        return True
    generic = sum(1 for s in sentences if _GENERIC.search(s))
    if explainer_title:
        return generic >= 2
    return generic >= 3 and generic * 4 >= len(sentences)


def _own_advice(body: str, advice: bool) -> bool:
    """True for a recommendation in the page's own voice (see :func:`kind_flags`)."""
    if _WE_RECOMMEND.match(body) or (_ADVICE_PHRASE.match(body) and "?" not in body):
        return True
    return advice and recommends(body)


def narrative_section(path: tuple[str, ...]) -> bool:
    """True under a heading such as Case study, Minutes or What people told us."""
    return any(_NARRATIVE_SECTION.search(h) for h in path)


#: A narrative heading over the document's own record: its minutes, or the local story
#: of how it came to commission ("Local context", "How we got here"). Not a case study,
#: news, feedback or learning from elsewhere, where what was agreed is someone else's.
_RECORD_SECTION = re.compile(
    r"\b(?:minutes|notes of (?:the |a )?meeting|local context|strategic context|"
    r"context and background|the story so far|how we got here)\b",
    re.IGNORECASE,
)


def record_section(path: tuple[str, ...]) -> bool:
    """True under a narrative heading over the document's own record (:data:`_RECORD_SECTION`).

    Only the nearest narrative heading counts: "Case study" under "Local context" is a
    case study.
    """
    for heading in reversed(path):
        if _NARRATIVE_SECTION.search(heading):
            return _RECORD_SECTION.search(heading) is not None
    return False


#: A heading over a page's own recommendations: "Recommendations", "4. Our recommendations".
_ADVICE_HEADING = re.compile(
    r"^\W*(?:\d[\d.]*\s*)?(?:our |key |the |summary of )?recommendations?\b"
    r"(?! (?:from|of|by|made by)\b)",
    re.IGNORECASE,
)
#: A sentence opening with advice put as practice: "Good practice is to hold back ...",
#: "The best approach is to weight ...". News tells such advice as someone's.
_ADVICE_PHRASE = re.compile(
    r"^\W*(?:(?:it is )?(?:good|best|sound|recommended) practice (?:is )?to|(?:a|the) (?:sensible|"
    r"better|best|right|wise|recommended|preferred) (?:approach|option|way|course) is to|"
    r"it is (?:advisable|wise|sensible|recommended) to)\b",
    re.IGNORECASE,
)
#: A sentence opening with the page's own recommendation: "We recommend that ...".
_WE_RECOMMEND = re.compile(
    r"^\W*(?:we|I) (?:would |strongly |therefore |also |now )*(?:recommend|urge|propose|"
    r"call on|advise)\b",
    re.IGNORECASE,
)


def advice_section(path: tuple[str, ...]) -> bool:
    """True under a heading over the page's own recommendations ("Our recommendations")."""
    return any(_ADVICE_HEADING.match(h) for h in path)


def adopts(body: str) -> bool:
    """True for a sentence in which a body records its own decision to adopt something.

    "The Board endorsed the proposal that ...", "Members approved the recommendation to
    ...", "It was agreed to ...": not one that ends or declines what it names, nor one
    telling the past before it, other councils or what someone asked (:data:`_NOT_OWN`).
    """
    return bool(
        _OWN_DECISION.search(body) and not _NOT_OWN.search(body) and not _SET_DOWN.search(body)
    )


def has_blank(text: str) -> bool:
    """True when ``text`` holds a blank to fill in ("£____", "[insert]", "$ (per hour)")."""
    return _BLANK.search(text) is not None


def kind_flags(
    body: str,
    kind: DocumentKind,
    narrative: bool,
    blank_unit: bool,
    own: bool | None = None,
    record: bool = False,
    advice: bool = False,
    told: bool = False,
) -> frozenset[SentenceClass]:
    """The classes a sentence takes from the kind of text it stands in (none when it counts).

    ``kind`` is the document's, ``narrative`` is true in a section of news, minutes or
    feedback, and ``blank_unit`` for a unit of a form that holds a blank. A sentence
    stating a party's duty keeps counting, even with a blank in it: a template's clause
    ("The Authority shall pay £[insert] a month") is the contract it will become. In a
    unit of a form, only what is not such a clause (a field, an item to price) is ``form``.
    In the record of a body deciding for itself (:func:`decides`), ``own`` is whether
    the sentence's unit opens with a decision's label or stands under a decision's
    heading (else ``None``): the body's own choices there count (:func:`own_record`).
    ``record`` is true in a narrative section of a requirements document that records
    the body's own minutes or story (:func:`record_section`): what the body endorsed,
    ratified or approved there counts (:func:`adopts`), but not what the minutes tell of
    a procurement, which may be another council's ("In Westshire, contracts are let ...").
    In an account or commentary, what the page recommends in its own voice counts: a
    sentence opening "We recommend ..." or "Good practice is to ...", or one asking
    something under a heading over its own recommendations (``advice``,
    :func:`advice_section`): a think tank or a guide that recommends an anti-pattern is
    still found. A term commentary states for
    the future counts (:func:`speclint.structure.voice.states_term`) unless ``told``:
    the page is a third party's piece relaying a tender (:func:`speclint.structure.voice.relayed`).
    """
    if kind in ("report", "minutes"):
        # Only a party's own duty, as a contract would state it, counts in news or
        # minutes: '"Providers must be paid fairly," she said' is what someone said.
        if _PARTY_DUTY.search(body):
            return frozenset()
        if own is not None and own_record(body, own):
            return frozenset()  # "Members agreed a two-year agreement": the body's choice
        if kind == "report" and _own_advice(body, advice):
            return frozenset()  # "We recommend that commissioners withhold ..."
        return frozenset({"report"})
    if kind == "commentary":
        # An opinion piece, a bid-writing blog, a trade body's guide, a research review:
        # what it tells of commissioners' practice is an account; what it asks in its own
        # voice ("Systems should move to a variable payment ...") is its advice, and a
        # term it states for the future ("Partners will be paid £450 for each ...") its own.
        if _PARTY_DUTY.search(body) or recommends(body):
            return frozenset()
        if not told and states_term(body):
            return frozenset()
        return frozenset({"report"})
    if DUTY.holds(body):
        return frozenset()  # "The Authority shall pay £[insert] a month": a clause
    if blank_unit:
        # "[insert]% of the price is withheld until ...": a template's clause, not a field.
        return frozenset() if _TERM.search(body) else frozenset({"form"})
    if narrative:
        # A section of a requirements document: what it says will be done is the
        # contract's, whatever the heading ("From April providers will be paid ...").
        if _FUTURE.search(body) or (record and adopts(body)):
            return frozenset()
        return frozenset({"report"})
    if kind == "funding" and PURPOSE.search(body):
        return frozenset({"aim"})
    return frozenset()

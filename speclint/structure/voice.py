"""Whose voice a text speaks in: the document's own, or an account of someone else's.

Much that is published about commissioning tells what another body did or what people
said of it: a news story ("X Council awarded the contract on price, critics say"), an
opinion piece or blog post ("I have been looking at ..."), a think-tank or inspection
report ("the inquiry heard that ..."). Such a text describes choices that are not its
own, so an anti-pattern named in it is not one the text imposes. The marks of that voice
are positive ones: a named or generic other party as the speaker of reported words or
the actor of a dated past choice, the furniture of a web article (a byline, a "Share"
line, "Comments are closed"), an author speaking as "I" or of "this article". A text
that asks nothing of anyone is not enough: a service description ("The service provides
twelve sessions") has no such marks.

The document's own voice is the opposite mark: what "we", the Council, the Authority,
tenderers or the Provider will, shall or must do, outside quotation marks.

:func:`attributed` reads one sentence (and is safe on a lone sentence: it needs a
speaker and a verb of saying, or an attribution such as "according to the report");
:func:`account_voice` weighs a whole document's cues against its own voice.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, islice

from speclint import lazy_re as re
from speclint.substrings import Screen

#: Who, other than the document's author, is reported as saying, finding or fearing.
_SPEAKERS = (
    "critics", "campaigners", "opponents", "protesters", "unions?", "trade unions?",
    "sources", "insiders", "observers", "commentators", "experts", "analysts",
    "researchers", "academics", "officials", "ministers?", "MPs", "MSPs", "AMs", "peers",
    "councillors", "opposition councillors", "spokes(?:man|woman|person)",
    "the (?:union|charity|watchdog|regulator|ombudsman|minister|secretary of state|"
    "chancellor|opposition|firm|company|campaign group|think tank|thinktank|inquiry|"
    "court|tribunal|coroner|auditors?|report|study|survey|review|investigation|"
    "documentary|newspaper|bbc|government|department|research|evidence|literature|"
    "national audit office|audit commission|prime minister|local government association)",
    # A minister named by office: "the Communities Secretary", "Health Secretary".
    r"(?:the )?(?:communities|health|local government|home|justice|education) secretary",
    # A body of the field speaking as a group: "trust leaders say", "respondents cited".
    "trusts", "trust leaders", "providers", "respondents", "leaders", "stakeholders",
    "speakers", "delegates", "panellists", "witnesses",
    # Those in charge, as news names them: "county chiefs claim", "council bosses say".
    r"(?:council |county |care |health |nhs |trust )?(?:chiefs|bosses)",
    "participants", "directors of (?:public health|adult social services|finance)",
)  # fmt: skip
#: Verbs of saying, claiming and judging, as a report of someone's words uses them.
_SAYING = (
    "said", "say", "says", "told", "claimed", "claim", "claims", "warned", "warn", "warns",
    "argued", "argue", "argues", "alleged", "allege", "insisted", "complained", "dubbed",
    "branded", "accused", "criticised", "criticized", "attacked", "condemned", "slammed",
    "feared", "called for", "calls for", "announced", "announces", "unveiled", "unveils",
    "pledged", "pledges", "commented", "comments that", "noted", "notes", "cautioned", "caution",
    "cautions", "states", "stated", "believe", "believes", "believed", "cited", "want", "wanted",
    "recognise", "recognises", "recognised", "acknowledge", "acknowledges", "reported",
    "explained that", "explained how", "signalled", "signaled",
    r"(?:are|were) (?:also |all )?clear",
)  # fmt: skip
#: Past verbs of a named person's words: "Jane Smith, chief executive of X, said ...".
_NAMED_SAYING = (
    "said", "told", "added", "warned", "claimed", "explained", "argued", "insisted",
    "admitted", "commented", "stressed", "noted", "acknowledged", "conceded", "wrote",
    "announced", "unveiled", "pledged", "observed", "notes", "says", "argues", "shares",
)  # fmt: skip
#: What a report of an event is framed by: a source, an allegation, a criticism.
_FRAMES = (
    # "It is understood that ...", "It was reported that ...".
    r"^\W*it (?:is|was|has been|had been) (?:understood|thought|believed|reported|alleged|"
    r"claimed|rumoured|revealed)\b",
    # "... is said to cost ...", "... were said to be ...".
    r"\b(?:is|are|was|were) (?:said|reported|understood|thought|believed|alleged) to "
    r"(?:be|have|cost)\b",
    # "The trust was criticised for ...", "the council has come under fire".
    r"\b(?:was|were|has been|have been|had been|is being|are being) (?:\w+ly )?(?:criticised|"
    r"criticized|condemned|accused|attacked|slammed|branded|blamed|censured)\b",
    r"\b(?:came|come|comes|coming) under (?:fire|attack|criticism|scrutiny)\b",
    # "According to the report ...", "..., according to GMB."
    r"(?:^\W*|,\s*)according to (?:the |a |an )?(?:[A-Z][\w&’'-]*\b|(?:[\w’'-]+ ){0,3}?"
    r"(?:critics|campaigners|unions?|sources|spokes\w+|researchers|analysts|reports?|"
    r"stud(?:y|ies)|surveys?|research|inquiry|investigation|analysis|figures|documents?|"
    r"minutes|papers)\b)",
    # A newspaper's own scoop: "the Echo can reveal", "we can today reveal".
    r"\b(?:can|is able to|are able to) (?:now |today |also |exclusively )?reveal\b",
    # What a paper said, told in the past as news tells it: "The document said ...",
    # "the framework had said ..." (a specification states its terms, it has not "said").
    # "As the strategy said, every visit will ..." restates the writer's own policy.
    r"(?<!\bas )\bthe (?:document|framework|paper|guidance|policy|plan|strategy|white paper|"
    r"green paper|consultation|letter|statement|announcement|budget|circular) (?:had |has )?"
    r"said\b",
    # "The inquiry heard that ...", "the tribunal was told".
    r"\bthe (?:inquiry|court|tribunal|hearing|committee|jury|inquest) (?:heard|was told)\b",
    # Others' words heard or passed on: "We've received comments that visits are too
    # short", "carers are raising concerns that ..." (what is said, not a clause about
    # feedback that "raised concerns about" a plan the document then keeps).
    r"(?<!\bwhich )(?<!\bthat )\b(?:received|receiving|had|heard|hearing|raising|raised|voiced|"
    r"voicing|expressed|expressing)\s+(?:[\w’'-]+\s+)?(?:comments|concerns|complaints|criticism|"
    r"worries)\s+that\b",
    # A challenge with its grounds: "the decision was called in on the grounds that carers
    # had not been consulted", "residents objected on the basis that ...".
    r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )"
    r"\b(?:called in|challenged|appealed|objected|complained|questioned|opposed|disputed|"
    r"contested)\b[^.;]{0,80}?\bon the (?:grounds?|basis) that\b",
)
# A speaker, a few words (a description of them), then a verb of saying.
_SPEAKER_SAYS = (
    rf"\b(?:{'|'.join(_SPEAKERS)})\b"
    r"(?: (?!(?:was|were|is|are|be|been|being|not|and|but|or|who|which|that|when|before|"
    r"after|until|while)\b)[\w’'-]+){0,4}?"
    rf"(?:,[^,.;]{{2,60}},)? "
    rf"(?:have |has |had |also |have also |continue to |now )?(?:{'|'.join(_SAYING)})\b"
)
#: Searched alternative by alternative, each only in a text holding its words
#: (:class:`speclint.lazy_re.Alternation`): the whole alternation cost 200 µs a sentence.
_ATTRIBUTED = re.Alternation("|".join([_SPEAKER_SAYS, *_FRAMES]), re.IGNORECASE)
#: No word of the name is one the document calls itself or its own parties by.
_NOT_OWN = (
    r"(?!(?:Council|Authority|Commissioners?|ICB|CCG|Board|Trust|Department|Provider|Contractor|"
    r"Supplier|Partnership|Borough|County|It|We|This|That)\b)"
)
# "Karen Jennings, the union's head of health, said ..." and "he said": the names are
# matched with their capitals, so "Annex Two said" is read as little as "Schedule 4".
_NAMED = re.compile(
    r"\b(?:[A-Z][a-z’'-]+ (?:[A-Z][a-z’'-]+ )?[A-Z][a-z’'-]+(?:,[^,.;]{2,80},)?|[Hh]e|[Ss]he)"
    r" (?:today |yesterday |also |has |have |had |has today |has also )?"
    rf"(?:{'|'.join(_NAMED_SAYING)})\b"
    r"|[\"”’'],?\s+(?:[\w’'-]+ ){0,6}?(?:said|added|explained|warned)\b"
    r"|,\s+(?:says|said|writes|argues|explains) (?:[A-Z][\w’'-]+ ){1,3}"
    r"|\b(?:said|says|added|told \w+|explained|warned)\s*[:,]\s*[\"“‘']"
    # People named by a letter, as a complaint or a case is told: "Mr X complained ...".
    r"|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z]\b(?: (?:did not|also|then|later|first))? "
    r"(?:said|says|told|complained|complain|complains|explained|reported|asked|raised|"
    r"considers|considered|believes|believed)\b"
    # "Unison said it had ...", "as the National Audit Office reported".
    r"|\b[A-Z][\w&]+ (?:said|says|told|warned|claimed|commented|noted|announced|concluded|argued|"
    r"observed|stated|states) (?:that|it|its|he|she|they|the|there)\b"
    # The same with "has": "Kent LMC has warned the area team that ..." (not the document's
    # own parties: "The Council has stated that the contract will run ...").
    rf"|\b{_NOT_OWN}[A-Z][\w&]+ (?:has|have|had) (?:said|told|warned|claimed|commented|noted|"
    r"announced|concluded|argued|observed|stated) (?:that|it|its|he|she|they|the|there)\b"
    # A stance held by someone just named: "he is concerned that", "she was clear that".
    r"|\b(?:[Hh]e|[Ss]he) (?:is|was|remains|remained) (?:\w+ )?(?:concerned|worried|clear) that\b"
    # Another body's misgivings: "the College has concerns about its implementation".
    rf"|\b(?:[Tt]he )?(?:{_NOT_OWN}[A-Z][\w&’'-]+ ){{0,4}}{_NOT_OWN}[A-Z][\w&’'-]+ "
    r"(?:has|have|had) (?:\w+ )?concerns (?:about|over|regarding|that)\b"
    r"|\b[Aa]s (?:the )?(?:[A-Z][\w&’'-]* ){1,5}(?:reported|said|noted|found|warned|argued|"
    r"explained|concluded|put it)\b"
)
# What other bodies commonly or habitually do, told of them as a field: "Commissioners
# often pay ...", "in many areas councils now ...". And a named other body as the actor
# of a past choice: "Westshire County Council awarded ...", not "The Council has decided".
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
_OTHERS_PRACTICE = re.Alternation(
    r"\b(?:commissioners|councils|local authorities|authorities|ICBs|CCGs|trusts|buyers|"
    r"procurers|purchasers)\b (?:have |are )?(?:often|typically|usually|routinely|commonly|"
    r"frequently|tend to|increasingly)\b"
    r"|\b(?:in|across) (?:many|most|some|other) (?:areas|parts of the country|councils|places|"
    r"regions|local authorities)\b"
    # Central government's own schemes, told of: "the government's pilot schemes",
    # "schemes introduced by the UK government".
    r"|\b(?:introduced|launched|piloted|set up|run) by (?:the )?(?:uk |national |central )?"
    r"government\b|\bthe (?:uk |national |central )?government(?:'s|’s) (?:[\w-]+ ){0,2}"
    r"(?:pilots?|schemes?|programmes?|policy|initiatives?|reforms?)\b"
    r"|\bthe (?:uk |national |central )?government(?:'s|’s) (?:interest in|enthusiasm for|"
    r"commitment to|agenda|plans? for|policies)\b"
    # A field taking up a practice, told of: "commissioning teams have started to
    # introduce ...", "local authorities are looking into ...".
    r"|\b(?:commissioners|commissioning teams|councils|local authorities|authorities|"
    r"governments|public bodies|the public sector|ICBs|CCGs|trusts|buyers|many areas)\b "
    r"(?:(?:have|has) (?:recently |now |also )?(?:started|begun) to|(?:are|is) (?:now |also )?"
    r"(?:starting to|beginning to|moving (?:to|towards|away)|looking (?:into|at)|turning to|"
    r"exploring|experimenting))\b"
    # A national fiscal event or central government, told in the past: "The Budget did not
    # provide ...", "the Chancellor announced ...", "the Spending Review added ..."
    # A cause given for the document's own term is not the story: "Because the Government
    # provided no uplift, the rate is frozen ..." (the freeze is still imposed here).
    r"|(?-i:(?<![Bb]ecause )(?<![Ss]ince )(?<![Aa]s )(?<![Gg]iven that )"
    r"\b(?:[Tt]he (?:(?:Autumn|Spring) )?Budget|[Tt]he Spending Review|[Tt]he Chancellor|"
    r"[Tt]he Treasury|[Tt]he Government|HM Treasury))\b[^.;]{0,40}?\b(?:included|announced|"
    r"provided|did not|contained|set out|gave|added|allocated|confirmed|unveiled|failed to)\b"
    # What named places or bodies stand to get from a scheme, as news tells it:
    # "Northby stands to receive £9m", "ten authorities stand to gain £4,000 a family".
    # A party to the terms, singular or plural ("Providers stand to lose 5% ...",
    # "Homes stand to lose their premium"), is the document's own payment term.
    r"|(?:\b(?:councils|authorities|areas|trusts|boroughs|counties)"
    r"|(?-i:(?<![Tt]he )(?<![Tt]his )\b"
    r"(?!(?:Provider|Contractor|Supplier|Grantee|Recipient|Practice|Applicant|Home|Service|"
    r"Bidder|Tenderer|Partner|Organisation|Network|Team|Member|Participant|Client|Carer|"
    r"School|Hospital|Operator|Agenc(?:y|ies)|Pharmac(?:y|ies)|Charit(?:y|ies)|Famil(?:y|ies)|"
    r"Each|All|Both|They|You|We)s?\b)"
    r"[A-Z][a-z]+))"
    r",? stands? to (?:receive|gain|get|lose|benefit)\b",
    re.IGNORECASE,
)
# A count of other bodies as the subject, as a survey reports it: "60% of councils now
# commission ...", "But 18 councils are using ...", "a majority of trusts pay ...".
_BODIES_COUNTED = re.compile(
    r"^\W*(?:(?:but|and|however|yet|worryingly|encouragingly|overall|in total),? )*(?:the )?"
    r"(?:more than |over |almost |nearly |around |about |just |only |fewer than |less than )?"
    r"(?:\d[\d,]*%?|\d+ per ?cent|(?:one|two|three|four|five|six|seven|eight|nine|ten|a) "
    r"(?:in|out of) (?:\w+)|(?:a |one[- ])?(?:third|quarter|half|majority|minority)|"
    r"most|many|several|a few|few|a dozen|dozens) (?:of )?(?:the )?(?:english |local |other |"
    r"neighbouring |nhs )?"
    r"(?:local authorities|councils|commissioners|trusts|ICBs|CCGs|health boards|authorities)\b",
    re.IGNORECASE,
)
_NAMED_BODY_PAST = re.compile(
    r"^\W*(?!(?:The|This|That|Our|Each|Any|Every|A|An|Your|Their|Its)\b)(?:[A-Z][\w&’'-]+ ){1,4}"
    r"(?:County |City |Borough |District |Metropolitan )?(?:Council|Trust|ICB|CCG|Health Board|"
    # "Medway Council has recently awarded a contract ...": a notice of this award, not history
    r"PCT)\b[^.;]{0,80}?\b(?:(?<!has )(?<!have )(?<!has recently )(?<!have recently )"
    r"(?<!has now )awarded|handed|outsourced|retendered|re-tendered|scrapped|"
    r"slashed|introduced|imposed|set up|launched|suspended|abandoned)\b"
)
#: A tender aggregator's machine-written pitch to businesses about another body's
#: procurement: "This tender presents significant opportunities for businesses ...",
#: "SMEs are well-positioned to benefit", "new entrants can integrate into the framework".
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
_PITCH = re.Alternation(
    r"\b(?:presents?|presented|offers?|represents?|creates?|opens?|provides?) (?:a |an )?"
    r"(?:[\w-]+ ){0,3}(?:opportunit(?:y|ies)|avenues?|chances|prospects?|possibilities|"
    r"paths?) (?:for|to) (?:[\w-]+ ){0,3}(?:businesses|firms|companies|suppliers|smes|"
    r"enterprises|organisations|care providers)\b"
    r"|\b(?:businesses|firms|companies|suppliers|smes|enterprises|participants|new entrants|"
    r"organisations)\b(?: [\w,()-]+){0,12}? (?:are|will be|would be|is) (?:particularly |"
    r"especially |also )?(?:well[- ](?:positioned|suited|placed)|"
    r"(?:positioned|placed|suited) well\b|encouraged to (?:apply|explore|"
    r"participate|bid))"
    r"|\b(?:businesses|firms|companies|smes|enterprises|new entrants)\b(?: [\w,()-]+){0,8}? "
    r"(?:can|could|may|stand to) (?:integrate|benefit|expand|grow|leverage|engage|thrive|"
    r"solidify|broaden)\b"
    r"|\b(?:business|market) (?:growth|expansion) (?:opportunities|prospects|can be achieved)\b"
    r"|\b(?:businesses|firms|companies|suppliers|smes|enterprises)\b(?: [\w,()-]+){0,12}? should "
    r"(?:consider|explore|look at) (?:this|the|these) (?:opportunit(?:y|ies)|tender|contract)\b"
    r"(?![^.;:]*\b(?:will|shall|must|is to|are to|only)\b)(?![^.]*[:;])",
    re.IGNORECASE,
)
#: The same pitch as a fit: "this contract is ideal for service providers aiming to expand
#: their portfolio". An invitation to tender says such things too, beside its duties
#: ("Lot 2 suits providers wishing to work in rural areas, and visits will be paid ..."),
#: so this one counts only in a sentence that states none (:func:`_pitched`).
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
_SUITED_PITCH = re.Alternation(
    r"\b(?:is|are|would be|makes it) (?:particularly |especially )?(?:ideal|well suited|suitable|"
    r"attractive) (?:for|to) (?:[\w-]+ ){0,3}(?:businesses|firms|companies|suppliers|smes|"
    r"enterprises|organisations|providers|service providers)\b[^.;]{0,40}?\b(?:aiming|looking|"
    r"seeking|wishing|keen|hoping) to\b",
    re.IGNORECASE,
)
_DUTY_OR_PLAN = re.compile(r"\b(?:will|shall|must|is to|are to|should)\b", re.IGNORECASE)
# A condition or a reserve of someone's words inside an instruction: "whatever the
# person says", "where critics claim ..." in a complaints procedure.
_CONDITION_BEFORE = re.compile(r"\b(?:whatever|if|where|when|unless|whether)\b", re.IGNORECASE)
# A party's own duty, as a contract states it: such a sentence is never only an account.
_PARTY_DUTY = re.compile(
    r"\bthe (?:provider|service provider|contractor|supplier)s?\b[^.;\"“”]{0,40}?"
    r"\b(?:shall|must|will|is to|are to|is required to)\b",
    re.IGNORECASE,
)

#: Words every attribution holds one of, in lower case: a sentence with none is not searched.
_KEYS = (
    "said", "say", "told", "claim", "warn", "argu", "alleg", "insist", "complain", "dubbed",
    "branded", "accus", "critici", "attack", "condemn", "slammed", "fear", "believ",
    "calls for", "called for", "understood", "thought", "reported", "rumoured", "revealed",
    "announced", "blamed", "censured", "under fire", "under attack", "under criticism",
    "under scrutiny", "according to", "heard", "was told", "added", "explained", "admitted",
    "commented", "stressed", "noted", "acknowledged", "conceded", "wrote", "found",
    "concluded", "put it", "unveil", "pledge", "caution", "notes", "observed", "stated",
    "states", "cited", "want", "recognis", "acknowledg", "clear", "comments", "concern", "worried",
    "complaints", "worries", "reveal", "chiefs", "bosses", "complain", "grounds that",
    "ground that", "basis that", "signal",
)  # fmt: skip


#: A verb telling the past: "was", "had", "used to".
_PAST_AUX = r"\b(?:was|were|had|did|used to)\b"
# A sentence going on with a story already told: it tells the past, or a pronoun or the
# body just named did something ("He added ...", "The council then cut ...").
_GOES_ON = re.compile(
    _PAST_AUX
    + r"|^\W*(?:he|she|they|it|the (?:council|trust|firm|company|authority|board|union))\b"
    r"[^.;]{0,40}?\b\w+ed\b",
    re.IGNORECASE,
)


def continues_account(body: str) -> bool:
    """True when ``body``, after a sentence reporting another party, goes on telling it.

    It tells the past ("Visits were cut to 15 minutes") or what the party just named did
    ("He added that ..."), and says nothing of what will, shall or must be done, nor of
    what "we" buy, pay or award: "Critics say short visits harm people. Each visit will
    last an hour." leaves the second sentence the document's own.
    """
    if _DUTY_OR_PLAN.search(body) or _PARTY_DUTY.search(body) or _OWN.holds(_unquoted(body)):
        return False
    return _GOES_ON.search(body) is not None


#: :data:`_KEYS` as a one-pass screen (made on first use, as the patterns are compiled).
_KEYS_SCREEN: list[Screen] = []


def attributed(body: str) -> bool:
    """True when ``body`` reports what another party said, found or was accused of.

    It needs a speaker and a verb of saying ("critics claim", "Jane Smith said", "the
    union warned"), a source ("according to the report", "it is understood that",
    "the inquiry heard") or a criticism ("the trust was criticised"). A sentence stating
    a party's duty ("The Provider must ...") is not an account, nor is one where the
    words are a condition ("whatever the person says").
    """
    if not _KEYS_SCREEN:
        _KEYS_SCREEN.append(Screen(_KEYS))
    if not _KEYS_SCREEN[0].found_in(body.lower()):
        return False
    if _PARTY_DUTY.search(body):
        return False
    # One match at a time: the first that no condition comes before settles it.
    for match in chain(_ATTRIBUTED.finditer(body), _NAMED.finditer(body)):
        if not _CONDITION_BEFORE.search(body, 0, match.start()):
            return True
    return False


_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
#: The label of the kind of piece leading a headline: "Guest blog: ...", "Opinion | ...".
PIECE_LABEL = (
    r"(?:(?:guest blog|guest post|blog|opinion|viewpoint|long read|explainer)\s*[:|–—]"
    # A trade paper's section before its headline: "Comment / ...", "News / ...".
    r"|(?:comment|news|feature|analysis|interview|insight)\s+/\s)"
)
#: A line that is only the furniture of a web article: a date, a byline, a share button,
#: a comments notice, a "read more" link, a label of the kind of piece.
_FURNITURE = re.compile(
    r"^\W*(?:(?:headlines?|dated?)\s*:?\s*)?"
    rf"(?:{_DAY}\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? (?:\d{{4}}|\d{{2}})"
    rf"|{_DAY}{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    r"|(?:posted|published|updated|last updated)\b[^.]{0,60}"
    r"|(?:by|analysis by|words by|reporting by|by guest blogger) "
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3},?"
    r"|share(?: this(?: article| post| page)?)?|read more\b.{0,80}|comments are closed\.?"
    r"|no comments|leave a (?:comment|reply)|\d+ comments?|related (?:articles|posts|stories|news)"
    r"|more from [\w ]{2,40}|latest (?:news|blog posts|posts|stories)|\d+ min(?:ute)?s? read"
    r"|news and comment|explainer|opinion|comment and analysis|feature|blog|news"
    # A section of news pages (a date in figures is read apart: :data:`_FIGURES_DATE`).
    r"|news (?:&|and) (?:insights?|views|events|updates)"
    # A label of the piece, or a line about its publication or its author's thoughts.
    r"|news (?:story|release|article|item)|press release|blog post|guest (?:blog|post)"
    # A headline led by the label of its kind: "Guest blog: ...", "Opinion | ...".
    rf"|{PIECE_LABEL}\s*\S.{{2,110}}"
    r"|(?:discussion|working|briefing|research) paper|research (?:analysis|output|summary)"
    r"|policy briefing|evidence review|think piece|categories: blog"
    r"|research output: .{0,60}"
    r"|views expressed are those of the authors?\b.{0,90}"
    r"|\(?(?:image |photo |picture )?credit:.{0,80}\)?|(?:image|photo|picture): .{0,80})\W*$",
    re.IGNORECASE,
)
#: A line that is only a date in figures ("26/11/2025"): a story's dateline when it is the
#: only one and sits among the first lines; several are the dates of a payment schedule,
#: a KPI return or a table of particulars, and none of them is furniture.
_FIGURES_DATE = re.compile(r"^\W*\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\W*$")
#: How many first lines a dateline in figures is looked for in.
_DATELINE_LINES = 6
#: A byline giving the author's role, longer than a line of furniture: "By Dr Jane Smith,
#: Chief Executive of X, and former Director of Public Health at Y."
_ROLE_BYLINE = re.compile(
    r"^\W*(?:[Bb]y|[Ww]ritten by|[Pp]osted by) "
    r"(?:(?:Dr|Prof|Professor|Cllr|Sir|Dame|Mr|Mrs|Ms)\.? )?"
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}, [^.;:]{3,180}\.?\s*$"
    # A line about the piece: whose thoughts it gives, under which government it was
    # published ("This was published under the 2010 to 2015 ... government").
    r"|^\W*(?i:thoughts (?:from|of) .{3,140}|this was published under .{3,140})$"
    # A list of authors: "Jo Bloggs, Sam Smith, Ann Lee 12 / 07 / 2017".
    r"|^\W*(?:[A-Z][a-z'’-]+ [A-Z][\w'’-]+, ){2,}(?:and )?[A-Z][a-z'’-]+ [A-Z][\w'’-]+\b"
    r"[^.;:]{0,30}$"
)
#: An author speaking of themselves or of the piece: "I'm currently ...", "In our
#: experience ...", "This article compares ...", "we have produced this explainer".
_AUTHOR = re.compile(
    r"\bI(?:’m|'m| am| was| have| had|’ve|'ve| think| believe| asked| interviewed| spoke)\b"
    r"|\bI (?:also |still |recently |then )?(?:highlight|argue|argued|suggest|explain|discuss|"
    r"want|wanted|would|recall|remember|wrote|met|visited|found|feel|felt|hope|doubt|"
    r"suspect|wonder|know|knew|learned|learnt|decided|noticed|saw|heard|looked|spent|went|"
    r"attended|listened|joined|spoke|sat|took part|came away|read|provide|present|list|"
    r"summarise|summarize|regard|include|review|cover)\b"
    r"|\b(?i:which|that|it|this) (?:impressed|struck|surprised|worried|reminded) me\b"
    r"|(?i:\b(?:in our (?:experience|view)|in my (?:experience|view)|"
    r"my (?:website|blog|research|summary|summaries|view|reading|own view))\b)"
    r"|\b(?i:this) (?:article|blog|blog post|post|piece|explainer|column|feature|briefing|survey|"
    r"long read|analysis|story|interview) (?!(?:shall|must|will|should)\b)[a-z]\w+"
    # A paper speaking of itself: "The paper draws on discussions with ...".
    r"|\b(?i:this|the) (?:paper|discussion paper|briefing paper) (?:is a|explores|draws on|"
    r"suggests|examines|argues|looks at|considers|reviews|puts)\b"
    r"|\b(?i:in) (?:his|her|their) (?:\d{4} |latest |recent |new )?(?:discussion paper|paper|"
    r"report|book|blog|article|study|review)\b"
    # What a study or review of others found: "This report shows how the Ministry ...".
    r"|\b(?i:this) (?:report|paper|discussion paper|review|study|research) (?:shows|showed|found|"
    r"finds|explores|explored|examines|examined|draws on|drew on) (?:how|that|what|why|whether)\b"
    # A trend told of a whole field: "Providers are increasingly expected to ...".
    r"|(?i:\b(?:is|are|were|was) (?:now |becoming )?increasingly\b|\bincreasingly (?:common|"
    r"popular|well documented|used)\b|\bgrowing in popularity\b|\bremains? common\b)"
    r"|\b[A-Z][a-z]+ [A-Z][a-z’'-]+(?:,[^,.;]{2,60},)? (?:explains|discusses|examines|"
    r"looks at|asks|argues|considers|reports) (?:what|how|why|whether|the)\b",
)
#: The voice of research into others: its findings, its sources, its methods.
_RESEARCH = re.compile(
    r"\b(?:key findings|our (?:new |latest |initial |first |annual |own )?(?:research|survey|"
    r"study|poll|analysis)|"
    r"freedom of information|FOI requests?|the (?:existing |recent |scientific |academic |wider )?"
    r"literature|(?:summary|review) of the (?:article|paper|study|report|evidence)|"
    r"(?:gathering|attracting|attracted|receiving|received) (?:a lot of |much |increasing |"
    r"growing )?attention|we (?:have )?(?:spoke|talked|asked|interviewed|sent|surveyed|visited|"
    r"polled|"
    r"investigated|examined|reviewed|analysed|analyzed|"
    r"decided to find out|found|published)|(?:people|those) we (?:spoke|talked) to|"
    r"our (?:new |latest |recent |annual |own )?(?:report|briefing|findings|investigation|inquiry|"
    r"analysis|summary)|"
    r"in this (?:blog|post|article|piece)|"
    r"views expressed (?:here |in this \w+ )?are (?:those )?of the authors?|"
    # research another body did: "Leonard Cheshire conducted a survey and published a report"
    r"(?:conducted|carried out|published|undertook|ran|released) (?:a |an |its |their )?"
    r"(?:new |recent |national |annual |major )?(?:survey|report|study|poll|inquiry|"
    r"investigation|research|analysis))\b",
    re.IGNORECASE,
)
#: A paper's citations of others' work: "[4, 5]", "[2-6]", "Smith et al." (a lone "[3]" is
#: as often a specification's footnote marker).
_CITED = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})+\]|\bet al\b")
#: When a past event happened, as a story dates it: "last year", "two months ago".
_WHEN = re.compile(
    r"\b(?:last|earlier this|this) (?:year|month|week|spring|summer|autumn|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:\w+|\d+) (?:days|weeks|months|years) ago\b|\byesterday\b|\brecently\b"
    r"|\b(?:over|in) recent (?:years|times|decades)\b"
    r"|\bsince (?:19|20)\d\d\b|\b(?:over|in|during|for) the (?:past|last) (?:few |two |three |"
    r"several |\d+ )?(?:years|months|decade)\b"
    rf"|\bin (?:{_MONTH} )?(?:19|20)\d\d(?:[/-]\d\d)?, (?:the )?[a-z]"
    rf"|\b(?:on|in) (?:{_MONTH} \d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH})\b",
    re.IGNORECASE,
)
#: A council told of in the third person, as local news tells it, by what it wants, hopes,
#: plans or is doing ("the council wants to put more focus on ...", "the council is
#: working with consultants"); a document speaking for a council says "we" or "the Council
#: will".
_COUNCIL_TOLD = re.compile(
    r"\b[Tt]he (?:council|authority|trust|ICB)(?:'s|’s)? (?:executive |cabinet |leader )?"
    r"(?:wants|hopes|seeks|plans|estimates|admits|insists|is (?:working|looking|planning|"
    r"proposing|seeking|facing|hoping)|has been forced|was forced)\b"
)
#: The parts of a research abstract: "Design: ...", "Findings: ...".
_ABSTRACT = re.compile(r"\b(?:Design|Participants|Measurements|Findings|Conclusions?): [A-Z]")
#: What someone found, as a report tells it ("C.Co engaged with providers and found that").
_FOUND = re.compile(
    r"\b(?:found|finds|concluded|revealed|reveals|identified|showed|highlighted|uncovered) "
    r"(?:that|how)\b"
    # "New analysis reveals ...", "the report's findings show", "figures show".
    r"|\b(?:new |recent |latest |our )?(?:analysis|figures|data|findings|survey results|"
    r"research|evidence|studies) "
    r"(?:reveals?|revealed|shows?|showed|suggests?|suggested|demonstrates?|demonstrated)\b"
    r"|\b(?:identified|cited|described|highlighted|raised) by (?:trust |council |system )?"
    r"(?:leaders|respondents|trusts|providers|participants|directors|members)\b"
    r"|\bthe (?:report|review|study|survey|research|evaluation|inquiry|analysis) (?:\w+ )?"
    r"(?:identifies|identified|highlights|highlighted|finds|found|shows|showed|reveals|"
    r"revealed|concludes|concluded|examined|examines)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|\w+ed|won|lost|took|gave|made|set up|put|cut|spent|said|told|"
    r"been|grown|spread|risen|fallen|become|seen|begun)\b",
    re.IGNORECASE,
)
#: The document's own voice: what it, "we", the buyer, tenderers or the provider will,
#: shall or must do, and what "we" buy, pay or award (read with quotations removed).
#: Asked only whether it holds (:meth:`speclint.lazy_re.Alternation.holds`).
_OWN = re.Alternation(
    r"\b(?:shall|must|is required to|are required to|will be required to)\b"
    r"|\b(?:we|the (?:council|authority|commissioners?|icb|board|trust|county|purchaser|"
    r"buyer|contracting authority|provider|service provider|contractor|supplier)s?)\b"
    # Not a hope or a belief about what will come: "We hope that this report will ...".
    r"(?!\s+(?:hope|hoped|believe|believed|think|thought|trust|fear|feared|wonder|doubt|"
    r"suspect|imagine|predict|predicted)\b)"
    r"[^.;]{0,30}?\b(?:will|requires?|reserves|expects?|intends?|proposes?|is to|are to)\b"
    r"|\b(?:tenderers|bidders|applicants|suppliers|you) (?:should|will need to|need to)\b"
    # What "we" buy, pay or award, now or before: the author's own commissioning.
    r"|\bwe (?:have |had |currently |now |also )?(?:awarded|award|commissioned|commission|"
    r"pay|paid|buy|bought|purchase|purchased|contract|contracted|tender|tendered|procure|"
    r"procured|fund|funded|re-?tendered|re-?procured)\b",
    re.IGNORECASE,
)
#: A weaker mark of the own voice: what this service or its provider does, as a
#: specification describes it ("The service provides twelve sessions", "Providers are
#: paid for each visit"), and a numbered clause ("4.2 Referrals ...").
_DESCRIBES = re.compile(
    r"^\W*(?:the |this |each |every )?(?:service|provider|contractor|supplier|"
    r"service provider)s? (?:is|are|provides?|delivers?|operates?|offers?|supports?|"
    r"accepts?|covers?|includes?|runs?|works?|receives?|takes?|gets?)\b"
    r"|^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]",
    re.IGNORECASE,
)
#: A title naming the document's own kind: a specification, a schedule, tender papers.
_OWN_TITLE = re.compile(
    r"\b(?:specification|schedule (?:\d|[a-z]\b)|service description|terms and conditions|"
    r"conditions of contract|invitation to (?:tender|quote|participate)|tender (?:documents?|"
    r"pack)|pricing schedule|payment mechanism|framework agreement|call-off|lot \d)",
    re.IGNORECASE,
)
#: A duty another body lays down, told of: "guidance mandates that providers must ...".
_TOLD_DUTY = re.compile(
    r"\b(?:mandates|mandated|requires|required|stipulates|stipulated|insists|insisted|"
    r"expects|expected|demands|demanded|states|stated) that\b[^.;]{0,60}?\b(?:must|shall)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]{12,}’")
# A quotation left open: a curly opening mark, or a straight one opening the text or
# following a space or a colon.
_OPEN_QUOTE = re.compile(r"“|(?:^|(?<=[\s:]))\"")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

__all__ = [
    "CLAUSE_OR_FIELD",
    "COMMISSIONING_TITLE",
    "DEFINED_PARTY",
    "MONEY_TERM",
    "PROCUREMENT_RECORD",
    "VOICE_KEYS",
    "account_voice",
    "attributed",
    "commentary",
    "commentary_cues",
    "commissions",
    "continues_account",
    "first_person",
    "others_voice",
    "recommends",
    "relayed",
    "states_term",
    "tells",
    "voice_may",
]

#: Words every sentence :func:`others_voice` marks holds one of, in lower case.
VOICE_KEYS = (
    *_KEYS, "often", "typically", "usually", "routinely", "commonly", "frequently",
    "tend to", "increasingly", "in many ", "in most ", "in some ", "in other ",
    "across many ", "across most ", "across some ", "across other ", "awarded", "handed",
    "outsourced", "retendered", "re-tendered", "scrapped", "slashed", "introduced",
    "imposed", "set up", "launched", "suspended", "abandoned", "local authorities",
    "councils", "commissioners", "trusts", "icbs", "ccgs", "health boards", "authorities",
    "commissioning teams", "governments", "public bodies", "public sector", "many areas",
    # Every pitch to businesses (_PITCH) names them, or business or market growth.
    "businesses", "firms", "companies", "suppliers", "smes", "enterprises", "organisations",
    "care providers", "participants", "new entrants", "business growth", "business expansion",
    "market growth", "market expansion", "aiming to", "looking to", "seeking to", "wishing to",
    "keen to", "hoping to", "stand to", "stands to", "budget", "spending review", "chancellor",
    "treasury", "government",
)  # fmt: skip


_VOICE_SCREEN: list[Screen] = []


def voice_may(low: str) -> bool:
    """False only when ``low`` (a lower-cased sentence) holds none of :data:`VOICE_KEYS`."""
    if not _VOICE_SCREEN:
        _VOICE_SCREEN.append(Screen(VOICE_KEYS))
    return _VOICE_SCREEN[0].found_in(low)


def others_voice(body: str) -> bool:
    """True when ``body`` tells what another party said, found, does or did.

    That is an attribution (:func:`attributed`), what commissioners or councils commonly
    do ("Commissioners often pay by the visit"), or a named other body's past choice
    ("Westshire County Council awarded the contract in 2019") or a count of other bodies
    doing something ("60% of councils now commission ..."); a sentence that says
    what will, shall or must be done is none of these. A tender aggregator's pitch to
    businesses about another body's procurement ("This tender presents opportunities for
    SMEs ...") is others' voice whatever its verbs.
    """
    if not voice_may(body.lower()):
        return False
    if _pitched(body) or attributed(body):
        return True
    if _DUTY_OR_PLAN.search(body):
        return False
    return bool(
        _OTHERS_PRACTICE.holds(body)
        or _NAMED_BODY_PAST.search(body)
        or _BODIES_COUNTED.search(body)
    )


def _pitched(body: str) -> bool:
    """True for a tender aggregator's pitch to businesses (see :data:`_SUITED_PITCH`)."""
    if _PITCH.holds(body):
        return True
    return bool(_SUITED_PITCH.holds(body)) and not _DUTY_OR_PLAN.search(body)


def _sentences(texts: Sequence[str]) -> list[str]:
    """The sentences of ``texts`` of three words or more."""
    return [s for text in texts for s in _SENTENCE_END.split(text) if len(s.split()) >= 3]


def _account_sentence(sentence: str) -> bool:
    """True for a sentence of an account: attributed, authored, a finding or a dated past."""
    return bool(
        attributed(sentence)
        or _AUTHOR.search(sentence)
        or _FOUND.search(sentence)
        or _RESEARCH.search(sentence)
        or _CITED.search(sentence)
        or _BODIES_COUNTED.search(sentence)
        or _ABSTRACT.search(sentence)
        or _pitched(sentence)
        or _COUNCIL_TOLD.search(sentence)
        or _OTHERS_PRACTICE.holds(sentence)
        or (_WHEN.search(sentence) and _PAST.search(sentence))
    )


def account_cues(texts: Sequence[str]) -> tuple[int, int]:
    """How many marks of an account ``texts`` hold, and the weight of the text's own voice.

    An account's marks: each line of article furniture, one of the first three lines
    asking a question, and each sentence in others' voice (see :func:`_marks`). The own
    voice weighs two
    for each sentence, quotations removed, saying what shall or must be done, what
    "we", the buyer, tenderers or the provider will do, or what "we" buy, pay or award,
    and one for each describing what the service or its provider does, or numbered as
    a clause.
    """
    furniture, voices, own, _ = _marks(texts)
    return furniture + voices, own


#: How much of a document its voice is read from, in characters: a headline, a byline
#: and a lede say what a page is, and a long report is not read to its end for it.
OPENING = 12_000


def _opening(texts: Sequence[str]) -> Sequence[str]:
    """The first blocks of ``texts``, up to about :data:`OPENING` characters."""
    size = 0
    for n, text in enumerate(texts):
        size += len(text)
        if size >= OPENING:
            return texts[: n + 1]
    return texts


def _marks(texts: Sequence[str]) -> tuple[int, int, int, int]:
    """The furniture, others' voice, the own voice and the sentences read of ``texts``.

    Others' voice: each sentence reporting another's words or a source
    (:func:`attributed`), in which an author speaks of themselves or the piece, telling
    a finding or research into others, or a past event dated as a story dates it
    ("last year", "two months ago", "In 2015, the ..."). Only the document's opening is
    read (:data:`OPENING`).
    """
    texts = _opening(texts)
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    furniture = sum(
        1
        for line in lines
        if (len(line) <= 90 and _FURNITURE.match(line)) or _ROLE_BYLINE.match(line)
    )
    dated = [n for n, line in enumerate(lines) if _FIGURES_DATE.match(line)]
    if len(dated) == 1 and dated[0] < _DATELINE_LINES:
        furniture += 1  # a story's dateline, not one of a schedule's dates
    # A headline or standfirst asking a question, in the first lines.
    if any(line.rstrip().endswith("?") and len(line.split()) <= 20 for line in lines[:3]):
        furniture += 1
    sentences = _sentences(texts)
    voices = sum(1 for sentence in sentences if _account_sentence(sentence))
    # A duty told of another ("National guidance mandates that providers must ...",
    # "trust leaders believe that trusts must ...") is not the text's own.
    own = sum(
        2 if _OWN.holds(sentence) else 1 if _DESCRIBES.search(sentence) else 0
        for sentence in _sentences([_unquoted(t) for t in texts])
        if not _account_sentence(sentence) and not _TOLD_DUTY.search(sentence)
    )
    return furniture, voices, own, len(sentences)


def _unquoted(text: str) -> str:
    """``text`` without what it quotes: closed quotations, and an unclosed one to its end.

    A quotation in news often runs over several sentences, or opens a paragraph that the
    next one continues; what is quoted is someone else's voice, never the text's own.
    """
    text = _QUOTED.sub(" ", text)
    opening = _OPEN_QUOTE.search(text)
    return text if opening is None else text[: opening.start()]


def account_voice(
    texts: Sequence[str],
    reported: int = 0,
    floor: int | None = None,
    said: int = 0,
    title: str = "",
) -> bool:
    """True when ``texts`` read as an account of others' choices, not the document's own.

    Several marks of an account (:func:`account_cues`) are needed, three at least and
    one for every eight sentences, and the own voice must weigh less than the sentences
    in others' voice (``said`` adds those the caller counted: reported speech and
    announcements); furniture such as dates of publication does not count against it.
    A specification that quotes a news story, or whose background tells what was done
    last year, stays the specification it is, and so does a page whose ``title`` names
    a specification, a schedule or tender documents (:data:`_OWN_TITLE`, which weighs as
    two sentences of its own; a headline naming a "contract" is news as often as not).
    ``reported`` adds every mark the caller has counted (with bylines and a
    title asking a question); they alone make an account when they reach ``floor``.
    """
    furniture, voices, own, sentences = _marks(texts)
    own += 2 if _OWN_TITLE.search(title) else 0
    if own and own >= voices + said:
        return False  # "We have awarded ...", "The Council will pay ...": its own choices
    if floor is not None and reported >= floor:
        return True
    return furniture + voices + reported >= max(3, sentences // 8)


#: The marks of a text that commissions something itself, whatever it is (a specification,
#: a contract, a tender or award notice, a service agreement, a council's decision, a
#: pharmacy service's terms, guidance telling commissioners what to do). Any one is enough.
#: A party named as a defined term ("the Provider", "the Council", "Service Users"):
DEFINED_PARTY = re.compile(
    r"\b[Tt]he (?:Service |Lead |Pharmacy |Pharmacy Service )?(?:Provider|Contractor|Supplier|"
    r"Purchaser|Commissioner|Council|Authority|Tenderer|Bidder|Grantee|Grant Recipient|"
    r"Recipient|Applicant|Licensee|Operator|Service User|Customer|Client|Practice|Pharmacy|"
    r"Pharmacist|Agreement|Contract|Specification|Service)s?\b"
    r"|(?<=[a-z,;(] )(?:Providers|Service Users|Tenderers|Bidders|Contractors|Suppliers|"
    r"Customers|Clients|Pharmacies|Practices)\b"
)
#: The furniture of one procurement's own record: a tender site's "Summary of the
#: contracting process" and "This public procurement record has 2 releases", a notice's
#: procurement or notice identifier (a pattern's text, searched case-insensitively).
PROCUREMENT_RECORD = (
    r"(?:summary of the contracting process|this public procurement record|"
    r"procurement identifier|notice identifier)"
)
#: A numbered clause ("4.2 Referrals ..."), a lettered or numbered item of a list that
#: asks something ("d. Provide access to ..."), or a field of particulars or of a notice
#: ("Contract term:", "Commissioner Lead", "Decision Maker:", "CPV").
CLAUSE_OR_FIELD = re.compile(
    r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+\S"
    r"|^\W*(?:\(?[a-z]{1,3}[.)]|\d{1,2}[.)]|[•·▪●*–-])?\s*(?:provide|offer|ensure|deliver|"
    # ("Record keeping" names a topic, not an ask.)
    r"maintain|record(?! keeping)|refer|support|complete|submit|attend|promote|identify|develop|"
    r"carry out|undertake|work with|give|report|signpost|liaise|supply|dispense|participate)\s"
    r"|^\W*(?:contract(?: \w+)?|term|period|duration|value|lot(?: \w+)?|cpv|notice(?: \w+)?|"
    r"buyer|provider(?: lead)?|commissioner(?: lead)?|authority lead|service(?: specification)?"
    r"(?: no\.?)?|decision(?: maker| status| details)?|date of (?:decision|review|contract)|"
    r"review date|commencement date|start date|end date|expiry(?: date)?|initial term|"
    r"extension options?|reference|tender(?: \w+)?|closing date|procedure|estimated value|"
    r"total value|award(?: \w+)?|is key decision|resolved|recommendations?)\b[^:\n]{0,30}:"
    # A notice as a tender site shows it: "Notice Title", "Summary of the contracting
    # process", "This public procurement record has 5 releases".
    # A part of a contract by its label, on a line of its own: "APPENDIX 2: ...".
    r"|^\W*(?:annex|appendix|schedule|part)\s+(?:[a-z]|\d{1,2})\b[^\n]{0,80}$"
    r"|^\W*(?:notice (?:title|description|identifier|information|details)|"
    r"buyer (?:name|address)|" + PROCUREMENT_RECORD + r")\b",
    re.IGNORECASE | re.MULTILINE,
)
#: Who is asked to do something, in the words of a contract or of guidance to those who
#: commission or provide: "pharmacies will ...", "commissioners should ...", "you must".
_ASKED_PARTY = re.compile(
    r"\b(?:pharmacies|pharmacists|practices|contractors|providers|commissioners|councils|"
    r"local authorities|managers|services|organisations|tenderers|bidders|applicants|"
    r"grantees|recipients|staff|the (?:pharmacy|practice|service|programme|scheme|council|"
    r"authority|provider|contractor|commissioner)|this (?:service|contract|agreement)|you)\b"
    r"[^.;:]{0,30}?\b(?:will|shall|must|should|is required to|are required to|"
    r"is expected to|are expected to|need to|needs to|may not|is to|are to)\b",
    re.IGNORECASE,
)
#: A term of money stated in the present, with no party named: "A rebate of 2% is offered
#: to each home", "£12 is paid for each consultation", "fees are payable at £40 an hour".
MONEY_TERM = re.compile(
    r"(?:£\s?\d|\b\d+(?:\.\d+)?\s?%|\bper cent\b)[^.;]{0,60}?\b(?:is|are) (?:offered|paid|payable|"
    r"charged|deducted|withheld|withdrawn|retained|reduced|made|due|claimable)\b"
    r"|\b(?:is|are) (?:paid|payable|charged|claimable|priced) (?:at|by|in|on|for)\b[^.;]{0,40}?"
    r"(?:£\s?\d|\b\d+(?:\.\d+)?\s?%)"
    # A price per unit: "paid per visit at £18", "£14.50 for each session".
    r"|\b(?:paid|payable|priced|charged|funded)\s+(?:per|for each|for every|by the)\s+\w+"
    r"|£\s?\d[\d,.]*\s*(?:per|for each|for every|an?|each)\s+(?:hour|visit|session|contact|call|"
    r"person|client|patient|place|bed|night|week|month|case|referral|assessment|course)\b",
    re.IGNORECASE,
)
#: A title naming a document that commissions: a specification, an agreement, a notice.
COMMISSIONING_TITLE = re.compile(
    r"\b(?:specification|service level agreement|agreement for|contract for|schedule \d|"
    r"terms and conditions|conditions of (?:contract|grant)|invitation to (?:tender|quote|"
    r"participate|bid)|tender (?:notice|documents?|pack|specification|for)|pricing schedule|"
    r"framework agreement|call-off|lot \d|enhanced service|locally commissioned|"
    r"service description|decision (?:details|notice|record|report|sheet|form)|record of decision|"
    # a decision titled as one: "Key decision: ...", "Cabinet Member decision", "Notice of
    # decision", the award, extension or modification of a contract, a waiver
    r"(?:cabinet|key|executive|officer|delegated|portfolio holder|cabinet member)(?:'s|’s)? "
    r"decisions?|notice of (?:a |the )?(?:key )?decision|award of (?:a |the )?contract|"
    r"contract (?:extension|modification|variation)|modification notice|waiver (?:of|to)|"
    r"particulars|contract award|award notice|evaluation criteria)\b"
    # A part of a contract by its label: "Annex C: ...", "Schedule 4", "Appendix 2".
    r"|^\W*(?:annex|appendix|schedule|part [a-z0-9])\b",
    re.IGNORECASE,
)
_COMMISSION_KEYS = Screen(
    (
        "shall",
        "must",
        "will",
        "should",
        "need",
        "required",
        "expected",
        "may not",
        " is to",
        " are to",
    )
)


#: A sentence told in the past: an account tells what was done.
_TOLD_PAST = re.compile(_PAST_AUX, re.IGNORECASE)
#: A national payment scheme or contract named as the subject of an explanation: the
#: national tariff, payment by results, the NHS Payment Scheme, CQUIN, the Quality and
#: Outcomes Framework. A page explaining how such schemes pay describes them; a local
#: buyer adopting one also names itself, its provider or a duty (:func:`commissions`).
_NATIONAL_SCHEME = re.compile(
    r"\bnational (?:tariffs?|prices?|payment schemes?|contracts?|contractual frameworks?|"
    r"frameworks?|schemes?|currenc(?:y|ies))\b"
    r"|\b(?:NHS payment scheme|payment by results|best practice tariffs?|CQUIN|"
    r"commissioning for quality and innovation|quality and outcomes framework|QOF|"
    r"aligned payment and incentive|pharmacy quality scheme|investment and impact fund)\b"
    r"|\b(?:negotiated|set|agreed|published) (?:nationally|centrally)\b",
    re.IGNORECASE,
)


def tells(texts: Sequence[str]) -> bool:
    """True when ``texts`` bear a mark of an account.

    The marks: furniture or another's voice, two sentences told in the past ("Trusts
    were given goals ...", "Areas had to ..."), or two naming a national payment scheme
    or contract (:data:`_NATIONAL_SCHEME`: "Acute trusts are paid the national tariff
    ...", "CQUIN puts 2% of contract value at risk ..."), as an explainer of how the NHS
    pays does. A bare run of present-tense clauses ("Visits are booked in 15-minute slots
    and paid per visit at £18.") has none: a pasted piece of a specification, not an
    account.
    """
    furniture, voices, _own, _count = _marks(texts)
    if furniture or voices:
        return True
    sentences = _sentences(_opening(texts))
    if sum(1 for sentence in sentences if _TOLD_PAST.search(sentence)) >= 2:
        return True
    # An explainer of national schemes: two sentences or more naming one.
    return sum(1 for sentence in sentences if _NATIONAL_SCHEME.search(sentence)) >= 2


def commissions(texts: Sequence[str], title: str = "") -> bool:
    """True when ``texts`` bear any mark of a text that commissions, buys or decides.

    The marks: a title naming a specification, agreement, tender or decision; a party
    named as a defined term ("the Provider", "the Council", "Service Users"); a numbered
    clause, an item of a list asking something ("d. Provide ..."), a field of particulars
    or of a notice ("Contract term:", "Decision Maker:"); a term of money stated as one
    ("a rebate of 2% is offered", "£12 is paid for each ..."); a duty as a contract states it
    ("shall", "must") or someone asked to do something ("pharmacies will ...",
    "commissioners should ...", "you must"). A page with none of them (an analysis of a
    national scheme, a trade paper's comment, a lobby's view) commissions nothing, so a
    mechanism it names is one it describes.
    """
    if COMMISSIONING_TITLE.search(title):
        return True
    for text in _opening(texts):
        if CLAUSE_OR_FIELD.search(text):
            return True
        plain = _unquoted(text)
        if DEFINED_PARTY.search(plain) or MONEY_TERM.search(plain):
            return True
        if _OWN.holds(plain) or (_COMMISSION_KEYS.found_in(plain.lower()) and _asked_here(plain)):
            return True
    return False


#: A paper, report or review put as the subject of what it proposes or says, before the
#: words that ask: "The discussion paper proposes that providers should ...", "the
#: review recommends that councils will ...": what another document asks, told.
_PAPER_PROPOSES = re.compile(
    # Not "this" or "its": "This guidance recommends that commissioners should ..." is the
    # text's own advice, and guidance that recommends an anti-pattern is a finding.
    r"\b(?:the|a|an|their)\s+(?:[\w-]+\s+){0,3}?(?:paper|report|review|study|survey|"
    r"consultation|proposals?|white paper|green paper|inquiry|research|analysis|guidance|document|"
    r"bill)\s+(?:[\w-]+\s+){0,2}?(?:proposes|proposed|suggests|suggested|recommends|recommended|"
    r"says|said|argues|argued|calls for|called for|considers|considered|sets out|set out|finds|"
    r"found|concludes|concluded)\b[^.;]*$",
    re.IGNORECASE,
)


def _asked_here(text: str) -> bool:
    """True when ``text`` asks a party to do something in its own words.

    A request told as another document's ("The paper proposes standards that should
    apply to providers ...") is that document's, not this one's.
    """
    for match in _ASKED_PARTY.finditer(text):
        start = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start())) + 1
        if not _PAPER_PROPOSES.search(text, start, match.start()):
            return True
    return False


# --- Commentary: a page about commissioning written by someone who is not buying ---
#
# An opinion piece by a provider or a consultant, a bid-writing blog, a trade body's guide
# to its members, a research review: each tells how commissioners buy, score and pay, in
# a voice that is not a buyer's. Each family of marks below is one kind of evidence; a
# page needs marks of two families (:func:`commentary`), so no one word decides.

#: The author or the piece presented: a byline with a role, a note about the author, a
#: column's label ("In his second Soapbox item, ..."), a disclaimer of views.
_PIECE_MARKS = re.compile(
    r"^\W*(?:about the author|about (?:me|us)|author bio|written by|guest (?:blog|post|column)"
    r"|by (?:guest|our) \w+"
    # A byline naming the author by a role: "By the chief executive of Riverside Trust".
    r"|by (?:the |our |its )?(?:chief executive|ceo|managing director|director|chair|founder|"
    r"head) of)\b"
    r"|\bthe views (?:here |expressed )?(?:in this \w+ )?are "
    r"(?:his|her|their|my|the author(?:'s|’s|s’)?) own\b|\b(?:writes|blogs) regularly\b|\bsoapbox\b"
    r"|\bin (?:his|her|their|my) (?:first |second |third |latest |last |new |regular |monthly )?"
    r"(?:column|blog|post|piece|item|article)\b"
    # A name and a role set off by commas, as a standfirst or a byline gives them:
    # "Paul Mitchell, social services consultant and general manager of ...".
    r"|(?-i:\b[A-Z][a-z]+ [A-Z][a-z’'-]+, (?:[a-z-]+ ){0,3}(?:consultant|managing director|"
    r"chief executive|founder|director|adviser|advisor|general manager|chair|partner|"
    r"policy (?:officer|lead|manager)|researcher|lecturer|professor)\b)",
    re.IGNORECASE | re.MULTILINE,
)
#: An author speaking for a party other than the buyer: a provider, a charity, a trade
#: body's members ("we as providers", "in my experience", "our members").
_SUPPLIER_AUTHOR = re.compile(
    r"\b(?:we|us) as (?:an? )?(?:care |support |small |independent )?(?:providers?|suppliers?|"
    r"charit(?:y|ies)|organisations?|bid writers?|consultants?|an industry|a sector)\b"
    r"|\bas (?:an? )?(?:care |support |small |independent |voluntary sector )?(?:provider|supplier|"
    r"charity|consultancy|bid writer|former commissioner|trade body|membership body),? (?:we|I)\b"
    r"|\b(?:in|from) my (?:experience|view|opinion)\b|\bmy (?:plea|advice|own view)\b"
    r"|\bI(?:’ve|'ve| have) (?:sat|worked|seen|spent|written|helped|advised)\b"
    r"|\b(?:our|its) members(?:’|')?\b|\bmembers (?:tell|told|have told|report|reported|regularly|"
    r"often|have raised|raise)\b"
    r"|\bour (?:carers|care workers|support workers|clients|bid (?:team|writers)|consultants)\b"
    # A provider's own board deciding whether to bid: "our trustees decided not to bid".
    r"|\b(?:our|we as a) (?:board|trustees|charity|organisation)\b[^.;]{0,30}?\b(?:decided|agreed|"
    r"chose|voted)\s+(?:not\s+)?to\s+(?:bid|tender|apply|withdraw|walk away)\b"
    r"|\bwe (?:decided|chose) not to (?:bid|tender|apply)\b",
    re.IGNORECASE,
)
#: The reader addressed as a bidder or a customer: tips, how to win, an offer of help.
_ADVICE_MARKS = re.compile(
    r"\b(?:top|\d{1,2}|three|four|five|six|seven|eight|nine|ten) (?:tips|mistakes|secrets|"
    r"lessons|ways to (?:win|improve|score))\b|\btips (?:for|from|on)\b"
    r"|\bhow to (?:win|write|price|prepare|score)\b|\bbid[- ]writ(?:ing|ers?)\b"
    r"|\b(?:book|get|arrange|request) (?:a|your) (?:free |fixed-fee )?(?:call|consultation|review|"
    r"quote|demo)\b|\b(?:contact|call|email) us (?:today|now|for)\b|\bget in touch\b"
    r"|\bfree consultation\b|\bneed (?:help|support) with (?:your|a)\b"
    r"|\blet(?:’s|'s| us) (?:look|take a look|consider|explore|turn)\b"
    r"|\byou(?:’re|'re| are) not alone\b"
    # A firm or a body selling its help: "sign up to our newsletter", "download our
    # checklist", "we help providers win", "our clients".
    r"|\b(?:subscribe|sign up) (?:to|for) (?:our|the) (?:newsletter|mailing list|updates|webinar)\b"
    r"|\bdownload (?:our|the|a) (?:free )?(?:guide|checklist|template|toolkit|white paper)\b"
    r"|\bwe help (?:care |small |independent )?(?:providers|charities|organisations|suppliers|"
    r"businesses|bidders)\b|\bour clients\b",
    re.IGNORECASE,
)
#: Research into others: citations, findings, respondents, a review's own words.
_STUDY_MARKS = re.compile(
    r"\((?:[A-Z][A-Za-z’'-]+(?: (?:and|&) [A-Z][A-Za-z’'-]+| et al\.?)?,? (?:19|20)\d\d[a-z]?"
    r"(?:[;,] ?)?)+\)|\bet al\b"
    r"|(?i:\b(?:research|the evidence|evidence|studies|the literature|evaluations?)"
    r" (?:shows?|suggests?|found|finds|indicates?|has shown|have shown|showed)\b"
    r"|\bstudies (?:of|have|found)\b|\brespondents\b|\bwe (?:interviewed|surveyed)\b"
    r"|\binterviewees\b|\bfocus groups? (?:with|of)\b|\b(?:a |this )?(?:systematic|literature|"
    r"rapid evidence) review\b|\bmeta-analys[ie]s\b"
    r"|\bthis (?:report|review|briefing|summary|evaluation|paper) (?:reviews|presents|draws|"
    r"examines|explores|summarises|summarizes|analyses|analyzes)\b)"
)
#: How the field behaves, told in general: "commissioners often ...", "it is usually set
#: at ...", "with few exceptions, the cheapest bid ...", "many councils ...".
_GENERAL_MARKS = re.compile(
    r"\b(?:commissioners|councils|buyers|local authorities|evaluators|authorities|procurers)\b"
    r"(?: [\w’'-]+){0,3}? (?:often|usually|typically|generally|ordinarily|commonly|routinely|"
    r"regularly|tend to|still)\b"
    r"|\b(?:many|most|some|several) (?:commissioners|councils|buyers|local authorities|areas)\b"
    r"|\bwith (?:few|rare) exceptions\b|\bit is (?:often|usually|typically|generally|commonly)\b"
    r"|\bit is (?:common|usual|normal|typical|standard practice|not unusual) (?:for|to|practice)\b"
    r"|\b(?:common|usual|normal|standard) practice (?:is|for|among|in)\b"
    r"|\b(?:in|across) (?:most|many|some) (?:public )?(?:tenders|procurements|areas|councils)\b"
    # What tends to follow, told as a rule of thumb: "the cheapest bid usually wins".
    r"|\b(?:usually|often|nearly always|almost always|invariably|tends? to) (?:win|wins|lose|"
    r"loses|lead to|leads to|mean|means|result in|results in)\b",
    re.IGNORECASE,
)
#: A guide presenting itself: "This guide explains ...", "a guide to price and quality",
#: "a good practice note", "A better approach is ...".
_GUIDE_MARKS = re.compile(
    r"\bthis (?:guide|guidance|note|toolkit|briefing|resource|explainer) (?:is (?:for|aimed at|"
    r"intended for|written for)|explains|describes|sets out|looks at|covers|offers|helps)\b"
    r"|\b(?:a|an|our|this) (?:short |practical |quick |beginner(?:’s|'s) )?(?:guide|introduction)"
    r" (?:to|for)\b|\bgood practice (?:note|guide|guidance|example)\b"
    r"|\b(?:a|the) (?:better|fairer) (?:approach|way)\b",
    re.IGNORECASE,
)
#: The author giving an opinion in the first person: "I believe", "we think", "our view
#: is", "in our opinion". Counted only on a page that presents itself as a piece (a byline,
#: "written by", a column's label: :data:`_PIECE_MARKS`): a council's strategy saying "we
#: believe people should live at home" bears no byline and is not an opinion piece.
_OPINION_MARKS = re.compile(
    r"\b(?:I|we)(?: \w+ly)? (?:believe|think|feel)\b|\b(?:our|my) (?:view|opinion) is\b"
    r"|\bin our (?:view|opinion)\b",
    re.IGNORECASE,
)
#: A byline naming an officer of the buyer itself ("Written by Sam Lee, Director of Adult
#: Social Care, Westshire County Council"): the body speaking for itself, not a piece about it.
_OFFICER_BYLINE = re.compile(
    # Not a charity or a forum whose name holds "Council" ("Riverside Council for Voluntary
    # Service", "Race Equality Council", "Carers Council (a registered charity)").
    r"^(?![^\n]*\b(?:council (?:for|of)|charit(?:y|able)|voluntary|cvs|race equality|association|"
    r"alliance|network|forum|(?:people|women|men|parents?|patients?|pensioners?|tenants?|residents?|"
    r"carers?|faiths?|disability|disabled|older|youth|young|children|community|ethnic|business|"
    r"trades?|students?)(?:['’]s|s['’]|['’])? council)\b)"
    r"(?:\W*(?:written |posted )?by\b[^\n]{0,120}?\b(?:council|icb|integrated care board|"
    r"combined authority|health board|local authority|health and social care partnership)\b"
    # A byline line of its own, a name and the officer's role at the body, and no more:
    # "Jo Reid, Assistant Director of Commissioning, Eastshire County Council" (not a news
    # report's "Jo Reid, director at the council, said ...").
    r"|\W*(?-i:[A-Z][a-z]+ [A-Z][\w’'-]+,)[^\n]{0,60}?\b(?:director|officer|head|manager|lead|"
    r"commissioner|chief executive|leader|cabinet member)\b[^\n]{0,80}?\b(?:council|icb|"
    r"integrated care board|combined authority|health board|local authority)\b[^\n.,;:]{0,30}$)",
    re.IGNORECASE | re.MULTILINE,
)


_FORMER = re.compile(r"\bformer\b", re.IGNORECASE)


def officer_byline(texts: Sequence[str]) -> bool:
    """True when the opening of ``texts`` bylines the buyer's own officer (not a former one).

    "By Jo Reid, Assistant Director of Commissioning, Eastshire County Council": the body
    speaking through its officer, so its opinions ("we believe", "in my view") do not make
    the page an account or a piece about the body, and its own terms are its own.
    """
    return any(_OFFICER_BYLINE.search(t) and not _FORMER.search(t) for t in _opening(texts))


#: A question put to the reader or left hanging: "Have you ...?", "Can all commissioners ...?".
_QUESTION = re.compile(r"\?\s*$|\?\s+[A-Z“\"]")
#: A writer exclaiming ("which nobody knew was a test at the time!"): a buyer's terms
#: never do.
_EXCLAIMED = re.compile(r"(?<=[a-z0-9)’'])!(?=[\s)\"”’]|$)")
#: A writer's verdict on what it describes: irony, unfairness, cruelty, "the truth is",
#: "of course,". A buyer states terms; it does not call them cruel.
_EVALUATIVE = re.compile(
    r"\b(?:the (?:irony|truth|reality|sad truth|sad reality) (?:is|was)|ironically|sadly|frankly|"
    r"to be honest|let[’']?s be (?:honest|clear)|of course,|"
    r"(?:so |very |deeply |grossly |utterly )?(?:cruel|unfair|unjust|absurd|ridiculous|nonsensical|"
    r"outrageous|shameful|scandalous|disgraceful|indiscriminate)|"
    r"an? (?:scandal|farce|disgrace|nonsense|travesty))\b",
    re.IGNORECASE,
)

#: The families, in order: the piece, the author's side, advice to bidders, research,
#: the field in general, a guide presenting itself, a writer exclaiming, a writer's verdict.
_COMMENTARY_FAMILIES = (
    _PIECE_MARKS,
    _SUPPLIER_AUTHOR,
    _ADVICE_MARKS,
    _STUDY_MARKS,
    _GENERAL_MARKS,
    _GUIDE_MARKS,
    _EXCLAIMED,
    _EVALUATIVE,
)
#: How many marks one family may give: a research review's twenty citations are one kind
#: of evidence, not twenty.
_FAMILY_CAP = 3


def commentary_cues(texts: Sequence[str], title: str = "") -> tuple[int, int]:
    """How many families of commentary's marks ``texts`` bear, and how many marks in all.

    The families: the piece and its author presented (a byline with a role, "about the
    author", a column's label, the furniture of :func:`account_cues`), an author
    speaking for a provider, a charity or a trade body's members, advice to bidders or
    an offer of help, research into others (citations, "research shows", respondents),
    how commissioners generally behave, a guide presenting itself, a writer exclaiming
    ("... at the time!") and a writer's verdict ("the irony is", "unfair", "of course,").
    Each gives at most :data:`_FAMILY_CAP` marks. On a page presenting itself as a piece, the
    author's first-person opinion ("I believe", "our view is") makes another family.
    Questions to the reader ("Have you ...?") make one more, at most two marks. Only the
    opening is read (:data:`OPENING`).
    """
    return _commentary_cues(texts, title, _marks(texts)[0])


def _commentary_cues(texts: Sequence[str], title: str, furniture: int) -> tuple[int, int]:
    """:func:`commentary_cues`, given the count of the piece's furniture (:func:`_marks`)."""
    opening = [title, *_opening(texts)] if title else list(_opening(texts))
    joined = "\n".join(opening)
    families = hits = 0
    # The piece's furniture (a date of posting, a byline, "5 min read") presents it too.
    for pattern in _COMMENTARY_FAMILIES:
        found = sum(1 for _ in islice(pattern.finditer(joined), _FAMILY_CAP))
        if pattern is _PIECE_MARKS:
            found += furniture
        found = min(_FAMILY_CAP, found)
        if found:
            families += 1
            hits += found
    if _PIECE_MARKS.search(joined):
        # A byline over first-person opinion ("I believe", "our view is") is an opinion
        # piece's; the opinion alone is not a mark (a council's strategy says "we believe").
        opinions = sum(1 for _ in islice(_OPINION_MARKS.finditer(joined), _FAMILY_CAP))
        if opinions:
            families += 1
            hits += opinions
    questions = sum(1 for text in opening for _ in _QUESTION.finditer(text))
    if questions:
        families += 1
        hits += min(2, questions)
    return families, hits


#: What "we" or the named buyer will buy, pay or award, or do buy, in a buyer's own voice:
#: "we will pay providers only for ...", "we will weight price at 60%", "we subcontract
#: parts of the service", "The council will award the contract to ...", "X Council is
#: looking for an organisation to ...".
#: Not an employer paying its own staff ("we pay our carers for travel").
_BUYER_WE = re.compile(
    r"\b[Ww]e\b[^.;?!]{0,20}?\b(?:will|shall|intend to|plan to|propose to|are going to)\s+"
    r"(?:\w+ly\s+)?(?:pay|buy|commission|award|weight|let|tender|re-?tender|procure|fund|withhold|"
    r"allocate|contract|subcontract|evaluate|score|judge|call off|purchase|cap|spot[- ]purchase)\b"
    r"(?! (?:our|my) (?:own )?(?:staff|carers|care workers|employees|team|workers)\b)"
    r"|\b[Ww]e (?:currently |now |also )?(?:award|commission|procure|purchase|subcontract|"
    r"contract with|spot[- ]purchase)\b"
    # The buyer named in the third person, as a notice names it: "The council will award
    # the contract to ...", "Northshire Council is looking for an organisation to ...".
    r"|(?i:\b(?:the|this) (?:council|authority|icb|integrated care board|trust|board|"
    r"commissioner|contracting authority|buyer)\b[^.;?!]{0,20}?\b(?:will|shall|intends to|"
    r"plans to)\s+(?:\w+ly\s+)?(?:pay|award|let|weight|commission|procure|withhold|evaluate|"
    r"score|fund|tender|re-?tender|cap)\b)"
    r"|\b(?:[A-Z][\w’'&-]+ ){1,5}(?:Council|ICB|Integrated Care Board|Trust|Authority|Board)"
    r" (?:is|are) (?:currently |now )?(?:looking for|seeking|inviting|procuring|tendering for|"
    r"commissioning)\b"
)
#: An answer set out under a question, as a tender's clarification log or a funder's
#: questions and answers give it ("A: The contract will run for ...", "Response: ..."):
#: the buyer answering, not a writer asking the reader.
_ANSWERED = re.compile(
    r"^\W*(?:A|Answer|Response|Reply|Clarification)\s*\d*\s*[:.\-–]\s", re.MULTILINE
)
#: A title naming a buyer's own paper about what it will buy: its commissioning
#: intentions or strategy, a market position statement, a consultation on its plans.
_BUYER_TITLE = re.compile(
    r"\b(?:commissioning (?:intentions|strategy|plan|prospectus)|market position statement|"
    r"consultation (?:on|document|paper)|our (?:plans|proposals|approach|intentions)|"
    r"proposals for|business case|options appraisal)\b",
    re.IGNORECASE,
)


def commentary(texts: Sequence[str], title: str = "") -> bool:
    """True for a page of commentary on commissioning, not a buyer's own terms.

    It bears marks of two families of :func:`commentary_cues` or more, three marks at
    least and one for every fifteen sentences, and its own voice (:func:`account_cues`)
    weighs no more than its marks; a page with a title naming a specification or
    decision, a numbered clause or a field of particulars, or a party named as a
    defined term ("the Provider") is a buyer's and never commentary, and so is one whose
    title names a buyer's own paper (:data:`_BUYER_TITLE`: commissioning intentions, a
    market position statement, a consultation on its plans), and so is one bylined by the
    buyer's own officer (:data:`_OFFICER_BYLINE`).
    """
    if COMMISSIONING_TITLE.search(title) or _BUYER_TITLE.search(title):
        return False
    marks = _marks(texts)
    families, hits = _commentary_cues(texts, title, marks[0])
    if families < 2 or hits < 3:
        return False
    # A page speaking as the buyer ("We will pay ...", "The Council will ...") more than
    # its marks of commentary weigh is the buyer's, however it cites research; so is one
    # saying once what "we" will buy, pay or award ("we will weight price at 60%", "we
    # subcontract parts of the service"): a council's guide for providers, a lead
    # provider's prospectus for its partners; and so is a log of questions answered.
    if marks[2] > hits:
        return False
    opening = _opening(texts)
    if any(_BUYER_WE.search(_unquoted(t)) or _ANSWERED.search(t) for t in opening):
        return False
    # A byline naming the buyer's own officer is the body's voice, whatever its opinions.
    if officer_byline(texts):
        return False
    if any(CLAUSE_OR_FIELD.search(t) or _defined_party(_unquoted(t)) for t in opening):
        return False
    return hits >= len(_sentences(opening)) // 15


#: A capitalised word going on after a party's name: the name is part of a longer one
#: ("the Northern Care Providers Association", "the Council Tax").
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")


def _defined_party(text: str) -> bool:
    """True when ``text`` names a party as a defined term, not inside a longer name."""
    return any(not _NAME_GOES_ON.match(text, match.end()) for match in DEFINED_PARTY.finditer(text))


#: What a commentary asks in its own voice: "Systems should move to ...", "we recommend
#: that ...", "Commissioners must ...". A modal inside a question of how or whether
#: ("changes how you should price") asks nothing.
_RECOMMENDS = re.compile(
    r"\b(?:we|I) (?:would |strongly )?(?:recommend|advise|propose|urge)\b"
    r"|\b(?:is|are) (?:recommended|advised|asked|expected|required) to\b"
    r"|\b(?:should|must|shall|ought to|needs? to)\b"
    # Advice put as practice: "Good practice is to hold back ...", "The best approach is to".
    r"|\b(?:good|best|sound|recommended) practice (?:is )?to\b"
    r"|\b(?:a|the) (?:sensible|better|best|right|wise|recommended|preferred) (?:approach|option|"
    r"way|course) is to\b|\bit is (?:advisable|wise|sensible|recommended) to\b"
    # An instruction opening the sentence: "Pay providers only for ...", "Always award ...".
    r"|^\W*(?:(?:always|never|only|then|first|second|third|finally|instead),? )?(?:pay|set|award|"
    r"use|tie|link|withhold|hold back|let|weight|score|cap|reduce|cut|require|commission|tender|"
    r"re-?tender|fund|deduct|penalise|penalize|limit|fix|freeze|book|schedule|evaluate|reward|"
    r"make|ask|insist|expect|keep)\b",
    re.IGNORECASE,
)
#: A modal inside a question of how, what or whether: "changes how you should price".
_NOT_ASKED = re.compile(
    r"\b(?:how|what|whether|why|when|where|if|which) (?:[\w’'-]+ ){0,3}?"
    r"(?:should|must|ought to|needs? to)\b",
    re.IGNORECASE,
)


#: A frame that tells others' terms or hedges them as general: "In many tenders the
#: supervision must be ...", "Some councils expect ...", "Members report that ...",
#: "typically", "for example". A modal under it is not the page's own ask.
_REPORTED_FRAME = re.compile(
    r"\b(?:in|across|under) (?:many|most|some|other|several|a typical|typical|standard) "
    r"(?:[\w-]+ ){0,2}?(?:tenders|contracts|specifications|councils|areas|schemes|frameworks|"
    r"procurements|cases|places|scheme|contract)\b"
    r"|\b(?:some|many|most|several|other|few) (?:commissioners|councils|buyers|authorities|"
    r"local authorities|contracts|tenders|specifications|schemes|areas|ICBs)\b"
    r"|\b(?:our )?members (?:report|reported|have (?:seen|told|reported|raised)|tell|told|say|"
    r"said|find|found)\b"
    r"|\b(?:typically|usually|often|commonly|generally|routinely|for example|e\.g\.)\b"
    r"|\baccording to\b",
    re.IGNORECASE,
)
#: A term stated for the future: "Partners will be paid £450 for each ...", "Call-offs
#: will last 12 months", "Bids will be weighted 60% on price".
_FUTURE_TERM = re.compile(
    r"\b(?:will|shall)\s+(?:not\s+)?(?:be\s+)?(?:\w+ly\s+)?(?:paid|payable|withheld|deducted|"
    r"reduced|awarded|weighted|evaluated|scored|let|last|run|renewed|extended|capped|frozen|"
    r"judged|measured|held back|released|linked|tied)\b"
    # "Payment will be made at £85 for each ...", "payments will be made quarterly".
    r"|\bpayments? (?:will|shall) (?:only )?be made\b",
    re.IGNORECASE,
)


def states_term(body: str) -> bool:
    """True when a sentence of commentary states a term of its own for the future.

    "Partners will be paid £450 for each person who completes ...", "Call-offs will last
    12 months": a prospectus's or a guide's own terms, unless hedged as general or
    told of others (:data:`_REPORTED_FRAME`: "in a typical scheme ...", "some councils
    ..."), put as a condition or a possibility, quoted, or asked.
    """
    if _QUESTION.search(body) or _REPORTED_FRAME.search(body) or _CONDITION_BEFORE.match(body):
        return False
    return _FUTURE_TERM.search(_unquoted(body)) is not None


def recommends(body: str) -> bool:
    """True when a sentence of commentary asks something in the page's own voice.

    A recommendation ("Systems should move to a variable payment of 20% tied to ...",
    "We recommend that tenders award 60% of the marks to price", "Pay providers only
    for ...") is the page's own, and an anti-pattern it asks for is a finding; what the
    page describes or foretells ("the council will pay only for minutes logged", told
    by a provider), a modal inside a question of how or whether ("changes how you
    should price") or under a frame telling others' terms ("In many tenders the
    supervision must be ...", :data:`_REPORTED_FRAME`), what it quotes, and a question
    are not.
    """
    if _QUESTION.search(body) or _REPORTED_FRAME.search(body):
        return False
    return _RECOMMENDS.search(_NOT_ASKED.sub(" ", _unquoted(body))) is not None


#: The page's author speaking in the first person: "we", "our", "us", "I", "my".
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y)\b")


def first_person(texts: Sequence[str]) -> bool:
    """True when the page's author speaks as "we" or "I" in two lines or more, quotations aside.

    A think tank's or a guide's own recommendations ("Our recommendations", "We recommend
    ...") are its author's; news of a watchdog's report tells its recommendations in the
    third person ("The report makes three recommendations").
    """
    lines = (line for text in _opening(texts) for line in _unquoted(text).splitlines())
    return sum(1 for line in lines if _FIRST_PERSON.search(line)) >= 2


def relayed(texts: Sequence[str], title: str = "") -> bool:
    """True for commentary by a third party writing for readers, not a party to any terms.

    Its marks: a byline or a piece's furniture, or advice and offers to bidders ("Posted
    by ... | 6 min read", "Book a free call"). The terms such a page states for the
    future are those of the tender it relays ("Under the new framework, providers will
    be paid ..."), not its own.
    """
    opening = [title, *_opening(texts)] if title else list(_opening(texts))
    joined = "\n".join(opening)
    if _marks(texts)[0]:
        return True
    return bool(_PIECE_MARKS.search(joined) or _ADVICE_MARKS.search(joined))

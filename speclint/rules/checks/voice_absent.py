"""VOI005: nobody but the commissioner has a voice anywhere in the document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator

from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules.checks._common import CheckOptions, worded_sentences
from speclint.rules.context import RuleContext, RuleHit

#: A sentence that places a requirement on a provider. Guidance telling commissioners what
#: they must do ("Commissioners must ensure ..."; "local authorities should ...") places a
#: duty on those who buy a service, not on its provider, and does not count.
_REQUIREMENT = """
(shall OR must OR "is required to" OR "are required to" OR "is expected to" OR "are expected to"
OR ((provider OR providers OR supplier OR suppliers OR contractor OR contractors OR service
     OR services OR organisation OR grantee OR recipient OR staff OR team OR teams
     OR practitioners OR workers OR advisers)
    /s will))
AND NOT ((commissioners OR "local authorities" OR councils OR ICBs OR CCGs OR systems
    OR partnerships OR "health and wellbeing boards" OR "integrated care boards")
  pre/3 (must OR shall OR should OR "are required" OR "are expected"))
"""

_NAMES_ITSELF = """
specification OR specifications OR "service description*" OR "this contract" OR "this agreement"
OR "invitation to tender" OR "grant agreement" OR "funding agreement" OR "conditions of grant"
OR "grant conditions" OR "service schedule" OR "terms of reference"
"""

#: A heading that names the document a specification, contract, schedule or tender. The
#: singular: a page headed "Contracts, sanctions and procurement decisions" talks about
#: contracts rather than being one.
_SPEC_TITLE = re.compile(
    r"\b(?:specification|service description|contract|agreement|schedules?|"
    r"invitation to tender|tender|terms of reference|grant conditions|conditions of grant|"
    r"service requirements)\b",
    re.IGNORECASE,
)

#: A title naming another kind of document: guidance, a template, a report, a policy, a
#: process, a directory entry, terms of purchase.
_OTHER_GENRE = re.compile(
    r"\b(?:guidance|guide|templates?|reports?|polic(?:y|ies)|procedures?|FAQs?|questions|"
    r"minutes|agenda|decisions?|strateg(?:y|ies)|consultation|briefing|toolkit|handbook|"
    r"newsletter|statement|evaluation|review|notice|bulletin|news|database|directory|"
    r"process(?:es)?|terms)\b",
    re.IGNORECASE,
)
#: Where a title's head phrase ends: "Templates | for use with the NHS Standard Contract".
_HEAD_END = re.compile(r"\s*(?::|\s[–-]\s|\b(?:for|of|on|to|with|about|under|in)\b)", re.IGNORECASE)


def _names_the_document(title: str) -> bool:
    """True for a heading that calls the document a specification, contract or tender.

    A question ("How does the contract work?") heads an answer in an FAQ, not the
    document it asks about.
    """
    return not title.rstrip().endswith("?") and _SPEC_TITLE.search(title) is not None


_PEOPLE = """
patient OR patients OR "service user*" OR client OR clients OR resident OR residents
OR "people who" OR "person's" OR "the person" OR children OR "young people" OR families
OR carers OR individuals OR tenants OR survivors OR adults OR "older people"
OR referral OR referrals OR "the service"
"""


class Options(CheckOptions):
    """``[rules.options]`` of VOI005."""

    min_sentences: int = Field(
        default=30,
        ge=1,
        description="a shorter text (a page's first 2,000 characters, a notice, an extract "
        "of a schedule) says too little about who shaped the service to judge",
    )
    min_requirements: int = Field(
        default=10,
        ge=0,
        description="sentences that must place a requirement (shall, must, is required "
        "to) before the document is judged as a specification of some substance: a "
        "description of a service, a notice or terms of a few clauses are not",
    )
    requirement: str = Field(
        default=_REQUIREMENT,
        description="query for a sentence that places a requirement",
    )
    names_itself: str = Field(
        default=_NAMES_ITSELF,
        description="query for a document that calls itself a specification, contract or "
        "grant agreement; an FAQ, a notice, a decision or a report that does not is not judged",
    )
    people: str = Field(
        default=_PEOPLE,
        description="query for the people a service is for; a document naming none "
        "(terms for goods, a fee table, scheme rules) is not judged",
    )
    not_voice: tuple[str, ...] = Field(
        default=("@TOKEN_INVOLVEMENT", "@VOICE_DENIED"),
        description="queries for involvement that is no voice (after the decision, "
        "observers only); a sentence they match does not count as a voice",
    )

    @field_validator("not_voice", "requirement", "names_itself", "people")
    @classmethod
    def _parses(cls, queries: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for query in (queries,) if isinstance(queries, str) else queries:
            parse_query(query)  # a bad query or unknown concept fails the pack's load
        return queries


_VOICE = """
co-produc* OR coproduc* OR co-design* OR codesign* OR co-creat* OR "lived experience"
OR "expert* by experience" OR "user-led" OR "user led" OR "peer-led" OR Healthwatch
OR "reference group*" OR forum OR forums OR panel OR panels OR "told us" OR "people said"
OR "in their own words" OR "their own accounts"
OR "agreed in conjunction with" OR "agreed with the provider" OR "developed with the provider"
OR "jointly with the provider" OR "together with the provider" OR "with the successful provider"
OR "advisory group*" OR "advisory board*" OR "steering group*" OR "expert group*" OR "design group*"
OR ((provider OR providers OR bidder OR bidders OR tenderer OR tenderers OR applicant OR applicants)
    /s ((invited OR encouraged OR welcome OR welcomes OR "opportunity to" OR "free to")
     /s (design OR shape OR innovat* OR "service model" OR "delivery model"
      OR ((propose OR suggest) pre/4 (model OR approach OR ways OR way OR changes OR improvements
       OR alternative*)))))
OR ((people OR person OR "service user*" OR users OR patients OR carers OR families OR residents
     OR communit* OR citizens OR staff OR practitioners OR clinicians OR "front-line" OR frontline
     OR workforce OR providers OR "voluntary sector" OR "community organisations" OR stakeholder*
     OR parents OR pupils OR "C&YP" OR CYP)
    /s (involv* OR engag* OR consult* OR views OR voice* OR feedback OR participat* OR partnership
     OR survey OR surveys
     OR jointly OR "developed with" OR "designed with" OR "written with" OR "agreed with"
     OR "worked with" OR "with them" OR dialogue OR workshops OR "shaped by" OR "led by"
     OR together OR shape OR "have a say" OR "take part" OR "took part" OR "taking part"
     OR "takes part"))
"""


def _sentences_matching(ctx: RuleContext, query: str, enough: int | None = None) -> int:
    """How many sentences ``query`` matches, counting no further than ``enough`` (if given)."""
    parsed = parse_query(query)
    found = 0
    for unit in sorted(ctx.candidates.of(parsed)):
        analysis = ctx.analyses[unit]
        hits = Evaluator(analysis, True, ctx.skipped_sentences(unit)).run(parsed) or []
        found += len({analysis.tokens[first].sentence for first, _ in hits})
        if enough is not None and found >= enough:
            break
    return found


def _titled_as_another_kind(ctx: RuleContext) -> bool:
    """True when the document's title names it guidance, a template, a report or the like.

    The title is the document's first heading; its head phrase is read up to a colon, a dash or a
    preposition, so "Templates for use with the NHS Standard Contract" is templates and
    "Contract monitoring policy" a policy, while "Service specification: home care" and
    "Invitation to tender" stay specifications.
    """
    title = ctx.outline.title()
    head = _HEAD_END.split(title.text if title else "", maxsplit=1)[0]
    return bool(_OTHER_GENRE.search(head))


#: Words no English sentence ends on: a text whose last words are "to meet the" or "the
#: operation of", or that stops inside a bracket, was cut off, not finished.
_NEVER_LAST = frozenset(
    "the a an of to and or for in on with from by at as that which whose be is are was were "
    "will shall must their its our your this these such than into between including".split()
)
_LAST_WORD = re.compile(r"([\w'’]+)\W*$")


def _breaks_off(ctx: RuleContext) -> bool:
    """True when the document stops mid-sentence: an extract, where absence is unknowable.

    A finished document may end on a signature line or a table cell without a full
    stop, but not on "the" or "of", nor inside an open bracket.
    """
    last = next(
        (unit.text.strip() for unit in reversed(ctx.outline.units) if unit.text.strip()), ""
    )
    if last.count("(") > last.count(")") and last.rfind("(") > last.rfind(")"):
        return True
    word = _LAST_WORD.search(last)
    return word is not None and word.group(1).lower() in _NEVER_LAST


def _specifies_a_service(ctx: RuleContext, options: Options, requirements: int) -> bool:
    """True for a specification: it places requirements and names the people served.

    ``requirements`` is the number of sentences that place one, counted at least as far
    as the ``options.min_requirements`` a document needs. It must also call itself a specification,
    contract or grant agreement, in a heading ("Schedule 2 – Service Specification") or
    a sentence.

    Guidance explaining a payment scheme, terms for buying goods, a fee table, an FAQ, a
    notice, a decision or the minutes of a meeting are not specifications: whether
    their authors heard people who use services is not what they are about.
    """
    if _titled_as_another_kind(ctx) or requirements < options.min_requirements:
        return False
    headings = {title for unit in ctx.outline.units for title in unit.heading_path}
    named = any(_names_the_document(title) for title in headings) or _sentences_matching(
        ctx, options.names_itself, 1
    )
    return bool(named) and _sentences_matching(ctx, options.people, 1) >= 1


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """One document-level hit when nobody but the commissioner has a voice anywhere.

    History sentences count as evidence of voice ("the previous version was written
    without users; this one was developed with them"); definitions, commentary
    (quotations of Box 3) and token involvement matched by ``options.not_voice`` (the
    concepts VOI002 and VOI003 flag: "providers will be consulted following contract
    award") do not. Documents under ``min_sentences`` sentences (a page's opening, a
    notice), extracts that break off mid-sentence (:func:`_breaks_off`), and documents that
    are not a specification of some substance of a service to people (fewer than
    ``min_requirements`` requirements; see :func:`_specifies_a_service`), are not judged.
    The hit's evidence says how much was read.
    """
    # Sentences and requirements are counted only as far as the tests need; in full, for
    # the message, only when a finding is given.
    if worded_sentences(ctx, options.min_sentences) < options.min_sentences or _breaks_off(ctx):
        return
    requirements = _sentences_matching(ctx, options.requirement, options.min_requirements)
    if not _specifies_a_service(ctx, options, requirements):
        return
    token = [parse_query(q) for q in options.not_voice]
    voice = parse_query(_VOICE)
    # _VOICE is an OR of clause-local patterns, so one clause that holds it is enough, and
    # only the clauses the pre-filter admits can.
    for unit in sorted(ctx.candidates.of(voice)):
        analysis = ctx.analyses[unit]
        skip = set(analysis.sentences_flagged(frozenset({"definition", "meta"})))
        operative = ctx.skipped_sentences(unit)
        for query in token:  # consulted after award, observers only: not a voice
            rule_hits = Evaluator(analysis, True, operative).run(query) or []
            skip |= {analysis.tokens[first].sentence for first, _ in rule_hits}
        if Evaluator(analysis, True, frozenset(skip)).run(voice) is not None:
            return
    # What was read, for the message: "no sentence in this specification (140 sentences,
    # 38 of them requirements) gives ..."
    requirements = _sentences_matching(ctx, options.requirement)
    sentences = worded_sentences(ctx)
    yield RuleHit(
        unit=0,
        start=0,
        end=0,
        evidence=f"{sentences} sentences, {requirements} of them requirements",
    )

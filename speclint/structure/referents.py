"""Sub-clauses that speak of their parent clause ("4.2.1 This time is not funded").

A numbered sub-clause often names what it is about only by pointing back at the clause
above it: "4.2 Every nurse will have monthly supervision." then "4.2.1 No extra payment
will be made for this time." Read alone, 4.2.1 says nothing about supervision. The
structure layer reads such a sub-clause with its parent's words in front of it, as a
list item is read with its lead-in; a finding still needs the sub-clause's own words.

This module only decides whether a sub-clause points back; ``build.py`` does the rest.
"""

from __future__ import annotations

import re

#: What "this"/"these"/"such" may name without pointing at the clause above: the document
#: or one of its parts, or a stretch of the calendar ("this year").
_NOT_REFERENTS = (
    "schedule|schedules|contract|contracts|specification|agreement|clause|clauses|section|"
    "sections|part|parts|paragraph|paragraphs|document|framework|lot|tender|invitation|itt|"
    "annex|appendix|policy|guidance|year|years|month|months|week|weeks|quarter|quarters|"
    "period|term|date|day|days|financial|service|services|table|list|page|chapter|letter|"
    # What the text itself produces or records, not what the clause above asks for.
    "report|reports|data|figure|figures|record|records|information|form|forms|return|"
    "returns|plan|plans|template|templates|dataset|datasets|log|logs|submission|submissions"
)

#: "this time", "these sessions", "such supervision" anywhere in the first sentence, or a
#: sentence that opens on "It", "They", "This" or "These" as its subject.
_POINTS_BACK = re.compile(
    rf"\b(?:this|these|such)\s+(?!(?:{_NOT_REFERENTS}|means|mean|refers|refer|as|that)\b)[a-z][a-z-]*"
    # "It"/"They" as the subject, not the "it" of "It is essential that ..." or "It is
    # expected that ...", which stands for what follows.
    r"|^\s*(?:it|they)\s+(?!(?:means|refers)\b)(?!(?:is|was|will be|would be|may be|"
    r"should be|must be)\s+(?:\w+\s+)?(?:that|to)\b)[a-z]",
    re.IGNORECASE,
)


def points_back(first_sentence: str) -> bool:
    """True when ``first_sentence`` names its subject by pointing at the clause above.

    >>> points_back("No extra payment will be made for this time.")
    True
    >>> points_back("This Schedule sets out the payment terms.")
    False
    """
    return bool(_POINTS_BACK.search(first_sentence))

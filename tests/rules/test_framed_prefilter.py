"""The framed checks' pre-filter turns away only texts in which their query cannot hold.

:func:`speclint.rules.checks.framed._holds` (a unit's context read with its own text, for
``unless_in_context`` and the ``framed`` check's frames) first asks the pre-filter
whether the text has the words the query needs, and analyses the text only when it has.
Every query those read, over rule examples, a share of the corpus sentences and the
contexts of every unit of the Markdown drafts, gives the same answer as analysing the
text and running the query on it (:func:`~speclint.rules.checks.framed._evaluated`).
"""

from __future__ import annotations

from helpers import ROOT, corpus_sentences

from speclint.parsers import parse_bytes
from speclint.query.parser import parse_query
from speclint.query.prefilter import Candidates
from speclint.rules import all_rules
from speclint.rules.checks import framed
from speclint.structure.build import build_outline


def _queries() -> list[str]:
    """Every query a framed reading asks: rules' ``unless_in_context``, checks' options."""
    found = {framed._QUERY, framed._UNLESS, "@RESULTS_FRAME"}
    for rule in all_rules():
        if rule.unless_in_context:
            found.add(rule.unless_in_context)
        if rule.check == "framed":
            found.update(
                str(rule.options[key])
                for key in ("query", "frame", "unless")
                if rule.options.get(key)
            )
    return sorted(found)


def _texts() -> list[str]:
    """Examples of the framed rules and of a quarter of the others, a sixth of the corpus
    sentences, and each draft unit's context with its text."""
    texts: set[str] = set()
    for n, rule in enumerate(all_rules()):
        if rule.unless_in_context or rule.check == "framed" or n % 4 == 0:
            texts.update(rule.tests.fail)
            texts.update(rule.tests.pass_)
    texts.update(corpus_sentences()[::6])
    for path in sorted((ROOT / "fixtures" / "drafts").glob("*.md")):
        outline = build_outline(parse_bytes(path.read_bytes(), str(path), "md"))
        for clause in outline.units:
            context = framed.frame_text(clause)
            texts.update(context)
            if context:
                texts.add("\n".join([*context, clause.text]))
    return sorted(texts)


def test_prefilter_answers_as_the_analysis_does() -> None:
    """``_holds`` (pre-filter first) and ``_evaluated`` (always analysed) agree on every pair."""
    queries = _queries()
    texts = _texts()
    assert len(queries) >= 5 and len(texts) >= 400
    turned_away = held = 0
    for query in queries:
        parsed = parse_query(query)
        for text in texts:
            framed._holds.cache_clear()
            expected = framed._evaluated(parsed, text)
            assert framed._holds(query, text) == expected, (query, text)
            held += expected
            turned_away += not Candidates([text]).of(parsed)
    # The comparison means something: some texts hold, and most are turned away unread.
    assert held > 0
    assert turned_away > len(queries) * len(texts) // 2

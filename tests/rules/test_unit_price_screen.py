"""MFL003's quick test for a figure or a change gives exactly the answers of its regex.

``quantified`` replaces a case-insensitive search for ``_QUANTIFIED`` on every unit;
it must agree with that search on every text, so it is compared on every corpus
sentence, every paragraph of the plain-text fixtures and real documents, and on
texts written to sit on the edges of each alternative.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import corpus_sentences

from speclint.rules.checks.unit_price import _QUANTIFIED, quantified

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

TRICKY = [
    "",
    "The budget is frozen for the term.",
    "The budget is FROZEN for the term.",
    "Funding is capped.",
    "Funding is uncapped.",
    "The fee will double.",
    "The fee will double in Year 2.",
    "The fee DOUBLES in Year 2.",
    "Activity doubled last year.",
    "Delivered within the envelope.",
    "Delivered withinthe envelope.",
    "The provider adds a second visit.",
    "The provider added a second visit.",
    "There is no-one on the waiting list.",
    "The provider's no's are recorded.",
    "Nobody is turned away.",
    "The existing contract continues.",
    "Preexisting conditions are assessed.",
    "Current caseload is 400.",
    "Concurrently with the review.",
    "An additional session is offered.",
    "Extra-care housing is in scope.",
    "Extraordinary meetings may be called.",
    "A five percent uplift.",
    "A five per cent uplift.",
    "A five Per  Cent uplift.",
    "A five PERCENTAGE uplift.",
    "The super centre opens in May.",
    "It moves from the hub to the spoke.",
    "It moves FROM the hub TO the spoke.",
    "It moves from the hub. Then to the spoke.",
    "It moves from the hub; to the spoke.",
    "It moves from " + "a" * 54 + " to the spoke.",
    "It moves from " + "a" * 60 + " to the spoke.",
    "It moves from " + "a" * 61 + " to the spoke.",
    "Fromage is served to visitors.",
    "It moves from the hub toward the spoke.",
    "It moves from the hub onto the spoke.",
    "Referrals rose from 900 to 950.",
    "A fee of £18 an hour.",
    "Uplift of 2%.",
    "Care is given in the person’s home – always.",
    "The café is held open.",
    "The café is held.",
    "Nāo é possível.",
    "éno is not a word here; ñno neither.",
    # Characters that case-insensitive matching folds onto ASCII letters.
    "The provider ſhall keep the exiſting rota.",
    "The budget is fixed at 5 \u212a per unit.",
    "Delivered w\u0130th\u0131n the envelope.",
    "Delivered w\u0131th\u0131n the envelope.",
    "\u0130t moves from the hub to the spoke.",
    "It is \u212aept ADD\u0130T\u0130ONAL.",
    "Referrals from the GP go TO the hub \u0131n time.",
    "Fundıng is frozen",
    "no",
    "NO",
    "from to",
    "from\nto",
    "from_to",
    "from-to",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    sentences = corpus_sentences()
    texts += sentences
    # Units are often several sentences: join neighbours so that pairs span them.
    texts += [" ".join(sentences[i : i + 3]) for i in range(len(sentences))]
    fixtures = ROOT / "fixtures"
    documents = sorted(fixtures.rglob("*.md")) + sorted(fixtures.rglob("*.txt"))
    documents += sorted((CORPUS / "real").glob("*.txt"))
    for path in documents:
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts


TEXTS = _texts()


def test_the_texts_cover_both_answers_and_every_branch() -> None:
    answers = [bool(_QUANTIFIED.search(text)) for text in TEXTS]
    assert answers.count(True) > 100
    assert answers.count(False) > 100
    no_money = [t for t in TEXTS if "£" not in t and "%" not in t]
    assert sum(bool(_QUANTIFIED.search(t)) for t in no_money) > 50


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_agree(text: str) -> None:
    assert quantified(text) == bool(_QUANTIFIED.search(text)), text


def test_every_corpus_sentence_and_paragraph_agrees() -> None:
    wrong = [text for text in TEXTS if quantified(text) != bool(_QUANTIFIED.search(text))]
    assert wrong == []


def test_a_pair_past_sixty_characters_is_no_pair() -> None:
    assert quantified("It moves from " + "a" * 54 + " to the spoke.")
    assert not quantified("It moves from " + "a" * 61 + " to the spoke.")
    assert not quantified("It moves from the hub; to the spoke.")

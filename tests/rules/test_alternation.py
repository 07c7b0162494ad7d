"""An :class:`speclint.lazy_re.Alternation` finds what its whole pattern finds.

The alternations in use (sentence meaning's flag pattern, the short-term check's term
cues) are compared with the plain compiled pattern on every corpus sentence, in its own
case and in lower case, and on written cases (capitals, the characters IGNORECASE
equates with an ASCII letter, empty text); :func:`required_substrings` is shown to
promise only strings each match holds, on small generated patterns and texts; and the
grouped screen answers as ``key in text`` group by group, compiled or not.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest
from helpers import corpus_sentences

import speclint.rules.checks
import speclint.structure
from speclint import lazy_re, substrings
from speclint.lazy_re import (
    Alternation,
    distributed_alternatives,
    required_substrings,
    split_alternatives,
)
from speclint.rules.checks import short_term
from speclint.structure import meaning
from speclint.substrings import GroupScreen


@pytest.fixture(autouse=True)
def _parts_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alternatives worked out at the first use, not after :data:`WHOLE_FIRST` uses of the
    whole pattern: otherwise a test with few texts would compare the pattern with itself."""
    monkeypatch.setattr(lazy_re, "WHOLE_FIRST", 0)


def test_the_whole_pattern_serves_the_first_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_re, "WHOLE_FIRST", 2)
    parts = Alternation(r"ab|cd")
    assert parts.holds("xxcd") and parts.search("ab").span() == (0, 2)  # type: ignore[union-attr]
    assert parts._parts is None and parts._spread is None
    assert [m.span() for m in parts.finditer("cd ab")] == [(0, 2), (3, 5)]
    assert parts._parts is not None


def test_back_references_keep_the_whole_pattern() -> None:
    """Split apart, a group would be numbered anew under its back-reference."""
    parts = Alternation(r"(a)\1|b(c)\2")
    assert parts.holds("xaa") and parts.search("bcc").span() == (0, 3)  # type: ignore[union-attr]
    assert parts._parts is None and parts._spread is None


_OWN = [
    "",
    "Previously the service was block-funded.",
    "THE CONTRACT WILL RUN FOR AN INITIAL TERM OF THREE YEARS.",
    "The contract ſhall run for three years",  # long s: IGNORECASE reads it as "s"
    "The \u212aPI contract term is two years, and the term of the lease ıs five.",
    "Contracts are awarded to the current providers for 12 months from April.",
    "For the purposes of this Schedule, a Visit means a face-to-face contact.",
    "Research suggests that early help works; members noted the savings.",
    "Between 3 June 2019 and 4 July 2019 the council consulted residents.",
]


def _texts() -> list[str]:
    return [t for s in (*_OWN, *corpus_sentences()) for t in (s, s.lower(), s.upper())]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.span(), a.groups(), a.lastindex) == (b.span(), b.groups(), b.lastindex)


def _alternations() -> list[tuple[str, Alternation]]:
    """Every :class:`Alternation` at the top of a structure or check module."""
    found = []
    for package in (speclint.structure, speclint.rules.checks):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, Alternation):
                    found.append((f"{info.name}.{name}", value))
    return found


def test_the_alternations_in_use_are_found() -> None:
    names = {name for name, _ in _alternations()}
    assert {"meaning._ANY_FLAG_PARTS", "short_term._TERM_CUE", "voice._ATTRIBUTED"} <= names


_EXTRA = [
    "Critics said the scheme had failed, according to the report.",
    "Councils often pay by the hour; the Government announced a review.",
    "Northby stands to receive £9m. The Provider stands to lose 5%.",
    "The Provider will be paid; tenders are scored on price and quality.",
]


_FOUND = _alternations()


@pytest.mark.parametrize(("name", "alternation"), _FOUND, ids=[name for name, _ in _FOUND])
def test_an_alternation_matches_as_its_pattern_does(name: str, alternation: Alternation) -> None:
    """On every corpus sentence, in its own, lower and upper case: each match (its place,
    groups and the one found first) alike, and whether there is one."""
    whole = re.compile(alternation.pattern, alternation._flags)
    for text in [*_texts(), *_EXTRA, *(t.upper() for t in _EXTRA)]:
        assert alternation.holds(text) == (whole.search(text) is not None), text
        assert _same(alternation.search(text), whole.search(text)), text
        assert _same(alternation.search(text, 5, 60), whole.search(text, 5, 60)), text
        if alternation._flags & re.IGNORECASE:
            low = text.lower()
            assert _same(alternation.search(text, lowered=low), whole.search(text)), text
        mine = [(m.span(), m.groups()) for m in alternation.finditer(text)]
        assert mine == [(m.span(), m.groups()) for m in whole.finditer(text)], text


def test_the_flag_alternation_holds_where_its_pattern_does() -> None:
    """Sentence meaning's flag pattern, in lower case as it is searched there."""
    whole = re.compile(meaning._lowered_pattern(meaning._ANY_FLAG_SOURCE))
    for text in _texts():
        low = text.lower()
        assert meaning._ANY_FLAG_PARTS.holds(low) == (whole.search(low) is not None), low


def test_the_term_cues_hold_one_group() -> None:
    """The short-term check reads group 1: the alternatives hold no group of their own."""
    assert re.compile(short_term._TERM_CUE.pattern, re.IGNORECASE).groups == 1


def test_the_flag_pattern_is_split_into_many_alternatives() -> None:
    """Split and multiplied out, so that a sentence is searched with few of them."""
    source = meaning._lowered_pattern(meaning._ANY_FLAG_SOURCE)
    assert len(split_alternatives(source)) >= 15
    spread = distributed_alternatives(source)
    assert 40 <= len(spread) <= 64
    assert all(required_substrings(a) for a in spread)


def test_alternatives_are_split_outside_groups_classes_and_escapes() -> None:
    assert split_alternatives(r"a|(?:b|c)|[|]|\||(d|e)f") == ["a", "b", "c", "[|]", r"\|", "(d|e)f"]
    assert split_alternatives(r"(?:a|b)c|d") == ["(?:a|b)c", "d"]
    assert distributed_alternatives(r"x(?:a|b)y|(?:c|d)+") == ["x(?:a)y", "x(?:b)y", "(?:c|d)+"]


def test_required_substrings_of_written_patterns() -> None:
    assert required_substrings(r"\bfor the (?:first|second) time\b") == {
        "for the first time",
        "for the second time",
    }
    assert required_substrings(r"(?:a|b)?c") == {"c"}
    assert required_substrings(r"(?:an|the) (?:term|period)s? of") == {
        "an term",
        "an period",
        "the term",
        "the period",
    }
    assert required_substrings(r"\w+") is None
    assert required_substrings(r"(?i)Term") == {"term"}
    assert required_substrings("Term", re.IGNORECASE) == {"term"}
    assert required_substrings("Term") == {"Term"}
    assert required_substrings(r"x(?=abc)") == {"x"}
    assert required_substrings(r"(?!abc)\d") is None


_PIECES = ["a", "b", "ab", "(?:a|b)", "(?:ab|ba)", "[ab]", "a?", "b*", "(?:a|b)+", "x", "\\b", "."]


@pytest.mark.parametrize("seed", range(4))
def test_required_substrings_hold_in_every_match(seed: int) -> None:
    """Generated patterns and texts: a text with a match holds one of the promised strings."""
    rnd = random.Random(seed)
    for _ in range(300):
        source = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 4)))
        if rnd.random() < 0.3:
            source += "|" + "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 3)))
        for flags in (0, re.IGNORECASE):
            promised = required_substrings(source, flags)
            pattern = re.compile(source, flags)
            for _ in range(20):
                text = "".join(rnd.choice("abAB x.") for _ in range(rnd.randint(0, 8)))
                if promised is not None and pattern.search(text):
                    seen = text.lower() if flags else text
                    assert any(p in seen for p in promised), (source, flags, text, promised)
            parts = Alternation(source, flags)
            for _ in range(20):
                text = "".join(rnd.choice("abAB x.") for _ in range(rnd.randint(0, 8)))
                assert parts.holds(text) == (pattern.search(text) is not None), (source, text)


def _groups_alike(groups: list[tuple[str, ...]], texts: list[str]) -> None:
    screen = GroupScreen(groups)
    for text in texts:
        expected = sum(1 << g for g, keys in enumerate(groups) if any(k in text for k in keys))
        assert screen.groups_in(text) == expected, (groups, text)


def test_group_screens_answer_key_by_key() -> None:
    rnd = random.Random(18)
    texts = ["", "a", "ab c", "é’ab", "\U0001f600ba", *corpus_sentences()[:300]]
    _groups_alike([("the",), ("contract", "term"), ("",), ()], texts)
    for _ in range(300):
        groups = [
            tuple("".join(rnd.choice("ab c’é") for _ in range(rnd.randint(0, 3))) for _ in range(3))
            for _ in range(rnd.randint(1, 70 if rnd.random() < 0.1 else 6))
        ][:64]
        text = "".join(rnd.choice("ab c’é\U0001f600") for _ in range(rnd.randint(0, 12)))
        _groups_alike(groups, [text])


def test_group_screens_without_the_compiled_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(substrings, "_compiled", None)
    screen = GroupScreen([("ab",), ("zz", "c"), ()])
    assert screen._compiled is None
    assert screen.groups_in("abc") == 0b011
    assert screen.groups_in("z") == 0


def test_a_group_screen_holds_at_most_64_groups() -> None:
    with pytest.raises(ValueError, match="64"):
        GroupScreen([("a",)] * 65)

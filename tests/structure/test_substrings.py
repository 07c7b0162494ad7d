"""A :class:`speclint.substrings.Screen` answers as ``any(key in text for key in keys)``.

The compiled screen (``speclint/_scan.c``) is compared with the Python ``any``
on every key set speclint screens with, over the corpus sentences and generated text
(Unicode, keys that share first characters or overlap, the empty key), and a screen
built without the compiled module is shown to take the Python path.
"""

from __future__ import annotations

import random

import pytest
from helpers import corpus_sentences

from speclint import substrings
from speclint.rules.checks import price_weight
from speclint.structure import kinds, meaning, voice
from speclint.substrings import GroupScreen, Screen

_KEY_SETS = (
    meaning._FLAG_KEYS,
    meaning._SCREEN_KEYS,
    voice.VOICE_KEYS,
    voice._KEYS,
    kinds._BLANK_KEYS,
    kinds._MEETING_KEYS,
    kinds._REPORT_KEYS,
    price_weight._WORDED_NEEDS,
)
_ALPHABET = "ab c?é’\u0130ı\U0001f600:\t_.…[£"
#: Without the compiled module a screen is the Python ``any`` itself, and comparing it with
#: the ``any`` could not fail (the Python path has its own test below).
compiled_only = pytest.mark.skipif(
    substrings._compiled is None, reason="speclint._scan is not built here"
)


def _agree(keys: tuple[str, ...], texts: list[str]) -> None:
    screen = Screen(keys)
    for text in texts:
        assert screen.found_in(text) == any(k in text for k in keys), (keys, text)


@compiled_only
def test_speclint_key_sets_screen_the_corpus_alike() -> None:
    """Every key set in use gives the Python answer on each corpus sentence and its lower case."""
    texts = [t for s in corpus_sentences() for t in (s, s.lower())]
    texts += ["", " ", "box", "box ", "in many", "in many places"]
    for keys in _KEY_SETS:
        _agree(tuple(keys), texts)


@compiled_only
def test_generated_keys_and_texts_screen_alike() -> None:
    """Random keys and texts over a small alphabet (overlaps, shared first characters)."""
    rnd = random.Random(18)
    for _ in range(2_000):
        keys = tuple(
            "".join(
                rnd.choice(_ALPHABET)
                for _ in range(rnd.randint(0 if rnd.random() < 0.02 else 1, 4))
            )
            for _ in range(rnd.randint(0, 8))
        )
        texts = [
            "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 30))) for _ in range(20)
        ]
        _agree(keys, texts)


#: Texts of each width of character Python stores (one byte, two, four), each against keys
#: of every width: the compiled scan is written once for each width of the text.
_WIDTHS = ("ab c?é:\t_.[£\xff", "ab c’…\u0161\u0130ı", "ab c😀\U0001f601’é")


@compiled_only
def test_texts_of_each_width_screen_alike() -> None:
    rnd = random.Random(22)
    keys_alphabet = "".join(_WIDTHS)
    for _ in range(1_500):
        keys = tuple(
            "".join(rnd.choice(keys_alphabet) for _ in range(rnd.randint(1, 3)))
            for _ in range(rnd.randint(0, 8))
        )
        alphabet = rnd.choice(_WIDTHS)
        texts = [
            "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(12)
        ]
        # Keys spelled out of the text itself, so that some are found.
        keys += tuple(t[i : i + rnd.randint(1, 4)] for t in texts[:3] if t for i in [0])
        _agree(keys, texts)
        groups = [keys[i : i + 3] for i in range(0, len(keys), 3)]
        _groups_agree(groups, texts)


def _groups_agree(groups: list[tuple[str, ...]], texts: list[str]) -> None:
    """The compiled group screen names the groups with a key in each text, as ``in`` does."""
    screen = GroupScreen(groups)
    for text in texts:
        expected = sum(1 << g for g, ks in enumerate(groups) if any(k in text for k in ks))
        assert screen.groups_in(text) == expected, (groups, text)


#: Characters alike in their low byte or their low ten bits ("a" with U+0161 and U+0461,
#: "b" with U+0462 and U+0862): the compiled screen files keys by a hash of their first
#: two characters, so such keys share buckets, and each must still match only its own.
_CLASHING = "a\u0161\u0461b\u0462\u0862c x"


@compiled_only
def test_keys_whose_first_characters_clash_screen_alike() -> None:
    rnd = random.Random(13)
    for _ in range(1_500):
        keys = tuple(
            "".join(rnd.choice(_CLASHING) for _ in range(rnd.randint(1, 3)))
            for _ in range(rnd.randint(1, 10))
        )
        texts = [
            "".join(rnd.choice(_CLASHING) for _ in range(rnd.randint(0, 12))) for _ in range(10)
        ]
        _agree(keys, texts)
        groups = [keys[i : i + 2] for i in range(0, len(keys), 2)]
        _groups_agree(groups, texts)


def test_without_the_compiled_module_the_python_any_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A screen made where the compiled module is missing asks ``any`` itself."""
    monkeypatch.setattr(substrings, "_compiled", None)
    screen = Screen(("per cent", "%"))
    assert screen.found_in("ten per cent")
    assert not screen.found_in("ten percent")

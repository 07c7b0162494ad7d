"""A finding's trigger offsets move into its collapsed sentence as every run of spaces says.

:func:`speclint.engine._collapser` maps only the runs of whitespace that move an offset
(two characters or more, or a run at the start); the map must equal the one built from
every run, at every offset of every shape of text, line breaks of PDF text included.
"""

from __future__ import annotations

import random
import re

import pytest

from speclint import engine


def _maps(texts: list[str]) -> list[list[int]]:
    out = []
    for raw in texts:
        collapsed = engine._collapser(raw)
        out.append([collapsed(offset) for offset in range(-1, len(raw) + 3)])
    return out


def test_the_map_equals_the_one_built_from_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(18)
    texts = [
        "",
        " ",
        "\n",
        "The Provider shall\nreport monthly.",
        "  Leading spaces and  double\n\nbreaks ",
        "Tabs\tand\u00a0odd\u2003spaces\n",
    ]
    texts += [
        "".join(rnd.choice("ab \n\t\u00a0") for _ in range(rnd.randrange(30))) for _ in range(3000)
    ]
    fast = _maps(texts)
    monkeypatch.setattr(engine, "_SPACES", re.compile(r"\s+"))
    assert fast == _maps(texts)
    moved = [m for m, raw in zip(fast, texts, strict=True) if m != list(range(-1, len(raw) + 3))]
    assert moved, "some texts move their offsets"

"""No query in the packs leans on how ``OR`` and a proximity connector bind.

In the query language a proximity connector's sides are whole ``OR`` lists: ``a OR b
pre/2 c`` reads as ``(a OR b) pre/2 c``, and ``a pre/2 b OR c`` as ``a pre/2 (b OR c)``.
Written without brackets, that is easy to misread as ``a OR (b pre/2 c)``: six concepts
once meant the second and got the first (a whole alternative bound to its neighbour's
partner, an exclusion that needed a word it was meant to stand without). Every such mix
in the packs now carries the brackets that say which is meant.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib

from speclint.query.parser import parse_query

PACKS = sorted((Path(__file__).parents[2] / "speclint" / "rules" / "packs").glob("*.toml"))
_TOKEN = re.compile(r'"[^"]*"|NEG\(|\(|\)|\bOR\b|\bAND\b|\bNOT\b|pre/\d+|w/\d+|/s\b|/c\b|[^\s()"]+')
_CONNECTOR = re.compile(r"pre/\d+|w/\d+|/s|/c")


def unbracketed_mixes(query: str) -> list[str]:
    """Each proximity connector with an ``OR`` beside it at its own bracket depth."""
    tokens = _TOKEN.findall(query)
    depths: list[int] = []
    depth = 0
    for token in tokens:
        if token in ("(", "NEG("):
            depths.append(depth)
            depth += 1
        elif token == ")":
            depth -= 1
            depths.append(depth)
        else:
            depths.append(depth)
    found = []
    for at, token in enumerate(tokens):
        if not _CONNECTOR.fullmatch(token):
            continue
        level = depths[at]
        for step in (-1, 1):
            i = at + step
            while 0 <= i < len(tokens) and depths[i] >= level:
                if depths[i] == level and tokens[i] in ("AND", "NOT"):
                    break
                if depths[i] == level and step == 1 and _CONNECTOR.fullmatch(tokens[i]):
                    break
                if depths[i] == level and tokens[i] == "OR":
                    found.append(" ".join(tokens[max(0, at - 4) : at + 5]))
                    break
                i += step
    return found


def _queries() -> list[tuple[str, str]]:
    out = []
    for pack in PACKS:
        data = tomllib.loads(pack.read_text(encoding="utf-8"))
        for item in data.get("concepts", []) + data.get("rules", []):
            for key in ("query", "unless_in_context"):
                if item.get(key):
                    out.append((f"{pack.stem}:{item.get('name') or item.get('code')}", item[key]))
    return out


@pytest.mark.parametrize(
    ("query", "mixes"),
    [
        ("a OR b pre/2 c", 1),
        ("a pre/2 b OR c", 1),
        ("(a OR b) pre/2 c", 0),
        ("a OR (b pre/2 c)", 0),
        ("(a pre/2 b) OR c", 0),
        ("x /s (a OR b) AND NOT (c OR d pre/3 e)", 1),
    ],
)
def test_the_scan_finds_an_unbracketed_mix(query: str, mixes: int) -> None:
    assert len(unbracketed_mixes(query)) == mixes


def test_the_scan_reads_as_the_parser_does() -> None:
    """The case the scan exists for: the parser binds the ``OR`` list to the connector."""
    assert parse_query("a OR b pre/2 c") == parse_query("(a OR b) pre/2 c")
    assert parse_query("a OR b pre/2 c") != parse_query("a OR (b pre/2 c)")


def test_every_pack_query_brackets_its_mixes() -> None:
    mixed = [(name, mix) for name, query in _queries() for mix in unbracketed_mixes(query)]
    assert not mixed, "bracket these to say which reading is meant:\n" + "\n".join(
        f"{name}: ... {mix} ..." for name, mix in mixed
    )

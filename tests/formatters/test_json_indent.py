"""The JSON report's one-pass indenter writes exactly what ``json.dumps`` writes.

:func:`speclint.formatters.json.indented` stands in for ``json.dumps(indent=2,
ensure_ascii=False)`` on a report's file entries, so each case here is compared with
it character for character: the shapes a report holds, the strings JSON must escape,
non-ASCII text, empty containers, and values it leaves to ``json.dumps``.
"""

from __future__ import annotations

import json

import pytest

from speclint.api import check_document
from speclint.config import Settings
from speclint.contract import report_dict
from speclint.formatters.json import file_entry, indented, render
from speclint.models import Report
from speclint.parsers import parse_bytes

CASES: list[object] = [
    {},
    [],
    (),
    "",
    0,
    -7,
    None,
    True,
    False,
    {"a": {}, "b": [], "c": [[]], "d": {"e": {}}},
    {"text": 'The "Provider" shall\tpay £30 – per\nclient \\ each \u2028 time \x07'},
    {"nested": [1, [2, [3, {"x": None, "y": True, "z": False}]], "é"]},
    [{"code": "RFL001", "highlights": [[0, 5], [9, 12]], "section": ["1", "2"]}],
    {"tuple": (1, "two", (3,))},
    # One shape of dictionary at several depths: each depth indents its own keys.
    [{"a": 1, "b": {"a": 2, "b": None}}, {"a": "x", "b": [{"a": 3, "b": {"a": {}, "b": 5}}]}],
    {"a": 1, "b": 2, "c": {"a": 1, "b": 2}, "d": [{"b": 2, "a": 1}]},
    {"float": 1.5, "after": "kept"},  # left to json.dumps
    [float("nan"), float("inf")],
    {1: "a key that is not a string"},
]


@pytest.mark.parametrize("value", CASES, ids=[repr(v)[:40] for v in CASES])
@pytest.mark.parametrize("pad", ["", "    "])
def test_indented_is_json_dumps(value: object, pad: str) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + pad)
    assert indented(value, pad) == expected


def test_a_report_entry_is_written_as_before() -> None:
    text = (
        "# Schedule 2\n\n## 4. Workforce\n\n"
        "4.1 Key workers shall have reflective supervision monthly, met from the current "
        "contract value.\n\n"
        "4.2 Eight per cent of each quarterly invoice is held back until targets are met.\n\n"
        "| Year | Value |\n|---|---|\n| 1 | £2.4m |\n"
    )
    document = parse_bytes(text.encode(), "spec.md", "md")
    report = Report(files=(check_document(document, Settings()),))
    entry = report_dict(report)["files"][0]
    assert entry["findings"]
    dumped = json.dumps(entry, indent=2, ensure_ascii=False)
    assert file_entry(entry) == "\n".join("    " + line for line in dumped.split("\n"))
    assert json.loads(render(report)) == json.loads(json.dumps(report_dict(report)))

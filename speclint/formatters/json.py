"""Machine output: the stable JSON contract described by ``schemas/report.schema.json``.

The contract itself is :mod:`speclint.contract`, below the formatters, so that
:meth:`speclint.models.Report.to_json` can write it too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Protocol

from speclint.contract import SCHEMA_VERSION, finding_dict, report_dict
from speclint.version import __version__

if TYPE_CHECKING:
    from speclint.models import Report
    from speclint.registry import RuleRegistry

__all__ = ["SCHEMA_VERSION", "ends", "file_entry", "finding_dict", "render", "report_dict"]


class _Error(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...


class _Skipped(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def reason(self) -> str: ...


def ends(
    errors: Sequence[_Error] = (),
    skipped: Sequence[_Skipped] = (),
    *,
    files: int = 0,
    findings: int = 0,
    baselined: int = 0,
) -> tuple[str, str]:
    """The report's text before its first file entry and after its last.

    The head ends with ``"files": [`` and does not depend on the arguments; the tail
    starts just after the closing ``]``. Between them go the entries of
    :func:`file_entry`, as :func:`join_files` puts them. ``files`` and ``findings``
    count the files linted and their findings (the errors are added here).
    """
    rest = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "speclint", "version": __version__},
        "files": [],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        "summary": {
            "files": files + len(errors),
            "findings": findings,
            "errors": len(errors),
            "baselined": baselined,
            "skipped": len(skipped),
        },
    }
    head, _, tail = json.dumps(rest, indent=2, ensure_ascii=False).partition('"files": []')
    return head + '"files": [', tail + "\n"


def file_entry(entry: dict[str, object]) -> str:
    """One file's entry of ``report_dict(...)["files"]`` as it stands in the report.

    The text is ``json.dumps(entry, indent=2, ensure_ascii=False)`` with each line
    indented four more spaces, written in one pass (:func:`indented`).
    """
    return "    " + indented(entry, "    ")


def indented(value: object, pad: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, later lines after ``pad``.

    The same text for the plain data a report holds (dictionaries with string keys,
    lists, tuples, strings, numbers, booleans and ``None``); anything else goes to
    ``json.dumps``. Its indenting encoder is written in Python and yields every piece
    separately: this builds one list of pieces, a fifth of the cost on a long report.
    """
    out: list[str] = []
    try:
        _pieces(value, pad, out)
    except _Unusual:
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n" + pad) if pad else text
    return "".join(out)


class _Unusual(Exception):
    """A value :func:`_pieces` leaves to ``json.dumps``."""


def _pieces(value: object, pad: str, out: list[str]) -> None:
    """Append the indented JSON pieces of ``value`` (at indentation ``pad``) to ``out``."""
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        # Most values are strings, numbers or null: written here, not by a call, after
        # their key's piece, made once for each shape of dictionary at each depth.
        for opener, item in zip(_openers(tuple(value), pad), value.values(), strict=True):
            kind = type(item)
            if kind is str:
                out.append(opener + _string(item))
            elif item is None:
                out.append(opener + "null")
            elif kind is int:
                out.append(opener + int.__repr__(item))
            else:
                out.append(opener)
                _pieces(item, inner, out)
        out.append("\n" + pad + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        opener = "[\n" + inner
        for item in value:
            kind = type(item)
            if kind is int:
                out.append(opener + int.__repr__(item))
            elif kind is str:
                out.append(opener + _string(item))
            else:
                out.append(opener)
                _pieces(item, inner, out)
            opener = ",\n" + inner
        out.append("\n" + pad + "]")
    elif isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    else:
        raise _Unusual  # floats (NaN and infinities), models and the like


#: The text before each value of a dictionary with these keys at this indentation.
_OPENERS: dict[tuple[tuple[object, ...], str], list[str]] = {}
#: Shapes remembered at most (a report has a few: a file, a finding, a location).
_MAX_OPENERS = 256


def _openers(keys: tuple[object, ...], pad: str) -> list[str]:
    """What goes before each value of a dictionary with ``keys``: its key, indented."""
    found = _OPENERS.get((keys, pad))
    if found is None:
        inner = pad + "  "
        found = [",\n" + inner + _string(key) + ": " for key in keys if isinstance(key, str)]
        if len(found) != len(keys):
            raise _Unusual
        found[0] = "{" + found[0][1:]
        if len(_OPENERS) >= _MAX_OPENERS:
            _OPENERS.clear()
        _OPENERS[(keys, pad)] = found
    return found


#: A string as JSON without escaping non-ASCII characters (``ensure_ascii=False``).
_string = encode_basestring


def join_files(count: int) -> tuple[str, str]:
    """What goes before the ``count``-th file entry (from 1), and what closes the list."""
    return ("\n" if count == 1 else ",\n"), ("\n  ]" if count else "]")


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report as indented JSON (UTF-8, not ASCII-escaped)."""
    data = report_dict(report)
    head, tail = ends(
        report.errors,
        report.skipped,
        files=len(report.files),
        findings=data["summary"]["findings"],
        baselined=report.baselined,
    )
    parts = [head]
    for n, entry in enumerate(data["files"], 1):
        parts += [join_files(n)[0], file_entry(entry)]
    return "".join([*parts, join_files(len(data["files"]))[1], tail])

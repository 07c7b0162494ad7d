"""The streamed writer: the rules it was given, and a full temporary folder."""

from __future__ import annotations

import io
from typing import Any

import pytest

from speclint.errors import SpeclintError
from speclint.formatters import render
from speclint.formatters.stream import Options, Writer, piece, writer
from speclint.models import Report
from speclint.registry import RuleRegistry, builtin_registry


def _streamed(report: Report, fmt: str, registry: RuleRegistry | None = None) -> str:
    out = io.StringIO()
    parts = [piece(Options(fmt), fr) for fr in report.files]
    made: Writer = writer(out.write, Options(fmt), (lambda: registry) if registry else None)
    for part in parts:
        made.add(part)
    made.finish(report.errors, report.skipped)
    return out.getvalue()


def _other_registry() -> RuleRegistry:
    """The built-in packs but the first two families: other rule numbers, unknown codes."""
    packs = builtin_registry().packs
    return RuleRegistry.of(packs[2:])


@pytest.mark.parametrize("fmt", ["sarif", "markdown"])
def test_a_writer_given_other_rules_numbers_and_describes_them_as_render_does(
    report: Report, fmt: str
) -> None:
    other = _other_registry()
    report = report.model_copy(update={"baselined": 0})  # pieces carry no baseline here
    expected = render(report, fmt, registry=other)
    assert expected != render(report, fmt)  # the registry shows in the output
    assert _streamed(report, fmt, other) == expected


class _FullSpool(io.StringIO):
    """A temporary file on a full disk: a write fails once some text is in it."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_sarif_results_on_a_full_temporary_folder_are_one_clear_error(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def full(*args: Any, **kwargs: Any) -> io.StringIO:
        return _FullSpool()

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(SpeclintError, match="No space left on device"):
        _streamed(report, "sarif")


def test_the_cli_says_a_full_temporary_folder_in_one_line_and_exits_2(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from speclint.cli import main

    for i in range(3):
        (tmp_path / f"lot-{i}.md").write_text(
            "# Service specification\n\n"
            "4.2 Ten per cent of the monthly fee is withheld when the KPI is missed.\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: _FullSpool())
    err = io.StringIO()
    code = main(
        ["check", str(tmp_path), "--format", "sarif", "--no-cache", "--jobs", "1"],
        io.StringIO(),
        err,
    )
    assert code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0]
    assert lines[0].startswith("speclint: error: cannot keep the SARIF results")

"""Cases found in review: suppressions, Markdown details, clause numbers, CLI robustness."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import speclint
from speclint.cli import main

WITHHELD = "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."


def codes(text: str, fmt: str = "md") -> list[tuple[str, str | None]]:
    report = speclint.check_text(text, fmt)  # type: ignore[arg-type]
    return [(f.code, f.location.clause) for f in report.findings]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("dash", ["--", "–", "—"])
def test_directive_reason_after_any_dash(dash: str) -> None:
    assert codes(f"<!-- speclint: ignore PBR001 {dash} agreed -->\n{WITHHELD}\n") == []


def test_directive_above_a_table_applies_to_its_first_row() -> None:
    table = (
        "| KPI | Consequence of breach |\n|---|---|\n"
        "| KPI 1 | 2% of the monthly payment withheld against the target |\n"
    )
    assert codes(table)
    assert codes(f"<!-- speclint: ignore PBR -- agreed -->\n{table}") == []


@pytest.mark.parametrize(
    ("fmt", "directive"),
    [
        ("md", "<!-- speclint: ignore-file PBR -- legacy -->"),
        ("txt", "speclint: ignore-file PBR -- legacy"),
    ],
)
def test_ignore_file_at_the_end(fmt: str, directive: str) -> None:
    assert codes(f"{WITHHELD}\n\n{directive}\n", fmt) == []


def test_inline_html_comment_is_not_linted() -> None:
    text = "5.3 The Provider will deliver support <!-- supervision within existing resources -->."
    assert codes(text) == []


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_clause_number_alone_on_its_line(fmt: str) -> None:
    text = "4.2\nAll practitioners shall receive supervision within existing resources.\n"
    assert codes(text, fmt) == [("RFL001", "4.2")]


def test_non_breaking_space_after_a_clause_number() -> None:
    assert codes(WITHHELD.replace("5.2 ", "5.2\u00a0")) == [("PBR001", "5.2")]


def test_setext_heading_has_no_underline() -> None:
    report = speclint.check_text(f"Finance\n=======\n\n{WITHHELD}\n")
    assert report.findings[0].location.section == ("Finance",)


def test_report_over_a_file_inside_a_linted_folder_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(WITHHELD)
    code, _, err = run("check", str(tmp_path), "-o", str(spec))
    assert code == 2 and "refusing" in err and spec.read_text() == WITHHELD


def test_report_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(WITHHELD)
    code, _, err = run("check", str(spec), "-o", str(tmp_path / "nope" / "r.json"))
    assert code == 2
    assert err.startswith("speclint: error: cannot write the report to ") and "Traceback" not in err


def test_a_console_that_cannot_show_pound_signs(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text("5.2 £2,500 of the monthly payment is withheld against the KPI target.\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "speclint", "check", str(spec)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and "PBR001" in result.stdout


def test_fail_on_comes_from_each_files_own_configuration(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "speclint.toml").write_text('fail-on = "never"\n')
    (legacy / "old.md").write_text(WITHHELD)
    assert run("check", str(legacy / "old.md"))[0] == 0
    (tmp_path / "new.md").write_text(WITHHELD)
    assert run("check", str(legacy / "old.md"), str(tmp_path / "new.md"))[0] == 1
    assert run("check", "--fail-on", "warning", str(legacy / "old.md"))[0] == 1


@pytest.mark.parametrize("argv", [["--select", "PRB"], ["--ignore", "XYZ001"]])
def test_unknown_selectors_are_errors(argv: list[str], tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(WITHHELD)
    code, _, err = run("check", *argv, str(spec))
    assert code == 2 and "names no rule" in err


def test_unknown_selector_in_configuration(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('[severity]\nPB = "info"\n')
    (tmp_path / "spec.md").write_text(WITHHELD)
    code, _, err = run("check", str(tmp_path / "spec.md"))
    assert code == 2 and "'PB' names no rule" in err


def test_select_replaces_extend_select(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('select = ["OVR"]\nextend-select = ["RFL"]\n')
    spec = tmp_path / "spec.md"
    spec.write_text("4.2 Supervision is delivered within existing resources.\n")
    assert run("check", str(spec))[0] == 1
    assert run("check", "--select", "PBR", str(spec))[0] == 0

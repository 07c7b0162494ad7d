"""The command line, run in-process (and once as a subprocess): outputs and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from speclint import __version__
from speclint.cli import main

SPEC = Path(__file__).resolve().parents[2] / "fixtures" / "markdown" / "community-support-spec.md"
WITHHELD = (
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met.\n"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(WITHHELD)
    return path


def test_findings_exit_1_with_compiler_style_lines(spec: Path) -> None:
    code, out, _ = run("check", str(spec))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{spec}:1:5: error: PBR001 Payment depends on hitting a target")
    assert first.endswith("[clause 5.2]")
    assert (
        out.splitlines()[1]
        == "  | Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    )
    assert "= better:" in out
    assert out.rstrip().endswith("Found 1 finding (1 error) in 1 file.")
    assert "\x1b[" not in out


def test_clean_file_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("1.1 The service is paid for as a block, in monthly instalments.\n")
    code, out, _ = run("check", str(path))
    assert (code, out.strip()) == (0, "No findings in 1 file.")


def test_fail_on_levels(spec: Path) -> None:
    assert run("check", "--fail-on", "never", str(spec))[0] == 0
    assert run("check", "--fail-on", "error", str(spec))[0] == 1
    assert run("check", "--fail-on", "error", "--select", "PBR002", str(spec))[0] == 0


def test_select_ignore_and_quiet(spec: Path) -> None:
    assert run("check", "--ignore", "PBR", str(spec))[1].strip() == "No findings in 1 file."
    code, out, _ = run("check", "--quiet", "--select", "RFL,PBR001", str(spec))
    assert code == 1 and len(out.splitlines()) == 1


def test_missing_and_bad_files_exit_2_but_others_are_linted(spec: Path, tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    code, out, err = run("check", str(spec), str(tmp_path / "missing.md"), str(binary))
    assert code == 2
    assert "PBR001" in out
    assert f"speclint: error: {tmp_path / 'missing.md'}: no such file" in err
    assert f"speclint: error: {binary}: is a binary file, not text" in err
    assert "Traceback" not in out + err
    assert "2 files could not be read" in out


def test_directories_recurse(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.markdown").write_text(WITHHELD)
    (tmp_path / "a" / "notes.csv").write_text("x,y")
    (tmp_path / "two.txt").write_text(WITHHELD)
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["files"]] == ["one.markdown", "two.txt"]
    assert code == 1


def test_json_output_and_output_file(spec: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run("check", "--format", "json", "-o", str(target), str(spec))
    assert code == 1 and out == ""
    data = json.loads(target.read_text("utf-8"))
    assert data["version"] == "1"
    assert data["tool"] == {"name": "speclint", "version": __version__}
    (finding,) = data["files"][0]["findings"]
    assert finding["location"]["clause"] == "5.2"
    assert data["summary"] == {
        "files": 1,
        "findings": 1,
        "errors": 0,
        "baselined": 0,
        "skipped": 0,
    }
    assert data["skipped"] == []


def test_refuses_to_overwrite_an_input(spec: Path) -> None:
    before = spec.read_text()
    code, _, err = run("check", "-o", str(spec), str(spec))
    assert code == 2 and "refusing" in err
    assert spec.read_text() == before


def test_config_file_option_and_bad_config(spec: Path, tmp_path: Path) -> None:
    good = tmp_path / "speclint.toml"
    good.write_text('ignore = ["PBR001"]\n')
    assert run("check", "--config", str(good), str(spec))[0] == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('selekt = ["PBR"]\n')
    code, _, err = run("check", "--config", str(bad), str(spec))
    assert code == 2
    assert err.strip().startswith(f"speclint: error: {bad}: unknown key 'selekt'")
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2() -> None:
    assert run("check", "--format", "yaml", "x.md")[0] == 2
    assert run("frobnicate")[0] == 2


def test_rules_listing() -> None:
    code, out, _ = run("rules")
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY"]
    assert "RFL: Unfunded reflective time" in lines
    rows = [line for line in lines[1:] if line[:3].isupper() and line[3:6].isdigit()]
    listed = [line.split()[0] for line in rows]
    assert code == 0 and "PBR001" in listed and listed == sorted(listed)
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert all(line.split()[2] in {"error", "warning", "info"} for line in rows)
    code, out, _ = run("rules", "--format", "json")
    rows_json = json.loads(out)
    assert {"code", "name", "family", "principle", "severity"} <= set(rows_json[0])
    assert {"docs", "examples", "message", "suggestion"} <= set(rows_json[0])
    pbr = next(r for r in rows_json if r["code"] == "PBR001")
    assert set(pbr["docs"]) == {"what", "why", "example", "better"}
    assert pbr["examples"]["fail"] and pbr["examples"]["pass"]
    assert len(rows_json) == len(listed)


def test_rule_docs() -> None:
    code, out, _ = run("rule", "PBR001")
    assert code == 0
    for heading in ("What it flags", "Why it matters", "Example", "Better"):
        assert f"\n{heading}\n" in out
    assert run("rule", "payment-withheld-against-target")[1] == out
    code, _, err = run("rule", "PBR01")
    assert code == 2 and "did you mean PBR001" in err


def test_version_and_module_entry_point(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"speclint {__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "speclint", "check", str(spec)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "PBR001" in result.stdout


def test_an_internal_error_is_one_line_not_a_traceback(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speclint.api

    def broken(document: object, settings: object = None) -> object:
        raise RuntimeError("boom")

    other = tmp_path / "other.md"
    other.write_text(WITHHELD)
    calls = iter([broken, speclint.api.check_document])
    original = speclint.api.check_document
    monkeypatch.setattr(speclint.api, "check_document", lambda d, s=None: next(calls)(d, s))
    # In one process and uncached, so that the patched function is the one that runs.
    code, out, err = run("check", "--jobs", "1", "--no-cache", str(spec), str(other))
    monkeypatch.setattr(speclint.api, "check_document", original)
    assert code == 2
    assert f"{spec}: could not be linted because of an internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err and "PBR001" in out


REVIEW_WITHHELD = (
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
)


def test_report_over_a_file_inside_a_linted_folder_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(REVIEW_WITHHELD)
    code, _, err = run("check", str(tmp_path), "-o", str(spec))
    assert code == 2 and "refusing" in err and spec.read_text() == REVIEW_WITHHELD


def test_report_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(REVIEW_WITHHELD)
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
    (legacy / "old.md").write_text(REVIEW_WITHHELD)
    assert run("check", str(legacy / "old.md"))[0] == 0
    (tmp_path / "new.md").write_text(REVIEW_WITHHELD)
    assert run("check", str(legacy / "old.md"), str(tmp_path / "new.md"))[0] == 1
    assert run("check", "--fail-on", "warning", str(legacy / "old.md"))[0] == 1


@pytest.mark.parametrize("argv", [["--select", "PRB"], ["--ignore", "XYZ001"]])
def test_unknown_selectors_are_errors(argv: list[str], tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(REVIEW_WITHHELD)
    code, _, err = run("check", *argv, str(spec))
    assert code == 2 and "names no rule" in err


def test_unknown_selector_in_configuration(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('[severity]\nPB = "info"\n')
    (tmp_path / "spec.md").write_text(REVIEW_WITHHELD)
    code, _, err = run("check", str(tmp_path / "spec.md"))
    assert code == 2 and "'PB' names no rule" in err


def test_select_replaces_extend_select(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('select = ["OVR"]\nextend-select = ["RFL"]\n')
    spec = tmp_path / "spec.md"
    spec.write_text("4.2 Supervision is delivered within existing resources.\n")
    assert run("check", str(spec))[0] == 1
    assert run("check", "--select", "PBR", str(spec))[0] == 0

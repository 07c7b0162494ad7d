"""One bad entry costs one line: loops, special files, bad configs and baselines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import run_cli as run

import speclint

SPEC = "5.2 Ten per cent of the monthly payment will be withheld until KPI targets are met.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(SPEC, encoding="utf-8")
    return tmp_path


def _lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symlinks")
def test_a_symlink_loop_is_one_line(folder: Path) -> None:
    (folder / "loop.md").symlink_to(folder / "loop.md")
    code, out, err = run("check", "--no-cache", str(folder))
    assert code == 2 and "PBR001" in out
    (line,) = _lines(err)
    assert "loop.md" in line and "internal error" not in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_pipe_named_md_does_not_hang(folder: Path) -> None:
    os.mkfifo(folder / "pipe.md")
    code, out, err = run("check", "--no-cache", "--timeout", "20", str(folder))
    assert code == 2 and "PBR001" in out
    (line,) = _lines(err)
    assert "pipe.md: is not a regular file" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_named_txt_is_refused(folder: Path) -> None:
    (folder / "zero.txt").symlink_to("/dev/zero")
    code, _, err = run("check", "--no-cache", str(folder))
    assert code == 2
    assert "zero.txt: is not a regular file" in err


def test_a_deeply_nested_config_costs_only_the_files_under_it(folder: Path) -> None:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "speclint.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (sub / "other.md").write_text(SPEC, encoding="utf-8")
    code, out, err = run("check", "--no-cache", str(folder))
    assert code == 2 and "good.md" in out
    (line,) = _lines(err)
    assert "speclint.toml: not valid TOML" in line and "internal error" not in line


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, '{"version": 1, "findings": [{"count": ' + "9" * 5001 + "}]}"],
)
def test_a_corrupt_baseline_is_one_clear_line(folder: Path, content: str) -> None:
    baseline = folder / "speclint-baseline.json"
    baseline.write_text(content)
    code, _, err = run("check", "--no-cache", "--baseline", str(baseline), str(folder / "good.md"))
    assert code == 2
    (line,) = _lines(err)
    assert "not a speclint baseline" in line and "internal error" not in line


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes")
def test_an_unwritable_output_folder_is_one_line(folder: Path) -> None:
    locked = folder / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run("check", str(folder / "good.md"), "-o", str(locked / "out.json"))
    assert code == 2 and "cannot write the report" in err


def test_an_output_folder_that_is_a_file_is_one_line(folder: Path) -> None:
    blocker = folder / "not-a-folder"
    blocker.write_text("")
    code, _, err = run("check", str(folder / "good.md"), "-o", str(blocker / "out.json"))
    assert code == 2
    (line,) = _lines(err)
    assert "cannot write the report" in line


def test_annotate_into_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    draft = Path(__file__).resolve().parents[2] / "fixtures" / "docx" / "spec_review.docx"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    code, _, err = run("annotate", str(draft), "-o", str(blocker / "copy.docx"))
    assert code == 2
    (line,) = _lines(err)
    assert "copy.docx" in line and "internal error" not in line


def test_the_api_reports_special_files_as_errors(folder: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    os.mkfifo(folder / "pipe.txt")
    report = speclint.check_paths([folder])
    assert [Path(e.path).name for e in report.errors] == ["pipe.txt"]
    assert len(report.files) == 1

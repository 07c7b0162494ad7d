"""Rough edges found by using speclint as a policy team would: options, config, baselines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import VISITS, WITHHELD, run_cli

from speclint.cli import main
from speclint.registry import builtin_registry

ROOT = Path(__file__).resolve().parents[2]

run = run_cli


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A policy team's folder: three drafts in git, linted from the folder itself."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "payment.md").write_text(WITHHELD, "utf-8")
    (tmp_path / "specs" / "visits.md").write_text(VISITS, "utf-8")
    (tmp_path / "specs" / "notes.md").write_text(
        "# Notes\n\nThe service will be reviewed with the people who use it each year.\n",
        "utf-8",
    )
    return tmp_path


# --- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("--selct", "--select"), ("--fail-level", "--fail-on"), ("--output-format", "--format")],
)
def test_unknown_option_names_the_command_and_the_nearest_option(
    repo: Path, typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("check", typed, "PBR", str(repo / "specs"))
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert err.startswith("usage: speclint check ")
    assert err.splitlines()[-1] == (
        f"speclint: error: unrecognized arguments: {typed} (did you mean {meant}?)"
    )


def test_exit_zero_from_other_linters_points_at_fail_on_never(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run("check", "--exit-zero", str(repo / "specs"))
    assert code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "speclint: error: unrecognized arguments: --exit-zero (did you mean --fail-on never?)"
    )


@pytest.mark.parametrize("value", ["", " , "])
def test_an_empty_select_is_an_error_not_a_clean_run(
    repo: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("check", "--no-cache", "--select", value, str(repo / "specs"))
    assert code == 2 and out == ""
    assert capsys.readouterr().err.splitlines()[-1] == (
        "speclint: error: argument --select: no codes given; leave --select out to run every rule"
    )


# --- a bad configuration ------------------------------------------------------------------------


def test_a_bad_configuration_is_said_once_not_once_per_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.speclint]\nselect = "PBR"\n', "utf-8")
    code, out, err = run("check", "--no-cache", "-j", "1", str(repo / "specs"))
    assert code == 2
    assert err.splitlines() == [
        f"speclint: error: {repo / 'pyproject.toml'} [tool.speclint]: 'select' is a list of "
        'codes, as select = ["PBR"], not a single string (3 files not linted)'
    ]
    assert out.strip() == (
        "No document was checked; 3 files not checked because of an invalid configuration."
    )


def test_a_bad_configuration_still_lists_each_file_in_json(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.speclint]\nselect = "PBR"\n', "utf-8")
    code, out, err = run("check", "--no-cache", "--format", "json", str(repo / "specs"))
    assert code == 2 and err == ""
    errors = json.loads(out)["errors"]
    assert sorted(Path(e["path"]).name for e in errors) == ["notes.md", "payment.md", "visits.md"]


def test_one_file_with_a_bad_configuration_keeps_its_own_line(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.speclint]\nselect = "PBR"\n', "utf-8")
    code, _, err = run("check", "--no-cache", str(repo / "specs" / "payment.md"))
    assert code == 2
    assert err.splitlines() == [
        f"speclint: error: {repo / 'specs' / 'payment.md'}: not checked because its "
        f"configuration is invalid: {repo / 'pyproject.toml'} "
        "[tool.speclint]: 'select' is a list of codes, as select = [\"PBR\"], not a single string"
    ]


# --- baselines -----------------------------------------------------------------------------------


def test_a_baseline_is_not_overwritten_when_nothing_could_be_read(repo: Path) -> None:
    target = repo / "speclint-baseline.json"
    assert run("baseline", "--no-cache", "-o", str(target), str(repo / "specs"))[0] == 0
    before = target.read_bytes()
    assert json.loads(before)["findings"]
    (repo / "pyproject.toml").write_text('[tool.speclint]\nselect = "PBR"\n', "utf-8")
    code, out, err = run("baseline", "--no-cache", "-o", str(target), str(repo / "specs"))
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == (
        f"speclint: error: no document could be read; {target} not written"
    )
    assert target.read_bytes() == before


def test_a_baseline_keeps_what_it_knew_of_a_file_that_could_not_be_read(repo: Path) -> None:
    target = repo / "speclint-baseline.json"
    assert run("baseline", "--no-cache", "-o", str(target), str(repo / "specs"))[0] == 0
    known = {e["path"] for e in json.loads(target.read_text("utf-8"))["findings"]}
    assert known == {"specs/payment.md", "specs/visits.md"}
    # visits.md is now unreadable (saved as a binary by mistake); payment.md still reads.
    (repo / "specs" / "visits.md").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 40)
    code, out, err = run("baseline", "--no-cache", "-o", str(target), str(repo / "specs"))
    assert code == 2
    assert "visits.md: is a binary file" in err
    assert out.splitlines()[0] == (
        f"Recorded 2 findings in 2 files to {target} (kept the recorded findings of 1 file "
        "that could not be read)."
    )
    assert {e["path"] for e in json.loads(target.read_text("utf-8"))["findings"]} == known
    # Once it reads again, its findings are still known: nothing is new.
    (repo / "specs" / "visits.md").write_text(VISITS, "utf-8")
    code, out, _ = run("check", "--no-cache", "--baseline", str(target), str(repo / "specs"))
    assert code == 0
    report = json.loads(
        run("check", "--no-cache", "--format", "json", "--baseline", str(target), str(repo))[1]
    )
    assert report["summary"]["findings"] == 0 and report["summary"]["baselined"] == 2


def test_baseline_says_how_to_use_it(repo: Path) -> None:
    target = repo / "speclint-baseline.json"
    code, out, _ = run("baseline", "--no-cache", "-o", str(target), str(repo / "specs"))
    assert code == 0
    assert out.splitlines()[0] == f"Recorded 2 findings in 2 files to {target}."
    assert out.splitlines()[1] == (
        f"Report only new findings with: speclint check --baseline {target}"
    )


# --- standard input --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_word_or_pdf_piped_in_without_a_name_is_read_as_what_it_is(fmt: str) -> None:
    data = (ROOT / "fixtures" / "formats" / f"stop-smoking-spec.{fmt}").read_bytes()
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--format", "json", "-"], out, err, stdin=io.BytesIO(data))
    assert err.getvalue() == ""
    report = json.loads(out.getvalue())
    assert report["errors"] == []
    assert [(f["path"], f["format"]) for f in report["files"]] == [("<stdin>", fmt)]
    assert code == 1 and report["summary"]["findings"] > 0


def test_a_spreadsheet_piped_in_says_to_name_the_format() -> None:
    out, err = io.StringIO(), io.StringIO()
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert main(["check", "--no-cache", "-"], out, err, stdin=io.BytesIO(data)) == 2
    assert err.getvalue().startswith("speclint: error: <stdin>: ")
    assert (
        err.getvalue()
        .rstrip()
        .endswith("; name its format with --stdin-filename (such as --stdin-filename spec.docx)")
    )


# --- rule docs -------------------------------------------------------------------------------


def test_rule_with_a_family_lists_the_family() -> None:
    code, out, err = run("rule", "pbr")
    assert code == 0 and err == ""
    family = [r for r in builtin_registry().rules if r.code.startswith("PBR")]
    lines = out.splitlines()
    assert lines[0] == f"{len(family)} rules in family PBR (Payment-by-results skew):"
    first = family[0]
    assert lines[1].split() == [first.code, first.name, f"({first.severity.value})"]
    assert len(lines) == len(family) + 2
    assert lines[-1] == "'speclint rule CODE' explains one of them."


# --- report files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("report.json", "{"),
        ("report.sarif", "{"),
        ("report.html", "<!DOCTYPE html>"),
        ("summary.md", "## speclint report"),
        ("report.txt", "specs/"),
    ],
)
def test_a_report_file_takes_its_format_from_its_suffix(
    repo: Path, name: str, starts: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, _, err = run("check", "--no-cache", "-o", name, "specs")
    assert code == 1 and err.startswith(f"wrote {name} (2 findings in 3 files)")
    written = (repo / name).read_text("utf-8")
    assert written.lstrip().startswith(starts)
    if name.endswith(".sarif"):
        assert json.loads(written)["version"] == "2.1.0"
    if name.endswith(".json"):
        assert json.loads(written)["summary"]["findings"] == 2


def test_an_explicit_format_wins_over_the_suffix(repo: Path) -> None:
    target = repo / "report.json"
    assert run("check", "--no-cache", "--format", "text", "-o", str(target), str(repo))[0] == 1
    assert "Found 2 findings" in target.read_text("utf-8")


# --- exclude when files are named (pre-commit names every staged file) -------------------------


@pytest.fixture
def archived(repo: Path) -> Path:
    """The repository with an archive folder its configuration excludes."""
    (repo / "archive").mkdir()
    (repo / "archive" / "2019-spec.md").write_text(WITHHELD, "utf-8")
    (repo / "pyproject.toml").write_text('[tool.speclint]\nexclude = ["archive/**"]\n', "utf-8")
    return repo


def test_a_named_file_is_linted_even_when_excluded(archived: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-q", str(archived / "archive" / "2019-spec.md"))
    assert code == 1 and "PBR001" in out


@pytest.mark.parametrize("how", ["flag", "config"])
def test_force_exclude_leaves_out_named_files_that_match_exclude(
    archived: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "config":
        (archived / "pyproject.toml").write_text(
            '[tool.speclint]\nexclude = ["archive/**"]\nforce-exclude = true\n', "utf-8"
        )
    flag = ["--force-exclude"] if how == "flag" else []
    monkeypatch.chdir(archived)
    staged = ["archive/2019-spec.md", "specs/notes.md"]
    code, out, err = run("check", "--no-cache", "--format", "json", *flag, *staged)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert [f["path"] for f in report["files"]] == ["specs/notes.md"]
    # A commit that touches only archived files passes quietly.
    code, out, err = run("check", "--no-cache", *flag, "archive/2019-spec.md")
    assert (code, err) == (0, "")
    assert out == "No document was checked.\n"
    code, out, _ = run("baseline", "--no-cache", *flag, "archive/2019-spec.md", "specs")
    assert code == 0 and out.startswith("Recorded 2 findings in 2 files")


def test_the_pre_commit_hook_forces_exclusion() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks[0]["entry"] == "speclint check --force-exclude"


# --- annotating a tender pack ------------------------------------------------------------------


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A pack of Word drafts, an encrypted one, a Markdown note and an earlier review."""
    pack = tmp_path / "pack"
    pack.mkdir()
    docx_fixtures = ROOT / "fixtures" / "docx"
    (pack / "services.docx").write_bytes((docx_fixtures / "spec_nhs_schedule2.docx").read_bytes())
    (pack / "review.docx").write_bytes((docx_fixtures / "spec_review.docx").read_bytes())
    (pack / "locked.docx").write_bytes((docx_fixtures / "encrypted.docx").read_bytes())
    (pack / "notes.md").write_text(WITHHELD, "utf-8")
    (pack / "old.reviewed.docx").write_bytes((docx_fixtures / "spec_review.docx").read_bytes())
    return pack


def test_annotate_writes_a_reviewed_copy_of_each_draft_named(drafts: Path) -> None:
    code, out, err = run(
        "annotate",
        str(drafts / "services.docx"),
        str(drafts / "locked.docx"),
        str(drafts / "review.docx"),
    )
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"Wrote {drafts / 'services.reviewed.docx'} with ")
    assert lines[1].startswith(f"Wrote {drafts / 'review.reviewed.docx'} with ")
    assert err.splitlines() == [
        f"speclint: error: {drafts / 'locked.docx'}: is password-protected (an encrypted Word "
        "file); remove the password in Word (File > Info > Protect Document) and save it again"
    ]
    assert not (drafts / "locked.reviewed.docx").exists()


def test_annotate_a_folder_reviews_its_word_drafts(drafts: Path) -> None:
    code, out, err = run("annotate", str(drafts))
    assert code == 2 and "locked.docx: is password-protected" in err
    written = sorted(line.split()[1] for line in out.splitlines())
    assert written == [str(drafts / "review.reviewed.docx"), str(drafts / "services.reviewed.docx")]
    assert not (drafts / "old.reviewed.reviewed.docx").exists()


def test_annotate_a_folder_with_no_word_draft_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(WITHHELD, "utf-8")
    code, out, err = run("annotate", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"speclint: error: {tmp_path}: is a folder with no Word .docx draft in it; "
        "annotate reads .docx (lint other files with 'speclint check')\n"
    )


def test_annotate_output_names_one_draft_only(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = drafts / "panel.docx"
    code, out, err = run(
        "annotate", str(drafts / "services.docx"), str(drafts / "review.docx"), "-o", str(target)
    )
    assert code == 2 and out == ""
    assert err == (
        "speclint: error: -o names the reviewed copy of one draft, or an existing folder for "
        "them all; 2 drafts were given\n"
    )
    assert not target.exists()


def test_a_path_in_place_of_a_command_shows_the_check_command(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = repo / "specs" / "payment.md"
    assert run(str(draft))[0] == 2
    assert (
        capsys.readouterr().err.splitlines()[-1].endswith(f"(to lint it: speclint check {draft})")
    )


def test_force_exclude_applies_to_the_stdin_filename(archived: Path) -> None:
    name = str(archived / "archive" / "2019-spec.md")
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--no-cache", "--format", "json", "-", "--stdin-filename", name]
    code = main([*argv, "--force-exclude"], out, err, stdin=io.BytesIO(WITHHELD.encode()))
    assert (code, err.getvalue()) == (0, "")
    assert json.loads(out.getvalue())["files"] == []
    out = io.StringIO()
    assert main(argv, out, err, stdin=io.BytesIO(WITHHELD.encode())) == 1


def test_output_dash_is_standard_output(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run("check", "--no-cache", "--format", "json", "-o", "-", "specs")
    assert code == 1 and err == ""
    assert json.loads(out)["summary"]["findings"] == 2
    assert not (repo / "-").exists()

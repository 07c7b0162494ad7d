"""The last rough edges a demanding user met: summaries, baselines, reviewed copies, walks."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import VISITS, WITHHELD, run_cli

run = run_cli


# --- a bad configuration is not an unreadable file ---------------------------------------------


def test_the_summary_blames_a_bad_configuration_not_the_file(tmp_path: Path) -> None:
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    team = tmp_path / "home-care"
    team.mkdir()
    (team / "visits.md").write_text(VISITS, "utf-8")
    (team / "speclint.toml").write_text('select = ["PRB"]\n', "utf-8")
    for args in (
        [str(tmp_path)],
        [str(tmp_path), "--jobs", "2"],
        [str(tmp_path / "payment.md"), str(team / "visits.md")],
    ):
        code, out, err = run("check", *args)
        assert code == 2, (args, out, err)
        summary = out.strip().splitlines()[-1]
        assert "could not be read" not in summary, summary
        assert "1 file not checked because of an invalid configuration" in summary, summary
        assert "visits.md: not checked because its configuration is invalid:" in err, err
        assert "'PRB' names no rule (did you mean PBR?)" in err


# --- a baseline says which of its entries are fixed ---------------------------------------------


def test_a_baseline_names_the_entries_that_no_longer_match(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "payment.md").write_text(WITHHELD, "utf-8")
    (specs / "visits.md").write_text(VISITS, "utf-8")
    baseline = tmp_path / "speclint-baseline.json"
    assert run("baseline", "--no-cache", "-o", str(baseline), str(specs))[0] == 0
    recorded = baseline.read_bytes()
    code, _, err = run("check", "--no-cache", "--baseline", str(baseline), str(specs))
    assert code == 0 and "no longer match" not in err  # nothing fixed yet
    # The payment clause is rewritten: its finding is fixed, and the baseline can shrink.
    (specs / "payment.md").write_text(
        "# Schedule 2 – Payment\n\n5.2 The monthly payment is made in full on the first day.\n",
        "utf-8",
    )
    for jobs in ("1", "2"):
        code, out, err = run(
            "check", "--no-cache", "-j", jobs, "--baseline", str(baseline), str(specs)
        )
        assert code == 0, (out, err)
        lines = err.splitlines()
        assert lines[0].startswith(
            "speclint: 1 entry of the baseline no longer matches a finding"
        ), err
        assert "speclint baseline" in lines[0]  # how to shrink it
        assert lines[1].startswith("  specs/payment.md: PBR001 ") and "Ten per cent" in lines[1]
        assert len(lines) == 2
    # A deleted draft's entries are fixed too; a file left out of the run says nothing.
    (specs / "payment.md").unlink()
    code, _, err = run("check", "--no-cache", "--baseline", str(baseline), str(specs / "visits.md"))
    assert "1 entry of the baseline no longer matches" in err and "specs/payment.md" in err
    assert baseline.read_bytes() == recorded  # the baseline file is never rewritten by check


# --- .gitignore is respected when a folder is walked ---------------------------------------------


def _git_repository(tmp_path: Path) -> Path:
    """A team's repository: drafts, an ignored export folder, a nested and a local ignore."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "commissioning"
    (repo / "specs" / "exports").mkdir(parents=True)
    (repo / "specs" / "scratch").mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("exports/\n*.tmp.md\n", "utf-8")
    (repo / "specs" / "scratch" / ".gitignore").write_text("notes.md\n", "utf-8")
    (repo / ".git" / "info" / "exclude").write_text("local-copy.md\n", "utf-8")
    (repo / "specs" / "payment.md").write_text(WITHHELD, "utf-8")
    (repo / "specs" / "exports" / "payment.md").write_text(WITHHELD, "utf-8")
    (repo / "specs" / "exports" / "prices.xlsx").write_bytes(b"PK\x03\x04")
    (repo / "specs" / "visits.tmp.md").write_text(VISITS, "utf-8")
    (repo / "specs" / "scratch" / "notes.md").write_text(VISITS, "utf-8")
    (repo / "specs" / "local-copy.md").write_text(VISITS, "utf-8")
    return repo


def _checked(out: str) -> list[str]:
    import json

    report = json.loads(out)
    return sorted(Path(f["path"]).name for f in report["files"]) + [
        "skipped:" + Path(s["path"]).name for s in report["skipped"]
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_walk_leaves_out_what_git_ignores(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _git_repository(tmp_path)
    specs = str(repo / "specs")
    code, out, _ = run("check", "--no-cache", "-j", jobs, "--format", "json", specs)
    assert code == 1 and _checked(out) == ["payment.md"]
    code, out, _ = run(
        "check", "--no-cache", "-j", jobs, "--format", "json", "--no-respect-gitignore", specs
    )
    assert _checked(out) == [
        "local-copy.md",
        "notes.md",
        "payment.md",
        "payment.md",
        "visits.tmp.md",
        "skipped:prices.xlsx",
    ]
    # A folder named relative to the working folder is walked the same way.
    with monkeypatch.context() as patch:
        patch.chdir(repo)
        code, out, _ = run("check", "--no-cache", "-j", jobs, "--format", "json", "specs")
        assert code == 1 and _checked(out) == ["payment.md"]
    # A file named outright is linted, ignored or not.
    named = str(repo / "specs" / "visits.tmp.md")
    code, out, _ = run("check", "--no-cache", "--format", "json", named)
    assert code == 1 and _checked(out) == ["visits.tmp.md"]


def test_respect_gitignore_false_in_the_configuration(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path)
    (repo / "speclint.toml").write_text("respect-gitignore = false\n", "utf-8")
    code, out, _ = run("check", "--no-cache", "--format", "json", str(repo / "specs"))
    assert len(_checked(out)) == 6
    (repo / "speclint.toml").write_text('respect-gitignore = "no"\n', "utf-8")
    code, _, err = run("check", "--no-cache", str(repo / "specs"))
    assert code == 2 and "'respect-gitignore' must be true or false" in err


def test_a_folder_whose_files_git_all_ignores_says_so(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path)
    code, _, err = run("check", "--no-cache", str(repo / "specs" / "exports"))
    assert code == 2
    assert "(2 files that git ignores, linted with --no-respect-gitignore)" in err


def test_outside_a_git_repository_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.md\n", "utf-8")
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    code, out, _ = run("check", "--no-cache", "--format", "json", str(tmp_path))
    assert code == 1 and _checked(out) == ["payment.md"]

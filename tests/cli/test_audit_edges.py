"""Rough edges found by running every command as a new user would, each with its fix."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import VISITS, WITHHELD

from speclint.cli import main

FIXED = "# Schedule 2 – Payment\n\n5.2 The monthly payment is made in full on the first day.\n"


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """``speclint ARGV`` in-process with ``stdin``: exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err, stdin=io.BytesIO(stdin))
    return code, out.getvalue(), err.getvalue()


# --- standard input and a baseline: stale entries are said as for a file ---------------------


def test_standard_input_names_stale_baseline_entries_as_a_file_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "payment.md").write_text(WITHHELD, "utf-8")
    (specs / "visits.md").write_text(VISITS, "utf-8")
    assert run("baseline", "--no-cache", "-o", "speclint-baseline.json", "specs")[0] == 0
    # Nothing fixed: standard input says nothing, as a file run does.
    piped = ("check", "--baseline", "speclint-baseline.json", "-")
    named = (*piped, "--stdin-filename", "specs/payment.md")
    code, out, err = run(*named, stdin=WITHHELD.encode())
    assert (code, err) == (0, ""), err
    # The editor's buffer has the clause rewritten: the same lines as linting the saved file.
    (specs / "payment.md").write_text(FIXED, "utf-8")
    file_run = run(
        "check", "--no-cache", "--baseline", "speclint-baseline.json", "specs/payment.md"
    )
    code, out, err = run(*named, stdin=FIXED.encode())
    assert code == file_run[0] == 0
    assert err == file_run[2]
    assert err.startswith("speclint: 1 entry of the baseline no longer matches a finding")
    assert "  specs/payment.md: PBR001 " in err
    # In every format, not only text.
    code, out, err_json = run(*named, "--format", "json", stdin=FIXED.encode())
    assert err_json == err and out.startswith("{")
    # A deleted draft's entries are said too, as a file run says them.
    (specs / "visits.md").unlink()
    code, _, err = run(*named, stdin=WITHHELD.encode())
    assert code == 0
    assert "1 entry of the baseline no longer matches" in err and "specs/visits.md" in err
    assert "specs/payment.md" not in err


# --- -o into a pipe, a device or through a link: never replaced by a file ------------------


def test_a_report_written_into_a_named_pipe_leaves_the_pipe(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code, _, err = run(
        "check", "--no-cache", "--format", "json", "-o", str(pipe), str(tmp_path / "payment.md")
    )
    reader.join(timeout=30)
    assert code == 1, err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)  # not replaced by a regular file
    assert received and received[0].startswith(b"{") and b"PBR001" in received[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_report_written_through_a_link_replaces_the_file_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "report.json").write_text("old", "utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(shared / "report.json")
    code, _, err = run("check", "--no-cache", "-o", str(link), str(tmp_path / "payment.md"))
    assert code == 1, err
    assert link.is_symlink()
    assert '"PBR001"' in (shared / "report.json").read_text("utf-8")
    baseline_link = tmp_path / "speclint-baseline.json"
    baseline_link.symlink_to(shared / "baseline.json")
    code, _, err = run("baseline", "--no-cache", "-o", str(baseline_link), str(tmp_path))
    assert code == 0, err
    assert baseline_link.is_symlink() and (shared / "baseline.json").is_file()


def test_device_paths_are_written_into_not_replaced() -> None:
    from speclint.atomic import stream_target

    assert stream_target("/dev/null") and stream_target("/dev/stdout")
    assert not stream_target("report.json")


# --- paths may follow options, as in ruff and Vale ------------------------------------------


def test_paths_after_options_are_linted_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "payment.md", tmp_path / "visits.md"
    first.write_text(WITHHELD, "utf-8")
    second.write_text(VISITS, "utf-8")
    code, out, err = run("check", "--no-cache", str(first), "--format", "json", str(second))
    assert code == 1, err
    import json

    assert [f["path"] for f in json.loads(out)["files"]] == [str(first), str(second)]
    # An unknown option after them is still a usage error that names it.
    code, _, _ = run("check", str(first), "--format", "json", str(second), "--selct", "PBR")
    err = capsys.readouterr().err  # argparse writes usage errors to the process's stderr
    assert code == 2 and "unrecognized arguments: --selct PBR (did you mean --select?)" in err
    code, out, err = run("outline", str(first), "--tree", str(second))
    assert code == 0 and "in 2 files" in out, (out, err)


# --- a mistyped family is met with the family ----------------------------------------------


def test_a_mistyped_family_suggests_the_family_not_a_code(tmp_path: Path) -> None:
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    code, _, err = run("check", "--select", "PBRX", str(tmp_path / "payment.md"))
    assert code == 2
    assert err == "speclint: error: --select: 'PBRX' names no rule (did you mean PBR?)\n"
    code, _, err = run("check", "--ignore", "PBR0001", str(tmp_path / "payment.md"))
    assert code == 2 and "(did you mean PBR001?)" in err


# --- a path typed as on Windows, a draft named twice, a baseline of standard input ----------


def test_a_windows_style_path_is_met_with_the_path_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "payment.md").write_text(WITHHELD, "utf-8")
    hint = "no such file; folders are separated by '/' here: specs/payment.md"
    code, _, err = run("check", "--no-cache", "specs\\payment.md")
    assert code == 2 and f"speclint: error: specs\\payment.md: {hint}\n" in err
    code, out, _ = run("check", "--no-cache", "--format", "json", "specs\\payment.md")
    assert json.loads(out)["errors"] == [{"path": "specs\\payment.md", "message": hint}]
    # A path missing either way gets no guess.
    code, _, err = run("check", "--no-cache", "specs\\visits.md")
    assert code == 2 and "specs\\visits.md: no such file\n" in err
    code, _, err = run("annotate", "specs\\draft.docx")
    assert err == "speclint: error: specs\\draft.docx: no such file\n"


def test_a_draft_named_twice_is_reviewed_once(tmp_path: Path) -> None:
    from helpers import ROOT

    draft = tmp_path / "spec_review.docx"
    draft.write_bytes((ROOT / "fixtures" / "docx" / "spec_review.docx").read_bytes())
    code, out, err = run("annotate", str(draft), str(draft))
    assert (code, err) == (0, "")
    assert out.count("Wrote ") == 1
    # And -o, which names one copy, accepts the same draft named twice.
    copy = tmp_path / "reviewed.docx"
    code, out, err = run("annotate", str(draft), str(draft), "-o", str(copy))
    assert code == 0 and copy.is_file(), err


def test_a_baseline_of_standard_input_is_a_usage_error() -> None:
    code, out, err = run("baseline", "-", stdin=WITHHELD.encode())
    assert code == 2 and out == ""
    assert err.startswith("speclint: error: 'speclint baseline' records files, not standard")


# --- the docs say what the hook does --------------------------------------------------------


def test_the_readme_quotes_the_hook_as_it_is() -> None:
    import re

    from helpers import ROOT

    hook = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    pattern = re.search(r"^  files: (.+)$", hook, re.MULTILINE)
    entry = re.search(r"^  entry: (.+)$", hook, re.MULTILINE)
    assert pattern and entry
    assert f"`files: {pattern.group(1)}`" in readme
    assert f"runs `{entry.group(1)}`" in readme


def test_annotate_takes_the_fail_levels_check_takes(tmp_path: Path) -> None:
    from helpers import ROOT

    draft = tmp_path / "spec_review.docx"
    draft.write_bytes((ROOT / "fixtures" / "docx" / "spec_review.docx").read_bytes())
    code, _, err = run("annotate", "--fail-on", "never", str(draft))
    assert (code, err) == (0, "")
    code, _, err = run("annotate", "--force", "--fail-on", "warning", str(draft))
    assert (code, err) == (1, "")


def test_every_command_says_an_unwritable_output_the_same_way(tmp_path: Path) -> None:
    from helpers import ROOT

    draft = tmp_path / "spec_review.docx"
    draft.write_bytes((ROOT / "fixtures" / "docx" / "spec_review.docx").read_bytes())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", "utf-8")
    said = {
        "report": run("check", "--no-cache", "-o", str(blocker / "r.json"), str(draft)),
        "baseline": run("baseline", "--no-cache", "-o", str(blocker / "b.json"), str(draft)),
        "reviewed copy": run("annotate", "-o", str(blocker / "c.docx"), str(draft)),
    }
    for what, (code, _, err) in said.items():
        target = blocker / {"report": "r.json", "baseline": "b.json"}.get(what, "c.docx")
        assert code == 2
        why = f"{blocker} is a file, not a folder"
        assert err == f"speclint: error: cannot write the {what} to {target} ({why})\n"
    # A missing folder, and a folder named as the file, are said alike too.
    missing = tmp_path / "no-such-folder"
    for argv, what, name in (
        (("check", "--no-cache", str(draft), "-o"), "report", "r.json"),
        (("baseline", "--no-cache", str(draft), "-o"), "baseline", "b.json"),
        (("annotate", str(draft), "-o"), "reviewed copy", "c.docx"),
    ):
        code, _, err = run(*argv, str(missing / name))
        why = f"the folder {missing} does not exist"
        assert (code, err) == (
            2,
            f"speclint: error: cannot write the {what} to {missing / name} ({why})\n",
        )


# --- configuration written on Windows -------------------------------------------------------


def test_configuration_saved_in_a_windows_encoding_is_said_plainly(tmp_path: Path) -> None:
    spec = tmp_path / "payment.md"
    spec.write_text(WITHHELD, "utf-8")
    (tmp_path / "speclint.toml").write_bytes(b'# Caf\xe9 team\nselect = ["PBR"]\n')
    code, _, err = run("check", "--no-cache", str(spec))
    assert code == 2
    assert "speclint.toml: not UTF-8 text (byte 0xE9 on line 1); TOML files must be saved" in err
    # A pyproject.toml holding speclint's table is never skipped for its encoding.
    (tmp_path / "speclint.toml").unlink()
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.speclint]\nignore = ["PBR"]\n# \xa3 5\n')
    code, _, err = run("check", "--no-cache", str(spec))
    assert code == 2 and "pyproject.toml: not UTF-8 text (byte 0xA3 on line 3)" in err
    # Another tool's pyproject.toml in another encoding is none of speclint's business.
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.black]\n# \xa3 5\n")
    code, _, err = run("check", "--no-cache", str(spec))
    assert code == 1 and err == ""


def test_path_globs_written_with_backslashes_match(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "payment.md").write_text(WITHHELD, "utf-8")
    config = tmp_path / "speclint.toml"
    for text in (
        '[per-file-ignores]\n"legacy\\\\*.md" = ["PBR"]\n',
        '[per-clause-ignores]\n"legacy\\\\*.md::Schedule 2 5.2" = ["PBR"]\n',
        'exclude = ["legacy\\\\**"]\n',
    ):
        config.write_text(text, "utf-8")
        code, out, err = run("check", "--no-cache", "--format", "json", str(tmp_path))
        assert "PBR001" not in out, (text, out, err)
    config.write_text('[per-file-ignores]\n"other\\\\*.md" = ["PBR"]\n', "utf-8")
    code, out, _ = run("check", "--no-cache", "--format", "json", str(tmp_path))
    assert code == 1 and "PBR001" in out


def test_annotate_into_a_folder_writes_every_reviewed_copy_there(tmp_path: Path) -> None:
    from helpers import ROOT

    source = (ROOT / "fixtures" / "docx" / "spec_review.docx").read_bytes()
    specs = tmp_path / "specs"
    (specs / "older").mkdir(parents=True)
    (specs / "home-care.docx").write_bytes(source)
    (specs / "older" / "day-care.docx").write_bytes(source)
    panel = tmp_path / "for-panel"
    panel.mkdir()
    code, out, err = run("annotate", str(specs), "-o", str(panel))
    assert (code, err) == (0, ""), err
    assert sorted(p.name for p in panel.iterdir()) == [
        "day-care.reviewed.docx",
        "home-care.reviewed.docx",
    ]
    assert sorted(p.name for p in specs.rglob("*.docx")) == ["day-care.docx", "home-care.docx"]
    assert out.count("Wrote ") == 2
    # Two drafts of one name would give one copy: refused, nothing written.
    (specs / "older" / "home-care.docx").write_bytes(source)
    other = tmp_path / "other"
    other.mkdir()
    code, out, err = run("annotate", str(specs), "-o", str(other))
    assert code == 2 and "would both be reviewed as" in err
    assert list(other.iterdir()) == []
    # One draft named two ways is one draft, reviewed once.
    again = f"{specs}/older/./day-care.docx"  # as typed; a Path would drop the "."
    code, out, err = run(
        "annotate", str(specs / "older" / "day-care.docx"), again, "-o", str(other)
    )
    assert (code, err) == (0, ""), err
    assert out.count("Wrote ") == 1 and [p.name for p in other.iterdir()] == [
        "day-care.reviewed.docx"
    ]


def test_cache_is_an_option_of_its_own_not_short_for_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    (tmp_path / "visits.md").write_text(VISITS, "utf-8")
    code, out, err = run("check", "--cache", "payment.md", "--format", "json")
    assert code == 1, err
    import json

    assert [f["path"] for f in json.loads(out)["files"]] == ["payment.md"]  # not the folder
    code, out, err = run("check", "--no-cache", "--cache", "payment.md", "--cache-dir", "c")
    assert code == 1 and (tmp_path / "c").is_dir()


# --- outline says a wrong path as check does ------------------------------------------------


def test_outline_words_a_folder_with_nothing_to_read_as_check_does(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "old spec.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    checked = run("check", "--no-cache", str(pack))
    code, out, err = run("outline", str(pack))
    assert code == checked[0] == 2
    line = f"speclint: error: {pack}: found no document to lint: speclint reads "
    assert err.startswith(line) and checked[2].startswith(line)
    assert err.splitlines()[0] == checked[2].splitlines()[0]
    assert out == "No document was outlined.\n"
    code, out, err = run("outline", "-", stdin=WITHHELD.encode())
    assert code == 2 and "'speclint outline' reads files, not standard input" in err


def test_a_windows_style_config_or_baseline_path_is_met_with_the_path_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "speclint.toml").write_text('ignore = ["OVR"]\n', "utf-8")
    (tmp_path / "team" / "baseline.json").write_text('{"version": 1, "findings": []}', "utf-8")
    (tmp_path / "payment.md").write_text(WITHHELD, "utf-8")
    code, _, err = run("check", "--config", "team\\speclint.toml", "payment.md")
    assert code == 2 and err == (
        "speclint: error: team\\speclint.toml: configuration file not found; folders are "
        "separated by '/' here: team/speclint.toml\n"
    )
    code, _, err = run("check", "--baseline", "team\\baseline.json", "payment.md")
    assert code == 2 and err == (
        "speclint: error: team\\baseline.json: baseline file not found; folders are "
        "separated by '/' here: team/baseline.json\n"
    )

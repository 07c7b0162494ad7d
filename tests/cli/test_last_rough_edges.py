"""The last rough edges a demanding user met: summaries, baselines, reviewed copies, walks."""

from __future__ import annotations

import io
from pathlib import Path

from speclint.cli import main

WITHHELD = (
    "# Schedule 2 – Payment\n\n"
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met.\n"
)
VISITS = (
    "# Schedule 2 – Home support\n\n"
    "3.1 Each home visit shall last exactly 15 minutes, whatever the person needs that day.\n"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err, stdin=io.BytesIO(b""))
    return code, out.getvalue(), err.getvalue()


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

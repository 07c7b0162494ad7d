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

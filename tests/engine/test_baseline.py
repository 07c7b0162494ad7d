"""Baselines: identity that survives moves, renumbering and reflow; edits make new findings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from speclint import check_text
from speclint.api import check_paths
from speclint.baseline import Baseline, write_baseline
from speclint.cli import main
from speclint.engine import fingerprint

SPEC = """# Schedule 2 Service Specification

## 4. Workforce

4.1 The Provider shall employ staff with the skills to build trusting relationships.

4.2 Each practitioner shall have monthly clinical supervision within existing resources.

## 6. Payment

6.2 Ten per cent of the Annual Contract Value shall be held at risk against the Key
Performance Indicators in Schedule 4.
"""

NEW_CLAUSE = (
    "\n6.3 A further five per cent of each monthly payment shall be withheld until the "
    "waiting-time target is met.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "spec.md").write_text(SPEC, encoding="utf-8")
    return tmp_path


def test_fingerprint_ignores_layout_but_not_words() -> None:
    one = fingerprint("PBR001", "Ten per cent of the ACV shall be held at risk.")
    assert one == fingerprint("PBR001", "  ten  per cent of the ACV shall be held at RISK ")
    assert one == fingerprint("PBR001", "Ten per cent of the “ACV” shall be held at risk")
    assert one != fingerprint("PBR001", "Five per cent of the ACV shall be held at risk.")
    assert one != fingerprint("PBR002", "Ten per cent of the ACV shall be held at risk.")


def test_findings_keep_their_fingerprint_when_clauses_move_and_are_renumbered() -> None:
    moved = SPEC.replace(
        "## 4. Workforce", "## 1. Introduction\n\n1.1 This is new.\n\n## 5. Workforce"
    )
    moved = moved.replace("4.2 Each", "5.2 Each").replace("6.2 Ten", "7.4 Ten")
    before = {(f.code, f.fingerprint) for f in check_text(SPEC).findings}
    after = {(f.code, f.fingerprint) for f in check_text(moved).findings}
    lines_before = sorted(f.location.line or 0 for f in check_text(SPEC).findings)
    lines_after = sorted(f.location.line or 0 for f in check_text(moved).findings)
    assert before and before == after
    assert lines_before != lines_after


def test_highlights_mark_every_trigger_in_the_excerpt() -> None:
    finding = next(f for f in check_text(SPEC).findings if f.code == "RFL001")
    marked = [finding.excerpt[a:b] for a, b in finding.highlights]
    assert marked == ["supervision within existing resources"]


def test_highlights_follow_the_excerpt_when_whitespace_is_collapsed() -> None:
    text = (
        "# 6. Payment\n\n6.2 Ten per cent of the   Annual Contract Value shall be held\n"
        "   at  risk against the KPIs.\n"
    )
    (finding,) = check_text(text).findings
    marked = [finding.excerpt[a:b] for a, b in finding.highlights]
    assert marked == ["Ten per cent", "Contract Value", "held at risk against the KPIs"]


def test_excerpt_quotes_each_sentence_that_holds_a_quoted_word() -> None:
    text = (
        "# 4. Workforce\n\n4.2 Providers must hold supervision with each care worker every "
        "three months. This is not separately funded.\n"
    )
    (finding,) = check_text(text).findings
    assert finding.excerpt == (
        "Providers must hold supervision with each care worker every three months. "
        "This is not separately funded."
    )
    marked = [finding.excerpt[a:b] for a, b in finding.highlights]
    assert marked == ["supervision", "not separately funded"]
    # The identity is still the first sentence's: baselines recorded before still match.
    first = "Providers must hold supervision with each care worker every three months."
    assert finding.fingerprint == fingerprint(finding.code, first)


def test_excerpt_marks_a_gap_between_the_sentences_it_quotes() -> None:
    text = (
        "# 4. Workforce\n\n4.2 Providers must hold supervision with each care worker every "
        "three months. Records are kept for audit. This is not separately funded.\n"
    )
    (finding,) = check_text(text).findings
    assert " … This is not separately funded." in finding.excerpt
    assert "Records are kept" not in finding.excerpt


def test_a_long_sentence_is_cut_where_its_trigger_words_stay_in_sight() -> None:
    sentence = (
        "Practitioners in the community mental health team, the crisis team, the early "
        "intervention service and the memory service, including agency and bank staff on "
        "placements of more than four weeks, must attend monthly supervision within "
        "existing resources."
    )
    (finding,) = check_text(f"# 4. Staff\n\n4.1 {sentence}\n").findings
    assert len(finding.excerpt) <= 200 and finding.excerpt.startswith("…")
    marked = [finding.excerpt[a:b] for a, b in finding.highlights]
    assert marked == ["supervision within existing resources"]
    # The identity is still made of the whole sentence's words.
    assert finding.fingerprint == fingerprint(finding.code, sentence)


def test_a_one_sentence_finding_quotes_only_its_sentence() -> None:
    text = "# 4. Workforce\n\n4.2 Supervision is not separately funded. Records are kept.\n"
    (finding,) = check_text(text).findings
    assert finding.excerpt == "Supervision is not separately funded."


def test_baseline_hides_known_findings_and_reports_new_ones(repo: Path) -> None:
    baseline = repo / "speclint-baseline.json"
    code, out, _ = run("baseline", str(repo / "specs"), "-o", str(baseline), "--no-cache")
    recorded = json.loads(baseline.read_text())
    assert code == 0 and f"Recorded {len(recorded['findings'])} findings" in out
    assert {e["path"] for e in recorded["findings"]} == {"specs/spec.md"}

    code, out, _ = run("check", str(repo / "specs"), "--baseline", str(baseline), "--no-cache")
    assert code == 0
    assert "No findings in 1 file; 2 known findings left out by the baseline." in out

    with (repo / "specs" / "spec.md").open("a", encoding="utf-8") as handle:
        handle.write(NEW_CLAUSE)
    code, out, _ = run("check", str(repo / "specs"), "--baseline", str(baseline), "-q")
    assert code == 1
    assert out.count("PBR") == 1 and "6.3" in out and "6.2" not in out


def test_editing_a_flagged_sentence_makes_it_new(repo: Path) -> None:
    baseline = repo / "b.json"
    run("baseline", str(repo / "specs"), "-o", str(baseline))
    spec = repo / "specs" / "spec.md"
    spec.write_text(SPEC.replace("Ten per cent", "Twelve per cent"), encoding="utf-8")
    report = check_paths([repo / "specs"], baseline=baseline)
    assert [f.code for f in report.findings] == ["PBR001"]
    assert report.baselined == 1


def test_a_repeated_sentence_is_counted(repo: Path) -> None:
    spec = repo / "specs" / "spec.md"
    baseline = repo / "b.json"
    write_baseline(check_paths([spec]), baseline)
    spec.write_text(
        SPEC + "\n6.9 Ten per cent of the Annual Contract Value shall be held at "
        "risk against the Key Performance Indicators in Schedule 4.\n"
    )
    report = check_paths([spec], baseline=baseline)
    assert [f.code for f in report.findings] == ["PBR001"]
    assert report.findings[0].location.clause == "Schedule 2 6.9"


def test_baseline_paths_work_from_another_working_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    run("baseline", "specs", "-o", "speclint-baseline.json")
    monkeypatch.chdir(repo / "specs")
    code, out, _ = run("check", "spec.md", "--baseline", "../speclint-baseline.json")
    assert code == 0, out


@pytest.mark.parametrize("where", ["elsewhere/b.json", "specs/deeper/b.json"])
def test_a_baseline_outside_the_linted_folder_works_from_its_own_folder(
    repo: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    baseline = repo / where
    baseline.parent.mkdir(parents=True)
    run("baseline", "specs", "-o", where)
    monkeypatch.chdir(baseline.parent)
    relative = Path("..") / "specs" if where.startswith("elsewhere") else Path("..")
    code, out, _ = run("check", str(relative), "--baseline", baseline.name)
    assert code == 0, out
    assert "2 known findings left out by the baseline" in out


def test_baseline_paths_are_relative_to_the_baseline_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "elsewhere").mkdir()
    run("baseline", "specs", "-o", "elsewhere/b.json")
    paths = {e["path"] for e in json.loads((repo / "elsewhere" / "b.json").read_text())["findings"]}
    assert paths == {"../specs/spec.md"}


def test_baseline_survives_a_moved_clause_in_the_file(repo: Path) -> None:
    baseline = repo / "b.json"
    run("baseline", str(repo / "specs"), "-o", str(baseline))
    spec = repo / "specs" / "spec.md"
    spec.write_text(
        SPEC.replace(
            "## 4. Workforce",
            "## 3. Scope\n\n3.1 The service covers the borough.\n\n## 4. Workforce",
        ),
        encoding="utf-8",
    )
    assert check_paths([spec], baseline=baseline).findings == []


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (None, "baseline file not found"),
        ("{not json", "not a speclint baseline"),
        ('{"version": 1}', "not a speclint baseline"),
        ('{"version": 99, "findings": []}', "version 99 is not supported"),
        ("[]", 'expected {"version": 1, "findings"'),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', 'expected {"version": 1'),
        (
            '{"version": 1, "findings": [{"path": "a", "code": "PBR001", '
            '"fingerprint": "x", "count": -5}]}',
            "'count' must be a whole number of 1 or more",
        ),
    ],
)
def test_an_unusable_baseline_is_one_line_and_exit_2(
    repo: Path, content: str | None, cause: str
) -> None:
    baseline = repo / "b.json"
    if content is not None:
        baseline.write_text(content)
    code, _, err = run("check", str(repo / "specs"), "--baseline", str(baseline))
    assert code == 2 and cause in err and len(err.strip().splitlines()) == 1


def test_baseline_refuses_to_write_over_an_input(repo: Path) -> None:
    spec = repo / "specs" / "spec.md"
    code, _, err = run("baseline", str(spec), "-o", str(spec))
    assert code == 2 and "refusing to write over an input file" in err
    assert spec.read_text(encoding="utf-8") == SPEC


def test_baseline_with_an_unreadable_file_records_the_rest_and_exits_2(repo: Path) -> None:
    (repo / "specs" / "empty.txt").write_text("")
    baseline = repo / "b.json"
    code, _, err = run("baseline", str(repo / "specs"), "-o", str(baseline))
    assert code == 2 and "empty.txt: the file is empty" in err
    assert len(Baseline.load(baseline).counts) == 2


def test_baseline_file_is_stable_for_review(repo: Path) -> None:
    one, two = repo / "one.json", repo / "two.json"
    run("baseline", str(repo / "specs"), "-o", str(one), "--jobs", "1")
    run("baseline", str(repo / "specs"), "-o", str(two), "--jobs", "2")
    assert one.read_text() == two.read_text()


def test_findings_sharing_a_sentence_each_get_their_own_code_s_fingerprint() -> None:
    """The engine works out a sentence's words once for all its findings: each finding's
    fingerprint is still its own code's over that sentence, as :func:`fingerprint` makes it,
    and a finding in another sentence of the same paragraph quotes and fingerprints its own.
    """
    text = (
        "# Schedule\n\n"
        "4.1 The Provider shall report the number of contacts and visits completed each "
        "month, and payment of 10% of the contract value will be withheld until the "
        "targets are met.\n\n"
        "4.2 The number of visits completed will be reported monthly and payment of 10% "
        "of the contract value is withheld until each target is met.\n\n"
        "4.3 Each visit shall last 30 minutes. Payment of 5% of the contract value is "
        "withheld where the number of contacts falls short.\n"
    )
    lines = text.splitlines()
    findings = check_text(text).findings
    by_sentence: dict[str, set[str]] = {}
    in_paragraph: dict[str | None, set[str]] = {}
    for finding in findings:
        assert len(finding.excerpt) < 200  # the whole sentence is quoted
        assert finding.fingerprint == fingerprint(finding.code, finding.excerpt)
        by_sentence.setdefault(finding.excerpt, set()).add(finding.code)
        in_paragraph.setdefault(finding.location.clause, set()).add(finding.excerpt)
        # The quoted sentence is the one the finding points into.
        line, column = finding.location.line, finding.location.column
        assert line is not None and column is not None
        source = lines[line - 1]
        start = source.find(finding.excerpt)
        assert start >= 0 and start <= column - 1 < start + len(finding.excerpt)
    assert any(len(codes) > 1 for codes in by_sentence.values())
    assert len(in_paragraph["4.3"]) == 2  # both sentences of 4.3 hold a finding

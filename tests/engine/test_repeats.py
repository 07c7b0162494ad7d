"""One finding per family and table (or list): the other rows and items in ``also_at``.

The tables and lists here are written for these tests; the Word and PDF tables are the
drafts the fixture generators write (``fixtures/drafts``), read in all three formats.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

import speclint
from speclint.api import check_paths
from speclint.baseline import Baseline, write_baseline
from speclint.config import Settings
from speclint.engine.grouping import unfolded
from speclint.formatters import renderer
from speclint.models import Finding, Report

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "fixtures" / "drafts"
UNFOLDED = Settings(group_repeats=False)

#: A table of activity counts (OUT001 on every row), then a fee list (OUT005 and PBR002
#: on every item: two families, each folded on its own).
ACTIVITY = """# Schedule 4: Quality requirements

Performance will be reported against these indicators:

| Indicator | Measure | Target |
|---|---|---|
| Referrals | Number of referrals received each quarter | 400 |
| Contacts | Number of contacts made with carers each quarter | 1,200 |
| Assessments | Number of assessments completed each quarter | 300 |

## Payment

The Provider will be paid:

- £40 per assessment completed;
- £25 per referral accepted;
- £10 per contact made.
"""

#: Two tables of the same family, with a paragraph between: each is one finding.
TWO_TABLES = """# Schedule 4: Quality requirements

| Indicator | Measure | Target |
|---|---|---|
| Referrals | Number of referrals received each quarter | 400 |
| Contacts | Number of contacts made with carers each quarter | 1,200 |

Day services report separately.

| Indicator | Measure | Target |
|---|---|---|
| Sessions | Number of day sessions delivered each month | 90 |
| Visits | Number of home visits made each month | 250 |
"""


def lint(text: str, settings: Settings | None = None) -> list[Finding]:
    report = speclint.check_text(text, "md", path="spec.md", config=settings)
    assert not report.errors
    return list(report.findings)


def test_the_rows_of_a_markdown_table_are_one_finding() -> None:
    rows = [f for f in lint(ACTIVITY, UNFOLDED) if f.code == "OUT001"]
    assert [f.location.line for f in rows] == [7, 8, 9]
    (kept,) = [f for f in lint(ACTIVITY) if f.family == "OUT" and f.location.table]
    assert kept.location == rows[0].location and kept.fingerprint == rows[0].fingerprint
    assert kept.also_at == (rows[1].location, rows[2].location)
    assert kept.folded == (rows[1], rows[2])
    assert kept.related == ()  # every row is OUT001
    assert kept.fold_note == " (also rows at lines 8-9)"


def test_the_items_of_a_list_are_one_finding_per_family() -> None:
    separate = [f for f in lint(ACTIVITY, UNFOLDED) if f.location.line in (15, 16, 17)]
    assert sorted(f.code for f in separate) == ["OUT005"] * 3 + ["PBR002"] * 3
    folded = [f for f in lint(ACTIVITY) if f.location.line in (15, 16, 17)]
    assert sorted((f.code, f.location.line) for f in folded) == [("OUT005", 15), ("PBR002", 15)]
    for finding in folded:
        assert [place.line for place in finding.also_at] == [16, 17]
        assert finding.fold_note == " (also at lines 16-17)"


def test_two_families_in_one_table_do_not_fold_together() -> None:
    for suffix in ("md", "docx", "pdf"):
        findings = check_paths([DRAFTS / f"sexual-health-tender.{suffix}"]).findings
        fees = [f for f in findings if f.location.table and f.location.table.index == 2]
        assert sorted(f.code for f in fees) == ["OUT005", "PBR002"], suffix
        for finding in fees:
            assert len(finding.also_at) == 1 and finding.related == ()


def test_two_tables_do_not_fold_together() -> None:
    kept = [f for f in lint(TWO_TABLES) if f.family == "OUT"]
    assert [(f.location.table.index, f.location.line) for f in kept if f.location.table] == [
        (1, 5),
        (2, 12),
    ]
    assert [[place.line for place in f.also_at] for f in kept] == [[6], [13]]


@pytest.mark.parametrize("suffix", ["md", "docx", "pdf"])
def test_a_table_folds_in_every_format(suffix: str) -> None:
    """The KPI table of a draft written as Markdown, as Word and printed to PDF."""
    path = DRAFTS / f"top-down-redesign.{suffix}"
    findings = check_paths([path], config=UNFOLDED).findings
    rows = [f for f in findings if f.code == "OUT001" and f.location.table]
    assert [f.location.table.row for f in rows if f.location.table] == [2, 3]
    # Clause 2.1, under the table in the same section, rates performance on the same
    # contacts and sessions: the same issue, folded too unless only tables fold.
    (rated,) = [f for f in findings if f.code == "OUT001" and not f.location.table]
    assert rated.location.clause == "2.1"
    tables = check_paths([path], config=Settings(group_repeats="tables")).findings
    (kept,) = [f for f in tables if f.code == "OUT001" and f.location.table]
    assert len(tables) == len(findings) - 1
    assert kept.location == rows[0].location
    assert kept.also_at == (rows[1].location,)
    said = {"md": "rows at line 22", "docx": "row 3 of table 1", "pdf": "rows at page 1 line 22"}
    assert kept.fold_note == f" (also {said[suffix]})"
    folded = check_paths([path]).findings
    (kept,) = [f for f in folded if f.code == "OUT001"]
    assert len(folded) == len(findings) - 2
    assert kept.location == rows[0].location
    assert kept.also_at == (rows[1].location, rated.location)
    said = {
        "md": "at lines 22, 25",
        "docx": "at clause 2.1 and row 3 of table 1",
        "pdf": "at page 1 lines 22, 27",
    }
    assert kept.fold_note == f" (also {said[suffix]})"


def test_lettered_sub_clauses_fold_into_their_clause_but_numbered_ones_do_not() -> None:
    """A table flattened to text: its rows are lettered sub-clauses of the first row."""
    text = (
        "## 6. Reporting\n\n"
        "6.1 Activity targets / Number of referrals received in the quarter / Target 400\n\n"
        "(b) Number of home visits made in the quarter / Target 250\n\n"
        "(c) Number of assessments completed in the quarter / Target 120\n\n"
        "6.2 The Provider will be paid £30 per assessment completed.\n\n"
        "6.3 The Provider will be paid £20 per home visit made.\n"
    )
    separate = [(f.code, f.location.clause) for f in lint(text, UNFOLDED)]
    assert [c for code, c in separate if code == "OUT001"] == ["6.1", "6.1(b)", "6.1(c)"]
    assert [c for code, c in separate if code == "OUT005"] == ["6.2", "6.3"]
    folded = lint(text)
    (rows,) = [f for f in folded if f.code == "OUT001"]
    assert rows.location.clause == "6.1"
    assert [(p.clause, p.line) for p in rows.also_at] == [("6.1(b)", 5), ("6.1(c)", 7)]
    # 6.2 and 6.3 are clauses of their own: each keeps its findings.
    assert [f.location.clause for f in folded if f.code == "OUT005"] == ["6.2", "6.3"]
    assert all(f.also_at == () for f in folded if f.code != "OUT001")


def test_group_repeats_false_reports_every_row_and_the_summary_counts_one() -> None:
    folded = speclint.check_text(ACTIVITY, "md", path="spec.md")
    separate = speclint.check_text(ACTIVITY, "md", path="spec.md", config=UNFOLDED)
    assert folded.summary.findings == 3
    assert separate.summary.findings == 9
    assert sorted(p.fingerprint for f in folded.findings for p in unfolded(f)) == sorted(
        f.fingerprint for f in separate.findings
    )
    assert all(not f.also_at for f in separate.findings)


def test_the_json_report_validates_and_lists_the_places(tmp_path: Path) -> None:
    report = speclint.check_text(ACTIVITY, "md", path="spec.md")
    data = json.loads(renderer("json")(report))
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    (table,) = [f for f in data["files"][0]["findings"] if f["code"] == "OUT001"]
    assert [place["line"] for place in table["also_at"]] == [8, 9]
    assert [place["table"]["row"] for place in table["also_at"]] == [3, 4]


def test_sarif_gives_each_place_as_a_related_location() -> None:
    report = speclint.check_text(ACTIVITY, "md", path="spec.md")
    log = json.loads(renderer("sarif")(report))
    schema = json.loads((ROOT / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.validate(log, schema)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "OUT001"]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [8, 9]
    assert related[0]["message"]["text"].startswith("same issue, row 3 of this table, line 8")


def _spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_baseline_written_before_folding_still_silences_every_row(tmp_path: Path) -> None:
    path = _spec(tmp_path, ACTIVITY)
    old = tmp_path / "old-baseline.json"
    write_baseline(check_paths([path], config=UNFOLDED), old)  # one entry per row
    report = Baseline.load(old).filter(check_paths([path]))
    assert report.findings == [] and report.baselined == 3


def test_a_baseline_written_after_folding_holds_when_rows_are_added_or_edited(
    tmp_path: Path,
) -> None:
    path = _spec(tmp_path, ACTIVITY)
    target = tmp_path / "baseline.json"
    assert write_baseline(check_paths([path]), target) == 9  # every place recorded
    baseline = Baseline.load(target)
    assert baseline.filter(check_paths([path])).findings == []
    row = "| Assessments | Number of assessments completed each quarter | 300 |\n"
    added = row + "| Reviews | Number of care reviews held each quarter | 150 |\n"
    _spec(tmp_path, ACTIVITY.replace(row, added))
    (new,) = baseline.filter(check_paths([path])).findings
    assert new.code == "OUT001" and new.location.line == 10 and new.also_at == ()
    assert "care reviews" in new.excerpt
    edited = ACTIVITY.replace("made with carers each quarter", "made with carers each month")
    _spec(tmp_path, edited)
    (changed,) = baseline.filter(check_paths([path])).findings
    assert changed.location.line == 8 and changed.also_at == ()


def test_the_kept_finding_keeps_its_fingerprint_when_rows_are_folded() -> None:
    separate = {(f.location.line, f.code): f.fingerprint for f in lint(ACTIVITY, UNFOLDED)}
    for finding in lint(ACTIVITY):
        assert finding.fingerprint == separate[finding.location.line, finding.code]


def test_a_partly_baselined_group_is_folded_again_from_the_rest() -> None:
    report = speclint.check_text(ACTIVITY, "md", path="spec.md")
    (table,) = [f for f in report.findings if f.code == "OUT001"]
    first = unfolded(table)[0]
    known = Baseline(Counter({("spec.md", "OUT001", first.fingerprint): 1}), Path.cwd())
    rest = Report(files=(report.files[0].model_copy(update={"findings": (table,)}),))
    (left,) = known.filter(rest).findings
    assert left.location.line == 8 and [p.line for p in left.also_at] == [9]
    assert left.fingerprint == table.folded[0].fingerprint


def test_the_reviewed_word_copy_has_one_comment_naming_the_other_rows() -> None:
    import zipfile
    from io import BytesIO

    from speclint.annotate import annotate_bytes

    data = (DRAFTS / "top-down-redesign.docx").read_bytes()
    copy, _, _ = annotate_bytes(data, "top-down-redesign.docx")
    separate, _, _ = annotate_bytes(data, "top-down-redesign.docx", settings=UNFOLDED)

    def comments(docx: bytes) -> list[str]:
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            xml = archive.read("word/comments.xml").decode("utf-8")
        return [c for c in xml.split("</w:comment>") if "OUT001" in c]

    folded = comments(copy)
    (kept,) = [c for c in folded if "(also at clause 2.1 and row 3 of table 1)" in c]
    # Clause 2.1 is apart from the table: its own short comment points at the kept one.
    (pointer,) = [c for c in folded if c is not kept]
    assert "The same issue as the comment at row 2 of table 1." in pointer
    assert len(comments(separate)) == len(folded) + 1
    # The one comment's range runs from the kept row to the row it names.
    from lxml import etree

    ident = kept.split('w:id="')[1].split('"')[0]
    with zipfile.ZipFile(BytesIO(copy)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = list(body.iter(w + "tr"))

    def row_of(tag: str) -> int:
        (mark,) = [m for m in body.iter(w + tag) if m.get(w + "id") == ident]
        return next(i for i, row in enumerate(rows) if mark in row.iter())

    assert (row_of("commentRangeStart"), row_of("commentRangeEnd")) == (1, 2)


def test_group_repeats_is_read_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text("[tool.speclint]\ngroup-repeats = false\n")
    path = _spec(tmp_path, ACTIVITY)
    assert len(check_paths([path]).findings) == 9
    (tmp_path / "speclint.toml").write_text("[tool.speclint]\ngroup-repeats = true\n")
    assert len(check_paths([path]).findings) == 3


def test_the_sentence_that_introduces_a_table_folds_with_its_rows() -> None:
    text = (
        "# Schedule 6: Local incentive\n\n"
        "A bonus of 2% of the annual contract value is paid to the Provider, earned against "
        "the measures in the table below.\n\n"
        "| Measure | Threshold | Share of bonus |\n|---|---|---|\n"
        "| Reviews held within six weeks of starting | 80% | 50% |\n"
        "| Exit surveys returned | 70% | 50% |\n\n"
        "## Payment\n\n"
        "Where a threshold is missed, that share of the bonus will not be paid.\n"
    )
    separate = [(f.code, f.location.line) for f in lint(text, UNFOLDED) if f.family == "PBR"]
    assert [line for _, line in separate] == [3, 7, 8, 12]
    folded = [f for f in lint(text) if f.family == "PBR"]
    assert [f.location.line for f in folded] == [3, 12]  # the payment clause is its own
    assert [place.line for place in folded[0].also_at] == [7, 8]
    assert folded[1].also_at == ()


def test_different_rules_of_one_family_on_different_rows_stay_apart() -> None:
    """Tender particulars: a short term and a price weight are two CMP issues, not one."""
    text = (
        "# Invitation to tender: key terms\n\n"
        "| Item | Detail |\n|---|---|\n"
        "| Contract length | The contract will run for 12 months from 1 April. |\n"
        "| Award basis | Price will carry 70% of the evaluation weighting and quality 30%. |\n"
        "| Visit length | Every visit shall last exactly 15 minutes. |\n"
        "| Staffing | One support worker shall be on duty for every four residents at all times |\n"
    )
    expected = [("CMP004", 5), ("CMP003", 6), ("OVR001", 7), ("OVR004", 8)]
    assert [(f.code, f.location.line) for f in lint(text, UNFOLDED)] == expected
    folded = lint(text)
    assert [(f.code, f.location.line) for f in folded] == expected
    assert all(f.also_at == () and f.related == () for f in folded)


def test_lettered_sub_clauses_of_different_rules_stay_apart() -> None:
    """A fixed visit length, a script and a staffing ratio: three issues, not one."""
    text = (
        "## 5. Visits\n\n"
        "5.1 Each home visit shall last exactly 30 minutes.\n\n"
        "(b) Staff shall read the approved greeting script word for word.\n\n"
        "(c) One carer shall be on duty for every five tenants at all times.\n"
    )
    expected = [("OVR001", "5.1"), ("OVR002", "5.1(b)"), ("OVR004", "5.1(c)")]
    for settings in (UNFOLDED, None):
        assert [(f.code, f.location.clause) for f in lint(text, settings)] == expected

"""One finding per issue repeated in separate paragraphs of one section (``group-repeats``).

The draft is ``fixtures/drafts/outreach-support-schedule`` (written by the drafts'
generator as Markdown, Word and PDF): a 45-minute visit set in 2.1 and counted again in
2.3; a £40 fee per needs assessment in 4.1 and again per review in 4.3; two different
lengths in one section (3.1 calls, 3.2 day sessions); and the 45-minute length again
under another heading (5.1). The short texts are written for these tests.
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
from speclint.engine.grouping import NEAR, key_words, refold, unfolded
from speclint.formatters import renderer
from speclint.models import Finding, Report

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "fixtures" / "drafts" / "outreach-support-schedule"
#: Written by ``speclint baseline`` at fc97bd6, before sections folded (see the test).
OLD_BASELINE = Path(__file__).parent / "data" / "baseline-fc97bd6.json"
FORMATS = ("md", "docx", "pdf")
UNFOLDED = Settings(group_repeats=False)
TABLES = Settings(group_repeats="tables")


def findings(suffix: str, settings: Settings | None = None) -> list[Finding]:
    report = check_paths([DRAFT.with_suffix(f".{suffix}")], config=settings)
    assert not report.errors
    return list(report.findings)


def clause(finding: Finding) -> str | None:
    """The clause number without the schedule ("2.1" for "Schedule 2 2.1")."""
    number = finding.location.clause
    return number.removeprefix("Schedule 2 ") if number else None


def places(found: list[Finding]) -> Counter[tuple[str, str | None]]:
    return Counter((f.code, clause(f)) for finding in found for f in unfolded(finding))


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_paragraphs_of_one_section_fold_in_every_format(suffix: str) -> None:
    found = findings(suffix)
    by_place = {(f.code, clause(f)): f for f in found}
    visit = by_place[("OVR001", "2.1")]
    assert [clause(f) for f in visit.folded] == ["2.3"]
    fee = by_place[("OUT005", "4.1")]
    assert [clause(f) for f in fee.folded] == ["4.3"]
    said = {"md": "at line 15", "docx": "at clause Schedule 2 2.3", "pdf": "at page 1 line 12"}
    assert visit.fold_note == f" (also {said[suffix]})"
    # Each folded place keeps its own words and fingerprint.
    separate = {(f.code, clause(f)): f for f in findings(suffix, UNFOLDED)}
    assert visit.folded == (separate[("OVR001", "2.3")],)
    assert visit.fingerprint == separate[("OVR001", "2.1")].fingerprint


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_same_issue_under_another_heading_is_its_own_finding(suffix: str) -> None:
    review = [f for f in findings(suffix) if clause(f) == "5.1"]
    assert [(f.code, f.also_at) for f in review] == [("OVR001", ())]


@pytest.mark.parametrize("suffix", FORMATS)
def test_two_issues_of_one_rule_in_one_section_stay_apart(suffix: str) -> None:
    """3.1 caps calls at 10 minutes, 3.2 fixes sessions at 3 hours: nothing in common."""
    found = [f for f in findings(suffix) if clause(f) in ("3.1", "3.2")]
    assert [(f.code, clause(f), f.folded) for f in found] == [
        ("OVR001", "3.1", ()),
        ("OVR001", "3.2", ()),
    ]
    # A rule's own words are not what its findings are about: "paid for each" in 4.3
    # shares nothing with 4.1 but that vocabulary, and stays a finding of its own.
    fees = [clause(f) for f in findings(suffix) if f.code == "PBR002"]
    assert fees == ["4.1", "4.3"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_group_repeats_false_restores_every_place_and_tables_keeps_sections_apart(
    suffix: str,
) -> None:
    folded = findings(suffix)
    separate = findings(suffix, UNFOLDED)
    assert len(separate) == len(folded) + 2
    assert places(separate) == places(folded)
    assert all(not f.folded for f in separate)
    assert Counter((f.code, clause(f)) for f in findings(suffix, TABLES)) == places(folded)


def test_group_repeats_tables_is_read_from_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT.with_suffix(".md").read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "speclint.toml"
    config.write_text('[tool.speclint]\ngroup-repeats = "tables"\n')
    assert len(check_paths([path]).findings) == len(findings("md")) + 2
    config.write_text('[tool.speclint]\ngroup-repeats = "sections"\n')
    report = check_paths([path])
    (error,) = report.errors
    assert "'group-repeats' must be true, false or \"tables\"" in error.message


def test_the_json_report_validates_and_names_the_paragraphs() -> None:
    report = check_paths([DRAFT.with_suffix(".md")])
    data = json.loads(renderer("json")(report))
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    (visit,) = [f for f in data["files"][0]["findings"] if f["location"]["line"] == 11]
    assert [(p["line"], p["clause"]) for p in visit["also_at"]] == [(15, "Schedule 2 2.3")]
    assert "own_related" not in visit  # not part of the contract


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_sarif_gives_each_paragraph_as_a_related_location(suffix: str) -> None:
    report = check_paths([DRAFT.with_suffix(f".{suffix}")])
    log = json.loads(renderer("sarif")(report))
    schema = json.loads((ROOT / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    (visit,) = [r for r in results if "relatedLocations" in r and r["ruleId"] == "OVR001"]
    (related,) = visit["relatedLocations"]
    text = related["message"]["text"]
    if suffix == "md":
        assert related["physicalLocation"]["region"]["startLine"] == 15
        assert text == "same issue, line 15, column 53, clause Schedule 2 2.3"
    else:
        assert text == "same issue, clause Schedule 2 2.3, paragraph 8"


def test_github_gives_an_annotation_at_every_place_naming_the_first() -> None:
    report = check_paths([DRAFT.with_suffix(".md")])
    lines = renderer("github")(report, quiet=True).splitlines()
    visits = [line for line in lines if "title=OVR001" in line and "45" in line]
    assert [line.split(",col=")[0].split("line=")[1] for line in visits] == ["11", "15", "33"]
    first, second, other = visits
    assert first.endswith("(also at line 15)")
    assert second.endswith("(the same issue as line 11)")
    assert "the same issue" not in other and "(also" not in other  # 5.1: its own finding
    assert len(lines) == sum(1 + len(f.folded) for f in report.findings)


def test_the_word_copy_marks_each_paragraph(tmp_path: Path) -> None:
    import zipfile
    from io import BytesIO

    from speclint.annotate import annotate_bytes, comment_count

    data = DRAFT.with_suffix(".docx").read_bytes()
    copy, found, _ = annotate_bytes(data, "draft.docx")

    with zipfile.ZipFile(BytesIO(copy)) as archive:
        xml = archive.read("word/comments.xml").decode("utf-8")
    comments = [c for c in xml.split("</w:comment>") if "<w:comment " in c]
    assert len(comments) == comment_count(found) == len(found) + 2
    pointers = [c for c in comments if "The same issue as the comment at" in c]
    assert len(pointers) == 2
    assert any("clause Schedule 2 2.1." in c for c in pointers)
    assert any("clause Schedule 2 4.1." in c for c in pointers)


def test_key_words_are_what_a_trigger_is_about() -> None:
    (visit,) = [f for f in findings("md") if clause(f) == "2.1"]
    assert key_words(visit) == {"visit", "45"}  # "exactly" and "minutes" say how
    (calls,) = [f for f in findings("md") if clause(f) == "3.1"]
    assert key_words(calls) == {"call", "10"}
    text = "4.1 Ten per cent of the fee is withheld each quarter until the target is met.\n"
    (withheld,) = speclint.check_text(text, "md").findings
    assert key_words(withheld) == set()  # only a rule's own vocabulary: never folds


def test_a_baseline_written_before_sections_folded_still_silences_everything() -> None:
    """``OLD_BASELINE`` was written by ``speclint baseline`` at fc97bd6, before this fold,
    from these drafts; it silences every finding now, folded or not."""
    paths = [
        DRAFT.with_suffix(".md"),
        DRAFT.with_suffix(".docx"),
        DRAFT.with_suffix(".pdf"),
        ROOT / "fixtures" / "drafts" / "top-down-redesign.md",
        ROOT / "fixtures" / "drafts" / "unfunded-reflective-practice.md",
        ROOT / "fixtures" / "markdown" / "community-support-spec.md",
    ]
    report = check_paths(paths)
    assert sum(len(f.folded) for f in report.findings) >= 8  # the sections fold here
    left = Baseline.load(OLD_BASELINE).filter(report)
    assert left.findings == []
    assert left.baselined == len(report.findings)


def test_a_baseline_written_with_every_place_silences_the_folded_report(tmp_path: Path) -> None:
    for settings in (UNFOLDED, TABLES):
        target = tmp_path / "baseline.json"
        write_baseline(check_paths([DRAFT.with_suffix(".md")], config=settings), target)
        left = Baseline.load(target).filter(check_paths([DRAFT.with_suffix(".md")]))
        assert left.findings == [] and left.baselined == len(findings("md"))


#: 3.1 holds PBR001 with PBR002 (one sentence); 3.3 restates the 70% target (PBR001);
#: 3.2, between them, sets a visit length (OVR001, another family).
SCHEDULE = """# Schedule 5: Payment

## 3. Payment against results

3.1 A tenth of the monthly price is withheld until the reablement target of 70% is met, \
and the rest is paid for each person discharged home.

3.2 Each visit will last 30 minutes.

3.3 Where the reablement target of 70% is missed in a quarter, the tenth withheld that \
quarter is kept by the Council.
"""


def test_a_partly_baselined_section_is_folded_again_in_document_order(tmp_path: Path) -> None:
    report = speclint.check_text(SCHEDULE, "md", path="spec.md")
    assert [(f.code, f.location.line, [p.line for p in f.also_at]) for f in report.findings] == [
        ("PBR001", 5, [9]),
        ("OVR001", 7, []),
    ]
    (target,) = [f for f in report.findings if f.code == "PBR001"]
    first = unfolded(target)[0]
    assert first.related == ("PBR002",)
    known = Baseline(Counter({("spec.md", "PBR001", first.fingerprint): 1}), Path.cwd())
    left = known.filter(Report(files=report.files)).findings
    # 3.3 is reported alone, after 3.2 where it now stands; it brings no PBR002.
    assert [(f.code, f.location.line, f.related) for f in left] == [
        ("OVR001", 7, ()),
        ("PBR001", 9, ()),
    ]


def test_unfolding_gives_each_place_its_own_codes_back() -> None:
    separate = speclint.check_text(SCHEDULE, "md", path="spec.md", config=UNFOLDED).findings
    lead, later = [f for f in separate if f.code == "PBR001"]
    assert lead.related == ("PBR002",) and later.related == ()
    # Had 3.3's own sentence fired PBR002 too, its code would be one 3.1 has of its own.
    later = later.model_copy(update={"related": ("PBR002",)})
    folded = refold([later, lead])
    assert folded is not None and folded.location == lead.location
    assert folded.related == ("PBR002",) and folded.folded == (later,)
    first, second = unfolded(folded)
    assert first.related == ("PBR002",) and second is later
    # A baseline that knows 3.3 leaves 3.1 with its own PBR002, as it was reported alone.
    assert refold([first]) == lead
    # Had only 3.3 fired PBR002, 3.1 unfolds without it.
    plain = lead.model_copy(update={"related": ()})
    first, _ = unfolded(refold([plain, later]) or plain)
    assert first.related == ()


#: Plain clauses that no rule flags, to set two places of one issue apart.
PLAIN = [
    "Staff will introduce themselves by name on every visit.",
    "The office will answer the telephone from 8am to 6pm.",
    "Tenants may bring a friend or relative to any meeting.",
    "Written information will be offered in large print.",
    "The Provider will tell the Council of any change of manager.",
    "Staff will carry identification at all times.",
    "Letters to tenants will be written in plain English.",
    "The Provider will keep a list of local advocacy services.",
    "Rooms used for meetings will be accessible to wheelchair users.",
    "Tenants will be asked how they would like to be addressed.",
]


def _apart(between: int) -> str:
    clauses = [
        "Each outreach visit will last exactly 45 minutes.",
        *PLAIN[:between],
        "Returns will show the share of outreach visits that ran for the full 45 minutes.",
    ]
    body = "\n\n".join(f"2.{n} {text}" for n, text in enumerate(clauses, 1))
    return f"# Outreach support\n\n## 2. Outreach visits\n\n{body}\n"


def test_places_of_one_section_fold_only_when_near() -> None:
    def folded(between: int) -> list[tuple[str | None, int]]:
        report = speclint.check_text(_apart(between), "md", path="spec.md")
        return [(f.location.clause, len(f.folded)) for f in report.findings if f.code == "OVR001"]

    assert folded(NEAR - 1) == [("2.1", 1)]  # NEAR units apart
    assert folded(NEAR) == [("2.1", 0), (f"2.{NEAR + 2}", 0)]  # one more: apart

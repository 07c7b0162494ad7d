"""The CI output formats: SARIF 2.1.0, GitHub workflow commands and the Markdown summary.

Reports come from linting the real fixtures (Markdown, Word, PDF, an unreadable PDF)
and a short plain-text document that only has a document-level finding, with one
family turned down to ``info`` so that every severity appears.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

import speclint
from speclint.cli import main
from speclint.config import Settings
from speclint.docs import render_rule_markdown
from speclint.formatters import github, markdown, renderer, sarif
from speclint.formatters._shared import describe_location
from speclint.formatters.json import report_dict
from speclint.models import FileError, FileReport, Finding, Location, Report, Severity
from speclint.rules import all_rules, packs

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schemas" / "sarif-schema-2.1.0.json"
SHARED_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text("utf-8"))

MD = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
DOCX_TABLE = ROOT / "fixtures" / "docx" / "spec_numbered.docx"
DOCX = ROOT / "fixtures" / "docx" / "spec_review.docx"
PDF = ROOT / "fixtures" / "pdf" / "spec_multipage.pdf"
ENCRYPTED = ROOT / "fixtures" / "pdf" / "encrypted.pdf"

#: Six plain sentences and not one voice: only VOI005, reported for the whole document.
TOP_DOWN = (
    "1. The Provider shall deliver the service from the Hub. 2. The Provider shall open from "
    "09:00 to 17:00. 3. Referrals will be accepted from GPs. 4. Each referral will be assessed "
    "within ten days. 5. The Contract Price is fixed. 6. Activity will be reported monthly.\n"
)
#: A relative path with a space, as a report holds it (``check_text`` labels it so).
PLAIN = "notes/top down draft.txt"
#: Over-specification turned down from its default (warning) to info.
SETTINGS = Settings(severity={"OVR": Severity.INFO})


@pytest.fixture(scope="module")
def report() -> Report:
    linted = speclint.check_paths([MD, DOCX_TABLE, DOCX, PDF, ENCRYPTED], SETTINGS)
    return linted.merge(speclint.check_text(TOP_DOWN, "txt", path=PLAIN, config=SETTINGS))


@pytest.fixture(scope="module")
def log(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(report))
    return data


def by_format(report: Report) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for fr in report.files:
        out.setdefault(fr.format, []).extend(fr.findings)
    return out


def test_the_report_exercises_every_case(report: Report) -> None:
    formats = by_format(report)
    assert {"md", "txt", "docx", "pdf"} <= set(formats)
    assert all(formats[f] for f in ("md", "txt", "docx", "pdf"))
    assert {f.severity for f in report.findings} == set(Severity)
    assert [f.code for f in formats["txt"]] == ["VOI005"]
    assert formats["txt"][0].location.line is None  # document level
    assert any(f.location.paragraph for f in formats["docx"])
    assert any(f.location.table for f in formats["docx"])
    assert [e.path for e in report.errors] == [str(ENCRYPTED)]


# --- SARIF -------------------------------------------------------------------------------


def test_schema_copy_is_the_official_one() -> None:
    if SHARED_SCHEMA.exists():
        assert SCHEMA_FILE.read_bytes() == SHARED_SCHEMA.read_bytes()
    assert SCHEMA["$id"].endswith("sarif-schema-2.1.0.json")


def test_sarif_validates_against_the_official_schema(log: dict[str, Any]) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    assert log["$schema"] == SCHEMA["$id"]
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "speclint"
    assert run["tool"]["driver"]["version"] == speclint.__version__
    assert "informationUri" not in run["tool"]["driver"]


def test_sarif_schema_catches_a_broken_log(log: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(broken)


def test_sarif_describes_every_builtin_rule(log: dict[str, Any]) -> None:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    titles = {p.family: p.title for p in packs()}
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(rules, all_rules(), strict=True):
        assert descriptor["name"] == rule.name
        assert "\n" not in descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"] == rule.docs.what
        assert descriptor["help"]["text"].startswith(f"Better: {rule.suggestion}")
        assert descriptor["help"]["markdown"] == render_rule_markdown(rule)
        assert "## Why it matters" in descriptor["help"]["markdown"]
        assert "## Better" in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]
        assert descriptor["properties"] == {
            "family": rule.family,
            "principle": rule.principle,
            "tags": [rule.family, titles[rule.family]],
        }


def test_sarif_results_point_at_their_rules(report: Report, log: dict[str, Any]) -> None:
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(report.findings)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for result, finding in zip(results, report.findings, strict=True):
        assert result["ruleId"] == finding.code == rules[result["ruleIndex"]]["id"]
        assert result["level"] == levels[finding.severity]
        assert finding.message in result["message"]["text"]
        assert result["partialFingerprints"] == {
            "speclintFingerprint/v2": f"{finding.fingerprint}:1"  # no sentence repeats here
        }
        assert finding.fingerprint
    # OVR was turned down to info: the result says note, the rule's default stays warning.
    ovr = [r for r in results if r["ruleId"].startswith("OVR")]
    assert ovr and {r["level"] for r in ovr} == {"note"}
    assert rules[ovr[0]["ruleIndex"]]["defaultConfiguration"]["level"] == "warning"
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_fingerprints_count_a_repeated_sentence() -> None:
    sentence = "Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    text = f"4.2 {sentence}\n\n5.1 {sentence}\n"
    twice = speclint.check_text(text, "md", path="specs/repeat.md")
    other = speclint.check_text(f"1.1 {sentence}\n", "md", path="specs/other.md")
    first, second = twice.findings
    assert (first.code, first.location.clause) == ("PBR001", "4.2")
    assert (second.code, second.location.clause) == ("PBR001", "5.1")
    assert first.fingerprint == second.fingerprint  # same code, same words
    data = json.loads(sarif.render(twice.merge(other)))
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    results = data["runs"][0]["results"]
    prints = [r["partialFingerprints"]["speclintFingerprint/v2"] for r in results]
    # Counted within each file: the other file's copy is its first.
    fingerprint = first.fingerprint
    assert prints == [f"{fingerprint}:1", f"{fingerprint}:2", f"{fingerprint}:1"]
    assert sarif.render(twice) == sarif.render(twice)


def test_sarif_regions_match_the_json_locations(report: Report, log: dict[str, Any]) -> None:
    results = iter(log["runs"][0]["results"])
    seen = Counter()
    for file in report_dict(report)["files"]:
        for finding in file["findings"]:
            result = next(results)
            physical = result["locations"][0]["physicalLocation"]
            loc = finding["location"]
            seen[file["format"]] += 1
            if file["format"] in ("md", "txt") and loc["line"] is not None:
                assert physical["region"] == {
                    "startLine": loc["line"],
                    "startColumn": loc["column"],
                    "endLine": loc["end_line"],
                    "endColumn": loc["end_column"],
                }
                assert result["message"]["text"] == finding["message"]
                assert result["properties"]["clause"] == loc["clause"]
            else:
                assert "region" not in physical
    assert seen["md"] >= 5 and seen["docx"] >= 5 and seen["pdf"] >= 3 and seen["txt"] == 1


def test_sarif_places_word_and_pdf_findings_in_properties(
    report: Report, log: dict[str, Any]
) -> None:
    results = log["runs"][0]["results"]
    pairs = list(zip(report.findings, results, strict=True))
    pdf = next(r for f, r in pairs if f.location.path == str(PDF) and f.code == "RFL001")
    assert pdf["properties"]["page"] == 1
    assert pdf["properties"]["line"] == 39
    assert pdf["properties"]["clause"] == "4.3.2"
    assert pdf["properties"]["section"] == [
        "Integrated Sexual Health Service",
        "4 Workforce",
        "4.3 Supervision",
    ]
    assert pdf["message"]["text"].startswith("page 1, line 39, clause 4.3.2: Reflective")
    word = next(r for f, r in pairs if f.location.path == str(DOCX) and f.code == "RFL001")
    assert word["properties"]["paragraph"] == 7
    assert word["properties"]["where"] == "clause 2.2, paragraph 7"
    assert word["message"]["text"].startswith("clause 2.2, paragraph 7: ")
    cell = next(r for f, r in pairs if f.location.path == str(DOCX_TABLE) and f.code == "PBR001")
    assert cell["properties"]["table"] == {"index": 1, "row": 2, "column": 4}
    assert cell["message"]["text"].startswith("clause 3.1, table 1, row 2, column 4: ")
    assert "excerpt" in cell["properties"]


def test_sarif_document_level_finding_has_only_the_file(log: dict[str, Any]) -> None:
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "VOI005"]
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "notes/top%20down%20draft.txt",
                    "uriBaseId": "%SRCROOT%",
                }
            }
        }
    ]
    assert result["message"]["text"].startswith("whole document: Nowhere in this document")
    assert result["properties"] == {"where": "whole document"}


def _is_uri_reference(uri: str) -> bool:
    """RFC 3986 characters only, and every ``%`` starts a valid escape."""
    allowed = re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", uri)
    return allowed is not None and re.search(r"%(?![0-9A-Fa-f]{2})", uri) is None


def test_sarif_uris(log: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    run = log["runs"][0]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert _is_uri_reference(location["uri"])
        if "uriBaseId" not in location:
            assert location["uri"].startswith("file:///")  # the fixtures were given absolute
    # Relative paths stay relative, against %SRCROOT%, percent-encoded where needed.
    assert sarif.artifact_location("specs/Home Care #2, v3.md") == {
        "uri": "specs/Home%20Care%20%232%2C%20v3.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert unquote(sarif.artifact_location("a:b/c d.md")["uri"]) == "a:b/c d.md"
    assert sarif.artifact_location("a:b/c d.md")["uri"].startswith("a%3Ab/")  # not a scheme
    monkeypatch.chdir(ROOT)
    relative = json.loads(sarif.render(speclint.check_paths(["fixtures/docx/spec_numbered.docx"])))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in relative["runs"][0]["results"]
    }
    assert uris == {"fixtures/docx/spec_numbered.docx"}


def test_sarif_input_errors_are_notifications(log: dict[str, Any]) -> None:
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith(f"{ENCRYPTED}: is encrypted")
    location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": ENCRYPTED.as_uri()}


def test_sarif_clean_run() -> None:
    clean = speclint.check_text("1.1 The service is paid for as a block.\n")
    data = json.loads(sarif.render(clean))
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    run = data["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert len(run["tool"]["driver"]["rules"]) == len(all_rules())


def test_sarif_is_deterministic(report: Report) -> None:
    first = sarif.render(report)
    assert first == sarif.render(report)
    assert "Time" not in first  # no startTimeUtc / endTimeUtc
    assert first.endswith("}\n")


def test_sarif_describes_a_code_that_is_not_built_in(report: Report) -> None:
    stranger = report.findings[0].model_copy(update={"code": "ZZZ001", "name": "made-up-rule"})
    extra = Report(files=(FileReport(path="x.md", format="md", findings=(stranger,)),))
    data = json.loads(sarif.render(report.merge(extra)))
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    run = data["runs"][0]
    result = run["results"][-1]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "ZZZ001"
    assert result["ruleIndex"] == len(all_rules())


# --- GitHub workflow commands -------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    for escaped, raw in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = _COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    return match.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(match.group(3))


def test_github_one_command_per_finding_and_error(report: Report) -> None:
    lines = github.render(report).splitlines()
    assert len(lines) == len(report.findings) + len(report.errors)
    lines = lines[: len(report.findings)]
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, finding in zip(lines, report.findings, strict=True):
        command, props, message = _parse(line)
        assert command == commands[finding.severity]
        assert props["title"] == finding.code
        assert props["file"] == finding.location.path
        first, better, rule = message.split("\n")
        assert first.endswith(finding.message)
        assert better == f"Better: {finding.suggestion}"
        assert rule == f"Rule: {finding.code} {finding.name}"
    assert {_parse(line)[0] for line in lines} == {"error", "warning", "notice"}


def test_github_lines_and_document_terms(report: Report) -> None:
    lines = github.render(report, quiet=True).splitlines()[: len(report.findings)]
    for line, finding in zip(lines, report.findings, strict=True):
        _, props, message = _parse(line)
        loc = finding.location
        if finding.location.path == str(MD):
            assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == (
                str(loc.line),
                str(loc.column),
                str(loc.end_line),
                str(loc.end_column),
            )
            # The annotation points at the line; the message adds the table cell and clause.
            t = loc.table
            beside = f"table {t.index}, row {t.row}, column {t.column}, " if t else ""
            assert message == f"{beside}clause {loc.clause}: {finding.message}"
        elif finding.code == "VOI005":
            assert list(props) == ["file", "title"]  # document level: the file only
            assert message == f"whole document: {finding.message}"
        else:
            assert list(props) == ["file", "title"]  # Word and PDF: no file lines
            assert message == f"{describe_location(loc)}: {finding.message}"
            assert message.startswith(("page ", "paragraph ", "table ", "clause "))
    pdf = next(
        _parse(line)[2]
        for line, f in zip(lines, report.findings, strict=True)
        if f.location.path == str(PDF) and f.code == "RFL001"
    )
    assert pdf.startswith("page 1, line 39, clause 4.3.2: Reflective")
    word = next(
        _parse(line)[2]
        for line, f in zip(lines, report.findings, strict=True)
        if f.location.path == str(DOCX) and f.code == "PBR001"
    )
    assert word.startswith("clause 1.1, paragraph 3: Payment depends")
    in_table = next(
        _parse(line)[2]
        for line, f in zip(lines, report.findings, strict=True)
        if f.location.path == str(MD) and f.location.table is not None
    )
    assert re.match(r"table \d+, row \d+, column \d+, clause ", in_table)


def test_github_escaping() -> None:
    finding = Finding(
        code="PBR001",
        name="payment-withheld-against-target",
        family="PBR",
        principle="p",
        severity=Severity.WARNING,
        message="100% of it: withheld, then\nreleased\r",
        location=Location(path="specs/a,b:c.md", line=3, column=2, end_line=3, end_column=9),
        excerpt="",
        suggestion="Pay 5%: fixed, monthly.",
    )
    one = Report(files=(FileReport(path="specs/a,b:c.md", format="md", findings=(finding,)),))
    (line,) = github.render(one).splitlines()
    assert line == (
        "::warning file=specs/a%2Cb%3Ac.md,line=3,col=2,endLine=3,endColumn=9,title=PBR001"
        "::100%25 of it: withheld, then%0Areleased%0D"
        "%0ABetter: Pay 5%25: fixed, monthly.%0ARule: PBR001 payment-withheld-against-target"
    )
    assert github.escape_property("a%b:c,d\ne") == "a%25b%3Ac%2Cd%0Ae"
    assert github.escape_data("a%b:c,d\r\ne") == "a%25b:c,d%0D%0Ae"


def test_github_input_error(report: Report) -> None:
    last = github.render(report).splitlines()[-1]
    assert last == (
        f"::error file={github.escape_property(str(ENCRYPTED))}::{ENCRYPTED}: is encrypted "
        "(password-protected); remove the password and try again"
    )


def test_github_clean_run_is_empty() -> None:
    assert github.render(speclint.check_text("1.1 The service is funded.\n")) == ""


# --- Markdown summary -----------------------------------------------------------------------


def _table(text: str, heading: str) -> list[str]:
    """The body rows of the table under ``### heading`` (no header or rule row)."""
    after = text.split(f"### {heading}\n\n", 1)[1].splitlines()
    rows = []
    for line in after:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows[2:]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_markdown_totals_and_family_table(report: Report) -> None:
    text = markdown.render(report)
    assert text.startswith("## speclint report\n")
    counts = Counter(f.severity for f in report.findings)
    assert (
        f"Checked {len(report.files)} files: **{len(report.findings)} findings** "
        f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} info)." in text
    )
    assert "**1 file could not be read** and was not checked." in text
    rows = [_cells(r) for r in _table(text, "Findings by family")]
    families = [p.family for p in packs()]
    assert [r[0] for r in rows] == [*sorted(families), "**Total**"]
    titles = {p.family: p.title for p in packs()}
    for family, title, errors, warnings, info, total in rows[:-1]:
        assert title == markdown.cell(titles[family])
        found = Counter(f.severity for f in report.findings if f.family == family)
        assert [int(errors), int(warnings), int(info)] == [
            found[Severity.ERROR],
            found[Severity.WARNING],
            found[Severity.INFO],
        ]
        assert int(total) == sum(found.values())
    assert any(r[5] == "0" for r in rows[:-1])  # families with no findings are listed too
    assert rows[-1][5] == f"**{len(report.findings)}**"


def test_markdown_findings_table(report: Report) -> None:
    text = markdown.render(report)
    rows = [_cells(r) for r in _table(text, "Findings")]
    assert len(rows) == len(report.findings)
    assert "not shown" not in text
    for row, finding in zip(rows, report.findings, strict=True):
        assert len(row) == 5
        assert row[2:4] == [finding.code, finding.severity.value]
    wheres = {(r[0], r[2]): r[1] for r in rows}
    assert wheres[(markdown.cell(str(PDF)), "RFL001")] == "page 1, line 39, clause 4.3.2"
    assert wheres[(markdown.cell(PLAIN), "VOI005")] == "whole document"
    md_row = next(r for r in rows if r[0] == markdown.cell(str(MD)))
    assert md_row[1].startswith("line ") and ", column " in md_row[1]
    errors = [_cells(r) for r in _table(text, "Files that could not be read")]
    assert errors == [[markdown.cell(str(ENCRYPTED)), markdown.cell(report.errors[0].message)]]


def test_markdown_escapes_cells(report: Report) -> None:
    odd = report.findings[0].model_copy(
        update={
            "message": "a | b\nc <script> *d* [e](f)",
            "location": Location(path="<text>", line=1, column=1, clause="1|2"),
        }
    )
    text = markdown.render(Report(files=(FileReport(path="<text>", format="md", findings=(odd,)),)))
    (row,) = _table(text, "Findings")
    assert "\n" not in row
    assert len(_cells(row)) == 5
    assert r"a \| b c \<script\> \*d\* \[e\](f)" in row
    assert r"\<text\>" in row and r"clause 1\|2" in row
    assert markdown.cell("x" * 900).endswith("…") and len(markdown.cell("x" * 900)) == 500


def test_markdown_caps_the_findings_table(report: Report) -> None:
    many = report.findings * 300
    big = Report(
        files=(FileReport(path="big.md", format="md", findings=tuple(many)),),
        errors=tuple(FileError(path=f"bad{i}.pdf", message="is encrypted") for i in range(150)),
    )
    text = markdown.render(big)
    assert len(text) < 65_536 and len(text) <= markdown.LIMIT
    shown = len(_table(text, "Findings"))
    assert 50 < shown < len(many)
    left = re.search(r"(\d+) more findings not shown \(the first (\d+) are listed", text)
    assert left and int(left.group(1)) == len(many) - shown and int(left.group(2)) == shown
    assert len(_table(text, "Files that could not be read")) == markdown.ERROR_ROWS
    assert "50 more files could not be read and are not listed." in text


def test_markdown_clean_run_says_so() -> None:
    clean = speclint.check_text("1.1 The service is funded.\n")
    assert markdown.render(clean) == "## speclint report\n\nNo findings in 1 file.\n"
    known = clean.model_copy(update={"baselined": 2})
    assert markdown.totals(known) == (
        "No findings in 1 file. 2 known findings left out by the baseline."
    )


# --- Through the command line ---------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_sarif_exit_codes() -> None:
    code, out, err = run("check", str(MD), "--format", "sarif")
    assert code == 1 and err == ""
    data = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    assert len(data["runs"][0]["results"]) == len(speclint.check_paths([MD]).findings)
    code, out, _ = run("check", str(MD), str(ENCRYPTED), "--format", "sarif")
    assert code == 2
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 1


def test_cli_clean_sarif_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("1.1 The service is paid for as a block, in monthly instalments.\n")
    code, out, _ = run("check", str(clean), "--format", "sarif")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_cli_github_and_markdown(tmp_path: Path) -> None:
    code, out, _ = run("check", str(PDF), str(ENCRYPTED), "--format", "github")
    assert code == 2
    assert out.splitlines()[-1].startswith(
        f"::error file={github.escape_property(str(ENCRYPTED))}::"
    )
    assert all(line.startswith("::") for line in out.splitlines())
    target = tmp_path / "summary.md"
    code, out, err = run("check", str(DOCX), "--format", "markdown", "-o", str(target))
    assert code == 1 and out == "" and err == f"wrote {target} (8 findings in 1 file)\n"
    assert target.read_text("utf-8").startswith("## speclint report\n")
    assert renderer("markdown") is markdown.render


def test_a_finding_without_a_path_takes_its_file_path(report: Report) -> None:
    pathless = report.findings[0].model_copy(update={"location": Location(line=2, column=1)})
    one = Report(files=(FileReport(path="specs/a b.md", format="md", findings=(pathless,)),))
    result = json.loads(sarif.render(one))["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "specs/a%20b.md"
    assert location["region"] == {"startLine": 2, "startColumn": 1}
    assert github.render(one).startswith("::error file=specs/a b.md,line=2,col=1,title=MFL001::")
    assert "| specs/a b.md | line 2, column 1 |" in markdown.render(one)

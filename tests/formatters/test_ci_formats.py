"""The CI output formats: SARIF 2.1.0, GitHub workflow commands and the Markdown summary.

The report is the hand-built one of :mod:`hand_built` (Markdown, plain text, Word and
PDF findings, every severity, a document-level finding, a code no built-in rule has,
files that could not be read), so what the rules find cannot change these tests; a
few tests at the end run the command line on real fixtures, for its exit codes.
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
from hand_built import DOCX, MD, PDF, TXT

import speclint
from speclint.cli import main
from speclint.docs import render_rule_markdown
from speclint.formatters import github, markdown, renderer, sarif
from speclint.formatters._shared import describe_location
from speclint.formatters.json import report_dict
from speclint.models import (
    FileError,
    FileReport,
    Finding,
    Location,
    Report,
    Severity,
    places_said,
)
from speclint.rules import all_rules, packs

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "schemas" / "sarif-schema-2.1.0.json"
SHARED_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text("utf-8"))

#: Real fixtures, for the command-line tests at the end only.
MD_FIXTURE = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
DOCX_FIXTURE = ROOT / "fixtures" / "docx" / "spec_review.docx"
PDF_FIXTURE = ROOT / "fixtures" / "pdf" / "spec_multipage.pdf"
ENCRYPTED = ROOT / "fixtures" / "pdf" / "encrypted.pdf"


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
    assert any(f.location.table and f.location.line for f in formats["md"])
    assert {f.code for f in report.findings} - {r.code for r in all_rules()} == {"XYZ901"}
    assert report.errors and report.skipped and report.baselined


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
    assert [r["id"] for r in rules] == [*(r.code for r in all_rules()), "XYZ901"]
    rules = rules[: len(all_rules())]  # then the house rule, described from its finding
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
    # OVR002 was made info: the result says note, the rule's default stays warning.
    ovr = [r for r in results if r["ruleId"].startswith("OVR")]
    assert ovr and {r["level"] for r in ovr} == {"note"}
    assert rules[ovr[0]["ruleIndex"]]["defaultConfiguration"]["level"] == "warning"
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_fingerprints_count_a_repeated_sentence(report: Report) -> None:
    first = report.findings[0]
    second = first.model_copy(update={"location": first.location.model_copy(update={"line": 80})})
    twice = Report(files=(FileReport(path=MD, format="md", findings=(first, second)),))
    elsewhere = first.model_copy(
        update={"location": first.location.model_copy(update={"path": "specs/other.md"})}
    )
    other = Report(files=(FileReport(path="specs/other.md", format="md", findings=(elsewhere,)),))
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
                places = tuple(Location.model_validate(p) for p in finding["also_at"])
                folded = [", ".join(finding["related"])] if finding["related"] else []
                folded += [places_said(places)] if places else []
                also = f" (also {'; '.join(folded)})" if folded else ""
                assert result["message"]["text"] == finding["message"] + also
                assert result["properties"].get("related", []) == finding["related"]
                # Each folded place is a related location at its own line.
                related = result.get("relatedLocations", [])
                assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [
                    place.line for place in places
                ]
                assert all(r["message"]["text"].startswith("same issue") for r in related)
                assert result["properties"]["clause"] == loc["clause"]
            else:
                assert "region" not in physical
    assert seen == {"md": 3, "txt": 1, "docx": 3, "pdf": 2}


def test_sarif_places_word_and_pdf_findings_in_properties(
    report: Report, log: dict[str, Any]
) -> None:
    results = log["runs"][0]["results"]
    pairs = list(zip(report.findings, results, strict=True))
    pdf = next(r for f, r in pairs if f.location.path == PDF and f.code == "CMP004")
    assert pdf["properties"]["page"] == 2
    assert pdf["properties"]["line"] == 11
    assert pdf["properties"]["clause"] == "4.2"
    assert pdf["properties"]["section"] == ["Contract", "Term"]
    assert pdf["message"]["text"].startswith(
        "page 2, line 11 (table 1, row 2, column 4), clause 4.2: The contract"
    )
    word = next(r for f, r in pairs if f.location.path == DOCX and f.code == "RFL001")
    assert word["properties"]["paragraph"] == 17
    assert word["properties"]["where"] == "clause 3.1, paragraph 17"
    assert word["message"]["text"].startswith("clause 3.1, paragraph 17: ")
    cell = next(r for f, r in pairs if f.location.path == DOCX and f.code == "MFL001")
    assert cell["properties"]["table"] == {"index": 1, "row": 6, "column": 2}
    assert cell["message"]["text"].startswith("clause Schedule 3 2.4, table 1, row 6, column 2: ")
    assert "excerpt" in cell["properties"]


def test_sarif_names_the_clause_and_section_as_a_logical_location(
    report: Report, log: dict[str, Any]
) -> None:
    results = log["runs"][0]["results"]
    pairs = list(zip(report.findings, results, strict=True))
    pdf = next(r for f, r in pairs if f.location.path == PDF and f.code == "CMP004")
    assert pdf["locations"][0]["logicalLocations"] == [
        {"name": "4.2", "fullyQualifiedName": "Contract > Term > 4.2", "kind": "clause"}
    ]
    word = next(r for f, r in pairs if f.location.path == DOCX and f.code == "RFL001")
    assert word["locations"][0]["logicalLocations"] == [
        {"name": "3.1", "fullyQualifiedName": "3.1", "kind": "clause"}
    ]
    markdown_ = next(r for f, r in pairs if f.location.path == MD and f.code == "PBR001")
    assert markdown_["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "Schedule 2 > Payment > 6.2"
    )
    # Every finding with a clause has one; the properties are still there too.
    for finding, found in pairs:
        logical = found["locations"][0].get("logicalLocations")
        assert (logical is not None) == bool(finding.location.clause or finding.location.section)
        if finding.location.clause:
            assert found["properties"]["clause"] == finding.location.clause


def test_sarif_logical_location_outside_numbered_clauses() -> None:
    under_heading = Location(path="a.docx", paragraph=3, section=("Schedule 2 ", " Part  A"))
    assert sarif.logical_location(under_heading) == {
        "name": "Part A",
        "fullyQualifiedName": "Schedule 2 > Part A",
        "kind": "section",
    }
    assert sarif.logical_location(Location(path="a.docx")) is None
    nested = Location(path="a.pdf", page=2, clause="4.3.2", section=("Schedule 2", "Part A"))
    assert sarif.logical_location(nested) == {
        "name": "4.3.2",
        "fullyQualifiedName": "Schedule 2 > Part A > 4.3.2",
        "kind": "clause",
    }


def test_sarif_document_level_finding_has_only_the_file(log: dict[str, Any]) -> None:
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "VOI005"]
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "notes/top-down-draft.txt",
                    "uriBaseId": "%SRCROOT%",
                }
            }
        }
    ]
    assert result["message"]["text"].startswith("whole document: Nowhere does the document")
    assert result["properties"] == {"where": "whole document"}


def _is_uri_reference(uri: str) -> bool:
    """RFC 3986 characters only, and every ``%`` starts a valid escape."""
    allowed = re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", uri)
    return allowed is not None and re.search(r"%(?![0-9A-Fa-f]{2})", uri) is None


def test_sarif_uris(report: Report, log: dict[str, Any]) -> None:
    run = log["runs"][0]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert _is_uri_reference(location["uri"])
        assert location["uriBaseId"] == "%SRCROOT%"  # the report's paths are relative
    absolute = ROOT / "specs" / "pack #1.md"
    assert sarif.artifact_location(str(absolute)) == {"uri": absolute.as_uri()}
    # Relative paths stay relative, against %SRCROOT%, percent-encoded where needed.
    assert sarif.artifact_location("specs/Home Care #2, v3.md") == {
        "uri": "specs/Home%20Care%20%232%2C%20v3.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert unquote(sarif.artifact_location("a:b/c d.md")["uri"]) == "a:b/c d.md"
    assert sarif.artifact_location("a:b/c d.md")["uri"].startswith("a%3Ab/")  # not a scheme
    moved = report.findings[3].model_copy(
        update={"location": Location(path="fixtures/docx/spec_numbered.docx", paragraph=3)}
    )
    one = Report(
        files=(
            FileReport(path="fixtures/docx/spec_numbered.docx", format="docx", findings=(moved,)),
        )
    )
    result = json.loads(sarif.render(one))["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "fixtures/docx/spec_numbered.docx",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_input_errors_are_notifications(report: Report, log: dict[str, Any]) -> None:
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    unread, empty, skipped = invocation["toolExecutionNotifications"]
    assert unread["level"] == empty["level"] == "error"
    assert unread["message"]["text"] == "specs/scanned.pdf: has no text layer: it needs OCR"
    location = unread["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "specs/scanned.pdf", "uriBaseId": "%SRCROOT%"}
    assert skipped["level"] == "warning"
    assert skipped["message"]["text"].startswith("specs/prices.xlsx: not checked: ")
    errors_only = report.model_copy(update={"skipped": ()})
    notes = json.loads(sarif.render(errors_only))["runs"][0]["invocations"][0]
    assert len(notes["toolExecutionNotifications"]) == len(report.errors)


def test_sarif_clean_run() -> None:
    clean = Report(files=(FileReport(path="clean.md", format="md"),))
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
    rules = run["tool"]["driver"]["rules"]
    house = next(r for r in run["results"] if r["ruleId"] == "XYZ901")
    assert house["ruleIndex"] == len(all_rules())
    result = run["results"][-1]
    assert rules[result["ruleIndex"]]["id"] == "ZZZ001"
    assert result["ruleIndex"] == len(all_rules()) + 1


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


def _annotated(report: Report) -> list[tuple[Finding, str]]:
    """Each place that gets an annotation, and what follows its message.

    A folded finding is annotated at each of its places: itself, naming the others, then
    each folded place, naming the first.
    """
    out = []
    for finding in report.findings:
        out.append((finding, finding.fold_note))
        first = github.first_place(finding.location)
        out += [(place, f" (the same issue as {first})") for place in finding.folded]
    return out


def test_github_one_command_per_place_and_error(report: Report) -> None:
    lines = github.render(report).splitlines()
    places = _annotated(report)
    assert len(places) > len(report.findings)  # the fixture folds places
    assert len(lines) == len(places) + len(report.errors) + len(report.skipped)
    lines = lines[: len(places)]
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, (finding, note) in zip(lines, places, strict=True):
        command, props, message = _parse(line)
        assert command == commands[finding.severity]
        assert props["title"] == finding.code
        assert props["file"] == finding.location.path
        first, better, rule = message.split("\n")
        assert first.endswith(finding.message + note)
        assert better == f"Better: {finding.suggestion}"
        assert rule == f"Rule: {finding.code} {finding.name}"
    assert {_parse(line)[0] for line in lines} == {"error", "warning", "notice"}


def test_github_lines_and_document_terms(report: Report) -> None:
    places = _annotated(report)
    lines = github.render(report, quiet=True).splitlines()[: len(places)]
    for line, (finding, note) in zip(lines, places, strict=True):
        _, props, message = _parse(line)
        loc = finding.location
        if finding.location.path == MD:
            spans = ("line", "col", "endLine", "endColumn")
            values = (loc.line, loc.column, loc.end_line, loc.end_column)
            assert props == {  # the parts of the place that are known, only
                "file": MD,
                **{
                    key: str(value)
                    for key, value in zip(spans, values, strict=True)
                    if value is not None
                },
                "title": finding.code,
            }
            # The annotation points at the line; the message adds the table cell and clause.
            t = loc.table
            beside = f"table {t.index}, row {t.row}, column {t.column}, " if t else ""
            said = finding.message + note
            assert message == f"{beside}clause {loc.clause}: {said}"
        elif finding.code == "VOI005":
            assert list(props) == ["file", "title"]  # document level: the file only
            assert message == f"whole document: {finding.message}{note}"
        else:
            assert list(props) == ["file", "title"]  # Word and PDF: no file lines
            assert message == f"{describe_location(loc)}: {finding.message}{note}"
            assert message.startswith(("page ", "paragraph ", "table ", "clause "))
    messages: dict[tuple[str | None, str], str] = {}
    for line, (f, _) in zip(lines, places, strict=True):
        messages.setdefault((f.location.path, f.code), _parse(line)[2])  # the first of each
    # A folded row of a Word table: its own annotation, naming the row it is folded into.
    folded = [_parse(line)[2] for line in lines if "(the same issue as" in line]
    assert any(
        m.endswith("(the same issue as table 1, row 6, column 2)") and m.startswith("clause ")
        for m in folded
    )
    assert messages[(PDF, "CMP004")].startswith(
        "page 2, line 11 (table 1, row 2, column 4), clause 4.2: The contract"
    )
    assert messages[(DOCX, "RFL001")].startswith("clause 3.1, paragraph 17: Reflective")
    assert messages[(MD, "LOC001")].startswith("table 1, row 3, column 2, clause 8.3: Local")


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
    lines = github.render(report).splitlines()[len(_annotated(report)) :]
    assert lines[: len(report.errors)] == [
        f"::error file={github.escape_property(e.path)}::"
        + github.escape_data(f"{e.path}: {e.message}")
        for e in report.errors
    ]
    assert lines[0] == (
        "::error file=specs/scanned.pdf::specs/scanned.pdf: has no text layer: it needs OCR"
    )


def test_github_clean_run_is_empty() -> None:
    assert github.render(Report(files=(FileReport(path="clean.md", format="md"),))) == ""


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
    assert (
        "Not linted: **1 file could not be read; 1 folder with no document to lint** "
        "(listed below)." in text
    )
    rows = [_cells(r) for r in _table(text, "Findings by family")]
    families = [p.family for p in packs()]
    assert [r[0] for r in rows] == [*sorted([*families, "XYZ"]), "**Total**"]
    titles = {p.family: p.title for p in packs()}
    for family, title, errors, warnings, info, total in rows[:-1]:
        assert title == markdown.cell(titles.get(family, ""))
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
    assert wheres[(markdown.cell(PDF), "CMP004")] == (
        "page 2, line 11 (table 1, row 2, column 4), clause 4.2"
    )
    assert wheres[(markdown.cell(TXT), "VOI005")] == "whole document"
    md_row = next(r for r in rows if r[0] == markdown.cell(MD))
    assert md_row[1].startswith("line ") and ", column " in md_row[1]
    errors = [_cells(r) for r in _table(text, "Could not be linted")]
    assert errors == [[markdown.cell(e.path), markdown.cell(e.message)] for e in report.errors]


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
    assert len(_table(text, "Could not be linted")) == markdown.ERROR_ROWS
    assert "50 more files not linted and not listed." in text


def test_markdown_clean_run_says_so() -> None:
    clean = Report(files=(FileReport(path="<text>", format="md"),))
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
    code, out, err = run("check", str(MD_FIXTURE), "--format", "sarif")
    assert code == 1 and err == ""
    data = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    assert len(data["runs"][0]["results"]) == len(speclint.check_paths([MD_FIXTURE]).findings)
    code, out, _ = run("check", str(MD_FIXTURE), str(ENCRYPTED), "--format", "sarif")
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
    code, out, _ = run("check", str(PDF_FIXTURE), str(ENCRYPTED), "--format", "github")
    assert code == 2
    assert out.splitlines()[-1].startswith(
        f"::error file={github.escape_property(str(ENCRYPTED))}::"
    )
    assert all(line.startswith("::") for line in out.splitlines())
    target = tmp_path / "summary.md"
    code, out, err = run("check", str(DOCX_FIXTURE), "--format", "markdown", "-o", str(target))
    found = len(speclint.check_paths([DOCX_FIXTURE]).findings)
    assert code == 1 and out == "" and err == f"wrote {target} ({found} findings in 1 file)\n"
    assert target.read_text("utf-8").startswith("## speclint report\n")
    assert renderer("markdown") is markdown.render


def test_a_finding_without_a_path_takes_its_file_path(report: Report) -> None:
    pathless = report.findings[0].model_copy(update={"location": Location(line=2, column=1)})
    one = Report(files=(FileReport(path="specs/a b.md", format="md", findings=(pathless,)),))
    result = json.loads(sarif.render(one))["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "specs/a%20b.md"
    assert location["region"] == {"startLine": 2, "startColumn": 1}
    assert github.render(one).startswith("::error file=specs/a b.md,line=2,col=1,title=PBR001::")
    assert "| specs/a b.md | line 2, column 1 |" in markdown.render(one)

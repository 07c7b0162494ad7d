"""Inline suppressions kept honest (SPL001, SPL002) and per-clause-ignores in config."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import speclint
from speclint.cli import main
from speclint.config import Settings, load_file
from speclint.engine.grouping import unfolded
from speclint.errors import ConfigError
from speclint.models import Finding, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WITHHELD = (
    "6.2 Ten per cent of the Annual Contract Value shall be held at risk against the Key "
    "Performance Indicators in Schedule 4."
)
CLEAN = "4.2 The Provider will offer appointments in the evening and at weekends."
ROTA = (
    "5.3 Every teatime call shall last 15 minutes, and carers shall do only those tasks "
    "written on the rota sheet."
)


def findings(text: str, fmt: str = "md", settings: Settings | None = None) -> list[Finding]:
    report = speclint.check_text(text, fmt, config=settings)  # type: ignore[arg-type]
    assert not report.errors
    return list(report.findings)


def codes(text: str, fmt: str = "md", settings: Settings | None = None) -> list[str]:
    return [f.code for f in findings(text, fmt, settings)]


def only(found: list[Finding], code: str) -> Finding:
    matching = [f for f in found if f.code == code]
    assert len(matching) == 1, [(f.code, f.message) for f in found]
    return matching[0]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def docx_bytes(paragraphs: list[str], comments: dict[int, str]) -> bytes:
    """A Word document; ``comments`` maps a paragraph's index to a comment anchored on it."""
    import docx

    document = docx.Document()
    added = [document.add_paragraph(text) for text in paragraphs]
    for index, text in comments.items():
        document.add_comment(added[index].runs, text=text, author="A. Commissioner", initials="AC")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- silencing ---------------------------------------------------------------------------


def test_family_prefix_silences_every_rule_of_the_family() -> None:
    separate = Settings(group_related=False)
    assert {"OVR001", "OVR003"} <= set(codes(ROTA, settings=separate))
    assert (
        codes(
            f"<!-- speclint: ignore OVR -- rota agreed with tenants -->\n{ROTA}\n",
            settings=separate,
        )
        == []
    )
    assert codes(f"<!-- speclint: ignore OVR -- rota agreed with tenants -->\n{ROTA}\n") == []


def test_a_directive_used_with_a_reason_raises_nothing() -> None:
    text = f"<!-- speclint: ignore PBR001 -- agreed with finance -->\n{WITHHELD}\n"
    assert codes(text) == []
    assert codes(f"speclint: ignore PBR001 -- agreed with finance\n{WITHHELD}\n", "txt") == []


# --- SPL002: no reason -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "directive"),
    [
        ("md", "<!-- speclint: ignore PBR001 -->"),
        ("md", "<!-- speclint: ignore PBR001 -- -->"),
        ("txt", "speclint: ignore PBR001"),
        ("txt", "speclint: ignore PBR001 —"),
    ],
)
def test_missing_reason_is_spl002(fmt: str, directive: str) -> None:
    found = findings(f"{directive}\n{WITHHELD}\n", fmt)
    assert [f.code for f in found] == ["SPL002"]  # PBR001 is still silenced
    spl = found[0]
    assert spl.severity is Severity.INFO
    assert "'PBR001'" in spl.message and "reason" in spl.message
    assert spl.excerpt.startswith("speclint: ignore PBR001")


def test_missing_reason_in_a_word_comment_is_spl002() -> None:
    data = docx_bytes(
        ["1.1 The service supports adults in their own homes.", WITHHELD],
        {1: "speclint: ignore PBR001"},
    )
    found = speclint.check_bytes(data, "docx", path="draft.docx").findings
    spl = only(list(found), "SPL002")
    assert "PBR001" not in [f.code for f in found]
    assert spl.location.paragraph == 2 and spl.location.clause == "6.2"
    assert spl.location.path == "draft.docx"


def test_a_word_comment_on_two_paragraphs_is_one_directive() -> None:
    import docx

    document = docx.Document()
    first = document.add_paragraph("4.2 The Provider will offer appointments in the evening.")
    second = document.add_paragraph("4.3 The Provider will offer appointments at weekends.")
    document.add_comment(
        [first.runs[0], second.runs[0]], text="speclint: ignore OVR -- agreed", author="A"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    found = speclint.check_bytes(buffer.getvalue(), "docx", path="d.docx").findings
    spl = only(list(found), "SPL001")
    assert spl.location.paragraph == 1 and spl.location.clause == "4.2"


# --- SPL001: silenced nothing ------------------------------------------------------------


def test_unused_clause_directive_is_spl001() -> None:
    spl = only(findings(f"<!-- speclint: ignore PBR001 -- agreed -->\n{CLEAN}\n"), "SPL001")
    assert spl.severity is Severity.WARNING
    assert "'PBR001' silenced nothing" in spl.message
    assert spl.location.clause == "4.2"


def test_unused_ignore_file_is_spl001() -> None:
    text = f"speclint: ignore-file OVR, PBR -- legacy contract\n\n{WITHHELD}\n\n{CLEAN}\n"
    found = findings(text, "txt")
    spl = only(found, "SPL001")
    assert "'OVR' silenced nothing" in spl.message
    assert "'PBR'" not in spl.message  # PBR001 in 6.2 was silenced by it
    assert spl.location.clause is None  # it is about the whole file
    assert [f.code for f in found] == ["SPL001"]


def test_only_the_unused_codes_are_reported() -> None:
    text = f"<!-- speclint: ignore PBR001, RFL002 -- agreed -->\n{WITHHELD}\n"
    spl = only(findings(text), "SPL001")
    assert "'RFL002' silenced nothing" in spl.message and "PBR001" not in spl.message


def test_a_code_that_names_no_rule_is_spl001_even_when_the_directive_is_used() -> None:
    text = f"<!-- speclint: ignore PBR001, PBX9 -- agreed -->\n{WITHHELD}\n"
    found = findings(text)
    assert [f.code for f in found] == ["SPL001"]
    assert "'PBX9' names no rule" in found[0].message
    text = f"speclint: ignore ZZZ -- x\n{CLEAN}\n"
    assert "'ZZZ' names no rule" in only(findings(text, "txt"), "SPL001").message


def test_a_misspelt_code_in_a_directive_names_the_nearest_code() -> None:
    text = f"<!-- speclint: ignore PRB001 -- agreed with finance -->\n{WITHHELD}\n"
    found = findings(text)
    assert [f.code for f in found] == ["SPL001", "PBR001"]  # the typo silenced nothing
    assert "'PRB001' names no rule (did you mean PBR001?)" in found[0].message
    family = f"speclint: ignore OVX -- agreed\n{CLEAN}\n"
    assert (
        "'OVX' names no rule (did you mean OVR?)" in only(findings(family, "txt"), "SPL001").message
    )
    assert (
        "did you mean"
        not in only(findings(f"speclint: ignore ZZZ -- x\n{CLEAN}\n", "txt"), "SPL001").message
    )


def test_a_code_named_twice_is_spl001() -> None:
    text = f"<!-- speclint: ignore PBR001, PBR001 -- agreed -->\n{WITHHELD}\n"
    assert "'PBR001' is named twice" in only(findings(text), "SPL001").message


def test_a_clause_directive_under_an_ignore_file_for_the_same_code_is_unused() -> None:
    text = (
        "speclint: ignore-file PBR -- legacy contract\n\n"
        f"speclint: ignore PBR001 -- agreed with finance\n{WITHHELD}\n"
    )
    found = findings(text, "txt")
    spl = only(found, "SPL001")
    assert spl.location.line == 3 and "'PBR001' silenced nothing" in spl.message


@pytest.mark.parametrize(
    "settings",
    [
        Settings(select=("PBR",)),
        Settings(ignore=("OVR001",)),
        Settings(per_file_ignores={"*": ("OVR",)}),
        Settings(per_clause_ignores={"4.2": ("OVR",)}),
    ],
)
def test_a_code_not_run_here_is_not_called_unused(settings: Settings) -> None:
    text = f"<!-- speclint: ignore OVR001 -- agreed -->\n{CLEAN}\n"
    assert codes(text, settings=settings) == []
    assert "SPL001" in codes(text)  # with every rule on, it is judged


def test_a_directive_cannot_hide_its_own_spl001() -> None:
    found = findings(f"<!-- speclint: ignore PBR001, SPL001 -- agreed -->\n{CLEAN}\n")
    spl = only(found, "SPL001")
    assert "'PBR001' silenced nothing" in spl.message
    assert "'SPL001' is silenced only by configuration" in spl.message
    text = f"<!-- speclint: ignore ALL -- agreed -->\n{CLEAN}\n"
    assert "'ALL' silenced nothing" in only(findings(text), "SPL001").message


def test_spl_findings_are_ordinary_findings() -> None:
    text = f"<!-- speclint: ignore PBR001 -->\n{CLEAN}\n"
    assert codes(text) == ["SPL001", "SPL002"]
    assert codes(text, settings=Settings(ignore=("SPL",))) == []
    assert codes(text, settings=Settings(select=("SPL002", "PBR"))) == ["SPL002"]
    upgraded = findings(text, settings=Settings(severity={"SPL002": Severity.ERROR}))
    assert only(upgraded, "SPL002").severity is Severity.ERROR
    assert speclint.check_text(text).files[0].fails()  # SPL001 is a warning


#: Long enough for VOI005 to judge (over thirty sentences, over ten requirements), and
#: nobody but the commissioner has a voice.
UNHEARD = " ".join(
    [
        "1.1 Under this Specification the Provider shall support adults in their own homes.",
        "The service shall run all year.",
        "The Provider shall accept referrals from GPs and social workers.",
        "The Provider shall assess each person within ten working days.",
        "The Provider shall agree a support plan with each person.",
        "Plans are reviewed every three months.",
        "Visits are arranged weekly.",
        "The Provider must employ enough staff to make every visit.",
        "Staff are trained before they visit alone.",
        "Staff must hold an enhanced DBS check.",
        "The Provider shall keep a record of every visit.",
        "Records are kept for eight years.",
        "The Provider shall report any safeguarding concern on the day it arises.",
        "The Provider shall submit a monthly return of visits made.",
        "The Council will meet the Provider each quarter.",
        "The service is local.",
        "Its office is in the town centre.",
        "Referrals come from GPs.",
        "The price is £300,000 a year.",
        "Payment is monthly in arrears.",
        "Invoices are paid within 30 days.",
        "The Contract runs for three years.",
        "It may be extended by two years.",
        "Either party may end it on six months' notice.",
        "The Provider shall hold public liability insurance.",
        "The Provider shall comply with data protection law.",
        "Complaints follow the Provider's procedure.",
        "Unresolved complaints go to the Ombudsman.",
        "Disputes go first to the contract managers.",
        "English law applies.",
    ]
)


def test_document_level_findings_are_silenced_only_by_ignore_file() -> None:
    body = UNHEARD
    assert "VOI005" in codes(body)
    found = codes(f"<!-- speclint: ignore VOI005 -- agreed -->\n{body}\n")
    assert found == ["VOI005", "SPL001"]
    assert codes(f"<!-- speclint: ignore-file VOI005 -- agreed -->\n{body}\n") == []


# --- SPL001: a speclint: comment that is not a directive ---------------------------------

FORM = "write 'speclint: ignore CODE[,CODE] -- reason'"


@pytest.mark.parametrize(
    ("directive", "detail"),
    [
        ("speclint: ignore -- agreed with finance", f"the directive names no codes; {FORM}"),
        (
            "speclint: ignore-file -- legacy",
            "the directive names no codes; write 'speclint: ignore-file CODE[,CODE] -- reason'",
        ),
        (
            "speclint: ingore PBR001 -- agreed",
            f"'ingore' is not a speclint directive (did you mean 'ignore'?); {FORM}",
        ),
        ("speclint: disable PBR001 -- agreed", f"'disable' is not a speclint directive; {FORM}"),
        ("SPECLINT:", f"'speclint:' is followed by no directive; {FORM}"),
        (
            "speclint: ignore PBR001 - agreed with finance",
            "'agreed with finance' follows a single hyphen, so it was read as codes; the "
            "reason goes after '--', as in 'speclint: ignore PBR001 -- agreed with finance'",
        ),
        (
            "speclint: ignore PBR001; OVR -- agreed",
            f"cannot read the codes 'PBR001; OVR' (separate them with commas or spaces); {FORM}",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_malformed_directive_is_spl001(fmt: str, directive: str, detail: str) -> None:
    line = f"<!-- {directive} -->" if fmt == "md" else directive
    found = findings(f"{line}\n{WITHHELD}\n", fmt)
    assert [f.code for f in found] == ["SPL001", "PBR001"]  # it silenced nothing
    spl = found[0]
    assert spl.message.startswith(f"Suppression to remove or correct: {detail}. ")
    assert "names no rule" not in spl.message
    loc = spl.location
    assert (loc.line, loc.column, loc.end_column) == (1, 1, len(line) + 1)
    assert spl.excerpt == directive


def test_a_malformed_directive_in_a_word_comment_is_spl001() -> None:
    data = docx_bytes(
        ["1.1 The service supports adults in their own homes.", WITHHELD],
        {0: "Checked with speclint on 3 May.", 1: "speclint: ingore PBR001 -- agreed"},
    )
    found = list(speclint.check_bytes(data, "docx", path="draft.docx").findings)
    spl = only(found, "SPL001")
    assert "'ingore' is not a speclint directive (did you mean 'ignore'?)" in spl.message
    assert spl.location.paragraph == 2 and spl.location.clause == "6.2"
    assert "PBR001" in [f.code for f in found]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("md", "<!-- reviewed with speclint on 3 May -->"),
        ("md", "<!-- speclint flagged 6.2; agreed with finance -->"),
        ("md", "<!-- note: speclint: ignore PBR001 -- agreed -->"),
        ("txt", "Reviewed with speclint: 3 May."),
    ],
)
def test_a_comment_that_merely_mentions_speclint_is_not_a_directive(fmt: str, text: str) -> None:
    assert codes(f"{text}\n\n{WITHHELD}\n", fmt) == ["PBR001"]


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- speclint: ignore PBR001 -- agreed with finance -->",
        "<!-- speclint: ignore PBR001 – agreed with finance -->",
        "<!-- speclint:ignore PBR001--agreed with finance -->",
        "<!-- SpecLint: Ignore pbr001, ovr001 -- agreed with finance -->",
        "<!-- speclint: ignore PBR001 -- agreed - see the minutes of 3 May -->",
    ],
)
def test_well_formed_directives_are_still_read(directive: str) -> None:
    found = findings(f"{directive}\n{WITHHELD}\n")
    assert all(f.code == "SPL001" and "'OVR001' silenced nothing" in f.message for f in found)


def test_a_bare_trailing_hyphen_is_a_missing_reason() -> None:
    assert codes(f"<!-- speclint: ignore PBR001 - -->\n{WITHHELD}\n") == ["SPL002"]


# --- where SPL findings are --------------------------------------------------------------


def test_markdown_spl_findings_point_at_the_comment() -> None:
    text = f"# Spec\n\n   <!-- speclint: ignore PBR001 -->\n{CLEAN}\n"
    spl = only(findings(text), "SPL001")
    loc = spl.location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 4, 3, 36)
    assert loc.clause == "4.2" and loc.section == ("Spec",)
    assert spl.excerpt == "speclint: ignore PBR001"


def test_a_comment_over_several_lines_is_located_from_start_to_end() -> None:
    text = f"{CLEAN}\n\n<!--\n  speclint: ignore-file OVR -- legacy\n-->\n"
    loc = only(findings(text), "SPL001").location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 1, 5, 4)


def test_text_spl_findings_point_at_the_directive_line() -> None:
    text = f"1.1 Introduction.\n\n  speclint: ignore PBR001\n{CLEAN}\n"
    loc = only(findings(text, "txt"), "SPL002").location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 3, 3, 26)
    assert loc.clause == "4.2"


@pytest.mark.parametrize(
    ("fmt", "line"),
    [
        ("md", "<!-- speclint: ignore PBR001 -->"),
        ("md", "  <!-- speclint: ignore PBR001 -->   "),
        ("txt", "speclint: ignore PBR001"),
        ("txt", "   # speclint: ignore PBR001  "),
    ],
)
def test_the_end_column_is_exclusive_as_for_every_finding(fmt: str, line: str) -> None:
    """``line[column - 1 : end_column - 1]`` is the whole directive, as SARIF reads it."""
    found = findings(f"{line}\n{WITHHELD}\n", fmt)
    loc = only(found, "SPL002").location
    assert loc.line == loc.end_line == 1 and loc.column is not None
    assert loc.end_column is not None
    assert line[loc.column - 1 : loc.end_column - 1] == line.strip()
    pbr = only(findings(f"{WITHHELD}\n", fmt), "PBR001").location  # an ordinary finding
    assert pbr.column is not None and pbr.end_column is not None
    assert WITHHELD[pbr.column - 1 : pbr.end_column - 1] == "Ten per cent"


def test_findings_stay_in_document_order() -> None:
    text = (
        f"{ROTA}\n\n<!-- speclint: ignore PBR001 -->\n{CLEAN}\n\n{WITHHELD}\n\n"
        "<!-- speclint: ignore-file LOC -- legacy -->\n"
    )
    found = findings(text)
    lines = [(f.location.line, f.code) for f in found if f.location.line is not None]
    assert lines == sorted(lines, key=lambda item: item[0])
    order = [f.code for f in found if f.code in ("SPL001", "SPL002", "PBR001")]
    assert order == ["SPL001", "SPL002", "PBR001", "SPL001"]


# --- per-clause-ignores --------------------------------------------------------------------

SPEC = f"""# Spec

4.3 {ROTA[4:]}

4.3.1 {ROTA[4:]}

4.31 {ROTA[4:]}

Schedule 2

1.1 {ROTA[4:]}

{WITHHELD}
"""


def clauses(settings: Settings, path: str = "spec.md", code: str = "OVR001") -> list[str | None]:
    report = speclint.check_text(SPEC, "md", path=path, config=settings)
    # Every place: the same sentence in clauses of one section folds into one finding.
    places = [place for f in report.findings for place in unfolded(f)]
    return [f.location.clause for f in places if f.code == code]


def test_per_clause_key_covers_the_clause_and_those_beneath_it() -> None:
    every = clauses(Settings())
    assert every == ["4.3", "4.3.1", "4.31", "Schedule 2 1.1"]
    assert clauses(Settings(per_clause_ignores={"4.3": ("OVR",)})) == ["4.31", "Schedule 2 1.1"]
    assert clauses(Settings(per_clause_ignores={"4.3.1": ("OVR001",)})) == [
        "4.3",
        "4.31",
        "Schedule 2 1.1",
    ]
    assert clauses(Settings(per_clause_ignores={"4.3": ("PBR",)})) == every  # other codes


def test_per_clause_key_may_be_a_glob() -> None:
    assert clauses(Settings(per_clause_ignores={"Schedule 2*": ("OVR",)})) == [
        "4.3",
        "4.3.1",
        "4.31",
    ]
    assert clauses(Settings(per_clause_ignores={"schedule 2": ("OVR",)})) == [
        "4.3",
        "4.3.1",
        "4.31",
    ]
    assert clauses(Settings(per_clause_ignores={"4.*": ("OVR",)})) == ["Schedule 2 1.1"]


def test_per_clause_key_may_be_scoped_to_files() -> None:
    settings = Settings(per_clause_ignores={"legacy/*.md::4.3": ("OVR",)})
    assert clauses(settings, path="legacy/old.md") == ["4.31", "Schedule 2 1.1"]
    assert clauses(settings, path="new/draft.md") == ["4.3", "4.3.1", "4.31", "Schedule 2 1.1"]


def test_per_clause_ignores_leave_document_level_findings_alone() -> None:
    body = UNHEARD
    assert speclint.check_text(body).findings[0].code == "VOI005"
    settings = Settings(per_clause_ignores={"*": ("VOI",), "1.1": ("VOI",)})
    assert speclint.check_text(body, config=settings).findings[0].code == "VOI005"


def test_per_clause_ignores_from_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text(
        '[per-clause-ignores]\n"4.3" = ["OVR"]\n"legacy/*.md::Schedule 2" = ["OVR001"]\n'
    )
    legacy = tmp_path / "legacy" / "old.md"
    legacy.parent.mkdir()
    legacy.write_text(SPEC)
    other = tmp_path / "draft.md"
    other.write_text(SPEC)
    report = speclint.check_paths([legacy, other])
    got = {
        Path(fr.path).name: [f.location.clause for f in fr.findings if f.code == "OVR001"]
        for fr in report.files
    }
    assert got == {"old.md": ["4.31"], "draft.md": ["4.31", "Schedule 2 1.1"]}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('"4.3" = ["OVX"]', "[per-clause-ignores]: 'OVX' names no rule (did you mean OVR?)"),
        ('"legacy/*.md::" = ["OVR"]', "'per-clause-ignores': key 'legacy/*.md::' needs a clause"),
        ('"4.3" = "OVR"', "per-clause-ignores"),
    ],
)
def test_per_clause_ignores_typos_are_one_line_errors(
    tmp_path: Path, table: str, message: str
) -> None:
    config = tmp_path / "speclint.toml"
    config.write_text(f"[per-clause-ignores]\n{table}\n")
    with pytest.raises(ConfigError) as caught:
        load_file(config)
    text = str(caught.value)
    assert "\n" not in text and text.startswith(str(config)) and message in text


# --- the command line --------------------------------------------------------------------


def test_json_output_includes_spl_findings(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"<!-- speclint: ignore PBR001 -->\n{CLEAN}\n")
    code, out, _ = run("check", "--format", "json", str(draft))
    assert code == 1
    data = json.loads(out)
    got = [(f["code"], f["severity"], f["location"]["line"]) for f in data["files"][0]["findings"]]
    assert got == [("SPL001", "warning", 1), ("SPL002", "info", 1)]


def test_rules_command_lists_spl_rules() -> None:
    code, out, _ = run("rules")
    assert code == 0
    listed = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "unused-suppression" in listed["SPL001"] and "warning" in listed["SPL001"]
    assert "suppression-without-reason" in listed["SPL002"] and "info" in listed["SPL002"]
    code, out, _ = run("rule", "SPL002")
    assert code == 0 and "Default severity: info" in out


def test_readme_configuration_example_is_valid() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    block = re.search(r"```toml\n(\[tool\.speclint\].*?)```", readme, re.DOTALL)
    assert block is not None
    table = tomllib.loads(block.group(1))["tool"]["speclint"]
    settings = Settings.model_validate(table)
    assert settings.per_clause_ignores["4.3"] == ("OVR",)
    assert settings.clause_ignored("OVR001", "4.3(a)")
    assert settings.clause_ignored("PBR002", "6.2", "legacy/old.docx")
    assert not settings.clause_ignored("PBR002", "6.2", "current/new.docx")


# --- engine rules in the schema ------------------------------------------------------------

PACK = """family = "SPL"
title = "t"
principle = "p"

[[rules]]
code = "{code}"
name = "some-rule"
{how}
message = "m"
suggestion = "s"
[rules.docs]
what = "what it flags"
why = "why it matters"
example = "an example here"
better = "a better clause"
[rules.tests]
fail = ["a", "b"]
pass = ["c", "d"]
"""


@pytest.mark.parametrize(
    ("code", "how", "message"),
    [
        ("SPL001", "engine = true", None),
        ("SPL001", "engine = true\nquery = 'payment'", "exactly one of"),
        ("SPL001", "", "exactly one of"),
        ("SPL003", "engine = true", "the engine raises only SPL001, SPL002"),
        ("SPL001", "engine = true\nabsent_from_document = true", "no matching options"),
    ],
)
def test_a_rule_is_matched_one_way_only(code: str, how: str, message: str | None) -> None:
    from speclint.errors import RulePackError
    from speclint.rules import load_pack

    text = PACK.format(code=code, how=how)
    if message is None:
        assert load_pack(text, "spl.toml").rules[0].engine
        return
    with pytest.raises(RulePackError, match=message):
        load_pack(text, "spl.toml")


PAYMENT_WITHHELD = (
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
)


def code_clauses(text: str, fmt: str = "md") -> list[tuple[str, str | None]]:
    """Each finding's code and clause number, in document order."""
    report = speclint.check_text(text, fmt)  # type: ignore[arg-type]
    return [(f.code, f.location.clause) for f in report.findings]


@pytest.mark.parametrize("dash", ["--", "–", "—"])
def test_directive_reason_after_any_dash(dash: str) -> None:
    assert (
        code_clauses(f"<!-- speclint: ignore PBR001 {dash} agreed -->\n{PAYMENT_WITHHELD}\n") == []
    )


def test_directive_above_a_table_applies_to_its_first_row() -> None:
    table = (
        "| KPI | Consequence of breach |\n|---|---|\n"
        "| KPI 1 | 2% of the monthly payment withheld against the target |\n"
    )
    assert code_clauses(table)
    assert code_clauses(f"<!-- speclint: ignore PBR -- agreed -->\n{table}") == []


@pytest.mark.parametrize(
    ("fmt", "directive"),
    [
        ("md", "<!-- speclint: ignore-file PBR -- legacy -->"),
        ("txt", "speclint: ignore-file PBR -- legacy"),
    ],
)
def test_ignore_file_at_the_end(fmt: str, directive: str) -> None:
    assert code_clauses(f"{PAYMENT_WITHHELD}\n\n{directive}\n", fmt) == []


def test_inline_html_comment_is_not_linted() -> None:
    text = "5.3 The Provider will deliver support <!-- supervision within existing resources -->."
    assert code_clauses(text) == []


def test_a_clause_key_written_without_its_lettered_part_still_covers_it() -> None:
    # Clauses under "A. Service Specifications" print as "Schedule 2 Part A 3.1"; keys
    # written before the part was printed ("Schedule 2 3") keep working.
    settings = Settings.model_validate(
        {"per-clause-ignores": {"Schedule 2 3": ["OUT"], "Schedule 2 Part B 4": ["PBR"]}}
    )
    assert settings.clause_ignored("OUT001", "Schedule 2 Part A 3.1")
    assert settings.clause_ignored("OUT001", "SCHEDULE 2 3")
    assert not settings.clause_ignored("OUT001", "Schedule 2 Part A 4.1")
    assert settings.clause_ignored("PBR002", "Schedule 2 Part B 4(a)")
    assert not settings.clause_ignored("PBR002", "Schedule 2 Part A 4(a)")

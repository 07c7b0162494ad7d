"""A report built by hand for the formatter tests, and the golden-file comparison.

The report holds one finding of each kind a formatter places differently (a Markdown
line and column, a plain-text document-level finding, a Word paragraph, a Word table
cell, a PDF page and printed line with a table cell, a housekeeping finding about a
directive, a code no built-in rule has), every severity, highlights, a section path,
text a format must escape, a file that could not be read, a folder with nothing to
lint, a file left unread and a baselined count; three findings (a Markdown table's, a
Word table's and a PDF table's) fold the other rows they repeat at. No rule runs: a
change in what the rules find cannot change these tests, only a change in how findings
are written.

Golden files live in ``tests/formatters/golden/``. After a deliberate change to an
output format, rewrite them and review the diff::

    SPECLINT_UPDATE_GOLDEN=1 python -m pytest tests/formatters
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from speclint import __version__
from speclint.formatters.html import asset
from speclint.models import (
    FileError,
    FileOutline,
    FileReport,
    Finding,
    Location,
    OutlineNode,
    OutlineReport,
    OutlineUnit,
    Report,
    Severity,
    SkippedFile,
    TableRef,
)
from speclint.rules import all_rules
from speclint.skipping import NOTHING_TO_LINT

GOLDEN = Path(__file__).resolve().parent / "golden"
#: Set to rewrite the golden files from the current output instead of comparing.
UPDATE = os.environ.get("SPECLINT_UPDATE_GOLDEN", "") not in ("", "0")
#: What the version reads as in golden files, so a release does not rewrite them.
VERSION = "<version>"

MD = "specs/community support.md"
TXT = "notes/top-down-draft.txt"
DOCX = "specs/stop-smoking.docx"
PDF = "specs/eye care/pathway.pdf"


def finding(
    code: str,
    location: Location,
    excerpt: str,
    *,
    message: str,
    suggestion: str,
    severity: Severity | None = None,
    highlights: tuple[tuple[int, int], ...] = (),
    fingerprint: str = "",
    related: tuple[str, ...] = (),
    folded: tuple[Finding, ...] = (),
) -> Finding:
    """A finding of the built-in rule ``code``, placed and worded by hand.

    Only the rule's name, principle and severity are the built-in rule's; the message
    and the advice are written here, so that rewording a rule changes no golden file
    but SARIF's (which describes the rules themselves).
    """
    rule = next((r for r in all_rules() if r.code == code), None)
    family = code[:3]
    return Finding(
        code=code,
        name=rule.name if rule else "local-house-rule",
        family=family,
        principle=rule.principle if rule else "A rule of the commissioner's own.",
        severity=severity or (rule.severity if rule else Severity.WARNING),
        message=message,
        location=location,
        excerpt=excerpt,
        suggestion=suggestion,
        fingerprint=fingerprint or f"{code.lower()}0123456789abcd"[:20],
        highlights=highlights,
        related=related,
        folded=folded,
    )


def row(code: str, location: Location, excerpt: str) -> Finding:
    """Another row of a table, folded into the finding on the first (its words unread)."""
    return finding(code, location, excerpt, message="m", suggestion="s")


def hand_built_report() -> Report:
    """The report every golden file is rendered from."""
    md_findings = (
        finding(
            "PBR001",
            Location(
                path=MD,
                line=42,
                column=31,
                end_line=42,
                end_column=52,
                clause="6.2",
                section=("Schedule 2", "Payment"),
            ),
            "Ten per cent of the monthly fee is withheld until the waiting-time target is met.",
            message="Payment is withheld against a target ('withheld until', 'target').",
            suggestion="Pay a fixed price and review the indicator together, as information.",
            highlights=((37, 51), (56, 74)),
            related=("PBR002",),
        ),
        finding(
            "OVR002",
            Location(path=MD, line=57, column=5, end_line=57, end_column=23, clause="7.1(b)"),
            'Staff must use the <script> "Welcome" template | word for word & never vary it.',
            message="A script or template is mandated ('use the <script> template').",
            suggestion="Say what the conversation is for and leave the words to staff.",
            severity=Severity.INFO,
            highlights=((10, 41),),
        ),
    )
    md_findings += (
        finding(
            "LOC001",
            Location(
                path=MD,
                line=63,
                column=18,
                end_line=63,
                end_column=44,
                clause="8.3",
                section=("Schedule 2", "Delivery"),
                table=TableRef(index=1, row=3, column=2),
            ),
            "The same model of delivery applies in every locality without variation.",
            message="Local variation is ruled out ('without variation').",
            suggestion="Let each locality shape the model with the people it serves.",
            highlights=((57, 74),),
            related=("LOC003",),
            folded=tuple(
                row(
                    code,
                    Location(
                        path=MD,
                        line=line,
                        column=18,
                        clause="8.3",
                        table=TableRef(index=1, row=line - 60, column=2),
                    ),
                    "Each locality follows the one pathway as written.",
                )
                for code, line in (("LOC001", 64), ("LOC001", 65), ("LOC003", 67))
            ),
        ),
    )
    txt_findings = (
        finding(
            "VOI005",
            Location(path=TXT),
            "",
            message="Nowhere does the document say how people who use the service are heard.",
            suggestion="Say who shaped the specification and how they take part in reviews.",
        ),
    )
    docx_findings = (
        finding(
            "RFL001",
            Location(path=DOCX, paragraph=17, column=5, end_column=40, clause="3.1"),
            "Reflective supervision takes place outside contracted hours.",
            message="Reflective time is demanded but not funded ('outside contracted hours').",
            suggestion="Cost the hours into the price and protect them.",
            highlights=((34, 59),),
        ),
        finding(
            "MFL001",
            Location(
                path=DOCX,
                column=1,
                end_column=30,
                clause="Schedule 3 2.4",
                table=TableRef(index=1, row=6, column=2),
            ),
            "Extra sessions in Year 2 are met within the existing budget.",
            message="More is asked for with no more money ('within the existing budget').",
            suggestion="Pay for the added sessions, or say what will stop.",
            folded=(
                row(
                    "MFL001",
                    Location(
                        path=DOCX, clause="Schedule 3 2.5", table=TableRef(index=1, row=7, column=2)
                    ),
                    "Weekend cover is added at no extra cost.",
                ),
            ),
        ),
        finding(
            "SPL002",
            Location(path=DOCX, paragraph=30, clause="5.4"),
            "speclint: ignore LOC001",
            message="The directive gives no reason: add '-- why it was accepted'.",
            suggestion="Add the reason after a double dash.",
        ),
    )
    pdf_findings = (
        finding(
            "CMP004",
            Location(
                path=PDF,
                page=2,
                line=11,
                column=14,
                clause="4.2",
                section=("Contract", "Term"),
                table=TableRef(index=1, row=2, column=4),
            ),
            "The contract term is twelve months, with no option to extend.",
            message="The contract runs for less than 36 months (twelve months).",
            suggestion="Let the contract for three years or more.",
            highlights=((23, 36),),
            folded=(
                row(
                    "CMP004",
                    Location(
                        path=PDF,
                        page=2,
                        line=14,
                        clause="4.2",
                        table=TableRef(index=1, row=3, column=4),
                    ),
                    "Lot 2 runs for nine months.",
                ),
                row(
                    "CMP004",
                    Location(
                        path=PDF,
                        page=3,
                        line=2,
                        clause="4.2",
                        table=TableRef(index=1, row=5, column=4),
                    ),
                    "Lot 4 runs for eighteen months.",
                ),
            ),
        ),
        finding(
            "XYZ901",
            Location(path=PDF, page=5, line=3, clause="9.1"),
            "Reports are due on the first working day of each month.",
            message="A house rule the built-in rules do not know.",
            suggestion="Give the date the report is due by.",
            severity=Severity.ERROR,
        ),
    )
    return Report(
        files=(
            FileReport(path=MD, format="md", findings=md_findings),
            FileReport(path=TXT, format="txt", findings=txt_findings),
            FileReport(path=DOCX, format="docx", findings=docx_findings),
            FileReport(path=PDF, format="pdf", findings=pdf_findings),
            FileReport(path="specs/clean.md", format="md"),
        ),
        errors=(
            FileError(path="specs/scanned.pdf", message="has no text layer: it needs OCR"),
            FileError(path="old", message=f"{NOTHING_TO_LINT}: speclint reads .md and .txt"),
        ),
        baselined=2,
        skipped=(
            SkippedFile(
                path="specs/prices.xlsx",
                reason="an Excel spreadsheet; convert it: soffice --convert-to pdf prices.xlsx",
            ),
        ),
    )


def hand_built_outline() -> OutlineReport:
    """The outline every golden outline file is rendered from."""
    units = (
        OutlineUnit(
            clause=None,
            section=("Service specification",),
            location=Location(path=MD, line=1, column=3),
            text="Service specification",
            kind="heading",
        ),
        OutlineUnit(
            clause="4.2",
            section=("Service specification", "Referrals"),
            location=Location(path=MD, line=9, column=1),
            text="Referrals are accepted from GPs, schools and the people themselves, by phone, "
            "by letter or through the website, on any day of the week.",
        ),
        OutlineUnit(
            clause="4.2(a)",
            section=("Service specification", "Referrals"),
            location=Location(path=MD, line=11, column=3),
            text="The Provider will: respond within two working days.",
            kind="list_item",
            lead_in=18,
        ),
    )
    word = (
        OutlineUnit(
            clause="Schedule 2 1.1",
            section=("Payment",),
            location=Location(path=DOCX, table=TableRef(index=1, row=2, column=1)),
            text="Price: a fixed annual sum, paid monthly.",
            kind="table_cell",
        ),
    )
    return OutlineReport(
        files=(
            FileOutline(path=MD, format="md", units=units),
            FileOutline(path=DOCX, format="docx", units=word),
        ),
        errors=(FileError(path="specs/scanned.pdf", message="has no text layer: it needs OCR"),),
    )


def hand_built_tree() -> OutlineReport:
    """The same outline with the clause tree, as ``outline --tree`` gives it."""
    item = OutlineNode(
        clause="4.2(a)",
        kind="list_item",
        location=Location(path=MD, line=11, column=3),
        text="The Provider will: respond within two working days.",
        lead_in=18,
    )
    clause = OutlineNode(
        clause="4.2",
        location=Location(path=MD, line=9, column=1),
        text="Referrals are accepted from GPs, schools and the people themselves.",
        children=(item,),
    )
    heading = OutlineNode(
        clause="4",
        heading="Referrals",
        kind="heading",
        location=Location(path=MD),
        children=(clause,),
    )
    outline = hand_built_outline()
    first = outline.files[0].model_copy(update={"tree": (heading,)})
    return outline.model_copy(update={"files": (first, *outline.files[1:])})


def normalise(text: str) -> str:
    """``text`` with what changes on its own left out: the version and the HTML assets."""
    for name in ("report.css", "report.js"):
        text = text.replace(asset(name), f"/* {name} */")
    return text.replace(__version__, VERSION)


def check_golden(name: str, output: str) -> None:
    """Compare ``output`` with the golden file ``name`` (or rewrite it when updating)."""
    path = GOLDEN / name
    output = normalise(output)
    if UPDATE:
        path.write_text(output, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(
            f"no golden file {name}: run SPECLINT_UPDATE_GOLDEN=1 python -m pytest tests/formatters"
        )
    expected = path.read_text(encoding="utf-8")
    assert output == expected, (
        f"{name} differs from its golden file; if the change is meant, rewrite it with "
        "SPECLINT_UPDATE_GOLDEN=1 python -m pytest tests/formatters and review the diff"
    )

"""The reviewed copy: ``speclint annotate`` writes one Word comment per finding.

Runs on the generated fixtures in ``fixtures/docx`` (``spec_review.docx`` is built for
these tests; ``spec_numbered.docx`` is the parser's fixture).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import load_generator

from speclint.annotate import AUTHOR, INITIALS, annotate_docx, comment_text, reviewed_path
from speclint.api import check_file
from speclint.cli import main
from speclint.config import Settings
from speclint.errors import InputError, SpeclintError
from speclint.models import Finding, Location, Span, TextRange
from speclint.parsers.docx import block_text_nodes, parse, table_cell, text_nodes, visible_text
from speclint.structure.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


mk = load_generator("docx")
DEFAULTS = Settings()


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.docx"
    path.write_bytes(mk.spec_review())
    return path


@pytest.fixture
def numbered(tmp_path: Path) -> Path:
    path = tmp_path / "numbered.docx"
    path.write_bytes(mk.spec_numbered())
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def norm(text: str) -> str:
    return " ".join(text.split())


def ours(path: Path) -> list[Any]:
    """The comments speclint wrote, in the order it wrote them (ascending id)."""
    comments = [c for c in docx.Document(str(path)).comments if c.author == AUTHOR]
    return sorted(comments, key=lambda c: c.comment_id)


def body_of(path: Path) -> Any:
    return docx.Document(str(path)).element.body


def spans(body: Any) -> dict[int, str]:
    """The block text between each comment's commentRangeStart and commentRangeEnd.

    Read through the parser's own text-node mapping: the text from the first visible
    node after the start marker to the last one before the end marker, within one
    paragraph or table cell.
    """
    out: dict[int, str] = {}
    containers = [p for p in body.iter(W + "p") if ancestor(p, "tc") is None]
    containers += list(body.iter(W + "tc"))
    for container in containers:
        text, nodes = block_text_nodes(container)
        where = {id(node): (at, at + len(visible_text(node))) for node, at in nodes}
        open_ranges: dict[int, list[int]] = {}
        for element in container.iter():
            if element.tag == W + "commentRangeStart":
                open_ranges[int(element.get(W + "id"))] = []
            elif element.tag == W + "commentRangeEnd":
                cid = int(element.get(W + "id"))
                if cid in open_ranges:
                    found = open_ranges.pop(cid)
                    out[cid] = text[found[0] : found[1]] if found else ""
            elif id(element) in where:
                start, end = where[id(element)]
                for found in open_ranges.values():
                    if found:
                        found[1] = end
                    else:
                        found.extend((start, end))
    return out


def marker(body: Any, tag: str, comment_id: int) -> Any:
    (found,) = [e for e in body.iter(W + tag) if e.get(W + "id") == str(comment_id)]
    return found


def run_text(run: Any) -> str:
    return "".join(t.text or "" for t in run.iter(W + "t"))


def ancestor(element: Any, tag: str) -> Any | None:
    parent = element.getparent()
    while parent is not None and parent.tag != W + tag:
        parent = parent.getparent()
    return parent


def block_element(body: Any, location: Location) -> Any:
    if location.paragraph is not None:
        return [c for c in body if c.tag == W + "p"][location.paragraph - 1]
    assert location.table is not None
    ref = location.table
    tables = [c for c in body if c.tag == W + "tbl"]
    return table_cell(tables[ref.index - 1], ref.row, ref.column)


@pytest.fixture
def reviewed(draft: Path, tmp_path: Path) -> tuple[Path, tuple[Finding, ...]]:
    out = tmp_path / "out.docx"
    result = annotate_docx(draft, out, settings=DEFAULTS)
    assert result.output == out
    return out, result.findings


# --- the text-node mapping the comments rely on ------------------------------------------


@pytest.mark.parametrize("make", ["spec_numbered", "spec_review"])
def test_text_nodes_agree_with_the_parser(make: str) -> None:
    data = getattr(mk, make)()
    parsed = parse(data, make)
    body = docx.Document(io.BytesIO(data)).element.body
    checked = 0
    for block in parsed.blocks:
        if block.location.paragraph is None and block.location.table is None:
            continue
        element = block_element(body, block.location)
        text, nodes = block_text_nodes(element)
        assert text == block.text
        if element.tag == W + "p":
            assert text_nodes(element) == nodes
        for node, start in nodes:
            piece = visible_text(node)
            assert text[start : start + len(piece)] == piece
        checked += 1
    assert checked > 10


# --- (a) the draft is never modified ------------------------------------------------------


def test_the_draft_is_unchanged(draft: Path, tmp_path: Path) -> None:
    before = sha256(draft)
    stat = draft.stat()
    annotate_docx(draft, tmp_path / "out.docx", settings=DEFAULTS)
    assert sha256(draft) == before
    assert draft.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "out.docx"]


# --- (b) reads back with python-docx's comments API --------------------------------------


def test_one_comment_per_finding_authored_by_speclint(
    draft: Path, reviewed: tuple[Path, tuple[Finding, ...]]
) -> None:
    out, findings = reviewed
    expected = check_file(draft, DEFAULTS).findings
    assert findings == expected
    assert len(findings) >= 6
    comments = ours(out)
    assert len(comments) == len(findings)
    for comment, finding in zip(comments, findings, strict=True):
        assert comment.author == "speclint"
        assert comment.initials == "SL"
        assert comment.timestamp is not None
        lines = comment.text.split("\n")
        assert lines == [
            f"{finding.code} {finding.name}",
            norm(finding.message + finding.fold_note),
            f"Better: {norm(finding.suggestion)}",
        ]
        assert comment.text == comment_text(finding)
    # The reviewers' own comments are kept, unchanged.
    others = [c for c in docx.Document(str(out)).comments if c.author != AUTHOR]
    assert [(c.comment_id, c.author, c.text) for c in others] == [
        (0, "Jaya Patel", mk.SUPPRESS_TEXT),
        (1, "Sam Okafor", mk.REVIEW_NOTE),
    ]
    assert (AUTHOR, INITIALS) == ("speclint", "SL")


def test_comment_text_layout() -> None:
    finding = check_file(FIXTURES / "spec_review.docx", DEFAULTS).findings[0]
    text = comment_text(finding)
    assert text.startswith(f"{finding.code} {finding.name}\n")
    assert "\nBetter: " in text


# --- (c) each comment is anchored on the triggering sentence -----------------------------


def sentence_of(text: str, column: int | None) -> str:
    start = (column or 1) - 1
    for sentence in split_sentences(text):
        if start < sentence.end:
            return text[sentence.start : sentence.end]
    raise AssertionError(f"no sentence at {start} in {text!r}")


def test_each_comment_spans_the_triggering_sentence(
    reviewed: tuple[Path, tuple[Finding, ...]],
) -> None:
    out, findings = reviewed
    body = body_of(out)
    anchored = spans(body)
    for comment, finding in zip(ours(out), findings, strict=True):
        got = norm(anchored[comment.comment_id])
        if finding.location.table is not None:
            cell_text, _ = block_text_nodes(block_element(body, finding.location))
            assert got == norm(sentence_of(cell_text, finding.location.column)), finding.code
        else:
            # For a paragraph, the sentence the finding starts in: one of the sentences its
            # excerpt quotes (the others hold quoted words too).
            excerpt = finding.excerpt.replace(" … ", " ")
            quoted = [norm(excerpt[s.start : s.end]) for s in split_sentences(excerpt)]
            assert got in quoted, finding.code


def test_sentences_in_mid_paragraph_split_runs_and_keep_formatting(
    reviewed: tuple[Path, tuple[Finding, ...]],
) -> None:
    out, findings = reviewed
    body = body_of(out)
    anchored = spans(body)
    by_code = {(f.code, f.location.paragraph): c for c, f in zip(ours(out), findings, strict=True)}
    pbr = by_code[("PBR001", 3)]
    assert anchored[pbr.comment_id] == (
        "Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    )
    start = marker(body, "commentRangeStart", pbr.comment_id)
    end = marker(body, "commentRangeEnd", pbr.comment_id)
    first, last = start.getnext(), end.getprevious()
    assert run_text(first) == "Ten per cent of the "
    assert run_text(last) == " will be withheld until the KPI targets are met."
    paragraph = ancestor(start, "p")
    runs = [r for r in paragraph.iter(W + "r") if r.find(W + "t") is not None]
    texts = [run_text(r) for r in runs]
    assert texts == [
        "The Provider shall keep a record of every visit. ",
        "Ten per cent of the ",
        "monthly payment",
        " will be withheld until the KPI targets are met.",
        " Invoices are paid within 30 days.",
    ]
    bold = [
        r.find(W + "rPr") is not None and r.find(W + "rPr").find(W + "b") is not None for r in runs
    ]
    assert bold == [False, False, True, False, False]
    ovr = by_code[("OVR001", 4)]
    # The block text has a plain space where the draft has a non-breaking one.
    assert anchored[ovr.comment_id] == "Each home visit shall last no more than 15 minutes."


def test_a_typed_clause_number_is_left_out_of_the_anchor(tmp_path: Path) -> None:
    draft = tmp_path / "typed.docx"
    draft.write_bytes(
        mk.docx_bytes(
            mk.para("Payment", "Heading1")
            + mk.para(
                mk.run("5.2 Ten per cent of the monthly payment ")
                + mk.run("will be withheld until the KPI targets are met.", "<w:i/>")
            )
        )
    )
    out = tmp_path / "typed.reviewed.docx"
    (finding,) = annotate_docx(draft, out, settings=Settings(select=("PBR001",))).findings
    assert (finding.location.clause, finding.location.paragraph) == ("5.2", 2)
    (comment,) = ours(out)
    assert spans(body_of(out))[comment.comment_id] == (
        "Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    )


def test_the_comment_goes_where_the_span_says_not_where_the_excerpt_first_is(
    tmp_path: Path,
) -> None:
    # A sentence pasted twice: only the span tells which of the two was found.
    sentence = "The Provider will report waiting times to the Board each quarter."
    draft = tmp_path / "twice.docx"
    draft.write_bytes(
        mk.docx_bytes(mk.para("Reporting", "Heading1") + mk.para(mk.run(f"{sentence} {sentence}")))
    )
    second = len(sentence) + 1
    finding = synthetic(
        Location(path=str(draft), paragraph=2),
        second + 4,
        sentence,
        (second, second + len(sentence)),
    )
    out = tmp_path / "twice.reviewed.docx"
    annotate_docx(draft, out, findings=[finding])
    (comment,) = ours(out)
    body = body_of(out)
    start = marker(body, "commentRangeStart", comment.comment_id)
    before = "".join(run_text(r) for r in start.itersiblings(preceding=True) if r.tag == W + "r")
    assert before == f"{sentence} "
    assert spans(body)[comment.comment_id] == sentence


def control(content: str, tag: str) -> str:
    """A block-level content control (``w:sdt``) around ``content``."""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/></w:sdtPr>'
        f"<w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )


def test_a_sentence_in_two_content_controls_gets_a_comment_in_each(tmp_path: Path) -> None:
    # The paragraphs in content controls have no paragraph number, so only the
    # finding's span (its block) tells the two copies of the sentence apart.
    sentence = "Ten per cent of the monthly payment will be withheld until the targets are met."
    draft = tmp_path / "controls.docx"
    draft.write_bytes(
        mk.docx_bytes(
            mk.para("Payment", "Heading1")
            + control(mk.para(sentence), "Lot 1 terms")
            + mk.para("Lot 2", "Heading1")
            + control(mk.para(sentence), "Lot 2 terms")
        )
    )
    out = tmp_path / "controls.reviewed.docx"
    findings = annotate_docx(draft, out, settings=DEFAULTS).findings
    assert [f.code for f in findings] == ["PBR001", "PBR001"]
    assert all(f.location.paragraph is None and f.location.table is None for f in findings)
    assert findings[0].span is not None and findings[1].span is not None
    assert findings[0].span.block != findings[1].span.block
    body = body_of(out)
    controls = [c for c in body if c.tag == W + "sdt"]
    assert len(controls) == 2
    anchored = spans(body)
    comments = ours(out)
    assert len(comments) == 2
    for comment, where in zip(comments, controls, strict=True):
        for tag in ("commentRangeStart", "commentRangeEnd"):
            assert ancestor(marker(body, tag, comment.comment_id), "sdt") is where
        assert anchored[comment.comment_id] == sentence
    # Given only the finding on the second copy, the comment still goes on the second.
    again = tmp_path / "second.reviewed.docx"
    annotate_docx(draft, again, findings=[findings[1]])
    (comment,) = ours(again)
    body = body_of(again)
    second = [c for c in body if c.tag == W + "sdt"][1]
    assert ancestor(marker(body, "commentRangeStart", comment.comment_id), "sdt") is second


def test_the_reviewed_copy_reads_as_the_same_text(
    draft: Path, reviewed: tuple[Path, tuple[Finding, ...]]
) -> None:
    out, findings = reviewed
    # Same blocks, same text, same locations; speclint's own comments are not read back
    # (they would otherwise be linted as comment blocks).
    assert parse(out.read_bytes(), "x") == parse(draft.read_bytes(), "x")
    again = check_file(out, DEFAULTS).findings
    assert [(f.code, f.location.paragraph, f.location.table) for f in again] == [
        (f.code, f.location.paragraph, f.location.table) for f in findings
    ]


def test_rules_of_one_family_on_one_sentence_share_one_comment(
    reviewed: tuple[Path, tuple[Finding, ...]],
) -> None:
    out, findings = reviewed
    on_p6 = [(c, f) for c, f in zip(ours(out), findings, strict=True) if f.location.paragraph == 6]
    assert [(f.code, f.related) for _, f in on_p6] == [("OVR002", ("OVR003",))]
    assert "(also OVR003)" in on_p6[0][0].text


def test_several_findings_on_one_sentence_get_several_comments(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "separate.docx"
    findings = annotate_docx(draft, out, settings=Settings(group_related=False)).findings
    body = body_of(out)
    anchored = spans(body)
    on_p6 = [(c, f) for c, f in zip(ours(out), findings, strict=True) if f.location.paragraph == 6]
    assert sorted(f.code for _, f in on_p6) == ["OVR002", "OVR003"]
    for comment, _ in on_p6:
        assert anchored[comment.comment_id] == (
            "Staff shall follow the scripted assessment template without deviation."
        )
        # The sentence ends inside a tracked insertion: the range ends there too, but the
        # reference mark is outside it, so rejecting the insertion keeps the comment.
        assert ancestor(marker(body, "commentRangeEnd", comment.comment_id), "ins") is not None
        assert ancestor(marker(body, "commentReference", comment.comment_id), "ins") is None


def test_a_finding_in_a_content_control_is_anchored_there(
    reviewed: tuple[Path, tuple[Finding, ...]],
) -> None:
    out, findings = reviewed
    body = body_of(out)
    (pair,) = [(c, f) for c, f in zip(ours(out), findings, strict=True) if f.code == "PBR003"]
    comment, finding = pair
    assert finding.location.paragraph is None and finding.location.table is None
    start = marker(body, "commentRangeStart", comment.comment_id)
    assert ancestor(start, "sdt") is not None
    assert spans(body)[comment.comment_id].startswith("A bonus of as much as 1.5%")


# --- (d) table cells ----------------------------------------------------------------------


@pytest.mark.parametrize("make", ["spec_review", "spec_numbered"])
def test_a_finding_in_a_kpi_table_cell_is_anchored_in_that_cell(make: str, tmp_path: Path) -> None:
    source = tmp_path / f"{make}.docx"
    source.write_bytes(getattr(mk, make)())
    out = tmp_path / "out.docx"
    findings = annotate_docx(source, out, settings=DEFAULTS).findings
    body = body_of(out)
    in_tables = [
        (c, f) for c, f in zip(ours(out), findings, strict=True) if f.location.table is not None
    ]
    assert any(f.code == "PBR001" for _, f in in_tables)
    for comment, finding in in_tables:
        cell = block_element(body, finding.location)
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert ancestor(marker(body, tag, comment.comment_id), "tc") is cell, (tag, finding)


# --- every sentence of every block can carry a comment ---------------------------------


def synthetic(
    block_location: Location, start: int, excerpt: str, sentence: tuple[int, int] | None = None
) -> Finding:
    """A finding at character ``start`` of a block; with ``sentence``, a span as the engine sets."""
    span = None
    if sentence is not None:
        span = Span(
            block=0,
            sentence=TextRange(start=sentence[0], end=sentence[1]),
            trigger=TextRange(start=start, end=start),
        )
    return Finding(
        code="TST001",
        name="test-anchor",
        family="TST",
        principle="p",
        severity="info",  # type: ignore[arg-type]
        message="Anchored here.",
        location=block_location.model_copy(update={"column": start + 1}),
        excerpt=excerpt,
        suggestion="Nothing.",
        span=span,
    )


def every_sentence(path: Path) -> list[Finding]:
    """A synthetic finding in the middle of every sentence of every located block."""
    findings: list[Finding] = []
    for block in parse(path.read_bytes(), str(path)).blocks:
        loc = block.location
        if loc.paragraph is None and loc.table is None:
            continue
        if loc.paragraph == 43:  # text-box text: tested on its own below
            continue
        for sentence in split_sentences(block.text):
            middle = (sentence.start + sentence.end) // 2
            findings.append(
                synthetic(
                    loc,
                    middle,
                    block.text[sentence.start : sentence.end],
                    (sentence.start, sentence.end),
                )
            )
    return findings


@pytest.fixture
def every(numbered: Path, tmp_path: Path) -> tuple[Path, list[Finding]]:
    findings = every_sentence(numbered)
    out = tmp_path / "every.docx"
    assert annotate_docx(numbered, out, findings=findings).comments == len(findings)
    return out, findings


def test_every_sentence_of_the_numbered_spec_can_be_anchored(
    numbered: Path, every: tuple[Path, list[Finding]]
) -> None:
    """Fields, tracked changes, moves, hyperlinks, content controls, smart tags, notes."""
    out, findings = every
    assert len(findings) > 40
    anchored = spans(body_of(out))
    comments = ours(out)
    assert len(comments) == len(findings)
    for comment, finding in zip(comments, findings, strict=True):
        assert anchored[comment.comment_id] == finding.excerpt, finding.location
    assert parse(out.read_bytes(), "x") == parse(numbered.read_bytes(), "x")
    body = body_of(out)
    for tag in ("ins", "hyperlink", "sdt", "smartTag", "fldSimple", "moveTo"):
        for ref in body.iter(W + "commentReference"):
            assert ancestor(ref, tag) is None, tag


def test_text_only_in_a_text_box_anchors_on_the_box(numbered: Path, tmp_path: Path) -> None:
    block = next(b for b in parse(numbered.read_bytes(), "x").blocks if b.location.paragraph == 43)
    out = tmp_path / "box.docx"
    annotate_docx(numbered, out, findings=[synthetic(block.location, 5, block.text)])
    body = body_of(out)
    (comment,) = ours(out)
    start = marker(body, "commentRangeStart", comment.comment_id)
    end = marker(body, "commentRangeEnd", comment.comment_id)
    box_run = start.getnext()
    assert box_run is end.getprevious()
    assert (
        box_run.find(
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
        )
        is not None
    )
    assert ancestor(start, "txbxContent") is None


# --- document-level findings ------------------------------------------------------------


def test_a_document_level_finding_is_anchored_on_the_first_paragraph(
    draft: Path, tmp_path: Path
) -> None:
    whole = Finding(
        code="VOI005",
        name="voice-absent-from-document",
        family="VOI",
        principle="p",
        severity="warning",  # type: ignore[arg-type]
        message="No voice anywhere.",
        location=Location(path=str(draft)),
        excerpt="",
        suggestion="Involve people.",
    )
    out = tmp_path / "out.docx"
    result = annotate_docx(draft, out, findings=[whole, whole])
    assert result.comments == 2
    body = body_of(out)
    anchored = spans(body)
    comments = ours(out)
    assert len(comments) == 2
    for comment in comments:
        assert anchored[comment.comment_id] == mk.REVIEW_TITLE
        assert (
            comment.text
            == "VOI005 voice-absent-from-document\nNo voice anywhere.\nBetter: Involve people."
        )


# --- (e) LibreOffice opens it ------------------------------------------------------------


def _pdf_notes(pdf: Path) -> list[tuple[str, str]]:
    """(author line, text) of every text annotation (exported comment) in ``pdf``."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    def text(value: Any) -> str:
        if isinstance(value, bytes):
            if value.startswith(b"\xfe\xff"):
                return value[2:].decode("utf-16-be")
            return value.decode("latin-1")
        return str(value or "")

    notes: list[tuple[str, str]] = []
    with pdf.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            for ref in resolve1(page.annots) or []:
                annot = resolve1(ref)
                if getattr(annot.get("Subtype"), "name", None) == "Text":
                    notes.append((text(annot.get("T")), text(annot.get("Contents"))))
    return notes


def convert_with_libreoffice(docx_path: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Convert ``docx_path`` to PDF headless; return its exported comments (author, text)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if "CI" in os.environ:
            pytest.fail(
                "LibreOffice (soffice) is not on PATH but CI is set: .ci/run must install it"
            )
        pytest.skip("LibreOffice (soffice) is not installed")
    pdf_dir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    # Export the comments too, so the PDF shows LibreOffice read every one of them.
    pdf_filter = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            pdf_filter,
            "--outdir",
            str(pdf_dir),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = pdf_dir / (docx_path.stem + ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.exists(), f"no PDF written: {result.stdout} {result.stderr}"
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    return _pdf_notes(pdf)


def test_without_libreoffice_the_check_skips_locally_but_fails_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        convert_with_libreoffice(tmp_path / "x.docx", tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"\.ci/run must install it"):
        convert_with_libreoffice(tmp_path / "x.docx", tmp_path)


def test_libreoffice_opens_the_reviewed_copy(
    reviewed: tuple[Path, tuple[Finding, ...]], tmp_path: Path
) -> None:
    out, findings = reviewed
    notes = convert_with_libreoffice(out, tmp_path)
    mine = [text for author, text in notes if author.startswith("speclint")]
    # LibreOffice read every comment whole: code and name, message, Better advice.
    assert sorted(mine) == sorted(comment_text(f) for f in findings)


def test_libreoffice_opens_a_copy_with_comments_everywhere(
    every: tuple[Path, list[Finding]], tmp_path: Path
) -> None:
    out, findings = every
    notes = convert_with_libreoffice(out, tmp_path)
    mine = [text for author, text in notes if author.startswith("speclint")]
    assert len(mine) == len(findings)
    assert all(text.startswith("TST001 test-anchor") for text in mine)


# --- (f) the command line ---------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("speclint: error: ")
    return lines[0]


def test_cli_writes_the_default_output_beside_the_draft(draft: Path) -> None:
    expected = draft.with_name("draft.reviewed.docx")
    assert reviewed_path(draft) == expected
    count = len(check_file(draft, DEFAULTS).findings)
    code, out, err = run("annotate", str(draft))
    # Exit 0 once the copy is written, findings or not, so 'annotate x && ...' works.
    assert (code, err) == (0, "")
    assert out == f"Wrote {expected} with {count} comments.\n"
    assert len(ours(expected)) == count


def test_cli_refuses_to_overwrite_without_force(draft: Path) -> None:
    target = draft.with_name("draft.reviewed.docx")
    target.write_bytes(b"an earlier review")
    code, out, err = run("annotate", str(draft))
    assert code == 2 and out == ""
    assert one_error_line(err) == (
        f"speclint: error: {target}: already exists (use --force to replace it)"
    )
    assert target.read_bytes() == b"an earlier review"
    code, out, err = run("annotate", "--force", str(draft))
    assert code == 0 and err == ""
    assert out.startswith(f"Wrote {target} with ")
    assert len(ours(target)) > 0


def test_cli_refuses_to_write_over_the_draft(draft: Path) -> None:
    before = sha256(draft)
    for extra in ([], ["--force"]):
        code, out, err = run("annotate", str(draft), "-o", str(draft), *extra)
        assert code == 2 and out == ""
        assert "refusing to write the reviewed copy over the draft itself" in one_error_line(err)
    same = draft.parent / "." / draft.name
    code, _, err = run("annotate", str(draft), "-o", str(same), "--force")
    assert code == 2 and "refusing" in err
    assert sha256(draft) == before


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        (
            "notes.md",
            b"5.2 Ten per cent of the payment will be withheld.\n",
            "is not a Word .docx file",
        ),
        ("plain.docx", b"Just some text pretending to be Word.\n", "is not a Word .docx file"),
        ("empty.docx", b"", "the file is empty"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, name: str, data: bytes, cause: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run("annotate", str(path))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert line.startswith(f"speclint: error: {path}: {cause}")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_cli_missing_draft_and_bad_output(tmp_path: Path, draft: Path) -> None:
    code, _, err = run("annotate", str(tmp_path / "missing.docx"))
    assert code == 2 and one_error_line(err).endswith("missing.docx: no such file")
    code, _, err = run("annotate", str(draft), "-o", str(tmp_path / "review.pdf"))
    assert code == 2 and "must be a .docx file" in one_error_line(err)
    code, _, err = run("annotate", str(draft), "-o", str(tmp_path / "nowhere" / "x.docx"))
    assert code == 2 and "does not exist" in one_error_line(err)


def test_cli_custom_output_select_and_clean_exit(draft: Path, tmp_path: Path) -> None:
    target = tmp_path / "for-jaya.docx"
    code, out, _ = run(
        "annotate", str(draft), "-o", str(target), "--select", "RFL", "--fail-on", "warning"
    )
    assert (code, out) == (1, f"Wrote {target} with 1 comment.\n")
    assert [c.text.split()[0] for c in ours(target)] == ["RFL001"]
    code, out, _ = run("annotate", str(draft), "-o", str(target), "--force", "--select", "CMP")
    assert (code, out) == (0, f"Wrote {target} with 0 comments.\n")
    assert ours(target) == []
    code, _, _ = run(
        "annotate", str(draft), "-o", str(target), "--force", "--ignore", "OVR,PBR,OUT"
    )
    assert code == 0
    codes = [c.text.split()[0] for c in ours(target)]
    assert "RFL001" in codes
    assert not [code for code in codes if code.startswith(("OVR", "PBR", "OUT"))]


def test_cli_config_file_and_fail_level(draft: Path, tmp_path: Path) -> None:
    config = tmp_path / "speclint.toml"
    config.write_text('select = ["OVR001"]\nfail-on = "error"\n')
    target = tmp_path / "out.docx"
    code, out, _ = run("annotate", str(draft), "-o", str(target), "--config", str(config))
    # OVR001 is a warning: written with a finding; exit 0 without --fail-on.
    assert (code, out) == (0, f"Wrote {target} with 1 comment.\n")
    for level, expected in (("warning", 1), ("error", 0), ("info", 1)):
        code, out, _ = run(
            "annotate",
            str(draft),
            "-o",
            str(target),
            "--force",
            "--config",
            str(config),
            "--fail-on",
            level,
        )
        assert code == expected, level
    assert run("annotate", str(draft), "-o", str(target), "--fail-on", "loud")[0] == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('selekt = ["PBR"]\n')
    code, _, err = run("annotate", str(draft), "--config", str(bad))
    assert code == 2 and "unknown key 'selekt'" in one_error_line(err)


def test_cli_as_a_subprocess_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = subprocess.run(
        [sys.executable, "-m", "speclint", "annotate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"speclint: error: {path}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_help_lists_annotate(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("annotate", "--help")
    assert code == 0
    out = capsys.readouterr().out
    for option in ("-o OUT.docx", "--force", "--select CODES", "--ignore CODES", "--config FILE"):
        assert option in out


# --- the Python API: refusals and atomic writes ----------------------------------------


def test_api_refusals(draft: Path, tmp_path: Path) -> None:
    with pytest.raises(SpeclintError, match="over the draft itself"):
        annotate_docx(draft, draft, force=True)
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"keep me")
    with pytest.raises(SpeclintError, match="already exists"):
        annotate_docx(draft, existing)
    assert existing.read_bytes() == b"keep me"
    result = annotate_docx(draft, existing, force=True, settings=DEFAULTS)
    assert result.comments == len(ours(existing)) > 0
    with pytest.raises(InputError, match=r"is a pre-2007 Word \.doc file"):
        annotate_docx(FIXTURES / "legacy_word97.docx", tmp_path / "legacy.docx")
    assert not (tmp_path / "legacy.docx").exists()


def test_a_failed_write_leaves_nothing_behind(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speclint.annotate as annotate

    def broken(document: Any, finding: Finding, places: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(annotate, "_comment", broken)
    with pytest.raises(
        SpeclintError, match=r"could not write the reviewed copy \(RuntimeError: boom\)"
    ):
        annotate_docx(draft, tmp_path / "out.docx", settings=DEFAULTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]

    def refuse(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.undo()
    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SpeclintError, match="cannot write the reviewed copy"):
        annotate_docx(draft, tmp_path / "out.docx", settings=DEFAULTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


def test_an_internal_error_while_linting_is_one_line(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speclint.annotate as annotate

    def broken(document: object, settings: object = None) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(annotate, "check_document", broken)
    code, out, err = run("annotate", str(draft))
    assert code == 2 and out == ""
    assert "internal error (RuntimeError: boom)" in one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


# --- (g) silencing a finding from inside Word ------------------------------------------


def test_a_word_comment_silences_that_code_on_that_clause_only() -> None:
    findings = check_file(FIXTURES / "spec_review.docx", DEFAULTS).findings
    where = {(f.code, f.location.paragraph) for f in findings}
    assert ("PBR001", 4) not in where  # clause 1.2 carries "speclint: ignore PBR001 -- ..."
    assert ("OVR001", 4) in where  # other codes on that clause are still reported
    assert ("PBR001", 3) in where  # and PBR001 is still reported elsewhere
    assert any(f.code == "PBR001" and f.location.table is not None for f in findings)
    assert [f.location.clause for f in findings if f.location.paragraph == 4] == ["1.2"]


def test_without_the_word_comment_the_clause_is_flagged(tmp_path: Path) -> None:
    unsuppressed = mk.docx_bytes(
        mk.review_body(),
        numbering=mk.SPEC_NUMBERING,
        comments=mk.comments_xml(
            [
                (0, "Jaya Patel", "JP", "Is the 5% retention agreed?"),
                (1, "Sam Okafor", "SO", mk.REVIEW_NOTE),
            ]
        ),
        links=[("rIdLink1", "https://www.example.nhs.uk/workforce-plan")],
    )
    path = tmp_path / "unsuppressed.docx"
    path.write_bytes(unsuppressed)
    findings = check_file(path, DEFAULTS).findings
    assert ("PBR001", 4) in {(f.code, f.location.paragraph) for f in findings}


def test_the_reviewed_copy_has_no_comment_for_the_silenced_clause(
    reviewed: tuple[Path, tuple[Finding, ...]],
) -> None:
    out, _ = reviewed
    body = body_of(out)
    clause_12 = [c for c in body if c.tag == W + "p"][3]
    ids = {int(e.get(W + "id")) for e in clause_12.iter(W + "commentRangeStart")}
    texts = {c.comment_id: c.text for c in docx.Document(str(out)).comments}
    codes_here = sorted(texts[i].split()[0] for i in ids if not texts[i].startswith("speclint:"))
    assert codes_here == ["OVR001"]
    assert texts[0] == mk.SUPPRESS_TEXT


def test_a_reviewed_copy_is_not_reviewed_into_a_reviewed_reviewed_copy(draft: Path) -> None:
    assert run("annotate", str(draft))[0] == 0
    copy = draft.with_name("draft.reviewed.docx")
    before = sha256(copy)
    code, out, err = run("annotate", str(copy))
    assert code == 2 and out == ""
    assert one_error_line(err) == (
        f"speclint: error: {copy}: is already a reviewed copy; annotate its draft "
        f"({draft}) again, or name a new copy with -o"
    )
    assert not draft.with_name("draft.reviewed.reviewed.docx").exists()
    assert sha256(copy) == before
    # Named with -o, a reviewed copy is reviewed again: speclint's old comments are replaced.
    again = draft.with_name("second-look.docx")
    code, out, err = run("annotate", str(copy), "-o", str(again))
    assert code == 0 and err == ""
    assert len(ours(again)) == len(ours(copy))

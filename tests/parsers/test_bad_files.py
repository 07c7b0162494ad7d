"""Every kind of bad input, through the command line: one clear line, exit 2, others linted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from speclint.cli import main

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
GOOD = ROOT / "markdown" / "community-support-spec.md"

BAD = [
    ("pdf/truncated.pdf", "is corrupt or truncated ("),
    ("pdf/encrypted.pdf", "is encrypted (password-protected)"),
    ("pdf/scanned.pdf", "has no text layer: it looks scanned and needs OCR"),
    ("pdf/not_a_pdf.pdf", "is not a PDF (it looks like an HTML page)"),
    ("pdf/empty.pdf", "the file is empty"),
    ("docx/empty.docx", "the file is empty"),
    ("docx/plain_text.docx", "is not a Word .docx file (it looks like plain text)"),
    ("docx/no_document_xml.docx", "is not a Word .docx file (the zip has no word/document.xml)"),
    ("docx/encrypted.docx", "is password-protected (an encrypted Word file)"),
    ("docx/legacy_word97.docx", "is a pre-2007 Word .doc file"),
    ("docx/zip_bomb.docx", "refused as a possible zip bomb"),
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("name", "cause"), BAD, ids=[name for name, _ in BAD])
def test_bad_file_is_one_line_and_exit_2(name: str, cause: str) -> None:
    bad = ROOT / name
    before = bad.read_bytes()
    code, out, err = run("check", str(bad), str(GOOD))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"speclint: error: {bad}: {cause}")
    assert "Traceback" not in out + err
    assert "RFL001" in out  # the good file was still linted
    assert bad.read_bytes() == before  # never modified


def test_json_output_lists_every_error() -> None:
    paths = [str(ROOT / name) for name, _ in BAD]
    code, out, _ = run("check", "--format", "json", *paths, str(GOOD))
    data = json.loads(out)
    assert code == 2
    assert [e["path"] for e in data["errors"]] == paths
    assert data["summary"]["errors"] == len(BAD) and data["summary"]["files"] == len(BAD) + 1

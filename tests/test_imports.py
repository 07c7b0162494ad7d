"""Linting Markdown must not import the heavy Word and PDF libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SPEC = (
    Path(__file__).resolve().parent.parent / "fixtures" / "markdown" / "community-support-spec.md"
)


def test_markdown_does_not_import_pdf_or_word_libraries() -> None:
    code = (
        "import sys, speclint\n"
        f"speclint.check_paths([{str(SPEC)!r}])\n"
        "heavy = ('pdfplumber', 'pdfminer', 'pypdfium2', 'docx', 'lxml')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""

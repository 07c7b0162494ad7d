"""Document-like files speclint does not read, and what to do about each.

A folder of tender papers often holds a legacy ``.doc``, an ``.odt``, a pricing
spreadsheet or a slide deck beside the Word and PDF files. speclint cannot read them,
but leaving them out without a word would make "no findings in 3 files" look like a
clean pack. :func:`skip_reason` names such a file's kind and the fix: convert it with
LibreOffice, or (for plain-text formats) read it as text with ``--include``. Images,
archives, code and other files are not documents and are not reported.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from speclint.parsers import suffix_list

#: Suffix -> (what the file is, the format to convert it to with LibreOffice).
_CONVERT: dict[str, tuple[str, str]] = {
    ".doc": ("a legacy Word document", "docx"),
    ".dot": ("a legacy Word template", "docx"),
    ".rtf": ("a Rich Text document", "docx"),
    ".odt": ("an OpenDocument text", "docx"),
    ".ott": ("an OpenDocument text template", "docx"),
    ".fodt": ("a flat OpenDocument text", "docx"),
    ".wpd": ("a WordPerfect document", "docx"),
    ".wps": ("a Microsoft Works document", "docx"),
    ".pages": ("an Apple Pages document", "docx"),
    ".htm": ("a web page", "docx"),
    ".html": ("a web page", "docx"),
    ".xhtml": ("a web page", "docx"),
    ".xls": ("a legacy Excel spreadsheet", "pdf"),
    ".xlsx": ("an Excel spreadsheet", "pdf"),
    ".xlsm": ("a macro-enabled Excel spreadsheet", "pdf"),
    ".ods": ("an OpenDocument spreadsheet", "pdf"),
    ".numbers": ("an Apple Numbers spreadsheet", "pdf"),
    ".ppt": ("a legacy PowerPoint presentation", "pdf"),
    ".pptx": ("a PowerPoint presentation", "pdf"),
    ".odp": ("an OpenDocument presentation", "pdf"),
    ".key": ("an Apple Keynote presentation", "pdf"),
    ".epub": ("an e-book", "pdf"),
}

#: Plain-text formats that ``--include`` can read as text.
_TEXT: dict[str, str] = {
    ".csv": "a comma-separated table",
    ".tsv": "a tab-separated table",
    ".rst": "a reStructuredText document",
    ".adoc": "an AsciiDoc document",
    ".asciidoc": "an AsciiDoc document",
    ".org": "an Org document",
    ".tex": "a LaTeX document",
    ".text": "a plain-text document",
}

#: Every suffix reported as skipped.
DOCUMENT_SUFFIXES = frozenset(_CONVERT) | frozenset(_TEXT)

#: What speclint reads, for messages.
READS = suffix_list()
#: How the error line for a folder given with nothing to lint in it begins.
NOTHING_TO_LINT = "found no document to lint"
#: How the error line for a file left unlinted by a configuration error begins.
BAD_CONFIGURATION = "not checked because its configuration is invalid"


def skip_reason(path: str | Path) -> str | None:
    """Why speclint leaves ``path`` out and how to have it checked; ``None`` if not a document.

    The LibreOffice command is one to copy and paste: it names the file as given and
    writes the converted copy beside it.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in _CONVERT:
        kind, target = _CONVERT[suffix]
        folder = shlex.quote(str(file.parent))
        return (
            f"{kind} ({suffix}), which speclint does not read; convert it with LibreOffice: "
            f"soffice --headless --convert-to {target} --outdir {folder} {shlex.quote(str(file))}"
        )
    if suffix in _TEXT:
        return (
            f"{_TEXT[suffix]} ({suffix}), which speclint does not read by default; "
            f"to read it as plain text, add --include '*{suffix}'"
        )
    return None

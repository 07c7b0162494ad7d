"""The parser registry is the one list of input formats: everything else follows it.

The suffix map, the labels, the help texts, the ``InputFormat`` type, the JSON schema
enums and the pre-commit hook's file pattern must all name the formats
:data:`speclint.parsers.PARSERS` names; these tests fail, naming what is out of step,
when a format is added in one place and not another.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import get_args

import pytest

from speclint.cli import build_parser
from speclint.formatters._shared import TEXT_FORMATS
from speclint.formatters.html import render_html
from speclint.models import FileReport, InputFormat, Report
from speclint.parsers import (
    LABELS,
    PARSERS,
    SUFFIXES,
    ParserSpec,
    format_for,
    parser_for,
    suffix_list,
)
from speclint.skipping import DOCUMENT_SUFFIXES, READS

ROOT = Path(__file__).resolve().parents[2]
NAMES = [spec.format for spec in PARSERS]


def test_the_input_format_type_names_the_registered_formats() -> None:
    assert list(get_args(InputFormat)) == NAMES


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("report.schema.json", ("$defs", "file", "properties", "format", "enum")),
        ("outline.schema.json", ("$defs", "file", "properties", "format", "enum")),
    ],
)
def test_schema_enums_are_the_registered_formats(schema: str, path: tuple[str, ...]) -> None:
    node = json.loads((ROOT / "schemas" / schema).read_text("utf-8"))
    for key in path:
        node = node[key]
    assert node == NAMES, f"schemas/{schema}: the format enum is not the parser registry's"


def test_the_pre_commit_hook_matches_exactly_the_registered_suffixes() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    found = re.search(r"^\s*files:\s*'([^']*)'", hooks, re.MULTILINE)
    assert found is not None
    pattern = re.compile(found.group(1))
    for suffix in SUFFIXES:
        assert pattern.search(f"docs/spec{suffix}"), f"the hook misses {suffix}"
    for other in (".doc", ".odt", ".rtf", ".xlsx", ".html", ".docx.bak", ".mdx"):
        assert not pattern.search(f"docs/spec{other}"), f"the hook takes {other}"


def test_suffixes_labels_and_file_lines_come_from_the_table() -> None:
    assert SUFFIXES == {
        ".md": "md",
        ".markdown": "md",
        ".txt": "txt",
        ".docx": "docx",
        ".docm": "docx",
        ".dotx": "docx",
        ".dotm": "docx",
        ".pdf": "pdf",
    }
    assert format_for("Spec.MARKDOWN") == "md"
    assert format_for("notes.rst") is None
    assert {spec.format: spec.label for spec in PARSERS} == LABELS
    assert TEXT_FORMATS == {spec.format for spec in PARSERS if spec.file_lines} == {"md", "txt"}


def test_no_registered_suffix_is_also_reported_as_unread() -> None:
    assert not set(SUFFIXES) & DOCUMENT_SUFFIXES


@pytest.mark.parametrize("spec", PARSERS, ids=NAMES)
def test_each_parser_module_exposes_parse(spec: ParserSpec) -> None:
    module = importlib.import_module(spec.module)
    assert parser_for(spec.format) is module.parse


def test_help_and_messages_list_every_suffix() -> None:
    assert suffix_list() == ".md, .markdown, .txt, .docx, .docm, .dotx, .dotm and .pdf"
    assert suffix_list("or") == ".md, .markdown, .txt, .docx, .docm, .dotx, .dotm or .pdf"
    assert suffix_list() == READS
    text = " ".join(build_parser().format_help().split())  # as wrapped to any width
    assert suffix_list("") in text


def test_the_html_report_labels_each_format_as_the_table_does() -> None:
    report = Report(files=tuple(FileReport(path=f"spec-{name}", format=name) for name in NAMES))
    page = render_html(report)
    for spec in PARSERS:
        assert f"<td>{spec.label}</td>" in page


_MAIN_TYPES = {
    ".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ".dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


def _word_package(suffix: str) -> bytes:
    """A small Word draft saved as ``suffix``: its main part's content type says which kind.

    A macro-enabled file also carries a (harmless, never run) ``word/vbaProject.bin``.
    """
    import io
    import zipfile

    import docx

    draft = docx.Document()
    draft.add_heading("Schedule 2 – Payment", level=1)
    draft.add_paragraph(
        "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    )
    saved = io.BytesIO()
    draft.save(saved)
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(main.encode(), _MAIN_TYPES[suffix].encode())
            target.writestr(info, data)
        if suffix.endswith("m"):
            target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real macro project")
    return out.getvalue()


@pytest.mark.parametrize("suffix", list(_MAIN_TYPES))
def test_macro_enabled_documents_and_templates_are_read_as_word(
    suffix: str, tmp_path: Path
) -> None:
    import speclint

    assert format_for(f"Spec{suffix.upper()}") == "docx"
    assert suffix not in DOCUMENT_SUFFIXES  # no longer reported as not checked
    path = tmp_path / f"payment{suffix}"
    path.write_bytes(_word_package(suffix))
    report = speclint.check_paths([tmp_path])
    assert not report.errors and not report.skipped
    (file,) = report.files
    assert file.format == "docx" and file.path.endswith(path.name)
    assert [f.code for f in file.findings] == ["PBR001"]
    assert file.findings[0].location.paragraph == 2

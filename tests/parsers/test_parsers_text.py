"""Plain text and Markdown: decoding, blocks, positions and bad input."""

from __future__ import annotations

import pytest

from speclint.errors import InputError
from speclint.parsers import parse_bytes, parse_path
from speclint.parsers.markdown import parse_markdown

CLAUSE = "4.2 Supervision is delivered within existing resources – the Provider’s cost.\n"


@pytest.mark.parametrize(
    "data",
    [
        CLAUSE.encode("utf-8"),
        b"\xef\xbb\xbf" + CLAUSE.encode("utf-8"),
        CLAUSE.encode("cp1252"),
        CLAUSE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "utf-16-bom"],
)
def test_encodings_are_read_correctly(data: bytes) -> None:
    document = parse_bytes(data, "spec.txt", "txt")
    assert document.blocks[0].text == CLAUSE.strip()
    assert document.blocks[0].location.column == 1


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "the file is empty"),
        (b"PK\x03\x04\x00\x00binary", "binary file (a zip archive"),
        (b"%PDF-1.7\x00\x00", "binary file (a PDF)"),
        (b"\x00\x01\x02\x03", "is a binary file, not text"),
    ],
)
def test_bad_text_input_is_one_clear_error(data: bytes, cause: str) -> None:
    with pytest.raises(InputError) as info:
        parse_bytes(data, "spec.md", "md")
    assert cause in info.value.cause
    assert str(info.value).startswith("spec.md: ")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_path("does/not/exist.md")


def test_text_blocks_split_at_clause_numbers_and_blank_lines() -> None:
    text = "1. Scope\n1.1 First clause\ncontinues here.\n\n  Indented paragraph.\r\n(a) item\n"
    document = parse_bytes(text.encode(), "s.txt", "txt")
    assert [b.text for b in document.blocks] == [
        "1. Scope",
        "1.1 First clause\ncontinues here.",
        "Indented paragraph.",
        "(a) item",
    ]
    block = document.blocks[2]
    assert (block.location.line, block.location.column) == (5, 3)
    assert [a.line for a in document.blocks[1].anchors] == [2, 3]


def test_markdown_blocks() -> None:
    source = (
        "# Title\n\n<!-- speclint: ignore PBR001 -- agreed -->\n2.1 Clause *one*\nwraps.\n\n"
        "- bullet item\n\n> Quoted guidance.\n\n```\ncode is skipped\n```\n"
    )
    document = parse_markdown(source, "s.md")
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert kinds == [
        ("heading", "Title"),
        ("paragraph", "2.1 Clause  one \nwraps."),
        ("list_item", "bullet item"),
        ("quote", "Quoted guidance."),
    ]
    assert document.blocks[1].comments == ("speclint: ignore PBR001 -- agreed",)
    assert document.blocks[2].location.column == 3
    assert document.blocks[3].location.column == 3

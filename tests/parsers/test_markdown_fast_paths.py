"""The Markdown parser's short cuts give what the long way gives.

Blocks are built without validation, and must equal validated ones: each block, its
location and its anchors are rebuilt through the models' validation from their dumped
values and compared field by field, on every Markdown fixture and on drafts written
here to reach every kind of block, a table wider than a header may be, and directives
in comments. markdown-it's inline parse runs only on paragraphs
that may hold inline HTML, and must find the same comments as a full parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_blocks_equal_validated

from speclint.models import MAX_HEADER_COLUMNS
from speclint.parsers.markdown import _inline_html, _markdown, parse

ROOT = Path(__file__).resolve().parents[2]

DRAFT = """\
# Schedule 2: Service Specification

## 1. Scope

1.1 The service supports adults with a learning disability living in their own homes.
1.2 The Provider shall agree each **support plan** with the person and their family,
    reviewing it at least every *six months*.

<!-- speclint: ignore PBR001 -->
### 2. Payment

- Payment is made monthly in arrears.
- A block payment covers:
  1. core hours of support;
  2. on-call cover at night.

> Commissioners have heard from carers that short visits leave no time to talk.

| Year | Contract value | Minimum caseload |
|---|---|---|
| Year 1 | £2.4m | 900 clients |
| Year 2 | £2.3m | 960 clients |

Setext heading for outcomes
---------------------------

The Provider will report quarterly `KPI 3` figures. <!-- speclint: ignore OVR002 -->
See the [outcomes framework][of] and <https://example.org/outcomes>; a score < 3 <b>fails</b>.

[of]: https://example.org/framework "Outcomes framework"
"""

WIDE = "| " + " | ".join(f"Lot {n}" for n in range(MAX_HEADER_COLUMNS + 6)) + " |\n"
WIDE += "|" + "---|" * (MAX_HEADER_COLUMNS + 6) + "\n"
WIDE += "| " + " | ".join(f"£{n},000" for n in range(MAX_HEADER_COLUMNS + 6)) + " |\n"


def _documents() -> list[tuple[str, bytes]]:
    found = [
        (str(path.relative_to(ROOT)), path.read_bytes())
        for path in sorted((ROOT / "fixtures").rglob("*.md"))
    ]
    return [*found, ("draft.md", DRAFT.encode()), ("wide.md", WIDE.encode())]


DOCUMENTS = _documents()


@pytest.mark.parametrize(("name", "data"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_blocks_equal_validated_blocks(name: str, data: bytes) -> None:
    assert_blocks_equal_validated(parse(data, name))


def test_the_draft_reaches_every_kind_and_a_directive() -> None:
    blocks = parse(DRAFT.encode(), "draft.md").blocks
    kinds = {block.kind for block in blocks}
    assert {"heading", "paragraph", "list_item", "quote", "table_cell"} <= kinds
    assert any(block.comments for block in blocks)


def test_a_wide_table_header_is_cut_as_the_model_cuts_it() -> None:
    blocks = parse(WIDE.encode(), "wide.md").blocks
    data = [b for b in blocks if b.kind == "table_cell" and b.header is not None]
    assert len(data) == MAX_HEADER_COLUMNS + 6
    assert all(b.header is not None and len(b.header) == MAX_HEADER_COLUMNS for b in data)


def test_inline_html_is_found_as_a_full_parse_finds_it() -> None:
    from markdown_it import MarkdownIt

    full = MarkdownIt("commonmark").enable("table")
    compared = 0
    for _, data in DOCUMENTS:
        source = data.decode("utf-8")
        expected = [
            [c.content for c in (tok.children or []) if c.type == "html_inline"]
            for tok in full.parse(source)
            if tok.type == "inline"
        ]
        env: dict[str, object] = {}
        tokens = _markdown().parse(source, env)
        got = [[c.content for c in _inline_html(t, env)] for t in tokens if t.type == "inline"]
        assert got == expected
        compared += sum(map(len, got))
    assert compared >= 3


def test_an_inline_comment_in_a_paragraph_is_a_directive() -> None:
    blocks = parse(DRAFT.encode(), "draft.md").blocks
    (block,) = [b for b in blocks if "KPI 3" in b.text]
    assert block.comments == ("speclint: ignore OVR002",)


INLINE_TEXTS = [
    "The Provider shall report monthly.",
    "The **Provider** shall report _monthly_.",
    "Escaped \\* star and a trailing backslash \\",
    "A line break<br/>and <BR > again",
    'See [the framework](https://example.org/x "title") now.',
    "A `code span` and <!-- speclint: ignore PBR001 --> a comment.",
    "snake_case_name stays, as does 2*3*4.",
    "Square ] bracket and ( paren ) only.",
    "Report _monthly_ to the board.",
    "Backslash \\ alone.",
    "A ` lone backtick.",
    "Empty link text [](x) here.",
]


def test_text_without_markup_characters_is_cleaned_as_the_long_way_cleans_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from speclint.parsers import markdown

    lines = list(INLINE_TEXTS)
    for _, data in DOCUMENTS:
        lines += data.decode("utf-8").splitlines()
    corpus = ROOT.parent / "shared" / "corpus"
    for path in sorted(corpus.glob("*.jsonl")):
        lines += path.read_text(encoding="utf-8").splitlines()
    quick = [markdown.clean_inline(line) for line in lines]
    monkeypatch.setattr(markdown, "_MARKUP_CHAR", re.compile(""))  # always the long way
    assert quick == [markdown.clean_inline(line) for line in lines]
    assert any(cleaned != line for (cleaned, _), line in zip(quick, lines, strict=True))

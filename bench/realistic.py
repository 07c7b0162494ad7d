"""Inputs built from realistic text: the labelled sentences of ``../shared/corpus/``.

The bland fixtures rarely trigger a rule, which flatters speclint. These helpers build
specifications whose clauses are the corpus sentences (anti-patterns, near-misses and
clean clauses alike, in a fixed shuffled order), so rules fire as they do on real
drafts. The text is read at run time and never copied into the repository. Each
function returns ``None`` when the corpus is absent, and the benches skip those rows.
"""

from __future__ import annotations

import json
import random
import re
from functools import lru_cache

from common import ROOT, load_generator

CORPUS = ROOT.parent / "shared" / "corpus"

#: The floor for Markdown and text: one compiled alternation of the words the rules are
#: about, found anywhere in the file. Nothing can lint faster than finding its keywords.
KEYWORDS = re.compile(
    r"\b(?:withh[eo]ld\w*|penalt\w*|target\w*|KPI\w*|existing (?:resources|budget)|"
    r"supervis\w*|reflective|within the (?:contract|financial) \w+|no additional|"
    r"at no (?:extra|additional) cost|payment by results|outcome\w*|tariff\w*|"
    r"weighting\w*|price|quality|minutes|must|shall|volume\w*|efficienc\w*|"
    r"service users?|co-?produc\w*|carers?|months?|years?|sanction\w*|deduct\w*|"
    r"incentive\w*|bonus\w*|per cent|%|£\d[\d,]*)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...] | None:
    """Every labelled sentence of the corpus files, shuffled with a fixed seed."""
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        return None
    found = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["text"].strip())
    random.Random(18).shuffle(found)
    return tuple(found)


def _clauses(count: int, start: int = 0) -> list[str]:
    pool = sentences() or ()
    return [pool[(start + i) % len(pool)] for i in range(count)]


def markdown_spec(words: int, seed: int = 0) -> str | None:
    """A Markdown specification of about ``words`` words: sections of numbered clauses."""
    if sentences() is None:
        return None
    lines = ["# Schedule 2 – Service Specification", ""]
    total, section, clause = 0, 0, 0
    offset = seed * 37
    while total < words:
        if clause % 12 == 0:
            section += 1
            lines += [f"## {section}. Service requirements, part {section}", ""]
        (text,) = _clauses(1, offset + clause)
        clause += 1
        lines += [f"{section}.{clause % 12 + 1} {text}", ""]
        total += len(text.split())
    return "\n".join(lines)


def docx_spec(paragraphs: int) -> bytes | None:
    """A Word specification of ``paragraphs`` numbered clauses of corpus text."""
    if sentences() is None:
        return None
    make = load_generator("docx")
    parts = [make.para("Service specification", "Title")]
    for i, text in enumerate(_clauses(paragraphs)):
        if i % 40 == 0:
            parts.append(make.para(f"Service requirements, part {i // 40 + 1}", "Heading1"))
        parts.append(make.clause(make.run(text), (1, 2, 2, 3, 3, 1, 2)[i % 7]))
    return bytes(
        make.docx_bytes("".join(parts), numbering=make.SPEC_NUMBERING, title="Realistic spec")
    )


def pdf_spec(pages: int) -> bytes | None:
    """A PDF specification of about ``pages`` pages of numbered corpus clauses."""
    if sentences() is None:
        return None
    make = load_generator("pdf")
    per_page = 17  # numbered clauses of corpus length on one A4 page, with headings
    elements: list[object] = [make.Heading(1, "Service specification")]
    for i, text in enumerate(_clauses(pages * per_page)):
        section = i // 12 + 1
        if i % 12 == 0:
            elements.append(make.Heading(2, f"{section} Service requirements, part {section}"))
        elements.append(make.Para(text, number=f"{section}.{i % 12 + 1}"))
    data, _layout = make.build_spec(elements, "Realistic specification")
    return bytes(data)

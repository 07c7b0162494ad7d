"""``speclint outline``: the units the rules read, as text for a person or as JSON.

The JSON shape is described by ``schemas/outline.schema.json``::

    {"version": "1", "tool": {...},
     "files": [{"path", "format", "units": [{"clause", "section", "location", "text",
                                            "kind", "words", "lead_in"}],
                "tree": [{"clause", "heading", "kind", "location", "words", "children"}]}],
     "errors": [{"path", "message"}]}

``tree`` is present only when the clause tree was asked for (``outline --tree``).
"""

from __future__ import annotations

import json
from typing import Any

from speclint.formatters._shared import describe_location, plural
from speclint.models import FileOutline, OutlineNode, OutlineReport, OutlineUnit
from speclint.terminal import visible
from speclint.version import __version__

#: Bump when the shape changes in a way that breaks readers.
SCHEMA_VERSION = "1"
_FIRST_WORDS = 12


def unit_dict(unit: OutlineUnit) -> dict[str, Any]:
    """One unit as the JSON contract lays it out."""
    return {
        "clause": unit.clause,
        "section": list(unit.section),
        "location": unit.location.model_dump(mode="json", exclude={"clause", "section"}),
        "text": unit.text,
        "kind": unit.kind,
        "words": unit.words,
        "lead_in": unit.lead_in,
    }


def node_dict(node: OutlineNode) -> dict[str, Any]:
    """One clause of the tree, with the clauses under it, as the JSON contract lays it out."""
    return {
        "clause": node.clause,
        "heading": node.heading,
        "kind": node.kind,
        "location": node.location.model_dump(mode="json", exclude={"clause", "section"}),
        "words": node.words,
        "children": [node_dict(child) for child in node.children],
    }


def _file_dict(file: FileOutline) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": file.path,
        "format": file.format,
        "units": [unit_dict(u) for u in file.units],
    }
    if file.tree is not None:
        data["tree"] = [node_dict(node) for node in file.tree]
    return data


def render_json(report: OutlineReport) -> str:
    """The outline as indented JSON (UTF-8, not ASCII-escaped)."""
    data = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "speclint", "version": __version__},
        "files": [_file_dict(f) for f in report.files],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _first_words(unit: OutlineUnit | OutlineNode) -> str:
    own = unit.text[unit.lead_in :].split() if unit.lead_in else unit.text.split()
    lead = "[…:] " if unit.lead_in else ""
    words = " ".join(own[:_FIRST_WORDS])
    return lead + words + (" …" if len(own) > _FIRST_WORDS else "")


def render_text(report: OutlineReport) -> str:
    """One block per file: the heading path where it changes, then a line per unit.

    Each unit line gives its clause number, where it is, its length and its first
    words; ``[…:]`` marks a list item read with the sentence that introduces its list.
    """
    lines: list[str] = []
    for file in report.files:
        if file.tree is not None:
            lines += _tree_lines(file)
            continue
        lines.append(f"{visible(file.path)} ({plural(len(file.units), 'unit')})")
        places = [
            describe_location(u.location, clause=False, whole_document="") or "" for u in file.units
        ]
        clause_width = max((len(u.clause or "-") for u in file.units), default=1)
        place_width = min(24, max((len(p) for p in places), default=1))
        section: tuple[str, ...] | None = None
        for unit, where in zip(file.units, places, strict=True):
            if unit.section != section:
                section = unit.section
                heading = visible(" > ".join(section)) if section else "(no heading)"
                lines.append(f"  § {heading}")
            clause = unit.clause or "-"
            lines.append(
                f"    {visible(clause):<{clause_width}}  {where:<{place_width}}  {unit.words:>4}w  "
                f"{visible(_first_words(unit))}"
            )
        lines.append("")
    if not report.files:
        lines.append("No document was outlined.")
        return "\n".join(lines) + "\n"
    longest = max((u.words for f in report.files for u in f.units), default=0)
    units = sum(len(f.units) for f in report.files)
    lines.append(
        f"{plural(units, 'unit')} in {plural(len(report.files), 'file')}; "
        f"the longest has {plural(longest, 'word')}."
    )
    return "\n".join(lines) + "\n"


def _walk(nodes: tuple[OutlineNode, ...]) -> list[tuple[int, OutlineNode]]:
    """Every node with its depth, in document order (a stack, not recursion)."""
    out: list[tuple[int, OutlineNode]] = []
    stack = [(0, node) for node in reversed(nodes)]
    while stack:
        depth, node = stack.pop()
        out.append((depth, node))
        stack.extend((depth + 1, child) for child in reversed(node.children))
    return out


def _tree_lines(file: FileOutline) -> list[str]:
    """The clause tree of one file: each clause indented under the clause that holds it.

    A clause line gives its number, where it is, its length and its title or first
    words, so a reader can see why a finding's clause number reads as it does.
    """
    nodes = _walk(file.tree or ())
    lines = [f"{visible(file.path)} ({plural(len(nodes), 'clause')} in the tree)"]
    places = [
        describe_location(n.location, clause=False, whole_document="") or "" for _, n in nodes
    ]
    width = max((2 * d + len(n.clause or "-") for d, n in nodes), default=1)
    place_width = min(24, max((len(p) for p in places), default=1))
    for (depth, node), where in zip(nodes, places, strict=True):
        number = "  " * depth + visible(node.clause or "-")
        title = f"§ {node.heading}" if node.heading else ""
        words = _first_words(node) if node.text else ""
        about = " — ".join(part for part in (title, words) if part)
        lines.append(
            f"  {number:<{width}}  {where:<{place_width}}  {node.words:>4}w  {visible(about)}"
        )
    lines.append("")
    return lines

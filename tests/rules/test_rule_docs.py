"""The committed rule pages under docs/rules/ match the packs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_rule_pages_are_current() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    wanted = module.pages()
    folder = ROOT / "docs" / "rules"
    committed = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert committed == wanted, "docs/rules is stale: run python scripts/gen_rule_docs.py"


def test_terminal_docs_break_lines_only_between_words() -> None:
    """``speclint rule CODE`` never breaks at a hyphen or inside an inline code span."""
    from speclint.docs import render_rule
    from speclint.rules import all_rules

    for rule in all_rules():
        for width in (60, 88):
            for line in render_rule(rule, width).splitlines():
                assert line.count("`") % 2 == 0, (rule.code, width, line)
                assert not (line.endswith("-") and line[-2:-1].isalnum()), (rule.code, line)
    spl002 = render_rule(next(r for r in all_rules() if r.code == "SPL002"))
    assert "`fail-on`" in spl002 and '`SPL002 = "warning"`' in spl002

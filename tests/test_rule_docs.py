"""The committed rule pages under docs/rules/ match the packs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rule_pages_are_current() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    wanted = module.pages()
    folder = ROOT / "docs" / "rules"
    committed = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert committed == wanted, "docs/rules is stale: run python scripts/gen_rule_docs.py"

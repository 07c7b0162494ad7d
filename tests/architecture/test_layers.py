"""speclint's layers only look down, and no module imports itself round a circle.

The import graph is read statically (``ast`` over every module of ``speclint/``), in the
spirit of import-linter: every ``import`` and ``from ... import`` counts, including
those inside functions, under ``TYPE_CHECKING`` and relative ones. A module may import
modules of its own layer or of a layer below; a failure names the import (module,
line, target) and both layers. A circle counts the imports that run (at the top of a
module or inside a function), not those under ``TYPE_CHECKING``, which name types only.
``CONTRIBUTING.md`` shows the same table. Imports by computed name
(``importlib.import_module``) are not seen: the formatters and the checks use them only
within their own package.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "speclint"

#: Bottom to top. ``name`` is one module, ``name.*`` a package and everything in it; the
#: most specific entry places a module.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",  # no speclint imports at all: shared by every layer
        (
            "speclint.version",
            "speclint.errors",
            "speclint.paths",
            "speclint.atomic",
            "speclint.signing",
            "speclint.terminal",
            "speclint.workers",
            "speclint.principles",
            "speclint.lazy_re",
            "speclint.lifetime",
            "speclint.substrings",
            "speclint._scan",  # compiled (speclint/_scan.c): tokeniser loop, substring screen
        ),
    ),
    ("models", ("speclint.models", "speclint.contract")),
    # The clause-label grammar: parsers read it to find headings in plain text, and
    # structure to cut clauses, so it sits below both.
    ("labels", ("speclint.structure.labels",)),
    # Which files are read, and why others are not, follows the parser table.
    ("parsers", ("speclint.parsers.*", "speclint.skipping")),
    ("structure", ("speclint.structure.*",)),
    ("query", ("speclint.query.*",)),
    ("rules", ("speclint.rules.*", "speclint.registry", "speclint.docs")),
    # Settings say which rules run, how severe they are and where: the engine's input.
    ("engine", ("speclint.engine.*", "speclint.config")),
    (
        "api",
        (
            "speclint.api",
            "speclint.baseline",
            "speclint.results_cache",
            "speclint.walking",
            "speclint.fanout",
        ),
    ),
    ("output", ("speclint.formatters.*", "speclint.annotate", "speclint.serve.*")),
    (
        "cli",
        (
            "speclint",
            "speclint.cli",
            "speclint.__main__",
            "speclint.progress",
            "speclint.regex_cache",
        ),
    ),
)

#: Imports allowed to look up, each with its reason. An entry that no longer matches an
#: import fails the test, so the list only shrinks.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    """One import: ``module`` imports ``target`` at ``line``.

    ``typing_only`` when it is written under ``if TYPE_CHECKING:`` and so never runs.
    """

    module: str
    target: str
    line: int
    typing_only: bool = False

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root``, by dotted name.

    A compiled module counts by its type stub (``_scan.pyi`` beside ``_scan.c``), which
    imports nothing of speclint, as the C source does not.
    """
    found = {}
    stubs = [f for f in root.rglob("*.pyi") if not f.with_suffix(".py").exists()]
    for file in sorted([*root.rglob("*.py"), *stubs]):
        parts = list(file.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = file
    return found


def _statements(tree: ast.AST) -> list[tuple[ast.stmt, bool]]:
    """Every import statement in ``tree``, and whether it sits under ``if TYPE_CHECKING:``."""
    found: list[tuple[ast.stmt, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append((node, typing_only))
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    return found


def import_graph(root: Path) -> list[Import]:
    """Every import of one ``speclint`` module by another, wherever it is written."""
    known = modules(root)

    def resolve(name: str) -> str:
        while name not in known and "." in name:
            name = name.rpartition(".")[0]
        return name

    edges: dict[tuple[str, str, int], Import] = {}
    for module, file in known.items():
        package = module if file.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(file.read_text("utf-8"), str(file))
        for node, typing_only in _statements(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # ``from pkg import mod`` imports the module; ``from mod import name`` the module.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            for target in targets:
                if target == "speclint" or target.startswith("speclint."):
                    resolved = resolve(target)
                    if resolved != module:
                        key = (module, resolved, node.lineno)
                        edges[key] = Import(module, resolved, node.lineno, typing_only)
    return list(edges.values())


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of ``module``'s layer (the most specific entry wins)."""
    best: tuple[int, int] | None = None
    for index, (_, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            package = pattern.removesuffix(".*")
            exact = module == package
            inside = pattern.endswith(".*") and module.startswith(package + ".")
            if (exact or inside) and (best is None or len(package) > best[0]):
                best = (len(package), index)
    return None if best is None else best[1]


def upward_imports(edges: list[Import]) -> list[str]:
    """Each import of a higher layer, described; allowed ones left out."""
    problems = []
    for edge in edges:
        if (edge.module, edge.target) in ALLOWED:
            continue
        low, high = layer_of(edge.module), layer_of(edge.target)
        if low is not None and high is not None and high > low:
            problems.append(
                f"{edge}: layer '{LAYERS[low][0]}' may not import layer '{LAYERS[high][0]}'"
            )
    return problems


def cycles(edges: list[Import]) -> list[str]:
    """Each circle of imports (a strongly connected group of modules), described.

    Imports that run count, at the top of a module or inside a function; those under
    ``if TYPE_CHECKING:`` name types only and never run, so they close no circle.
    """
    graph: dict[str, set[str]] = {}
    lines: dict[tuple[str, str], int] = {}
    for edge in edges:
        if (edge.module, edge.target) not in ALLOWED and not edge.typing_only:
            graph.setdefault(edge.module, set()).add(edge.target)
            lines.setdefault((edge.module, edge.target), edge.line)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    out = []
    for group in groups:
        inside = [
            f"{a} (line {lines[a, b]}) -> {b}"
            for a in group
            for b in sorted(graph.get(a, ()))
            if b in group
        ]
        out.append("import circle: " + "; ".join(inside))
    return out


EDGES = import_graph(ROOT)


def test_every_module_has_a_layer() -> None:
    assert [m for m in modules(ROOT) if layer_of(m) is None] == []


def test_layers_only_look_down() -> None:
    assert upward_imports(EDGES) == []


def test_no_import_circle() -> None:
    assert cycles(EDGES) == []


def test_every_allowed_upward_import_is_still_needed() -> None:
    present = {(e.module, e.target) for e in EDGES}
    assert [pair for pair in ALLOWED if pair not in present] == []


def test_nothing_below_the_api_imports_the_package_itself() -> None:
    api = next(i for i, (name, _) in enumerate(LAYERS) if name == "api")
    below = [
        str(e)
        for e in EDGES
        if e.target == "speclint"
        and (e.module, e.target) not in ALLOWED
        and (layer_of(e.module) or 0) <= api
    ]
    assert below == []


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of ``speclint/`` whose query layer imports the engine inside a function."""
    copy = tmp_path / "speclint"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    target = copy / "query" / "prefilter.py"
    source = target.read_text("utf-8")
    target.write_text(
        source + "\n\ndef _planted() -> None:\n    from speclint.engine import Engine  # noqa\n",
        "utf-8",
    )
    return copy


def test_a_planted_upward_import_is_named(planted: Path) -> None:
    edges = import_graph(planted)
    line = len((planted / "query" / "prefilter.py").read_text("utf-8").splitlines())
    expected = (
        f"speclint.query.prefilter (line {line}) imports speclint.engine: "
        "layer 'query' may not import layer 'engine'"
    )
    assert set(upward_imports(edges)) - set(upward_imports(EDGES)) == {expected}
    # The engine imports the pre-filter, so the planted import also closes a circle.
    (circle,) = set(cycles(edges)) - set(cycles(EDGES))
    assert f"speclint.query.prefilter (line {line}) -> speclint.engine" in circle


def test_relative_and_parent_imports_are_resolved(tmp_path: Path) -> None:
    package = tmp_path / "speclint"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("")
    (package / "rules" / "__init__.py").write_text("from .. import models\n")
    (package / "rules" / "schema.py").write_text(
        "def f():\n    from . import other\n    from ..cli import main\n"
    )
    (package / "rules" / "other.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import speclint.rules.schema\n"
    )
    (package / "cli.py").write_text("")
    edges = {(e.module, e.target, e.line, e.typing_only) for e in import_graph(package)}
    assert edges == {
        ("speclint.rules", "speclint.models", 1, False),
        ("speclint.rules.schema", "speclint.rules.other", 2, False),
        ("speclint.rules.schema", "speclint.cli", 3, False),
        ("speclint.rules.other", "speclint.rules.schema", 3, True),
    }
    # schema and other name each other, but other's import never runs: no circle.
    assert cycles(import_graph(package)) == []

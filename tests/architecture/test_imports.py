"""Linting Markdown must not import the heavy Word and PDF libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SPEC = Path(__file__).resolve().parents[2] / "fixtures" / "markdown" / "community-support-spec.md"
HEAVY = {"pdfplumber", "pdfminer", "pypdfium2", "docx", "lxml", "playwright"}


def modules_after(code: str) -> set[str]:
    """Every module a fresh interpreter has loaded after running ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(f"import speclint\nspeclint.check_paths([{str(SPEC)!r}])", id="markdown"),
        pytest.param("import speclint.formatters.html", id="html-formatter"),
    ],
)
def test_markdown_does_not_import_pdf_or_word_libraries(code: str) -> None:
    assert modules_after(code) & HEAVY == set()


def test_text_output_loads_only_the_text_formatter() -> None:
    code = (
        "import io\nfrom speclint.cli import main\n"
        f"main(['check', '--no-cache', {str(SPEC)!r}], io.StringIO(), io.StringIO())"
    )
    loaded = modules_after(code)
    assert loaded & HEAVY == set()
    formatters = {m for m in loaded if m.startswith("speclint.formatters.")}
    # The report is written file by file (formatters.stream), which loads only its format.
    assert formatters == {
        "speclint.formatters._shared",
        "speclint.formatters.stream",
        "speclint.formatters.text",
    }


SERVE = {"starlette", "uvicorn", "python_multipart", "anyio", "httpx"}


def test_serve_imports_nothing_heavy_until_it_runs() -> None:
    # The command line with its serve subcommand, and the serve package itself, load
    # neither the web server nor the Word and PDF libraries.
    loaded = modules_after(
        "import io\nfrom speclint.cli import build_parser, main\nimport speclint.serve\n"
        "build_parser().parse_args(['serve', '--port', '0'])\n"
        "main(['serve', '--port', 'x'], io.StringIO(), io.StringIO())"
    )
    assert loaded & (HEAVY | SERVE) == set()
    # Checking a file never loads the serve package at all.
    check = modules_after(
        "import io\nfrom speclint.cli import main\n"
        f"main(['check', '--no-cache', {str(SPEC)!r}], io.StringIO(), io.StringIO())"
    )
    assert not {m for m in check if m.startswith("speclint.serve")}
    assert check & SERVE == set()


def test_a_run_answered_from_the_cache_never_loads_the_rules(tmp_path: Path) -> None:
    # The registry is handed down from the command line to the formatters, but its
    # packs are read only when a rule is: not when every result comes from the cache.
    run = (
        "import io\nfrom speclint.cli import main\n"
        f"main(['check', '--cache-dir', {str(tmp_path)!r}, {str(SPEC)!r}], "
        "io.StringIO(), io.StringIO())"
    )
    modules_after(run)  # the first run lints (in a worker) and fills the cache
    assert any(tmp_path.iterdir())
    assert "speclint.rules" not in modules_after(run)

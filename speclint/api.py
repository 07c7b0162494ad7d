"""The public Python API. The command line is a thin layer over these functions.

>>> import speclint
>>> report = speclint.check_text("4.2 Supervision is delivered within existing resources.")
>>> [f.code for f in report.findings]
['RFL001']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from speclint.config import Settings, discover, load_file, validate_selectors
from speclint.engine import lint_document
from speclint.errors import InputError, SpeclintError
from speclint.models import Document, FileError, FileReport, Format, Report
from speclint.parsers import SUFFIXES, parse_bytes, parse_path

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, bool]]:
    """Expand ``paths``: files as given, directories recursively (sorted) by known suffix.

    Yields ``(path, named)``, where ``named`` is true for a path the user gave directly.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
                found.extend(
                    Path(root) / name
                    for name in files
                    if Path(name).suffix.lower() in SUFFIXES and not name.startswith("~$")
                )
            for file in sorted(found):
                yield str(file), False
        else:
            yield str(raw), True


def check_document(document: Document, config: Settings | None = None) -> FileReport:
    """Lint a document that has already been parsed."""
    return lint_document(document, config)


def check_file(path: str | Path, config: Settings | None = None) -> FileReport:
    """Parse and lint one file; raises :class:`InputError` when it cannot be read."""
    settings = config if config is not None else discover(path)
    return lint_document(parse_path(path), settings)


def check_paths(
    paths: Iterable[str | Path],
    config: Settings | None = None,
    *,
    config_file: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Lint files and directories; every readable file is linted even if others fail.

    ``config`` applies to every file; otherwise ``config_file`` does; otherwise each
    file uses the nearest ``speclint.toml`` or ``pyproject.toml`` above it. On top,
    as the command line does, ``select`` replaces the configured selection and
    ``ignore`` adds to the configured ignores.
    """
    chosen = tuple(select) if select is not None else None
    extra = tuple(ignore)
    validate_selectors((*(chosen or ()), *extra))
    fixed = config if config is not None else (load_file(config_file) if config_file else None)
    files: list[FileReport] = []
    errors: list[FileError] = []
    found: dict[Path, Settings] = {}
    for path, named in iter_files(paths):

        def lint(path: str = path, named: bool = named) -> FileReport | None:
            settings = fixed if fixed is not None else discover(path, found)
            settings = settings.selecting(chosen, extra)
            if not named and settings.excluded(path):
                return None  # excluded by configuration (a path named outright is linted)
            return lint_document(parse_path(path), settings)

        result = _guarded(path, lint)
        if isinstance(result, FileError):
            errors.append(result)
        elif result is not None:
            files.append(result)
    return Report(files=tuple(files), errors=tuple(errors))


def _guarded(path: str, lint: Callable[[], FileReport | None]) -> FileReport | FileError | None:
    """Run ``lint``; any failure becomes one :class:`FileError` line, never a traceback."""
    try:
        return lint()
    except InputError as exc:
        return FileError(path=exc.path, message=exc.cause)
    except SpeclintError as exc:
        return FileError(path=path, message=str(exc))
    except Exception as exc:  # a bug must cost one file, not the whole run
        return FileError(
            path=path,
            message=f"could not be linted because of an internal error "
            f"({type(exc).__name__}: {exc}); please report it with the file if you can",
        )


def check_text(
    text: str, fmt: Format = "md", *, path: str = "<text>", config: Settings | None = None
) -> Report:
    """Lint a string as if it were a Markdown (``md``) or plain-text (``txt``) file."""
    return check_bytes(text.encode("utf-8"), fmt, path=path, config=config)


def check_bytes(
    data: bytes, fmt: Format, *, path: str = "<bytes>", config: Settings | None = None
) -> Report:
    """Lint in-memory file content of format ``fmt``; errors are reported, not raised."""
    result = _guarded(path, lambda: lint_document(parse_bytes(data, path, fmt), config))
    if isinstance(result, FileError):
        return Report(errors=(result,))
    return Report(files=(result,) if result is not None else ())

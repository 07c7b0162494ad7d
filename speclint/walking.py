"""Which files a run over paths lints: folders walked, files found, documents passed over.

Kept apart from :mod:`speclint.api` and free of the models, so that the parent process
of a parallel run (:mod:`speclint.fanout`) can walk the folders without loading
pydantic: the workers do everything that needs it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from speclint.parsers import format_for
from speclint.paths import resolved
from speclint.skipping import DOCUMENT_SUFFIXES, NOTHING_TO_LINT, READS, skip_reason

if TYPE_CHECKING:
    from speclint.models import InputFormat

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})


class Found(NamedTuple):
    """One file that a path given to :func:`collect` leads to.

    ``named`` is true for a path the user gave directly. ``fmt`` is the format to read
    it as: by its suffix, ``txt`` for a file matched by an ``include`` glob, or ``None``
    for a named file speclint has no reader for (it becomes an error line).
    ``given`` is the path, as given, that led to it.
    """

    path: str
    named: bool
    fmt: InputFormat | None
    given: str


class Skipped(NamedTuple):
    """A document found in a folder that speclint does not read, and why (with the fix)."""

    path: str
    reason: str


class Walked(NamedTuple):
    """What :func:`collect` found: files to lint, documents skipped, empty folders.

    ``ignored`` counts, for each folder given, the files its ``.gitignore`` left out.
    """

    files: list[Found]
    skipped: list[Skipped]
    empty: list[str]
    ignored: dict[str, int]


def _included(path: Path, top: Path, include: Sequence[str]) -> bool:
    """True when ``path`` (found under ``top``) matches one of the ``include`` globs."""
    if not include:
        return False
    from speclint.config import path_matches  # only with --include: config loads pydantic

    try:
        rel = path.relative_to(top).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(
        path_matches(rel, pattern) or path_matches(path.as_posix(), pattern) for pattern in include
    )


def collect(
    paths: Iterable[str | Path],
    include: Iterable[str],
    real: dict[str, Path],
    *,
    respect_gitignore: bool | None = None,
    config_file: str | Path | None = None,
) -> Walked:
    """Expand ``paths``, noting in ``real`` the resolved paths it works out.

    As :func:`speclint.api.collect_files` describes, with each document passed over as
    a :class:`Skipped`.

    A file found in a folder through no symbolic link is its folder's resolved path and
    its name, so the file system is not asked again for each file.

    In a folder inside a git repository, the files git ignores (``.gitignore`` files,
    ``.git/info/exclude``, the global excludes) are left out, as ruff does, unless
    ``respect_gitignore`` is false; ``None`` takes ``respect-gitignore`` from
    ``config_file`` or the configuration nearest the folder (true by default). A file
    named outright is always taken.
    """
    patterns = tuple(include)
    seen: set[Path] = set()
    files: list[Found] = []
    skipped: list[Skipped] = []
    empty: list[str] = []
    ignored: dict[str, int] = {}

    def first_time(path: Path, known: Path | None = None) -> bool:
        key = known if known is not None else resolved(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if first_time(path):
                fmt = format_for(path) or (
                    "txt" if _included(path, path.parent, patterns) else None
                )
                files.append(Found(str(raw), True, fmt, str(raw)))
            continue
        lintable: list[tuple[Path, InputFormat]] = []
        other: list[Path] = []
        plain: dict[Path, Path] = {}  # file -> its resolved path, when no link leads to it
        for root, names, where in _walk(path, resolved(path)):
            for name, linked in names:
                if name.startswith("~$"):  # an Office lock file
                    continue
                file = root / name
                if where is not None and linked is False:
                    plain[file] = where / name
                fmt = format_for(name) or ("txt" if _included(file, path, patterns) else None)
                if fmt is not None:
                    lintable.append((file, fmt))
                elif Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                    other.append(file)
        if (lintable or other) and _respects(path, respect_gitignore, config_file):
            left_out = git_ignored(path, [*(f for f, _ in lintable), *other])
            if left_out:
                ignored[str(raw)] = len(left_out)
                lintable = [(f, fmt) for f, fmt in lintable if f not in left_out]
                other = [f for f in other if f not in left_out]
        if not lintable:
            empty.append(str(raw))
        for file, fmt in sorted(lintable):
            known = plain.get(file)
            if first_time(file, known):
                files.append(Found(str(file), False, fmt, str(raw)))
                if known is not None:
                    real[str(file)] = known
        for file in sorted(other):
            reason = skip_reason(file)
            if reason is not None and first_time(file, plain.get(file)):
                skipped.append(Skipped(str(file), reason))
    return Walked(files, skipped, empty, ignored)


def _respects(folder: Path, chosen: bool | None, config_file: str | Path | None) -> bool:
    """Whether the walk of ``folder`` leaves out what git ignores (see :func:`collect`).

    The setting is read from the TOML itself, so that the parent of a parallel run
    never loads the configuration model; its type is checked where the file is loaded.
    """
    if chosen is not None:
        return chosen
    if config_file is not None:
        return _setting_in(Path(config_file)) is not False
    start = resolved(folder)
    for current in (start, *start.parents):
        for name in _CONFIG_FILES:
            candidate = current / name
            if candidate.is_file():
                value = _setting_in(candidate)
                if value is not None or name != "pyproject.toml":
                    return value is not False
    return True


#: The configuration files, nearest first in each folder (as :data:`speclint.config.CONFIG_FILES`).
_CONFIG_FILES = ("speclint.toml", "pyproject.toml")


def _setting_in(file: Path) -> bool | None:
    """``respect-gitignore`` as ``file`` sets it; ``None`` for a pyproject with no speclint table.

    A file that cannot be read says nothing here: loading it reports the problem.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return True
    if file.name == "pyproject.toml":
        data = data.get("tool", {}).get("speclint") if isinstance(data.get("tool"), dict) else None
        if not isinstance(data, dict):
            return None
    value = data.get("respect-gitignore", data.get("respect_gitignore", True))
    return value if isinstance(value, bool) else True


def git_ignored(folder: Path, files: Sequence[Path]) -> set[Path]:
    """The ``files`` (found under ``folder``) that git ignores: one ``git check-ignore`` call.

    Outside a git repository, or without git, nothing is ignored. Tracked files that a
    pattern matches are ignored too, as ruff does.
    """
    if not files or not _in_repository(folder):
        return set()
    import subprocess

    # Absolute paths: git runs in ``folder``, where a relative path would mean another file.
    named = {os.fsencode(os.path.abspath(f)): f for f in files}
    listed = b"\0".join(named) + b"\0"
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "--no-index", "--stdin", "-z"],
            input=listed,
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository after all, or git failed
        return set()
    return {named[raw] for raw in done.stdout.split(b"\0") if raw in named}


def _in_repository(folder: Path) -> bool:
    """True when ``folder`` or a folder above it holds ``.git`` (a folder, or a worktree's file)."""
    start = resolved(folder)
    return any((current / ".git").exists() for current in (start, *start.parents))


def _walk(
    top: Path, where: Path | None
) -> Iterator[tuple[Path, list[tuple[str, bool | None]], Path | None]]:
    """Each folder under ``top`` (as :func:`os.walk` goes), its files and where it really is.

    Yields ``(folder, [(name, is a symbolic link)], resolved folder)``. Hidden and tool
    folders are passed over, and links to folders are not followed. ``where`` is
    ``top`` resolved; a folder reached through no link is its parent's resolved path
    and its name, so no file below it needs resolving again.
    """
    # A stack rather than recursion: a folder nested a thousand deep is still walked.
    stack: list[tuple[Path, Path | None]] = [(top, where)]
    while stack:
        folder, real = stack.pop()
        try:
            with os.scandir(folder) as entries:
                found = list(entries)
        except OSError:
            continue
        names: list[tuple[str, bool | None]] = []
        folders: list[tuple[str, bool | None]] = []
        for entry in found:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            linked: bool | None
            try:
                linked = entry.is_symlink()
            except OSError:
                linked = None  # not known: followed as os.walk does, but resolved afresh
            (folders if is_dir else names).append((entry.name, linked))
        yield folder, names, real
        below: list[tuple[Path, Path | None]] = []
        for name, linked in folders:
            if linked or name in _SKIP_DIRS or name.startswith("."):
                continue
            below.append(
                (folder / name, real / name if real is not None and linked is False else None)
            )
        stack.extend(reversed(below))  # the first folder is walked next, as os.walk does


def nothing_to_lint(given: str, excluded: int, collected: Walked) -> str:
    """The error line for a folder given on the command line that yields no file to lint."""
    inside = resolved(given)
    skipped = 0
    for entry in collected.skipped:
        with contextlib.suppress(ValueError):
            resolved(entry.path).relative_to(inside)
            skipped += 1
    notes = []
    if skipped:
        notes.append(f"{skipped} other {'document' if skipped == 1 else 'documents'} skipped")
    if excluded:
        notes.append(f"{excluded} {'file' if excluded == 1 else 'files'} left out by 'exclude'")
    ignored = collected.ignored.get(given, 0)
    if ignored:
        notes.append(
            f"{ignored} {'file' if ignored == 1 else 'files'} that git ignores, "
            "linted with --no-respect-gitignore"
        )
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{NOTHING_TO_LINT}: speclint reads {READS}{extra}"


def unlinted(
    walked: Walked, taken: Mapping[str, int], excluded: Mapping[str, int]
) -> list[tuple[str, str]]:
    """``(path given, error line)`` for each path given that led to no file linted.

    ``taken`` counts, for each path given, the files that were linted (or got an error
    line of their own); ``excluded`` those its configuration left out. The folders with
    nothing to lint in them come first, then the other paths, in the order given.
    """
    given = dict.fromkeys(e.given for e in walked.files)
    nothing = [g for g in given if not taken.get(g)]
    return [
        (path, nothing_to_lint(path, excluded.get(path, 0), walked))
        for path in [*walked.empty, *(g for g in nothing if g not in walked.empty)]
    ]

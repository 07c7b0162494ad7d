"""Resolving paths that users name, which may be symlink loops or typed as on Windows."""

from __future__ import annotations

import os
from pathlib import Path


def resolved(path: str | Path) -> Path:
    """``path`` made absolute with symlinks followed; a symlink loop stays as named.

    A loop cannot be followed, and reading the file names the cause later ("cannot be
    read (Too many levels of symbolic links)"), so here it must not stop the run.
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.normpath(Path(path).absolute()))


def windows_hint(path: str, cause: str) -> str:
    """``; folders are separated by '/' here: specs/spec.md`` for a Windows-style path.

    Said only when ``cause`` is that the path is missing and the path exists with its
    backslashes read as folder separators (a path copied from Windows Explorer or from
    a team's Windows notes); otherwise ``""``.
    """
    if cause != "no such file" or "\\" not in path or os.sep == "\\":
        return ""
    meant = path.replace("\\", "/")
    if not os.path.exists(meant):
        return ""
    return f"; folders are separated by '/' here: {meant}"

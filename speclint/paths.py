"""Resolving paths that users name, which may be symlink loops."""

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

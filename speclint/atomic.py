"""Write output files so that a killed run leaves the old file or the new one, whole.

Every file speclint writes (a report with ``-o``, a baseline, a reviewed Word copy, a
cache entry) is written to a temporary file in the target's own folder, flushed to
disk and renamed over the target, so no reader ever sees half a file. The temporary
file is removed on every way out of :func:`write_file`; one left behind by a run that
was killed outright (its process no longer exists) is removed by the next write to the
same target.

A target that is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is
written straight into, since renaming over it would replace the device or pipe itself
with a file; a symbolic link is followed, so that the file it points to is replaced and
the link stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO

_SUFFIX = ".speclint.tmp"


def _temporary_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{os.urandom(3).hex()}{_SUFFIX}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive as far as we can tell
        return True
    return True


def stream_target(target: str | Path) -> bool:
    """True when ``target`` is written straight into, not replaced: a device, a pipe.

    That is an existing path that is not a regular file or a folder, or an existing
    path under ``/dev`` or ``/proc`` (``/dev/stdout`` is a link to whatever standard
    output is, a regular file when it is redirected to one).
    """
    absolute = os.path.abspath(target)
    try:
        mode = os.stat(absolute).st_mode
    except OSError:
        return False  # a new file, even in /dev/shm: made and renamed into place
    if absolute.startswith(("/dev/", "/proc/")):
        return not stat.S_ISDIR(mode)
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _real(target: str | Path) -> Path:
    """The file to replace for ``target``: the one a symbolic link points to, else itself."""
    path = Path(target)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def cannot_write(what: str, target: str | Path, exc: OSError | None = None) -> str:
    """``cannot write the report to out/r.json (the folder out does not exist)``.

    The one wording every command uses for an output it cannot write: ``what`` is the
    output (``report``, ``baseline``, ``reviewed copy``); the cause is the missing or
    wrong folder when that is it, else the system's own words for ``exc``.
    """
    parent = Path(target).parent
    if not parent.exists():
        why = f"the folder {parent} does not exist"
    elif not parent.is_dir():
        why = f"{parent} is a file, not a folder"
    elif Path(target).is_dir():
        why = "it is a folder"
    elif exc is not None:
        why = str(exc.strerror or exc)
    else:
        why = "unknown cause"
    return f"cannot write the {what} to {target} ({why})"


def clean_stale(target: Path) -> None:
    """Remove temporary files for ``target`` left by killed runs (never a live one's)."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        pid = _writer(name, target.name)
        if pid is not None and pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(OSError):
                (target.parent / name).unlink()


def _writer(name: str, target: str) -> int | None:
    """The process id in ``name`` when it is a temporary file for ``target``, else ``None``.

    Such a name is ``.<target>.<pid>.<six hex digits>.speclint.tmp``. Matched without a
    regular expression, which would be one more for each file name (a regular expression
    is compiled once per text, and kept: see :mod:`speclint.regex_cache`).
    """
    head = f".{target}."
    if not (name.startswith(head) and name.endswith(_SUFFIX)):
        return None
    pid, dot, token = name[len(head) : len(name) - len(_SUFFIX)].partition(".")
    if (
        not dot
        or not pid.isdigit()
        or not pid.isascii()
        or len(token) != 6
        or token.strip("0123456789abcdef")
    ):
        return None
    return int(pid)


def write_file(target: str | Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``target`` atomically.

    With ``replace`` false an existing ``target`` is never replaced, even one that
    appeared while writing: :class:`FileExistsError` is raised instead. Any other
    failure is the :class:`OSError` that caused it; the temporary file never stays.
    """
    if stream_target(target):
        if not replace:
            raise FileExistsError(str(target))
        with open(target, "wb") as handle:
            handle.write(data)
        return
    target = _real(target)
    clean_stale(target)
    temporary = _temporary_name(target)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # less the umask
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, target)
        else:
            _move_no_clobber(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def write_cache_file(target: Path, data: bytes) -> bool:
    """Write a cache file atomically, making its folder; ``False`` when it cannot be written.

    A cache is never worth failing a run for: a full disk or a read-only cache folder
    only means the next run does the work again.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, data)
    except OSError:
        return False
    return True


def _move_no_clobber(temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` without replacing a file that appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network or FAT file systems): check, then rename.
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temporary, target)


class Pending:
    """A file being written in pieces that takes its target's place only on :meth:`commit`.

    The text goes to a temporary file in the target's own folder (so that a killed
    run leaves the old file, or none); :meth:`discard` or :meth:`commit` ends it, and
    the temporary file never stays.
    """

    def __init__(self, target: str | Path) -> None:
        """Open the temporary file; raise :class:`OSError` when it cannot be made.

        A device or pipe (see :func:`stream_target`) is opened and written straight into.
        """
        self.direct = stream_target(target)
        self.target = Path(target) if self.direct else _real(target)
        self.temporary = self.target
        self.handle: IO[str]
        if self.direct:
            self.handle = open(self.target, "w", encoding="utf-8", newline="")  # noqa: SIM115
            return
        clean_stale(self.target)
        self.temporary = _temporary_name(self.target)
        fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        """Add ``text`` to the file."""
        self.handle.write(text)

    def commit(self) -> None:
        """Flush the file to disk and put it in the target's place."""
        try:
            self.handle.flush()
            if self.direct:
                self.handle.close()
                return
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.temporary, self.target)
        finally:
            self.discard()

    def discard(self) -> None:
        """Give up: remove the temporary file (the target is left as it was)."""
        # Closing flushes what is buffered, which fails again on a full disk.
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.direct:
            return
        with contextlib.suppress(OSError):
            self.temporary.unlink()

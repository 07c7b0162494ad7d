"""A one-line progress bar on stderr for long runs at a terminal.

It is shown only when there are more than a handful of files, the stream is a
terminal and the run is not in CI, so logs and pipes never see it.
"""

from __future__ import annotations

import os
from typing import TextIO

#: Runs over more files than this show a progress bar.
HANDFUL = 5
_WIDTH = 24


def wanted(stream: TextIO, total: int) -> bool:
    """True when a bar for ``total`` files belongs on ``stream``."""
    if total <= HANDFUL or os.environ.get("CI") or os.environ.get("SPECLINT_NO_PROGRESS"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class ProgressBar:
    """Redraws ``[#####-----] 12/40 files`` in place; :meth:`close` clears it.

    Pass it as ``progress`` to :func:`speclint.check_paths`; it decides on the first
    call, once the number of files is known, whether to draw at all.
    """

    def __init__(self, stream: TextIO) -> None:
        """Draw on ``stream``."""
        self.stream = stream
        self.enabled: bool | None = None
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` files are linted."""
        if self.enabled is None:
            self.enabled = wanted(self.stream, total)
        if not self.enabled:
            return
        filled = _WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(f"\rspeclint [{bar}] {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar's line so that the report starts on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False

"""Pause Python's cyclic garbage collector while a document is linted.

Linting a long document allocates hundreds of thousands of tokens, hits and models
that are freed by reference counting alone: the engine makes no reference cycles.
The collector does not know that, and as the heap grows it walks all of it again and
again (a fifth of the time on a 160,000-word specification) to find nothing. So the
engine pauses it for the length of one document and restores it afterwards; pauses
may nest (the outermost restores the collector). The command freezes what its first
lint leaves alive, rather than have it swept (:mod:`speclint.lifetime`). In several
threads at once, the first to finish may turn the collector back on while others
still run: that costs them time, never correctness.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from speclint.lifetime import collector_resuming


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the ``with`` block with automatic garbage collection off.

    Each pause turns the collector back on only if it was on when that pause began, so
    nested pauses end with the outermost, and no count is left behind by a block that
    an exception or a time-limit signal interrupts.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            collector_resuming()  # the command's first lint: see speclint.lifetime
            gc.enable()

"""How long the command's objects live: those made to lint the first file, for good.

Linting the first file of a run loads the rule registry, the cached queries and
concepts and the compiled patterns: several hundred thousand objects that live as long
as the process. The engine pauses the cyclic garbage collector while it lints
(:mod:`speclint.engine.collector`), so all of them are still the collector's youngest
generation when the pause ends, and its next sweep walks every one of them to free
next to nothing: a tenth of a short run. The command (and only the command: a
library's caller keeps its own collector as it is) asks for the objects alive at the
end of that first pause to be frozen instead, which moves them out of the collector's
sight in one step (:func:`gc.freeze`). Objects so frozen are still freed when their
last reference goes; only garbage made of reference cycles among them stays, and the
engine makes none. Later files are swept as before.
"""

from __future__ import annotations

import gc

#: Set by :func:`freeze_after_first_lint`; cleared once the freeze is done.
_PENDING: list[bool] = []


def freeze_after_first_lint() -> None:
    """Have the end of the engine's next pause of the collector freeze every live object.

    For the ``speclint`` command: once, at the end of its first lint.
    """
    _PENDING[:] = [True]


def collector_resuming() -> None:
    """Called as a pause of the collector ends, just before the collector is back on."""
    if _PENDING:
        _PENDING.clear()
        gc.freeze()

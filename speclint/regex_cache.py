"""Compiled regular expressions kept between runs of the ``speclint`` command.

Compiling a pattern is work Python does in Python: parsing its text and writing the
matcher's code. A short lint compiles about two hundred (speclint's own, sentence
meaning's and the checks' on first use, and those of the Markdown reader, its HTML
parser and the clause grammar), a tenth of its time. This module keeps each pattern's
finished code in the user's cache folder, so a later run hands it straight to the
regular-expression engine and puts the pattern where :func:`re.compile` looks first
(its own cache): every later ``re.compile`` of that text and those flags, in speclint
or in a library, gets it at once.

The file holds plain values (each pattern's text, flags, code and group names) written
with :mod:`marshal`, sealed like the query cache (:mod:`speclint.signing`) and checked
before it is read; its name carries Python's exact version and the engine's magic
number, so another Python never reads it, and the engine checks each code before it
accepts it. A pattern is stored only when its code, rebuilt, makes a pattern equal to
the one :func:`re.compile` made (patterns compare by code). Reading or writing it never
fails a run: anything amiss only costs the compiling. Only the command uses it
(:func:`speclint.cli.main`); a Python whose :mod:`re` is laid out otherwise skips it.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from speclint.atomic import write_cache_file
from speclint.signing import retire_old_versions, seal, unseal, user_cache_dir

try:  # Python 3.11 and later
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _CACHE: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    _READY = array("I").itemsize == _sre.CODESIZE
except (ImportError, AttributeError):  # pragma: no cover - an older or other Python
    _READY = False

#: At most this many patterns are kept, under :mod:`re`'s own limit of 512 (past it,
#: :mod:`re` drops its oldest entries, and what this module put there would go first).
LIMIT = 400

#: Bumped when the file's layout changes.
_FORMAT = 1

#: The patterns this process read from the file or wrote to it.
_KNOWN: dict[tuple[str, int], tuple[Any, ...]] = {}

#: Whether :func:`load` was called: :func:`save` writes nothing otherwise (what it
#: would write would lack every stored pattern).
_LOADED: list[bool] = []


def cache_file() -> Path:
    """Where the patterns compiled by this Python are kept."""
    key = f"{_FORMAT} {sys.version} {sys.implementation.cache_tag} {_sre.MAGIC}"
    name = hashlib.sha256(key.encode()).hexdigest()[:16]
    return user_cache_dir() / f"regex-{name}.marshal"


def load() -> None:
    """Put every stored pattern where :func:`re.compile` finds it; quietly skip a bad file."""
    if not _READY:
        return
    _LOADED.append(True)
    target = cache_file()
    try:
        content = unseal(target.name, target.read_bytes())
        data = marshal.loads(content) if content is not None else None
    except (OSError, ValueError, EOFError, TypeError):
        return
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return
    patterns = data.get("patterns")
    if not isinstance(patterns, dict):
        return
    for key, entry in patterns.items():
        try:
            pattern, flags = key
            cache_key = (str, pattern, flags)
            if cache_key not in _CACHE:
                _CACHE[cache_key] = _build(pattern, entry)
            _KNOWN[key] = entry
        except (TypeError, ValueError, RuntimeError):
            continue  # never expected (the file is sealed): this one is compiled afresh


def _build(pattern: str, entry: tuple[Any, ...]) -> re.Pattern[str]:
    """The pattern ``entry`` (flags, code, groups, group index, index group) stands for."""
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def entry_of(pattern: str, flags: int) -> tuple[Any, ...]:
    """What :func:`load` needs to make ``re.compile(pattern, flags)`` without compiling it.

    The same steps as :mod:`re`'s compiler, which returns the pattern, not its parts.
    """
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        array("I", code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def save() -> None:
    """Store the patterns this process compiled that the file lacks.

    A pattern with the same characters as a stored one in another order is not kept:
    it is most likely made from a set (markdown-it's inline terminators are), whose
    order changes from run to run because string hashing is salted, and would be new
    at every run. When the file would hold more than :data:`LIMIT`, the patterns this
    process used come first, then the stored ones it did not use (those of another
    speclint sharing the cache folder, say), as many as fit: a pattern no longer
    compiled leaves in time.
    """
    if not _READY or not _LOADED:
        return
    used: dict[tuple[str, int], tuple[Any, ...] | None] = {}
    for kind, pattern, flags in list(_CACHE):
        if kind is str and not flags & re.DEBUG and len(used) < LIMIT:
            used[pattern, flags] = _KNOWN.get((pattern, flags))
    unknown = [key for key, entry in used.items() if entry is None]
    if not unknown:
        return
    shuffled = {("".join(sorted(pattern)), flags) for pattern, flags in _KNOWN}
    fresh = 0
    for pattern, flags in unknown:
        entry = None
        if ("".join(sorted(pattern)), flags) not in shuffled:
            try:
                entry = entry_of(pattern, flags)
                if _build(pattern, entry) != _CACHE.get((str, pattern, flags)):
                    entry = None
            except (TypeError, ValueError, RuntimeError, OverflowError, re.error):
                entry = None
        if entry is None:
            del used[pattern, flags]
        else:
            used[pattern, flags] = entry
            fresh += 1
    if not fresh:
        return
    for key, entry in _KNOWN.items():
        if len(used) >= LIMIT:
            break
        used.setdefault(key, entry)
    _KNOWN.clear()
    _KNOWN.update((key, entry) for key, entry in used.items() if entry is not None)
    target = cache_file()
    body = seal(target.name, marshal.dumps({"format": _FORMAT, "patterns": _KNOWN}))
    if write_cache_file(target, body):
        retire_old_versions(target)

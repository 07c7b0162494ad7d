"""Authenticate cache entries with a key only this user on this machine holds.

A cache folder can travel: ``.speclint_cache/`` may be committed or planted in a pull
request, and a query cache copied from elsewhere. An entry that anyone could compute
from public inputs could then turn "1 finding, exit 1" into "No findings, exit 0".
So every entry carries an HMAC-SHA256 over its name and its content, made with a
secret key kept in the user's cache folder (``$SPECLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/speclint`` or ``~/.cache/speclint``), created with mode 0600. An
entry that fails verification, including every entry written by another user or
machine, is treated as absent and rebuilt.

When the key cannot be stored (a read-only home), a key for this process alone is
used: nothing is trusted from an earlier run, which is slower but never wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

_KEY_BYTES = 32
_KEY_NAME = "cache-key"


def user_cache_dir() -> Path:
    """The user's speclint cache folder (it may not exist yet)."""
    base = os.environ.get("SPECLINT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "speclint"


#: How many versions of each versioned cache file (``queries-*``, ``rules-*``) to keep:
#: the newest few, so two installed versions used in turn (a venv and a pre-commit
#: environment, say) do not rebuild each other's entries on every run.
KEEP_VERSIONS = 4


def retire_old_versions(current: Path, keep: int = KEEP_VERSIONS) -> None:
    """Remove all but the newest ``keep`` siblings of ``current`` that share its prefix.

    ``current`` is named ``<prefix>-<key><suffix>``; each code or pack version writes its
    own, so without this the cache folder grows by one file per upgrade for ever.
    ``current`` itself is never removed, and the ``.json`` files of releases that wrote
    JSON go the same way. Errors are ignored: this is tidying only.
    """
    prefix = current.name.partition("-")[0] + "-"
    try:
        siblings = [
            (entry.stat().st_mtime, entry)
            for entry in current.parent.iterdir()
            if entry.name.startswith(prefix)
            and entry.name.endswith((".json", current.suffix))
            and entry.name != current.name
        ]
    except OSError:
        return
    siblings.sort(key=lambda pair: pair[0], reverse=True)
    for _, entry in siblings[max(keep - 1, 0) :]:
        with contextlib.suppress(OSError):
            entry.unlink()


@lru_cache(maxsize=4)
def _key(folder: Path) -> bytes:
    """The secret key in ``folder``, created on first use; a process key if it cannot be."""
    path = folder / _KEY_NAME
    try:
        key = path.read_bytes()
        if len(key) == _KEY_BYTES and (path.stat().st_mode & 0o077) == 0:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(_KEY_BYTES)
    temporary = folder / f".{_KEY_NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return key  # this process's own key: safe, only slower
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()  # a full disk, say: no half-written key left behind
    return key


def sign(name: str, content: bytes) -> str:
    """The hex HMAC of ``content`` stored under ``name``."""
    mac = hmac.new(_key(user_cache_dir()), name.encode("utf-8", "surrogatepass"), hashlib.sha256)
    mac.update(b"\0")
    mac.update(content)
    return mac.hexdigest()


def seal(name: str, content: bytes) -> bytes:
    """``content`` with its HMAC line in front, ready to write."""
    return sign(name, content).encode("ascii") + b"\n" + content


def unseal(name: str, stored: bytes) -> bytes | None:
    """The content of a sealed entry, or ``None`` when its HMAC does not verify."""
    mac, newline, content = stored.partition(b"\n")
    if not newline:
        return None
    try:
        expected = sign(name, content).encode("ascii")
    except (UnicodeError, ValueError):
        return None
    return content if hmac.compare_digest(mac, expected) else None

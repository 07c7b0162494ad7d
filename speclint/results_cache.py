"""A cache of lint results, so a second run over unchanged files is nearly free.

Each entry is one file's :class:`~speclint.models.FileReport` as JSON, named after a
hash of everything the result depends on: the file's bytes and path, speclint's
version, the code and rule packs it runs (so editing a rule invalidates it), and the
file's effective settings. The folder (``.speclint_cache`` by default) holds a
``.gitignore`` so it is never committed, and every entry is sealed with an HMAC whose
key only this user holds (:mod:`speclint.signing`), so an entry planted in the folder
(committed in a pull request, say) is ignored, never believed. Reading or writing the
cache never fails a run: a missing, corrupt or unwritable entry only costs re-linting
the file.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from speclint.atomic import write_file
from speclint.signing import seal, unseal
from speclint.version import __version__

if TYPE_CHECKING:  # the folder's name is wanted where pydantic is not loaded
    from speclint.config import Settings
    from speclint.models import FileReport

#: The default cache folder, relative to the working directory (as ``.ruff_cache``).
DEFAULT_DIR = ".speclint_cache"
_SOURCES = (".py", ".c", ".toml", ".lark", ".json")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of speclint's version and every source, grammar and pack file it runs (C too)."""
    return package_fingerprint(Path(__file__).resolve().parent)


def package_fingerprint(package: Path) -> str:
    """A hash of speclint's version and the sources, grammars and packs under ``package``."""
    digest = hashlib.sha256(__version__.encode())
    for file in sorted(package.rglob("*")):
        if file.suffix in _SOURCES and "__pycache__" not in file.parts:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


class ResultsCache:
    """Lint results on disk, one JSON file per (content, path, code, settings) key."""

    def __init__(self, folder: str | Path = DEFAULT_DIR) -> None:
        """Use ``folder`` (created on first write)."""
        self.folder = Path(folder)

    def key(self, data: bytes, path: str, settings: Settings) -> str:
        """The entry name for linting ``data`` read from ``path`` with ``settings``."""
        return self.key_for(data, path, settings)

    @staticmethod
    def key_for(data: bytes, path: str, settings: Settings) -> str:
        """The entry name for linting ``data`` read from ``path`` with ``settings``."""
        digest = hashlib.sha256()
        # The limits decide whether a file is linted, not what its findings are.
        judged = settings.model_dump_json(exclude={"timeout", "max_memory"})
        for part in (code_fingerprint(), path, judged, str(settings.root)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / "results" / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileReport | None:
        """The stored report for ``key``, or ``None`` when absent or unreadable."""
        from pydantic import ValidationError

        from speclint.models import FileReport

        content = self.get_json(key)
        if content is None:
            return None
        try:
            return FileReport.model_validate_json(content)
        except (ValueError, ValidationError, RecursionError):
            return None

    def get_json(self, key: str) -> bytes | None:
        """The stored report for ``key`` as its JSON, or ``None`` when absent or not ours."""
        try:
            return unseal(key, self._entry(key).read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, key: str, report: FileReport) -> None:
        """Store ``report`` under ``key``; failures are ignored (the cache is an optimisation)."""
        self.put_json(key, report.model_dump_json().encode("utf-8"))

    def put_json(self, key: str, content: bytes) -> None:
        """Store a report's JSON ``content`` under ``key``; failures are ignored."""
        entry = self._entry(key)
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_file(entry, seal(key, content))
        except OSError:
            pass

    def _prepare(self) -> None:
        """Create the folder with a ``.gitignore`` and a ``CACHEDIR.TAG`` the first time."""
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# Created by speclint\n*\n", encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This is a cache directory created by speclint.\n",
            encoding="utf-8",
        )

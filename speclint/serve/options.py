"""How ``speclint serve`` runs: where it listens, who may use it, and its limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from speclint.config import Settings

__all__ = ["ServeOptions", "is_loopback"]


@dataclass(frozen=True)
class ServeOptions:
    """How the server runs: where it listens, who may use it, and its limits."""

    host: str = "127.0.0.1"
    port: int = 8765
    #: Every request must carry this token (header, cookie, or ``?token=`` on the page).
    token: str | None = None
    #: Largest file accepted, in bytes.
    max_file_bytes: int = 50 * 1024 * 1024
    #: Most files accepted in one request.
    max_files: int = 50
    #: Largest request body accepted, in bytes (all its files together).
    max_request_bytes: int = 200 * 1024 * 1024
    #: Longest text accepted by ``POST /api/text``, in characters (a clause or a section:
    #: it is linted in the server process, so that typing stays quick when workers are busy).
    max_text_chars: int = 20_000
    #: Worker processes that lint uploads.
    jobs: int = 1
    #: Seconds a worker may spend on one file before it is stopped.
    timeout: float = 60.0
    #: Megabytes a worker may grow by for one file (``None``: no limit).
    max_memory_mb: int | None = 1024
    #: Settings for every upload (``select`` and ``ignore`` fields apply on top).
    settings: Settings = field(default_factory=Settings)
    #: Seconds the page's results (for its download links) are kept.
    keep_seconds: float = 30 * 60


def is_loopback(host: str) -> bool:
    """True when ``host`` names this machine only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

"""``speclint serve``: a local web page, and a small HTTP API, for checking documents.

A commissioner opens the page, chooses or drops Word, PDF, Markdown or text files and
reads the findings as the HTML report shows them (scorecard by Box 3 principle, then
findings by principle and file, with the same filters), downloads a reviewed copy of
each Word draft, and tries rewrites of a clause in a text box until it is clean.

This module stays light: the command line imports it to run the server, and only
:func:`run` imports Starlette and uvicorn (the ``serve`` extra). The options are in
:mod:`speclint.serve.options`, the application in :mod:`speclint.serve.app`, the worker
processes in :mod:`speclint.serve.pool`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from speclint.serve.options import ServeOptions, is_loopback

if TYPE_CHECKING:
    import socket

__all__ = ["EXTRA_HINT", "ServeOptions", "is_loopback", "missing_extra", "run"]

#: What to install when the ``serve`` extra is missing (one line).
EXTRA_HINT = "pip install 'speclint[serve]'"
_NEEDED = (
    ("starlette", "starlette"),
    ("uvicorn", "uvicorn"),
    ("python_multipart", "python-multipart"),
)


def missing_extra() -> list[str]:
    """The packages of the ``serve`` extra that are not installed (by their PyPI names)."""
    import importlib.util

    return [dist for module, dist in _NEEDED if importlib.util.find_spec(module) is None]


def run(options: ServeOptions, out: TextIO, err: TextIO, *, open_browser: bool = False) -> int:
    """Serve the page and the API until interrupted; return the exit code.

    Binds before printing the address, so the address printed is ready (with
    ``port=0`` the system chooses a free port, and the address says which).
    """
    missing = missing_extra()
    if missing:
        err.write(f"speclint: error: 'speclint serve' needs {', '.join(missing)}: {EXTRA_HINT}\n")
        return 2
    import threading

    import uvicorn

    from speclint.serve.app import create_app

    try:
        sock = _bind(options.host, options.port)
    except OSError as exc:
        err.write(
            f"speclint: error: cannot listen on {options.host}:{options.port} "
            f"({exc.strerror or exc}); choose another --port\n"
        )
        return 2
    port = sock.getsockname()[1]
    host = f"[{options.host}]" if ":" in options.host else options.host
    address = f"http://{host}:{port}/"
    page = f"{address}?token={options.token}" if options.token else address
    out.write(f"speclint serve: open {page}\n")
    if options.token:
        out.write(f"speclint serve: API clients send 'Authorization: Bearer {options.token}'\n")
    out.write("speclint serve: press Ctrl-C to stop\n")
    out.flush()
    config = uvicorn.Config(
        create_app(options), log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, page), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    out.write("speclint serve: stopped\n")
    out.flush()
    return 0


def _bind(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _open_when_started(server: object, url: str) -> None:
    import time
    import webbrowser

    for _ in range(600):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.05)

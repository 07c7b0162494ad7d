"""Running ``speclint serve`` for the tests: as a user does (a subprocess), or in a thread.

Imported as ``serve_helpers`` (pytest puts tests/ on the path, and the server's worker
processes inherit that path, so :func:`misbehaving_lint` can run in them).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from speclint.config import Settings
from speclint.models import FileError, FileReport, InputFormat

ROOT = Path(__file__).resolve().parents[1]


class ServerProcess:
    """``python -m speclint serve --port 0 ARGS`` in a subprocess, at the address it prints."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        environment = {**os.environ, **(env or {})}
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT), *filter(None, [environment.get("PYTHONPATH")])]
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "speclint", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=str(ROOT),
        )
        self.printed: list[str] = []
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.printed.append(line)
            if "Ctrl-C" in line:
                break
        found = re.search(r"open (http://\S+)", "".join(self.printed))
        if found is None:
            self.process.kill()
            _, err = self.process.communicate()
            raise RuntimeError(f"the server did not start: {''.join(self.printed)} {err}")
        self.page_url = found.group(1)
        self.url = self.page_url.split("?", 1)[0].rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])
        _wait_until_answering(self.port)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30) -> tuple[int, str, str]:
        """Send ``sig`` (Ctrl-C by default); return the exit code and the rest of the output."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, "".join(self.printed) + out, err


class ServerThread:
    """The application from :func:`speclint.serve.app.create_app`, run by uvicorn in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


def _wait_until_answering(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


def raw_request(
    port: int, target: str, headers: Sequence[str] = (), *, host: str | None = None
) -> tuple[int, bytes]:
    """Send ``GET target`` exactly as written (no client normalises it); status and body."""
    host = host or f"127.0.0.1:{port}"
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}", "Connection: close", *headers]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def misbehaving_lint(data: bytes, name: str, fmt: InputFormat, settings: Settings) -> Any:
    """Lint as the server does, except that ``crash*`` files kill the worker, ``hang*``
    files never finish and ``greedy*`` files ask for 8 GB (runs in a worker process)."""
    from speclint.serve.tasks import lint_upload

    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("greedy"):
        hoard = bytearray(8 * 1024**3)  # more than any worker may have
        return len(hoard)
    result: FileReport | FileError = lint_upload(data, name, fmt, settings)
    return result

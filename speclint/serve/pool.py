"""Worker processes for the server: a slow or crashing file costs only its own answer.

:class:`WorkerPool` keeps ``size`` worker processes, each running one task at a time
and talking to the server over its own pipe. A task that takes longer than the time
limit has its worker killed and replaced; a worker that dies (a crash, the kernel's
out-of-memory killer) is replaced too. In both cases only that task fails, with
:class:`WorkerFailed` and a one-line reason; the other workers, and the requests they
serve, carry on. Each worker may grow by ``max_memory_mb`` at most (an address-space
limit, on Linux); a task that needs more fails and its worker is replaced. A worker is
also replaced, quietly, after ``max_tasks`` tasks, so that memory a parser leaks cannot
pile up.

Each worker is a :class:`speclint.workers.Worker`, the same process, pipe and loop
that the command line's per-file limits use; this module adds the scheduling a server
needs. On Linux the workers are forked from a *fork server* that has already imported
speclint's parsers and loaded the rule packs (:mod:`speclint.serve._preload`), so a
new worker is ready at once and never inherits the threads of the web server. Other
platforms start workers with ``spawn``.

The pool is driven from an asyncio event loop (:meth:`WorkerPool.run`); waiting on a
worker happens in a thread, so the event loop keeps serving other requests.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from speclint.workers import Worker, internal_cause, memory_cause, timeout_cause

_T = TypeVar("_T")

#: Modules the fork server imports before forking workers.
PRELOAD = ["speclint.serve._preload"]


class WorkerFailed(Exception):
    """A task whose worker process stopped or ran out of time (``str()`` says which)."""


def _context() -> Any:
    """Fork server where there is one (Linux, macOS), else spawn."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def call(message: tuple[Callable[..., Any], tuple[Any, ...]]) -> Any:
    """What a server worker runs for each task: ``function(*args)``."""
    function, args = message
    return function(*args)


def _start(context: Any, max_memory_mb: int | None) -> Worker:
    """A fresh worker process (the CLI's :class:`~speclint.workers.Worker`) running :func:`call`."""
    return Worker(context, call, max_memory_mb)


def _call(
    worker: Worker, function: Callable[..., Any], args: tuple[Any, ...], timeout: float
) -> Any:
    """Run ``function(*args)`` in ``worker`` (blocking); raise :class:`WorkerFailed`.

    A worker that ran out of time or memory, or stopped, is stopped for good here; the
    pool replaces it.
    """
    try:
        worker.give(0, (function, args), timeout)
        if not worker.connection.poll(timeout):
            worker.stop(kill=True)
            raise WorkerFailed(timeout_cause(timeout))
        _index, _task, kind, value = worker.answer()
    except (EOFError, OSError) as exc:
        cause = worker.death()
        worker.stop(kill=True)
        raise WorkerFailed(cause) from exc
    if kind == "memory":
        worker.stop()
        raise WorkerFailed(memory_cause(worker.max_memory_mb))
    if kind == "error":
        raise WorkerFailed(internal_cause(value))
    return value


class WorkerPool:
    """``size`` worker processes that run tasks with a time limit (see the module docs)."""

    def __init__(
        self,
        size: int,
        *,
        timeout: float = 60.0,
        max_memory_mb: int | None = 1024,
        max_tasks: int = 200,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.max_tasks = max_tasks
        self._context = _context()
        self._idle: asyncio.Queue[Worker] | None = None
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="speclint-wait")
        self._workers: set[Worker] = set()
        self.replaced = 0

    async def start(self) -> None:
        """Start the workers (call once, from the event loop that will use the pool)."""
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            worker = await loop.run_in_executor(
                self._threads, _start, self._context, self.max_memory_mb
            )
            self._workers.add(worker)
            self._idle.put_nowait(worker)

    async def run(self, function: Callable[..., _T], *args: Any) -> _T:
        """Run ``function(*args)`` in a free worker; raise :class:`WorkerFailed` on a crash.

        ``function`` must be importable by name (a module-level function) and its
        arguments and result picklable. Waits for a free worker, first come first served.
        """
        if self._idle is None:
            raise RuntimeError("the pool has not been started")
        # Shielded: a request cancelled meanwhile (its client gone) must not hand back a
        # worker that is still busy; the task finishes and returns its worker first.
        task = asyncio.ensure_future(self._run(self._idle, function, args))
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        return await asyncio.shield(task)

    async def _run(
        self, idle: asyncio.Queue[Worker], function: Callable[..., _T], args: tuple[Any, ...]
    ) -> _T:
        loop = asyncio.get_running_loop()
        worker = await idle.get()
        try:
            return await loop.run_in_executor(
                self._threads, _call, worker, function, args, self.timeout
            )
        finally:
            if not worker.alive or worker.tasks >= self.max_tasks:
                worker = await loop.run_in_executor(self._threads, self._replace, worker)
            idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> Worker:
        worker.stop(kill=not worker.alive)
        self._workers.discard(worker)
        fresh = _start(self._context, self.max_memory_mb)
        self._workers.add(fresh)
        self.replaced += 1
        return fresh

    def pids(self) -> list[int]:
        """The process ids of the current workers."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker and the waiting threads."""
        for worker in list(self._workers):
            worker.stop(kill=not worker.alive)
        self._workers.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

"""Run per-file work in worker processes that can be stopped: time and memory limits.

A file that takes too long or needs too much memory must cost that file, never the
run. Limits enforced from inside the work (clocks in loops) miss the loop nobody
thought of, so each file is linted in a worker process that the parent watches:

- **time**: a worker still busy with one file after ``timeout`` seconds is killed,
  the file gets one line ("took longer than 60 s; not linted") and a fresh worker
  takes the next file;
- **memory**: each worker runs under an address-space limit (``RLIMIT_AS``) of its
  size at start plus ``max_memory_mb``; a file that needs more gets one line, and a
  worker that dies any other way ("stopped unexpectedly") costs only its file.

Workers are forked (on Linux) after the parent has loaded what every worker needs,
take one file at a time over a pipe and live for the whole run. Results come back
in the order the files finish; the caller restores document order.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported when a run starts, not with the defaults
    from multiprocessing.connection import Connection

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Default time limit for one file, in seconds (``--timeout``, config ``timeout``).
DEFAULT_TIMEOUT = 60.0
#: Default memory allowance for one worker beyond its size at start, in MB.
DEFAULT_MAX_MEMORY_MB = 1024


@dataclass(frozen=True)
class Limits:
    """How long one file may take and how much memory its worker may add."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB


#: The memory allowance of this process when it is a worker (for the wording).
_allowance_mb: int | None = None


_NO_WORKER = "its worker process could not be started; not linted"


def memory_cause(limit_mb: int | None = None) -> str:
    """What to say of a file that ran out of memory, in the user's terms.

    ``limit_mb`` is the allowance the file ran into (by default, this worker's own).
    """
    limit = limit_mb if limit_mb is not None else _allowance_mb
    if limit is not None:
        return f"needed more than {limit} MB of memory; not linted"
    return "needed more memory than this machine could give; not linted"


def _address_space() -> int | None:
    """The virtual memory size of this process in bytes (Linux), or ``None`` when unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def cap_memory(max_memory_mb: int | None) -> None:
    """Limit this process's address space to its current size plus ``max_memory_mb``.

    Where the platform has no such limit (no ``resource`` or no ``/proc``), nothing is
    capped and the time limit still holds.
    """
    global _allowance_mb
    if max_memory_mb is None:
        return
    try:
        import resource
    except ImportError:
        return
    size = _address_space()
    if size is None:
        return
    limit = size + max_memory_mb * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        return
    _allowance_mb = max_memory_mb


def timeout_cause(seconds: float) -> str:
    """What to say of a file stopped at its time limit."""
    return f"took longer than {seconds:g} s; not linted"


def _serve(connection: Connection, work: Callable[[Any], Any], limits: Limits) -> None:
    """A worker's life: cap memory, then answer one task at a time until told to stop."""
    cap_memory(limits.max_memory_mb)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            result: tuple[str, Any] = ("ok", work(task))
        except MemoryError:
            result = ("memory", None)
        try:
            connection.send((index, result))
        except MemoryError:
            connection.send((index, ("memory", None)))
        except (OSError, ValueError):
            return


class _Worker:
    """One worker process and the task it is busy with."""

    def __init__(self, context: Any, work: Callable[[Any], Any], limits: Limits) -> None:
        parent, child = context.Pipe()
        self.connection: Connection = parent
        self.process = context.Process(target=_serve, args=(child, work, limits), daemon=True)
        self.process.start()
        child.close()
        self.busy: tuple[int, Any] | None = None
        self.started = 0.0
        self.limit: float | None = None

    def give(self, index: int, task: Any, limit: float | None) -> None:
        self.busy = (index, task)
        self.started = time.monotonic()
        self.limit = limit
        self.connection.send((index, task))

    @property
    def deadline(self) -> float | None:
        return None if self.limit is None else self.started + self.limit

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class Supervisor(Generic[_T, _R]):
    """Run ``work`` over tasks in at most ``jobs`` watched worker processes.

    ``failed(task, cause)`` turns a file that broke a limit into its result; the
    cause is a plain phrase such as ``"took longer than 60 s; not linted"``.
    """

    def __init__(
        self,
        work: Callable[[_T], _R],
        failed: Callable[[_T, str], _R],
        jobs: int,
        limits: Limits,
        timeout_of: Callable[[_T], float | None] | None = None,
    ) -> None:
        """Prepare to run; no process starts until :meth:`run`.

        ``timeout_of`` gives a task's own time limit (files under different
        configurations may have different ones); ``limits.timeout`` otherwise.
        """
        self.work = work
        self.failed = failed
        self.jobs = max(1, jobs)
        self.limits = limits
        self.timeout_of = timeout_of or (lambda _task: limits.timeout)
        import multiprocessing

        method = "fork" if sys.platform == "linux" else "spawn"
        self.context = multiprocessing.get_context(method)

    def run(self, tasks: Sequence[tuple[int, _T]]) -> Iterator[tuple[int, _R]]:
        """Yield ``(index, result)`` for every task, as each finishes."""
        pending = list(reversed(tasks))
        workers: list[_Worker] = []
        refused: dict[int, int] = {}  # task index -> workers lost before it started
        try:
            while pending or any(w.busy for w in workers):
                while pending and len(workers) < min(self.jobs, len(tasks)):
                    workers.append(_Worker(self.context, self.work, self.limits))
                for worker in list(workers):
                    if worker.busy is not None or not pending:
                        continue
                    index, task = pending.pop()
                    try:
                        worker.give(index, task, self.timeout_of(task))
                    except (OSError, ValueError):
                        # The worker died between files: the file never started there.
                        worker.busy = None
                        worker.stop(kill=True)
                        workers.remove(worker)
                        refused[index] = refused.get(index, 0) + 1
                        if refused[index] >= 3:
                            yield index, self.failed(task, _NO_WORKER)
                        else:
                            pending.append((index, task))
                yield from self._collect(workers)
        finally:
            for worker in workers:
                worker.stop(kill=worker.busy is not None)

    def _collect(self, workers: list[_Worker]) -> Iterator[tuple[int, _R]]:
        """Wait for a result, a death or a deadline; replace any worker that was lost."""
        busy = [w for w in workers if w.busy is not None]
        if not busy:
            return
        now = time.monotonic()
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else None
        from multiprocessing.connection import wait

        ready = wait(
            [w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for
        )
        for worker in busy:
            assert worker.busy is not None
            index, task = worker.busy
            cause: str | None = None
            if worker.connection in ready:
                try:
                    got, (kind, value) = worker.connection.recv()
                except Exception:  # a pipe cut mid-message, or a result that cannot be read
                    cause = self._death(worker)
                else:
                    worker.busy = None
                    if kind == "ok":
                        yield got, value
                        continue
                    # Out of memory: the answer is the file's; the worker is replaced.
                    yield got, self.failed(task, memory_cause(self.limits.max_memory_mb))
                    worker.stop(kill=True)
                    workers.remove(worker)
                    continue
            elif worker.process.sentinel in ready:
                cause = self._death(worker)
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                cause = timeout_cause(worker.limit or 0)
            if cause is None:
                continue
            yield index, self.failed(task, cause)
            worker.stop(kill=True)
            workers.remove(worker)

    def _death(self, worker: _Worker) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        if self.limits.max_memory_mb is not None and code is not None and code < 0:
            return (
                f"its worker process stopped (signal {-code}), most likely over the "
                f"{self.limits.max_memory_mb} MB memory limit; not linted"
            )
        return f"its worker process stopped unexpectedly (exit code {code}); not linted"

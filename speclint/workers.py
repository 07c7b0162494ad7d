"""Run per-file work in worker processes that can be stopped: time and memory limits.

A file that takes too long or needs too much memory must cost that file, never the
run. Limits enforced from inside the work (clocks in loops) miss the loop nobody
thought of, so each file is linted in a worker process that the parent watches:

- **time**: a worker that has spent ``timeout`` seconds of processor time on one file
  is killed, the file gets one line ("took longer than 60 s; not linted") and a fresh
  worker takes the next file. Processor time, not clock time, so that a busy machine
  (other programs sharing the cores) never stops a file early; a worker that waits
  rather than works is stopped after :data:`CLOCK_FACTOR` times the limit by the clock;
- **memory**: each worker runs under an address-space limit (``RLIMIT_AS``) of its
  size at start plus ``max_memory_mb``; a file that needs more gets one line, and a
  worker that dies any other way ("stopped unexpectedly") costs only its file.

Workers are forked (on Linux) and live for the whole run; each loads the rules and
the engine itself, on its first file, so that this work is done in parallel rather
than by the parent before the fork. A forked worker already holds the task list, so
only a task's number crosses the pipe; each worker keeps a second task queued behind
the one it is busy with, so it never waits for the parent between files. Results come
back in the order the files finish; the caller restores document order.

:class:`Worker` (one process, its pipe and its loop, :func:`serve`) is shared with the
web server's pool (:mod:`speclint.serve.pool`), which adds its own scheduling.

A run of one small text file needs no worker at all: :func:`limited_here` enforces
the same limits in this process (a timer signal for the time, ``RLIMIT_AS`` for the
memory), for work that is pure Python and checks for signals (see :func:`can_limit_here`).
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported when a run starts, not with the defaults
    from multiprocessing.connection import Connection

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Default time limit for one file, in seconds (``--timeout``, config ``timeout``).
DEFAULT_TIMEOUT = 60.0
#: A file is stopped after this many times its time limit by the clock, whatever the
#: processor time it used (a worker that waits on something rather than working).
CLOCK_FACTOR = 5.0
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


def cap_memory(max_memory_mb: int | None, base: int | None = None) -> None:
    """Limit this process's address space to its current size plus ``max_memory_mb``.

    With ``base`` (bytes), the limit is ``base`` plus the allowance instead, so that a
    worker can change its allowance between files; there ``None`` lifts the limit.
    Where the platform has no such limit (no ``resource`` or no ``/proc``), nothing is
    capped and the time limit still holds.
    """
    global _allowance_mb
    if max_memory_mb is None and base is None:
        return
    try:
        import resource
    except ImportError:
        return
    size = base if base is not None else _address_space()
    if size is None:
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if max_memory_mb is None:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        else:
            limit = size + max_memory_mb * 1024 * 1024
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        return
    _allowance_mb = max_memory_mb


def timeout_cause(seconds: float) -> str:
    """What to say of a file stopped at its time limit."""
    return f"took longer than {seconds:g} s; not linted"


class OutOfTime(BaseException):
    """Raised in this process by :func:`limited_here` when the time limit passes.

    ``seconds`` is the limit that was passed (the processor-time limit, or the clock's
    :data:`CLOCK_FACTOR` times it). A ``BaseException``, so that no ``except Exception``
    on the way up can swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def can_limit_here() -> bool:
    """True when :func:`limited_here` can enforce limits in this process.

    That needs a timer signal and ``RLIMIT_AS`` (POSIX), this thread being the main
    thread of a process with no other thread (the memory limit is process-wide), and
    nobody else using ``SIGALRM``, ``SIGPROF`` or their timers.
    """
    import signal
    import threading

    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    if threading.active_count() != 1 or _address_space() is None:
        return False
    return all(
        signal.getsignal(number) in (signal.SIG_DFL, None) and signal.getitimer(timer) == (0.0, 0.0)
        for number, timer in (
            (signal.SIGPROF, signal.ITIMER_PROF),
            (signal.SIGALRM, signal.ITIMER_REAL),
        )
    )


@contextlib.contextmanager
def limited_here(timeout: float | None, max_memory_mb: int | None) -> Iterator[None]:
    """Run the body under a time limit and a memory allowance, in this process.

    Past ``timeout`` seconds of processor time, or :data:`CLOCK_FACTOR` times that by
    the clock, :class:`OutOfTime` is raised wherever the body is (Python runs signal
    handlers between bytecodes, and both regular expression engines check for signals
    while matching); the address space may grow by ``max_memory_mb``, past which
    allocations raise ``MemoryError``. Both limits are lifted on the way out. Only for
    work that calls no C library that can run long or abort on a failed allocation:
    callers check :func:`can_limit_here` and keep PDF and Word files for workers.
    """
    global _allowance_mb
    import resource
    import signal

    armed = [True]

    def stopper(seconds: float) -> Callable[[int, object], None]:
        def stop(_signum: int, _frame: object) -> None:
            if armed[0]:
                raise OutOfTime(seconds)

        return stop

    timers = (
        (signal.SIGPROF, signal.ITIMER_PROF, 1.0),
        (signal.SIGALRM, signal.ITIMER_REAL, CLOCK_FACTOR),
    )
    previous = [
        signal.signal(number, stopper((timeout or 0) * factor)) for number, _t, factor in timers
    ]
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    collecting = gc.isenabled()  # the alarm may land while the collector is paused
    allowance = _allowance_mb
    try:
        if max_memory_mb is not None:
            cap_memory(max_memory_mb)
        if timeout:
            for _number, timer, factor in timers:
                signal.setitimer(timer, timeout * factor)
        yield
    finally:
        armed[0] = False
        for (number, timer, _factor), handler in zip(timers, previous, strict=True):
            signal.setitimer(timer, 0)
            signal.signal(number, handler)
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        _allowance_mb = allowance
        if collecting:
            gc.enable()


_MEMORY = "memory"
_LIMITS = "limits"

#: What a worker does after each answer it sends (see :func:`between_tasks`).
_BETWEEN: list[Callable[[], None]] = []


def between_tasks(hook: Callable[[], None]) -> None:
    """Have every worker call ``hook`` after each answer it sends (once, however often asked).

    For work a task leaves behind that must outlast the worker, whose process ends
    without running :mod:`atexit` handlers: saving what it learnt for the next run,
    say. Failures are ignored.
    """
    if hook not in _BETWEEN:
        _BETWEEN.append(hook)


#: A task's own limits, found by the worker: its time limit (s) and memory allowance (MB).
OwnLimits = tuple[float | None, int | None]


def serve(
    connection: Connection,
    work: Callable[[Any], Any],
    max_memory_mb: int | None,
    tasks: Mapping[int, Any] | None = None,
    limits_of: Callable[[Any], OwnLimits | None] | None = None,
) -> None:
    """A worker's life: cap memory, then answer ``(index, task)`` messages until told to stop.

    Each answer is ``(index, (kind, value), cpu)``: ``("ok", result)``, ``("memory", MB)``
    or ``("error", "Type: message")``, and the processor time this process has used so
    far (where the next task starts, for its time limit). With ``tasks`` (inherited by a
    forked worker) a message carries only the index and the task is ``tasks[index]``. A
    task that runs out of memory ends the worker after its answer, so the next starts
    afresh.

    ``limits_of`` finds a task's own limits here, where the parent gave it the run's
    (its settings are read by the worker): when it returns some, the worker takes that
    memory allowance for the task and first sends ``(index, ("limits", (s, MB)))`` so
    that the parent times the task by its own limit.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    base = _address_space()
    cap_memory(max_memory_mb)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        if tasks is not None:
            task = tasks[index]
        if limits_of is not None:
            own = _own_limits(limits_of, task)
            allowance = max_memory_mb if own is None else own[1]
            if allowance != _allowance_mb and base is not None:
                cap_memory(allowance, base)
            if own is not None:
                try:
                    connection.send((index, (_LIMITS, own), time.process_time()))
                except (OSError, ValueError, EOFError):
                    return
        try:
            result: tuple[str, Any] = ("ok", work(task))
        except MemoryError:
            result = (_MEMORY, _allowance_mb)
        except Exception as exc:
            result = ("error", f"{type(exc).__name__}: {exc}")
        try:
            connection.send((index, result, time.process_time()))
        except MemoryError:
            result = (_MEMORY, _allowance_mb)
            connection.send((index, result, time.process_time()))
        except (OSError, ValueError, EOFError):
            return
        except Exception as exc:  # the result could not be pickled
            failure = ("error", f"{type(exc).__name__}: {exc}")
            connection.send((index, failure, time.process_time()))
        if result[0] == _MEMORY:
            return
        for hook in _BETWEEN:
            with contextlib.suppress(Exception):
                hook()


def _own_limits(limits_of: Callable[[Any], OwnLimits | None], task: Any) -> OwnLimits | None:
    """``limits_of(task)``; when it fails, the run's limits hold and the work says why."""
    try:
        return limits_of(task)
    except Exception:
        return None


class Worker:
    """One worker process running :func:`serve`, the parent's end of its pipe, its queue.

    ``queue`` holds ``(index, task, time limit)`` for each task sent and not yet
    answered, in order: the first is the one the worker is busy with, since
    ``started`` by the clock and ``cpu_start`` in the process's processor time (when
    its answer is read, the next one starts).
    """

    def __init__(
        self,
        context: Any,
        work: Callable[[Any], Any],
        max_memory_mb: int | None,
        tasks: Mapping[int, Any] | None = None,
        name: str = "speclint-worker",
        limits_of: Callable[[Any], OwnLimits | None] | None = None,
    ) -> None:
        """Start the process (``tasks``: the list a forked worker reads tasks from).

        ``limits_of``: see :func:`serve`.
        """
        parent, child = context.Pipe()
        self.connection: Connection = parent
        self.max_memory_mb = max_memory_mb
        #: The memory allowance of the task the worker is busy with, in MB.
        self.allowance = max_memory_mb
        self.by_index = tasks is not None
        self.process = context.Process(
            target=serve,
            args=(child, work, max_memory_mb, tasks, limits_of),
            name=name,
            daemon=True,
        )
        self.process.start()
        child.close()
        self.queue: deque[tuple[int, Any, float | None]] = deque()
        self.started = 0.0
        self.cpu_start = 0.0  # a forked process starts with none used
        self._look_again = 0.0
        self.tasks = 0

    @property
    def busy(self) -> tuple[int, Any] | None:
        """The ``(index, task)`` the worker is busy with, if any."""
        return self.queue[0][:2] if self.queue else None

    def give(self, index: int, task: Any, limit: float | None) -> None:
        """Send a task; raise ``OSError``/``ValueError`` when the worker has gone."""
        self.connection.send((index, None if self.by_index else task))
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append((index, task, limit))
        self.tasks += 1

    def answer(self) -> tuple[int, Any, str, Any]:
        """Read the next answer: ``(index, task, kind, value)``; the next task starts.

        A ``"limits"`` answer is not the task's result: it gives the task its own time
        limit and memory allowance (see :func:`serve`), and the task goes on.
        """
        got, (kind, value), cpu = self.connection.recv()
        if kind == _LIMITS:
            index, task, _limit = self.queue[0]
            assert got == index, "a worker sends the limits of the task it is busy with"
            self.queue[0] = (index, task, value[0])
            self.allowance = value[1]
            return index, task, kind, value
        index, task, _limit = self.queue.popleft()
        assert got == index, "a worker answers its tasks in order"
        self.started = time.monotonic()
        self.cpu_start = cpu
        self._look_again = 0.0
        self.allowance = self.max_memory_mb
        return index, task, kind, value

    @property
    def limit(self) -> float | None:
        """The time limit of the task the worker is busy with."""
        return self.queue[0][2] if self.queue else None

    @property
    def deadline(self) -> float | None:
        """When (by the clock) to ask :meth:`out_of_time` about the task it is busy with."""
        limit = self.limit
        if limit is None:
            return None
        return min(max(self.started + limit, self._look_again), self.started + limit * CLOCK_FACTOR)

    def out_of_time(self, now: float) -> str | None:
        """Why the busy task must stop at ``now`` (see :attr:`deadline`), or ``None``.

        A task is stopped once it has used its limit in processor time, or
        :data:`CLOCK_FACTOR` times it by the clock. Short of both, the next look is when
        the processor time left could at the soonest be spent. Where the worker's
        processor time cannot be read, the clock alone decides.
        """
        limit = self.limit
        deadline = self.deadline
        if limit is None or deadline is None or now < deadline:
            return None
        used = _processor_time(self.process.pid)
        # Linux counts processor time in ticks: within one of the limit is at it.
        if used is None or used - self.cpu_start >= limit - 1 / os.sysconf("SC_CLK_TCK"):
            return timeout_cause(limit)
        if now - self.started >= limit * CLOCK_FACTOR:
            return timeout_cause(limit * CLOCK_FACTOR)
        self._look_again = now + max(limit - (used - self.cpu_start), 0.01)
        return None

    def death(self) -> str:
        """Why the process stopped, in the user's terms (after it has)."""
        self.process.join(timeout=1)
        code = self.process.exitcode
        if self.allowance is not None and code is not None and code < 0:
            return (
                f"its worker process stopped (signal {-code}), most likely over the "
                f"{self.allowance} MB memory limit; not linted"
            )
        how = f" (exit code {code})" if code is not None else ""
        return f"its worker process stopped unexpectedly{how}; not linted"

    @property
    def alive(self) -> bool:
        """True while the process runs and its pipe is open."""
        return not self.connection.closed and self.process.is_alive()

    def stop(self, *, kill: bool = False) -> None:
        """Stop the process: ask it to finish, or kill it outright."""
        if kill:
            self.process.kill()
        elif not self.connection.closed:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.connection.close()


def _processor_time(pid: int | None) -> float | None:
    """Processor time (user and system, in seconds) process ``pid`` has used, where Linux says."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def fork_context() -> tuple[Any, bool]:
    """The multiprocessing context for workers, and whether it forks (tasks inherited)."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False


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
        limits_of: Callable[[_T], OwnLimits | None] | None = None,
    ) -> None:
        """Prepare to run; no process starts until :meth:`run`.

        ``timeout_of`` gives a task's own time limit (files under different
        configurations may have different ones); ``limits.timeout`` otherwise.
        ``limits_of``, run in the worker, gives a task's own limits when only the
        worker can know them (see :func:`serve`).
        """
        self.work = work
        self.failed = failed
        self.jobs = max(1, jobs)
        self.limits = limits
        self.timeout_of = timeout_of or (lambda _task: limits.timeout)
        self.limits_of = limits_of
        self.context, self.forks = fork_context()

    def run(self, tasks: Sequence[tuple[int, _T]]) -> Iterator[tuple[int, _R]]:
        """Yield ``(index, result)`` for every task, as each finishes.

        Tasks are handed out in the order given. With many more tasks than workers,
        each worker keeps one more queued behind the one it is busy with.
        """
        pending = deque(tasks)
        count = min(self.jobs, len(tasks))
        depth = 2 if len(tasks) > 4 * count else 1
        # A forked worker holds every task already: only its number need be sent.
        table: dict[int, _T] | None = dict(tasks) if self.forks else None
        workers: list[Worker] = []
        refused: dict[int, int] = {}  # task index -> workers lost before it started
        try:
            while pending or any(w.queue for w in workers):
                while pending and len(workers) < count:
                    workers.append(
                        Worker(
                            self.context,
                            self.work,
                            self.limits.max_memory_mb,
                            table,
                            limits_of=self.limits_of,
                        )
                    )
                for worker in list(workers):
                    while pending and len(worker.queue) < depth:
                        index, task = pending.popleft()
                        try:
                            worker.give(index, task, self.timeout_of(task))
                        except (OSError, ValueError):
                            if worker.queue:
                                # It died on a file it was given before: that file is the
                                # suspect, and _collect reads its answers and says so.
                                pending.appendleft((index, task))
                                break
                            # The worker died between files: the file never started there.
                            pending.extendleft(reversed([(i, t) for i, t, _ in worker.queue]))
                            worker.queue.clear()
                            worker.stop(kill=True)
                            workers.remove(worker)
                            refused[index] = refused.get(index, 0) + 1
                            if refused[index] >= 3:
                                yield index, self.failed(task, _NO_WORKER)
                            else:
                                pending.appendleft((index, task))
                            break
                yield from self._collect(workers, pending)
        finally:
            for worker in workers:
                worker.stop(kill=bool(worker.queue))

    def _collect(
        self, workers: list[Worker], pending: deque[tuple[int, _T]]
    ) -> Iterator[tuple[int, _R]]:
        """Wait for answers, a death or a deadline; replace any worker that was lost.

        The tasks queued behind a lost worker's current one go back to ``pending``.
        """
        busy = [w for w in workers if w.queue]
        if not busy:
            return
        now = time.monotonic()
        deadlines = [d for d in (w.deadline for w in busy) if d is not None]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else None
        ready = _ready([w.connection for w in busy] + [w.process.sentinel for w in busy], wait_for)
        for worker in busy:
            cause: str | None = None
            lost = False
            if worker.connection in ready:
                try:
                    more = True
                    while worker.queue and more:
                        allowance = worker.allowance
                        index, task, kind, value = worker.answer()
                        more = bool(_ready([worker.connection], 0))
                        if kind == _LIMITS:
                            continue
                        if kind == "ok":
                            yield index, value
                            continue
                        if kind == "error":
                            yield index, self.failed(task, internal_cause(value))
                            continue
                        # Out of memory: the answer is the file's; the worker is replaced.
                        yield index, self.failed(task, memory_cause(value or allowance))
                        lost = True
                        break
                except Exception:  # a pipe cut mid-message, or a result that cannot be read
                    cause = worker.death()
            elif worker.process.sentinel in ready:
                cause = worker.death()
            else:
                cause = worker.out_of_time(time.monotonic())
            if cause is not None and worker.queue:
                index, task, _limit = worker.queue.popleft()
                yield index, self.failed(task, cause)
                lost = True
            elif cause is not None:
                lost = True
            if lost:
                pending.extendleft(reversed([(i, t) for i, t, _ in worker.queue]))
                worker.queue.clear()
                worker.stop(kill=True)
                workers.remove(worker)


def _ready(objects: list[Any], timeout: float | None) -> list[Any]:
    """Those of ``objects`` (connections and process sentinels) ready to read.

    As :func:`multiprocessing.connection.wait` does, but with one ``poll`` call where
    the platform has it: the parent asks this after every file, so it must cost little.
    """
    import select

    if not hasattr(select, "poll"):
        from multiprocessing.connection import wait

        return wait(objects, timeout)
    poller = select.poll()
    by_fd: dict[int, Any] = {}
    for item in objects:
        fd = item if isinstance(item, int) else item.fileno()
        by_fd[fd] = item
        poller.register(fd, select.POLLIN)  # hang-ups and errors are reported too
    wait_ms = None if timeout is None else max(0, math.ceil(timeout * 1000))
    return [by_fd[fd] for fd, _events in poller.poll(wait_ms)]


def internal_cause(detail: str) -> str:
    """What to say of a task that raised in its worker (a bug, not the file's fault)."""
    return (
        f"could not be linted because of an internal error ({detail}); "
        "please report it with the file if you can"
    )

"""A run over paths whose parent process only walks, hands out files and writes.

The parent's time is the part of a parallel run that does not shrink with more
workers, so here it does as little as it can, without loading pydantic, the models or
the rules: it walks the folders (:mod:`speclint.walking`) and gives each file's number
to a worker (:class:`speclint.workers.Supervisor`). Each worker finds the file's
configuration itself (the nearest ``speclint.toml`` or ``pyproject.toml``, looked for
once a folder in that worker), leaves out an excluded file, looks in the results cache,
lints the file and returns what the report says of it already rendered
(:func:`speclint.formatters.stream.piece`): a small tuple, not a report object.

A file whose configuration sets other limits than the run's tells its worker, which
tells the parent (:func:`speclint.workers.serve`), so each file keeps its own time limit
and memory allowance. Runs the parent must do itself (no limits at all, or one small
file) go through :func:`speclint.api.stream_paths`.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from speclint.walking import Found, Skipped, collect, unlinted
from speclint.workers import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, Limits, OwnLimits

if TYPE_CHECKING:
    from speclint.api import _Resolver
    from speclint.config import Settings


class Failed(NamedTuple):
    """A file that could not be linted (or a path that led to none), and why."""

    path: str
    message: str


class _Job(NamedTuple):
    """What every worker of a run needs to resolve and lint the files it is given."""

    fixed: Settings | None
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    timeout: float | None
    max_memory: int | None
    cache_dir: str | None
    transform: Callable[[Any], Any]
    provisional: tuple[float | None, int | None]


class _Entry(NamedTuple):
    """One file found: how the walk found it, and its resolved path when known."""

    found: Found
    where: Path | None


def stream(
    paths: Iterable[str | Path],
    transform: Callable[[Any], Any],
    *,
    config_file: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float | None = None,
    max_memory: int | None = None,
    include: Iterable[str] = (),
    respect_gitignore: bool | None = None,
) -> tuple[tuple[Any, ...], Iterator[Any]]:
    """:func:`speclint.api.stream_paths` with ``transform`` applied in the workers.

    Returns the documents skipped (each with ``path`` and ``reason``) and an iterator of
    results in report order: what ``transform`` (picklable) makes of each file's report,
    or a :class:`Failed` (or :class:`~speclint.models.FileError`) line. The options are
    those of :func:`speclint.api.check_paths`.
    """
    chosen = tuple(select) if select is not None else None
    extra = tuple(ignore)
    options = dict(
        config_file=config_file,
        select=chosen,
        ignore=extra,
        jobs=jobs,
        cache_dir=cache_dir,
        progress=progress,
        timeout=timeout,
        max_memory=max_memory,
        include=include,
        respect_gitignore=respect_gitignore,
        transform=transform,
    )
    if timeout == 0 and max_memory == 0:  # no limits: linted here, one by one
        return _in_parent(paths, options)
    paths = list(paths)
    real: dict[str, Path] = {}
    walked = collect(
        paths, include, real, respect_gitignore=respect_gitignore, config_file=config_file
    )
    if len(walked.files) <= 1:  # one small file may be linted here, under its limits
        return _in_parent(paths, options)
    fixed = None
    if chosen or extra or config_file:
        # A mistyped code or a bad --config file is a usage error, said before any work.
        from speclint.config import load_file, validate_selectors
        from speclint.registry import builtin_registry

        registry = builtin_registry()
        validate_selectors(chosen or (), registry, "--select")
        validate_selectors(extra, registry, "--ignore")
        fixed = load_file(config_file, registry) if config_file else None
    run_timeout = (
        (fixed.timeout if fixed is not None else DEFAULT_TIMEOUT)
        if timeout is None
        else (timeout or None)
    )
    run_memory = (
        (fixed.max_memory if fixed is not None else DEFAULT_MAX_MEMORY_MB)
        if max_memory is None
        else (max_memory or None)
    )
    job = _Job(
        fixed,
        chosen,
        extra,
        timeout,
        max_memory,
        str(cache_dir) if cache_dir is not None else None,
        transform,
        (run_timeout, run_memory),
    )
    entries = [_Entry(found, real.get(found.path)) for found in walked.files]
    return tuple(walked.skipped), _results(job, entries, walked, jobs, progress)


def _in_parent(
    paths: Iterable[str | Path], options: dict[str, Any]
) -> tuple[tuple[Any, ...], Iterator[Any]]:
    from speclint.api import stream_paths

    return stream_paths(paths, **options)


#: How many files at a time are reordered, largest first, for the workers.
_WINDOW = 64


def _results(
    job: _Job, entries: list[_Entry], walked: Any, jobs: int, progress: Any
) -> Iterator[Any]:
    """Each file's result in report order, then a line for each path that led to none."""
    from speclint.workers import Supervisor

    todo = list(enumerate(entries))
    if min(jobs, len(todo)) > 1:
        # The largest files first, so that no worker is left with a long one at the end;
        # only within a window, so that few results wait for an earlier file.
        todo = [
            item
            for start in range(0, len(todo), _WINDOW)
            for item in sorted(todo[start : start + _WINDOW], key=lambda t: -_size(t[1]))
        ]
    timeout, memory = job.provisional
    supervisor: Supervisor[_Entry, Any] = Supervisor(
        functools.partial(_work, job),
        lambda entry, cause: Failed(entry.found.path, cause),
        jobs,
        Limits(timeout=timeout, max_memory_mb=memory),
        limits_of=functools.partial(_limits_of, job),
    )
    taken: Counter[str] = Counter()
    excluded: Counter[str] = Counter()
    waiting: dict[int, Any] = {}
    following = 0
    done = 0
    for i, result in supervisor.run(todo):
        waiting[i] = result
        done += 1
        if progress is not None:
            progress(done, len(entries))
        while following in waiting:
            found = waiting.pop(following)
            given = entries[following].found.given
            following += 1
            if found is None:
                excluded[given] += 1
                continue
            taken[given] += 1
            yield found
    for path, message in unlinted(walked, taken, excluded):
        yield Failed(path, message)


def _size(entry: _Entry) -> int:
    try:
        return os.stat(entry.found.path).st_size
    except OSError:
        return 0


#: The worker's resolver, made on its first file (workers are forked for one run).
_resolvers: dict[int, _Resolver] = {}


def _resolver(job: _Job) -> _Resolver:
    found = _resolvers.get(id(job))
    if found is None:
        from speclint.api import _Resolver

        found = _resolvers[id(job)] = _Resolver(
            job.fixed, job.select, job.ignore, job.timeout, job.max_memory, job.cache_dir, None
        )
    return found


#: In a worker: the last file resolved and its task (asked for its limits, then linted).
_last: list[Any] = [None, None]


def _task(job: _Job, entry: _Entry) -> Any:
    if _last[0] is not entry:
        _last[:] = [entry, _resolver(job).task(entry.found, entry.where)]
    return _last[1]


def _limits_of(job: _Job, entry: _Entry) -> OwnLimits | None:
    """In a worker: the file's own limits when they are not the run's (else ``None``)."""
    task = _task(job, entry)
    settings = getattr(task, "settings", None)
    if settings is None:
        return None
    own = (settings.timeout, settings.max_memory)
    return None if own == job.provisional else own


def _work(job: _Job, entry: _Entry) -> Any:
    """In a worker: the file's result, a :class:`Failed` line, or ``None`` when excluded."""
    from speclint.api import _lint_transformed
    from speclint.models import FileError

    task = _task(job, entry)
    if task is None:
        return None
    if isinstance(task, FileError):
        return Failed(task.path, task.message)
    result = _lint_transformed(job.transform, task)
    return Failed(result.path, result.message) if isinstance(result, FileError) else result


__all__ = ["Failed", "Skipped", "stream"]

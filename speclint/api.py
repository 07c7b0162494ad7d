"""The public Python API. The command line is a thin layer over these functions.

>>> import speclint
>>> report = speclint.check_text("4.2 Supervision is delivered within existing resources.")
>>> [f.code for f in report.findings]
['RFL001']
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from speclint.baseline import Baseline
from speclint.config import Settings, discover, load_file, path_matches, validate_selectors
from speclint.errors import InputError, SpeclintError
from speclint.models import (
    Clause,
    Document,
    FileError,
    FileOutline,
    FileReport,
    InputFormat,
    Location,
    OutlineNode,
    OutlineReport,
    OutlineUnit,
    Report,
    SkippedFile,
)
from speclint.parsers import (
    parse_bytes,
    parse_path,
    read_file,
    require_format,
)
from speclint.paths import resolved, windows_hint
from speclint.registry import builtin_registry
from speclint.results_cache import ResultsCache
from speclint.skipping import BAD_CONFIGURATION, skip_reason
from speclint.walking import Found, collect, unlinted

if TYPE_CHECKING:
    from speclint.registry import RuleRegistry
    from speclint.rules import Rule


class Collected(NamedTuple):
    """What :func:`collect_files` found: files to lint, documents skipped, empty folders."""

    files: list[Found]
    skipped: list[SkippedFile]
    empty: list[str]


def collect_files(
    paths: Iterable[str | Path],
    include: Iterable[str] = (),
    *,
    respect_gitignore: bool | None = None,
) -> Collected:
    """Expand ``paths``: files as given, folders recursively (sorted) by known suffix.

    In a folder, ``.md``, ``.markdown``, ``.txt``, ``.docx`` and ``.pdf`` files are
    taken, and so are files matching an ``include`` glob (such as ``*.rst``, matched
    against the name or the path below the folder), read as plain text. Other
    document-like files (``.doc``, ``.odt``, ``.xlsx``...) are listed in ``skipped``
    with the reason and the fix; images and other files are passed over. A file
    reached twice is taken once, the first time. ``empty`` lists the folders given
    that hold no file to lint. In a git repository, what git ignores is left out of
    folders unless ``respect_gitignore`` is false (``None``: as the configuration says).
    """
    walked = collect(paths, include, {}, respect_gitignore=respect_gitignore)
    skipped = [SkippedFile(path=s.path, reason=s.reason) for s in walked.skipped]
    return Collected(walked.files, skipped, walked.empty)


def iter_files(
    paths: Iterable[str | Path], include: Iterable[str] = ()
) -> Iterator[tuple[str, bool]]:
    """Expand ``paths`` as :func:`collect_files` does; yield ``(path, named)`` for each file.

    ``named`` is true for a path the user gave directly. A file reached twice (named
    twice, or inside two of the folders given) is yielded once, the first time.
    """
    for found in collect_files(paths, include).files:
        yield found.path, found.named


def check_document(
    document: Document, config: Settings | None = None, rules: list[Rule] | None = None
) -> FileReport:
    """Lint a document that has already been parsed, with the built-in rules.

    ``config`` chooses the rules and their severities (defaults when ``None``);
    ``rules`` replaces the rules to run. Every other way of linting comes here. The
    engine is imported on first use, so that a run answered wholly from the results
    cache never loads the rules or the grammars.
    """
    from speclint.engine import Engine

    return Engine(builtin_registry(), config, rules).run(document)


def _parse_and_check(parse: Callable[[], Document], config: Settings | None) -> FileReport:
    """:func:`check_document` of what ``parse`` reads, the collector paused for both.

    Parsing allocates a block, a location and a run of text per paragraph, all freed by
    reference counting; with the collector on, each sweep it triggers walks every object
    alive (the rules and concepts too) to free nothing (:mod:`speclint.engine.collector`).
    """
    from speclint.engine.collector import collector_paused

    with collector_paused():
        return check_document(parse(), config)


def outline_document(document: Document, *, tree: bool = False) -> FileOutline:
    """The units the rules read in ``document``, in document order.

    Each unit has the clause number as printed, its heading path, where its own text
    starts (as a finding there would be placed) and its text as the rules read it.
    With ``tree``, the outline also holds the clause tree: every clause with the
    clauses and list items nested under it, which is how each got its number.
    """
    from speclint.structure import build_outline

    outline = build_outline(document)

    def place(unit: Clause) -> Location:
        own = unit.lead_in + 1 if unit.lead_in else 0
        return outline.locate(unit, own, len(unit.text))

    def node(clause: Clause, children: tuple[OutlineNode, ...]) -> OutlineNode:
        return OutlineNode(
            clause=clause.number,
            heading=" ".join(clause.heading.split()) if clause.heading else None,
            kind=clause.kind,
            location=place(clause),
            text=clause.text,
            lead_in=clause.lead_in,
            children=children,
        )

    units = tuple(
        OutlineUnit(
            clause=unit.number,
            section=unit.heading_path,
            location=place(unit),
            text=unit.text,
            kind=unit.kind,
            lead_in=unit.lead_in,
        )
        for unit in outline.units
    )
    return FileOutline(
        path=document.path,
        format=document.format,
        units=units,
        tree=_tree(outline.clauses, node) if tree else None,
    )


def _tree(
    roots: list[Clause], node: Callable[[Clause, tuple[OutlineNode, ...]], OutlineNode]
) -> tuple[OutlineNode, ...]:
    """``node`` of every clause under ``roots``, children first, without recursion."""
    done: dict[int, OutlineNode] = {}
    for clause in reversed([c for root in roots for c in root.walk()]):
        done[id(clause)] = node(clause, tuple(done[id(child)] for child in clause.children))
    return tuple(done[id(root)] for root in roots)


def outline_paths(paths: Iterable[str | Path], *, tree: bool = False) -> OutlineReport:
    """The outline of every file under ``paths``; an unreadable file is one error line.

    ``tree`` adds each file's clause tree (see :func:`outline_document`).
    """
    walked = collect(paths, (), {})
    results = [
        _guarded(
            found.path,
            lambda path=found.path: outline_document(parse_path(path), tree=tree),  # type: ignore[misc]
            "outlined",
        )
        for found in walked.files
    ]
    # A folder with no document in it is an error line, worded as 'check' words it.
    taken = Counter(found.given for found in walked.files)
    results += [FileError(path=path, message=why) for path, why in unlinted(walked, taken, {})]
    return OutlineReport(
        files=tuple(r for r in results if isinstance(r, FileOutline)),
        errors=tuple(r for r in results if isinstance(r, FileError)),
    )


def check_file(path: str | Path, config: Settings | None = None) -> FileReport:
    """Parse and lint one file; raises :class:`InputError` when it cannot be read."""
    settings = config if config is not None else discover(path)
    return _parse_and_check(lambda: parse_path(path), settings)


def check_paths(
    paths: Iterable[str | Path],
    config: Settings | None = None,
    *,
    config_file: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    baseline: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float | None = None,
    max_memory: int | None = None,
    include: Iterable[str] = (),
    respect_gitignore: bool | None = None,
) -> Report:
    """Lint files and directories; every readable file is linted even if others fail.

    ``config`` applies to every file; otherwise ``config_file`` does; otherwise each
    file uses the nearest ``speclint.toml`` or ``pyproject.toml`` above it. On top,
    as the command line does, ``select`` replaces the configured selection and
    ``ignore`` adds to the configured ignores.

    ``jobs`` lints that many files at once in separate processes (the report is the
    same, in the same order, whatever ``jobs`` is). ``cache_dir`` keeps results on
    disk so that unchanged files are not linted again; ``baseline`` names a file
    written by :func:`speclint.baseline.write_baseline` whose findings are left out.
    ``progress`` is called with ``(done, total)`` after each file.

    ``include`` adds globs (such as ``*.rst``) of files in folders to read as plain
    text. Document-like files speclint cannot read (``.doc``, ``.odt``, ``.xlsx``...)
    are listed in :attr:`Report.skipped`; a folder that holds nothing to lint is an
    error line, so that a run over the wrong folder is never a clean report. In a git
    repository, the files git ignores are left out of folders unless
    ``respect_gitignore`` is false (``None``: ``respect-gitignore`` in the configuration).

    ``timeout`` (seconds) and ``max_memory`` (MB) replace the configured limits for
    one file (``0`` for none); a file over a limit is one :class:`FileError` line.
    """
    known = Baseline.load(baseline) if baseline is not None else None
    options = _Options(
        config,
        config_file,
        select,
        ignore,
        cache_dir,
        timeout,
        max_memory,
        include,
        respect_gitignore,
    )
    skipped, results = options.stream(paths, jobs, progress)
    done = list(results)
    report = Report(
        files=tuple(r for r in done if isinstance(r, FileReport)),
        errors=tuple(r for r in done if isinstance(r, FileError)),
        skipped=skipped,
    )
    return known.filter(report) if known is not None else report


def stream_paths(
    paths: Iterable[str | Path],
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
    transform: Callable[[FileReport], Any] | None = None,
) -> tuple[tuple[SkippedFile, ...], Iterator[Any]]:
    """Lint as :func:`check_paths` does, giving each file's result as soon as it is known.

    Returns the documents skipped and an iterator of results (a :class:`FileReport`,
    or what ``transform`` makes of it, or a :class:`FileError`) in the order
    :func:`check_paths` reports them, so a caller can write each file out and let it
    go: a run over thousands of files never holds every report. ``transform`` runs in
    the worker processes when there are some (it must then be picklable: a
    module-level function or a ``functools.partial`` of one).
    """
    options = _Options(
        None,
        config_file,
        select,
        ignore,
        cache_dir,
        timeout,
        max_memory,
        include,
        respect_gitignore,
    )
    return options.stream(paths, jobs, progress, transform)


class _Options(NamedTuple):
    """What :func:`check_paths` and :func:`stream_paths` share: which files, and how.

    ``config`` applies to every file when given; otherwise ``config_file`` does;
    otherwise each file's own configuration. ``select`` and ``ignore`` are the command
    line's choices on top, ``timeout`` and ``max_memory`` its limits.
    """

    config: Settings | None
    config_file: str | Path | None
    select: Iterable[str] | None
    ignore: Iterable[str]
    cache_dir: str | Path | None
    timeout: float | None
    max_memory: int | None
    include: Iterable[str]
    respect_gitignore: bool | None

    def stream(
        self,
        paths: Iterable[str | Path],
        jobs: int,
        progress: Callable[[int, int], None] | None,
        transform: Callable[[FileReport], Any] | None = None,
    ) -> tuple[tuple[SkippedFile, ...], Iterator[Any]]:
        """The documents skipped, and every file's result in report order as it comes."""
        tasks, skipped = _plan(paths, self)
        return skipped, _in_order(tasks, jobs, progress, transform)


def _in_order(
    tasks: list[_Task | FileError],
    jobs: int,
    progress: Callable[[int, int], None] | None,
    transform: Callable[[FileReport], Any] | None = None,
) -> Iterator[Any]:
    """Every task's result in task order, each as soon as those before it are done."""
    waiting: dict[int, Any] = {}
    todo = [(i, t) for i, t in enumerate(tasks) if isinstance(t, _Task)]
    for i, t in enumerate(tasks):
        if isinstance(t, FileError):
            waiting[i] = t
    done = len(tasks) - len(todo)
    following = 0
    for i, result in _lint_all(todo, jobs, transform):
        waiting[i] = result
        done += 1
        if progress is not None:
            progress(done, len(tasks))
        while following in waiting:
            yield waiting.pop(following)
            following += 1
    while following in waiting:
        yield waiting.pop(following)
        following += 1


def _plan(
    paths: Iterable[str | Path], options: _Options
) -> tuple[list[_Task | FileError], tuple[SkippedFile, ...]]:
    """The files to lint, each with its settings (or the error line it gets), and those skipped."""
    chosen = tuple(options.select) if options.select is not None else None
    extra = tuple(options.ignore)
    registry = builtin_registry()
    validate_selectors(chosen or (), registry, "--select")
    validate_selectors(extra, registry, "--ignore")
    fixed = options.config
    if fixed is None and options.config_file:
        fixed = load_file(options.config_file, registry)
    folder = str(options.cache_dir) if options.cache_dir is not None else None
    tasks: list[_Task | FileError] = []
    real: dict[str, Path] = {}
    collected = collect(
        paths,
        options.include,
        real,
        respect_gitignore=options.respect_gitignore,
        config_file=options.config_file,
    )
    taken: Counter[str] = Counter()
    excluded: Counter[str] = Counter()
    resolver = _Resolver(
        fixed, chosen, extra, options.timeout, options.max_memory, folder, registry
    )
    for entry in collected.files:
        task = resolver.task(entry, real.get(entry.path))
        if task is None:
            excluded[entry.given] += 1
        else:
            tasks.append(task)
            taken[entry.given] += 1
    tasks += [
        FileError(path=given, message=message)
        for given, message in unlinted(collected, taken, excluded)
    ]
    return tasks, tuple(SkippedFile(path=s.path, reason=s.reason) for s in collected.skipped)


class _Resolver:
    """Each file's settings, looked for once a folder, and whether it is linted at all.

    The parent process uses one to plan a run; with :mod:`speclint.fanout`, each worker
    keeps its own and resolves the files it is given.
    """

    def __init__(
        self,
        fixed: Settings | None,
        chosen: tuple[str, ...] | None,
        extra: tuple[str, ...],
        timeout: float | None,
        max_memory: int | None,
        folder: str | None,
        registry: RuleRegistry | None,
    ) -> None:
        """Resolve with ``fixed`` settings (else each file's own) and the command line's choices."""
        self.fixed = fixed
        self.chosen = chosen
        self.extra = extra
        self.timeout = timeout
        self.max_memory = max_memory
        self.folder = folder
        self.registry = registry or builtin_registry()
        self.found: dict[Path, Settings] = {}
        self.in_folder: dict[Path, Settings | SpeclintError] = {}
        # id of a configuration -> it, and it with the command line's choices
        self.made: dict[int, tuple[Settings, Settings]] = {}
        self.roots: dict[Path, Path] = {}

    def task(self, entry: Found, where: Path | None) -> _Task | FileError | None:
        """The file's task, or the error line it gets, or ``None`` when it is left out.

        ``where`` is the file's resolved path when the walk knows it already.
        """
        path = entry.path
        try:
            if self.fixed is not None:
                base = self.fixed
            elif where is None:
                base = discover(path, self.found, self.registry)
            else:
                # A file reached through no link takes its folder's configuration.
                base = _settings_of(where.parent, self.in_folder, self.found, self.registry)
        except SpeclintError as exc:
            return FileError(path=path, message=f"{BAD_CONFIGURATION}: {exc}")
        if id(base) in self.made:
            settings = self.made[id(base)][1]
        else:
            settings = base.selecting(self.chosen, self.extra)
            if self.timeout is not None or self.max_memory is not None:
                settings = settings.with_limits(self.timeout, self.max_memory)
            self.made[id(base)] = (base, settings)
        # A path named outright is linted.
        if entry.named or not _excluded(settings, path, where, self.roots):
            return _Task(path, settings, self.folder, entry.fmt)
        return None


def _settings_of(
    folder: Path,
    known: dict[Path, Settings | SpeclintError],
    found: dict[Path, Settings],
    registry: RuleRegistry,
) -> Settings:
    """The configuration of the files in ``folder`` (resolved), looked for once a folder."""
    settings = known.get(folder)
    if settings is None:
        try:
            settings = discover(folder, found, registry)
        except SpeclintError as exc:
            settings = exc
        known[folder] = settings
    if isinstance(settings, SpeclintError):
        raise settings
    return settings


def _excluded(settings: Settings, path: str, where: Path | None, roots: dict[Path, Path]) -> bool:
    """:meth:`Settings.excluded`, with the file's resolved path when it is known already."""
    patterns = settings.exclude + settings.extend_exclude
    if not patterns:
        return False
    if where is None:
        return settings.excluded(path)
    rel = Path(path).as_posix()  # as Settings.relative says it
    if settings.root is not None:
        root = roots.get(settings.root)
        if root is None:
            root = roots[settings.root] = resolved(settings.root)
        with contextlib.suppress(ValueError):
            rel = where.relative_to(root).as_posix()
    return any(path_matches(rel, pattern) for pattern in patterns)


class _Task(NamedTuple):
    """One file to lint: its settings, the results cache folder (if any) and its format."""

    path: str
    settings: Settings
    cache_dir: str | None
    fmt: InputFormat | None = None


def _lint_task(task: _Task) -> FileReport | FileError:
    """Lint one file, through the results cache when there is one."""
    result = _lint_file(task, as_json=False)
    assert not isinstance(result, bytes)
    return result


def _lint_task_json(task: _Task) -> bytes | FileError:
    """Lint one file in a worker: its report as JSON (compact to send, quick to read back)."""
    result = _lint_file(task, as_json=True)
    assert not isinstance(result, FileReport)
    return result


def _lint_file(task: _Task, *, as_json: bool) -> FileReport | bytes | FileError:
    """Lint one file; the report as an object or (``as_json``) as its JSON, cached either way."""

    def lint() -> FileReport | bytes:
        fmt = task.fmt or _require_format(task.path)
        data = read_file(task.path)
        cache = ResultsCache(task.cache_dir) if task.cache_dir is not None else None
        key = cache.key(data, task.path, task.settings) if cache is not None else ""
        if cache is not None and not as_json:
            found = cache.get(key)
            if found is not None:
                return found
        # As JSON, the file is in a worker because the parent found no entry for it.
        report = _parse_and_check(lambda: parse_bytes(data, task.path, fmt), task.settings)
        if cache is None and not as_json:
            return report
        content = report.model_dump_json().encode("utf-8")
        if cache is not None:
            cache.put_json(key, content)
        return content if as_json else report

    return _guarded(task.path, lint)


def _from_cache(task: _Task) -> FileReport | None:
    """The cached report of ``task``'s file, when the results cache has one (else ``None``).

    Run in the parent before any worker starts: a hit costs reading and hashing the
    file and reading one entry, so a warm run starts no worker at all.
    """
    if task.cache_dir is None:
        return None
    try:
        data = read_file(task.path)
    except SpeclintError:
        return None  # linted, so that its error line says why
    return ResultsCache(task.cache_dir).get(ResultsCache.key_for(data, task.path, task.settings))


#: The largest Markdown or plain-text file linted in this process when it is the only
#: file of a run (limits enforced here, see :func:`speclint.workers.limited_here`).
_IN_PROCESS_BYTES = 1_000_000


def _lint_here(task: _Task) -> bool:
    """True when the only file of a run can be linted in this process, under its limits.

    Markdown and plain text are read by pure Python, which the time limit's signal can
    stop anywhere; Word and PDF call C libraries that cannot be stopped, so they get a
    worker process.
    """
    if task.fmt not in ("md", "txt"):
        return False
    try:
        info = os.stat(task.path)
    except OSError:
        return False
    import stat

    if not stat.S_ISREG(info.st_mode) or info.st_size > _IN_PROCESS_BYTES:
        return False
    from speclint.workers import can_limit_here

    return can_limit_here()


def _lint_all(
    todo: list[tuple[int, _Task]], jobs: int, transform: Callable[[FileReport], Any] | None = None
) -> Iterator[tuple[int, Any]]:
    """Each task's index and result (its report, or what ``transform`` makes of it).

    Files the results cache already holds are answered here first. Every other file
    is linted in a worker that is stopped when it runs past its time limit or memory
    allowance (:mod:`speclint.workers`), so one pathological file costs one line,
    never the run; the only file of a run, when it is small Markdown or text, is
    linted here under the same limits. With no limits at all, files are linted here,
    one by one. A worker applies ``transform`` itself, so that work (rendering a file's
    output, say) is shared out too.
    """

    def made(result: FileReport | FileError) -> Any:
        return result if transform is None or isinstance(result, FileError) else transform(result)

    memories = [task.settings.max_memory for _, task in todo]
    timeouts = [task.settings.timeout for _, task in todo]
    limited = any(t is not None for t in timeouts) or any(m is not None for m in memories)
    missed: list[tuple[int, _Task]] = []
    if transform is not None and limited and min(jobs, len(todo)) > 1:
        # Workers look in the cache themselves: reading, hashing and rendering a cached
        # file is shared out like linting it, and a warm run forks workers cheaply.
        missed = list(todo)
    else:
        for i, task in todo:
            hit = _from_cache(task)
            if hit is not None:
                yield i, made(hit)
            else:
                missed.append((i, task))
    if not missed:
        return
    if not limited:
        for i, task in missed:
            yield i, made(_lint_task(task))
        return
    if len(missed) == 1 and _lint_here(missed[0][1]):
        i, task = missed[0]
        yield i, made(_lint_limited_here(task))
        return
    from speclint.workers import Limits, Supervisor

    if min(jobs, len(missed)) > 1:
        # The largest files first, so that no worker is left with a long one at the end;
        # only within a window, so that the results waiting for an earlier file (to be
        # given in order) stay few. Each worker loads the rules and the engine itself,
        # on its first file to lint: done in parallel, where loading them here is serial.
        missed = [
            item
            for start in range(0, len(missed), _WINDOW)
            for item in sorted(missed[start : start + _WINDOW], key=lambda t: -_size(t[1].path))
        ]
    # Each file keeps its own time limit; the memory cap is set once per worker.
    allowed = [task.settings.max_memory for _, task in missed]
    limits = Limits(timeout=None, max_memory_mb=max((m for m in allowed if m), default=None))
    work: Callable[[_Task], Any] = (
        _lint_task_json if transform is None else functools.partial(_lint_transformed, transform)
    )
    supervisor: Supervisor[_Task, Any] = Supervisor(
        work,
        lambda task, cause: FileError(path=task.path, message=cause),
        jobs,
        limits,
        timeout_of=lambda task: task.settings.timeout,
    )
    for i, result in supervisor.run(missed):
        yield i, FileReport.model_validate_json(result) if isinstance(result, bytes) else result


#: How many files at a time are reordered, largest first, for the workers.
_WINDOW = 64


def _lint_transformed(transform: Callable[[FileReport], Any], task: _Task) -> Any:
    """Lint one file in a worker and return what ``transform`` makes of its report."""
    result = _lint_task(task)
    return result if isinstance(result, FileError) else transform(result)


def _lint_limited_here(task: _Task) -> FileReport | FileError:
    """Lint ``task`` in this process under its time limit and memory allowance."""
    from speclint.workers import OutOfTime, limited_here, timeout_cause

    timeout = task.settings.timeout
    try:
        with limited_here(timeout, task.settings.max_memory):
            return _lint_task(task)
    except OutOfTime as stopped:
        return FileError(path=task.path, message=timeout_cause(stopped.seconds))


def _size(path: str) -> int:
    """The size of ``path`` in bytes (0 when it cannot be read)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


_T = TypeVar("_T")


def _require_format(path: str) -> InputFormat:
    """The format of a named file; an office document gets the fix in its error line."""
    reason = skip_reason(path)
    if reason is not None and Path(path).is_file():
        raise InputError(path, f"not read: {reason}")
    return require_format(path)


def _guarded(path: str, lint: Callable[[], _T], doing: str = "linted") -> _T | FileError:
    """Run ``lint``; any failure becomes one :class:`FileError` line, never a traceback.

    ``doing`` is what the work does to the file, as an internal error's line says it
    ("could not be outlined").
    """
    try:
        return lint()
    except InputError as exc:
        return FileError(path=exc.path, message=exc.cause + windows_hint(exc.path, exc.cause))
    except SpeclintError as exc:
        return FileError(path=path, message=str(exc))
    except MemoryError:
        from speclint.workers import memory_cause

        return FileError(path=path, message=memory_cause())
    except Exception as exc:  # a bug must cost one file, not the whole run
        return FileError(
            path=path,
            message=f"could not be {doing} because of an internal error "
            f"({type(exc).__name__}: {exc}); please report it with the file if you can",
        )
    except BaseException as exc:
        # pydantic-core turns a MemoryError inside its Rust code into a PanicException,
        # which is not an Exception: it is still this file's failure, not the run's.
        from speclint.workers import OutOfTime

        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, OutOfTime)):
            raise  # an interrupt, or the time limit that the caller reports
        if isinstance(exc.__context__, MemoryError):
            from speclint.workers import memory_cause

            return FileError(path=path, message=memory_cause())
        return FileError(
            path=path,
            message=f"could not be {doing} because of an internal error "
            f"({type(exc).__name__}); please report it with the file if you can",
        )


def check_text(
    text: str, fmt: InputFormat = "md", *, path: str = "<text>", config: Settings | None = None
) -> Report:
    """Lint a string as if it were a Markdown (``md``) or plain-text (``txt``) file."""
    return check_bytes(text.encode("utf-8"), fmt, path=path, config=config)


def check_bytes(
    data: bytes, fmt: InputFormat, *, path: str = "<bytes>", config: Settings | None = None
) -> Report:
    """Lint in-memory file content of format ``fmt``; errors are reported, not raised."""
    result = _guarded(path, lambda: _parse_and_check(lambda: parse_bytes(data, path, fmt), config))
    if isinstance(result, FileError):
        return Report(errors=(result,))
    return Report(files=(result,))

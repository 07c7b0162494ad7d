"""Per-file time and memory limits: a file over a limit costs one line, never the run."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import speclint
from speclint import api
from speclint.cli import main
from speclint.config import ConfigError, load_file
from speclint.models import Document
from speclint.workers import CLOCK_FACTOR

SPEC = "4.2 All practitioners shall receive supervision within existing resources.\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    for name in ("a-good.md", "b-slow.md", "c-good.md"):
        (tmp_path / name).write_text(SPEC, encoding="utf-8")
    return tmp_path


def _misbehave(action: str) -> None:
    """Misbehave as a file's parsing might.

    ``spin`` works without end (processor time, as a runaway loop would); ``hang`` waits
    without end (no processor time); ``wait`` waits 4 s, as a worker that other programs
    leave no processor for would; ``memory`` asks for 4 GB; ``crash`` kills the process.
    """
    if action == "spin":
        while True:
            pass
    elif action == "hang":
        time.sleep(60)
    elif action == "wait":
        time.sleep(4)
    elif action == "memory":
        hog = [bytearray(64 * 1024 * 1024) for _ in range(64)]
        del hog
    elif action == "crash":
        os.kill(os.getpid(), signal.SIGKILL)


def _misbehave_on(monkeypatch: pytest.MonkeyPatch, name: str, action: str) -> None:
    """Make parsing the file called ``name`` misbehave (see :func:`_misbehave`)."""
    real = api.parse_bytes

    def parse(data: bytes, path: str, fmt: str) -> Document:  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            _misbehave(action)
        return real(data, path, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "parse_bytes", parse)


def _messages(report: speclint.Report) -> dict[str, str]:
    return {Path(e.path).name: e.message for e in report.errors}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_stopped_and_the_others_linted(
    pack: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _misbehave_on(monkeypatch, "b-slow.md", "spin")
    start = time.monotonic()
    report = speclint.check_paths([pack], jobs=jobs, timeout=2)
    assert time.monotonic() - start < 30
    assert _messages(report) == {"b-slow.md": "took longer than 2 s; not linted"}
    assert [Path(f.path).name for f in report.files] == ["a-good.md", "c-good.md"]
    assert all(f.findings for f in report.files)


def test_a_file_that_waits_rather_than_works_is_stopped_by_the_clock(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave_on(monkeypatch, "b-slow.md", "hang")
    start = time.monotonic()
    report = speclint.check_paths([pack], jobs=2, timeout=1)
    assert time.monotonic() - start < 30
    assert _messages(report) == {"b-slow.md": f"took longer than {CLOCK_FACTOR:g} s; not linted"}
    assert len(report.files) == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_busy_machine_does_not_stop_a_file_early(
    pack: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Waiting 4 s stands for a worker that other programs leave no processor for: over
    # the limit by the clock, far under it in the processor time the file used.
    _misbehave_on(monkeypatch, "b-slow.md", "wait")
    report = speclint.check_paths([pack], jobs=jobs, timeout=1.5)
    assert not report.errors
    assert [Path(f.path).name for f in report.files] == ["a-good.md", "b-slow.md", "c-good.md"]


def test_a_file_over_the_memory_limit_is_one_line(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave_on(monkeypatch, "b-slow.md", "memory")
    report = speclint.check_paths([pack], max_memory=256)
    message = _messages(report)["b-slow.md"]
    assert "256 MB" in message and message.endswith("not linted")
    assert len(report.files) == 2


def test_a_worker_that_dies_costs_only_its_file(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave_on(monkeypatch, "b-slow.md", "crash")
    report = speclint.check_paths([pack], jobs=2)
    assert "worker process stopped" in _messages(report)["b-slow.md"]
    assert len(report.files) == 2


def test_the_cli_reports_the_limit_in_one_line_and_exits_2(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave_on(monkeypatch, "b-slow.md", "spin")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--timeout", "2", str(pack)], out, err)
    assert code == 2
    assert err.getvalue() == (
        f"speclint: error: {pack / 'b-slow.md'}: took longer than 2 s; not linted\n"
    )
    assert out.getvalue().count("RFL001") == 2


def test_no_limits_lint_in_process(pack: Path) -> None:
    report = speclint.check_paths([pack], timeout=0, max_memory=0)
    assert len(report.files) == 3 and not report.errors


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "must be 0 (no limit) or more"), ("soon", "expected a number, got 'soon'")],
)
def test_bad_limit_flags_are_usage_errors(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--timeout", value, "x.md"]) == 2
    assert message in capsys.readouterr().err


def test_limits_in_configuration(tmp_path: Path) -> None:
    good = tmp_path / "speclint.toml"
    good.write_text("timeout = 5\nmax-memory = 300\n", encoding="utf-8")
    settings = load_file(good)
    assert settings.timeout == 5 and settings.max_memory == 300
    bad = tmp_path / "bad.toml"
    bad.write_text("timeout = -3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'timeout' must be a number of seconds"):
        load_file(bad)


def test_limits_do_not_change_the_cache_key(tmp_path: Path) -> None:
    from speclint.results_cache import ResultsCache

    cache = ResultsCache(tmp_path)
    settings = speclint.Settings()
    assert cache.key(b"x", "a.md", settings) == cache.key(
        b"x", "a.md", settings.with_limits(5, 100)
    )


def _double(x: int) -> int:
    return 2 * x


def test_a_worker_that_dies_between_files_loses_no_file() -> None:
    import multiprocessing

    from speclint.workers import Limits, Supervisor

    supervisor: Supervisor[int, object] = Supervisor(
        _double, lambda task, cause: cause, 1, Limits(timeout=30, max_memory_mb=None)
    )
    results: dict[int, object] = {}
    for index, value in supervisor.run([(i, i) for i in range(3)]):
        results[index] = value
        if index == 0:  # the idle worker is killed before it is given the next file
            for child in multiprocessing.active_children():
                child.kill()
                child.join()
    assert results == {0: 0, 1: 2, 2: 4}


_RUNS = Path(os.environ.get("TMPDIR", "/tmp")) / f"speclint-crash-runs-{os.getpid()}.log"


def _crash_on_sevens(task: int) -> int:
    if task % 7 == 1:
        with _RUNS.open("a", encoding="utf-8") as log:
            log.write(f"{task}\n")
        os._exit(3)
    return task


def test_a_file_that_kills_its_worker_runs_once_and_blames_no_other() -> None:
    from collections import Counter

    from speclint.workers import Limits, Supervisor

    for _ in range(3):
        _RUNS.write_text("", encoding="utf-8")
        supervisor: Supervisor[int, object] = Supervisor(
            _crash_on_sevens, lambda task, cause: ("failed", task), 2, Limits(30, None)
        )
        results = dict(supervisor.run([(i, i) for i in range(40)]))
        runs = Counter(_RUNS.read_text(encoding="utf-8").split())
        assert max(runs.values()) == 1  # a crashing file is not run again and again
        failed = {i for i, v in results.items() if isinstance(v, tuple)}
        assert failed == {i for i in range(40) if i % 7 == 1}
    _RUNS.unlink()


def test_a_time_limit_in_process_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    from speclint.workers import OutOfTime, limited_here

    assert gc.isenabled()
    with pytest.raises(OutOfTime), limited_here(0.05, None):
        gc.disable()  # as the engine does while a document is linted
        time.sleep(2)
    assert gc.isenabled()


def test_each_file_keeps_its_own_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "speclint.toml").write_text("timeout = 3\n", encoding="utf-8")
    (slow / "b-slow.md").write_text(SPEC, encoding="utf-8")
    (tmp_path / "a-good.md").write_text(SPEC, encoding="utf-8")
    _misbehave_on(monkeypatch, "b-slow.md", "spin")
    start = time.monotonic()
    report = speclint.check_paths([tmp_path])
    assert time.monotonic() - start < 40
    assert _messages(report) == {"b-slow.md": "took longer than 3 s; not linted"}


def _single(tmp_path: Path) -> Path:
    path = tmp_path / "only.md"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _record_pid(monkeypatch: pytest.MonkeyPatch, action: str) -> list[int]:
    """Make parsing misbehave (see :func:`_misbehave`), noting the process it ran in."""
    import threading

    if threading.active_count() > 1:  # limits are process-wide: then a worker is used
        pytest.skip("another thread is running in this test process")
    pids: list[int] = []
    real = api.parse_bytes

    def parse(data: bytes, path: str, fmt: str) -> Document:  # type: ignore[no-untyped-def]
        pids.append(os.getpid())
        _misbehave(action)
        return real(data, path, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "parse_bytes", parse)
    return pids


def test_the_only_small_file_keeps_its_time_limit_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = _record_pid(monkeypatch, "spin")
    start = time.monotonic()
    report = speclint.check_paths([_single(tmp_path)], timeout=2)
    assert time.monotonic() - start < 20
    assert pids == [os.getpid()]  # no worker process
    assert _messages(report) == {"only.md": "took longer than 2 s; not linted"}
    for number, timer in (
        (signal.SIGPROF, signal.ITIMER_PROF),
        (signal.SIGALRM, signal.ITIMER_REAL),
    ):
        assert signal.getsignal(number) == signal.SIG_DFL  # the timers are put back
        assert signal.getitimer(timer) == (0.0, 0.0)
    monkeypatch.undo()
    again = speclint.check_paths([_single(tmp_path)], timeout=2)
    assert not again.errors and again.files[0].findings


def test_the_only_small_file_is_timed_by_processor_time_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = _record_pid(monkeypatch, "wait")
    report = speclint.check_paths([_single(tmp_path)], timeout=1.5)
    assert pids == [os.getpid()]
    assert not report.errors and report.files[0].findings
    monkeypatch.undo()
    pids = _record_pid(monkeypatch, "hang")
    report = speclint.check_paths([_single(tmp_path)], timeout=0.5)
    assert pids == [os.getpid()]
    assert _messages(report) == {
        "only.md": f"took longer than {0.5 * CLOCK_FACTOR:g} s; not linted"
    }


def test_the_only_small_file_keeps_its_memory_limit_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    pids = _record_pid(monkeypatch, "memory")
    report = speclint.check_paths([_single(tmp_path)], max_memory=256)
    assert pids == [os.getpid()]
    assert _messages(report) == {"only.md": "needed more than 256 MB of memory; not linted"}
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the cap is lifted


def _imports_multiprocessing(path: Path) -> str:
    root = Path(__file__).resolve().parents[2]
    code = (
        f"import sys, speclint; speclint.check_paths([{str(path)!r}]); "
        "print('multiprocessing' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return done.stdout.strip() + done.stderr


def test_one_small_text_file_starts_no_worker_but_a_word_file_does(tmp_path: Path) -> None:
    assert _imports_multiprocessing(_single(tmp_path)) == "False"
    docx = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "stop-smoking-spec.docx"
    assert _imports_multiprocessing(docx) == "True"

"""Writes that survive a kill: the old file or the new one, whole, and no litter."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speclint import atomic
from speclint.cli import main

SPEC = "5.2 Ten per cent of the monthly payment will be withheld until KPI targets are met.\n"
_CHILD = """
import os, sys, time
from speclint import atomic
os.fsync = lambda fd: time.sleep(60)   # stall after writing, before the rename
atomic.write_file(sys.argv[1], b"new content, half written")
"""


def _litter(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".speclint.tmp")]


def test_a_killed_write_leaves_the_old_file_and_the_next_write_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old content")
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(target)])
    try:
        deadline = time.monotonic() + 30
        while not _litter(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _litter(tmp_path), "the child never started writing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert target.read_text() == "old content"
    atomic.write_file(target, b"fresh")
    assert target.read_bytes() == b"fresh"
    assert _litter(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old")

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        atomic.write_file(target, b"new")
    assert target.read_text() == "old" and _litter(tmp_path) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    live = tmp_path / f".out.html.{os.getppid()}.abcdef.speclint.tmp"
    live.write_text("someone else is writing")
    atomic.write_file(target, b"x")
    assert live.exists()


def test_no_clobber_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "copy.docx"
    target.write_bytes(b"a person's file")
    with pytest.raises(FileExistsError):
        atomic.write_file(target, b"ours", replace=False)
    assert target.read_bytes() == b"a person's file" and _litter(tmp_path) == []


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no writable /dev/shm")
def test_a_new_file_under_dev_is_a_new_file_not_a_device() -> None:
    # /dev/shm holds ordinary files: a new one there does not already exist.
    target = Path("/dev/shm") / f"speclint-{os.getpid()}-copy.docx"
    try:
        atomic.write_file(target, b"ours", replace=False)
        assert target.read_bytes() == b"ours"
        with pytest.raises(FileExistsError):
            atomic.write_file(target, b"again", replace=False)
    finally:
        target.unlink(missing_ok=True)
    assert atomic.stream_target("/dev/null") and not atomic.stream_target(target)


@pytest.mark.parametrize("command", ["check", "baseline"])
def test_report_and_baseline_outputs_are_written_whole(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(SPEC, encoding="utf-8")
    output = tmp_path / "out.json"
    argv = [command, str(spec), "-o", str(output), "--no-cache"]
    if command == "check":
        argv += ["--format", "json"]
    main(argv, io.StringIO(), io.StringIO())
    assert json.loads(output.read_text("utf-8"))
    assert _litter(tmp_path) == []


class _FullDisk(io.RawIOBase):
    """A file on a full disk: every write fails, as it does once the buffer is flushed."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(28, "No space left on device")


def test_a_pending_file_on_a_full_disk_is_discarded_without_litter(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old")
    pending = atomic.Pending(target)
    pending.handle.close()
    # What is written waits in the buffer; closing flushes it and fails.
    pending.handle = io.TextIOWrapper(io.BufferedWriter(_FullDisk()), encoding="utf-8")
    pending.write("part of a report")
    pending.discard()
    assert target.read_text() == "old" and _litter(tmp_path) == []


def test_a_report_streamed_onto_a_full_disk_is_one_line_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(SPEC, encoding="utf-8")
    output = tmp_path / "out.json"
    output.write_text("old report")

    def full(self: atomic.Pending, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.Pending, "write", full)
    err = io.StringIO()
    argv = ["check", str(spec), "--format", "json", "-o", str(output), "--no-cache"]
    assert main(argv, io.StringIO(), err) == 2
    assert err.getvalue() == (
        f"speclint: error: cannot write the report to {output} (No space left on device)\n"
    )
    assert output.read_text() == "old report" and _litter(tmp_path) == []


def test_a_report_file_that_is_a_folder_is_refused_before_any_file_is_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speclint.api

    spec = tmp_path / "spec.md"
    spec.write_text(SPEC, encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    linted: list[str] = []
    real = speclint.api._lint_task
    monkeypatch.setattr(
        speclint.api, "_lint_task", lambda task: linted.append(task.path) or real(task)
    )
    err = io.StringIO()
    assert main(["check", str(spec), "-o", str(folder), "--no-cache"], io.StringIO(), err) == 2
    assert (
        err.getvalue() == f"speclint: error: cannot write the report to {folder} (it is a folder)\n"
    )
    assert linted == [] and list(folder.iterdir()) == []


def test_a_report_is_never_written_over_a_document_it_did_not_read(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "spec.md").write_text(SPEC, encoding="utf-8")
    legacy = drafts / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0 a legacy Word draft")
    err = io.StringIO()
    assert main(["check", str(drafts), "-o", str(legacy), "--no-cache"], io.StringIO(), err) == 2
    assert f"refusing to write over an input file: {legacy}" in err.getvalue()
    assert legacy.read_bytes() == b"\xd0\xcf\x11\xe0 a legacy Word draft"
    assert _litter(drafts) == []

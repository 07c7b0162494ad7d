"""``speclint check`` over folders: the parent walks and writes, the workers do the rest."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import speclint
from speclint import api
from speclint.cli import main
from speclint.models import Document

ROOT = Path(__file__).resolve().parents[2]
SPEC = "4.2 All practitioners shall receive supervision within existing resources.\n"


def _folder(tmp_path: Path, count: int = 4) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    for i in range(count):
        (pack / f"lot-{i}.md").write_text(f"# Lot {i}\n\n{SPEC}", encoding="utf-8")
    return pack


def test_the_parent_of_a_json_run_never_loads_pydantic(tmp_path: Path) -> None:
    pack = _folder(tmp_path)
    script = (
        "import io, sys\n"
        "from speclint.cli import main\n"
        f"code = main(['check', {str(pack)!r}, '--format', 'json', '--jobs', '2', "
        "'--no-cache'], io.StringIO(), io.StringIO())\n"
        "print(code, 'pydantic' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPECLINT_NO_PROGRESS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["1", "False"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_workers_resolve_settings_exclusions_and_errors_as_the_api_does(
    tmp_path: Path, jobs: str
) -> None:
    pack = _folder(tmp_path)
    (pack / "speclint.toml").write_text(
        'ignore = ["RFL"]\nextend-exclude = ["lot-1.md"]\n', encoding="utf-8"
    )
    broken = pack / "broken"
    broken.mkdir()
    (broken / "speclint.toml").write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    (broken / "lot-9.md").write_text(SPEC, encoding="utf-8")
    only_excluded = tmp_path / "old"
    only_excluded.mkdir()
    (only_excluded / "speclint.toml").write_text('exclude = ["*.md"]\n', encoding="utf-8")
    (only_excluded / "draft.md").write_text(SPEC, encoding="utf-8")
    paths = [str(pack), str(only_excluded)]
    whole = speclint.check_paths(paths, jobs=1)
    out = io.StringIO()
    code = main(
        ["check", *paths, "--format", "json", "--jobs", jobs, "--no-cache"], out, io.StringIO()
    )
    assert code == 2
    assert out.getvalue() == speclint.render(whole, "json")
    report = json.loads(out.getvalue())
    assert [Path(f["path"]).name for f in report["files"]] == ["lot-0.md", "lot-2.md", "lot-3.md"]
    assert [Path(e["path"]).name for e in report["errors"]] == ["lot-9.md", "old"]
    assert "left out by 'exclude'" in report["errors"][1]["message"]


def _spin_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make parsing the file called ``name`` work without end (processor time)."""
    real = api.parse_bytes

    def parse(data: bytes, path: str, fmt: str) -> Document:  # type: ignore[no-untyped-def]
        while Path(path).name == name:
            pass
        return real(data, path, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "parse_bytes", parse)


def test_a_time_limit_found_by_the_worker_stops_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = _folder(tmp_path, 3)
    slow = pack / "slow"
    slow.mkdir()
    (slow / "speclint.toml").write_text("timeout = 2\n", encoding="utf-8")
    (slow / "b-slow.md").write_text(SPEC, encoding="utf-8")
    _spin_on(monkeypatch, "b-slow.md")
    err = io.StringIO()
    start = time.monotonic()
    code = main(["check", str(pack), "--jobs", "2", "--no-cache", "-q"], io.StringIO(), err)
    assert time.monotonic() - start < 30  # not the run's 60 s
    assert code == 2
    assert "b-slow.md: took longer than 2 s; not linted" in err.getvalue()

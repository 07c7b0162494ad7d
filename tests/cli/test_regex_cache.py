"""The command's kept regular expressions: equal to compiled ones, sealed, and bounded."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from speclint import regex_cache
from speclint.atomic import _writer

pytestmark = pytest.mark.skipif(not regex_cache._READY, reason="re is laid out otherwise")

PATTERNS = [
    (r"\b(?P<word>[A-Za-z]+)\s+(?P=word)\b", 0),
    (r"(?<![£\d.])(\d{1,3}(?:\.\d+)?)\s*(%|per\s?cent\b)?", re.IGNORECASE),
    (r"^\s*(?:#{1,6}\s|[0-9]|\(|[a-zA-Z]{1,6}[).])", re.MULTILINE),
    (
        r"""(?x) ( \d+ ) \s* # a number
         (?: years? | months? )""",
        0,
    ),
    (r"(?i:clause|schedule)\s+(\d+)(?:\.(\d+))*", 0),
    (r"[^\w'’\"“‘]*[\w’'-]+(?:[^\w\s]* +[\w’'-]+){0,9}", re.ASCII),
    ("café|naïve|–|—", re.UNICODE | re.DOTALL),
    (r"(?:a|b)*?c{2,}(?=d)|(?!x)y", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_rebuilt_pattern_equals_the_compiled_one(pattern: str, flags: int) -> None:
    rebuilt = regex_cache._build(pattern, regex_cache.entry_of(pattern, flags))
    compiled = re.compile(pattern, flags)
    assert rebuilt == compiled  # patterns compare by flags, text and code
    assert (rebuilt.groups, rebuilt.groupindex) == (compiled.groups, compiled.groupindex)
    sample = "Clause 12.3 the the 40 per cent of 3 years, café — d ccd y"
    assert [m.span() for m in rebuilt.finditer(sample)] == [
        m.span() for m in compiled.finditer(sample)
    ]


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """A run of its own: an empty cache folder and an empty ``re`` cache.

    A full test run leaves hundreds of patterns in ``re``'s cache, past the file's limit.
    """
    re.purge()
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(regex_cache, "_KNOWN", {})
    monkeypatch.setattr(regex_cache, "_LOADED", [True])


def test_nothing_is_written_before_the_stored_patterns_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fresh(monkeypatch, tmp_path)
    monkeypatch.setattr(regex_cache, "_LOADED", [])
    re.compile(r"not-read-first-(\d+)")
    regex_cache.save()
    assert not regex_cache.cache_file().exists()


def test_a_pattern_kept_by_one_run_is_read_by_the_next(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fresh(monkeypatch, tmp_path)
    text = r"kept-between-runs-(\d+)-(?P<tail>[a-z]+)"
    compiled = re.compile(text)
    regex_cache.save()
    assert regex_cache.cache_file().is_file()
    assert (text, 0) in regex_cache._KNOWN
    monkeypatch.setattr(regex_cache, "_KNOWN", {})
    del regex_cache._CACHE[str, text, 0]
    regex_cache.load()
    read = regex_cache._CACHE[str, text, 0]
    assert read is not compiled and read == compiled
    assert re.compile(text) is read  # what re.compile now returns, without compiling


def test_a_tampered_file_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fresh(monkeypatch, tmp_path)
    text = r"tampered-(\d+)"
    re.compile(text)
    regex_cache.save()
    target = regex_cache.cache_file()
    target.write_bytes(target.read_bytes().replace(b"tampered", b"tamperex"))
    monkeypatch.setattr(regex_cache, "_KNOWN", {})
    del regex_cache._CACHE[str, text, 0]
    regex_cache.load()
    assert regex_cache._KNOWN == {}
    assert (str, text, 0) not in regex_cache._CACHE


def test_a_pattern_made_from_a_set_in_another_order_is_not_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fresh(monkeypatch, tmp_path)
    re.compile("[#%&*]")
    regex_cache.save()
    assert ("[#%&*]", 0) in regex_cache._KNOWN
    before = regex_cache.cache_file().read_bytes()
    re.compile("[&*#%]")  # the same set, another run's order
    regex_cache.save()
    assert ("[&*#%]", 0) not in regex_cache._KNOWN
    assert regex_cache.cache_file().read_bytes() == before  # nothing new: not rewritten


def test_the_file_holds_at_most_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fresh(monkeypatch, tmp_path)
    monkeypatch.setattr(regex_cache, "LIMIT", 5)
    for i in range(8):
        re.compile(f"bounded-{i}-(x+)")
    regex_cache.save()
    assert len(regex_cache._KNOWN) == 5


def test_the_command_reads_what_it_kept(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text("# Spec\n\n1.1 The Provider shall report monthly.\n", encoding="utf-8")
    env = {
        "SPECLINT_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    command = [sys.executable, "-m", "speclint", "check", "--no-cache", str(spec)]
    first = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    kept = list((tmp_path / "cache").glob("regex-*.marshal"))
    assert len(kept) == 1
    stamp = kept[0].stat().st_mtime_ns
    second = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert kept[0].stat().st_mtime_ns == stamp  # nothing new to keep the second time
    version = [sys.executable, "-m", "speclint", "--version"]
    subprocess.run(version, capture_output=True, text=True, env=env, check=True)
    assert kept[0].stat().st_mtime_ns == stamp  # --version neither reads nor writes it


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        (".report.json.1234.a1b2c3.speclint.tmp", 1234),
        (".report.json.1234.a1b2c.speclint.tmp", None),
        (".report.json.12x4.a1b2c3.speclint.tmp", None),
        (".report.json.1234.a1b2cg.speclint.tmp", None),
        (".report.json..a1b2c3.speclint.tmp", None),
        (".other.json.1234.a1b2c3.speclint.tmp", None),
        (".report.json.1234.a1b2c3.tmp", None),
        ("report.json", None),
    ],
)
def test_temporary_names_are_read_without_a_pattern(name: str, pid: int | None) -> None:
    assert _writer(name, "report.json") == pid

"""Caches no one can falsify: entries sealed with a key only this user holds."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_python

from speclint import signing
from speclint.api import check_paths
from speclint.models import FileReport

SPEC = "5.2 Ten per cent of the monthly payment will be withheld until KPI targets are met.\n"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "payment.md"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _entry(cache: Path) -> Path:
    (entry,) = (cache / "results").rglob("*.json")
    return entry


def _cleaned(entry: Path) -> bytes:
    """The entry's report with its findings removed: what an attacker would plant."""
    body = entry.read_bytes().partition(b"\n")[2]
    report = FileReport.model_validate_json(body)
    return report.model_copy(update={"findings": ()}).model_dump_json().encode()


def test_a_planted_entry_never_changes_a_result(spec: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = check_paths([spec], cache_dir=cache)
    assert [f.code for f in first.findings] == ["PBR001"]
    entry = _entry(cache)
    forged = _cleaned(entry)
    # Unsealed, sealed with a guessable hash, and sealed by another user's key.
    other = hmac_with(os.urandom(32), entry.stem, forged)
    for planted in (forged, hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged, other):
        entry.write_bytes(planted)
        again = check_paths([spec], cache_dir=cache)
        assert [f.code for f in again.findings] == ["PBR001"]


def hmac_with(key: bytes, name: str, content: bytes) -> bytes:
    import hmac

    mac = hmac.new(key, name.encode() + b"\0" + content, hashlib.sha256).hexdigest()
    return mac.encode() + b"\n" + content


def test_a_genuine_entry_is_used(spec: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check_paths([spec], cache_dir=cache)
    entry = _entry(cache)
    # Sealed with this user's key, a changed entry is believed: that is what proves the
    # key is what decides (and what a user's own key must therefore never leave).
    entry.write_bytes(signing.seal(entry.stem, _cleaned(entry)))
    assert check_paths([spec], cache_dir=cache).findings == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_is_private_to_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    signing.sign("x", b"y")
    key = tmp_path / "user-cache" / "cache-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32


def test_an_unstorable_key_still_seals_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(blocker / "cache"))
    sealed = signing.seal("name", b"content")
    assert signing.unseal("name", sealed) == b"content"
    assert signing.unseal("other", sealed) is None


def test_a_key_that_cannot_be_put_in_place_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    folder = tmp_path / "user-cache"
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(signing.os, "replace", full)
    sealed = signing.seal("name", b"content")
    assert signing.unseal("name", sealed) == b"content"  # this process's own key
    assert list(folder.iterdir()) == []


#: Findings in a fresh process: they depend on every rule's parsed query.
_FINDINGS = (
    f"import speclint; print(sorted(f.code for f in speclint.check_text({SPEC!r}, 'txt').findings))"
)


def test_a_planted_query_cache_never_replaces_a_rule(tmp_path: Path) -> None:
    first = run_python(_FINDINGS, tmp_path)
    assert first.returncode == 0 and "PBR001" in first.stdout
    (written,) = tmp_path.glob("queries-*.marshal")
    data = marshal.loads(written.read_bytes().partition(b"\n")[2])
    # Every query parsed as one harmless word: rules that could never fire, planted as
    # unsealed data and as an entry sealed with another user's key.
    tree = json.dumps(["term", "zzzz", False])
    entry = {"need": {"w": "zzzz"}, "anywhere": {"w": "zzzz"}, "tree": tree}
    forged = marshal.dumps({**data, "queries": {text: entry for text in data["queries"]}})
    for planted in (forged, hmac_with(os.urandom(32), written.name, forged)):
        written.write_bytes(planted)
        again = run_python(_FINDINGS, tmp_path)
        assert again.returncode == 0 and again.stdout == first.stdout


def _in_fresh_process(code: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python -c CODE`` with this checkout's speclint and ``cache_dir`` as the user cache."""
    root = Path(__file__).resolve().parents[2]
    env = {"SPECLINT_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_a_planted_rule_registry_never_replaces_a_rule(tmp_path: Path) -> None:
    first = _in_fresh_process(_FINDINGS, tmp_path)
    assert first.returncode == 0 and "PBR001" in first.stdout, first.stderr
    (written,) = tmp_path.glob("rules-*.marshal")
    data = marshal.loads(written.read_bytes().partition(b"\n")[2])
    # Every rule's query replaced by one harmless word: rules that could never fire.
    for pack in data["packs"]:
        for rule in pack["rules"]:
            if rule.get("query"):
                rule["query"] = "zzzz"
    forged = marshal.dumps(data)
    for planted in (forged, hmac_with(os.urandom(32), written.name, forged)):
        written.write_bytes(planted)
        again = _in_fresh_process(_FINDINGS, tmp_path)
        assert again.returncode == 0 and again.stdout == first.stdout
    # The genuine entry is used: loading the rules then validates no check's options.
    probe = (
        "import sys, speclint.rules as r; r.all_rules(); "
        "print('speclint.rules.checks' in sys.modules)"
    )
    written.unlink()
    assert _in_fresh_process(probe, tmp_path).stdout.strip() == "True"  # validated afresh
    assert _in_fresh_process(probe, tmp_path).stdout.strip() == "False"  # from the registry


def test_old_cache_versions_are_retired_and_the_newest_kept(tmp_path: Path) -> None:
    current = tmp_path / "queries-cafe0000.json"
    older = []
    for age in range(6):
        entry = tmp_path / f"queries-old{age}.json"
        entry.write_text("{}", encoding="utf-8")
        os.utime(entry, (1_000_000 - age * 100, 1_000_000 - age * 100))
        older.append(entry)
    unrelated = tmp_path / "rules-0001.json"
    unrelated.write_text("{}", encoding="utf-8")
    key = tmp_path / "cache-key"
    key.write_bytes(b"k")
    current.write_text("{}", encoding="utf-8")

    signing.retire_old_versions(current, keep=3)

    kept = sorted(p.name for p in tmp_path.iterdir())
    # The current file and the two newest older versions stay; other prefixes are untouched.
    assert kept == sorted(["cache-key", current.name, older[0].name, older[1].name, unrelated.name])


def test_a_run_writing_a_new_query_cache_retires_stale_ones(tmp_path: Path) -> None:
    stale = [tmp_path / f"queries-stale{n}.json" for n in range(signing.KEEP_VERSIONS + 2)]
    for number, entry in enumerate(stale):
        entry.write_text("{}", encoding="utf-8")
        os.utime(entry, (1_000 + number, 1_000 + number))
    code = (
        "from speclint.query import cache\n"
        "from speclint.query.parser import parse_query\n"
        "cache.save([('fund* OR budget', parse_query('fund* OR budget'))])\n"
    )
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    # The stale files are JSON, as earlier releases wrote them; the new one is marshal.
    left = sorted(p.name for p in tmp_path.glob("queries-*") if p.suffix in (".json", ".marshal"))
    assert len(left) == signing.KEEP_VERSIONS
    assert sum(name.endswith(".marshal") for name in left) == 1
    assert "queries-stale0.json" not in left and "queries-stale1.json" not in left

"""The pre-commit hook, run for real: ``pre-commit try-repo`` against this checkout.

A policy team's repository is made in a temporary folder (``git init``, a committed
``spec.md``) and ``pre-commit try-repo`` runs the ``speclint`` hook of
``.pre-commit-hooks.yaml`` on it: the hook must fail on a flawed specification, naming
the rule, and pass on a clean one.

try-repo on a checkout with uncommitted work copies only changes to tracked files, so
a new, not yet committed module would be missing from what it installs. The test
therefore commits a snapshot of this checkout's working tree (tracked and untracked
files, ignored ones left out, as ``git add -A`` would take them) in a temporary
repository and points try-repo at that. ``PRE_COMMIT_HOME`` is a temporary folder for
the whole session, so the hook's environment (which pip-installs speclint and its
dependencies from PyPI) is built once. The first run builds it, hence the long timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Building the hook's environment installs speclint and its dependencies from PyPI.
TIMEOUT = 900

FLAWED = (
    "# Community support service\n\n"
    "6.2 Ten per cent of the Annual Contract Value shall be held at risk against the Key "
    "Performance Indicators in Schedule 4.\n"
)
CLEAN = (
    "# Community support service\n\n"
    "6.1 The Contract Price is paid in twelve equal monthly instalments.\n\n"
    "6.2 The parties will review the indicators in Schedule 4 each quarter with the service "
    "user forum and front-line staff, as information for improvement.\n"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no inherited GIT_* state, our own home."""
    # No GIT_* state, and the results cache where a user's would be (.speclint_cache).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_") and k != "SPECLINT_RESULTS_CACHE_DIR"
    }
    env["PRE_COMMIT_HOME"] = str(home)
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)


def _new_repo(path: Path, env: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, env, "init", "-q")
    _git(path, env, "config", "user.name", "Policy Team")
    _git(path, env, "config", "user.email", "policy@example.org")
    _git(path, env, "config", "commit.gpgsign", "false")
    return path


def _commit(repo: Path, env: dict[str, str], message: str) -> None:
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", message)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, pre_commit_home: Path) -> Path:
    """A committed snapshot of this checkout's working tree, for try-repo to install."""
    env = _env(pre_commit_home)
    snapshot = _new_repo(tmp_path_factory.mktemp("hook-repo"), env)
    for name in _checkout_files(env):
        source = ROOT / name
        if source.is_file():  # a deleted but still tracked file is left out, as git add -A
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _commit(snapshot, env, "snapshot of the speclint checkout")
    return snapshot


_NOT_SOURCE = {".git", ".venv", "venv", "__pycache__", ".speclint_cache", "test-artifacts"}


def _checkout_files(env: dict[str, str]) -> list[str]:
    """The files of this checkout that git would commit (every file, in an exported tree)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    if listed.returncode == 0:
        return [name for name in listed.stdout.decode().split("\0") if name]
    return [
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*")
        if path.is_file()
        and not _NOT_SOURCE.intersection(path.relative_to(ROOT).parts)
        and not any(part.endswith((".egg-info", "_cache")) for part in path.parts)
    ]


def _try_repo(policy: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "speclint"]
    return subprocess.run(
        [*command, "--all-files", "--color", "never"],
        cwd=policy,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def _shown(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_hook_files_pattern_names_the_suffixes() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "files: '\\.(docx|docm|dotx|dotm|pdf|md|markdown|txt)$'" in text
    assert "- id: speclint" in text


def test_precommit_hook_fails_on_a_flawed_spec_and_passes_on_a_clean_one(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    env = _env(pre_commit_home)
    policy = _new_repo(tmp_path / "policy", env)
    (policy / "spec.md").write_text(FLAWED, encoding="utf-8")
    (policy / "notes.py").write_text("print('not a specification')\n", encoding="utf-8")
    _commit(policy, env, "flawed draft")

    flawed = _try_repo(policy, hook_repo, pre_commit_home)
    assert flawed.returncode == 1, _shown(flawed)
    assert "spec.md:3:5: error: PBR001" in flawed.stdout, _shown(flawed)
    assert "notes.py" not in flawed.stdout, _shown(flawed)

    (policy / "spec.md").write_text(CLEAN, encoding="utf-8")
    _commit(policy, env, "block price")
    clean = _try_repo(policy, hook_repo, pre_commit_home)
    assert clean.returncode == 0, _shown(clean)
    assert "Passed" in clean.stdout, _shown(clean)
    # The hook's results cache stays out of the policy team's commits.
    assert (policy / ".speclint_cache" / ".gitignore").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=policy, env=env, capture_output=True, text=True
    )
    assert status.stdout == "", status.stdout

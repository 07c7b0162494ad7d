"""The command skips pydantic's plugin search only when every plugin is off.

With ``PYDANTIC_DISABLE_PLUGINS`` unset (the command then turns plugins off) or set to
turn them all off, a stand-in loader answers "no plugins" without importing the
package metadata machinery; with plugins on, pydantic's own loader runs. Either way
the lint's output is the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.argv = ["speclint", "check", "--fail-on", "never", "--no-cache", sys.argv[1]]
from speclint.cli import main
code = main()
loader = sys.modules.get("pydantic.plugin._loader")
print("real" if getattr(loader, "__file__", None) else "stand-in", code)
"""

DRAFT = (
    "## 4. Workforce\n\n4.1 Key workers shall have reflective supervision monthly, "
    "met from the current contract value.\n"
)


def _run(tmp_path: Path, plugins: str | None) -> tuple[str, str]:
    spec = tmp_path / "spec.md"
    spec.write_text(DRAFT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = str(ROOT)
    env["SPECLINT_CACHE_DIR"] = str(tmp_path / "cache")
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(spec)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    *report, last = done.stdout.strip().split("\n")
    return last, "\n".join(report)


@pytest.mark.parametrize(
    ("plugins", "loader"), [(None, "stand-in"), ("1", "stand-in"), ("", "real")]
)
def test_plugin_loader_is_replaced_only_when_plugins_are_off(
    tmp_path: Path, plugins: str | None, loader: str
) -> None:
    last, report = _run(tmp_path, plugins)
    assert last == f"{loader} 0"
    assert "RFL001" in report
